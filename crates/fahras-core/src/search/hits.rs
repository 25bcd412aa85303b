//! What a search returns: hits with their excerpt and highlights, and the partial-match report.

use serde::Serialize;

/// How to run a search.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SearchOptions {
    /// Match the query's last word as a prefix too (true while the user is typing).
    pub prefix_last: bool,
    /// Most hits returned; `None` for all.
    pub limit: Option<usize>,
}

/// One article found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    /// Index into the articles slice.
    pub article: usize,
    pub id: String,
    pub score: f32,
    /// UTF-16 ranges of matched words in the article's title.
    pub title_highlights: Vec<(u32, u32)>,
    pub excerpt: Excerpt,
    /// For a partial match ([`Ranking::partial`]): the query words (as typed) this article lacks.
    pub missing: Vec<String>,
}

/// A short passage of one block, with the matched words' UTF-16 ranges in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Excerpt {
    /// The block it comes from; `None` for the dek (or an article without blocks).
    pub block: Option<usize>,
    pub text: String,
    pub highlights: Vec<(u32, u32)>,
}

/// A partial match: no article has every word of the query (an `OR` group or a quoted phrase
/// counts as one "word"); the articles shown hold `held` of the `of`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PartialMatch {
    pub held: usize,
    pub of: usize,
    /// Query words (as typed) that none of the articles shown holds.
    pub missing: Vec<String>,
    /// Query words (as typed) that no article at all holds.
    pub nowhere: Vec<String>,
    /// Query words (as typed) that at least one of the articles shown lacks: what a reader may
    /// want to search for alone.
    pub lacking: Vec<String>,
}
