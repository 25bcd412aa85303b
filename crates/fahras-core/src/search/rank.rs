//! Scoring: which articles match, and in what order.
//!
//! [`rank`] runs named steps:
//! 1. [`count`]: every clause's forms are read from their posting lists (counts only, positions
//!    skipped) into dense per-article arrays: a bit per satisfied clause and a weighted term
//!    frequency per match class. A phrase counts as its words until its adjacency is checked.
//! 2. [`choose_required`]: which articles qualify. Normally those holding every clause; when no
//!    article does, those holding the most clauses (a partial match, reported with the clauses
//!    missing). Phrases and exclusions stay strict: a clause of phrases only is never dropped,
//!    and an excluded word always excludes.
//! 3. [`score`]: BM25F (title words count [`TITLE_WEIGHT`] times). A clause's forms fall in
//!    classes (exact form, same stem, variant or prefix, typo); frequencies are summed per class
//!    cumulatively and the clause scores its best `class weight × BM25`, so one exact hit beats
//!    a page of typo-distance hits, while many stem siblings still count.
//! 4. [`take_best`]: the best candidates, phrases checked on positions best first.
//! 5. [`add_proximity`]: for the best few, positions are read again for a proximity bonus
//!    (query words close together, or in query order side by side).
//!
//! Presenting the result (excerpts, highlights) is `present`'s concern.

use super::expand::{resolve, ItemR, Resolved, WordR, CLASSES, CLASS_WEIGHT, EXACT};
use super::index::{Index, TITLE_WEIGHT};
use super::positions::{phrase_candidates, phrase_occurrences, positions, PosHit};
use super::query::Query;

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

/// When no article holds every clause: what the articles shown hold instead.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Partial {
    /// Clauses each shown article holds (the most any article holds).
    pub held: usize,
    /// Clauses that none of the shown articles holds (bits).
    pub missing: u32,
    /// Clauses that no article at all holds (bits).
    pub nowhere: u32,
    /// Clauses that some shown article lacks (bits).
    pub lacking: u32,
}

/// A query's matches, best first, before they are presented (see `present`).
#[derive(Debug, Clone, Default)]
pub(crate) struct Ranked {
    pub r: Resolved,
    pub nc: usize,
    /// (score, doc), best first.
    pub best: Vec<(f32, u32)>,
    /// Every doc the query matches, ascending, before `keep`; filled only when asked for.
    pub matched: Vec<u32>,
    /// Set when no article holds every clause and the best partial matches are shown.
    pub partial: Option<Partial>,
    /// For a partial match: (doc, clauses it holds), by doc.
    pub held: Vec<(u32, u32)>,
    /// Each clause as typed.
    pub texts: Vec<String>,
}

impl Ranked {
    /// The clauses (as typed) that article `doc` of a partial match lacks.
    pub fn missing_in(&self, doc: u32) -> Vec<String> {
        if self.partial.is_none() {
            return Vec::new();
        }
        let bits = self
            .held
            .binary_search_by_key(&doc, |&(d, _)| d)
            .map_or(0, |i| self.held[i].1);
        self.clause_texts(!bits & full_mask(self.nc))
    }

    /// The texts of the clauses in `bits`, in query order.
    pub fn clause_texts(&self, bits: u32) -> Vec<String> {
        self.texts
            .iter()
            .take(self.nc)
            .enumerate()
            .filter(|&(c, _)| bits & (1 << c) != 0)
            .map(|(_, t)| t.clone())
            .collect()
    }
}

fn full_mask(nc: usize) -> u32 {
    if nc >= 32 {
        u32::MAX
    } else {
        (1u32 << nc) - 1
    }
}

pub(crate) struct RankOptions<'a> {
    pub prefix_last: bool,
    /// Most returned; `None` for every match.
    pub limit: Option<usize>,
    /// Which matching articles may be returned (filters); `matched` ignores it.
    pub keep: Option<&'a dyn Fn(usize) -> bool>,
    pub want_matched: bool,
}

