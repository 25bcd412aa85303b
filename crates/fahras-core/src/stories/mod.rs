//! Stories: the reports of one event grouped together, and inside a story, which sentences
//! each report shares with the others and which only it says.
//!
//! - [`sentences`]: sentence splitting and keys (content-word stems, numbers, entities) with the
//!   one analyser, so spelling variants and clitics do not hide a shared sentence.
//! - [`shingles`]: article fingerprints (word shingles for reuse, a word bag for rewording).
//! - [`cluster`]: candidate pairs in a date window, the pair score, average-linkage grouping.
//! - [`align`]: sentence alignment inside a story and the differences between aligned sentences.
//!
//! Grouping runs at build time (the bundle stores only each story's article numbers and label);
//! alignment is computed when a story is shown, from the articles and the entity table.

pub mod align;
pub mod cluster;
pub mod eval;
pub mod sentences;
pub mod shingles;

use serde::{Deserialize, Serialize};

use crate::entities::EntityTable;
use crate::model::Article;
use crate::text::Lexicon;

pub use align::{align, Alignment, Difference, ReportAlignment, SentenceAlignment};
pub use cluster::{PairFeatures, Params};
use sentences::{article_sentences, Analyser, ArticleSentences};
use shingles::{fingerprint, Fingerprint};

/// One story: at least two articles (indices into the corpus), by date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Story {
    /// The article whose title labels the story (the most central one).
    pub label: u32,
    /// Articles by publication date (then corpus order).
    pub articles: Vec<u32>,
}

/// The publication day of an article (a day number: see [`crate::date::day_number`]), when its
/// date has a day.
pub fn day_of(article: &Article) -> Option<i32> {
    crate::date::day_number(article.date.as_deref()?)
}

/// Every article's sentences and keys (in parallel: the analyser's memo is per part).
pub fn analyse<L: Lexicon + Sync + ?Sized>(
    articles: &[Article],
    entities: &EntityTable,
    lex: &L,
) -> Vec<ArticleSentences> {
    crate::par::map_parts(articles, |start, part| {
        let mut an = Analyser::new(lex, articles.len());
        part.iter()
            .enumerate()
            .map(|(i, a)| {
                let mentions = entities
                    .mentions
                    .get(start + i)
                    .map_or(&[][..], Vec::as_slice);
                article_sentences(&mut an, a, mentions, entities)
            })
            .collect::<Vec<_>>()
    })
    .into_iter()
    .flatten()
    .collect()
}

/// What grouping works from: fingerprints, vectors and days of every article.
pub struct Corpus {
    pub fingerprints: Vec<Fingerprint>,
    pub vectors: cluster::Vectors,
    pub days: Vec<Option<i32>>,
    /// Each article's outlet, as a number (`None`: unknown).
    pub sources: Vec<Option<u32>>,
}

impl Corpus {
    pub fn new<L: Lexicon + Sync + ?Sized>(
        articles: &[Article],
        entities: &EntityTable,
        lex: &L,
    ) -> Corpus {
        let sentences = analyse(articles, entities, lex);
        let fingerprints: Vec<Fingerprint> = sentences.iter().map(fingerprint).collect();
        let entity_docs: Vec<usize> = entities.entities.iter().map(|e| e.articles.len()).collect();
        let vectors = cluster::Vectors::new(&fingerprints, &entity_docs);
        let mut names: crate::hash::HashMap<&str, u32> = Default::default();
        let sources = articles
            .iter()
            .map(|a| {
                let s = a.source.as_deref()?.trim();
                let next = names.len() as u32;
                (!s.is_empty()).then(|| *names.entry(s).or_insert(next))
            })
            .collect();
        Corpus {
            fingerprints,
            vectors,
            days: articles.iter().map(day_of).collect(),
            sources,
        }
    }

    /// The features of any two articles, all of them.
    pub fn features(&self, a: usize, b: usize) -> PairFeatures {
        let mut f = self.score_features(a, b);
        self.vectors
            .add_text_features(&self.fingerprints, a, b, &mut f);
        f
    }

    /// The features the score uses.
    fn score_features(&self, a: usize, b: usize) -> PairFeatures {
        let mut f = self.vectors.features(&self.fingerprints, a, b);
        f.same_source = matches!((self.sources[a], self.sources[b]), (Some(x), Some(y)) if x == y);
        f.same_day = matches!((self.days[a], self.days[b]), (Some(x), Some(y)) if x == y);
        f
    }

    /// The candidate pairs scoring `floor` or more, with all their features.
    pub fn pairs(&self, params: &Params, floor: f32) -> Vec<(u32, u32, PairFeatures)> {
        let mut pairs = cluster::candidates(&self.vectors, &self.days, params, floor, |a, b| {
            self.score_features(a, b)
        });
        for (a, b, f) in &mut pairs {
            self.vectors
                .add_text_features(&self.fingerprints, *a as usize, *b as usize, f);
        }
        pairs
    }

    /// The stories, ordered by their first report's date.
    pub fn stories(&self, params: &Params) -> Vec<Story> {
        let pairs: Vec<(u32, u32, f32)> = cluster::candidates(
            &self.vectors,
            &self.days,
            params,
            params.min_score,
            |a, b| self.score_features(a, b),
        )
        .into_iter()
        .map(|(a, b, f)| (a, b, f.score()))
        .collect();
        let groups = cluster::cluster(self.days.len(), &self.days, &pairs, params, |a, b| {
            self.score_features(a as usize, b as usize)
        });
        let score: crate::hash::HashMap<(u32, u32), f32> =
            pairs.iter().map(|&(a, b, s)| ((a, b), s)).collect();
        let mut stories: Vec<Story> = groups
            .into_iter()
            .map(|mut g| {
                g.sort_by_key(|&a| (self.days[a as usize].unwrap_or(i32::MAX), a));
                let centrality = |a: u32| -> f32 {
                    g.iter()
                        .filter(|&&b| b != a)
                        .map(|&b| score.get(&(a.min(b), a.max(b))).copied().unwrap_or(0.0))
                        .sum()
                };
                let label = g
                    .iter()
                    .copied()
                    .max_by(|&x, &y| centrality(x).total_cmp(&centrality(y)).then(y.cmp(&x)))
                    .unwrap_or(g[0]);
                Story { label, articles: g }
            })
            .collect();
        stories.sort_by_key(|s| {
            let first = s.articles[0];
            (self.days[first as usize].unwrap_or(i32::MAX), first)
        });
        stories
    }
}

/// The stories of a corpus with the default thresholds (the build step).
pub fn build<L: Lexicon + Sync + ?Sized>(
    articles: &[Article],
    entities: &EntityTable,
    lex: &L,
) -> Vec<Story> {
    Corpus::new(articles, entities, lex).stories(&Params::default())
}

/// Per article, the story it belongs to.
pub fn story_of(stories: &[Story], articles: usize) -> Vec<Option<u32>> {
    let mut of = vec![None; articles];
    for (s, story) in stories.iter().enumerate() {
        for &a in &story.articles {
            if let Some(slot) = of.get_mut(a as usize) {
                *slot = Some(s as u32);
            }
        }
    }
    of
}
