//! Building the index from articles, and the decoded engine's layout.
//!
//! One posting list per exact normalised word form, with positions. The stem space is not a
//! second copy of the postings: each form records its stem, and a stem match reads the lists
//! of every form sharing it (a "stem group"). That keeps the index at one list per form while
//! still ranking exact forms above their siblings.
//!
//! Positions run through an article: title words first, a gap, then each block (the dek, when
//! there is one, first) with a gap after it, so a phrase never spans two blocks. A `+` word
//! (`اوبك+`) is indexed with and without its plus at the same position.

use crate::hash::{HashMap, HashSet};
use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};

use fst::Set;

use super::codec::put_varint;
use super::dict::{Dict, Words};
use super::postings::{PostingWriter, Postings};
use crate::model::Article;
use crate::text::{normalize, proclitic_splits, protected_form, stem, tokenize, Lexicon};

/// How many times a title word counts against a body word (BM25F, and the mean length).
pub(crate) const TITLE_WEIGHT: f32 = 3.0;

/// Positions skipped between the title and the body and between blocks.
pub(crate) const GAP: u32 = 1;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DocMeta {
    pub title_len: u32,
    /// The title's word starts, as a block at position 0 (see [`BlockMeta`]).
    pub title: BlockMeta,
    pub body_len: u32,
    pub first_block: u32,
    pub n_blocks: u32,
    /// The first indexed block is the article's dek, not `blocks[0]`.
    pub has_dek: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BlockMeta {
    /// Position of the block's first word.
    pub start: u32,
    /// Words in the block.
    pub len: u32,
    /// The block's word start offsets (varint deltas) are `word_starts[starts_at..starts_end]`:
    /// an excerpt then slices the text and tokenizes only the words it marks, not the window.
    pub starts_at: u32,
    pub starts_end: u32,
}

/// The search engine: term dictionary, stems, postings and per-article layout.
#[derive(Clone)]
pub struct Index {
    /// Exact normalised forms by term id (ids run by stem, then by form: see [`build`]).
    pub(crate) terms: Dict,
    /// Stems by stem id (its rank among the stems).
    pub(crate) stems: Dict,
    /// The protected names (gazetteer) that occur in the corpus, for query-time stemming.
    pub(crate) protected: Set<Vec<u8>>,
    pub(crate) term_stem: Vec<u32>,
    /// Members of stem `s` are `stem_terms[stem_start[s]..stem_start[s + 1]]`.
    pub(crate) stem_start: Vec<u32>,
    pub(crate) stem_terms: Vec<u32>,
    /// Postings of term `t` are `postings[post_start[t]..post_start[t + 1]]`.
    pub(crate) post_start: Vec<u32>,
    pub(crate) postings: Vec<u8>,
    /// A split corpus's head: the lists are not in `postings` but installed as they arrive.
    pub(crate) lazy: Option<LazyPostings>,
    pub(crate) docs: Vec<DocMeta>,
    pub(crate) blocks: Vec<BlockMeta>,
    /// Word start offsets of every block, delta + varint coded (see [`BlockMeta`]).
    pub(crate) word_starts: Vec<u8>,
    /// Mean weighted length (title × title weight + body) for BM25F.
    pub(crate) avg_len: f32,
}

/// The posting lists of a split corpus's head: installed once each as they arrive, and the
/// document frequencies (stored in the head) so query expansion needs no list.
pub(crate) struct LazyPostings {
    lists: Vec<std::sync::OnceLock<Box<[u8]>>>,
    pub(crate) df: Vec<u32>,
    missing: std::sync::Mutex<BTreeSet<u32>>,
    /// Per document, its blocks' layout once worked out from its text (see
    /// [`Index::blocks_of`]): each excerpt of a keystroke's results reads it again.
    layouts: Vec<std::sync::OnceLock<Box<[BlockMeta]>>>,
}

impl LazyPostings {
    pub(crate) fn new(df: Vec<u32>, n_docs: usize) -> LazyPostings {
        LazyPostings {
            lists: (0..df.len()).map(|_| std::sync::OnceLock::new()).collect(),
            df,
            missing: std::sync::Mutex::default(),
            layouts: (0..n_docs).map(|_| std::sync::OnceLock::new()).collect(),
        }
    }

    fn get(&self, term: u32) -> &[u8] {
        match self.lists.get(term as usize) {
            Some(slot) => match slot.get() {
                Some(list) => list,
                None => {
                    if let Ok(mut m) = self.missing.lock() {
                        m.insert(term);
                    }
                    &[]
                }
            },
            None => &[],
        }
    }

    fn install(&self, term: u32, bytes: &[u8]) {
        if let Some(slot) = self.lists.get(term as usize) {
            let _ = slot.set(bytes.into());
        }
    }

    fn take_missing(&self) -> Vec<u32> {
        self.missing
            .lock()
            .map(|mut m| std::mem::take(&mut *m).into_iter().collect())
            .unwrap_or_default()
    }
}

impl Clone for LazyPostings {
    fn clone(&self) -> LazyPostings {
        LazyPostings {
            lists: self.lists.clone(),
            df: self.df.clone(),
            missing: std::sync::Mutex::default(),
            layouts: self.layouts.clone(),
        }
    }
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index")
            .field("docs", &self.docs.len())
            .field("terms", &self.terms.len())
            .field("stems", &self.stems.len())
            .field("protected", &self.protected.len())
            .field("postings_bytes", &self.postings.len())
            .finish()
    }
}