/// Step 1's dense per-article arrays.
struct Counts<'r> {
    nc: usize,
    /// tf[(d * nc + c) * CLASSES + k]: weighted frequency of clause c's forms of class ≤ k.
    tf: Vec<f32>,
    /// Clauses satisfied (and [`EXCLUDED`]).
    mask: Vec<u32>,
    /// Clauses satisfied by the query word's own form.
    exact: Vec<u32>,
    /// Clauses an article satisfies only through a phrase whose words it holds, not yet
    /// checked for adjacency.
    pending: Vec<u32>,
    /// Phrase alternatives still to check: (clause, words).
    phrases: Vec<(usize, &'r [WordR])>,
}

/// Which articles qualify (step 2).
enum Required {
    /// Every clause.
    All(u32),
    /// The best partial matches: the docs (ascending) that qualify.
    Partial(Partial, Vec<u32>),
}

/// Matching and ranking, without excerpts: `n` is how many articles there are.
pub(crate) fn rank(index: &Index, n: usize, query: &Query, o: &RankOptions<'_>) -> Ranked {
    let n = index.docs.len().min(n);
    let limit = o.limit.unwrap_or(usize::MAX);
    let mut out = Ranked {
        texts: query.clauses.iter().map(|c| c.text.clone()).collect(),
        ..Ranked::default()
    };
    if limit == 0 || n == 0 {
        return out;
    }
    let r = resolve(index, query, o.prefix_last);
    let mut mask = vec![0u32; n];
    mark_excluded(index, &r, &mut mask);
    if r.clauses.is_empty() {
        list_all(&mut out, &mask, limit, o);
        out.r = r;
        return out;
    }
    let nc = r.clauses.len().min(MAX_CLAUSES);
    let mut counts = count(index, &r, nc, mask);
    let df = doc_freqs(&counts);
    let required = choose_required(index, &r, &mut counts, &df);
    let idf = idf(&df, nc, n);
    let mut cands = score(index, &counts, &idf, &required);
    let mut phrases = std::mem::take(&mut counts.phrases);
    let pending = std::mem::take(&mut counts.pending);
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
    if let Some(keep) = o.keep {
        cands.retain(|&(_, d)| keep(d as usize));
    }
    // Proximity needs positions, so only the top few get it; without a limit that is a fixed
    // depth, so the order of the first pages does not depend on how many are asked for.
    let depth = limit.min(RERANK_ALL).saturating_add(RERANK_EXTRA);
    let (mut best, taken) = take_best(index, &phrases, &pending, &mut cands, depth);
    let mean_idf = idf.iter().sum::<f32>() / nc as f32;
    add_proximity(index, &r, nc, n, mean_idf, &mut best);
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
    if let Required::Partial(partial, docs) = required {
        out.held = docs
            .into_iter()
            .map(|d| (d, counts.mask[d as usize] & full_mask(nc)))
            .collect();
        out.partial = Some(partial);
    }
    out.best = best;
    out.r = r;
    out.nc = nc;
    out
}

fn by_score(a: &(f32, u32), b: &(f32, u32)) -> std::cmp::Ordering {
    b.0.total_cmp(&a.0).then(a.1.cmp(&b.1))
}

/// A query without positive words: every article not excluded, in corpus order.
fn list_all(out: &mut Ranked, mask: &[u32], limit: usize, o: &RankOptions<'_>) {
    let docs = (0..mask.len() as u32).filter(|&d| mask[d as usize] & EXCLUDED == 0);
    if o.want_matched {
        out.matched = docs.clone().collect();
    }
    out.best = docs
        .filter(|&d| o.keep.is_none_or(|keep| keep(d as usize)))
        .take(limit)
        .map(|d| (0.0, d))
        .collect();
}

/// Step 1: clause bits and class frequencies for every article.
fn count<'r>(index: &Index, r: &'r Resolved, nc: usize, mut mask: Vec<u32>) -> Counts<'r> {
    let n = mask.len();
    let mut tf = vec![0f32; n * nc * CLASSES];
    let mut exact = vec![0u32; n];
    let mut pending = vec![0u32; n];
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
                    let all = full_mask(k);
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
    Counts {
        nc,
        tf,
        mask,
        exact,
        pending,
        phrases,
    }
}

