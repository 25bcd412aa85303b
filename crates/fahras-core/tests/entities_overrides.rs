//! The corpus override file: its errors (each naming file, line and field) and its effects.

use fahras_core::entities::{extract, parse_overrides, EntityKind, Gazetteer, OverrideAction};
use fahras_core::model::{Article, Block, BlockKind};

fn article(paras: &[&str]) -> Article {
    Article {
        id: "a".into(),
        title: "عنوان".into(),
        title_derived: false,
        dek: None,
        author: None,
        source: None,
        url: None,
        date: None,
        lang: "ar".into(),
        blocks: paras
            .iter()
            .enumerate()
            .map(|(i, p)| Block {
                kind: BlockKind::Paragraph,
                text: (*p).into(),
                line: i as u32 + 2,
            })
            .collect(),
        removed: Vec::new(),
    }
}

fn errors(text: &str) -> Vec<String> {
    match parse_overrides("corpus/entities.tsv", text) {
        Ok(o) => panic!("expected errors, got {o:?}"),
        Err(d) => d.iter().map(ToString::to_string).collect(),
    }
}

fn has(errs: &[String], line: u32, needle: &str) -> bool {
    errs.iter()
        .any(|e| e.contains(&format!("corpus/entities.tsv:{line}:")) && e.contains(needle))
}

#[test]
fn unknown_action() {
    let e = errors("# comment\nrenam\tperson:donald-trump\tترامب\n");
    assert!(
        has(&e, 2, "field 1 (action): unknown action `renam`"),
        "{e:?}"
    );
    let e = errors("rename person:donald-trump ترامب\n");
    assert!(has(&e, 1, "separated by tabs"), "{e:?}");
}

#[test]
fn unknown_entity_id() {
    let e = errors("rename\tperson:donald-trmp\tترامب\nmerge\tperson:donald-trump\tplace:nowhere-land\nsuppress\tdonald\nalias\tdate:2022-13\tx\n");
    assert!(
        has(
            &e,
            1,
            "field 2 (id): unknown entity id `person:donald-trmp`"
        ),
        "{e:?}"
    );
    assert!(
        has(
            &e,
            2,
            "field 3 (id): unknown entity id `place:nowhere-land`"
        ),
        "{e:?}"
    );
    assert!(has(&e, 3, "field 2 (id)"), "{e:?}");
    assert!(has(&e, 4, "not an ISO date"), "{e:?}");
}

#[test]
fn bad_type() {
    let e = errors("add\tpersn\tأحمد السيد\n");
    assert!(has(&e, 1, "field 2 (type): unknown type `persn`"), "{e:?}");
    let e = errors("add\tdate\t2022\n");
    assert!(has(&e, 1, "field 2 (type)"), "{e:?}");
    let e = errors("merge\tperson:donald-trump\tplace:moscow\n");
    assert!(has(&e, 1, "different types"), "{e:?}");
}

#[test]
fn missing_field() {
    let e = errors(
        "add\tperson\n\nrename\tperson:donald-trump\nmerge\tperson:donald-trump\nsuppress\n",
    );
    assert!(has(&e, 1, "field 3 (name): missing"), "{e:?}");
    assert!(has(&e, 3, "field 3 (name): missing"), "{e:?}");
    assert!(has(&e, 4, "field 3 (into id): missing"), "{e:?}");
    assert!(has(&e, 5, "field 2 (id): missing"), "{e:?}");
}

#[test]
fn all_errors_are_reported_at_once() {
    assert_eq!(errors("x\ny\nadd\tz\tn\n").len(), 3);
}

#[test]
fn a_valid_file_parses() {
    let o = parse_overrides(
        "entities.tsv",
        "# corrections\nadd\tperson\tأحمد السيد\tالسيد أحمد|أحمد سيد\tAhmed El-Sayed\nalias\tperson:ahmed-el-sayed\tأ. السيد\n\
         rename\tplace:united-states\tأمريكا\tAmerica\nmerge\tperson:ستيف-ويتكوف\tperson:donald-trump\nsuppress\tdate:2022-02\n",
    )
    .expect("valid");
    assert_eq!(o.actions.len(), 5);
    assert!(
        matches!(&o.actions[0], OverrideAction::Add { id, kind: EntityKind::Person, .. } if id == "person:ahmed-el-sayed")
    );
}

#[test]
fn add_rename_merge_suppress_and_alias_take_effect() {
    let o = parse_overrides(
        "entities.tsv",
        "add\torg\tمؤسسة النور للتنمية\tالنور للتنمية\tAl-Nour Development\n\
         rename\tplace:united-states\tأمريكا\tAmerica\n\
         merge\tperson:ستيف-ويتكوف\tperson:jared-kushner\n\
         suppress\tplace:moscow\n\
         alias\tperson:كيريل-دميترييف\tالمبعوث كيريل\n",
    )
    .expect("valid");
    let articles = [article(&[
        "قالت النور للتنمية إن الولايات المتحدة مستعدة، وزار ستيف ويتكوف موسكو.",
        "والتقى كيريل دميترييف بمسؤولين، ثم تحدث المبعوث كيريل إلى الصحفيين.",
    ])];
    let g = Gazetteer::builtin();
    let t = extract(&articles, &g, Some(&o));
    let get = |id: &str| t.entities.iter().find(|e| e.id == id);
    let org = get("org:al-nour-development").expect("added entity found");
    assert_eq!(org.articles, vec![(0, 1)]);
    let us = get("place:united-states").expect("renamed");
    assert_eq!(
        (us.name.as_str(), us.label_en.as_deref()),
        ("أمريكا", Some("America"))
    );
    assert!(us.aliases.iter().any(|a| a == "الولايات المتحدة"));
    assert!(get("person:ستيف-ويتكوف").is_none(), "merged away");
    let kushner = get("person:jared-kushner").expect("merge target created from the gazetteer");
    assert_eq!(kushner.articles, vec![(0, 1)]);
    assert!(kushner.aliases.iter().any(|a| a == "ستيف ويتكوف"));
    assert!(get("place:moscow").is_none(), "suppressed");
    assert!(t.mentions[0]
        .iter()
        .all(|m| (m.entity as usize) < t.entities.len()));
    let kd = get("person:كيريل-دميترييف").expect("rule-found");
    assert_eq!(kd.articles, vec![(0, 2)], "the alias joined it");
    assert!(o.unused(&t, &g).is_empty(), "{:?}", o.unused(&t, &g));
}

#[test]
fn unused_lines_are_reported_after_extraction() {
    let o = parse_overrides("entities.tsv", "rename\tperson:فلان-الفلاني\tفلان\n").expect("valid");
    let g = Gazetteer::builtin();
    let t = extract(&[article(&["لا شيء هنا."])], &g, Some(&o));
    let w = o.unused(&t, &g);
    assert_eq!(w.len(), 1);
    assert!(w[0].to_string().contains("entities.tsv:1"), "{w:?}");
}
