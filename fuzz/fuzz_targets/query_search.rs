//! Any query string against the index of the seed articles: parsing and searching never panic,
//! each article comes back at most once, and every highlight (excerpt, title, and the reader's
//! per-block highlights) is a UTF-16 range inside its text on char boundaries.

#![no_main]

use fahras_core::search::{parse_query, SearchOptions};
use fahras_fuzz::{assert_utf16_ranges, assert_utf16_ranges_ordered, seed_articles, seed_index};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|query: &str| {
    let (articles, index) = (seed_articles(), seed_index());
    let parsed = parse_query(query);
    for prefix_last in [false, true] {
        let hits = index.search(
            articles,
            query,
            &SearchOptions {
                prefix_last,
                limit: None,
            },
        );
        let mut seen = vec![false; articles.len()];
        for h in &hits {
            assert!(
                h.article < articles.len(),
                "hit for article {} of {}",
                h.article,
                articles.len()
            );
            assert!(!seen[h.article], "article {} returned twice", h.article);
            seen[h.article] = true;
            assert!(h.score.is_finite(), "score {}", h.score);
            let a = &articles[h.article];
            assert_eq!(h.id, a.id);
            assert_utf16_ranges_ordered(&a.title, &h.title_highlights, "title highlight");
            assert_utf16_ranges_ordered(
                &h.excerpt.text,
                &h.excerpt.highlights,
                "excerpt highlight",
            );
            if let Some(b) = h.excerpt.block {
                assert!(
                    b < a.blocks.len(),
                    "excerpt of block {b} of {}",
                    a.blocks.len()
                );
            }
        }
    }
    // The reader highlights every block of an open article with the parsed query.
    for a in articles.iter().take(2) {
        let title = index.highlights(&parsed, &a.title);
        assert_utf16_ranges_ordered(&a.title, &title, "reader title highlight");
        for b in &a.blocks {
            let ranges = index.highlights(&parsed, &b.text);
            assert_utf16_ranges_ordered(&b.text, &ranges, "reader block highlight");
        }
    }
    // The query itself as a text: highlights over arbitrary (non-corpus) text.
    let ranges = index.highlights(&parsed, query);
    assert_utf16_ranges(query, &ranges, "highlight in arbitrary text");
    let _ = index.suggest(query, 3);
});
