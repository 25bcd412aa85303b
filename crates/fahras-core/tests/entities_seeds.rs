//! Precision and recall on the five seeds against hand labels (tests/data/entities/gold_seeds.json,
//! labelled from reading the text before the rules were written), mention level: same source
//! line, same type, same normalised text. The held-out set is scored and printed, not asserted.

use std::path::{Path, PathBuf};

use fahras_core::corpus::load_dir;
use fahras_core::entities::eval::{score, GoldFile, Report};
use fahras_core::entities::{extract, EntityKind, Gazetteer};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/entities")
}

fn run(gold_file: &str) -> Report {
    let path = data().join(gold_file);
    let gold: GoldFile = serde_json::from_str(&std::fs::read_to_string(&path).expect("gold file"))
        .expect("gold json");
    let corpus = data().join(&gold.corpus);
    let loaded = load_dir(&corpus).expect("corpus folder");
    assert!(!loaded.articles.is_empty());
    let table = extract(&loaded.articles, &Gazetteer::builtin(), None);
    score(&loaded.articles, &table, &gold, |id| {
        let p = std::fs::read_dir(&corpus)
            .ok()?
            .flatten()
            .map(|e| e.path())
            .find(|p| p.file_stem().and_then(|s| s.to_str()) == Some(id))?;
        Some(
            std::fs::read_to_string(p)
                .ok()?
                .lines()
                .map(str::to_owned)
                .collect(),
        )
    })
}

fn show(name: &str, r: &Report) {
    eprintln!("{name}:");
    for (k, c) in &r.per_kind {
        eprintln!(
            "  {:<7} P {:.3} R {:.3} F1 {:.3} (tp {} fp {} fn {})",
            k.as_str(),
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        );
    }
    for m in &r.misses {
        eprintln!(
            "  {} {} {}:{} {}",
            if m.spurious { "spurious" } else { "missed" },
            m.kind.as_str(),
            m.article,
            m.line,
            m.text
        );
    }
}

#[test]
fn seeds_precision_and_recall_at_least_095_per_type() {
    let r = run("gold_seeds.json");
    show("seeds", &r);
    for k in EntityKind::ALL {
        let c = r.kind(k);
        assert!(c.tp + c.fn_ > 0, "no gold {} mentions scored", k.as_str());
        assert!(
            c.precision() >= 0.95,
            "{} precision {:.3}",
            k.as_str(),
            c.precision()
        );
        assert!(
            c.recall() >= 0.95,
            "{} recall {:.3}",
            k.as_str(),
            c.recall()
        );
    }
}

#[test]
fn heldout_is_scored_and_does_not_regress() {
    // Hand-labelled text outside the seeds (README, "Entities"), 70 mentions. The rules were
    // measured at 0.96 / 0.90 / 0.93 here; the trained tagger reads 0.87 / 0.81 / 0.84 (people
    // 0.82/0.82, places 0.90/0.90, organisations 0.76/0.59): it trades a little on these texts
    // for not marking common words on real news (entities_ner.rs, the ANT chips), and it is
    // gated on thousands of held-out FANE mentions. The floors sit just under what is measured,
    // so a change that loses generalisation still fails here. Organisation recall is 13 of 22
    // mentions: the floor was 0.60 (14) until the second pass and the word clusters (FANE
    // held-out +1.6 / +5.1 points micro-F1), which read وكالة الأناضول whole where this gold
    // has الأناضول; one mention is 4.5 points here.
    let r = run("gold_heldout.json");
    show("held-out", &r);
    assert!(r.overall.tp + r.overall.fn_ > 50);
    let o = &r.overall;
    assert!(
        o.precision() >= 0.80 && o.recall() >= 0.78 && o.f1() >= 0.80,
        "overall {o:?}"
    );
    for (kind, c) in &r.per_kind {
        let k = kind.as_str();
        assert!(c.precision() >= 0.75, "{k} precision {:.3}", c.precision());
        assert!(c.recall() >= 0.55, "{k} recall {:.3}", c.recall());
    }
}
