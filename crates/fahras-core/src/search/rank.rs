//! Scoring: which articles match, and in what order.
//!
//! 1. Every clause's forms are read from their posting lists (counts only, positions skipped)
//!    into dense per-article arrays: a bit per satisfied clause and a weighted term frequency.
//! 2. Phrases are checked on positions, for the articles that could still match.
//! 3. BM25F (title words count [`TITLE_WEIGHT`] times) ranks them. A clause's forms fall in
//!    classes (exact form, same stem, variant or prefix, typo); frequencies are summed per class
//!    cumulatively and the clause scores its best `class weight × BM25`, so one exact hit beats
//!    a page of typo-distance hits, while many stem siblings still count.
//! 4. For the best few, positions are read again for a proximity bonus (query words close
//!    together, or in query order side by side) and for the excerpt and highlights.

use std::ops::Range;

use super::excerpt;
use super::expand::{resolve, ItemR, Resolved, WordR, CLASSES, CLASS_WEIGHT, EXACT};
use super::index::{DocMeta, Index};
use super::postings::Cursor;
use super::query::Query;
use super::{Excerpt, Hit, SearchOptions};
use crate::model::Article;

pub(crate) const TITLE_WEIGHT: f32 = 3.0;
const K1: f32 = 1.2;
const B: f32 = 0.75;
/// Share of a clause's idf added when the article holds the query word's own form.
const EXACT_BONUS: f32 = 0.3;
/// Share of the mean idf added for query words close together, and for adjacent pairs.
const PROXIMITY: f32 = 0.6;
const ADJACENT: f32 = 0.6;
/// How many extra candidates beyond the limit get the (position-based) proximity pass.
const RERANK_EXTRA: usize = 32;
/// How many of the best get the proximity pass when every match is asked for.
const RERANK_ALL: usize = 200;
const EXCLUDED: u32 = 1 << 31;
/// Clauses are bits of a u32; the last bit marks exclusion.
pub(crate) const MAX_CLAUSES: usize = 31;

/// A position where a query clause matched in one of the best articles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct PosHit {
    pub slot: u32,
    pub pos: u32,
    pub clause: u8,
    /// The query word's own form (or a phrase) matched here, not a sibling or variant.
    pub exact: bool,
}

/// Where [`accumulate`] adds a posting list's counts: clause `clause` of the dense arrays.
struct Sink<'a> {
    nc: usize,
    clause: usize,
    tf: &'a mut [f32],
    /// Gets `bit` for every document of the list.
    seen: &'a mut [u32],
    bit: u32,
}

/// Add one posting list's (title-weighted) counts to class `class` and every weaker class.
fn accumulate(index: &Index, term: u32, class: usize, sink: &mut Sink<'_>) {
    let n = sink.seen.len();
    for p in index.postings(term) {
        let d = p.doc as usize;
        if d >= n {
            continue;
        }
        let f = TITLE_WEIGHT * p.n_title as f32 + p.n_body as f32;
        let at = (d * sink.nc + sink.clause) * CLASSES;
        for slot in &mut sink.tf[at + class..at + CLASSES] {
            *slot += f;
        }
        sink.seen[d] |= sink.bit;
    }
}

/// A query's matches, best first, before they are presented (see [`present`]).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ranked {
    pub r: Resolved,
    pub nc: usize,
    /// (score, doc), best first.
    pub best: Vec<(f32, u32)>,
    /// Every doc the query matches, ascending, before `keep`; filled only when asked for.
    pub matched: Vec<u32>,
}

pub(crate) struct RankOptions<'a> {
    pub prefix_last: bool,
    /// Most returned; `None` for every match.
    pub limit: Option<usize>,
    /// Which matching articles may be returned (filters); `matched` ignores it.
    pub keep: Option<&'a dyn Fn(usize) -> bool>,
    pub want_matched: bool,
}

