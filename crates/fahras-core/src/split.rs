//! A split corpus, for large corpora on a static host: start-up loads a *head* and a query
//! loads only the pieces it touches, read with HTTP range requests from two pack files.
//!
//! - The head is a [`Bundle`] whose articles keep their metadata (id, source, date, author)
//!   but not their title, text or url, whose index keeps the dictionary, document frequencies
//!   and the per-article layout but not the posting lists, and whose entity table is empty.
//!   [`Bundle::packs`] says where the rest is.
//! - The texts pack: per article, in corpus order, a raw deflate member holding its
//!   [`ArticleText`] (postcard). Every member of the pack is followed by zeros up to a whole
//!   number of [`MEMBER_ALIGN`] bytes, and the head stores its length in those units.
//!   The first page of an empty query (corpus order) is then one contiguous range.
//!   After the articles, the titles again in blocks of [`TITLE_BLOCK`] articles, one member
//!   each: a view that shows an article's title but not its text (a story's label, a related
//!   article) reads a block of titles, not the text. At 10,000 articles the titles were an
//!   eighth of the head (267 KB gzip), at 100,000 a quarter (2.8 MB).
//!   Last, the entity table (every entity with its articles, no mentions), one member: the
//!   first results are shown without it and their facet groups and chips follow when it has
//!   arrived ([`Piece::can_follow`]); a view that filters by an entity waits for it.
//! - The postings pack: the index's posting lists as they are, in term id order, each followed
//!   by zeros up to a whole number of [`crate::search::LIST_ALIGN`] bytes. Term ids run
//!   by stem (see [`crate::search::Index`]), so a word's own form and its stem siblings — what
//!   a query reads together — lie side by side and one range request brings them; a list's
//!   place in the pack is its place among the index's lists.
//!
//! The explorer reads a missing piece as empty and notes it ([`crate::explore::Explorer::take_needs`]);
//! the app fetches what was noted, installs it and computes again. Nothing here touches the
//! network: the app plans the requests with [`plan`].

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::bundle::Bundle;
use crate::entities::Mention;
use crate::model::{Article, Block, Removed};
use crate::search::Index;

/// What of an article is left out of the head: fetched when a view shows its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleText {
    /// Also in the pack's title blocks; here too, so a result row needs its text alone.
    pub title: String,
    /// Only an export shows it: kept out of the head (a fifth of its metadata on real news).
    pub url: Option<String>,
    pub dek: Option<String>,
    pub blocks: Vec<Block>,
    pub removed: Vec<Removed>,
    /// The article's entity mentions (the head's table has none).
    pub mentions: Vec<Mention>,
}

/// Where a head's pieces are: two files beside the page, named by their content.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Packs {
    pub texts_file: String,
    /// Per article (corpus order), the length of its deflate member in the texts pack, in
    /// [`MEMBER_ALIGN`] units.
    pub text_lens: Vec<u32>,
    /// Per block of [`TITLE_BLOCK`] articles, the length of its member in the texts pack,
    /// after the articles' members, in [`MEMBER_ALIGN`] units.
    pub title_lens: Vec<u32>,
    /// The length of the entity table's member, the texts pack's last, in [`MEMBER_ALIGN`]
    /// units.
    pub entities_len: u32,
    /// How many entities that table holds (a text's mentions are checked against it before
    /// the table arrives).
    pub n_entities: u32,
    pub postings_file: String,
}

/// Articles per block of titles in the texts pack.
pub const TITLE_BLOCK: usize = 8;

/// Each member of the texts pack takes a whole number of these bytes (zeros after its deflate
/// stream, which ends itself), so the head stores member lengths in units: at 100,000
/// (synthetic) articles they went 164 → 80 KB gzip for 1.5 MB of zeros in a 144 MB pack (10,000
/// ANT articles: 17 → 8 KB). A page of 20 results fetches about 300 bytes more.
pub const MEMBER_ALIGN: u32 = 32;

/// Appends a member to the texts pack, padded to whole units; returns its length in units.
fn put_member(pack: &mut Vec<u8>, member: &[u8]) -> u32 {
    crate::search::put_padded(pack, member, MEMBER_ALIGN)
}

