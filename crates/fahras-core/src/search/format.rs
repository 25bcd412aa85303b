//! The stored index: `Index::to_bytes` / `Index::from_bytes`.
//!
//! ```text
//! "FAHRASIX" | version u32 LE | crc32 of the payload u32 LE | payload
//! payload (varints unless said):
//!   n_docs n_terms n_stems
//!   terms fst (section) | stems fst (section) | protected fst (section)
//!   terms per stem × n_stems     (term ids run by stem: the first stem's terms, then the next's)
//!   posting list lengths × n_terms
//!   1, postings (section)          — or, for a split corpus's head:
//!   0, document frequency × n_terms (the lists are fetched when a query needs them)
//!   per doc: title_len, title word starts (section of byte-offset deltas; empty in a head),
//!   n_blocks has_dek, then
//!     per block: n_words, word starts (section)   — or, in a head:
//!     body_len (the blocks' layout is worked out from the text once it is fetched: see
//!     `Index::blocks_of`; ranking needs only the lengths)
//! ```
//! Sections are `length, bytes`. Dictionaries are `fst` maps (sorted, prefix- and suffix-shared);
//! posting lists are delta + varint coded (see `postings`). Reading checks the magic, version,
//! checksum and every count against the bytes left, so corrupt input is an error, never a panic
//! or a huge allocation.

use fst::{Map, Set};

use super::codec::{put_section, put_varint, IndexError, Reader};
use super::index::{BlockMeta, DocMeta, Index, LazyPostings};

const MAGIC: &[u8; 8] = b"FAHRASIX";
const VERSION: u32 = 4;

impl Index {
    pub(crate) fn encode(&self) -> Vec<u8> {
        self.encode_as(false)
    }

    /// `head`: without the posting lists (their lengths and document frequencies stay), the
    /// word starts and the blocks' layout (each document's body length stays): what a split
    /// corpus loads at start-up (see [`crate::split`]).
    pub(crate) fn encode_as(&self, head: bool) -> Vec<u8> {
        let mut p =
            Vec::with_capacity(self.postings.len() + self.terms.as_fst().as_bytes().len() * 2);
        put_varint(&mut p, self.docs.len() as u32);
        put_varint(&mut p, self.term_stem.len() as u32);
        put_varint(&mut p, self.stems.len() as u32);
        put_section(&mut p, self.terms.as_fst().as_bytes());
        put_section(&mut p, self.stems.as_fst().as_bytes());
        put_section(&mut p, self.protected.as_fst().as_bytes());
        debug_assert!(
            self.term_stem.windows(2).all(|w| w[0] <= w[1]),
            "term ids run by stem"
        );
        for s in 0..self.stems.len() {
            put_varint(&mut p, self.stem_members(s as u32).len() as u32);
        }
        for w in self.post_start.windows(2) {
            put_varint(&mut p, w[1] - w[0]);
        }
        if head {
            put_varint(&mut p, 0);
            for t in 0..self.term_stem.len() {
                put_varint(&mut p, self.doc_freq(t as u32));
            }
        } else {
            put_varint(&mut p, 1);
            put_section(&mut p, &self.postings);
        }
        let starts = |b: &BlockMeta| if head { &[][..] } else { self.block_starts(b) };
        for d in &self.docs {
            put_varint(&mut p, d.title_len);
            put_section(&mut p, starts(&d.title));
            put_varint(&mut p, d.n_blocks);
            put_varint(&mut p, u32::from(d.has_dek));
            if head {
                put_varint(&mut p, d.body_len);
            } else {
                for b in self.doc_blocks(d) {
                    put_varint(&mut p, b.len);
                    put_section(&mut p, starts(b));
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
        let n_stems = r.count("stem count", 0)?;
        if n_stems > n_terms {
            return Err(r.err("more stems than terms"));
        }
        let terms = fst_map(&mut r, "term dictionary", n_terms)?;
        let stems = fst_map(&mut r, "stem dictionary", n_stems)?;
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
        let mut post_start = Vec::with_capacity(n_terms + 1);
        post_start.push(0u32);
        let mut total: u64 = 0;
        for _ in 0..n_terms {
            total += u64::from(r.varint("posting list length")?);
            if total > u64::from(u32::MAX) {
                return Err(r.err("posting lists too long"));
            }
            post_start.push(total as u32);
        }
        let (postings, lazy) = match r.varint("postings flag")? {
            1 => {
                let (postings, at) = r.section("postings")?;
                if postings.len() as u64 != total {
                    return Err(IndexError::new(
                        "posting list lengths do not add up to the postings section",
                        at,
                    ));
                }
                (postings, None)
            }
            0 => {
                let mut df = Vec::with_capacity(n_terms);
                for _ in 0..n_terms {
                    let n = r.varint("document frequency")?;
                    if n as usize > n_docs {
                        return Err(r.err("document frequency above the document count"));
                    }
                    df.push(n);
                }
                (&[][..], Some(LazyPostings::new(df, n_docs)))
            }
            _ => return Err(r.err("postings flag is not 0 or 1")),
        };
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
            // A head stores no bytes per block: its count cannot be checked against the bytes.
            let n_blocks = if lazy.is_some() {
                r.varint("block count")?
            } else {
                r.count("block count", 1)? as u32
            };
            let has_dek = match r.varint("dek flag")? {
                0 => false,
                1 => true,
                _ => return Err(r.err("dek flag is not 0 or 1")),
            };
            let first_block = blocks.len() as u32;
            let mut pos = title_len
                .checked_add(1)
                .ok_or_else(|| r.err("title length"))?;
            let mut body_len = 0u32;
            // A head stores the body's length; a whole index, each block.
            let blocks_stored = if lazy.is_some() {
                body_len = r.varint("body length")?;
                0
            } else {
                n_blocks
            };
            for _ in 0..blocks_stored {
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

fn fst_map(
    r: &mut Reader<'_>,
    what: &str,
    expected_len: usize,
) -> Result<Map<Vec<u8>>, IndexError> {
    let (bytes, at) = r.section(what)?;
    let map = Map::new(bytes.to_vec()).map_err(|e| IndexError::new(format!("{what}: {e}"), at))?;
    map.as_fst()
        .verify()
        .map_err(|e| IndexError::new(format!("{what}: {e}"), at))?;
    if map.len() != expected_len {
        return Err(IndexError::new(
            format!("{what}: {} entries, expected {expected_len}", map.len()),
            at,
        ));
    }
    Ok(map)
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
