//! Alignment inside a story: each sentence of each report matched to the sentence of every
//! other report that says the same thing (near-duplicate or reworded), how many reports carry
//! it, and the numbers, dates and names that differ between aligned sentences.

use super::sentences::{article_sentences, Analyser, Keys, Span};
use super::shingles::shared;
use crate::entities::{EntityKind, EntityTable, Mention};
use crate::model::Article;
use crate::search::Articles;
use crate::text::{Lexicon, Utf16Index};

/// Two sentences say the same thing at this similarity or more.
pub const MIN_SIMILARITY: f32 = 0.4;
/// ... and share at least this many content words, entities and numbers together.
const MIN_SHARED: f32 = 2.0;
/// An entity is stronger evidence than a word: names are what reworded sentences keep.
const ENTITY_WEIGHT: f32 = 1.5;

/// What differs between two aligned sentences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DifferenceKind {
    Number,
    Date,
    Name,
}

impl DifferenceKind {
    pub fn as_str(&self) -> &'static str {
        match self {
            DifferenceKind::Number => "number",
            DifferenceKind::Date => "date",
            DifferenceKind::Name => "name",
        }
    }
}

/// Numbers (as digits), dates or names (entity indices, as strings of their names) that one
/// aligned sentence has and the other has not, when both give some of that kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Difference {
    /// The other report (position in the story).
    pub report: u32,
    pub kind: DifferenceKind,
    /// Only in this sentence.
    pub here: Vec<String>,
    /// Only in the other report's sentence.
    pub there: Vec<String>,
}

/// One sentence of a report and where the other reports say it.
#[derive(Debug, Clone, PartialEq)]
pub struct SentenceAlignment {
    pub span: Span,
    /// (other report, its sentence, similarity): the best match in each report that has one.
    pub matches: Vec<(u32, u32, f32)>,
    pub differences: Vec<Difference>,
}