/// How many title blocks `n` articles make.
pub fn title_blocks(n: usize) -> usize {
    n.div_ceil(TITLE_BLOCK)
}

/// A compiled corpus split: the head and the two packs' bytes.
pub struct Split {
    pub head: Bundle,
    pub texts: Vec<u8>,
    pub postings: Vec<u8>,
}

/// Splits a compiled corpus. `deflate` compresses one article's text as raw deflate (the caller
/// owns the compressor: the core only inflates). The packs' file names are left empty for the
/// caller to fill once it has named the files by their content. The bundle is read, not
/// copied: the head takes only what it keeps (at 100,000 articles a copy of the whole was
/// gigabytes of a build's memory).
pub fn split(bundle: &Bundle, deflate: &dyn Fn(&[u8]) -> Vec<u8>) -> Result<Split, String> {
    let index = bundle.index().map_err(|e| e.to_string())?;
    let mut texts = Vec::new();
    let mut text_lens = Vec::with_capacity(bundle.articles.len());
    let mut articles = Vec::with_capacity(bundle.articles.len());
    let none = Vec::new();
    for (i, a) in bundle.articles.iter().enumerate() {
        let text = ArticleText {
            title: a.title.clone(),
            url: a.url.clone(),
            dek: a.dek.clone(),
            blocks: a.blocks.clone(),
            removed: a.removed.clone(),
            mentions: bundle.entities.mentions.get(i).unwrap_or(&none).clone(),
        };
        let raw = postcard::to_allocvec(&text).map_err(|e| e.to_string())?;
        text_lens.push(put_member(&mut texts, &deflate(&raw)));
        articles.push(Article {
            id: a.id.clone(),
            title: String::new(),
            title_derived: a.title_derived,
            dek: None,
            author: a.author.clone(),
            source: a.source.clone(),
            url: None,
            date: a.date.clone(),
            lang: a.lang.clone(),
            blocks: Vec::new(),
            removed: Vec::new(),
        });
    }
    let mut title_lens = Vec::with_capacity(title_blocks(bundle.articles.len()));
    for block in bundle.articles.chunks(TITLE_BLOCK) {
        let titles: Vec<&str> = block.iter().map(|a| a.title.as_str()).collect();
        let raw = postcard::to_allocvec(&titles).map_err(|e| e.to_string())?;
        title_lens.push(put_member(&mut texts, &deflate(&raw)));
    }
    let table = crate::entities::EntityTable {
        entities: bundle.entities.entities.clone(),
        mentions: Vec::new(),
        cooccurrence: Vec::new(),
    };
    let packed = deflate(&postcard::to_allocvec(&table).map_err(|e| e.to_string())?);
    let entities_len = put_member(&mut texts, &packed);
    let head = Bundle {
        articles,
        index: index.encode_as(true),
        entities: crate::entities::EntityTable::default(),
        stories: bundle.stories.clone(),
        packs: Some(Packs {
            texts_file: String::new(),
            text_lens,
            title_lens,
            entities_len,
            n_entities: table.entities.len() as u32,
            postings_file: String::new(),
        }),
    };
    Ok(Split {
        head,
        texts,
        postings: index.aligned_postings(),
    })
}

/// Where every piece lies in its pack, computed once from the head.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Where each article's member starts in the texts pack, then each title block's, then
    /// the entity table's, then the end.
    text_at: Vec<u64>,
    n_articles: usize,
    n_title_blocks: usize,
}

impl Layout {
    pub fn new(packs: &Packs) -> Layout {
        let mut text_at = Vec::with_capacity(packs.text_lens.len() + packs.title_lens.len() + 2);
        let mut at = 0u64;
        let last = [packs.entities_len];
        for &n in packs.text_lens.iter().chain(&packs.title_lens).chain(&last) {
            text_at.push(at);
            at += u64::from(n) * u64::from(MEMBER_ALIGN);
        }
        text_at.push(at);
        Layout {
            text_at,
            n_articles: packs.text_lens.len(),
            n_title_blocks: packs.title_lens.len(),
        }
    }

    /// The entity table's member in the texts pack.
    pub fn entities(&self) -> Option<Range<u64>> {
        self.member(self.n_articles.checked_add(self.n_title_blocks)?)
    }

