//! Structure-aware: a stored search index whose payload is damaged behind a header that is
//! always valid (magic, version, and the checksum recomputed). So the fuzzer gets past the
//! checksum and exercises the decoder proper: lengths, counts, dictionaries, stem ids and
//! posting lists. A decoded index is then searched, because posting lists are only read (and
//! their document ids only met) at search time. Run with `-rss_limit_mb=2048`: a corrupt count
//! must not become a huge allocation.
//!
//! Input: a mode byte, then either (even) an edit script applied to the payload of a real index
//! encoded by the current code (see `apply_edits`), or (odd) the payload itself.

#![no_main]

use fahras_core::search::{parse_query, Index, SearchOptions};
use fahras_fuzz::{apply_edits, assert_utf16_ranges, small_articles, small_index};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// A real encoding by the current code: its magic and version, and its payload.
fn encoded() -> &'static [u8] {
    static BYTES: OnceLock<Vec<u8>> = OnceLock::new();
    BYTES.get_or_init(|| small_index().to_bytes())
}

const QUERIES: &[&str] = &[
    "روسيا",
    "ترامب OR بوتين",
    "\"شبه جزيرة\" -ميامي",
    "ال",
    "وويتكوف",
    "a",
];

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let payload = if mode % 2 == 0 {
        apply_edits(&encoded()[16..], rest)
    } else {
        rest.to_vec()
    };
    let payload = payload.as_slice();
    let mut bytes = Vec::with_capacity(payload.len() + 16);
    bytes.extend_from_slice(&encoded()[..12]);
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    let Ok(index) = Index::from_bytes(&bytes) else {
        return;
    };
    let _ = (index.term_count(), index.stem_count(), index.to_bytes());
    // The index is searched only with the articles it claims to cover: a bundle whose index and
    // articles disagree is refused when the bundle is read, before any search.
    let articles = small_articles();
    if index.doc_count() != articles.len() {
        return;
    }
    for q in QUERIES {
        for prefix_last in [false, true] {
            let hits = index.search(
                articles,
                q,
                &SearchOptions {
                    prefix_last,
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
        let parsed = parse_query(q);
        for b in &articles[0].blocks {
            assert_utf16_ranges(
                &b.text,
                &index.highlights(&parsed, &b.text),
                "block highlight",
            );
        }
        let _ = index.suggest(q, 3);
    }
});
