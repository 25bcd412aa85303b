//! Real exports through the shared reader: 40 ANT Corpus articles (five outlets, RFC 2822 feed
//! dates, fields named as the corpus names them; see `data/corpus/ant/README.md`), the same
//! records as a `.json` array and as one JSONL file larger than the per-file limit.

mod corpus_support;

use std::fs;

use corpus_support::temp_dir;
use fahras_core::corpus::{load_dir, LoadReport, MAX_FILE_BYTES};
use serde_json::Value;

const SAMPLE: &str = include_str!("data/corpus/ant/ant-sample.jsonl");

fn records() -> Vec<serde_json::Map<String, Value>> {
    SAMPLE
        .lines()
        .map(|l| match serde_json::from_str(l).unwrap() {
            Value::Object(o) => o,
            _ => unreachable!(),
        })
        .collect()
}

/// `Wed, 02 May 2018 11:26:53 GMT` → `2018-05-02`, read here without the project's parser.
fn feed_day(rfc2822: &str) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = rfc2822.split_whitespace().collect();
    let month = MONTHS.iter().position(|m| *m == parts[2]).unwrap() + 1;
    format!(
        "{}-{month:02}-{:02}",
        parts[3],
        parts[1].parse::<u32>().unwrap()
    )
}

fn load(name: &str, bytes: &[u8]) -> LoadReport {
    let dir = temp_dir(name);
    fs::write(dir.join(name), bytes).unwrap();
    load_dir(&dir).unwrap()
}

fn check_against_records(report: &LoadReport, id_of: impl Fn(usize) -> String) {
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let recs = records();
    assert_eq!(report.articles.len(), recs.len());
    for (i, rec) in recs.iter().enumerate() {
        let a = report
            .articles
            .iter()
            .find(|a| a.id == id_of(i))
            .expect("every record loads");
        let field = |k: &str| rec[k].as_str().unwrap().trim();
        assert_eq!(
            a.date.as_deref(),
            Some(feed_day(field("date")).as_str()),
            "{}",
            a.id
        );
        assert_eq!(a.source.as_deref(), Some(field("source")), "{}", a.id);
        assert_eq!(a.url.as_deref(), Some(field("url")), "{}", a.id);
        assert!(!a.title_derived, "{}: the record's title is used", a.id);
        let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        assert_eq!(squash(&a.title), squash(field("title")), "{}", a.id);
        // The abstract is the dek, unless the text opens with it (then it is the lead
        // paragraph, kept in the body); the body keeps its words.
        let lead: String = squash(field("text")).chars().take(600).collect();
        let abstract_head: String = squash(field("abstract")).chars().take(60).collect();
        let kept: usize = a
            .blocks
            .iter()
            .map(|b| b.text.split_whitespace().count())
            .sum();
        let kept = match a.dek.as_deref() {
            Some(dek) => {
                assert_eq!(squash(dek), squash(field("abstract")), "{}", a.id);
                assert!(!lead.contains(&abstract_head), "{}", a.id);
                kept + dek.split_whitespace().count()
            }
            None => kept,
        };
        let body = field("text").split_whitespace().count();
        assert!(
            kept * 10 >= body * 8,
            "{}: {kept} of {body} words kept",
            a.id
        );
    }
    // The fields the reader does not use are named once, not once per record.
    let unknown: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.message.starts_with("unknown record field"))
        .collect();
    assert_eq!(unknown.len(), 1, "{unknown:#?}");
    assert!(
        unknown[0].message.contains("`category`"),
        "{}",
        unknown[0].message
    );
}

#[test]
fn ant_jsonl_reads_with_feed_dates_and_fields() {
    let report = load("ant.jsonl", SAMPLE.as_bytes());
    let recs = records();
    check_against_records(&report, |i| recs[i]["id"].as_str().unwrap().to_owned());
}

#[test]
fn ant_as_a_json_array_and_as_an_object_holding_one() {
    let recs = records();
    let array = serde_json::to_string_pretty(&recs).unwrap();
    let report = load("ant.json", array.as_bytes());
    check_against_records(&report, |i| recs[i]["id"].as_str().unwrap().to_owned());
    let wrapped = format!("{{\"status\": \"ok\", \"articles\": {array}}}");
    let report = load("ant-wrapped.json", wrapped.as_bytes());
    check_against_records(&report, |i| recs[i]["id"].as_str().unwrap().to_owned());
}

#[test]
fn a_jsonl_file_over_the_file_limit_is_read_whole() {
    // The sample repeated with new ids until the file is past the 5 MB limit for one file.
    let mut big = String::new();
    let mut copies = 0;
    while big.len() <= MAX_FILE_BYTES + 1024 {
        for line in SAMPLE.lines() {
            let mut rec: serde_json::Map<String, Value> = serde_json::from_str(line).unwrap();
            let id = format!("{}-copy{copies}", rec["id"].as_str().unwrap());
            // Different text each copy: exact duplicates would be (rightly) dropped.
            let text = format!("{} (نسخة {copies})", rec["text"].as_str().unwrap());
            rec.insert("id".into(), Value::String(id));
            rec.insert("text".into(), Value::String(text));
            big.push_str(&serde_json::to_string(&rec).unwrap());
            big.push('\n');
        }
        copies += 1;
    }
    big.push_str("{\"title\": \"بلا نص\"}\n");
    let lines = big.lines().count() as u32;
    let report = load("big.jsonl", big.as_bytes());
    assert_eq!(report.articles.len(), copies * 40);
    let errors: Vec<_> = report.diagnostics.iter().filter(|d| d.is_error()).collect();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert_eq!(
        errors[0].line,
        Some(lines),
        "the line number counts every block before it"
    );
    assert!(errors[0].message.contains("no `text`"));
}

#[test]
fn folders_are_read_recursively_and_a_single_file_is_a_corpus() {
    let dir = temp_dir("nested");
    let (first, rest) = SAMPLE.split_once('\n').unwrap();
    fs::create_dir_all(dir.join("2018/feb")).unwrap();
    fs::create_dir_all(dir.join(".hidden")).unwrap();
    fs::write(dir.join("2018/feb/one.jsonl"), first).unwrap();
    fs::write(dir.join("rest.jsonl"), rest).unwrap();
    fs::write(dir.join(".hidden/x.jsonl"), first).unwrap();
    let report = load_dir(&dir).unwrap();
    assert!(
        !report.diagnostics.iter().any(|d| d.is_error()),
        "{:#?}",
        report.diagnostics
    );
    assert_eq!(
        report.articles.len(),
        40,
        "the hidden folder is skipped, the nested one read"
    );
    let one = load_dir(&dir.join("2018/feb/one.jsonl")).unwrap();
    assert_eq!(one.articles.len(), 1);
    assert_eq!(
        one.articles[0].id,
        report
            .articles
            .iter()
            .find(|a| a.title == one.articles[0].title)
            .unwrap()
            .id
    );
}
