//! Typo matching over an fst dictionary with a lazily evaluated edit-distance automaton.
//!
//! Why not `fst::automaton::Levenshtein`: it finds nothing for Arabic insertions (BurntSushi/fst
//! issue #160: `دميتريف` at distance 1 misses `دميترييف`), and it builds a full DFA up front,
//! which measured 0.1–8.7 ms per Arabic word here: too slow for every keystroke. This automaton
//! keeps one dynamic-programming row per state and computes it only along the paths the fst
//! walks, pruning as soon as no completion can stay within the distance. It also counts an
//! adjacent transposition as one edit (optimal string alignment), the commonest typing slip.

use fst::Automaton;

/// Longest word (in chars) that fuzzy matching is tried on; longer words are left exact.
pub(crate) const MAX_FUZZY_CHARS: usize = 24;
const W: usize = MAX_FUZZY_CHARS + 1;

/// A bounded edit-distance automaton over UTF-8 keys.
pub(crate) struct Fuzzy {
    query: Vec<char>,
    max: u8,
    /// Cost of replacing a letter: 1, or 2 (a deletion and an insertion) when only letters
    /// dropped, added or swapped are forgiven.
    sub_cost: u8,
}

#[derive(Clone, Copy)]
pub(crate) struct State {
    /// Distances after the last complete char.
    row: [u8; W],
    /// Distances one char earlier, for transpositions.
    prev: [u8; W],
    last: char,
    /// A char being assembled from its UTF-8 bytes.
    partial: u32,
    need: u8,
}

impl Fuzzy {
    /// `None` when `query` is empty or too long to be worth it.
    pub fn new(query: &str, max: u8) -> Option<Fuzzy> {
        let query: Vec<char> = query.chars().collect();
        (!query.is_empty() && query.len() <= MAX_FUZZY_CHARS).then_some(Fuzzy {
            query,
            max,
            sub_cost: 1,
        })
    }

    /// As [`Fuzzy::new`], counting a replaced letter as two edits: within one edit, only a
    /// letter dropped, added, or two letters swapped.
    pub fn without_substitution(query: &str, max: u8) -> Option<Fuzzy> {
        Fuzzy::new(query, max).map(|f| Fuzzy { sub_cost: 2, ..f })
    }

    /// Most edits allowed.
    pub fn max(&self) -> u8 {
        self.max
    }

    /// The edit distance of a key that matched, read from its final state.
    pub fn distance(&self, state: &Option<State>) -> u8 {
        state.as_ref().map_or(u8::MAX, |s| s.row[self.query.len()])
    }

    fn step(&self, s: &State, c: char) -> State {
        let m = self.query.len();
        let cap = self.max + 1;
        let mut row = [cap; W];
        row[0] = s.row[0].saturating_add(1).min(cap);
        for j in 1..=m {
            let qc = self.query[j - 1];
            let sub = s.row[j - 1].saturating_add(if qc == c { 0 } else { self.sub_cost });
            let mut best = sub.min(s.row[j] + 1).min(row[j - 1] + 1);
            if j > 1 && c == self.query[j - 2] && s.last == qc && s.last != c {
                best = best.min(s.prev[j - 2] + 1);
            }
            row[j] = best.min(cap);
        }
        State {
            row,
            prev: s.row,
            last: c,
            partial: 0,
            need: 0,
        }
    }
}

impl Automaton for Fuzzy {
    type State = Option<State>;

    fn start(&self) -> Option<State> {
        let mut row = [self.max + 1; W];
        for (j, slot) in row.iter_mut().enumerate().take(self.query.len() + 1) {
            *slot = (j as u8).min(self.max + 1);
        }
        Some(State {
            row,
            prev: row,
            last: '\0',
            partial: 0,
            need: 0,
        })
    }

    fn is_match(&self, state: &Option<State>) -> bool {
        state
            .as_ref()
            .is_some_and(|s| s.need == 0 && s.row[self.query.len()] <= self.max)
    }

