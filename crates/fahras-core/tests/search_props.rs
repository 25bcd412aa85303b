//! Property tests: any query string, any text.

mod search_support;

use std::collections::BTreeSet;

use std::sync::OnceLock;

use fahras_core::model::Article;
use fahras_core::search::{parse_query, Index, SearchOptions};
use proptest::prelude::*;

/// The seeds and their index, built once for all cases.
fn seeds() -> &'static (Vec<Article>, Index) {
    static SEEDS: OnceLock<(Vec<Article>, Index)> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let articles = search_support::seed_articles();
        let index = Index::build(&articles, &BTreeSet::new());
        (articles, index)
    })
}

fn query_chars() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "روسيا",
        "وويتكوف",
        "\"",
        "-",
        " ",
        "OR",
        "|",
        "«",
        "»",
        "ترمب",
        "ال",
        "بـ",
        "\u{064E}",
        "ـ",
        "😀",
        "٢",
        "+",
        "a",
        "شبه جزيرة",
        "ميامي",
        "…",
        "\u{200F}",
        "أمريكي",
        "دمي",
        "\t",
    ]);
    prop::collection::vec(pieces, 0..24).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn search_never_panics_and_lists_each_article_once(q in prop_oneof![query_chars(), any::<String>()], prefix in any::<bool>()) {
        let (articles, index) = seeds();
        let hits = index.search(articles, &q, &SearchOptions { prefix_last: prefix, limit: None });
        let mut seen: Vec<usize> = hits.iter().map(|h| h.article).collect();
        seen.sort_unstable();
        seen.dedup();
        prop_assert_eq!(seen.len(), hits.len());
        for h in &hits {
            prop_assert!(h.score.is_finite());
            let units = h.excerpt.text.encode_utf16().count() as u32;
            for &(s, e) in &h.excerpt.highlights {
                prop_assert!(s < e && e <= units);
                let slice: Vec<u16> = h.excerpt.text.encode_utf16().skip(s as usize).take((e - s) as usize).collect();
                prop_assert!(String::from_utf16(&slice).is_ok());
            }
        }
        let _ = index.suggest(&q, 3);
    }

    #[test]
    fn highlight_ranges_are_inside_the_text_on_char_boundaries(
        text in prop_oneof![any::<String>(), query_chars()],
        q in query_chars(),
    ) {
        let articles = vec![search_support::article("x", "روسيا وأمريكا", &["وويتكوف في ميامي مع دِمِيتْرِيِيف 😀"])];
        let index = Index::build(&articles, &BTreeSet::new());
        let ranges = index.highlights(&parse_query(&q), &text);
        let units: Vec<u16> = text.encode_utf16().collect();
        let mut last = 0;
        for (s, e) in ranges {
            prop_assert!(s >= last && s < e && e as usize <= units.len());
            prop_assert!(String::from_utf16(&units[s as usize..e as usize]).is_ok());
            last = e;
        }
    }
}
