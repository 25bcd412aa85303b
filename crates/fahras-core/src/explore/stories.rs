//! The story view's model: a story's reports side by side, each sentence with how many reports
//! carry it and what differs, the reports on a time line, the entities only some mention; and
//! result lists collapsed to one row per story.

use super::{Explorer, ResultItem, Results};
use crate::stories::align::{align_with, sentence_text, Difference};
use crate::stories::day_of;

/// Which sentences a report column shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SentenceFilter {
    #[default]
    All,
    /// Sentences no other report carries.
    OnlyHere,
    /// Sentences every report carries.
    Everywhere,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StorySentence {
    pub text: String,
    /// Reports that carry it, this one included.
    pub carried_by: usize,
    /// (report position, sentence index) of the matching sentences in the other reports.
    pub matches: Vec<(u32, u32)>,
    pub differences: Vec<Difference>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoryReport {
    pub article: usize,
    /// Days after the story's first dated report (the time line), when dated.
    pub day: Option<i32>,
    /// Every sentence, in reading order (filter with [`StoryView::shown`]).
    pub sentences: Vec<StorySentence>,
    pub only_here: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StoryView {
    pub story: usize,
    /// The article whose title labels the story.
    pub label: usize,
    /// The reports by date (the time line's order).
    pub reports: Vec<StoryReport>,
    /// Distinct outlets, in report order.
    pub sources: Vec<String>,
    /// Entities some reports mention and others do not, with the reports (positions) that do.
    pub partial_entities: Vec<(u32, Vec<u32>)>,
}

impl StoryView {
    /// The sentences of report `r` that `filter` keeps, with their indices.
    pub fn shown(
        &self,
        r: usize,
        filter: SentenceFilter,
    ) -> impl Iterator<Item = (usize, &StorySentence)> {
        let n = self.reports.len();
        self.reports
            .get(r)
            .into_iter()
            .flat_map(|rep| rep.sentences.iter().enumerate())
            .filter(move |(_, s)| match filter {
                SentenceFilter::All => true,
                SentenceFilter::OnlyHere => s.carried_by == 1,
                SentenceFilter::Everywhere => s.carried_by == n,
            })
    }
}

impl Explorer {
    /// The story article `a` belongs to.
    pub fn story_of(&self, a: usize) -> Option<usize> {
        self.story_of.get(a).copied().flatten().map(|s| s as usize)
    }

    /// The titles labelling the stories among `results` (its story facet, in order). On a
    /// split corpus a title not at hand reads as empty and is noted, like every read.
    pub fn story_labels(&self, results: &Results) -> Vec<&str> {
        results
            .facets
            .stories
            .iter()
            .map(|&(s, _)| {
                self.stories
                    .get(s)
                    .map_or("", |st| self.title(st.label as usize))
            })
            .collect()
    }

    /// The story of the article with this id (how the URL names a story).
    pub fn story_by_article_id(&self, id: &str) -> Option<usize> {
        self.story_of(self.article_by_id(id)?)
    }

    /// The story view of story `s`: its reports aligned sentence by sentence.
    pub fn story_view(&self, s: usize) -> Option<StoryView> {
        let story = self.stories.get(s)?;
        let first = story
            .articles
            .iter()
            .filter_map(|&a| day_of(self.articles.get(a as usize)?))
            .min();
        let mentions = |a: usize| self.mentions(a);
        let al = align_with(
            self,
            &story.articles,
            self.entities_waited(),
            &mentions,
            &self.index,
        );
        let reports = al
            .reports
            .into_iter()
            .filter_map(|rep| {
                let a = rep.article as usize;
                let article = self.article(a)?;
                let only_here = rep.only_here();
                let sentences = rep
                    .sentences
                    .into_iter()
                    .map(|x| StorySentence {
                        text: sentence_text(article, &x.span).to_owned(),
                        carried_by: x.carried_by(),
                        matches: x.matches.iter().map(|m| (m.0, m.1)).collect(),
                        differences: x.differences,
                    })
                    .collect();
                Some(StoryReport {
                    article: a,
                    day: day_of(article).zip(first).map(|(d, f)| d - f),
                    sentences,
                    only_here,
                })
            })
            .collect::<Vec<_>>();
        let mut sources: Vec<String> = Vec::new();
        for r in &reports {
            if let Some(src) = &self.articles[r.article].source {
                if !sources.contains(src) {
                    sources.push(src.clone());
                }
            }
        }
        Some(StoryView {
            story: s,
            label: story.label as usize,
            reports,
            sources,
            partial_entities: al.partial_entities,
        })
    }

    /// `articles` (a ranked result list) with one row per story: each row is the first-ranked
    /// article of its story (or an article in no story) and the story's other reports in the
    /// list, in rank order ("3 more reports of this story").
    pub fn collapse_by_story(
        &self,
        articles: impl IntoIterator<Item = usize>,
    ) -> Vec<(usize, Vec<usize>)> {
        let mut rows: Vec<(usize, Vec<usize>)> = Vec::new();
        let mut row_of_story: crate::hash::HashMap<usize, usize> = Default::default();
        for a in articles {
            match self.story_of(a) {
                Some(s) => match row_of_story.get(&s) {
                    Some(&r) => rows[r].1.push(a),
                    None => {
                        row_of_story.insert(s, rows.len());
                        rows.push((a, Vec::new()));
                    }
                },
                None => rows.push((a, Vec::new())),
            }
        }
        rows
    }

    /// The first `rows` rows of `results` collapsed by story, each with its hit and the story's
    /// other reports among the results; and how many rows there are in all.
    pub fn collapsed_items(
        &self,
        results: &Results,
        rows: usize,
    ) -> (Vec<(ResultItem, Vec<usize>)>, usize) {
        let all = self.collapse_by_story(results.articles());
        let total = all.len();
        let rank: crate::hash::HashMap<usize, usize> = results
            .articles()
            .enumerate()
            .map(|(i, a)| (a, i))
            .collect();
        let items = all
            .into_iter()
            .take(rows)
            .filter_map(|(head, more)| {
                let at = *rank.get(&head)?;
                let item = self.items(results, at..at + 1).into_iter().next()?;
                Some((item, more))
            })
            .collect();
        (items, total)
    }
}