impl Index {
    #[inline]
    pub(crate) fn term_id(&self, word: &str) -> Option<u32> {
        let id = self.terms.get(word.as_bytes())?;
        ((id as usize) < self.term_stem.len()).then_some(id)
    }

    #[inline]
    pub(crate) fn stem_id(&self, stem: &str) -> Option<u32> {
        let id = self.stems.get(stem.as_bytes())?;
        ((id as usize) + 1 < self.stem_start.len()).then_some(id)
    }

    pub(crate) fn stem_text(&self, stem: u32, out: &mut Vec<u8>) -> bool {
        out.clear();
        out.extend_from_slice(self.stems.word(stem));
        (stem as usize) < self.stems.len()
    }

    /// Builds the dictionaries' maps (typo, prefix and suggestion searches walk them) now,
    /// when the page has shown its first view, rather than in the first keystroke needing them.
    pub fn prepare_search(&self) {
        self.terms.prepare();
        self.stems.prepare();
    }

    /// Term `term`'s posting list. In a split corpus's head a list not installed yet reads as
    /// empty and is noted as missing (see [`Index::take_missing`]).
    #[inline]
    pub(crate) fn posting_bytes(&self, term: u32) -> &[u8] {
        if let Some(lazy) = &self.lazy {
            return lazy.get(term);
        }
        match self.posting_range(term) {
            Some(r) => self
                .postings
                .get(r.start as usize..r.end as usize)
                .unwrap_or(&[]),
            None => &[],
        }
    }

    /// Where term `term`'s list lies among all lists (in the postings pack of a split corpus).
    pub fn posting_range(&self, term: u32) -> Option<std::ops::Range<u32>> {
        let t = term as usize;
        match (self.post_start.get(t), self.post_start.get(t + 1)) {
            (Some(&a), Some(&b)) if a <= b => Some(a..b),
            _ => None,
        }
    }

    /// True when every posting list is at hand (not a split corpus's head).
    pub fn is_complete(&self) -> bool {
        self.lazy.is_none()
    }

    /// True when a list was read but is not installed yet (since the last [`Index::take_missing`]):
    /// whatever was computed from the lists is not the answer yet.
    pub fn lacks_postings(&self) -> bool {
        self.lazy
            .as_ref()
            .is_some_and(|l| l.missing.lock().is_ok_and(|m| !m.is_empty()))
    }

    /// The terms whose lists were read but are not installed yet, since the last call.
    pub fn take_missing(&self) -> Vec<u32> {
        self.lazy
            .as_ref()
            .map_or_else(Vec::new, LazyPostings::take_missing)
    }

