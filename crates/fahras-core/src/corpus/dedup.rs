//! The same article twice. An exact duplicate (the same cleaned text) would show twice in
//! every result list, so the later copy is skipped, with a warning naming both files. A near
//! duplicate (an edited copy, or one contained in the other) may be a correction or a
//! different version: both are kept, with a warning naming both.

use crate::hash::HashMap;
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use super::Diagnostic;
use crate::model::Article;
use crate::text::tokenize;

/// Word 3-grams shared (Jaccard) at or above this: near duplicates.
pub const NEAR_JACCARD: f64 = 0.8;
/// Or this share of the smaller article's 3-grams found in the larger one.
pub const NEAR_CONTAINMENT: f64 = 0.9;
/// Containment is only meaningful for articles of some length.
const MIN_SHINGLES_FOR_CONTAINMENT: usize = 30;
/// Shingles in more articles than this are boilerplate, not evidence.
const COMMON_SHINGLE: usize = 50;

/// An article with the file (and line, for JSONL) it came from.
pub struct Loaded {
    pub file: String,
    pub article: Article,
}

fn body_words(a: &Article) -> Vec<String> {
    let mut words = Vec::new();
    for text in a.dek.iter().map(String::as_str).chain(a.block_texts()) {
        words.extend(tokenize(text).into_iter().map(|t| t.norm));
    }
    words
}

fn shingles(words: &[String]) -> Vec<u64> {
    let hash = |ws: &[String]| {
        let mut h = DefaultHasher::new();
        ws.hash(&mut h);
        h.finish()
    };
    let mut out: Vec<u64> = if words.len() < 3 {
        vec![hash(words)]
    } else {
        words.windows(3).map(hash).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

/// What makes two articles exact duplicates: the normalised title and body words.
type ExactKey = (String, Vec<String>);

/// A 128-bit digest of an [`ExactKey`]: the map of articles seen holds this, not the words
/// (holding every article's words as strings took 3 GB of a 100,000-article build).
fn digest(key: &ExactKey) -> u128 {
    let half = |seed: u8| {
        let mut h = DefaultHasher::new();
        seed.hash(&mut h);
        key.hash(&mut h);
        h.finish()
    };
    (u128::from(half(0)) << 64) | u128::from(half(1))
}

fn exact_key(a: &Article) -> ExactKey {
    (crate::text::normalize(&a.title), body_words(a))
}

/// Drop exact duplicates and report near duplicates.
pub fn dedup(items: Vec<Loaded>, diags: &mut Vec<Diagnostic>) -> Vec<Loaded> {
    let mut kept: Vec<Loaded> = Vec::with_capacity(items.len());
    let mut exact: HashMap<u128, usize> = HashMap::default();
    // Every kept article's shingles as (shingle, article), and how many each article has.
    let mut occurrences: Vec<(u64, u32)> = Vec::new();
    let mut sizes: Vec<usize> = Vec::new();
    for item in items {
        let k = exact_key(&item.article);
        let d = digest(&k);
        // A digest seen before is confirmed on the words, so a collision drops nothing.
        if let Some(orig) = exact.get(&d).map(|&i| &kept[i]) {
            if exact_key(&orig.article) == k {
                diags.push(Diagnostic::warning(
                    &item.file,
                    None,
                    format!(
                        "article `{}` is an exact duplicate of `{}` in {}; skipped",
                        item.article.id, orig.article.id, orig.file
                    ),
                ));
                continue;
            }
        }
        let set = shingles(&k.1);
        let at = u32::try_from(kept.len()).unwrap_or(u32::MAX);
        sizes.push(set.len());
        occurrences.extend(set.into_iter().map(|s| (s, at)));
        exact.entry(d).or_insert(kept.len());
        kept.push(item);
    }
    near(&kept, &sizes, occurrences, diags);
    kept
}

/// Pairs of articles sharing shingles, from every (shingle, article) sorted: one flat list
/// (16 bytes a shingle) instead of a map of lists (about 70).
fn near(
    kept: &[Loaded],
    sizes: &[usize],
    mut occurrences: Vec<(u64, u32)>,
    diags: &mut Vec<Diagnostic>,
) {
    occurrences.sort_unstable();
    let mut shared: HashMap<(u32, u32), usize> = HashMap::default();
    for run in occurrences
        .chunk_by(|x, y| x.0 == y.0)
        .filter(|run| run.len() > 1 && run.len() <= COMMON_SHINGLE)
    {
        for (x, &(_, a)) in run.iter().enumerate() {
            for &(_, b) in &run[x + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    drop(occurrences);
    let mut pairs: Vec<((u32, u32), usize)> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), common) in pairs {
        let (sa, sb) = (sizes[a as usize], sizes[b as usize]);
        let jaccard = common as f64 / (sa + sb - common) as f64;
        let small = sa.min(sb);
        let containment = common as f64 / small as f64;
        let contained = small >= MIN_SHINGLES_FOR_CONTAINMENT && containment >= NEAR_CONTAINMENT;
        if jaccard >= NEAR_JACCARD || contained {
            let (first, later) = (&kept[a as usize], &kept[b as usize]);
            diags.push(Diagnostic::warning(
                &later.file,
                None,
                format!(
                    "article `{}` is a near duplicate of `{}` in {} ({:.0}% of word 3-grams shared, {:.0}% of the shorter one contained); both kept",
                    later.article.id,
                    first.article.id,
                    first.file,
                    jaccard * 100.0,
                    containment * 100.0
                ),
            ));
        }
    }
}
