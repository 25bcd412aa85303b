//! The query language on a small hand-made corpus: AND, phrases, exclusion, OR, prefix while
//! typing, the empty query, hostile input; and names that must never be stemmed.

mod search_support;

use std::collections::BTreeSet;

use fahras_core::model::Article;
use fahras_core::search::{parse_query, Index, SearchOptions};
use search_support::article;

fn corpus() -> Vec<Article> {
    vec![
        article(
            "a",
            "بايدن في باريس",
            &[
                "زار الرئيس الأمريكي جو بايدن العاصمة الفرنسية باريس لبحث الأزمة.",
                "وقال بايدن إن العلاقات مع فرنسا قوية.",
            ],
        ),
        article(
            "b",
            "طالبان في كابول",
            &[
                "سيطرت الحركة على كابول في أغسطس ٢٠٢١.",
                "وغادر الدبلوماسيون من كابول إلى لندن.",
            ],
        ),
        article(
            "c",
            "قمة لندن",
            &["اجتمع القادة في لندن لمناقشة المناخ، وحضر بايدن القمة."],
        ),
        article(
            "d",
            "أخبار التقنية",
            &[
                "أعلنت غوغل عن نموذج جديد للذكاء الاصطناعي.",
                "شركة جوجل تنافس مايكروسوفت في السحابة.",
            ],
        ),
        article(
            "e",
            "بوتين والكرملين",
            &[
                "قال المتحدث باسم الكرملين إن بوتين لن يحضر.",
                "الوتين شريان في القلب.",
            ],
        ),
        article(
            "f",
            "منظمة أوبك+",
            &[
                "اتفقت دول أوبك+ على خفض الإنتاج.",
                "وقالت أوبك إن الأسعار مستقرة.",
            ],
        ),
        article(
            "g",
            "الرئيس التشيلي",
            &[
                "زار رئيس تشيلي العاصمة سانتياغو.",
                "وتحدث رئيس شيلي عن الاقتصاد.",
            ],
        ),
    ]
}

fn ids(articles: &[Article], index: &Index, q: &str, prefix: bool) -> Vec<String> {
    let hits = index.search(
        articles,
        q,
        &SearchOptions {
            prefix_last: prefix,
            limit: None,
        },
    );
    let mut ids: Vec<String> = hits.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    ids
}

fn setup() -> (Vec<Article>, Index) {
    let a = corpus();
    let i = Index::build(&a, &BTreeSet::new());
    (a, i)
}

#[test]
fn names_are_never_stemmed() {
    let (a, i) = setup();
    assert_eq!(ids(&a, &i, "بايدن", false), ["a", "c"]);
    assert_eq!(ids(&a, &i, "لبايدن", false), ["a", "c"]);
    assert_eq!(ids(&a, &i, "وبايدن", false), ["a", "c"]);
    assert_eq!(ids(&a, &i, "باريس", false), ["a"]);
    assert_eq!(ids(&a, &i, "بباريس", false), ["a"]);
    assert_eq!(ids(&a, &i, "كابول", false), ["b"]);
    assert_eq!(ids(&a, &i, "لكابول", false), ["b"]);
    assert_eq!(ids(&a, &i, "لندن", false), ["b", "c"]);
    assert_eq!(ids(&a, &i, "بلندن", false), ["b", "c"]);
    // بوتين is not ب + وتين, although الوتين is a word of this corpus.
    assert_eq!(ids(&a, &i, "بوتين", false), ["e"]);
    let hits = i.search(&a, "بوتين", &SearchOptions::default());
    assert!(hits[0].excerpt.text.contains("بوتين"));
    assert_eq!(ids(&a, &i, "وتين", false), ["e"]);
    let hl = i.highlights(&parse_query("وتين "), &a[4].blocks[0].text);
    assert!(hl.is_empty(), "بوتين is not a hit for وتين: {hl:?}");
}

#[test]
fn protected_names_are_kept_whole() {
    let a = corpus();
    let protected: BTreeSet<String> = ["بوتين".to_string(), "الوتين".to_string()].into();
    let i = Index::build(&a, &protected);
    assert_eq!(ids(&a, &i, "لبوتين", false), ["e"]);
    let back = Index::from_bytes(&i.to_bytes()).expect("round trip");
    assert_eq!(ids(&a, &back, "لبوتين", false), ["e"]);
}