    /// Installs a list fetched for a split corpus's head, as its pack holds it: the list, then
    /// zeros to its last unit ([`super::postings::LIST_ALIGN`]). Its length in units must be
    /// the stored one, and its document count too.
    pub fn install_postings(&self, term: u32, bytes: &[u8]) -> Result<(), String> {
        let Some(lazy) = &self.lazy else {
            return Ok(());
        };
        let range = self
            .posting_range(term)
            .ok_or_else(|| format!("no term {term} in the dictionary"))?;
        if bytes.len() != range.len() {
            return Err(format!(
                "the posting list of term {term} has {} bytes, the dictionary says {}",
                bytes.len(),
                range.len()
            ));
        }
        let list = Postings::byte_len(bytes)
            .filter(|&n| {
                super::postings::list_units(n as u32) as usize
                    * super::postings::LIST_ALIGN as usize
                    == bytes.len()
                    && bytes[n..].iter().all(|&b| b == 0)
            })
            .map(|n| &bytes[..n]);
        match list {
            Some(list)
                if Postings::doc_freq(list) == lazy.df.get(term as usize).copied().unwrap_or(0) =>
            {
                lazy.install(term, list);
                Ok(())
            }
            _ => Err(format!(
                "the posting list of term {term} does not match the dictionary"
            )),
        }
    }

    #[inline]
    pub(crate) fn postings(&self, term: u32) -> Postings<'_> {
        Postings::new(self.posting_bytes(term))
    }

    #[inline]
    pub(crate) fn doc_freq(&self, term: u32) -> u32 {
        match &self.lazy {
            Some(lazy) => lazy.df.get(term as usize).copied().unwrap_or(0),
            None => Postings::doc_freq(self.posting_bytes(term)),
        }
    }

    pub(crate) fn stem_members(&self, stem: u32) -> &[u32] {
        let s = stem as usize;
        match (self.stem_start.get(s), self.stem_start.get(s + 1)) {
            (Some(&a), Some(&b)) => self.stem_terms.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
    }

    pub(crate) fn block_starts(&self, b: &BlockMeta) -> &[u8] {
        self.word_starts
            .get(b.starts_at as usize..b.starts_end as usize)
            .unwrap_or(&[])
    }

    pub(crate) fn doc_blocks(&self, doc: &DocMeta) -> &[BlockMeta] {
        let a = doc.first_block as usize;
        self.blocks.get(a..a + doc.n_blocks as usize).unwrap_or(&[])
    }

    /// Document `d`'s blocks as [`build`] laid them out: stored, or, in a split corpus's head
    /// (which keeps only each document's lengths), worked out again from `article`'s text once
    /// and kept (their word starts are then left to the excerpt to tokenize). A text not yet
    /// fetched (no blocks where the head counts some) is laid out but not kept.
    pub(crate) fn blocks_of(&self, d: usize, article: &Article) -> Cow<'_, [BlockMeta]> {
        let Some(doc) = self.docs.get(d) else {
            return Cow::Borrowed(&[]);
        };
        let Some(lazy) = &self.lazy else {
            return Cow::Borrowed(self.doc_blocks(doc));
        };
        let Some(slot) = lazy.layouts.get(d) else {
            return Cow::Borrowed(&[]);
        };
        if let Some(kept) = slot.get() {
            return Cow::Borrowed(kept);
        }
        let mut pos = doc.title_len + GAP;
        let blocks: Box<[BlockMeta]> = indexed_texts(article)
            .map(|text| {
                let len = tokenize(text).len() as u32;
                let block = BlockMeta {
                    start: pos,
                    len,
                    starts_at: 0,
                    starts_end: 0,
                };
                pos += len + GAP;
                block
            })
            .collect();
        if blocks.len() != doc.n_blocks as usize {
            return Cow::Owned(blocks.into_vec());
        }
        Cow::Borrowed(slot.get_or_init(|| blocks))
    }

    /// Fill the derived tables (stem groups, block starts, average length) from the stored ones.
    pub(crate) fn derive(&mut self) {
        let n_stems = self.stems.len();
        let mut counts = vec![0u32; n_stems + 1];
        for &s in &self.term_stem {
            if let Some(c) = counts.get_mut(s as usize + 1) {
                *c += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut fill = counts.clone();
        let mut members = vec![0u32; self.term_stem.len()];
        for (t, &s) in self.term_stem.iter().enumerate() {
            if let Some(slot) = fill.get_mut(s as usize) {
                if let Some(m) = members.get_mut(*slot as usize) {
                    *m = t as u32;
                }
                *slot += 1;
            }
        }
        self.stem_start = counts;
        self.stem_terms = members;
        let total: f64 = self
            .docs
            .iter()
            .map(|d| f64::from(TITLE_WEIGHT) * f64::from(d.title_len) + f64::from(d.body_len))
            .sum();
        self.avg_len = if self.docs.is_empty() {
            1.0
        } else {
            (total / self.docs.len() as f64).max(1.0) as f32
        };
    }
}

/// The build-time lexicon: document frequencies from the postings just built.
struct BuildLexicon<'a> {
    vocab: &'a HashMap<String, u32>,
    writers: &'a [PostingWriter],
    protected: &'a HashSet<String>,
}

