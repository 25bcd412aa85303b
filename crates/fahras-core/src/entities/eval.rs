//! Scoring extraction against gold labels.
//!
//! Matching rule (mention level): a predicted mention is right when a gold mention has the
//! same source line, the same type and the same text once normalised (hamza, ى/ي, ة/ه and
//! harakat folded; spaces collapsed). Each gold mention matches at most one prediction.
//! Only lines the article actually contains are scored (its blocks' lines, and its title's
//! line when the title is not derived), so text the cleaner removed counts on neither side.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::gazetteer::key_of;
use super::{mention_text, EntityKind, EntityTable};
use crate::model::Article;

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldFile {
    /// The corpus folder, relative to the gold file.
    pub corpus: String,
    #[serde(default)]
    pub description: Option<String>,
    pub articles: Vec<GoldArticle>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldArticle {
    /// The article id (the source file's stem).
    pub id: String,
    pub mentions: Vec<GoldMention>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GoldMention {
    /// 1-based line of the source file.
    pub line: u32,
    pub text: String,
    #[serde(rename = "type")]
    pub kind: EntityKind,
    /// The entity's id or canonical name (informative; not used for matching).
    #[serde(default)]
    pub entity: Option<String>,
}

/// True positives, false positives and false negatives.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.tp, self.tp + self.fp)
    }
    pub fn recall(&self) -> f64 {
        ratio(self.tp, self.tp + self.fn_)
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Counts) {
        self.tp += o.tp;
        self.fp += o.fp;
        self.fn_ += o.fn_;
    }
}

fn ratio(a: u32, b: u32) -> f64 {
    if b == 0 {
        1.0
    } else {
        f64::from(a) / f64::from(b)
    }
}

/// One wrong or missed mention, for the report.
#[derive(Debug, Clone, Serialize)]
pub struct Miss {
    pub article: String,
    pub line: u32,
    pub text: String,
    pub kind: EntityKind,
    /// True: predicted but not in gold; false: in gold but not predicted.
    pub spurious: bool,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct Report {
    pub per_kind: Vec<(EntityKind, Counts)>,
    pub overall: Counts,
    pub misses: Vec<Miss>,
}

impl Report {
    pub fn kind(&self, k: EntityKind) -> Counts {
        self.per_kind
            .iter()
            .find(|(x, _)| *x == k)
            .map(|&(_, c)| c)
            .unwrap_or_default()
    }
}

/// Score `table` (extracted from `articles`) against `gold`. `source_lines(id)` gives an
/// article's source file lines, used to find which line its title came from.
pub fn score(
    articles: &[Article],
    table: &EntityTable,
    gold: &GoldFile,
    source_lines: impl Fn(&str) -> Option<Vec<String>>,
) -> Report {
    let gold_by_id: HashMap<&str, &GoldArticle> =
        gold.articles.iter().map(|a| (a.id.as_str(), a)).collect();
    let mut counts: HashMap<EntityKind, Counts> = HashMap::new();
    let mut misses = Vec::new();
    for (ai, article) in articles.iter().enumerate() {
        let Some(g) = gold_by_id.get(article.id.as_str()) else {
            continue;
        };
        let title_line = if article.title_derived {
            None
        } else {
            source_lines(&article.id).and_then(|lines| {
                lines
                    .iter()
                    .position(|l| l.trim() == article.title.trim())
                    .map(|i| i as u32 + 1)
            })
        };
        let mut lines: Vec<u32> = article.blocks.iter().map(|b| b.line).collect();
        lines.extend(title_line);
        // (line, kind, key) → (gold count, predicted count, a surface text)
        let mut tally: HashMap<(u32, EntityKind, String), (u32, u32, String)> = HashMap::new();
        for m in g.mentions.iter().filter(|m| lines.contains(&m.line)) {
            tally
                .entry((m.line, m.kind, key_of(&m.text)))
                .or_insert((0, 0, m.text.clone()))
                .0 += 1;
        }
        for m in table.mentions.get(ai).into_iter().flatten() {
            let line = match m.block {
                None => match title_line {
                    Some(l) => l,
                    None => continue, // a derived title repeats the lead: not scored twice
                },
                Some(b) => article.blocks[b as usize].line,
            };
            let kind = table.entities[m.entity as usize].kind;
            let text = mention_text(article, m);
            tally
                .entry((line, kind, key_of(text)))
                .or_insert((0, 0, text.to_owned()))
                .1 += 1;
        }
        for ((line, kind, _), (g_n, p_n, text)) in tally {
            let c = counts.entry(kind).or_default();
            let tp = g_n.min(p_n);
            c.tp += tp;
            c.fp += p_n - tp;
            c.fn_ += g_n - tp;
            if g_n != p_n {
                misses.push(Miss {
                    article: article.id.clone(),
                    line,
                    text,
                    kind,
                    spurious: p_n > g_n,
                });
            }
        }
    }
    misses.sort_by(|a, b| (&a.article, a.line, &a.text).cmp(&(&b.article, b.line, &b.text)));
    let mut report = Report {
        misses,
        ..Report::default()
    };
    for k in EntityKind::ALL {
        let c = counts.get(&k).copied().unwrap_or_default();
        report.overall.add(c);
        report.per_kind.push((k, c));
    }
    report
}