/// Matching and ranking, without excerpts: `n` is how many articles there are.
pub(crate) fn rank(index: &Index, n: usize, query: &Query, o: &RankOptions<'_>) -> Ranked {
    let n = index.docs.len().min(n);
    let limit = o.limit.unwrap_or(usize::MAX);
    let allowed = |d: u32| o.keep.is_none_or(|keep| keep(d as usize));
    let mut out = Ranked::default();
    if limit == 0 || n == 0 {
        return out;
    }
    let r = resolve(index, query, o.prefix_last);
    let mut mask = vec![0u32; n];
    mark_excluded(index, &r, &mut mask);
    if r.clauses.is_empty() {
        let docs = (0..n as u32).filter(|&d| mask[d as usize] & EXCLUDED == 0);
        if o.want_matched {
            out.matched = docs.clone().collect();
        }
        out.best = docs
            .filter(|&d| allowed(d))
            .take(limit)
            .map(|d| (0.0, d))
            .collect();
        out.r = r;
        return out;
    }
    let nc = r.clauses.len().min(MAX_CLAUSES);
    let full: u32 = (1u32 << nc) - 1;
    // tf[(d * nc + c) * CLASSES + k]: weighted frequency of clause c's forms of class ≤ k.
    let mut tf = vec![0f32; n * nc * CLASSES];
    let mut exact = vec![0u32; n];
    // Clauses that an article satisfies only through a phrase whose words it holds, not yet
    // checked for adjacency.
    let mut pending = vec![0u32; n];

    // 1. Counts. A phrase counts as its words (an upper bound); adjacency is checked later.
    let mut phrases: Vec<(usize, &[WordR])> = Vec::new();
    let mut words_seen = Vec::new();
    for (c, alts) in r.clauses.iter().take(nc).enumerate() {
        let bit = 1u32 << c;
        for alt in alts {
            match alt {
                ItemR::Word(w) => {
                    for e in &w.exps {
                        let seen = if e.class == EXACT {
                            &mut exact
                        } else {
                            &mut mask
                        };
                        let mut sink = Sink {
                            nc,
                            clause: c,
                            tf: &mut tf,
                            seen,
                            bit,
                        };
                        accumulate(index, e.term, e.class as usize, &mut sink);
                    }
                }
                ItemR::Phrase(words) => {
                    let k = words.len().min(32);
                    let all: u32 = if k == 32 { u32::MAX } else { (1u32 << k) - 1 };
                    words_seen.clear();
                    words_seen.resize(n, 0u32);
                    for (i, w) in words.iter().take(k).enumerate() {
                        for e in &w.exps {
                            let mut sink = Sink {
                                nc,
                                clause: c,
                                tf: &mut tf,
                                seen: &mut words_seen,
                                bit: 1 << i,
                            };
                            accumulate(index, e.term, EXACT as usize, &mut sink);
                        }
                    }
                    for (d, &seen) in words_seen.iter().enumerate() {
                        if seen == all {
                            pending[d] |= bit;
                        }
                    }
                    phrases.push((c, words));
                }
            }
        }
    }
    // Exact-form hits satisfy their clause too.
    for (m, &x) in mask.iter_mut().zip(&exact) {
        *m |= x;
    }
    // A clause a word alternative satisfies needs no phrase check.
    for (p, &m) in pending.iter_mut().zip(&mask) {
        *p &= !m;
    }

    // 2. BM25F.
    let mut df = [0u32; MAX_CLAUSES];
    for (&m, &p) in mask.iter().zip(&pending) {
        let mut bits = (m | p) & full;
        while bits != 0 {
            df[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
    }
    let nf = n as f32;
    let idf: Vec<f32> = df[..nc]
        .iter()
        .map(|&x| (1.0 + (nf - x as f32 + 0.5) / (x as f32 + 0.5)).ln())
        .collect();
    let mean_idf = idf.iter().sum::<f32>() / nc as f32;
    let mut cands: Vec<(f32, u32)> = Vec::new();
    for d in 0..n {
        let m = mask[d] | pending[d];
        if mask[d] & EXCLUDED != 0 || m & full != full {
            continue;
        }
        let meta = &index.docs[d];
        let len = TITLE_WEIGHT * meta.title_len as f32 + meta.body_len as f32;
        let norm = K1 * (1.0 - B + B * len / index.avg_len);
        let mut s = 0.0;
        for (c, &idf_c) in idf.iter().enumerate() {
            let at = (d * nc + c) * CLASSES;
            let best = tf[at..at + CLASSES]
                .iter()
                .zip(CLASS_WEIGHT)
                .map(|(&f, w)| w * f * (K1 + 1.0) / (f + norm))
                .fold(0.0f32, f32::max);
            s += idf_c * best;
            if (exact[d] | pending[d]) & (1 << c) != 0 {
                s += EXACT_BONUS * idf_c;
            }
        }
        cands.push((s, d as u32));
    }
    drop(tf);
    if o.want_matched {
        // Every candidate is needed (facet counts): check every phrase now.
        if !phrases.is_empty() {
            let verified = verify_phrases(index, &phrases, &cands, &pending);
            cands.retain(|&(_, d)| verified.binary_search(&d).is_ok());
            phrases.clear();
        }
        // Candidates were gathered in document order.
        out.matched = cands.iter().map(|&(_, d)| d).collect();
    }
    if o.keep.is_some() {
        cands.retain(|&(_, d)| allowed(d));
    }
    let by_score = |a: &(f32, u32), b: &(f32, u32)| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1));
    // Proximity needs positions, so only the top few get it; without a limit that is a fixed
    // depth, so the order of the first pages does not depend on how many are asked for.
    let keep = limit.min(RERANK_ALL).saturating_add(RERANK_EXTRA);

    // 3. The best candidates, phrases checked best first, in chunks, until enough pass.
    let mut best: Vec<(f32, u32)> = Vec::new();
    let mut taken = 0;
    // Each phrase check reads the phrase words' lists once, so when few candidates turn out to
    // hold the phrase, the next chunk is twice as large.
    let mut chunk_size = PHRASE_CHUNK;
    while best.len() < keep && taken < cands.len() {
        let rest = &mut cands[taken..];
        let want = if phrases.is_empty() {
            keep - best.len()
        } else {
            chunk_size = chunk_size.saturating_mul(2);
            (keep - best.len()).max(chunk_size / 2)
        };
        let take = want.min(rest.len());
        if take < rest.len() {
            rest.select_nth_unstable_by(take - 1, by_score);
        }
        let chunk = &rest[..take];
        if phrases.is_empty() {
            best.extend_from_slice(chunk);
        } else {
            let verified = verify_phrases(index, &phrases, chunk, &pending);
            best.extend(
                chunk
                    .iter()
                    .copied()
                    .filter(|&(_, d)| verified.binary_search(&d).is_ok()),
            );
        }
        taken += take;
    }

    // 4. Proximity for the best. Every later candidate scores at most the lowest of these
    // before the bonus, so appending them keeps the order.
    if nc > 1 {
        let docs: Vec<u32> = best.iter().map(|&(_, d)| d).collect();
        let hits = positions(index, &r, nc, &docs, n);
        let mut at = 0;
        for (slot, cand) in best.iter_mut().enumerate() {
            let start = at;
            while at < hits.len() && hits[at].slot == slot as u32 {
                at += 1;
            }
            cand.0 += mean_idf * proximity_bonus(&hits[start..at], nc);
        }
    }
    best.sort_unstable_by(by_score);
    if best.len() < limit && taken < cands.len() {
        let mut tail = cands.split_off(taken);
        if !phrases.is_empty() {
            let verified = verify_phrases(index, &phrases, &tail, &pending);
            tail.retain(|&(_, d)| verified.binary_search(&d).is_ok());
        }
        tail.sort_unstable_by(by_score);
        best.extend(tail);
    }
    best.truncate(limit);
    out.best = best;
    out.r = r;
    out.nc = nc;
    out
}

