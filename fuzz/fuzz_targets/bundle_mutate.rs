//! Structure-aware: a compiled bundle whose payload is damaged behind a header that is always
//! valid (magic, version, and the length and checksum recomputed), so postcard and the index
//! decoder themselves meet huge length prefixes, bad enum tags, invalid UTF-8 and ids out of
//! range. A bundle that decodes is then used as the app uses it: its index decoded and
//! searched over its articles, its entity mentions cut out of their texts, and the explorer's
//! results, reader, entity view and related articles computed. Run with `-rss_limit_mb=2048`.
//!
//! Input: a mode byte, then either (even) an edit script applied to the payload of a real
//! bundle encoded by the current code (see `apply_edits`), or (odd) the payload itself.

#![no_main]

use std::sync::OnceLock;

use fahras_core::bundle::{compile_articles, Bundle};
use fahras_core::entities::mention_text;
use fahras_core::explore::Explorer;
use fahras_core::search::SearchOptions;
use fahras_core::state::ViewState;
use fahras_fuzz::{apply_edits, assert_utf16_ranges, small_articles};
use libfuzzer_sys::fuzz_target;

const HEADER_LEN: usize = 14;

/// A real bundle of two seed articles, encoded by the current code.
fn encoded() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| compile_articles(small_articles().to_vec(), None).encode())
}

const QUERIES: &[&str] = &["روسيا", "ترامب OR بوتين", "\"شبه جزيرة\" -ميامي", "وويتكوف"];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let base = encoded();
    let payload = if mode % 2 == 0 {
        apply_edits(&base[HEADER_LEN..], rest)
    } else {
        rest.to_vec()
    };
    let mut bytes = Vec::with_capacity(payload.len() + HEADER_LEN);
    bytes.extend_from_slice(&base[..6]);
    bytes.extend_from_slice(&(payload.len() as u32).to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let Ok(bundle) = Bundle::decode(&bytes) else {
        return;
    };
    let articles = &bundle.articles;
    for (a, mentions) in articles.iter().zip(&bundle.entities.mentions) {
        for m in mentions {
            let _ = mention_text(a, m);
        }
    }
    let Ok(index) = bundle.index() else {
        return;
    };
    for q in QUERIES {
        let hits = index.search(
            articles,
            q,
            &SearchOptions {
                prefix_last: true,
                limit: None,
            },
        );
        let mut seen = vec![false; articles.len()];
        for h in &hits {
            assert!(
                h.article < articles.len() && !seen[h.article],
                "article {} twice or out of range",
                h.article
            );
            seen[h.article] = true;
            assert_utf16_ranges(&h.excerpt.text, &h.excerpt.highlights, "excerpt highlight");
            assert_utf16_ranges(
                &articles[h.article].title,
                &h.title_highlights,
                "title highlight",
            );
        }
    }

    // What the app does with it: the explorer's results, reader, entity view and related list.
    let Ok(ex) = Explorer::from_bundle(bundle) else {
        return;
    };
    for (i, q) in QUERIES.iter().enumerate() {
        let state = ViewState {
            query: q.to_string(),
            entities: ex
                .entities()
                .entities
                .iter()
                .take(i)
                .map(|e| e.id.clone())
                .collect(),
            ..ViewState::default()
        };
        let _ = ex.results(&state, i % 2 == 0);
    }
    for a in 0..ex.articles.len().min(3) {
        let _ = ex.reader(a, QUERIES[a % QUERIES.len()], true);
        let _ = ex.related(a, 5);
    }
    for e in 0..ex.entities().entities.len().min(8) {
        let _ = ex.entity_view(e, 5);
    }
});
