//! Article fingerprints for grouping: word shingles (text reuse) and a weighted bag of content
//! words (the same event told in other words), both over the analyser's sentence keys.

use super::sentences::{ArticleSentences, Keys};
use crate::hash::HashMap;

/// Words per shingle: three content words in a row (function words are already out, so this
/// spans a clause) is rare enough to mean reuse and short enough to survive an edit.
pub const SHINGLE: usize = 3;

/// What one article is compared by.
#[derive(Debug, Clone, Default)]
pub struct Fingerprint {
    /// Shingle hashes, sorted and deduplicated.
    pub shingles: Vec<u64>,
    /// Content words with their counts (title words count double), sorted by word.
    pub bag: Vec<(u64, f32)>,
    /// People, places and organisations mentioned, sorted.
    pub entities: Vec<u32>,
    /// The title's content words, sorted and deduplicated.
    pub title: Vec<u64>,
    /// The lead's (first [`LEAD`] sentences') content words and entities, sorted, deduplicated.
    pub lead: Vec<u64>,
}

/// Sentences that make the lead: where a news report says what happened.
pub const LEAD: usize = 2;

fn shingles_of(k: &Keys, out: &mut Vec<u64>) {
    if k.seq.len() < SHINGLE {
        return;
    }
    for w in k.seq.windows(SHINGLE) {
        let mut h: u64 = 0x9e37_79b9_7f4a_7c15;
        for &x in w {
            h = (h ^ x).wrapping_mul(0x0100_0000_01b3).rotate_left(29);
        }
        out.push(h);
    }
}

pub fn fingerprint(s: &ArticleSentences) -> Fingerprint {
    let mut shingles = Vec::new();
    let mut bag: HashMap<u64, f32> = HashMap::default();
    let mut entities = Vec::new();
    shingles_of(&s.title, &mut shingles);
    for &w in &s.title.seq {
        *bag.entry(w).or_default() += 2.0;
    }
    entities.extend_from_slice(&s.title.entities);
    for k in &s.keys {
        shingles_of(k, &mut shingles);
        for &w in &k.seq {
            *bag.entry(w).or_default() += 1.0;
        }
        entities.extend_from_slice(&k.entities);
    }
    shingles.sort_unstable();
    shingles.dedup();
    entities.sort_unstable();
    entities.dedup();
    let mut bag: Vec<(u64, f32)> = bag.into_iter().collect();
    bag.sort_unstable_by_key(|&(w, _)| w);
    let mut lead: Vec<u64> = Vec::new();
    for k in s.keys.iter().take(LEAD) {
        lead.extend_from_slice(&k.words);
        // Entities join the words under keys no word hash is likely to take.
        lead.extend(
            k.entities
                .iter()
                .map(|&e| u64::from(e) ^ 0xe000_0000_0000_0000),
        );
    }
    lead.sort_unstable();
    lead.dedup();
    Fingerprint {
        shingles,
        bag,
        entities,
        title: s.title.words.clone(),
        lead,
    }
}

/// How many items two sorted lists share.
pub fn shared<T: Ord>(a: &[T], b: &[T]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Dice coefficient of two sorted sets: 1 when equal, 0 when disjoint or empty.
pub fn dice<T: Ord>(a: &[T], b: &[T]) -> f32 {
    if a.is_empty() && b.is_empty() {
        return 0.0;
    }
    2.0 * shared(a, b) as f32 / (a.len() + b.len()) as f32
}

/// Shared shingles over the smaller article's shingles: 1 when one report is contained in the
/// other, whatever their lengths.
pub fn containment(a: &Fingerprint, b: &Fingerprint) -> f32 {
    let m = a.shingles.len().min(b.shingles.len());
    if m == 0 {
        return 0.0;
    }
    shared(&a.shingles, &b.shingles) as f32 / m as f32
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(seq: &[u64]) -> Keys {
        Keys {
            seq: seq.to_vec(),
            ..Default::default()
        }
    }

    #[test]
    fn a_contained_report_has_containment_one() {
        let a = ArticleSentences {
            keys: vec![keys(&[1, 2, 3, 4, 5]), keys(&[6, 7, 8])],
            ..Default::default()
        };
        let b = ArticleSentences {
            keys: vec![keys(&[9, 1, 2, 3, 4, 5, 10])],
            ..Default::default()
        };
        let c = ArticleSentences {
            keys: vec![keys(&[5, 4, 3, 2, 1])],
            ..Default::default()
        };
        let (fa, fb, fc) = (fingerprint(&a), fingerprint(&b), fingerprint(&c));
        assert_eq!(fa.shingles.len(), 4);
        assert!(containment(&fa, &fb) > 0.6);
        assert_eq!(containment(&fa, &fc), 0.0, "order matters in a shingle");
    }
}
