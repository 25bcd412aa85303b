//! Posting lists: for each term, the documents it occurs in with its positions.
//!
//! One term's list (LEB128 varints) is two streams, so ranking reads frequencies without
//! touching positions, and the position pass jumps straight to the documents it wants:
//!
//! ```text
//! n_docs  skips_len  entries_len
//! skips:     per SKIP-th document  Δprev_doc  Δentries_offset  Δpositions_offset
//! entries:   per document  doc_delta  n_title  n_body  positions_len
//! positions: per document  pos_1 Δpos_2 … Δpos_n   (n_title + n_body of them)
//! ```
//! `n_title` positions fall in the title, `n_body` in the body; `positions_len` is in bytes.
//! A skip entry stands before every [`SKIP`]-th document (the 64th, 128th …) and holds the
//! previous document and where that document's entry and positions begin, so
//! [`Postings::advance_to`] jumps over runs of documents it does not want.

use super::codec::{get_varint, put_padded, put_varint};

/// Documents between two skip entries.
pub(crate) const SKIP: u32 = 64;

/// A split corpus's postings pack gives each list a whole number of these bytes (zeros after
/// the list), so the head stores a list's size in units, not bytes. Most lists are short (a
/// list of one document is about ten bytes): in units they are nearly all 1 or 2, which gzip
/// codes in far fewer bits than the exact lengths. At 10,000 ANT articles the head's lengths
/// and document frequencies went 162 → 109 KB gzip for 1.0 MB of zeros in a 13.7 MB pack, at
/// 100,000 (synthetic) 375 → 263 KB for 1.7 MB in 119 MB; 32-byte units saved 7 and 15 KB
/// more for twice the zeros, which a query fetches too.
pub const LIST_ALIGN: u32 = 16;

/// How many [`LIST_ALIGN`] units a list of `len` bytes takes in a postings pack.
pub(crate) fn list_units(len: u32) -> u32 {
    len.div_ceil(LIST_ALIGN)
}

/// Appends `list` to a postings pack, then zeros up to its last unit.
pub(crate) fn put_aligned(pack: &mut Vec<u8>, list: &[u8]) {
    put_padded(pack, list, LIST_ALIGN);
}

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
    skips: &'a [u8],
    entries: &'a [u8],
    positions: &'a [u8],
    at: usize,
    pos_at: usize,
    /// Documents not yet read, and the list's total.
    left: u32,
    n_docs: u32,
    doc: u32,
    first: bool,
    /// Reading position in `skips`, the next skip point (its document index) and its contents.
    skip_at: usize,
    next_skip: Option<(u32, Skip)>,
}

#[derive(Clone, Copy)]
struct Skip {
    prev_doc: u32,
    entries: usize,
    positions: usize,
}

const EMPTY: Postings<'static> = Postings {
    skips: &[],
    entries: &[],
    positions: &[],
    at: 0,
    pos_at: 0,
    left: 0,
    n_docs: 0,
    doc: 0,
    first: true,
    skip_at: 0,
    next_skip: None,
};

impl<'a> Postings<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        let mut at = 0;
        let (Some(n), Some(skips_len), Some(entries_len)) = (
            get_varint(bytes, &mut at),
            get_varint(bytes, &mut at),
            get_varint(bytes, &mut at),
        ) else {
            return EMPTY;
        };
        let Some(skips_end) = at
            .checked_add(skips_len as usize)
            .filter(|&e| e <= bytes.len())
        else {
            return EMPTY;
        };
        let Some(entries_end) = skips_end
            .checked_add(entries_len as usize)
            .filter(|&e| e <= bytes.len())
        else {
            return EMPTY;
        };
        Postings {
            skips: &bytes[at..skips_end],
            entries: &bytes[skips_end..entries_end],
            positions: &bytes[entries_end..],
            left: n,
            n_docs: n,
            next_skip: None,
            ..EMPTY
        }
    }

    /// Number of documents in the list (its document frequency).
    pub fn doc_freq(bytes: &[u8]) -> u32 {
        get_varint(bytes, &mut 0).unwrap_or(0)
    }

    /// How many bytes of `bytes` the list that starts it takes (its entries say how long its
    /// positions are), or None when they do not hold a whole list. What follows it is not read.
    pub fn byte_len(bytes: &[u8]) -> Option<usize> {
        let mut at = 0;
        let n = get_varint(bytes, &mut at)?;
        let skips_len = get_varint(bytes, &mut at)? as usize;
        let entries_len = get_varint(bytes, &mut at)? as usize;
        let entries_at = at.checked_add(skips_len)?;
        let entries_end = entries_at.checked_add(entries_len)?;
        let entries = bytes.get(entries_at..entries_end)?;
        let mut e = 0;
        let mut positions = 0usize;
        for _ in 0..n {
            for _ in 0..3 {
                get_varint(entries, &mut e)?;
            }
            positions = positions.checked_add(get_varint(entries, &mut e)? as usize)?;
        }
        let end = entries_end.checked_add(positions)?;
        (e == entries_len && end <= bytes.len()).then_some(end)
    }

    /// The skip point after `next_skip` (or the first), read from the skip stream.
    fn read_skip(&mut self, prev: Option<(u32, Skip)>) -> Option<(u32, Skip)> {
        let b = self.skips;
        let (index, base) = match prev {
            Some((i, s)) => (i.checked_add(SKIP)?, s),
            None => (
                SKIP,
                Skip {
                    prev_doc: 0,
                    entries: 0,
                    positions: 0,
                },
            ),
        };
        if index >= self.n_docs {
            return None;
        }
        let prev_doc = base
            .prev_doc
            .checked_add(get_varint(b, &mut self.skip_at)?)?;
        let entries = base
            .entries
            .checked_add(get_varint(b, &mut self.skip_at)? as usize)?;
        let positions = base
            .positions
            .checked_add(get_varint(b, &mut self.skip_at)? as usize)?;
        Some((
            index,
            Skip {
                prev_doc,
                entries,
                positions,
            },
        ))
    }

    /// The first entry for a document `>= doc`, jumping over skip runs that end before it.
    /// Calls must ask for non-decreasing documents.
    pub fn advance_to(&mut self, doc: u32) -> Option<Entry<'a>> {
        let read = self.n_docs - self.left;
        if self.next_skip.is_none() && self.skip_at == 0 && !self.skips.is_empty() {
            self.next_skip = self.read_skip(None);
        }
        // Jump while the document before the next skip point is still before `doc`.
        while let Some((index, skip)) = self.next_skip {
            if skip.prev_doc >= doc {
                break;
            }
            if index > read && index <= self.n_docs {
                self.at = skip.entries;
                self.pos_at = skip.positions;
                self.doc = skip.prev_doc;
                self.first = false;
                self.left = self.n_docs - index;
            }
            self.next_skip = self.read_skip(Some((index, skip)));
        }
        loop {
            let e = self.next()?;
            if e.doc >= doc {
                return Some(e);
            }
        }
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

