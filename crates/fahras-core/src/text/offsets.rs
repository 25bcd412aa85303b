//! UTF-16 offsets: browsers' strings (and so highlight ranges sent to the UI) count UTF-16
//! code units, Rust counts bytes.

/// Number of UTF-16 code units in `s`.
pub fn utf16_len(s: &str) -> usize {
    s.chars().map(char::len_utf16).sum()
}

/// UTF-16 offset of byte offset `byte` in `s` (which must be a char boundary).
pub fn utf16_offset(s: &str, byte: usize) -> usize {
    utf16_len(&s[..byte])
}

/// Maps UTF-16 offsets (what highlight and mention ranges carry) back to byte offsets.
pub struct Utf16Index {
    /// (UTF-16 offset, byte offset) at each char start, then the end of the text.
    marks: Vec<(u32, usize)>,
}

impl Utf16Index {
    pub fn new(s: &str) -> Self {
        let mut marks = Vec::with_capacity(s.len() / 2 + 1);
        let mut u = 0u32;
        for (b, c) in s.char_indices() {
            marks.push((u, b));
            u += c.len_utf16() as u32;
        }
        marks.push((u, s.len()));
        Utf16Index { marks }
    }

    /// The byte offset of the first char at or after UTF-16 offset `u`, clamped to the text:
    /// an offset inside a surrogate pair or past the end never yields an invalid slice.
    pub fn byte(&self, u: u32) -> usize {
        let i = self.marks.partition_point(|&(x, _)| x < u);
        match self.marks.get(i) {
            Some(&(_, b)) => b,
            None => self.marks.last().map_or(0, |m| m.1),
        }
    }

    /// A UTF-16 range as a byte range that is always a valid, ordered slice of the text.
    pub fn range(&self, start: u32, end: u32) -> (usize, usize) {
        let (s, e) = (self.byte(start), self.byte(end));
        (s.min(e), e.max(s))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_code_units_not_bytes() {
        assert_eq!(utf16_len("abc"), 3);
        assert_eq!(utf16_len("سلام"), 4);
        assert_eq!(utf16_len("a😀"), 3);
        assert_eq!(utf16_offset("سلام عليكم", "سلام ".len()), 5);
    }

    #[test]
    fn utf16_index_maps_back_and_clamps() {
        let s = "a😀بـ";
        let ix = Utf16Index::new(s);
        assert_eq!(ix.byte(0), 0);
        assert_eq!(ix.byte(1), 1);
        assert_eq!(
            ix.byte(2),
            5,
            "inside a surrogate pair moves to the next char"
        );
        assert_eq!(ix.byte(3), 5);
        assert_eq!(ix.byte(4), 7);
        assert_eq!(ix.byte(99), s.len());
        assert_eq!(ix.range(4, 1), (1, 7));
    }
}
