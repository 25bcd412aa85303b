//! Property tests of search over generated corpora (`search_props.rs` covers any query over the
//! seeds): excerpts are pieces of their block, every range is inside its text on UTF-16 char
//! boundaries, limits hold, and the stored index and the bundle round-trip exactly.

use std::collections::BTreeSet;

use fahras_core::bundle::{compile_articles, Bundle};
use fahras_core::entities::{Entity, EntityKind, EntityTable, Mention};
use fahras_core::model::{Article, Block, BlockKind};
use fahras_core::search::{Index, SearchOptions};
use proptest::prelude::*;

/// Words as news text writes them: clitics, harakat, tatweel, spelling variants, digits,
/// Latin, emoji (two UTF-16 units) and a glued plus.
const VOCAB: &[&str] = &[
    "روسيا",
    "وروسيا",
    "لروسيا",
    "ترامب",
    "ترمب",
    "وترامب",
    "بوتين",
    "وبوتين",
    "الكرملين",
    "بالكرملين",
    "ويتكوف",
    "وويتكوف",
    "أمريكي",
    "أميركي",
    "الأمريكية",
    "واشنطن",
    "لواشنطن",
    "مُحَمَّد",
    "الاجتمـــاع",
    "قال",
    "في",
    "مع",
    "على",
    "أوبك+",
    "٢٠٢٥",
    "2025",
    "Axios",
    "Café",
    "😀",
    "«السلام»",
    "خطة",
    "الخطة",
    "خطتها",
    "العلاقات",
    "علاقة",
    "ميامي",
    "بميامي",
];

fn words(n: std::ops::Range<usize>) -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(VOCAB), n).prop_map(|w| w.join(" "))
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![4 => words(1..40), 1 => "\\PC{0,80}"]
}

fn article() -> impl Strategy<Value = Article> {
    (
        words(1..6),
        proptest::option::of(words(3..12)),
        prop::collection::vec(text(), 0..5),
    )
        .prop_map(|(title, dek, blocks)| Article {
            id: String::new(),
            title,
            title_derived: false,
            dek,
            author: None,
            source: None,
            url: None,
            date: None,
            lang: "ar".into(),
            blocks: blocks
                .into_iter()
                .enumerate()
                .map(|(i, text)| Block {
                    kind: BlockKind::Paragraph,
                    text,
                    line: i as u32 + 2,
                })
                .collect(),
            removed: Vec::new(),
        })
}

fn corpus() -> impl Strategy<Value = Vec<Article>> {
    prop::collection::vec(article(), 1..5).prop_map(|mut v| {
        for (i, a) in v.iter_mut().enumerate() {
            a.id = format!("a{i}");
        }
        v
    })
}

/// Queries in the query language over the vocabulary.
fn query() -> impl Strategy<Value = String> {
    let word = prop::sample::select(VOCAB);
    prop::collection::vec((word, 0u8..8), 1..4).prop_map(|items| {
        let mut q = String::new();
        for (w, how) in items {
            match how {
                0 => q.push_str(&format!("\"{w} ")),
                1 => q.push_str(&format!("-{w} ")),
                2 => q.push_str(&format!("{w} OR ")),
                3 => q.push_str(&w.chars().take(2).collect::<String>()),
                _ => q.push_str(&format!("{w} ")),
            }
        }
        q
    })
}

fn protected() -> BTreeSet<String> {
    ["بوتين", "ترامب", "ويتكوف", "واشنطن", "ميامي"]
        .map(String::from)
        .into()
}

/// `range` is inside `text` and its ends fall between chars in UTF-16.
fn utf16_range_ok(text: &str, (s, e): (u32, u32)) -> bool {
    let units: Vec<u16> = text.encode_utf16().collect();
    let boundary =
        |i: usize| i == units.len() || (i < units.len() && !(0xDC00..=0xDFFF).contains(&units[i]));
    s < e && (e as usize) <= units.len() && boundary(s as usize) && boundary(e as usize)
}