/// Looks documents up in a posting list in increasing order, jumping with the skip entries.
pub(crate) struct Cursor<'a> {
    list: Postings<'a>,
    cur: Option<Entry<'a>>,
    started: bool,
}

impl<'a> Cursor<'a> {
    pub fn new(list: Postings<'a>) -> Self {
        Cursor {
            list,
            cur: None,
            started: false,
        }
    }

    /// The entry of `doc`, if the list has it. Documents must be asked in increasing order.
    pub fn seek(&mut self, doc: u32) -> Option<Entry<'a>> {
        if !self.started || self.cur.is_some_and(|e| e.doc < doc) {
            self.cur = self.list.advance_to(doc);
            self.started = true;
        }
        self.cur.filter(|e| e.doc == doc)
    }
}

/// Builds one term's posting list, document by document (documents in increasing order).
#[derive(Default)]
pub(crate) struct PostingWriter {
    skips: Vec<u8>,
    last_skip: (u32, usize, usize),
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
        if self.n_docs > 0 && self.n_docs.is_multiple_of(SKIP) {
            let prev = self.last_doc.unwrap_or(0);
            let (d0, e0, p0) = self.last_skip;
            put_varint(&mut self.skips, prev - d0);
            put_varint(&mut self.skips, (self.entries.len() - e0) as u32);
            put_varint(&mut self.skips, (self.positions.len() - p0) as u32);
            self.last_skip = (prev, self.entries.len(), self.positions.len());
        }
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
        put_varint(out, self.skips.len() as u32);
        put_varint(out, self.entries.len() as u32);
        out.extend_from_slice(&self.skips);
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
        // Skips: a long list, read by advancing to scattered documents.
        let mut w = PostingWriter::default();
        let docs: Vec<u32> = (0..1000).map(|i| i * 3 + 1).collect();
        for &d in &docs {
            w.push(d, &[d, d + 1], 0);
        }
        let mut long = Vec::new();
        w.finish(&mut long);
        let mut c = Cursor::new(Postings::new(&long));
        for target in [0, 1, 2, 200, 201, 1500, 1501, 2998, 2999] {
            let want = docs.binary_search(&target).is_ok().then_some(target);
            let got = c.seek(target);
            assert_eq!(got.map(|e| e.doc), want, "target {target}");
            if let Some(e) = got {
                assert_eq!(e.positions().collect::<Vec<_>>(), [e.doc, e.doc + 1]);
            }
        }
        assert!(c.seek(5000).is_none());
        // A list's length is read from the list, whatever follows it.
        for list in [&out, &long] {
            assert_eq!(Postings::byte_len(list), Some(list.len()));
            let mut pack = vec![7];
            put_aligned(&mut pack, list);
            assert_eq!((pack.len() - 1) % LIST_ALIGN as usize, 0);
            assert!(pack.len() - 1 - list.len() < LIST_ALIGN as usize);
            assert_eq!(Postings::byte_len(&pack[1..]), Some(list.len()));
            assert_eq!(Postings::byte_len(&list[..list.len() - 1]), None);
        }
        let mut p = Postings::new(&long);
        assert_eq!(p.advance_to(1500).map(|e| e.doc), Some(1501));
        assert_eq!(p.next().map(|e| e.doc), Some(1504));
        assert_eq!(Postings::new(&long).count(), 1000);
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
