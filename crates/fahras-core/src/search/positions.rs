//! Reading positions: where a phrase occurs, and where each query clause matched in a few
//! chosen articles (for proximity, excerpts and highlights). Counts-only scoring is in `rank`.

use super::expand::{ItemR, Resolved, WordR, EXACT};
use super::index::Index;
use super::postings::Cursor;

/// A position where a query clause matched in one of the best articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PosHit {
    pub slot: u32,
    pub pos: u32,
    pub clause: u8,
    /// The query word's own form (or a phrase) matched here, not a sibling or variant.
    pub exact: bool,
}

/// Articles holding every word of a phrase (somewhere), ascending.
pub(crate) fn phrase_candidates(index: &Index, words: &[WordR], n: usize) -> Vec<u32> {
    let k = words.len().min(32);
    if k == 0 {
        return Vec::new();
    }
    let all: u32 = if k == 32 { u32::MAX } else { (1u32 << k) - 1 };
    let mut seen = vec![0u32; n];
    for (i, w) in words.iter().take(k).enumerate() {
        for e in &w.exps {
            for p in index.postings(e.term) {
                if let Some(s) = seen.get_mut(p.doc as usize) {
                    *s |= 1 << i;
                }
            }
        }
    }
    (0..n as u32).filter(|&d| seen[d as usize] == all).collect()
}

pub(crate) struct PhraseOcc {
    pub doc: u32,
    /// Position of each occurrence's first word.
    pub starts: Vec<u32>,
}

/// Where the phrase occurs in each of `docs` (ascending); articles without it are left out.
/// Walks every form's posting list once, in step with `docs`, gathering one article's
/// positions at a time into reused buffers.
pub(crate) fn phrase_occurrences(index: &Index, words: &[WordR], docs: &[u32]) -> Vec<PhraseOcc> {
    let k = words.len().min(32);
    if docs.is_empty() || k == 0 {
        return Vec::new();
    }
    let mut cursors: Vec<Vec<Cursor<'_>>> = words
        .iter()
        .take(k)
        .map(|w| {
            w.exps
                .iter()
                .map(|e| Cursor::new(index.postings(e.term)))
                .collect()
        })
        .collect();
    let mut bufs: Vec<Vec<u32>> = vec![Vec::new(); k];
    let mut out = Vec::new();
    for &d in docs {
        for (i, word) in cursors.iter_mut().enumerate() {
            bufs[i].clear();
            for cursor in word.iter_mut() {
                if let Some(e) = cursor.seek(d) {
                    bufs[i].extend(e.positions());
                }
            }
            if word.len() > 1 {
                bufs[i].sort_unstable();
            }
        }
        if bufs.iter().any(Vec::is_empty) {
            continue;
        }
        let starts: Vec<u32> = bufs[0]
            .iter()
            .copied()
            .filter(|&p| {
                (1..k).all(|i| {
                    p.checked_add(i as u32)
                        .is_some_and(|q| bufs[i].binary_search(&q).is_ok())
                })
            })
            .collect();
        if !starts.is_empty() {
            out.push(PhraseOcc { doc: d, starts });
        }
    }
    out
}

/// Every matching position in the chosen articles (`docs`, in slot order), sorted by slot.
pub(crate) fn positions(
    index: &Index,
    r: &Resolved,
    nc: usize,
    docs: &[u32],
    n: usize,
) -> Vec<PosHit> {
    let mut slot_of = vec![u32::MAX; n];
    for (slot, &d) in docs.iter().enumerate() {
        slot_of[d as usize] = slot as u32;
    }
    let mut sorted_docs: Vec<u32> = docs.to_vec();
    sorted_docs.sort_unstable();
    let mut hits = Vec::new();
    for (c, alts) in r.clauses.iter().take(nc).enumerate() {
        for alt in alts {
            match alt {
                ItemR::Word(w) => {
                    for e in &w.exps {
                        let exact = e.class == EXACT;
                        let mut cursor = Cursor::new(index.postings(e.term));
                        for &d in &sorted_docs {
                            if let Some(p) = cursor.seek(d) {
                                let slot = slot_of[d as usize];
                                hits.extend(p.positions().map(|pos| PosHit {
                                    slot,
                                    pos,
                                    clause: c as u8,
                                    exact,
                                }));
                            }
                        }
                    }
                }
                ItemR::Phrase(words) => {
                    for occ in phrase_occurrences(index, words, &sorted_docs) {
                        let slot = slot_of[occ.doc as usize];
                        for &s in &occ.starts {
                            hits.extend((0..words.len() as u32).map(|i| PosHit {
                                slot,
                                pos: s + i,
                                clause: c as u8,
                                exact: true,
                            }));
                        }
                    }
                }
            }
        }
    }
    // Keep one hit per (position, clause), the exact one when there are two.
    hits.sort_unstable_by_key(|h| (h.slot, h.pos, h.clause, !h.exact));
    hits.dedup_by_key(|h| (h.slot, h.pos, h.clause));
    hits
}
