//! Highlight ranges for any text (the reader marks every hit in every block): whole words, with
//! their clitics, as UTF-16 ranges into the original text (harakat and all).

use super::expand::{resolve, Resolved};
use super::index::Index;
use super::query::Query;
use crate::text::{stem, tokenize, utf16_len};

/// A query resolved once against one index, to highlight many texts (every block an article
/// reader shows) without resolving it again for each.
pub struct Highlighter<'a> {
    index: &'a Index,
    resolved: Resolved,
}

impl Highlighter<'_> {
    /// UTF-16 ranges of the whole words in `text` that the query matches.
    pub fn ranges(&self, text: &str) -> Vec<(u32, u32)> {
        self.index.matching_ranges(&self.resolved, text)
    }
}

impl Index {
    /// Resolve `query` (its last word as a prefix when it was being typed) for highlighting.
    pub fn highlighter(&self, query: &Query) -> Highlighter<'_> {
        Highlighter {
            index: self,
            resolved: resolve(self, query, true),
        }
    }

    fn word_matches(&self, r: &Resolved, norm: &str) -> bool {
        let hit = |w: &str| match self.term_id(w) {
            Some(t) => r.hl_terms.binary_search(&t).is_ok(),
            // Text outside the dictionary (a field that was not indexed): compare stems.
            None => self
                .stem_id(stem(w, self))
                .is_some_and(|s| r.hl_stems.binary_search(&s).is_ok()),
        };
        hit(norm)
            || norm
                .strip_suffix('+')
                .is_some_and(|bare| !bare.is_empty() && hit(bare.trim_end_matches('+')))
    }

    /// UTF-16 ranges of the words of `text` that the resolved query matches.
    pub(crate) fn matching_ranges(&self, r: &Resolved, text: &str) -> Vec<(u32, u32)> {
        if r.hl_terms.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut units = 0usize;
        let mut byte = 0usize;
        for t in tokenize(text) {
            if self.word_matches(r, &t.norm) {
                units += utf16_len(&text[byte..t.start]);
                let len = utf16_len(&text[t.start..t.end]);
                out.push((units as u32, (units + len) as u32));
                units += len;
                byte = t.end;
            }
        }
        out
    }
}