impl Lexicon for BuildLexicon<'_> {
    fn is_protected(&self, word: &str) -> bool {
        self.protected.contains(word)
    }
    fn freq(&self, word: &str) -> u32 {
        self.vocab
            .get(word)
            .and_then(|&t| self.writers.get(t as usize))
            .map_or(0, PostingWriter::n_docs)
    }
}

/// Collects one article's words and their positions.
struct DocTerms<'v> {
    vocab: &'v mut HashMap<String, u32>,
    occ: Vec<(u32, u32)>,
}

impl DocTerms<'_> {
    fn add(&mut self, norm: &str, pos: u32) {
        self.add_one(norm, pos);
        let bare = norm.trim_end_matches('+');
        if bare.len() != norm.len() && !bare.is_empty() {
            self.add_one(bare, pos);
        }
    }

    fn add_one(&mut self, norm: &str, pos: u32) {
        let next = self.vocab.len() as u32;
        let id = match self.vocab.get(norm) {
            Some(&id) => id,
            None => {
                self.vocab.insert(norm.to_string(), next);
                next
            }
        };
        self.occ.push((id, pos));
    }
}

/// The dek, when it has words to index.
fn indexed_dek(article: &Article) -> Option<&str> {
    article.dek.as_deref().filter(|d| !d.trim().is_empty())
}

/// The texts indexed as the body's blocks, in order: the dek (when there is one), then each
/// block.
fn indexed_texts(article: &Article) -> impl Iterator<Item = &str> {
    indexed_dek(article)
        .into_iter()
        .chain(article.blocks.iter().map(|b| b.text.as_str()))
}

