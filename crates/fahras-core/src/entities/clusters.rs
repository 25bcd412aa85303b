//! Word clusters for the tagger, learned from unlabelled news (`fahras ner-clusters`).
//!
//! FANE has 600K labelled tokens; most names and many of the words around them occur a few
//! times at most. A cluster id says "this word is used like these other words" (a surname,
//! a city, a ministry's second word, a verb of saying), learned from a much larger unlabelled
//! corpus, so the tagger can generalise from the names it saw to names it did not.
//!
//! The method is deliberately small and deterministic: every frequent word (normalised, the
//! article and conjunction off, as the tagger's `bare` form) gets a vector of its left and
//! right neighbours (±1 and ±2 among the most frequent words), weighted by positive PMI,
//! randomly projected to [`DIM`] dimensions (a fixed ±1 pattern per context), normalised;
//! spherical k-means then groups the words at three granularities ([`LEVELS`]). No threads, no clock, fixed seeds: the same text gives the same table.

use crate::hash::HashMap;

use super::ner::bare_of;

/// Words clustered: the most frequent ones seen at least [`MIN_COUNT`] times.
pub const VOCAB: usize = 50_000;
pub const MIN_COUNT: u32 = 5;
/// Context words: the most frequent ones.
const CTX: usize = 1000;
/// Cluster counts of the three granularities, coarse to fine.
pub const LEVELS: [usize; 3] = [64, 512, 2048];
const ITERS: usize = 12;

/// A word and its cluster at each of the [`LEVELS`].
pub type Entry = (String, [u16; 3]);

/// Cluster the words of these texts, sorted by word.
pub fn build<'a>(texts: impl Iterator<Item = &'a str>) -> Vec<Entry> {
    // Intern the words; one id sequence per text.
    let mut ids: HashMap<String, u32> = HashMap::default();
    let mut words: Vec<String> = Vec::new();
    let mut seqs: Vec<Vec<u32>> = Vec::new();
    for t in texts {
        let seq = crate::text::tokenize(t)
            .into_iter()
            .map(|tok| {
                let b = bare_of(&tok.norm);
                if let Some(&i) = ids.get(&b) {
                    return i;
                }
                let i = words.len() as u32;
                words.push(b.clone());
                ids.insert(b, i);
                i
            })
            .collect();
        seqs.push(seq);
    }
    let mut freq = vec![0u32; words.len()];
    for s in &seqs {
        for &w in s {
            freq[w as usize] += 1;
        }
    }
    let mut by_freq: Vec<u32> = (0..words.len() as u32).collect();
    by_freq.sort_by(|&a, &b| {
        freq[b as usize]
            .cmp(&freq[a as usize])
            .then_with(|| words[a as usize].cmp(&words[b as usize]))
    });
    let mut rank = vec![u32::MAX; words.len()];
    for (r, &w) in by_freq.iter().enumerate() {
        rank[w as usize] = r as u32;
    }
    let nv = by_freq
        .iter()
        .take(VOCAB)
        .filter(|&&w| freq[w as usize] >= MIN_COUNT)
        .count();

    // Context counts: dimension = position slot × CTX + context word rank.
    let mut rows: Vec<HashMap<u32, u32>> = vec![HashMap::default(); nv];
    let mut col = vec![0u64; 4 * CTX];
    for s in seqs.iter() {
        for (i, &w) in s.iter().enumerate() {
            let r = rank[w as usize] as usize;
            if r >= nv {
                continue;
            }
            for (slot, d) in [(0u32, -2i64), (1, -1), (2, 1), (3, 2)] {
                let j = i as i64 + d;
                if j < 0 || j >= s.len() as i64 {
                    continue;
                }
                let c = rank[s[j as usize] as usize] as usize;
                if c >= CTX {
                    continue;
                }
                let dim = slot * CTX as u32 + c as u32;
                *rows[r].entry(dim).or_default() += 1;
                col[dim as usize] += 1;
            }
        }
    }
    // Context distribution smoothed (^0.75), as for word vectors: rare contexts weigh less.
    let colw: Vec<f64> = col.iter().map(|&c| (c as f64).powf(0.75)).collect();
    let total: f64 = colw.iter().sum();
    let mut vecs: Vec<Vec<(u32, f32)>> = Vec::with_capacity(nv);
    for row in &rows {
        let rowsum: f64 = row.values().map(|&c| f64::from(c)).sum();
        // Sorted for a fixed summation order.
        let mut cells: Vec<(u32, u32)> = row.iter().map(|(&d, &c)| (d, c)).collect();
        cells.sort_unstable();
        let mut v: Vec<(u32, f32)> = cells
            .into_iter()
            .filter_map(|(d, c)| {
                let pmi = (f64::from(c) * total / (rowsum * colw[d as usize])).ln();
                (pmi > 0.0).then_some((d, pmi as f32))
            })
            .collect();
        let n = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
        if n > 0.0 {
            v.iter_mut().for_each(|x| x.1 /= n);
        }
        vecs.push(v);
    }
    drop(rows);
    let ids: Vec<Vec<usize>> = LEVELS.iter().map(|&k| kmeans(&vecs, k)).collect();
    let mut out: Vec<Entry> = (0..nv)
        .map(|r| {
            (
                words[by_freq[r] as usize].clone(),
                [ids[0][r] as u16, ids[1][r] as u16, ids[2][r] as u16],
            )
        })
        .collect();
    out.sort();
    out
}

