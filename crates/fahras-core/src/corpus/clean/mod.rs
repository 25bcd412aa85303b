//! The cleaner: scraped lines in, an [`Article`] out. It is one pipeline for every format
//! (`.txt` lines, `.md` blocks, `.jsonl` texts) and it never drops a line: each unit ends as
//! the title, the dek, a block, or a [`Removed`] entry with its reason.
//!
//! Passes, in order (each only looks at units no earlier pass has decided):
//! 1. [`junk`]: lines recognisable anywhere — labels, ads, generated summaries, related
//!    links, navigation runs and menus, bylines, credits, copyright, captions.
//! 2. [`header`]: the top and bottom of the article — masthead, date lines, title, repeated
//!    lines, dek, the caption under a byline.
//! 3. [`blocks`]: what is left becomes headings, paragraphs, list items and quotes; an
//!    untitled article gets a title derived from its lead sentence.

mod blocks;
mod byline;
mod header;
mod junk;
pub(crate) mod line;
mod nav;
mod vocab;

pub use line::{Hint, Unit};

use super::Diagnostic;
use crate::model::{Article, BlockKind, RemovalReason, Removed};
use line::Feat;

/// Metadata the input states outright (front matter, a JSONL record). It wins over what the
/// cleaner infers, but the lines it would have come from are still accounted for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Meta {
    pub title: Option<String>,
    pub dek: Option<String>,
    pub author: Option<String>,
    pub source: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub lang: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fate {
    Open,
    Title,
    Dek,
    Block(BlockKind),
    Removed(RemovalReason),
}

/// The cleaner's working state over one article.
struct Doc<'a> {
    units: &'a [Unit],
    feats: Vec<Feat>,
    fate: Vec<Fate>,
    author: Option<String>,
    /// From a masthead site-name line.
    site: Option<String>,
    /// From a source-credit line ("المصدر: ...").
    credit: Option<String>,
    date: Option<String>,
    /// Units removed as navigation runs on shape alone, to be reconsidered once the title
    /// is known.
    tentative_nav: Vec<usize>,
}

impl<'a> Doc<'a> {
    fn new(units: &'a [Unit]) -> Self {
        Doc {
            units,
            feats: units.iter().map(|u| Feat::of(&u.text)).collect(),
            fate: vec![Fate::Open; units.len()],
            author: None,
            site: None,
            credit: None,
            date: None,
            tentative_nav: Vec::new(),
        }
    }

    fn len(&self) -> usize {
        self.units.len()
    }

    fn is_open(&self, i: usize) -> bool {
        self.fate.get(i) == Some(&Fate::Open)
    }

    fn remove(&mut self, i: usize, reason: RemovalReason) {
        self.fate[i] = Fate::Removed(reason);
    }

    fn removed_as(&self, i: usize) -> Option<RemovalReason> {
        match self.fate.get(i) {
            Some(Fate::Removed(r)) => Some(*r),
            _ => None,
        }
    }

    fn next_open(&self, i: usize) -> Option<usize> {
        (i + 1..self.len()).find(|&j| self.is_open(j))
    }

    fn text(&self, i: usize) -> &str {
        &self.units[i].text
    }

    /// A plain line (no markdown structure, no bullet): the only kind that can be title,
    /// dek, caption or header furniture.
    fn plain(&self, i: usize) -> bool {
        matches!(self.units[i].hint, Hint::None | Hint::Paragraph) && self.feats[i].bullet.is_none()
    }

    /// A body paragraph: plain and not headline-shaped.
    fn paragraph_like(&self, i: usize) -> bool {
        self.plain(i) && !self.feats[i].headline_like()
    }
}

/// Clean one article. `file` names the source in diagnostics.
pub fn clean_units(
    file: &str,
    id: &str,
    units: &[Unit],
    meta: &Meta,
) -> (Article, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut doc = Doc::new(units);
    junk::mark(&mut doc);
    let title_at = header::mark(&mut doc, meta);
    blocks::mark(&mut doc);

    let mut article = Article {
        id: id.to_owned(),
        title: String::new(),
        title_derived: false,
        dek: None,
        author: meta.author.clone().or(doc.author.take()),
        source: meta
            .source
            .clone()
            .or(doc.site.take())
            .or(doc.credit.take()),
        url: meta.url.clone(),
        date: meta.date.clone().or(doc.date.take()),
        lang: meta.lang.clone().unwrap_or_else(|| "ar".to_owned()),
        blocks: Vec::new(),
        removed: Vec::new(),
    };
    for (i, unit) in units.iter().enumerate() {
        match doc.fate[i] {
            Fate::Title => article.title = unit.text.clone(),
            Fate::Dek => article.dek = Some(unit.text.clone()),
            Fate::Block(kind) => article
                .blocks
                .push(blocks::block(unit, &doc.feats[i], kind)),
            // The blocks pass decides every unit; a paragraph is the safe reading regardless.
            Fate::Open => {
                article
                    .blocks
                    .push(blocks::block(unit, &doc.feats[i], BlockKind::Paragraph))
            }
            Fate::Removed(reason) => article.removed.push(Removed {
                text: unit.text.clone(),
                reason,
                line: unit.line,
                before_block: u32::try_from(article.blocks.len()).unwrap_or(u32::MAX),
            }),
        }
    }
    if let Some(t) = &meta.title {
        article.title = t.clone();
    }
    if let Some(d) = &meta.dek {
        article.dek = Some(d.clone());
    }
    if article.title.is_empty() && title_at.is_none() {
        if let Some(t) = blocks::derive_title(&article.blocks) {
            diags.push(Diagnostic::warning(
                file,
                article.blocks.first().map(|b| b.line),
                format!("no title line; title derived from the lead sentence: «{t}»"),
            ));
            article.title = t;
            article.title_derived = true;
        }
    }
    if article.blocks.is_empty() {
        if article.title.is_empty() {
            let mut why = summary_of_removals(&article.removed);
            if why.is_empty() {
                why = "nothing".to_owned();
            }
            diags.push(Diagnostic::error(
                file,
                None,
                format!("no article text left after cleaning (removed: {why})"),
            ));
        } else {
            diags.push(Diagnostic::warning(
                file,
                None,
                "the article has a title but no body text",
            ));
        }
    }
    (article, diags)
}

fn summary_of_removals(removed: &[Removed]) -> String {
    let mut counts: Vec<(RemovalReason, usize)> = Vec::new();
    for r in removed {
        match counts.iter_mut().find(|(k, _)| *k == r.reason) {
            Some((_, n)) => *n += 1,
            None => counts.push((r.reason, 1)),
        }
    }
    counts
        .iter()
        .map(|(k, n)| format!("{} ×{n}", k.as_str()))
        .collect::<Vec<_>>()
        .join(", ")
}