/// Articles (not excluded) that satisfy each clause, phrases counted as their words.
fn doc_freqs(c: &Counts<'_>) -> [u32; MAX_CLAUSES] {
    let full = full_mask(c.nc);
    let mut df = [0u32; MAX_CLAUSES];
    for (&m, &p) in c.mask.iter().zip(&c.pending) {
        if m & EXCLUDED != 0 {
            continue;
        }
        let mut bits = (m | p) & full;
        while bits != 0 {
            df[bits.trailing_zeros() as usize] += 1;
            bits &= bits - 1;
        }
    }
    df
}

/// Step 2: every clause when some article holds them all; else the articles holding the
/// most clauses, every phrase-only clause among them (phrases are checked here, for all).
fn choose_required(
    index: &Index,
    r: &Resolved,
    c: &mut Counts<'_>,
    df: &[u32; MAX_CLAUSES],
) -> Required {
    let full = full_mask(c.nc);
    let complete = |m: u32, p: u32| m & EXCLUDED == 0 && (m | p) & full == full;
    if c.nc < 2 || c.mask.iter().zip(&c.pending).any(|(&m, &p)| complete(m, p)) {
        return Required::All(full);
    }
    // Clauses of phrases only stay required.
    let strict: u32 = r
        .clauses
        .iter()
        .take(c.nc)
        .enumerate()
        .filter(|(_, alts)| alts.iter().all(|a| matches!(a, ItemR::Phrase(_))))
        .fold(0, |acc, (i, _)| acc | 1 << i);
    if strict == full {
        return Required::All(full);
    }
    // Settle every phrase now, so that the clause bits are exact.
    if !c.phrases.is_empty() {
        let docs: Vec<u32> = (0..c.pending.len() as u32)
            .filter(|&d| c.pending[d as usize] != 0 && c.mask[d as usize] & EXCLUDED == 0)
            .collect();
        let proven = prove_phrases(index, &c.phrases, &docs, &c.pending);
        for (&d, &p) in docs.iter().zip(&proven) {
            c.mask[d as usize] |= p;
        }
        c.pending.iter_mut().for_each(|p| *p = 0);
        c.phrases.clear();
    }
    let held = |m: u32| {
        (m & EXCLUDED == 0 && m & strict == strict && m & full != 0)
            .then(|| (m & full).count_ones() as usize)
    };
    let most = c.mask.iter().filter_map(|&m| held(m)).max().unwrap_or(0);
    let docs: Vec<u32> = (0..c.mask.len() as u32)
        .filter(|&d| most > 0 && held(c.mask[d as usize]) == Some(most))
        .collect();
    let union = docs
        .iter()
        .fold(0u32, |acc, &d| acc | c.mask[d as usize] & full);
    let common = docs.iter().fold(full, |acc, &d| acc & c.mask[d as usize]);
    let nowhere = (0..c.nc)
        .filter(|&i| df[i] == 0)
        .fold(0u32, |acc, i| acc | 1 << i);
    let partial = Partial {
        held: most,
        missing: full & !union,
        nowhere,
        lacking: full & !common,
    };
    Required::Partial(partial, docs)
}

fn idf(df: &[u32; MAX_CLAUSES], nc: usize, n: usize) -> Vec<f32> {
    let nf = n as f32;
    df[..nc]
        .iter()
        .map(|&x| (1.0 + (nf - x as f32 + 0.5) / (x as f32 + 0.5)).ln())
        .collect()
}

/// Step 3: BM25F of every qualifying article, in document order.
fn score(index: &Index, c: &Counts<'_>, idf: &[f32], required: &Required) -> Vec<(f32, u32)> {
    let mut cands = Vec::new();
    match required {
        Required::All(full) => {
            for d in 0..c.mask.len() {
                let m = c.mask[d];
                if m & EXCLUDED == 0 && (m | c.pending[d]) & full == *full {
                    cands.push((bm25f(index, c, idf, d), d as u32));
                }
            }
        }
        Required::Partial(_, docs) => {
            for &d in docs {
                cands.push((bm25f(index, c, idf, d as usize), d));
            }
        }
    }
    cands
}