/// Hits (excerpt and highlights) for `ranked.best[range]`.
pub(crate) fn present(
    index: &Index,
    articles: &[Article],
    ranked: &Ranked,
    range: Range<usize>,
) -> Vec<Hit> {
    let n = index.docs.len().min(articles.len());
    let end = range.end.min(ranked.best.len());
    let chosen = ranked.best.get(range.start.min(end)..end).unwrap_or(&[]);
    let chosen: Vec<(f32, u32)> = chosen
        .iter()
        .copied()
        .filter(|&(_, d)| (d as usize) < n)
        .collect();
    if ranked.r.clauses.is_empty() {
        return chosen
            .iter()
            .map(|&(s, d)| lead_hit(articles, index, d as usize, s))
            .collect();
    }
    let docs: Vec<u32> = chosen.iter().map(|&(_, d)| d).collect();
    let hits = positions(index, &ranked.r, ranked.nc, &docs, n);
    let mut at = 0;
    chosen
        .iter()
        .enumerate()
        .map(|(slot, &(score, d))| {
            let start = at;
            while at < hits.len() && hits[at].slot == slot as u32 {
                at += 1;
            }
            make_hit(
                index,
                articles,
                &ranked.r,
                d as usize,
                score,
                &hits[start..at],
            )
        })
        .collect()
}

pub(crate) fn search(
    index: &Index,
    articles: &[Article],
    query: &Query,
    opts: &SearchOptions,
) -> Vec<Hit> {
    let o = RankOptions {
        prefix_last: opts.prefix_last,
        limit: opts.limit,
        keep: None,
        want_matched: false,
    };
    let ranked = rank(index, articles.len(), query, &o);
    present(index, articles, &ranked, 0..ranked.best.len())
}

/// How many candidates a phrase check reads at once.
const PHRASE_CHUNK: usize = 64;

