//! Bytes: LEB128 varints and a bounds-checked reader. Every read from stored bytes goes through
//! [`Reader`], which returns an error (never panics) on truncated or oversized input.

use std::fmt;

/// Why stored index bytes could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexError {
    /// What was being read when the bytes ran out or made no sense.
    pub what: String,
    /// Byte offset in the input where it happened.
    pub offset: usize,
}

impl IndexError {
    pub(crate) fn new(what: impl Into<String>, offset: usize) -> Self {
        IndexError {
            what: what.into(),
            offset,
        }
    }
}

impl fmt::Display for IndexError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "search index is corrupt or from another version: {} (at byte {})",
            self.what, self.offset
        )
    }
}

impl std::error::Error for IndexError {}

/// Append `v` as an LEB128 varint.
pub(crate) fn put_varint(out: &mut Vec<u8>, mut v: u32) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

/// Decode one varint at `*at`, advancing it. `None` on truncation or a value over `u32`.
#[inline]
pub(crate) fn get_varint(bytes: &[u8], at: &mut usize) -> Option<u32> {
    let mut v: u32 = 0;
    for shift in (0..35).step_by(7) {
        let b = *bytes.get(*at)?;
        *at += 1;
        if shift == 28 && b > 0x0F {
            return None;
        }
        v |= u32::from(b & 0x7F) << shift;
        if b < 0x80 {
            return Some(v);
        }
    }
    None
}

/// A cursor over stored bytes that names what it was reading when it fails.
pub(crate) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
    base: usize,
}

impl<'a> Reader<'a> {
    /// `base` is the offset of `bytes` in the whole input, for error messages.
    pub(crate) fn new(bytes: &'a [u8], base: usize) -> Self {
        Reader { bytes, at: 0, base }
    }

    pub(crate) fn err(&self, what: &str) -> IndexError {
        IndexError::new(what, self.base + self.at)
    }

    pub(crate) fn remaining(&self) -> usize {
        self.bytes.len() - self.at
    }

    pub(crate) fn varint(&mut self, what: &str) -> Result<u32, IndexError> {
        get_varint(self.bytes, &mut self.at).ok_or_else(|| self.err(what))
    }

    /// A count of items that each take at least `min_bytes` bytes: refuses counts the
    /// remaining input cannot hold, so a corrupt length never turns into a huge allocation.
    pub(crate) fn count(&mut self, what: &str, min_bytes: usize) -> Result<usize, IndexError> {
        let n = self.varint(what)? as usize;
        if n.saturating_mul(min_bytes) > self.remaining() {
            return Err(self.err(&format!("{what}: {n} is more than the data holds")));
        }
        Ok(n)
    }

    /// The next `n` bytes.
    pub(crate) fn take(&mut self, n: usize, what: &str) -> Result<&'a [u8], IndexError> {
        if n > self.remaining() {
            return Err(self.err(&format!("{what}: {n} bytes is more than the data holds")));
        }
        let start = self.at;
        self.at += n;
        Ok(&self.bytes[start..start + n])
    }

    /// A length-prefixed byte section.
    pub(crate) fn section(&mut self, what: &str) -> Result<(&'a [u8], usize), IndexError> {
        let len = self.count(what, 1)?;
        let start = self.at;
        self.at += len;
        Ok((&self.bytes[start..start + len], self.base + start))
    }

    pub(crate) fn finish(&self, what: &str) -> Result<(), IndexError> {
        if self.remaining() == 0 {
            Ok(())
        } else {
            Err(self.err(&format!(
                "{} unexpected bytes after {what}",
                self.remaining()
            )))
        }
    }
}

/// Append a length-prefixed byte section.
/// Appends `bytes`, then zeros up to a whole number of `unit` bytes; returns how many units.
/// A split corpus's packs store their pieces so (see [`crate::split`]), and the head counts
/// them in units.
pub(crate) fn put_padded(out: &mut Vec<u8>, bytes: &[u8], unit: u32) -> u32 {
    let units = bytes.len().div_ceil(unit as usize);
    out.extend_from_slice(bytes);
    out.resize(out.len() + units * unit as usize - bytes.len(), 0);
    units as u32
}

pub(crate) fn put_section(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u32);
    out.extend_from_slice(bytes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_round_trip_and_reject_garbage() {
        let vals = [0u32, 1, 127, 128, 300, 16_383, 16_384, u32::MAX];
        let mut out = Vec::new();
        for &v in &vals {
            put_varint(&mut out, v);
        }
        let mut at = 0;
        for &v in &vals {
            assert_eq!(get_varint(&out, &mut at), Some(v));
        }
        assert_eq!(get_varint(&out, &mut at), None);
        assert_eq!(get_varint(&[0x80, 0x80], &mut 0), None, "truncated");
        assert_eq!(
            get_varint(&[0xFF, 0xFF, 0xFF, 0xFF, 0x7F], &mut 0),
            None,
            "over u32"
        );
    }

    #[test]
    fn reader_refuses_counts_larger_than_the_input() {
        let mut bytes = Vec::new();
        put_varint(&mut bytes, 1_000_000);
        bytes.push(1);
        let mut r = Reader::new(&bytes, 0);
        assert!(r.count("terms", 1).is_err());
        let mut r = Reader::new(&bytes, 0);
        assert!(r.section("fst").is_err());
    }
}
