//! The stored index: `Index::to_bytes` / `Index::from_bytes`.
//!
//! ```text
//! "FAHRASIX" | version u32 LE | crc32 of the payload u32 LE | payload
//! payload (varints unless said):
//!   n_docs n_terms n_stems
//!   per stem, in id (= key) order: shared bytes with the previous stem, rest (section)
//!   protected fst (section)
//!   terms per stem × n_stems     (term ids run by stem: the first stem's terms, then the next's)
//!   per term, in id order: its form around its stem's text (see `put_form`)
//!   1, posting list length × n_terms, postings (section), then
//!     per doc: title_len, title word starts (section of byte-offset deltas), n_blocks,
//!     has_dek, then per block: n_words, word starts (section)
//!   — or, for a split corpus's head:
//!   0, (posting list length in `LIST_ALIGN` units, document frequency) × n_terms (the lists
//!     are fetched when a query needs them), then the documents column by column: title_len
//!     × n_docs, n_blocks × n_docs, has_dek × n_docs, body_len × n_docs (the blocks' layout is
//!     worked out from the text once it is fetched: see `Index::blocks_of`; ranking needs
//!     only the lengths)
//! ```
//! Sections are `length, bytes`. The dictionaries are `fst` maps in memory but not in the
//! bytes: the stems are stored front-coded and each form as what it adds to its stem (و+ال …
//! +ها), and reading builds the two maps again. The maps' values are term ids that run by stem,
//! not by key, so a stored map could share little: at 10,000 ANT articles (144,893 forms,
//! 56,851 stems) the two maps were 864 KB gzip, these codes are 227 KB — a split corpus's head
//! is what start-up waits for (issue 17). Rebuilding costs a sort of the forms at start-up.
//! Posting lists are delta + varint coded (see `postings`). Reading checks the magic, version,
//! checksum and every count against the bytes left, so corrupt input is an error, never a panic
//! or a huge allocation.

use fst::Set;

use super::codec::{put_section, put_varint, IndexError, Reader};
use super::dict::{Dict, Words};
use super::index::{BlockMeta, DocMeta, Index, LazyPostings};
use super::postings::{list_units, put_aligned, LIST_ALIGN};

const MAGIC: &[u8; 8] = b"FAHRASIX";
const VERSION: u32 = 6;

impl Index {
    pub(crate) fn encode(&self) -> Vec<u8> {
        self.encode_as(false)
    }

