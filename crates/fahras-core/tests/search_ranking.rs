//! `Index::rank` (rank everything, present a page at a time) on a corpus big enough that only
//! the top of the list gets the proximity pass: pages put together equal the full search, the
//! order does not depend on the page asked for, filters only drop articles, and `matched`
//! is every match before filters.

mod search_support;

use std::collections::BTreeSet;

use fahras_core::model::Article;
use fahras_core::search::{Index, SearchOptions};
use search_support::{article, seed_articles};

/// 400 articles of 3–8 seed paragraphs each, picked by a fixed pseudo-random sequence, so
/// common words match hundreds of articles.
fn corpus() -> Vec<Article> {
    let paragraphs: Vec<String> = seed_articles()
        .into_iter()
        .flat_map(|a| a.blocks.into_iter().map(|b| b.text))
        .filter(|t| t.chars().count() > 30)
        .collect();
    assert!(paragraphs.len() > 20, "the seeds have paragraphs");
    let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = |n: usize| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n as u64) as usize
    };
    (0..400)
        .map(|i| {
            let k = 3 + next(6);
            let body: Vec<&str> = (0..k)
                .map(|_| paragraphs[next(paragraphs.len())].as_str())
                .collect();
            let title: String = body[0]
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            article(&format!("a{i}"), &title, &body)
        })
        .collect()
}

const QUERIES: [&str; 9] = [
    "ترامب",
    "الرئيس الأمريكي",
    "\"البيت الأبيض\"",
    "روسيا -أوكرانيا",
    "بوتين OR زيلينسكي",
    "الكرملين",
    "الحرب في",
    "ويتكوف موسكو",
    "",
];

#[test]
fn pages_put_together_equal_the_full_search() {
    let articles = corpus();
    let index = Index::build(&articles, &BTreeSet::new());
    let mut long_lists = 0;
    for q in QUERIES {
        for prefix in [false, true] {
            let full = index.search(
                &articles,
                q,
                &SearchOptions {
                    prefix_last: prefix,
                    limit: None,
                },
            );
            let ranking = index.rank(&articles, q, prefix, &|_| true);
            assert_eq!(ranking.len(), full.len(), "{q:?}");
            long_lists += usize::from(full.len() > 250);
            let order: Vec<usize> = ranking.articles().collect();
            assert_eq!(
                order,
                full.iter().map(|h| h.article).collect::<Vec<_>>(),
                "{q:?}"
            );
            let mut pages = Vec::new();
            for start in (0..full.len() + 40).step_by(37) {
                pages.extend(ranking.hits(&index, &articles, start..start + 37));
            }
            assert_eq!(pages, full, "{q:?}");
            assert!(
                full.windows(2).all(|w| w[0].score >= w[1].score),
                "scores fall along the list for {q:?}"
            );
            let matched: Vec<usize> = ranking.matched().iter().map(|&d| d as usize).collect();
            let mut sorted = order.clone();
            sorted.sort_unstable();
            assert_eq!(matched, sorted, "{q:?}");
        }
    }
    assert!(
        long_lists >= 4,
        "the corpus gives lists longer than the rerank depth"
    );
}

#[test]
fn a_filter_drops_articles_but_not_matches() {
    let articles = corpus();
    let index = Index::build(&articles, &BTreeSet::new());
    for q in QUERIES {
        let all = index.rank(&articles, q, false, &|_| true);
        let even = index.rank(&articles, q, false, &|a| a % 2 == 0);
        assert_eq!(even.matched(), all.matched(), "{q:?}");
        let kept: BTreeSet<usize> = even.articles().collect();
        let expected: BTreeSet<usize> = all.articles().filter(|a| a % 2 == 0).collect();
        assert_eq!(kept, expected, "{q:?}");
        assert_eq!(kept.len(), even.len());
    }
}

#[test]
fn out_of_range_pages_are_empty() {
    let articles = corpus();
    let index = Index::build(&articles, &BTreeSet::new());
    let ranking = index.rank(&articles, "ترامب", false, &|_| true);
    assert!(!ranking.is_empty());
    let n = ranking.len();
    assert!(ranking.hits(&index, &articles, n..n + 10).is_empty());
    assert!(ranking.hits(&index, &articles, n + 5..n + 1).is_empty());
    assert_eq!(ranking.hits(&index, &articles, n - 1..usize::MAX).len(), 1);
    // Fewer articles than were indexed: nothing past the end is presented.
    let short = &articles[..10];
    assert!(ranking
        .hits(&index, short, 0..n)
        .iter()
        .all(|h| h.article < 10));
}