#[test]
fn and_or_exclusion_phrase() {
    let (a, i) = setup();
    assert_eq!(ids(&a, &i, "بايدن لندن", false), ["c"]);
    assert_eq!(ids(&a, &i, "باريس OR كابول", false), ["a", "b"]);
    assert_eq!(ids(&a, &i, "باريس | كابول", false), ["a", "b"]);
    assert_eq!(ids(&a, &i, "لندن OR باريس بايدن", false), ["a", "c"]);
    assert_eq!(ids(&a, &i, "بايدن -باريس", false), ["c"]);
    assert_eq!(ids(&a, &i, "-باريس", false), ["b", "c", "d", "e", "f", "g"]);
    assert_eq!(ids(&a, &i, "\"العاصمة الفرنسية\"", false), ["a"]);
    assert_eq!(
        ids(&a, &i, "\"الفرنسية العاصمة\"", false),
        Vec::<String>::new()
    );
    assert_eq!(ids(&a, &i, "«العاصمة الفرنسية»", false), ["a"]);
    assert_eq!(ids(&a, &i, "بايدن -\"العاصمة الفرنسية\"", false), ["c"]);
    // Harakat and hamza forms inside a phrase.
    assert_eq!(ids(&a, &i, "\"الرَّئِيس الامريكي\"", false), ["a"]);
}

#[test]
fn prefix_while_typing() {
    let (a, i) = setup();
    assert_eq!(ids(&a, &i, "كاب", true), ["b"]);
    assert_eq!(ids(&a, &i, "لكاب", true), ["b"]);
    assert!(
        ids(&a, &i, "كاب", false).is_empty(),
        "a finished word is not a prefix"
    );
    assert!(
        ids(&a, &i, "كاب ", true).is_empty(),
        "a trailing space ends the word"
    );
    assert_eq!(ids(&a, &i, "بايدن لن", true), ["c"]);
    // One letter is too short to expand.
    assert!(ids(&a, &i, "ك", true).is_empty());
}

#[test]
fn variants_and_plus() {
    let (a, i) = setup();
    assert_eq!(ids(&a, &i, "جوجل", false), ["d"]);
    assert_eq!(ids(&a, &i, "غوغل", false), ["d"]);
    let hits = i.search(&a, "جوجل", &SearchOptions::default());
    assert_eq!(
        hits[0].excerpt.block,
        Some(1),
        "the exact form's block is the excerpt"
    );
    assert_eq!(ids(&a, &i, "شيلي", false), ["g"]);
    assert_eq!(ids(&a, &i, "أوبك+", false), ["f"]);
    assert_eq!(ids(&a, &i, "اوبك", false), ["f"]);
}

#[test]
fn empty_query_lists_everything_in_order_with_leads() {
    let (a, i) = setup();
    for q in ["", "   ", "!!", "\u{064E}"] {
        let hits = i.search(&a, q, &SearchOptions::default());
        let ids: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c", "d", "e", "f", "g"], "{q:?}");
        assert_eq!(hits[0].excerpt.block, Some(0));
        assert!(hits[0].excerpt.text.starts_with("زار الرئيس"));
        assert!(hits.iter().all(|h| h.excerpt.highlights.is_empty()));
    }
    let hits = i.search(
        &a,
        "",
        &SearchOptions {
            prefix_last: true,
            limit: Some(3),
        },
    );
    assert_eq!(hits.len(), 3);
}

