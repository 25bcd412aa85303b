//! The stored index: round trip, and corrupt or truncated bytes are errors, never panics.

mod search_support;

use std::collections::BTreeSet;

use fahras_core::search::{Index, SearchOptions};

fn small() -> (Vec<fahras_core::model::Article>, Index) {
    let a = search_support::seed_articles();
    let i = Index::build(&a, &BTreeSet::from(["ويتكوف".to_string()]));
    (a, i)
}

#[test]
fn round_trip_gives_the_same_results() {
    let (a, i) = small();
    let bytes = i.to_bytes();
    let j = Index::from_bytes(&bytes).expect("valid");
    assert_eq!(j.to_bytes(), bytes);
    let again = Index::build(&a, &BTreeSet::from(["ويتكوف".to_string()]));
    assert_eq!(again.to_bytes(), bytes, "builds are reproducible");
    assert_eq!(i.term_count(), j.term_count());
    for q in [
        "وويتكوف",
        "\"شبه جزيرة القرم\"",
        "روسيا -ميامي",
        "ترمب",
        "دمي",
        "",
    ] {
        let opts = SearchOptions {
            prefix_last: true,
            limit: None,
        };
        assert_eq!(i.search(&a, q, &opts), j.search(&a, q, &opts), "{q}");
    }
    let text_bytes: usize = a
        .iter()
        .map(|x| x.title.len() + x.block_texts().map(str::len).sum::<usize>())
        .sum();
    let ratio = bytes.len() as f64 / text_bytes as f64;
    assert!(ratio < 2.0, "index is {ratio:.2} bytes per byte of text");
}

#[test]
fn truncated_and_damaged_bytes_are_errors() {
    let (_, i) = small();
    let bytes = i.to_bytes();
    for cut in [0, 1, 8, 15, 16, 17, bytes.len() / 2, bytes.len() - 1] {
        let err = Index::from_bytes(&bytes[..cut]).expect_err("truncated");
        assert!(!err.to_string().is_empty());
    }
    // Flip bytes all over: the checksum catches them.
    for at in (0..bytes.len()).step_by(97) {
        let mut bad = bytes.clone();
        bad[at] ^= 0x5A;
        assert!(Index::from_bytes(&bad).is_err(), "byte {at}");
    }
    let mut other = bytes.clone();
    other[8] = 99;
    assert!(Index::from_bytes(&other)
        .unwrap_err()
        .to_string()
        .contains("version"));
    assert!(Index::from_bytes(b"not an index at all").is_err());
}

#[test]
fn huge_counts_with_a_valid_checksum_are_refused_without_allocating() {
    // A payload claiming 2^32-1 documents, re-checksummed so only the count check can stop it.
    let mut payload = vec![0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x00];
    payload.extend_from_slice(&[0u8; 8]);
    let mut bytes = b"FAHRASIX".to_vec();
    // The index format's version (4 since each form's stem is stored as the stems' run
    // lengths).
    bytes.extend_from_slice(&4u32.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
    bytes.extend_from_slice(&payload);
    let err = Index::from_bytes(&bytes).expect_err("absurd count");
    assert!(err.to_string().contains("document count"), "{err}");
}