    /// `head`: without the posting lists (their lengths and document frequencies stay), the
    /// word starts and the blocks' layout (each document's body length stays): what a split
    /// corpus loads at start-up (see [`crate::split`]).
    pub(crate) fn encode_as(&self, head: bool) -> Vec<u8> {
        let mut p = Vec::with_capacity(self.postings.len() + self.term_stem.len() * 8);
        put_varint(&mut p, self.docs.len() as u32);
        put_varint(&mut p, self.term_stem.len() as u32);
        put_varint(&mut p, self.stems.len() as u32);
        let mut prev: &[u8] = &[];
        for s in 0..self.stems.len() as u32 {
            let stem = self.stems.word(s);
            let shared = prev.iter().zip(stem).take_while(|(a, b)| a == b).count();
            put_varint(&mut p, shared as u32);
            put_section(&mut p, &stem[shared..]);
            prev = stem;
        }
        put_section(&mut p, self.protected.as_fst().as_bytes());
        debug_assert!(
            self.term_stem.windows(2).all(|w| w[0] <= w[1]),
            "term ids run by stem"
        );
        for s in 0..self.stems.len() {
            put_varint(&mut p, self.stem_members(s as u32).len() as u32);
        }
        for (t, &s) in self.term_stem.iter().enumerate() {
            put_form(&mut p, self.terms.word(t as u32), self.stems.word(s));
        }
        // A head keeps each list's document frequency beside its length: the two go together
        // (a list of one document is 9 or 10 bytes), and side by side they gzip 14 % smaller
        // than one run of each (10,000 ANT articles: 189 → 163 KB).
        put_varint(&mut p, u32::from(!head));
        for (t, w) in self.post_start.windows(2).enumerate() {
            if head {
                put_varint(&mut p, list_units(w[1] - w[0]));
                put_varint(&mut p, self.doc_freq(t as u32));
            } else {
                put_varint(&mut p, w[1] - w[0]);
            }
        }
        if head {
            // Column by column: each column's numbers are alike, and side by side gzip finds
            // that (100,000 synthetic articles: 281 → 190 KB; 10,000 ANT: 31 → 26 KB).
            let columns: [fn(&DocMeta) -> u32; 4] = [
                |d| d.title_len,
                |d| d.n_blocks,
                |d| u32::from(d.has_dek),
                |d| d.body_len,
            ];
            for column in columns {
                for d in &self.docs {
                    put_varint(&mut p, column(d));
                }
            }
        } else {
            put_section(&mut p, &self.postings);
            for d in &self.docs {
                put_varint(&mut p, d.title_len);
                put_section(&mut p, self.block_starts(&d.title));
                put_varint(&mut p, d.n_blocks);
                put_varint(&mut p, u32::from(d.has_dek));
                for b in self.doc_blocks(d) {
                    put_varint(&mut p, b.len);
                    put_section(&mut p, self.block_starts(b));
                }
            }
        }
        let mut out = Vec::with_capacity(p.len() + 16);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&VERSION.to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&p).to_le_bytes());
        out.extend_from_slice(&p);
        out
    }

    /// The posting lists as a split corpus's postings pack holds them: in term id order, each
    /// padded to whole [`LIST_ALIGN`] units, where the head's lengths put them.
    pub(crate) fn aligned_postings(&self) -> Vec<u8> {
        let n = self.term_stem.len();
        let mut pack = Vec::with_capacity(self.postings.len() + n * LIST_ALIGN as usize / 2);
        for t in 0..n as u32 {
            put_aligned(&mut pack, self.posting_bytes(t));
        }
        pack
    }

    pub(crate) fn decode(bytes: &[u8]) -> Result<Index, IndexError> {
        if bytes.len() < 16 {
            return Err(IndexError::new(
                format!("only {} bytes, too short for the header", bytes.len()),
                0,
            ));
        }
        if &bytes[..8] != MAGIC {
            return Err(IndexError::new(
                "not a Fahras search index (bad magic bytes)",
                0,
            ));
        }
        let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
        if version != VERSION {
            return Err(IndexError::new(
                format!("format version {version}, this build reads {VERSION}"),
                8,
            ));
        }
        let crc = u32::from_le_bytes([bytes[12], bytes[13], bytes[14], bytes[15]]);
        let payload = &bytes[16..];
        if crc32fast::hash(payload) != crc {
            return Err(IndexError::new(
                "checksum mismatch (truncated or damaged)",
                12,
            ));
        }
        let mut r = Reader::new(payload, 16);
        let n_docs = r.count("document count", 3)?;
        let n_terms = r.count("term count", 2)?;
        let n_stems = r.count("stem count", 3)?;
        if n_stems > n_terms {
            return Err(r.err("more stems than terms"));
        }
        let mut budget = text_budget(payload.len());
        let stems = read_stems(&mut r, n_stems, &mut budget)?;
        let (bytes_p, at) = r.section("protected names")?;
        let protected = Set::new(bytes_p.to_vec())
            .map_err(|e| IndexError::new(format!("protected names: {e}"), at))?;
        // `Set::new` reads only the header and footer; an unchecked node panics on lookup.
        protected
            .as_fst()
            .verify()
            .map_err(|e| IndexError::new(format!("protected names: {e}"), at))?;
        let mut term_stem = Vec::with_capacity(n_terms);
        for s in 0..n_stems as u32 {
            let k = r.varint("terms of a stem")? as usize;
            if k > n_terms - term_stem.len() {
                return Err(r.err("more terms in the stems than in the dictionary"));
            }
            term_stem.extend(std::iter::repeat_n(s, k));
        }
        if term_stem.len() != n_terms {
            return Err(r.err("fewer terms in the stems than in the dictionary"));
        }
        let terms = read_forms(&mut r, &term_stem, &stems, &mut budget)?;
        let whole = match r.varint("postings flag")? {
            0 => false,
            1 => true,
            _ => return Err(r.err("postings flag is not 0 or 1")),
        };
        let mut post_start = Vec::with_capacity(n_terms + 1);
        post_start.push(0u32);
        let mut df = Vec::with_capacity(if whole { 0 } else { n_terms });
        let mut total: u64 = 0;
        for _ in 0..n_terms {
            let len = u64::from(r.varint("posting list length")?);
            total += if whole {
                len
            } else {
                len * u64::from(LIST_ALIGN)
            };
            if total > u64::from(u32::MAX) {
                return Err(r.err("posting lists too long"));
            }
            post_start.push(total as u32);
            if !whole {
                let n = r.varint("document frequency")?;
                if n as usize > n_docs {
                    return Err(r.err("document frequency above the document count"));
                }
                df.push(n);
            }
        }
        let (postings, lazy, layout) = if whole {
            let (postings, at) = r.section("postings")?;
            if postings.len() as u64 != total {
                return Err(IndexError::new(
                    "posting list lengths do not add up to the postings section",
                    at,
                ));
            }
            (postings, None, read_docs(&mut r, n_docs)?)
        } else {
            let lazy = LazyPostings::new(df, n_docs);
            (&[][..], Some(lazy), read_head_docs(&mut r, n_docs)?)
        };
        let (docs, blocks, word_starts) = layout;
        r.finish("the document table")?;
        let mut index = Index {
            terms,
            stems,
            protected,
            term_stem,
            stem_start: Vec::new(),
            stem_terms: Vec::new(),
            post_start,
            postings: postings.to_vec(),
            lazy,
            docs,
            blocks,
            word_starts,
            avg_len: 1.0,
        };
        index.derive();
        Ok(index)
    }
}