#[test]
fn hostile_queries_never_panic() {
    let (a, i) = setup();
    let long = "ب".repeat(10_000);
    let many = "بايدن ".repeat(3000);
    let mixed: String = (0..2000)
        .map(|k| if k % 3 == 0 { '"' } else { 'ل' })
        .collect();
    for q in [
        long.as_str(),
        many.as_str(),
        mixed.as_str(),
        "-",
        "- - -",
        "OR OR",
        "\"",
        "\"\"\"",
        "\"بايدن",
        "-\"",
        "...؟!،",
        "\u{064B}\u{064C}\u{064D}",
        "ـــــ",
        "😀 🇸🇦",
        "\u{0000}\u{FFFF}",
        "a OR",
        "OR a",
        "--بايدن",
        "+++",
    ] {
        for prefix in [false, true] {
            let hits = i.search(
                &a,
                q,
                &SearchOptions {
                    prefix_last: prefix,
                    limit: None,
                },
            );
            let mut seen: Vec<usize> = hits.iter().map(|h| h.article).collect();
            seen.sort_unstable();
            seen.dedup();
            assert_eq!(seen.len(), hits.len(), "{q:?}: an article twice");
        }
        let _ = i.suggest(q, 5);
        let _ = i.highlights(&parse_query(q), &a[0].blocks[0].text);
    }
}

#[test]
fn suggestions_for_a_typo() {
    let (a, i) = setup();
    assert!(ids(&a, &i, "مايكروسفوت", false).len() <= 1);
    let s = i.suggest("كابوول", 3);
    assert_eq!(s.first().map(String::as_str), Some("كابول"), "{s:?}");
    assert!(
        i.suggest("بايدن", 3).is_empty(),
        "a known word needs no suggestion"
    );
}

#[test]
fn limit_and_uniqueness() {
    let (a, i) = setup();
    let hits = i.search(
        &a,
        "في",
        &SearchOptions {
            prefix_last: false,
            limit: Some(2),
        },
    );
    assert_eq!(hits.len(), 2);
    assert!(hits[0].score >= hits[1].score);
    assert!(i
        .search(
            &a,
            "في",
            &SearchOptions {
                prefix_last: false,
                limit: Some(0)
            }
        )
        .is_empty());
}

#[test]
fn articles_other_than_the_indexed_ones_do_not_panic() {
    let (a, i) = setup();
    let mut other = search_support::seed_articles();
    other.truncate(3);
    for q in ["بايدن", "لندن كابول", "\"العاصمة الفرنسية\"", "", "في"]
    {
        let hits = i.search(&other, q, &SearchOptions::default());
        assert!(hits.iter().all(|h| h.article < other.len()));
        for h in &hits {
            let units = h.excerpt.text.encode_utf16().count() as u32;
            assert!(h
                .excerpt
                .highlights
                .iter()
                .all(|&(s, e)| s < e && e <= units));
        }
    }
    assert_eq!(a.len(), 7);
}

fn order(articles: &[Article], q: &str) -> Vec<String> {
    let i = Index::build(articles, &BTreeSet::new());
    i.search(articles, q, &SearchOptions::default())
        .into_iter()
        .map(|h| h.id)
        .collect()
}

#[test]
fn ranking_exact_over_stem_over_variant_title_over_body_near_over_far() {
    let filler = "كلام عام عن الطقس والرياضة والفن في المدينة";
    let a = vec![
        article("variant", "خبر", &[&format!("قال ترامب {filler}")]),
        article("exact", "خبر", &[&format!("قال ترمب {filler}")]),
        article("stem", "خبر", &[&format!("قال وترمب {filler}")]),
    ];
    assert_eq!(order(&a, "ترمب"), ["exact", "stem", "variant"]);

    let a = vec![
        article("body", "خبر", &[&format!("زيارة إلى موسكو {filler}")]),
        article("title", "موسكو اليوم", &[filler]),
    ];
    assert_eq!(order(&a, "موسكو"), ["title", "body"]);

    let far = format!("بوتين {filler} {filler} {filler} ترامب");
    let a = vec![
        article("far", "خبر", &[&far]),
        article(
            "near",
            "خبر",
            &[&format!("{filler} بوتين ترامب {filler} {filler}")],
        ),
    ];
    assert_eq!(order(&a, "ترامب بوتين"), ["near", "far"]);
    let a = vec![
        article(
            "reversed",
            "خبر",
            &[&format!("{filler} ترامب بوتين {filler}")],
        ),
        article(
            "in_order",
            "خبر",
            &[&format!("{filler} بوتين ترامب {filler}")],
        ),
    ];
    assert_eq!(order(&a, "بوتين ترامب"), ["in_order", "reversed"]);
}