    fn can_match(&self, state: &Option<State>) -> bool {
        state.is_some()
    }

    fn accept(&self, state: &Option<State>, byte: u8) -> Option<State> {
        let s = state.as_ref()?;
        let (code, need) = if s.need > 0 {
            if byte & 0xC0 != 0x80 {
                return None;
            }
            ((s.partial << 6) | u32::from(byte & 0x3F), s.need - 1)
        } else {
            match byte {
                0x00..=0x7F => (u32::from(byte), 0),
                0xC0..=0xDF => (u32::from(byte & 0x1F), 1),
                0xE0..=0xEF => (u32::from(byte & 0x0F), 2),
                0xF0..=0xF7 => (u32::from(byte & 0x07), 3),
                _ => return None,
            }
        };
        if need > 0 {
            return Some(State {
                partial: code,
                need,
                ..*s
            });
        }
        let next = self.step(s, char::from_u32(code)?);
        let alive = next.row[..=self.query.len()].iter().any(|&d| d <= self.max);
        alive.then_some(next)
    }
}

/// The distance allowed for a word of `chars` letters: none under 5, 1 up to 7, 2 from 8.
pub(crate) fn max_distance(chars: usize) -> u8 {
    match chars {
        0..=4 => 0,
        5..=7 => 1,
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use fst::{IntoStreamer, Set, Streamer};

    fn matches(words: &[&str], q: &str, k: u8) -> Vec<String> {
        let mut sorted: Vec<&str> = words.to_vec();
        sorted.sort();
        let set = Set::from_iter(sorted).unwrap_or_default();
        let Some(aut) = Fuzzy::new(q, k) else {
            return Vec::new();
        };
        let mut s = set.search(aut).into_stream();
        let mut out = Vec::new();
        while let Some(w) = s.next() {
            out.push(String::from_utf8_lossy(w).into_owned());
        }
        out
    }

    #[test]
    fn arabic_insertions_deletions_substitutions_transpositions() {
        let words = ["دميترييف", "زيلينسكي", "واشنطن", "ترامب", "بوتين", "abcdef"];
        assert_eq!(matches(&words, "دميتريف", 1), ["دميترييف"]);
        assert_eq!(matches(&words, "زيلنسكي", 1), ["زيلينسكي"]);
        assert_eq!(matches(&words, "واشنتن", 1), ["واشنطن"]);
        assert_eq!(matches(&words, "واشطنن", 1), ["واشنطن"], "transposition");
        assert_eq!(matches(&words, "ديميتريف", 2), ["دميترييف"]);
        assert!(matches(&words, "ديميتريف", 1).is_empty());
        assert_eq!(matches(&words, "abdef", 1), ["abcdef"]);
        assert_eq!(matches(&words, "بوتين", 0), ["بوتين"]);
    }

    #[test]
    fn without_substitution_forgives_drops_additions_and_swaps_only() {
        let words = ["القلب", "للتهريب", "الحكومية", "البرلمان"];
        let m = |q: &str| {
            let mut sorted: Vec<&str> = words.to_vec();
            sorted.sort();
            let set = Set::from_iter(sorted).unwrap_or_default();
            let aut = Fuzzy::without_substitution(q, 1).expect("short");
            let mut s = set.search(aut).into_stream();
            let mut out = Vec::new();
            while let Some(w) = s.next() {
                out.push(String::from_utf8_lossy(w).into_owned());
            }
            out
        };
        assert_eq!(m("للهريب"), ["للتهريب"], "dropped");
        assert_eq!(m("الحكوومية"), ["الحكومية"], "added");
        assert_eq!(m("البرلامن"), ["البرلمان"], "swapped");
        assert!(m("القلم").is_empty(), "replaced");
    }

    #[test]
    fn refuses_empty_and_overlong_queries() {
        assert!(Fuzzy::new("", 1).is_none());
        assert!(Fuzzy::new(&"ب".repeat(MAX_FUZZY_CHARS + 1), 1).is_none());
    }
}
