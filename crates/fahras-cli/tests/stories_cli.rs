//! `fahras stories` on the seeds: the JSON shape, the alignment text of an article's story, and
//! an article in no story.

use std::path::Path;
use std::process::Command;

fn fahras(args: &[&str]) -> (bool, String, String) {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
    let out = Command::new(env!("CARGO_BIN_EXE_fahras"))
        .arg("stories")
        .arg(&seeds)
        .args(args)
        .output()
        .expect("fahras runs");
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn json_lists_stories_with_their_articles() {
    let (ok, out, err) = fahras(&["--json"]);
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let stories = v["stories"].as_array().unwrap();
    assert!(!stories.is_empty());
    let mut seen = Vec::new();
    for s in stories {
        assert!(s["id"].is_u64() && s["label"].is_string());
        let arts = s["articles"].as_array().unwrap();
        assert!(arts.len() >= 2);
        let titles: Vec<&str> = arts.iter().map(|a| a["title"].as_str().unwrap()).collect();
        assert!(titles.contains(&s["label"].as_str().unwrap()));
        for a in arts {
            for k in ["id", "title", "source", "date"] {
                assert!(a.get(k).is_some(), "{k} missing in {a}");
            }
            seen.push(a["id"].as_str().unwrap().to_owned());
        }
    }
    let n = seen.len();
    seen.sort();
    seen.dedup();
    assert_eq!(n, seen.len(), "an article listed twice");
    let miami: Vec<&str> = stories
        .iter()
        .find(|s| {
            s["articles"]
                .as_array()
                .unwrap()
                .iter()
                .any(|a| a["id"] == "000_62a7010aa40f5c78")
        })
        .unwrap()["articles"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert!(miami.contains(&"003_2a0c97e50c8b63d1"), "{miami:?}");
}

#[test]
fn an_article_id_prints_its_story_alignment() {
    let (ok, out, err) = fahras(&["003_2a0c97e50c8b63d1"]);
    assert!(ok, "{err}");
    assert!(out.contains("reports"), "{out}");
    assert!(out.contains("003_2a0c97e50c8b63d1") && out.contains("000_62a7010aa40f5c78"));
    assert!(out.contains("only in this report"));
    // A sentence another report also carries is marked k/N (k ≥ 2), one only 003 has "only".
    let n: usize = out
        .lines()
        .find_map(|l| l.strip_suffix(" reports")?.parse().ok())
        .expect("the number of reports");
    assert!(n >= 2, "{out}");
    assert!(
        out.lines().any(|l| {
            let l = l.trim_start();
            (2..=n).any(|k| l.starts_with(&format!("{k}/{n} ")))
        }),
        "{out}"
    );
    assert!(
        out.lines().any(|l| l.trim_start().starts_with("only ")),
        "{out}"
    );
    let (ok, _, err) = fahras(&["no-such-article"]);
    assert!(!ok && err.contains("no article `no-such-article`"), "{err}");
}