fn ranges_ok(text: &str, ranges: &[(u32, u32)]) -> bool {
    ranges.iter().all(|&r| utf16_range_ok(text, r)) && ranges.windows(2).all(|w| w[0].1 <= w[1].0)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hits_excerpts_and_highlights_stay_inside_their_texts(articles in corpus(), q in query(), prefix in any::<bool>()) {
        let index = Index::build(&articles, &protected());
        let hits = index.search(&articles, &q, &SearchOptions { prefix_last: prefix, limit: None });
        let mut seen = vec![false; articles.len()];
        for h in &hits {
            prop_assert!(h.article < articles.len() && !seen[h.article], "article {} twice or unknown", h.article);
            seen[h.article] = true;
            let a = &articles[h.article];
            prop_assert_eq!(&h.id, &a.id);
            prop_assert!(h.score.is_finite());
            prop_assert!(ranges_ok(&a.title, &h.title_highlights), "title {:?} {:?}", a.title, h.title_highlights);
            let ex = &h.excerpt;
            prop_assert!(ranges_ok(&ex.text, &ex.highlights), "excerpt {:?} {:?}", ex.text, ex.highlights);
            let source = match ex.block {
                Some(b) => {
                    prop_assert!(b < a.blocks.len());
                    a.blocks[b].text.as_str()
                }
                None => a.dek.as_deref().unwrap_or(""),
            };
            // The excerpt is a piece of its block, with "…" where the block goes on.
            let core = ex.text.strip_prefix('…').unwrap_or(&ex.text);
            let core = core.strip_suffix('…').unwrap_or(core);
            prop_assert!(source.contains(core) || source.contains(ex.text.as_str()), "{:?} is not in {:?}", ex.text, source);
        }
        let limited = index.search(&articles, &q, &SearchOptions { prefix_last: prefix, limit: Some(1) });
        prop_assert!(limited.len() <= 1);
        prop_assert_eq!(limited.first().map(|h| h.article), hits.first().map(|h| h.article));
    }

    #[test]
    fn reader_highlights_cover_whole_words_inside_every_block(articles in corpus(), q in query()) {
        let index = Index::build(&articles, &protected());
        let parsed = fahras_core::search::parse_query(&q);
        for a in &articles {
            for text in std::iter::once(a.title.as_str()).chain(a.block_texts()) {
                let ranges = index.highlights(&parsed, text);
                prop_assert!(ranges_ok(text, &ranges), "{:?} {:?}", text, ranges);
            }
        }
    }

    #[test]
    fn empty_query_lists_every_article_in_corpus_order(articles in corpus()) {
        let index = Index::build(&articles, &protected());
        let hits = index.search(&articles, "", &SearchOptions::default());
        prop_assert_eq!(hits.iter().map(|h| h.article).collect::<Vec<_>>(), (0..articles.len()).collect::<Vec<_>>());
    }

    #[test]
    fn stored_index_round_trips_with_the_same_results(articles in corpus(), qs in prop::collection::vec(query(), 1..4)) {
        let index = Index::build(&articles, &protected());
        let bytes = index.to_bytes();
        let back = Index::from_bytes(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(back.to_bytes(), bytes.clone());
        prop_assert_eq!((back.doc_count(), back.term_count(), back.stem_count()), (index.doc_count(), index.term_count(), index.stem_count()));
        for q in &qs {
            let opts = SearchOptions { prefix_last: true, limit: None };
            prop_assert_eq!(back.search(&articles, q, &opts), index.search(&articles, q, &opts));
        }
        // Any cut of the stored bytes is an error, not a panic.
        for cut in [0, 15, 16, bytes.len() / 2, bytes.len() - 1] {
            prop_assert!(Index::from_bytes(&bytes[..cut]).is_err());
        }
    }
}

/// An entity table over `articles` with generated entities (any names and aliases) and
/// mentions inside each title, so the round trip covers every field without running the
/// (slow in debug) extraction on each case.
fn with_table(articles: Vec<Article>) -> impl Strategy<Value = (Vec<Article>, EntityTable)> {
    let n = articles.len();
    let kind = prop::sample::select(EntityKind::ALL.to_vec());
    let entity = (
        "\\PC{1,12}",
        kind,
        prop::collection::vec("\\PC{1,8}", 0..3),
        proptest::option::of("[a-z ]{1,10}"),
    );
    let titles: Vec<u32> = articles
        .iter()
        .map(|a| a.title.encode_utf16().count() as u32)
        .collect();
    (
        prop::collection::vec(entity, 1..4),
        prop::collection::vec(any::<(u32, u32, u32)>(), 0..8),
    )
        .prop_map(move |(ents, raw)| {
            let mut table = EntityTable {
                mentions: vec![Vec::new(); n],
                ..EntityTable::default()
            };
            for (i, (name, kind, aliases, label_en)) in ents.into_iter().enumerate() {
                table.entities.push(Entity {
                    id: format!("{}:{i}", kind.as_str()),
                    name,
                    kind,
                    aliases,
                    label_en,
                    articles: Vec::new(),
                    subtype: None,
                });
            }
            let k = table.entities.len() as u32;
            for (a, e, at) in raw {
                let (a, e) = ((a as usize) % n, e % k);
                // Mentions of the title's leading chars (the title is made of whole words).
                let end = titles[a].min(at % 8 + 1);
                table.mentions[a].push(Mention {
                    entity: e,
                    block: None,
                    start: 0,
                    end,
                });
                table.entities[e as usize].articles.push((a as u32, 1));
            }
            table.cooccurrence = if k > 1 { vec![(0, 1, 1)] } else { Vec::new() };
            (articles.clone(), table)
        })
}

fn numbered(mut articles: Vec<Article>) -> Vec<Article> {
    for (i, a) in articles.iter_mut().enumerate() {
        a.id = format!("a{i}");
    }
    articles
}

fn assert_round_trip(bundle: &Bundle) -> Result<(), TestCaseError> {
    let bytes = bundle.encode();
    let back = Bundle::decode(&bytes).map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(&back, bundle);
    prop_assert_eq!(back.encode(), bytes.clone());
    let index = back
        .index()
        .map_err(|e| TestCaseError::fail(e.to_string()))?;
    prop_assert_eq!(index.doc_count(), back.articles.len());
    for cut in [0, 13, 14, bytes.len() - 1] {
        prop_assert!(Bundle::decode(&bytes[..cut]).is_err());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn bundle_round_trips_exactly(
        (articles, entities) in prop::collection::vec(article(), 1..4).prop_map(numbered).prop_flat_map(with_table)
    ) {
        let index = Index::build(&articles, &protected()).to_bytes();
        assert_round_trip(&Bundle { articles, index, entities, stories: Vec::new(), packs: None })?;
    }
}

proptest! {
    // The whole build (cleaned articles → entities → index → bundle): entity extraction is slow
    // in debug, so fewer cases; the test above covers the encoding itself.
    #![proptest_config(ProptestConfig::with_cases(8))]

    #[test]
    fn compiled_bundle_round_trips_exactly(articles in prop::collection::vec(article(), 1..3).prop_map(numbered)) {
        assert_round_trip(&compile_articles(articles, None))?;
    }
}
