//! A split corpus's texts, fetched as views need them (see [`crate::split`]).
//!
//! Every view reads an article's text through [`Explorer::article`], its title through
//! [`Explorer::title`] and its mentions through [`Explorer::mentions`]. On a split corpus a
//! text not fetched yet reads as the head's article (no text) and is noted; so is a title or a
//! posting list (in the index). The app then takes the notes
//! ([`Explorer::take_needs`]), fetches them ([`Explorer::requests`]), installs them
//! ([`Explorer::install`]) and computes the view again: a view computed with nothing noted is
//! the view a whole corpus gives.

use std::collections::BTreeSet;
use std::ops::Range;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Mutex, OnceLock};

use super::Explorer;
use crate::entities::{EntityTable, Mention};
use crate::model::Article;
use crate::search::Articles;
use crate::split::{self, ArticleText, Layout, Packs, Piece, Request};

/// The most one article's text may inflate to (a corrupt member must not exhaust memory).
const MAX_TEXT: usize = 64 << 20;

/// Bytes between two pieces of one pack below which they share a request.
pub const MAX_GAP: u64 = 16 * 1024;

pub(super) struct Lazy {
    packs: Packs,
    layout: Layout,
    /// Per article, once fetched: the whole article and its mentions.
    full: Vec<OnceLock<(Article, Vec<Mention>)>>,
    /// Per block of titles, once fetched.
    titles: Vec<OnceLock<Vec<String>>>,
    missing: Mutex<BTreeSet<u32>>,
    /// Articles whose title (not text) was read and is not at hand.
    missing_titles: Mutex<BTreeSet<u32>>,
    /// The entity table was read before it arrived: 0 no, [`FOR_CHIPS`], [`WAITED_ON`].
    entities_wanted: AtomicU8,
}

const FOR_CHIPS: u8 = 1;
const WAITED_ON: u8 = 2;

impl Lazy {
    pub(super) fn new(packs: Packs, n: usize) -> Lazy {
        Lazy {
            layout: Layout::new(&packs),
            packs,
            full: (0..n).map(|_| OnceLock::new()).collect(),
            titles: (0..split::title_blocks(n))
                .map(|_| OnceLock::new())
                .collect(),
            missing: Mutex::default(),
            missing_titles: Mutex::default(),
            entities_wanted: AtomicU8::new(0),
        }
    }

    /// Notes the entity table as read before it arrived (`wait`: by a view wrong without it).
    pub(super) fn want_entities(&self, wait: bool) {
        let how = if wait { WAITED_ON } else { FOR_CHIPS };
        self.entities_wanted.fetch_max(how, Ordering::Relaxed);
    }
}

impl Explorer {
    /// True for a split corpus's head: views may need pieces fetched first.
    pub fn is_split(&self) -> bool {
        self.lazy.is_some()
    }

    /// Where a split corpus's pieces are.
    pub fn packs(&self) -> Option<&Packs> {
        self.lazy.as_ref().map(|l| &l.packs)
    }

    /// Article `a` with its text. On a split corpus whose text of `a` has not been fetched,
    /// the head's article (metadata only, no title), and `a` is noted as needed.
    pub fn article(&self, a: usize) -> Option<&Article> {
        let stub = self.articles.get(a)?;
        let Some(lazy) = &self.lazy else {
            return Some(stub);
        };
        match lazy.full.get(a).and_then(OnceLock::get) {
            Some((full, _)) => Some(full),
            None => {
                if let Ok(mut m) = lazy.missing.lock() {
                    m.insert(a as u32);
                }
                Some(stub)
            }
        }
    }

    /// Article `a`'s title. On a split corpus whose text and title block of `a` have not been
    /// fetched, empty, and the title is noted as needed (its block, unless its text is).
    pub fn title(&self, a: usize) -> &str {
        let Some(stub) = self.articles.get(a) else {
            return "";
        };
        let Some(lazy) = &self.lazy else {
            return &stub.title;
        };
        if let Some((full, _)) = self.lazy_full(a) {
            return &full.title;
        }
        let block = lazy
            .titles
            .get(a / split::TITLE_BLOCK)
            .and_then(OnceLock::get);
        match block.and_then(|b| b.get(a % split::TITLE_BLOCK)) {
            Some(t) => t,
            None => {
                if let Ok(mut m) = lazy.missing_titles.lock() {
                    m.insert(a as u32);
                }
                ""
            }
        }
    }

    /// Article `a`'s entity mentions (noted as needed, as [`Explorer::article`] does).
    pub fn mentions(&self, a: usize) -> &[Mention] {
        match &self.lazy {
            None => self.entities().mentions.get(a).map_or(&[], Vec::as_slice),
            Some(_) => match self.lazy_full(a) {
                Some((_, m)) => m,
                None => {
                    let _ = self.article(a);
                    &[]
                }
            },
        }
    }

    fn lazy_full(&self, a: usize) -> Option<&(Article, Vec<Mention>)> {
        self.lazy.as_ref()?.full.get(a)?.get()
    }

    /// True when article `a`'s text is at hand (always, unless the corpus is split).
    pub fn has_text(&self, a: usize) -> bool {
        self.lazy.is_none() || self.lazy_full(a).is_some()
    }

