//! Highlight ranges for any text (the reader marks every hit in every block): whole words, with
//! their clitics, as UTF-16 ranges into the original text (harakat and all).

use std::sync::Arc;

use super::expand::{resolve, Resolved};
use super::index::Index;
use super::query::Query;
use crate::text::{stem, tokenize, utf16_len};

impl Index {
    /// What `query` resolves to on this index, cached in the query for repeated calls.
    fn resolved_for(&self, query: &Query) -> Arc<Resolved> {
        if let Some((uid, r)) = query.resolved.get() {
            if *uid == self.uid {
                return Arc::clone(r);
            }
        }
        let r = Arc::new(resolve(self, query, true));
        // Only the first index to resolve a query caches it; another index just recomputes.
        let _ = query.resolved.set((self.uid, Arc::clone(&r)));
        r
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

    pub(crate) fn highlight_ranges(&self, query: &Query, text: &str) -> Vec<(u32, u32)> {
        if query.clauses.is_empty() {
            return Vec::new();
        }
        let r = self.resolved_for(query);
        self.matching_ranges(&r, text)
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