type Layout = (Vec<DocMeta>, Vec<BlockMeta>, Vec<u8>);

/// A whole index's documents: each with its title's and blocks' word starts.
fn read_docs(r: &mut Reader<'_>, n_docs: usize) -> Result<Layout, IndexError> {
    let mut docs = Vec::with_capacity(n_docs);
    let mut blocks = Vec::new();
    let mut word_starts = Vec::new();
    for _ in 0..n_docs {
        let title_len = r.varint("title length")?;
        let (starts, _) = r.section("title word starts")?;
        let title = BlockMeta {
            start: 0,
            len: title_len,
            starts_at: word_starts.len() as u32,
            starts_end: (word_starts.len() + starts.len()) as u32,
        };
        word_starts.extend_from_slice(starts);
        let n_blocks = r.count("block count", 1)? as u32;
        let has_dek = read_flag(r, "dek flag")?;
        let first_block = blocks.len() as u32;
        let mut pos = title_len
            .checked_add(1)
            .ok_or_else(|| r.err("title length"))?;
        let mut body_len = 0u32;
        for _ in 0..n_blocks {
            let len = r.varint("block length")?;
            let (starts, _) = r.section("word starts")?;
            let starts_at = word_starts.len() as u32;
            word_starts.extend_from_slice(starts);
            blocks.push(BlockMeta {
                start: pos,
                len,
                starts_at,
                starts_end: word_starts.len() as u32,
            });
            pos = pos
                .checked_add(len)
                .and_then(|p| p.checked_add(1))
                .ok_or_else(|| r.err("block length"))?;
            body_len = body_len.saturating_add(len);
        }
        docs.push(DocMeta {
            title_len,
            title,
            body_len,
            first_block,
            n_blocks,
            has_dek,
        });
    }
    Ok((docs, blocks, word_starts))
}

/// A head's documents, column by column: lengths and counts only (no word starts, no blocks:
/// see `Index::blocks_of`). A head stores no bytes per block, so its counts cannot be checked
/// against the bytes left.
fn read_head_docs(r: &mut Reader<'_>, n_docs: usize) -> Result<Layout, IndexError> {
    let empty = BlockMeta {
        start: 0,
        len: 0,
        starts_at: 0,
        starts_end: 0,
    };
    let mut docs = vec![
        DocMeta {
            title_len: 0,
            title: empty,
            body_len: 0,
            first_block: 0,
            n_blocks: 0,
            has_dek: false,
        };
        n_docs
    ];
    for d in &mut docs {
        d.title_len = r.varint("title length")?;
        d.title.len = d.title_len;
    }
    for d in &mut docs {
        d.n_blocks = r.varint("block count")?;
    }
    for d in &mut docs {
        d.has_dek = read_flag(r, "dek flag")?;
    }
    for d in &mut docs {
        d.body_len = r.varint("body length")?;
    }
    Ok((docs, Vec::new(), Vec::new()))
}