/// The documents of `chunk` (ascending, returned) whose pending phrase clauses all hold.
fn verify_phrases(
    index: &Index,
    phrases: &[(usize, &[WordR])],
    chunk: &[(f32, u32)],
    pending: &[u32],
) -> Vec<u32> {
    let mut docs: Vec<u32> = chunk.iter().map(|&(_, d)| d).collect();
    docs.sort_unstable();
    let mut proven = vec![0u32; docs.len()];
    for &(c, words) in phrases {
        let bit = 1u32 << c;
        let need: Vec<u32> = docs
            .iter()
            .copied()
            .filter(|&d| pending[d as usize] & bit != 0)
            .collect();
        for occ in phrase_occurrences(index, words, &need) {
            if let Ok(i) = docs.binary_search(&occ.doc) {
                proven[i] |= bit;
            }
        }
    }
    docs.iter()
        .zip(&proven)
        .filter(|&(&d, &p)| pending[d as usize] & !p == 0)
        .map(|(&d, _)| d)
        .collect()
}

fn mark_excluded(index: &Index, r: &Resolved, mask: &mut [u32]) {
    let n = mask.len();
    for item in &r.excluded {
        match item {
            ItemR::Word(w) => {
                for e in &w.exps {
                    for p in index.postings(e.term) {
                        if let Some(m) = mask.get_mut(p.doc as usize) {
                            *m |= EXCLUDED;
                        }
                    }
                }
            }
            ItemR::Phrase(words) => {
                let docs = phrase_candidates(index, words, n);
                for occ in phrase_occurrences(index, words, &docs) {
                    if let Some(m) = mask.get_mut(occ.doc as usize) {
                        *m |= EXCLUDED;
                    }
                }
            }
        }
    }
}

/// Articles holding every word of a phrase (somewhere), ascending.
fn phrase_candidates(index: &Index, words: &[WordR], n: usize) -> Vec<u32> {
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
fn positions(index: &Index, r: &Resolved, nc: usize, docs: &[u32], n: usize) -> Vec<PosHit> {
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

/// Up to `PROXIMITY + ADJACENT` (times the mean idf): the smallest window holding every clause
/// and, for each pair of clauses next to each other in the query, whether they sit side by side.
fn proximity_bonus(hits: &[PosHit], nc: usize) -> f32 {
    let mut counts = [0u16; MAX_CLAUSES];
    let mut have = 0usize;
    let mut best = u32::MAX;
    let mut lo = 0;
    for hi in 0..hits.len() {
        let c = hits[hi].clause as usize;
        if counts[c] == 0 {
            have += 1;
        }
        counts[c] += 1;
        while have == nc {
            best = best.min(hits[hi].pos - hits[lo].pos + 1);
            let cl = hits[lo].clause as usize;
            counts[cl] -= 1;
            if counts[cl] == 0 {
                have -= 1;
            }
            lo += 1;
        }
    }
    let window = if best == u32::MAX {
        0.0
    } else {
        nc as f32 / best as f32
    };
    let mut pairs = 0;
    for c in 0..nc - 1 {
        let side_by_side = hits.iter().any(|h| {
            h.clause as usize == c
                && hits
                    .binary_search_by(|x| (x.pos, x.clause).cmp(&(h.pos + 1, c as u8 + 1)))
                    .is_ok()
        });
        pairs += usize::from(side_by_side);
    }
    PROXIMITY * window + ADJACENT * pairs as f32 / (nc - 1) as f32
}

fn lead_hit(articles: &[Article], index: &Index, d: usize, score: f32) -> Hit {
    let article = &articles[d];
    let has_dek = index.docs.get(d).is_some_and(|m| m.has_dek);
    Hit {
        article: d,
        id: article.id.clone(),
        score,
        title_highlights: Vec::new(),
        excerpt: excerpt::lead(article, has_dek),
    }
}

fn make_hit(
    index: &Index,
    articles: &[Article],
    r: &Resolved,
    d: usize,
    score: f32,
    hits: &[PosHit],
) -> Hit {
    let article = &articles[d];
    let meta: &DocMeta = &index.docs[d];
    let split = hits.partition_point(|h| h.pos < meta.title_len);
    let (title_hits, body_hits) = hits.split_at(split);
    let title_highlights = if article.title_derived {
        // Not indexed (see `index::build`): mark its words the way the reader does.
        index.matching_ranges(r, &article.title)
    } else if title_hits.is_empty() {
        Vec::new()
    } else {
        excerpt::title_ranges(index, meta, &article.title, title_hits)
    };
    let excerpt: Excerpt = if body_hits.is_empty() {
        excerpt::lead(article, meta.has_dek)
    } else {
        excerpt::best(index, article, meta, body_hits)
    };
    Hit {
        article: d,
        id: article.id.clone(),
        score,
        title_highlights,
        excerpt,
    }
}
