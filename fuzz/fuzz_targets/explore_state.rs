//! Any URL fragment, as the app receives it from a shared link, against the explorer of the seed
//! corpus: the view state it parses to gives results, facets, the reader, related articles, the
//! entity view and the exports without a panic; each article is listed once, typed-filter spans
//! are char ranges of the query, and highlights stay inside their texts.

#![no_main]

use std::sync::OnceLock;

use fahras_core::bundle::compile_articles;
use fahras_core::explore::{remove_typed_filter, strip_typed_filters, to_csv, to_json, Explorer};
use fahras_core::state::ViewState;
use fahras_fuzz::{assert_utf16_ranges, seed_articles};
use libfuzzer_sys::fuzz_target;

fn explorer() -> &'static Explorer {
    static EX: OnceLock<Explorer> = OnceLock::new();
    EX.get_or_init(|| {
        let bundle = compile_articles(seed_articles().to_vec(), None);
        Explorer::from_bytes(&bundle.encode()).expect("the seed bundle decodes")
    })
}

fuzz_target!(|fragment: &str| {
    let ex = explorer();
    let (state, _) = ViewState::from_fragment(fragment);
    let q = state.query.as_str();
    for typing in [false, true] {
        let results = ex.results(&state, typing);
        let mut seen = vec![false; ex.articles.len()];
        for item in &results.items {
            let h = &item.hit;
            assert!(
                h.article < ex.articles.len() && !seen[h.article],
                "article {} twice or unknown",
                h.article
            );
            seen[h.article] = true;
            assert_utf16_ranges(&h.excerpt.text, &h.excerpt.highlights, "excerpt highlight");
            assert_utf16_ranges(
                &ex.articles[h.article].title,
                &h.title_highlights,
                "title highlight",
            );
        }
        for f in &results.active {
            if let Some((s, e)) = f.span {
                assert!(
                    s <= e && e <= q.len() && q.is_char_boundary(s) && q.is_char_boundary(e),
                    "span {s}..{e} of {q:?}"
                );
                let _ = remove_typed_filter(q, (s, e));
            }
        }
        let _ = (to_json(ex, &results.items), to_csv(ex, &results.items));
    }
    let _ = strip_typed_filters(q);
    let article = state
        .article
        .as_deref()
        .and_then(|id| ex.article_by_id(id))
        .unwrap_or(0);
    let _ = ex.reader(article, q, state.show_removed);
    let _ = ex.related(article, 5);
    if let Some(e) = state
        .entity_view
        .as_deref()
        .and_then(|id| ex.entity_by_id(id))
    {
        let _ = ex.entity_view(e, 20);
    }
});