fn read_flag(r: &mut Reader<'_>, what: &str) -> Result<bool, IndexError> {
    match r.varint(what)? {
        0 => Ok(false),
        1 => Ok(true),
        _ => Err(r.err(&format!("{what} is not 0 or 1"))),
    }
}

/// A form as what it adds to its stem's text: `2 × prefix length`, the prefix, then the suffix
/// (section) — or, for a form that does not hold its stem, `2 × length + 1` and the form.
fn put_form(out: &mut Vec<u8>, form: &[u8], stem: &[u8]) {
    let at = if stem.is_empty() {
        Some(0)
    } else {
        form.windows(stem.len()).position(|w| w == stem)
    };
    match at {
        Some(at) => {
            put_varint(out, (at as u32) << 1);
            out.extend_from_slice(&form[..at]);
            put_section(out, &form[at + stem.len()..]);
        }
        None => {
            put_varint(out, ((form.len() as u32) << 1) | 1);
            out.extend_from_slice(form);
        }
    }
}

/// How many bytes of dictionary text reading may build: the codes let a few input bytes stand
/// for a long word, so without a bound a damaged count would ask for gigabytes. The forms and
/// stems of 10,000 ANT articles are 2.4 MB of text: 64 MiB leaves room for far larger corpora,
/// and a larger index has a larger payload (32 bytes of text per byte).
fn text_budget(payload_len: usize) -> usize {
    (64 << 20).max(payload_len.saturating_mul(32))
}

fn spend(r: &Reader<'_>, budget: &mut usize, n: usize, what: &str) -> Result<(), IndexError> {
    *budget = budget
        .checked_sub(n)
        .ok_or_else(|| r.err(&format!("{what}: more text than the index can hold")))?;
    Ok(())
}

/// Ends the word written into `words` since the last one.
fn end_word(words: &mut Words, r: &Reader<'_>, what: &str) -> Result<(), IndexError> {
    words
        .end_word()
        .ok_or_else(|| r.err(&format!("{what}: too long")))
}

/// The front-coded stems, in key order (a stem's id is its rank), each after the one before.
fn read_stems(r: &mut Reader<'_>, n_stems: usize, budget: &mut usize) -> Result<Dict, IndexError> {
    let mut stems = Words::default();
    for _ in 0..n_stems {
        let shared = r.varint("stem: bytes shared with the previous stem")? as usize;
        let prev = stems.text.len() - stems.last().len();
        if shared > stems.last().len() {
            return Err(r.err("stem: shares more than the previous stem holds"));
        }
        let (rest, _) = r.section("stem")?;
        spend(r, budget, shared + rest.len(), "stems")?;
        stems.text.extend_from_within(prev..prev + shared);
        stems.text.extend_from_slice(rest);
        end_word(&mut stems, r, "stems")?;
        let id = stems.len() as u32 - 1;
        if id > 0 && stems.get(id - 1) >= stems.get(id) {
            return Err(r.err("stem dictionary: stems out of order or repeated"));
        }
    }
    Dict::new(stems).map_err(|_| r.err("stem dictionary: a stem repeated"))
}

