//! Posting lists: for each term, the documents it occurs in with its positions.
//!
//! One term's list (LEB128 varints) is two streams, so ranking reads frequencies without
//! touching positions, and the position pass jumps straight to the documents it wants:
//!
//! ```text
//! n_docs  entries_len
//! entries:   per document  doc_delta  n_title  n_body  positions_len
//! positions: per document  pos_1 Δpos_2 … Δpos_n   (n_title + n_body of them)
//! ```
//! `n_title` positions fall in the title, `n_body` in the body; `positions_len` is in bytes.

use super::codec::{get_varint, put_varint};

/// One document of a posting list; `positions` is still encoded.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Entry<'a> {
    pub doc: u32,
    pub n_title: u32,
    pub n_body: u32,
    positions: &'a [u8],
}

impl<'a> Entry<'a> {
    /// The term's positions in this document, ascending. Stops early on corrupt bytes.
    pub fn positions(&self) -> Positions<'a> {
        Positions {
            bytes: self.positions,
            at: 0,
            last: 0,
            left: self.n_title.saturating_add(self.n_body),
            first: true,
        }
    }
}

pub(crate) struct Positions<'a> {
    bytes: &'a [u8],
    at: usize,
    last: u32,
    left: u32,
    first: bool,
}

impl Iterator for Positions<'_> {
    type Item = u32;
    #[inline]
    fn next(&mut self) -> Option<u32> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let d = get_varint(self.bytes, &mut self.at)?;
        self.last = if self.first {
            d
        } else {
            self.last.checked_add(d)?
        };
        self.first = false;
        Some(self.last)
    }
}

/// Iterates a posting list; a corrupt list simply ends early.
pub(crate) struct Postings<'a> {
    entries: &'a [u8],
    positions: &'a [u8],
    at: usize,
    pos_at: usize,
    left: u32,
    doc: u32,
    first: bool,
}

impl<'a> Postings<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let mut at = 0;
        let head = get_varint(bytes, &mut at).zip(get_varint(bytes, &mut at));
        let split = head.and_then(|(n, len)| {
            Some((
                n,
                at.checked_add(len as usize).filter(|&e| e <= bytes.len())?,
            ))
        });
        match split {
            Some((left, end)) => Postings {
                entries: &bytes[at..end],
                positions: &bytes[end..],
                at: 0,
                pos_at: 0,
                left,
                doc: 0,
                first: true,
            },
            None => Postings {
                entries: &[],
                positions: &[],
                at: 0,
                pos_at: 0,
                left: 0,
                doc: 0,
                first: true,
            },
        }
    }

    /// Number of documents in the list (its document frequency).
    pub fn doc_freq(bytes: &[u8]) -> u32 {
        get_varint(bytes, &mut 0).unwrap_or(0)
    }
}

impl<'a> Iterator for Postings<'a> {
    type Item = Entry<'a>;
    #[inline]
    fn next(&mut self) -> Option<Entry<'a>> {
        if self.left == 0 {
            return None;
        }
        self.left -= 1;
        let b = self.entries;
        let fields = (|| {
            Some((
                get_varint(b, &mut self.at)?,
                get_varint(b, &mut self.at)?,
                get_varint(b, &mut self.at)?,
                get_varint(b, &mut self.at)?,
            ))
        })();
        let Some((delta, n_title, n_body, len)) = fields else {
            self.left = 0;
            return None;
        };
        let start = self.pos_at;
        let Some(positions) = start
            .checked_add(len as usize)
            .and_then(|end| self.positions.get(start..end))
        else {
            self.left = 0;
            return None;
        };
        self.pos_at += len as usize;
        self.doc = if self.first {
            delta
        } else {
            self.doc.saturating_add(delta)
        };
        self.first = false;
        Some(Entry {
            doc: self.doc,
            n_title,
            n_body,
            positions,
        })
    }
}

/// Builds one term's posting list, document by document (documents in increasing order).
#[derive(Default)]
pub(crate) struct PostingWriter {
    entries: Vec<u8>,
    positions: Vec<u8>,
    n_docs: u32,
    last_doc: Option<u32>,
}

impl PostingWriter {
    /// Add `doc` with its ascending `positions`, of which those below `title_len` are the title's.
    pub fn push(&mut self, doc: u32, positions: &[u32], title_len: u32) {
        let delta = match self.last_doc {
            Some(last) => doc - last,
            None => doc,
        };
        self.last_doc = Some(doc);
        self.n_docs += 1;
        let n_title = positions.iter().take_while(|&&p| p < title_len).count() as u32;
        let before = self.positions.len();
        let mut last = 0;
        for (i, &p) in positions.iter().enumerate() {
            put_varint(&mut self.positions, if i == 0 { p } else { p - last });
            last = p;
        }
        put_varint(&mut self.entries, delta);
        put_varint(&mut self.entries, n_title);
        put_varint(&mut self.entries, positions.len() as u32 - n_title);
        put_varint(&mut self.entries, (self.positions.len() - before) as u32);
    }

    pub fn n_docs(&self) -> u32 {
        self.n_docs
    }

    pub fn finish(self, out: &mut Vec<u8>) {
        put_varint(out, self.n_docs);
        put_varint(out, self.entries.len() as u32);
        out.extend_from_slice(&self.entries);
        out.extend_from_slice(&self.positions);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip() {
        let mut w = PostingWriter::default();
        w.push(3, &[0, 2, 9, 40], 3);
        w.push(7, &[5], 3);
        w.push(300, &[1000, 1001], 3);
        let mut out = Vec::new();
        w.finish(&mut out);
        assert_eq!(Postings::doc_freq(&out), 3);
        let got: Vec<(u32, u32, u32, Vec<u32>)> = Postings::new(&out)
            .map(|e| (e.doc, e.n_title, e.n_body, e.positions().collect()))
            .collect();
        assert_eq!(
            got,
            vec![
                (3, 2, 2, vec![0, 2, 9, 40]),
                (7, 0, 1, vec![5]),
                (300, 0, 2, vec![1000, 1001])
            ]
        );
        // Truncated or damaged lists end early instead of failing loudly.
        for cut in 0..out.len() {
            let _ = Postings::new(&out[..cut])
                .map(|e| e.positions().count())
                .sum::<usize>();
            let mut bad = out.clone();
            bad[cut] = 0xFF;
            let _ = Postings::new(&bad)
                .map(|e| e.positions().count())
                .sum::<usize>();
        }
    }
}