/// Article `d`'s BM25F: each clause's best class, plus a bonus for its exact form.
#[inline(always)]
fn bm25f(index: &Index, c: &Counts<'_>, idf: &[f32], d: usize) -> f32 {
    let meta = &index.docs[d];
    let len = TITLE_WEIGHT * meta.title_len as f32 + meta.body_len as f32;
    let norm = K1 * (1.0 - B + B * len / index.avg_len);
    let nc = idf.len();
    let Some(tf) = c.tf.get(d * nc * CLASSES..(d + 1) * nc * CLASSES) else {
        return 0.0;
    };
    let exact = c.exact[d] | c.pending[d];
    let mut s = 0.0;
    for ((i, &idf_c), f) in idf.iter().enumerate().zip(tf.chunks_exact(CLASSES)) {
        let mut best = 0.0f32;
        for (&f, w) in f.iter().zip(CLASS_WEIGHT) {
            best = best.max(w * f * (K1 + 1.0) / (f + norm));
        }
        s += idf_c * best;
        if exact & (1 << i) != 0 {
            s += EXACT_BONUS * idf_c;
        }
    }
    s
}

/// Step 4: the best `depth` candidates, phrases checked best first in growing chunks until
/// enough pass. Returns them and how many candidates (moved to the front of `cands`) were read.
fn take_best(
    index: &Index,
    phrases: &[(usize, &[WordR])],
    pending: &[u32],
    cands: &mut [(f32, u32)],
    depth: usize,
) -> (Vec<(f32, u32)>, usize) {
    let mut best: Vec<(f32, u32)> = Vec::new();
    let mut taken = 0;
    // Each phrase check reads the phrase words' lists once, so when few candidates turn out to
    // hold the phrase, the next chunk is twice as large.
    let mut chunk_size = PHRASE_CHUNK;
    while best.len() < depth && taken < cands.len() {
        let rest = &mut cands[taken..];
        let want = if phrases.is_empty() {
            depth - best.len()
        } else {
            chunk_size = chunk_size.saturating_mul(2);
            (depth - best.len()).max(chunk_size / 2)
        };
        let take = want.min(rest.len());
        if take < rest.len() {
            rest.select_nth_unstable_by(take - 1, by_score);
        }
        let chunk = &rest[..take];
        if phrases.is_empty() {
            best.extend_from_slice(chunk);
        } else {
            let verified = verify_phrases(index, phrases, chunk, pending);
            best.extend(
                chunk
                    .iter()
                    .copied()
                    .filter(|&(_, d)| verified.binary_search(&d).is_ok()),
            );
        }
        taken += take;
    }
    (best, taken)
}

/// Step 5: proximity for the best. Every later candidate scores at most the lowest of these
/// before the bonus, so appending them keeps the order.
fn add_proximity(
    index: &Index,
    r: &Resolved,
    nc: usize,
    n: usize,
    mean_idf: f32,
    best: &mut [(f32, u32)],
) {
    if nc < 2 {
        return;
    }
    let docs: Vec<u32> = best.iter().map(|&(_, d)| d).collect();
    let hits = positions(index, r, nc, &docs, n);
    let mut at = 0;
    for (slot, cand) in best.iter_mut().enumerate() {
        let start = at;
        while at < hits.len() && hits[at].slot == slot as u32 {
            at += 1;
        }
        cand.0 += mean_idf * proximity_bonus(&hits[start..at], nc);
    }
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
    let proven = prove_phrases(index, phrases, &docs, pending);
    docs.iter()
        .zip(&proven)
        .filter(|&(&d, &p)| pending[d as usize] & !p == 0)
        .map(|(&d, _)| d)
        .collect()
}

/// For each of `docs` (ascending), the bits of its pending phrase clauses that hold.
fn prove_phrases(
    index: &Index,
    phrases: &[(usize, &[WordR])],
    docs: &[u32],
    pending: &[u32],
) -> Vec<u32> {
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
    proven
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

/// Up to `PROXIMITY + ADJACENT` (times the mean idf): the smallest window holding every clause
/// the article has and, for each pair of clauses next to each other in the query, whether they
/// sit side by side.
fn proximity_bonus(hits: &[PosHit], nc: usize) -> f32 {
    let mut present = 0u32;
    for h in hits {
        present |= 1 << h.clause;
    }
    let held = present.count_ones() as usize;
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
        while have == held {
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
        held as f32 / best as f32
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