/// The forms (see [`put_form`]) by term id; ids run by stem.
fn read_forms(
    r: &mut Reader<'_>,
    term_stem: &[u32],
    stems: &Dict,
    budget: &mut usize,
) -> Result<Dict, IndexError> {
    let mut forms = Words::default();
    for &s in term_stem {
        let tag = r.varint("form")? as usize;
        let lead = r.take(tag >> 1, "form")?;
        spend(r, budget, lead.len(), "forms")?;
        forms.text.extend_from_slice(lead);
        if tag & 1 == 0 {
            let (rest, _) = r.section("form: after its stem")?;
            let stem = stems.word(s);
            spend(r, budget, stem.len() + rest.len(), "forms")?;
            forms.text.extend_from_slice(stem);
            forms.text.extend_from_slice(rest);
        }
        end_word(&mut forms, r, "forms")?;
    }
    Dict::new(forms).map_err(|t| r.err(&format!("term dictionary: term {t} repeats a form")))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use crate::model::{Article, Block, BlockKind};
    use crate::search::{Index, SearchOptions};

    fn article(id: &str, text: &str) -> Article {
        Article {
            id: id.into(),
            title: "بوتين في الكرملين".into(),
            title_derived: false,
            dek: None,
            author: None,
            source: None,
            url: None,
            date: None,
            lang: "ar".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: text.into(),
                line: 2,
            }],
            removed: Vec::new(),
        }
    }

    /// A form is stored around its stem's text, or whole when it does not hold it; reading
    /// gives each form its id back (ids run by stem, not by key), and the map sorts them.
    #[test]
    fn forms_are_read_back_around_their_stems_or_whole() {
        use super::{put_form, read_forms, Dict, Words};
        use crate::search::codec::Reader;
        let stems = ["كتب", "ويتكوف"];
        let forms = [
            ("والكتب", 0),
            ("كتبها", 0),
            ("ويتكوف", 1),
            ("وويتكوف", 1),
            ("زيد", 1),
        ];
        let mut words = Words::default();
        for s in stems {
            words.push(s.as_bytes()).unwrap();
        }
        let mut bytes = Vec::new();
        for (form, s) in forms {
            put_form(&mut bytes, form.as_bytes(), stems[s].as_bytes());
        }
        // The two forms of ويتكوف cost a byte or two more than nothing; زيد is stored whole.
        assert!(bytes.len() < 30, "{} bytes", bytes.len());
        let term_stem: Vec<u32> = forms.iter().map(|&(_, s)| s as u32).collect();
        let mut r = Reader::new(&bytes, 0);
        let mut budget = 1 << 20;
        let stems = Dict::new(words).unwrap();
        let dict = read_forms(&mut r, &term_stem, &stems, &mut budget).expect("forms");
        r.finish("the forms").expect("every byte read");
        for (id, (form, _)) in forms.iter().enumerate() {
            assert_eq!(dict.get(form.as_bytes()), Some(id as u32), "{form}");
            assert_eq!(dict.map().get(form), Some(id as u64), "{form}");
        }
        assert_eq!(dict.map().len(), forms.len());
    }

    /// A repeated form, or stems out of key order, behind a valid checksum: a decode error.
    #[test]
    fn repeated_forms_and_unordered_stems_are_decode_errors() {
        use super::{put_form, put_section, put_varint, read_forms, read_stems, Dict, Words};
        use crate::search::codec::Reader;
        let mut words = Words::default();
        words.push("كتب".as_bytes()).unwrap();
        let stems = Dict::new(words).unwrap();
        let mut bytes = Vec::new();
        for _ in 0..2 {
            put_form(&mut bytes, "كتب".as_bytes(), "كتب".as_bytes());
        }
        let mut r = Reader::new(&bytes, 0);
        let err = read_forms(&mut r, &[0, 0], &stems, &mut (1 << 20)).err();
        assert!(
            err.is_some_and(|e| e.to_string().contains("repeats a form")),
            "a repeated form was read"
        );
        // Front-coded: "كتب", then "كا" (sharing nothing more than ك) sorts before it.
        let mut bytes = Vec::new();
        put_varint(&mut bytes, 0);
        put_section(&mut bytes, "كتب".as_bytes());
        put_varint(&mut bytes, 2);
        put_section(&mut bytes, "ا".as_bytes());
        let mut r = Reader::new(&bytes, 0);
        let err = read_stems(&mut r, 2, &mut (1 << 20)).err();
        assert!(
            err.is_some_and(|e| e.to_string().contains("out of order")),
            "stems out of order were read"
        );
    }

    /// The point of the codes: a head is smaller than the two maps it used to carry.
    #[test]
    fn a_head_is_smaller_than_its_dictionary_maps() {
        let text = "قال بوتين ولافروف وبيسكوف وترامب وويتكوف ودميترييف وزيلينسكي وماكرون وشولتس \
                    وأردوغان ونتنياهو في موسكو وواشنطن وكييف وميامي والرياض وباريس وبرلين ولندن \
                    والرئيس الروسي فلاديمير بوتين والرئيسان والرئاسة ورئيس الوزراء والوزراء";
        let articles = [article("a", text), article("b", "بيسكوف وبوتين والكرملين")];
        let index = Index::build(&articles, &BTreeSet::new());
        let maps = index.terms.map().as_fst().as_bytes().len()
            + index.stems.map().as_fst().as_bytes().len();
        let head = index.encode_as(true);
        assert!(head.len() < maps, "head {} bytes, maps {maps}", head.len());
        let back = Index::from_bytes(&head).expect("a head reads back");
        assert_eq!(
            back.terms.map().as_fst().as_bytes(),
            index.terms.map().as_fst().as_bytes()
        );
        assert_eq!(
            back.stems.map().as_fst().as_bytes(),
            index.stems.map().as_fst().as_bytes()
        );
    }

    /// Reading builds no search map: a query of words the dictionary holds needs none; a typo
    /// walks the dictionary and builds it then (or the page builds it when idle).
    #[test]
    fn the_maps_wait_for_a_search_that_walks_them() {
        let text = "قال الرئيس الروسي فلاديمير بوتين في موسكو إن المفاوضات مع واشنطن مستمرة";
        let articles = [
            article("a", text),
            article("b", "قال بيسكوف في موسكو إن بوتين في الكرملين"),
        ];
        let index = Index::build(&articles, &BTreeSet::new());
        let back = Index::from_bytes(&index.encode()).expect("reads back");
        assert!(!back.terms.has_map() && !back.stems.has_map());
        // Words in both articles (a rare word would have its typo neighbours looked for).
        let hits = back.search(&articles, "وبوتين موسكو", &SearchOptions::default());
        assert_eq!(hits.len(), 2);
        assert!(!back.terms.has_map() && !back.stems.has_map());
        // A letter dropped: found through the maps, which are now built.
        let hits = back.search(&articles, "المفاوضت", &SearchOptions::default());
        assert_eq!(hits.len(), 1);
        assert!(back.terms.has_map() || back.stems.has_map());
        back.prepare_search();
        assert!(back.terms.has_map() && back.stems.has_map());
    }

    /// Found by the `index_mutate` fuzz target: one flipped bit in the protected-names fst,
    /// behind a valid checksum, decoded fine and then panicked inside `fst` at the first search.
    #[test]
    fn damaged_protected_names_are_an_error_not_a_panic_at_search_time() {
        let text = "قال بوتين ولافروف وبيسكوف وترامب وويتكوف ودميترييف وزيلينسكي وماكرون وشولتس \
                    وأردوغان ونتنياهو في موسكو وواشنطن وكييف وميامي والرياض وباريس وبرلين ولندن";
        let articles = [article("a", text), article("b", "بيسكوف وبوتين")];
        let words: Vec<String> = crate::text::tokenize(text)
            .into_iter()
            .map(|t| t.norm)
            .collect();
        let protected: BTreeSet<String> = words
            .iter()
            .map(|w| w.strip_prefix('و').unwrap_or(w).to_owned())
            .collect();
        let index = Index::build(&articles, &protected);
        let fst = index.protected.as_fst().as_bytes().to_vec();
        assert!(
            index.protected.len() > 15,
            "the test needs a real protected set"
        );
        let bytes = index.to_bytes();
        let start = bytes
            .windows(fst.len())
            .position(|w| w == fst.as_slice())
            .expect("protected section");
        for i in start..start + fst.len() {
            for bit in 0..8 {
                let mut damaged = bytes.clone();
                damaged[i] ^= 1 << bit;
                let crc = crc32fast::hash(&damaged[16..]);
                damaged[12..16].copy_from_slice(&crc.to_le_bytes());
                if let Ok(ix) = Index::from_bytes(&damaged) {
                    // Whatever still decodes must answer lookups and searches.
                    for w in &words {
                        let _ = ix.protected.contains(w);
                        let _ = ix.search(&articles, w, &SearchOptions::default());
                    }
                }
            }
        }
    }
}