impl SentenceAlignment {
    /// How many reports carry this sentence (this one included).
    pub fn carried_by(&self) -> usize {
        1 + self.matches.len()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct ReportAlignment {
    /// The article (corpus index).
    pub article: u32,
    pub sentences: Vec<SentenceAlignment>,
}

impl ReportAlignment {
    /// Sentences only this report has.
    pub fn only_here(&self) -> usize {
        self.sentences
            .iter()
            .filter(|s| s.matches.is_empty())
            .count()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Alignment {
    pub reports: Vec<ReportAlignment>,
    /// Entities (people, places, organisations) that some reports mention and others do not:
    /// (entity, positions of the reports that mention it), most-mentioned first.
    pub partial_entities: Vec<(u32, Vec<u32>)>,
}

fn weight(k: &Keys) -> f32 {
    k.words.len() as f32 + ENTITY_WEIGHT * k.entities.len() as f32 + k.numbers.len() as f32
}

fn shared_numbers(a: &Keys, b: &Keys) -> usize {
    a.numbers.iter().filter(|n| b.numbers.contains(n)).count()
}

/// How alike two sentences are, 0 to 1: the shared content words, entities and numbers over the
/// two sentences' mean size, or over the shorter one's (a sentence that is a clause of a longer
/// one still aligns) when that shorter one has at least four keys.
pub fn similarity(a: &Keys, b: &Keys) -> f32 {
    let common = shared(&a.words, &b.words) as f32
        + ENTITY_WEIGHT * shared(&a.entities, &b.entities) as f32
        + shared_numbers(a, b) as f32;
    if common < MIN_SHARED {
        return 0.0;
    }
    let (wa, wb) = (weight(a), weight(b));
    let dice = 2.0 * common / (wa + wb);
    let small = wa.min(wb);
    let contained = if small >= 4.0 {
        0.85 * common / small
    } else {
        0.0
    };
    dice.max(contained).min(1.0)
}

fn differences(a: &Keys, b: &Keys, report: u32, table: &EntityTable) -> Vec<Difference> {
    let name = |e: &u32| {
        table
            .entities
            .get(*e as usize)
            .map_or_else(|| e.to_string(), |x| x.name.clone())
    };
    let only = |x: &[String], y: &[String]| -> Vec<String> {
        x.iter().filter(|n| !y.contains(n)).cloned().collect()
    };
    let mut out = Vec::new();
    // A difference is a substitution: each sentence gives one the other does not (37 dead
    // against 53 dead). A sentence that only adds a number or a name says more, not otherwise.
    let mut diff = |kind: DifferenceKind, here: Vec<String>, there: Vec<String>| {
        if !here.is_empty() && !there.is_empty() {
            out.push(Difference {
                report,
                kind,
                here,
                there,
            });
        }
    };
    diff(
        DifferenceKind::Number,
        only(&a.numbers, &b.numbers),
        only(&b.numbers, &a.numbers),
    );
    let dates = |k: &Keys| k.dates.iter().map(name).collect::<Vec<_>>();
    let (da, db) = (dates(a), dates(b));
    diff(DifferenceKind::Date, only(&da, &db), only(&db, &da));
    // Names, kind by kind: a person against another person, a place against another place.
    let kind = |e: &u32| table.entities.get(*e as usize).map(|x| x.kind);
    let mut here = Vec::new();
    let mut there = Vec::new();
    for k in [EntityKind::Person, EntityKind::Place, EntityKind::Org] {
        let of = |x: &Keys| -> Vec<u32> {
            x.entities
                .iter()
                .copied()
                .filter(|e| kind(e) == Some(k))
                .collect()
        };
        let (ea, eb) = (of(a), of(b));
        let h: Vec<String> = ea.iter().filter(|e| !eb.contains(e)).map(name).collect();
        let t: Vec<String> = eb.iter().filter(|e| !ea.contains(e)).map(name).collect();
        if !h.is_empty() && !t.is_empty() {
            here.extend(h);
            there.extend(t);
        }
    }
    diff(DifferenceKind::Name, here, there);
    out
}

/// Aligns the reports `story` (corpus indices) of `articles`. `lex` is the corpus lexicon the
/// search index was built with, so words are reduced as at build time.
pub fn align<L: Lexicon + ?Sized>(
    articles: &[Article],
    story: &[u32],
    table: &EntityTable,
    lex: &L,
) -> Alignment {
    let mentions = |a: usize| table.mentions.get(a).map_or(&[][..], Vec::as_slice);
    align_with(articles, story, table, &mentions, lex)
}

/// [`align`] where the articles' texts and mentions come from elsewhere (a split corpus).
pub fn align_with<'m, L: Lexicon + ?Sized, A: Articles + ?Sized>(
    articles: &A,
    story: &[u32],
    table: &EntityTable,
    mentions: &dyn Fn(usize) -> &'m [Mention],
    lex: &L,
) -> Alignment {
    let mut an = Analyser::new(lex, articles.count());
    let reports: Vec<_> = story
        .iter()
        .filter_map(|&a| {
            let art = articles.article(a as usize)?;
            Some(article_sentences(&mut an, art, mentions(a as usize), table))
        })
        .collect();
    align_sentences(story, &reports, table, mentions)
}

/// [`align`] on sentences already analysed (one per report, in story order).
pub fn align_sentences<'m>(
    story: &[u32],
    reports: &[super::sentences::ArticleSentences],
    table: &EntityTable,
    mentions: &dyn Fn(usize) -> &'m [Mention],
) -> Alignment {
    let mut out = Vec::with_capacity(reports.len());
    for (r, rep) in reports.iter().enumerate() {
        let mut sentences = Vec::with_capacity(rep.keys.len());
        for (s, keys) in rep.keys.iter().enumerate() {
            let mut matches = Vec::new();
            let mut diffs = Vec::new();
            for (q, other) in reports.iter().enumerate() {
                if q == r {
                    continue;
                }
                let best = other
                    .keys
                    .iter()
                    .enumerate()
                    .map(|(t, k)| (t, similarity(keys, k)))
                    .max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)));
                if let Some((t, sim)) = best.filter(|b| b.1 >= MIN_SIMILARITY) {
                    matches.push((q as u32, t as u32, sim));
                    diffs.extend(differences(keys, &other.keys[t], q as u32, table));
                }
            }
            sentences.push(SentenceAlignment {
                span: rep.spans[s],
                matches,
                differences: diffs,
            });
        }
        out.push(ReportAlignment {
            article: story.get(r).copied().unwrap_or(0),
            sentences,
        });
    }
    // Entities by the reports that mention them (title or body).
    let mut by_entity: std::collections::BTreeMap<u32, Vec<u32>> = Default::default();
    for (r, &a) in story.iter().enumerate().take(reports.len()) {
        for m in mentions(a as usize) {
            let is_date = table
                .entities
                .get(m.entity as usize)
                .is_none_or(|e| e.kind == EntityKind::Date);
            if is_date {
                continue;
            }
            let rs = by_entity.entry(m.entity).or_default();
            if !rs.contains(&(r as u32)) {
                rs.push(r as u32);
            }
        }
    }
    let mut partial: Vec<(u32, Vec<u32>)> = by_entity
        .into_iter()
        .filter(|(_, rs)| rs.len() < reports.len())
        .collect();
    partial.sort_by(|x, y| y.1.len().cmp(&x.1.len()).then(x.0.cmp(&y.0)));
    Alignment {
        reports: out,
        partial_entities: partial,
    }
}

/// The text of a sentence of `article`.
pub fn sentence_text<'a>(article: &'a Article, span: &Span) -> &'a str {
    let Some(block) = article.blocks.get(span.block as usize) else {
        return "";
    };
    let idx = Utf16Index::new(&block.text);
    let (s, e) = idx.range(span.start, span.end);
    block.text.get(s..e).unwrap_or("")
}
