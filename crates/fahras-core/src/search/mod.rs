//! Search: an inverted index with positions built at compile time, a small query language,
//! BM25F ranking with exact-form, proximity and phrase signals, excerpts and highlights.
//! Arabic first: every word goes through the one analyser in [`crate::text`] (normalise,
//! tokenize, corpus-checked stemming), at build time and at query time alike.
//!
//! One concern per file, imports running one way (no file imports one that imports it):
//! [`query`] parses; `index` builds; `dict` holds the words; `format`/`codec`/`postings` store;
//! `expand` turns words into dictionary forms (with `variants` and `fuzzy`); `positions` reads
//! where words occur; `rank` scores; `present` builds the `hits` with `excerpt`; `highlight`
//! marks any text.

mod codec;
mod dict;
mod excerpt;
mod expand;
mod format;
mod fuzzy;
mod highlight;
mod hits;
mod index;
mod positions;
mod postings;
mod present;
pub mod query;
mod rank;
mod variants;

use std::collections::BTreeSet;
use std::ops::Range;

use fst::{IntoStreamer, Streamer};

pub(crate) use codec::put_padded;
pub use codec::IndexError;
pub use highlight::Highlighter;
pub use hits::{Excerpt, Hit, PartialMatch, SearchOptions};
pub use index::Index;
pub use postings::LIST_ALIGN;
pub use query::{parse_query, Clause, Item, Query, Word};

use crate::model::Article;

/// The articles an index was built from, by position: a slice, or a split corpus's explorer,
/// which hands out a text once it has been fetched (see [`crate::split`]).
pub trait Articles {
    fn article(&self, d: usize) -> Option<&Article>;
    fn count(&self) -> usize;
}