const NDIM: usize = 4 * CTX;

/// Spherical k-means over sparse unit vectors; the initial centres are words spread evenly over
/// the frequency ranks. Centres are stored dimension-major (one row of `k` per dimension).
fn kmeans(vecs: &[Vec<(u32, f32)>], k: usize) -> Vec<usize> {
    let n = vecs.len();
    let mut cent = vec![0f32; NDIM * k];
    for c in 0..k {
        for &(d, x) in &vecs[c * n / k] {
            cent[d as usize * k + c] = x;
        }
    }
    let mut assign = vec![usize::MAX; n];
    let mut sc = vec![0f32; k];
    for _ in 0..ITERS {
        let mut changed = 0;
        for (i, v) in vecs.iter().enumerate() {
            sc.iter_mut().for_each(|s| *s = 0.0);
            for &(d, x) in v {
                let row = &cent[d as usize * k..(d as usize + 1) * k];
                for (s, m) in sc.iter_mut().zip(row) {
                    *s += x * m;
                }
            }
            let mut best = (f32::NEG_INFINITY, 0);
            for (c, &s) in sc.iter().enumerate() {
                if s > best.0 {
                    best = (s, c);
                }
            }
            if assign[i] != best.1 {
                changed += 1;
                assign[i] = best.1;
            }
        }
        let mut sum = vec![0f32; NDIM * k];
        for (i, v) in vecs.iter().enumerate() {
            for &(d, x) in v {
                sum[d as usize * k + assign[i]] += x;
            }
        }
        for c in 0..k {
            let norm = (0..NDIM)
                .map(|d| sum[d * k + c].powi(2))
                .sum::<f32>()
                .sqrt();
            if norm > 0.0 {
                for d in 0..NDIM {
                    cent[d * k + c] = sum[d * k + c] / norm;
                }
            }
        }
        if changed == 0 {
            break;
        }
    }
    assign
}

/// Parse a cluster table (`word<TAB>id<TAB>id<TAB>id` lines, coarse to fine; `#` lines are
/// comments).
pub fn parse(text: &str) -> Vec<Entry> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut it = l.split('\t');
            let w = it.next()?;
            let mut ids = [0u16; 3];
            for x in &mut ids {
                *x = it.next()?.parse().ok()?;
            }
            Some((w.to_owned(), ids))
        })
        .collect()
}

/// The table as written to `data/ner/clusters.tsv` (after a `#` header).
pub fn to_tsv(table: &[Entry]) -> String {
    let mut out = String::new();
    for (w, ids) in table {
        out.push_str(&format!("{w}\t{}\t{}\t{}\n", ids[0], ids[1], ids[2]));
    }
    out
}