    /// The pieces read since the last call that are not at hand, each with its place in its
    /// pack. Empty: what was computed is complete.
    pub fn take_needs(&self) -> Vec<(Piece, Range<u64>)> {
        let Some(lazy) = &self.lazy else {
            return Vec::new();
        };
        let texts = lazy
            .missing
            .lock()
            .map(|mut m| std::mem::take(&mut *m))
            .unwrap_or_default();
        let titles = lazy
            .missing_titles
            .lock()
            .map(|mut m| std::mem::take(&mut *m))
            .unwrap_or_default();
        let texts: BTreeSet<u32> = texts
            .into_iter()
            .filter(|&a| !self.has_text(a as usize))
            .collect();
        // A title comes with its text: a block is fetched only for titles shown without one.
        let blocks: BTreeSet<u32> = titles
            .into_iter()
            .filter(|a| !texts.contains(a) && !self.has_text(*a as usize))
            .map(|a| a / split::TITLE_BLOCK as u32)
            .filter(|&b| {
                lazy.titles
                    .get(b as usize)
                    .is_some_and(|t| t.get().is_none())
            })
            .collect();
        let mut out: Vec<(Piece, Range<u64>)> = texts
            .into_iter()
            .filter_map(|a| Some((Piece::Text(a), lazy.layout.text(a)?)))
            .collect();
        out.extend(
            blocks
                .into_iter()
                .filter_map(|b| Some((Piece::Titles(b), lazy.layout.titles(b)?))),
        );
        out.extend(
            self.index
                .take_missing()
                .into_iter()
                .filter_map(|t| Some((Piece::Postings(t), lazy.layout.postings(&self.index, t)?))),
        );
        let wanted = lazy.entities_wanted.swap(0, Ordering::Relaxed);
        if wanted > 0 && !self.entities_ready() {
            let piece = Piece::Entities {
                wait: wanted == WAITED_ON,
            };
            out.extend(lazy.layout.entities().map(|r| (piece, r)));
        }
        out
    }

    /// The HTTP range requests that fetch `needs`.
    pub fn requests(&self, needs: &[(Piece, Range<u64>)]) -> Vec<Request> {
        match &self.lazy {
            Some(lazy) => split::plan(needs, &lazy.packs, MAX_GAP),
            None => Vec::new(),
        }
    }

    /// Installs a fetched piece as its pack holds it (a text is inflated here). Bytes that do
    /// not fit the head are refused with a message.
    pub fn install(&self, piece: Piece, bytes: &[u8]) -> Result<(), String> {
        match piece {
            Piece::Postings(t) => self.index.install_postings(t, bytes),
            Piece::Entities { .. } => {
                let lazy = self.lazy.as_ref().ok_or("this corpus is not split")?;
                let table: EntityTable = unpack(bytes, || "the entity table".to_string())?;
                fits(&table, lazy.packs.n_entities as usize, self.articles.len())?;
                let _ = self.ents.set(super::Ents::new(table, self.articles.len()));
                Ok(())
            }
            Piece::Titles(b) => {
                let lazy = self.lazy.as_ref().ok_or("this corpus is not split")?;
                let slot = lazy
                    .titles
                    .get(b as usize)
                    .ok_or_else(|| format!("no block of titles {b}"))?;
                let first = b as usize * split::TITLE_BLOCK;
                let want = self
                    .articles
                    .len()
                    .saturating_sub(first)
                    .min(split::TITLE_BLOCK);
                let titles: Vec<String> = unpack(bytes, || format!("the titles of block {b}"))?;
                if titles.len() != want {
                    return Err(format!(
                        "block {b} holds {} titles, its articles are {want}",
                        titles.len()
                    ));
                }
                let _ = slot.set(titles);
                Ok(())
            }
            Piece::Text(a) => {
                let lazy = self.lazy.as_ref().ok_or("this corpus is not split")?;
                let stub = self
                    .articles
                    .get(a as usize)
                    .ok_or_else(|| format!("no article {a}"))?;
                let text: ArticleText =
                    unpack(bytes, || format!("the text of article {}", stub.id))?;
                let (full, mentions) = split::join(stub, text);
                crate::bundle::mentions_fit(&full, &mentions, lazy.packs.n_entities as usize)
                    .map_err(|m| {
                        format!(
                            "article {}: entity mention {m:?} is outside its text",
                            full.id
                        )
                    })?;
                if let Some(slot) = lazy.full.get(a as usize) {
                    let _ = slot.set((full, mentions));
                }
                Ok(())
            }
        }
    }
}

/// A split corpus's entity table must be the one its head counts, pointing at its articles.
fn fits(table: &EntityTable, n_entities: usize, n_articles: usize) -> Result<(), String> {
    if table.entities.len() != n_entities {
        return Err(format!(
            "the entity table holds {} entities, the head counts {n_entities}",
            table.entities.len()
        ));
    }
    let inside = table
        .entities
        .iter()
        .all(|e| e.articles.iter().all(|&(a, _)| (a as usize) < n_articles));
    if !inside || !table.mentions.is_empty() || !table.cooccurrence.is_empty() {
        return Err(
            "the entity table refers to articles the head does not have, or holds mentions".into(),
        );
    }
    Ok(())
}

/// A texts-pack member: raw deflate of a postcard value; errors name `what`.
fn unpack<T: serde::de::DeserializeOwned>(
    bytes: &[u8],
    what: impl Fn() -> String,
) -> Result<T, String> {
    let raw = miniz_oxide::inflate::decompress_to_vec_with_limit(bytes, MAX_TEXT)
        .map_err(|e| format!("{} cannot be inflated: {e}", what()))?;
    postcard::from_bytes(&raw).map_err(|e| format!("{} cannot be decoded: {e}", what()))
}

impl Articles for Explorer {
    fn article(&self, d: usize) -> Option<&Article> {
        Explorer::article(self, d)
    }
    fn count(&self) -> usize {
        self.articles.len()
    }
}