impl Articles for [Article] {
    fn article(&self, d: usize) -> Option<&Article> {
        self.get(d)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

impl Articles for Vec<Article> {
    fn article(&self, d: usize) -> Option<&Article> {
        self.get(d)
    }
    fn count(&self) -> usize {
        self.len()
    }
}

/// The ranked matches of one query (see [`Index::rank`]).
#[derive(Debug, Clone, Default)]
pub struct Ranking(rank::Ranked);

impl Ranking {
    /// Articles (indices) the query matches, before filters, ascending.
    pub fn matched(&self) -> &[u32] {
        &self.0.matched
    }

    /// Articles (indices) ranked and kept, best first.
    pub fn articles(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.0.best.iter().map(|&(_, d)| d as usize)
    }

    pub fn len(&self) -> usize {
        self.0.best.len()
    }

    pub fn is_empty(&self) -> bool {
        self.0.best.is_empty()
    }

    /// Hits with excerpt and highlights for the ranked articles in `range` (clamped).
    pub fn hits<A: Articles + ?Sized>(
        &self,
        index: &Index,
        articles: &A,
        range: Range<usize>,
    ) -> Vec<Hit> {
        present::present(index, articles, &self.0, range)
    }

    /// Set when no article holds every word of the query, and the articles holding the most
    /// of them are ranked instead.
    pub fn partial(&self) -> Option<PartialMatch> {
        let p = self.0.partial?;
        Some(PartialMatch {
            held: p.held,
            of: self.0.nc,
            missing: self.0.clause_texts(p.missing),
            nowhere: self.0.clause_texts(p.nowhere),
            lacking: self.0.clause_texts(p.lacking),
        })
    }
}

impl Index {
    /// Index `articles`. `protected` holds names (any spelling; they are normalised here) that
    /// stemming must never cut, typically the entity gazetteer.
    pub fn build(articles: &[Article], protected: &BTreeSet<String>) -> Index {
        index::build(articles, protected)
    }

    /// The stored form (see the `format` module for the layout).
    pub fn to_bytes(&self) -> Vec<u8> {
        self.encode()
    }

    /// Read a stored index; corrupt or truncated bytes give an error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Index, IndexError> {
        Index::decode(bytes)
    }

    /// Run `query` over `articles` (the same articles, in the same order, as were indexed).
    /// Each article appears at most once. An empty query lists every article in corpus order.
    pub fn search(&self, articles: &[Article], query: &str, opts: &SearchOptions) -> Vec<Hit> {
        self.search_query(articles, &parse_query(query), opts)
    }

    /// As [`Index::search`], for a query already parsed (and perhaps widened by the caller).
    pub fn search_query(
        &self,
        articles: &[Article],
        query: &Query,
        opts: &SearchOptions,
    ) -> Vec<Hit> {
        present::search(self, articles, query, opts)
    }

    /// Every article `query` matches, ranked, with hits built later a page at a time
    /// ([`Ranking::hits`]): what a result list that shows a page of a long list needs.
    /// `keep` drops articles from the ranking (filters) but not from [`Ranking::matched`].
    pub fn rank(
        &self,
        articles: &[Article],
        query: &str,
        prefix_last: bool,
        keep: &dyn Fn(usize) -> bool,
    ) -> Ranking {
        self.rank_query(articles, &parse_query(query), prefix_last, keep)
    }

    /// As [`Index::rank`], for a query already parsed (and perhaps rewritten by the caller).
    pub fn rank_query(
        &self,
        articles: &[Article],
        query: &Query,
        prefix_last: bool,
        keep: &dyn Fn(usize) -> bool,
    ) -> Ranking {
        let o = rank::RankOptions {
            prefix_last,
            limit: None,
            keep: Some(keep),
            want_matched: true,
        };
        Ranking(rank::rank(self, articles.len(), query, &o))
    }

    /// UTF-16 ranges of the whole words in `text` that `query` matches (its last word as a
    /// prefix when the query string did not end with a space). To mark many texts with one
    /// query, [`Index::highlighter`] resolves it once.
    pub fn highlights(&self, query: &Query, text: &str) -> Vec<(u32, u32)> {
        if query.clauses.is_empty() {
            return Vec::new();
        }
        self.highlighter(query).ranges(text)
    }

    /// Dictionary words (normalised) closest to the query's words that the dictionary lacks:
    /// "did you mean" material for an empty result. Closest first, then most frequent.
    pub fn suggest(&self, query: &str, n: usize) -> Vec<String> {
        let q = parse_query(query);
        let mut found: Vec<(u8, std::cmp::Reverse<u32>, String)> = Vec::new();
        for word in q.words() {
            if self.term_id(word).is_some() {
                continue;
            }
            let chars = word.chars().count();
            let k = if chars <= 3 { 1 } else { 2 };
            let Some(aut) = fuzzy::Fuzzy::new(word, k) else {
                continue;
            };
            let mut stream = self.terms.map().search_with_state(&aut).into_stream();
            let mut seen = 0;
            while let Some((key, id, state)) = stream.next() {
                seen += 1;
                if seen > 2000 {
                    break;
                }
                if id < self.term_stem.len() as u64 {
                    let df = self.doc_freq(id as u32);
                    found.push((
                        aut.distance(&state),
                        std::cmp::Reverse(df),
                        String::from_utf8_lossy(key).into_owned(),
                    ));
                }
            }
        }
        found.sort();
        let mut out: Vec<String> = Vec::new();
        for (_, _, w) in found {
            if !out.contains(&w) {
                out.push(w);
            }
            if out.len() >= n {
                break;
            }
        }
        out
    }

    /// How a dictionary word (normalised, as [`Index::suggest`] gives it) is written in the
    /// corpus: its first occurrence in the first article holding it. A suggestion shown to a
    /// reader should read الاقتصادية, not the folded الاقتصاديه.
    pub fn spelled<A: Articles + ?Sized>(&self, articles: &A, term: &str) -> Option<String> {
        let id = self.term_id(term)?;
        let doc = self.postings(id).next()?.doc as usize;
        let a = articles.article(doc)?;
        let texts = std::iter::once(a.title.as_str())
            .chain(a.dek.as_deref())
            .chain(a.blocks.iter().map(|b| b.text.as_str()));
        for text in texts {
            if let Some(t) = crate::text::tokenize(text)
                .into_iter()
                .find(|t| t.norm == term)
            {
                return Some(text[t.start..t.end].to_string());
            }
        }
        None
    }

    /// Distinct word forms in the dictionary.
    pub fn term_count(&self) -> usize {
        self.term_stem.len()
    }

    /// Distinct stems in the dictionary.
    pub fn stem_count(&self) -> usize {
        self.stem_start.len().saturating_sub(1)
    }

    /// Articles indexed.
    pub fn doc_count(&self) -> usize {
        self.docs.len()
    }
}
