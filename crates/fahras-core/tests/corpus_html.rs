//! Saved web pages through the shared reader, scored against gold: real Arabic news pages as a
//! crawler saved them (see `data/corpus/html/README.md`), and hostile pages.

use std::collections::HashMap;
use std::path::Path;

use fahras_core::corpus::load_file;
use fahras_core::model::{Article, RemovalReason};

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/corpus/html");

fn read(name: &str) -> Vec<u8> {
    std::fs::read(Path::new(DIR).join(name)).unwrap()
}

fn one_article(name: &str, bytes: &[u8]) -> Article {
    let (articles, diags) = load_file(name, bytes);
    let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
    assert!(errors.is_empty(), "{name}: {errors:#?}");
    assert_eq!(articles.len(), 1, "{name}: {diags:#?}");
    articles.into_iter().next().unwrap()
}

fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Bag-of-words F1 of `got` against `gold`.
fn f1(got: &str, gold: &str) -> f64 {
    let mut bag: HashMap<String, i64> = HashMap::new();
    for w in words(gold) {
        *bag.entry(w).or_default() += 1;
    }
    let (got_n, gold_n) = (words(got).len() as f64, words(gold).len() as f64);
    let mut hit = 0.0;
    for w in words(got) {
        if let Some(n) = bag.get_mut(&w).filter(|n| **n > 0) {
            *n -= 1;
            hit += 1.0;
        }
    }
    if hit == 0.0 {
        return 0.0;
    }
    let (p, r) = (hit / got_n, hit / gold_n);
    2.0 * p * r / (p + r)
}

fn body(a: &Article) -> String {
    a.block_texts().collect::<Vec<_>>().join("\n")
}

#[test]
fn htmldate_pages_get_their_gold_dates_and_addresses() {
    let gold: serde_json::Value = serde_json::from_slice(&read("htmldate-gold.json")).unwrap();
    let mut right = Vec::new();
    let mut wrong = Vec::new();
    for (url, g) in gold.as_object().unwrap() {
        let name = format!("htmldate-{}", g["file"].as_str().unwrap());
        let a = one_article(&name, &read(&name));
        assert!(
            !a.blocks.is_empty() && words(&body(&a)).len() >= 40,
            "{name}: {:?}",
            body(&a)
        );
        assert!(!a.title.is_empty(), "{name}");
        // The page's chrome is kept, as navigation, not lost.
        assert!(
            a.removed
                .iter()
                .any(|r| r.reason == RemovalReason::Navigation),
            "{name}"
        );
        let want = g["date"].as_str().unwrap();
        if a.date.as_deref() == Some(want) {
            right.push(name);
        } else {
            wrong.push(format!("{name}: {:?} (gold {want}; url {url})", a.date));
        }
    }
    println!(
        "htmldate pages: {} of {} dates right",
        right.len(),
        right.len() + wrong.len()
    );
    assert!(wrong.is_empty(), "dates wrong: {wrong:#?}");
}

#[test]
fn cnn_page_text_title_and_metadata_match_the_gold() {
    let gold: serde_json::Value =
        serde_json::from_slice(&read("newspaper4k-cnn-arabic.gold.json")).unwrap();
    let gold_text = String::from_utf8(read("newspaper4k-cnn-arabic.gold.txt")).unwrap();
    let a = one_article("cnn.html", &read("newspaper4k-cnn-arabic.html"));
    assert_eq!(a.title, gold["title"].as_str().unwrap());
    assert_eq!(a.url.as_deref(), gold["canonical_link"].as_str());
    assert_eq!(a.lang, "ar");
    let score = f1(&body(&a), &gold_text);
    println!("cnn page: text F1 {score:.3} against the gold text");
    assert!(score >= 0.9, "F1 {score:.3}:\n{}", body(&a));
}

#[test]
fn a_windows_1256_page_reads_as_its_utf8_original() {
    let utf8 = String::from_utf8(read("newspaper4k-cnn-arabic.html")).unwrap();
    let original = one_article("cnn.html", utf8.as_bytes());
    let declared = utf8.replacen("<head>", "<head><meta charset=\"windows-1256\">", 1);
    // Characters Windows-1256 lacks become numeric character references, as browsers save them.
    let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&declared);
    let legacy = one_article("cnn-1256.html", &bytes);
    assert_eq!(legacy.title, original.title);
    assert_eq!(body(&legacy), body(&original));
    // A page that says windows-1256 but is UTF-8 is read as UTF-8, with a warning.
    let (articles, diags) = load_file("lying.html", declared.as_bytes());
    assert_eq!(body(&articles[0]), body(&original));
    assert!(
        diags
            .iter()
            .any(|d| d.message.contains("declares the charset windows-1256")),
        "{diags:#?}"
    );
}

#[test]
fn hostile_pages_are_refused_with_a_message_and_never_crash() {
    let deep = format!(
        "<html><body>{}نص{}</body></html>",
        "<div>".repeat(200_000),
        "</div>".repeat(200_000)
    );
    let (articles, diags) = load_file("deep.html", deep.as_bytes());
    assert!(articles.is_empty());
    assert!(
        diags[0].is_error() && diags[0].message.contains("nested"),
        "{diags:?}"
    );

    let (articles, diags) = load_file(
        "blob.html",
        &[0u8, 159, 146, 150, 0, 0, 1, 2, 3, 0, 7].repeat(100),
    );
    assert!(articles.is_empty());
    assert!(diags.iter().any(|d| d.is_error()), "{diags:?}");

    let (articles, diags) = load_file(
        "empty.html",
        b"<html><head><title>x</title></head><body><script>var a=1;</script></body></html>",
    );
    assert!(articles.is_empty());
    assert!(
        diags
            .iter()
            .any(|d| d.is_error() && d.message.contains("no article text")),
        "{diags:?}"
    );

    // Markup in the text stays text: nothing a page holds becomes markup of ours.
    let page = "<html><body><article><h1>عنوان الخبر</h1><p>نص فيه &lt;script&gt;alert(1)&lt;/script&gt; وكلام كثير عن الأحداث الجارية في المنطقة والعالم، ويستمر النص طويلا بما يكفي ليعد مقالا كاملا له فقرات عدة.</p></article></body></html>";
    let a = one_article("markup.html", page.as_bytes());
    assert!(
        body(&a).contains("<script>alert(1)</script>"),
        "{}",
        body(&a)
    );
}
