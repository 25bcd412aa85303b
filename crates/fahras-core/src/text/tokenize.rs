//! Word boundaries on the original text. Spans are kept in the original (harakat and all) so a
//! highlight always covers whole words as the reader sees them.

use super::normalize::normalize;

/// One word of the original text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Byte span in the original text.
    pub start: usize,
    pub end: usize,
    /// The normalised form (see [`normalize`]); never empty.
    pub norm: String,
}

/// `c.is_alphanumeric()`, with ASCII and the Arabic block answered from a table: Unicode's
/// general lookup was an eighth of `fahras build`'s time on real Arabic news (perf).
pub fn is_alnum(c: char) -> bool {
    use std::sync::OnceLock;
    static ARABIC: OnceLock<[bool; 256]> = OnceLock::new();
    match c as u32 {
        0..=0x7F => c.is_ascii_alphanumeric(),
        u @ 0x0600..=0x06FF => ARABIC.get_or_init(|| {
            std::array::from_fn(|i| {
                char::from_u32(0x0600 + i as u32).is_some_and(char::is_alphanumeric)
            })
        })[(u - 0x0600) as usize],
        _ => c.is_alphanumeric(),
    }
}

/// Characters that continue a word: letters, digits, and the marks/format characters that sit
/// inside Arabic words (harakat, tatweel, ZWNJ/ZWJ) or Latin ones (combining accents).
fn is_word_char(c: char) -> bool {
    is_alnum(c)
        || matches!(c,
            '\u{0300}'..='\u{036F}'
            | '\u{0610}'..='\u{061A}'
            | '\u{064B}'..='\u{065F}'
            | '\u{0670}'
            | '\u{0640}'
            | '\u{06D6}'..='\u{06ED}'
            | '\u{200C}' | '\u{200D}'
            | '\u{FE20}'..='\u{FE2F}')
}

/// Split `text` into words. A `+` glued to the end of a word stays with it (`أوبك+`, `C++`),
/// because such names are searched with their plus; the search index also keeps the bare word.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        let mut end = start + c.len_utf8();
        while let Some(&(i, c)) = chars.peek() {
            if is_word_char(c) {
                end = i + c.len_utf8();
                chars.next();
            } else {
                break;
            }
        }
        while let Some(&(i, '+')) = chars.peek() {
            end = i + 1;
            chars.next();
        }
        let norm = normalize(&text[start..end]);
        // A "word" made only of marks (stray harakat) normalises to nothing: not a word.
        if !norm.is_empty() && norm.chars().any(is_alnum) {
            tokens.push(Token { start, end, norm });
        }
    }
    tokens
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alnum_table_agrees_with_unicode() {
        for u in 0..0x2000u32 {
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alnum(c), c.is_alphanumeric(), "U+{u:04X}");
            }
        }
    }

    fn norms(s: &str) -> Vec<String> {
        tokenize(s).into_iter().map(|t| t.norm).collect()
    }

    #[test]
    fn splits_on_spaces_and_punctuation_keeping_spans() {
        let s = "روسيا، وأمريكا.. «طوفان»";
        let t = tokenize(s);
        assert_eq!(norms(s), ["روسيا", "وامريكا", "طوفان"]);
        assert_eq!(&s[t[1].start..t[1].end], "وأمريكا");
    }

    #[test]
    fn harakat_and_tatweel_stay_inside_the_word() {
        let s = "يُعَدُّ الاجتمـــاع";
        let t = tokenize(s);
        assert_eq!(t.len(), 2);
        assert_eq!(&s[t[0].start..t[0].end], "يُعَدُّ");
        assert_eq!(t[1].norm, "الاجتماع");
    }

    #[test]
    fn keeps_trailing_plus() {
        assert_eq!(
            norms("منظمة \"أوبك+\" و C++"),
            ["منظمه", "اوبك+", "و", "c++"]
        );
    }

    #[test]
    fn digits_and_mixed_scripts() {
        assert_eq!(norms("في ٢٠٢٢ و10% Axios"), ["في", "2022", "و10", "axios"]);
    }

    #[test]
    fn only_marks_is_no_word() {
        assert!(tokenize("\u{064E}\u{064F} ـــ").is_empty());
    }
}
