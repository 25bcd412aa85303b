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

/// Drop exact duplicates and report near duplicates.
pub fn dedup(items: Vec<Loaded>, diags: &mut Vec<Diagnostic>) -> Vec<Loaded> {
    let mut kept: Vec<Loaded> = Vec::with_capacity(items.len());
    let mut exact: HashMap<(String, Vec<String>), usize> = HashMap::default();
    let mut sets: Vec<Vec<u64>> = Vec::new();
    for item in items {
        let words = body_words(&item.article);
        let k = (crate::text::normalize(&item.article.title), words);
        if let Some(&first) = exact.get(&k) {
            let orig = &kept[first];
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
        sets.push(shingles(&k.1));
        exact.insert(k, kept.len());
        kept.push(item);
    }
    near(&kept, &sets, diags);
    kept
}

fn near(kept: &[Loaded], sets: &[Vec<u64>], diags: &mut Vec<Diagnostic>) {
    let mut index: HashMap<u64, Vec<u32>> = HashMap::default();
    for (i, set) in sets.iter().enumerate() {
        for &s in set {
            index
                .entry(s)
                .or_default()
                .push(u32::try_from(i).unwrap_or(u32::MAX));
        }
    }
    let mut shared: HashMap<(u32, u32), usize> = HashMap::default();
    for ids in index
        .values()
        .filter(|ids| ids.len() > 1 && ids.len() <= COMMON_SHINGLE)
    {
        for (x, &a) in ids.iter().enumerate() {
            for &b in &ids[x + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut pairs: Vec<((u32, u32), usize)> = shared.into_iter().collect();
    pairs.sort_unstable();
    for ((a, b), common) in pairs {
        let (sa, sb) = (sets[a as usize].len(), sets[b as usize].len());
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
