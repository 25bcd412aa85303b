//! The gazetteer data file is valid: every line parses, ids are unique and well-formed, types
//! are valid, the header cites its sources, and no alias belongs to two entries.

use std::collections::HashMap;

use fahras_core::entities::gazetteer::{key_of, BUILTIN_FILE};
use fahras_core::entities::{EntityKind, Gazetteer};

const TSV: &str = include_str!("../data/gazetteer.tsv");
const CURATED: &str = include_str!("../data/gazetteer-curated.tsv");

#[test]
fn every_line_parses_with_unique_ids_and_valid_types() {
    let g = match Gazetteer::parse(BUILTIN_FILE, TSV) {
        Ok(g) => g,
        Err(errors) => panic!(
            "gazetteer.tsv is invalid:\n{}",
            errors
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n")
        ),
    };
    let data_lines = TSV
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .count();
    assert_eq!(
        g.entries().len(),
        data_lines - 1,
        "one entry per data line (after the header)"
    );
    let mut seen = HashMap::new();
    for e in g.entries() {
        assert!(
            seen.insert(e.id.clone(), ()).is_none(),
            "duplicate id {}",
            e.id
        );
        assert_ne!(e.kind, EntityKind::Date);
        assert!(
            e.id.starts_with(&format!("{}:", e.kind.as_str())),
            "{} does not start with its type",
            e.id
        );
    }
    // A general world gazetteer, not a list of one story's names.
    let count = |k| g.entries().iter().filter(|e| e.kind == k).count();
    assert!(
        count(EntityKind::Place) > 500,
        "countries, capitals, cities, regions"
    );
    assert!(count(EntityKind::Org) > 100);
    assert!(count(EntityKind::Person) > 150);
}

#[test]
fn header_cites_sources() {
    let header: String = TSV
        .lines()
        .take_while(|l| l.starts_with('#'))
        .collect::<Vec<_>>()
        .join("\n");
    for source in [
        "CLDR",
        "i18n-iso-countries",
        "world-countries",
        "gazetteer-curated.tsv",
        "scripts/gazetteer/build.py",
    ] {
        assert!(header.contains(source), "header must cite {source}");
    }
}

#[test]
fn no_alias_belongs_to_two_entries() {
    let g = Gazetteer::builtin();
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in g.entries() {
        for a in std::iter::once(&e.name).chain(&e.aliases) {
            let k = key_of(a);
            if let Some(other) = owner.insert(k.clone(), &e.id) {
                assert_eq!(
                    other, e.id,
                    "alias `{a}` ({k}) is claimed by {other} and {}",
                    e.id
                );
            }
        }
    }
}

#[test]
fn seeds_lesser_known_people_are_not_in_the_gazetteer() {
    // They must be found by the rules: that is how generalisation is checked.
    let g = Gazetteer::builtin();
    for name in [
        "دميترييف",
        "كيريل دميترييف",
        "ويتكوف",
        "ستيف ويتكوف",
        "بيسكوف",
        "دميتري بيسكوف",
    ] {
        assert!(
            g.lookup(&key_of(name)).is_none(),
            "{name} must not be in the gazetteer"
        );
    }
    for (name, id) in [
        ("بوتين", "person:vladimir-putin"),
        ("ترمب", "person:donald-trump"),
        ("أميركا", "place:united-states"),
        ("موسكو", "place:moscow"),
    ] {
        assert_eq!(
            g.lookup(&key_of(name)).map(|e| e.id.as_str()),
            Some(id),
            "{name}"
        );
    }
}

#[test]
fn curated_file_has_six_columns_everywhere() {
    let mut header = false;
    for (n, line) in CURATED.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        assert_eq!(
            line.split('\t').count(),
            6,
            "gazetteer-curated.tsv:{}: {line}",
            n + 1
        );
        header = true;
    }
    assert!(header);
}

#[test]
fn parse_errors_name_file_line_and_field() {
    let text = "# c\nid\ttype\tname\tlabel_en\taliases\tadjectives\tsource\n\
                person:a\tperson\tأ\tA\t\t\tx\n\
                person:a\tperson\tب\tB\t\t\tx\n\
                place:b\tplanet\tج\tC\t\t\tx\n\
                org:Bad Id\torg\tد\tD\t\t\tx\n\
                too\tfew\n";
    let errors = Gazetteer::parse("g.tsv", text).expect_err("invalid");
    let msgs: Vec<String> = errors.iter().map(ToString::to_string).collect();
    assert!(
        msgs.iter()
            .any(|m| m.contains("g.tsv:4") && m.contains("duplicate id")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("g.tsv:5") && m.contains("`type`")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("g.tsv:6") && m.contains("`id`")),
        "{msgs:?}"
    );
    assert!(
        msgs.iter()
            .any(|m| m.contains("g.tsv:7") && m.contains("7 tab-separated fields")),
        "{msgs:?}"
    );
}

#[test]
fn protected_words_have_both_article_forms() {
    let p = Gazetteer::builtin().protected_words();
    for w in ["الكرملين", "كرملين", "بوتين", "واشنطن", "روسيا", "اوكرانيا"]
    {
        assert!(p.contains(w), "{w}");
    }
    // Words of multi-word names are ordinary words.
    assert!(!p.contains("المتحده"));
}
