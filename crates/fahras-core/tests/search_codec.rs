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

/// A hand-made payload as a stored index: magic, this format's version (5 since the
/// dictionaries are stored as codes, not maps; 6 since a head stores list lengths in units and
/// its documents column by column) and a valid checksum, so only the checks on the payload
/// itself can refuse it.
fn stored(payload: &[u8]) -> Vec<u8> {
    let mut bytes = b"FAHRASIX".to_vec();
    bytes.extend_from_slice(&6u32.to_le_bytes());
    bytes.extend_from_slice(&crc32fast::hash(payload).to_le_bytes());
    bytes.extend_from_slice(payload);
    bytes
}

#[test]
fn huge_counts_with_a_valid_checksum_are_refused_without_allocating() {
    // A payload claiming 2^32-1 documents, re-checksummed so only the count check can stop it.
    let mut payload = vec![0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x01, 0x00];
    payload.extend_from_slice(&[0u8; 8]);
    let err = Index::from_bytes(&stored(&payload)).expect_err("absurd count");
    assert!(err.to_string().contains("document count"), "{err}");
}

/// The stored dictionary is codes that reading expands (a form is its stem's text and what it
/// adds): a few bytes can stand for a long word many times over, so reading stops at a budget
/// instead of building gigabytes of forms.
#[test]
fn forms_that_expand_past_the_budget_are_refused() {
    let long_stem = vec![b'a'; 1 << 20];
    let n_terms = 200u32;
    let mut payload = Vec::new();
    let varint = |out: &mut Vec<u8>, mut v: u32| {
        while v >= 0x80 {
            out.push((v as u8) | 0x80);
            v >>= 7;
        }
        out.push(v as u8);
    };
    varint(&mut payload, 0); // documents
    varint(&mut payload, n_terms);
    varint(&mut payload, 1); // stems
    varint(&mut payload, 0); // the stem shares nothing with a previous one
    varint(&mut payload, long_stem.len() as u32);
    payload.extend_from_slice(&long_stem);
    let protected = fst::Set::from_iter(Vec::<&str>::new()).expect("empty set");
    let protected = protected.as_fst().as_bytes();
    varint(&mut payload, protected.len() as u32);
    payload.extend_from_slice(protected);
    varint(&mut payload, n_terms); // every term has that stem
    for _ in 0..n_terms {
        payload.extend_from_slice(&[0, 0]); // the stem, nothing before or after it
    }
    payload.extend(std::iter::repeat_n(0u8, 2 * n_terms as usize + 1));
    let err = Index::from_bytes(&stored(&payload)).expect_err("200 MB of forms from 1 MB");
    assert!(err.to_string().contains("forms: more text than"), "{err}");
}