pub(crate) fn build(articles: &[Article], protected: &BTreeSet<String>) -> Index {
    let mut vocab: HashMap<String, u32> = HashMap::default();
    let mut writers: Vec<PostingWriter> = Vec::new();
    let mut docs = Vec::with_capacity(articles.len());
    let mut blocks = Vec::new();
    let mut word_starts = Vec::new();
    let mut occ = Vec::new();
    let mut positions = Vec::new();

    for (d, article) in articles.iter().enumerate() {
        let mut dt = DocTerms {
            vocab: &mut vocab,
            occ: std::mem::take(&mut occ),
        };
        dt.occ.clear();
        let mut pos = 0u32;
        let title_at = word_starts.len() as u32;
        // A derived title repeats the lead sentence: indexing it would count those words twice
        // and give them the title's weight.
        if !article.title_derived {
            let mut last = 0;
            for t in tokenize(&article.title) {
                put_varint(&mut word_starts, (t.start - last) as u32);
                last = t.start;
                dt.add(&t.norm, pos);
                pos += 1;
            }
        }
        let title_len = pos;
        let title = BlockMeta {
            start: 0,
            len: title_len,
            starts_at: title_at,
            starts_end: word_starts.len() as u32,
        };
        pos += GAP;
        let first_block = blocks.len() as u32;
        for text in indexed_texts(article) {
            let start = pos;
            let starts_at = word_starts.len() as u32;
            let tokens = tokenize(text);
            let mut last = 0;
            for t in &tokens {
                put_varint(&mut word_starts, (t.start - last) as u32);
                last = t.start;
                dt.add(&t.norm, pos);
                pos += 1;
            }
            blocks.push(BlockMeta {
                start,
                len: tokens.len() as u32,
                starts_at,
                starts_end: word_starts.len() as u32,
            });
            pos += GAP;
        }
        let n_blocks = blocks.len() as u32 - first_block;
        let body_len = pos - title_len - GAP - n_blocks * GAP;
        docs.push(DocMeta {
            title_len,
            title,
            body_len,
            first_block,
            n_blocks,
            has_dek: indexed_dek(article).is_some(),
        });

        occ = dt.occ;
        occ.sort_unstable();
        writers.resize_with(vocab.len(), PostingWriter::default);
        let mut i = 0;
        while i < occ.len() {
            let term = occ[i].0;
            positions.clear();
            while i < occ.len() && occ[i].0 == term {
                positions.push(occ[i].1);
                i += 1;
            }
            writers[term as usize].push(d as u32, &positions, title_len);
        }
    }

    // The dictionary in key order; term ids are given below.
    let mut sorted: Vec<(&str, u32)> = vocab.iter().map(|(w, &t)| (w.as_str(), t)).collect();
    sorted.sort_unstable();
    let protected_norm: HashSet<String> = protected
        .iter()
        .map(|w| protected_form(&normalize(w)).to_string())
        .filter(|w| !w.is_empty())
        .collect();
    let lex = BuildLexicon {
        vocab: &vocab,
        writers: &writers,
        protected: &protected_norm,
    };

    let mut stems_of: Vec<&str> = Vec::with_capacity(sorted.len());
    let mut present_protected: BTreeSet<&str> = BTreeSet::new();
    for &(word, _) in &sorted {
        stems_of.push(stem(word, &lex));
        for (_, rest) in proclitic_splits(word) {
            if let Some(p) = protected_norm.get(rest) {
                present_protected.insert(p.as_str());
            }
        }
    }
    let stem_ids: BTreeMap<&str, u32> = {
        let mut uniq: Vec<&str> = stems_of.clone();
        uniq.sort_unstable();
        uniq.dedup();
        uniq.into_iter()
            .enumerate()
            .map(|(i, s)| (s, i as u32))
            .collect()
    };
    let stem_of_key: Vec<u32> = stems_of
        .iter()
        .map(|s| stem_ids.get(s).copied().unwrap_or(0))
        .collect();
    // Term ids run by stem, then by key: a stem's forms are one run of ids, so each form's stem
    // is stored as the stems' run lengths (at 10,000 ANT articles 234 → 18 KB gzip, for a term
    // dictionary 123 KB larger: its values no longer follow its keys), and a stem group's lists
    // lie side by side in the postings (what a query reads together).
    // (A counting sort: the keys are in order already, and a sort's code is kilobytes of wasm.)
    let mut first_of_stem = vec![0usize; stem_ids.len() + 1];
    for &s in &stem_of_key {
        first_of_stem[s as usize + 1] += 1;
    }
    for s in 1..first_of_stem.len() {
        first_of_stem[s] += first_of_stem[s - 1];
    }
    let mut by_stem = vec![0usize; sorted.len()];
    for (k, &s) in stem_of_key.iter().enumerate() {
        by_stem[first_of_stem[s as usize]] = k;
        first_of_stem[s as usize] += 1;
    }
    let term_stem: Vec<u32> = by_stem.iter().map(|&k| stem_of_key[k]).collect();

    let mut postings = Vec::new();
    let mut post_start = Vec::with_capacity(sorted.len() + 1);
    post_start.push(0u32);
    let mut writers: Vec<Option<PostingWriter>> = writers.into_iter().map(Some).collect();
    for &k in &by_stem {
        if let Some(w) = writers.get_mut(sorted[k].1 as usize).and_then(Option::take) {
            w.finish(&mut postings);
        }
        post_start.push(postings.len() as u32);
    }

    // The dictionaries by id; their search maps are built when a search first walks them.
    let mut forms = Words::default();
    for &k in &by_stem {
        forms
            .push(sorted[k].0.as_bytes())
            .expect("under 4 GiB of forms");
    }
    let terms = Dict::new(forms).expect("distinct forms");
    let mut stem_words = Words::default();
    for &s in stem_ids.keys() {
        stem_words.push(s.as_bytes()).expect("under 4 GiB of stems");
    }
    let stems = Dict::new(stem_words).expect("distinct stems");
    let protected = Set::from_iter(present_protected).expect("sorted, distinct keys");

    let mut index = Index {
        terms,
        stems,
        protected,
        term_stem,
        stem_start: Vec::new(),
        stem_terms: Vec::new(),
        post_start,
        postings,
        lazy: None,
        docs,
        blocks,
        word_starts,
        avg_len: 1.0,
    };
    index.derive();
    index
}

/// Query-time lexicon: the same decisions as at build time, from the stored dictionary.
impl Lexicon for Index {
    fn is_protected(&self, word: &str) -> bool {
        self.protected.contains(word)
    }
    fn freq(&self, word: &str) -> u32 {
        self.term_id(word).map_or(0, |t| self.doc_freq(t))
    }
}
