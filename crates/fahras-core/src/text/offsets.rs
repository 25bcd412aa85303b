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
}
