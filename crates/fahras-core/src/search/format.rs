//! The stored index: `Index::to_bytes` / `Index::from_bytes`.
//!
//! ```text
//! "FAHRASIX" | version u32 LE | crc32 of the payload u32 LE | payload
//! payload (varints unless said):
//!   n_docs n_terms n_stems
//!   terms fst (section) | stems fst (section) | protected fst (section)
//!   term_stem × n_terms
//!   posting list lengths × n_terms | postings (section)
//!   per doc: title_len n_blocks has_dek, per block: n_words, checkpoint byte deltas
//! ```
//! Sections are `length, bytes`. Dictionaries are `fst` maps (sorted, prefix- and suffix-shared);
//! posting lists are delta + varint coded (see `postings`). Reading checks the magic, version,
//! checksum and every count against the bytes left, so corrupt input is an error, never a panic
//! or a huge allocation.

use fst::{Map, Set};

use super::codec::{put_section, put_varint, IndexError, Reader};
use super::index::{next_uid, BlockMeta, DocMeta, Index, CHECKPOINT};

const MAGIC: &[u8; 8] = b"FAHRASIX";
const VERSION: u32 = 1;

impl Index {
    pub(crate) fn encode(&self) -> Vec<u8> {
        let mut p =
            Vec::with_capacity(self.postings.len() + self.terms.as_fst().as_bytes().len() * 2);
        put_varint(&mut p, self.docs.len() as u32);
        put_varint(&mut p, self.term_stem.len() as u32);
        put_varint(&mut p, self.stems.len() as u32);
        put_section(&mut p, self.terms.as_fst().as_bytes());
        put_section(&mut p, self.stems.as_fst().as_bytes());
        put_section(&mut p, self.protected.as_fst().as_bytes());
        for &s in &self.term_stem {
            put_varint(&mut p, s);
        }
        for w in self.post_start.windows(2) {
            put_varint(&mut p, w[1] - w[0]);
        }
        put_section(&mut p, &self.postings);
        for d in &self.docs {
            put_varint(&mut p, d.title_len);
            put_varint(&mut p, d.n_blocks);
            put_varint(&mut p, u32::from(d.has_dek));
            for b in self.doc_blocks(d) {
                put_varint(&mut p, b.len);
                let mut last = 0;
                for &cp in self.block_checkpoints(b) {
                    put_varint(&mut p, cp - last);
                    last = cp;
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

    pub(crate) fn block_checkpoints(&self, b: &BlockMeta) -> &[u32] {
        let a = b.first_cp as usize;
        let n = (b.len.saturating_sub(1) / CHECKPOINT) as usize;
        self.checkpoints.get(a..a + n).unwrap_or(&[])
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
        let mut term_stem = Vec::with_capacity(n_terms);
        for _ in 0..n_terms {
            let s = r.varint("term stem")?;
            if s as usize >= n_stems {
                return Err(r.err("term stem out of range"));
            }
            term_stem.push(s);
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
        let (postings, at) = r.section("postings")?;
        if postings.len() as u64 != total {
            return Err(IndexError::new(
                "posting list lengths do not add up to the postings section",
                at,
            ));
        }
        let mut docs = Vec::with_capacity(n_docs);
        let mut blocks = Vec::new();
        let mut checkpoints = Vec::new();
        for _ in 0..n_docs {
            let title_len = r.varint("title length")?;
            let n_blocks = r.count("block count", 1)? as u32;
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
            for _ in 0..n_blocks {
                let len = r.varint("block length")?;
                let first_cp = checkpoints.len() as u32;
                let n_cp = len.saturating_sub(1) / CHECKPOINT;
                if n_cp as usize > r.remaining() {
                    return Err(r.err("block checkpoints"));
                }
                let mut last = 0u32;
                for _ in 0..n_cp {
                    last = last
                        .checked_add(r.varint("checkpoint")?)
                        .ok_or_else(|| r.err("checkpoint"))?;
                    checkpoints.push(last);
                }
                blocks.push(BlockMeta {
                    start: pos,
                    len,
                    first_cp,
                });
                pos = pos
                    .checked_add(len)
                    .and_then(|p| p.checked_add(1))
                    .ok_or_else(|| r.err("block length"))?;
                body_len = body_len.saturating_add(len);
            }
            docs.push(DocMeta {
                title_len,
                body_len,
                first_block,
                n_blocks,
                has_dek,
            });
        }
        r.finish("the document table")?;
        let mut index = Index {
            uid: next_uid(),
            terms,
            stems,
            protected,
            term_stem,
            stem_start: Vec::new(),
            stem_terms: Vec::new(),
            post_start,
            postings: postings.to_vec(),
            docs,
            blocks,
            checkpoints,
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