    /// Article `a`'s member in the texts pack.
    pub fn text(&self, a: u32) -> Option<Range<u64>> {
        self.member(a as usize)
    }

    /// Title block `b`'s member in the texts pack.
    pub fn titles(&self, b: u32) -> Option<Range<u64>> {
        self.member(self.n_articles.checked_add(b as usize)?)
    }

    fn member(&self, i: usize) -> Option<Range<u64>> {
        Some(*self.text_at.get(i)?..*self.text_at.get(i.checked_add(1)?)?)
    }

    /// Term `t`'s list in the postings pack: where the head's list lengths put it.
    pub fn postings(&self, index: &Index, t: u32) -> Option<Range<u64>> {
        let r = index.posting_range(t)?;
        Some(u64::from(r.start)..u64::from(r.end))
    }
}

/// One piece a view needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Piece {
    /// An article's text.
    Text(u32),
    /// A term's posting list.
    Postings(u32),
    /// The titles of block `b` (articles `b × TITLE_BLOCK …`).
    Titles(u32),
    /// The entity table (names, kinds, their articles): what facets, chips and entity filters
    /// read. `wait`: the view read it to decide what it shows (an entity filter, a typed
    /// filter, a Latin query word, an entity's page) and is wrong without it; otherwise it only
    /// lacks its facet groups and chips, which the table fills in when it arrives.
    Entities { wait: bool },
}

impl Piece {
    /// True for a text or a block of titles: what a result list shows, never what ranks it.
    pub fn is_text(&self) -> bool {
        matches!(self, Piece::Text(_) | Piece::Titles(_))
    }

    /// True for a piece of the texts pack (a text, a block of titles, the entity table).
    pub fn in_texts_pack(&self) -> bool {
        !matches!(self, Piece::Postings(_))
    }

    /// True for a piece the view can be shown without, fetched once nothing else is wanted:
    /// the entity table read only for facets and chips. Start-up then shows the first results
    /// without waiting for it (at 10,000 articles it was over a quarter of the head, at 100,000
    /// nearly half).
    pub fn can_follow(&self) -> bool {
        matches!(self, Piece::Entities { wait: false })
    }

    /// The piece as one fetch: the entity table is one piece however it was wanted.
    pub fn fetched_as(self) -> Piece {
        match self {
            Piece::Entities { .. } => Piece::Entities { wait: false },
            p => p,
        }
    }
}

/// One HTTP range request: `file`'s bytes `range`, holding `pieces` (each with its range).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    pub file: String,
    pub range: Range<u64>,
    pub pieces: Vec<(Piece, Range<u64>)>,
}

/// Requests fetching `pieces`: those of one pack that lie within `max_gap` bytes of each other
/// share a request (fewer round trips at the cost of a few unneeded bytes).
pub fn plan(pieces: &[(Piece, Range<u64>)], packs: &Packs, max_gap: u64) -> Vec<Request> {
    let mut out = Vec::new();
    for (file, is_text) in [(&packs.texts_file, true), (&packs.postings_file, false)] {
        let mut mine: Vec<(Piece, Range<u64>)> = pieces
            .iter()
            .filter(|(p, r)| p.in_texts_pack() == is_text && !r.is_empty())
            .cloned()
            .collect();
        mine.sort_by_key(|(_, r)| (r.start, r.end));
        let mut cur: Option<Request> = None;
        for (p, r) in mine {
            match &mut cur {
                Some(req) if r.start <= req.range.end.saturating_add(max_gap) => {
                    req.range.end = req.range.end.max(r.end);
                    req.pieces.push((p, r));
                }
                _ => {
                    out.extend(cur.take());
                    cur = Some(Request {
                        file: file.clone(),
                        range: r.clone(),
                        pieces: vec![(p, r)],
                    });
                }
            }
        }
        out.extend(cur);
    }
    out
}

/// An article as the head has it plus its fetched text: the article the views read.
pub(crate) fn join(stub: &Article, text: ArticleText) -> (Article, Vec<Mention>) {
    let mut a = stub.clone();
    a.title = text.title;
    a.url = text.url;
    a.dek = text.dek;
    a.blocks = text.blocks;
    a.removed = text.removed;
    (a, text.mentions)
}
