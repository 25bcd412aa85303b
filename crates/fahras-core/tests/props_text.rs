//! Property tests of the analyser on any text, weighted towards what news text holds: Arabic
//! letters, harakat, tatweel, presentation forms (PDF copy-paste), Persian letters and digits,
//! Latin with accents and combining marks, invisible format characters and emoji.

use std::collections::HashMap;

use fahras_core::text::{
    normalize, proclitic_splits, stem, tokenize, utf16_len, utf16_offset, Lexicon, Utf16Index,
};
use proptest::prelude::*;

/// Characters from the ranges the analyser folds, plus spaces and punctuation between words.
fn news_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => prop::char::range('\u{0621}', '\u{064A}'), // Arabic letters
        2 => prop::char::range('\u{064B}', '\u{065F}'), // harakat
        1 => prop::char::ranges(vec!['\u{0670}'..='\u{0670}', '\u{0640}'..='\u{0640}', '\u{06D6}'..='\u{06ED}'].into()),
        1 => prop::char::range('\u{0660}', '\u{06FF}'), // Arabic-Indic digits, Persian letters
        1 => prop::char::range('\u{FB50}', '\u{FDFF}'), // presentation forms A
        1 => prop::char::range('\u{FE70}', '\u{FEFF}'), // presentation forms B, BOM
        2 => prop::char::range('a', 'z'),
        1 => prop::char::range('A', 'Z'),
        1 => prop::char::range('\u{00C0}', '\u{024F}'), // Latin-1 and Latin Extended
        1 => prop::char::range('\u{0300}', '\u{036F}'), // combining accents
        1 => prop::char::range('\u{1E00}', '\u{1EFF}'), // Latin Extended Additional
        1 => prop::char::ranges(vec!['\u{200B}'..='\u{200F}', '\u{202A}'..='\u{202E}', '\u{2060}'..='\u{2069}'].into()),
        1 => prop::char::range('\u{FF01}', '\u{FF5E}'), // full-width ASCII
        1 => prop::char::range('\u{1F600}', '\u{1F64F}'), // emoji (surrogate pairs in UTF-16)
        3 => prop::sample::select(vec![' ', ' ', '\n', '.', '،', '«', '»', '"', '+', '-', '%', '؟']),
    ]
}

fn news_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(news_char(), 0..60).prop_map(|v| v.into_iter().collect()),
        1 => any::<String>(),
    ]
}

/// A lexicon made of the text's own words, as the index gives the stemmer its corpus; words of
/// the given length (in chars) are protected names.
struct Words(HashMap<String, u32>, usize);

impl Lexicon for Words {
    fn is_protected(&self, word: &str) -> bool {
        word.chars().count() == self.1
    }
    fn freq(&self, word: &str) -> u32 {
        self.0.get(word).copied().unwrap_or(0)
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn normalize_is_idempotent(s in news_text()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_drops_marks_and_invisible_characters(s in news_text()) {
        let n = normalize(&s);
        for c in n.chars() {
            let dropped = matches!(c, '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{0300}'..='\u{036F}'
                | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{FEFF}');
            prop_assert!(!dropped, "{:?} left in {:?}", c, n);
            prop_assert!(!c.is_ascii_uppercase(), "{:?} left in {:?}", c, n);
        }
    }

    #[test]
    fn tokens_are_ordered_words_on_char_boundaries(s in news_text()) {
        let mut last = 0;
        for t in tokenize(&s) {
            prop_assert!(last <= t.start && t.start < t.end && t.end <= s.len());
            prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
            prop_assert!(!t.norm.is_empty());
            prop_assert_eq!(&t.norm, &normalize(&s[t.start..t.end]));
            // A word's span starts and ends with a word character, never a space or punctuation.
            prop_assert!(!s[t.start..t.end].starts_with(char::is_whitespace));
            last = t.end;
        }
    }

    #[test]
    fn clitic_splits_rebuild_the_word_and_stems_are_pieces_of_it(s in news_text(), protected_len in 0usize..7) {
        let tokens = tokenize(&s);
        let mut freq = HashMap::new();
        for t in &tokens {
            *freq.entry(t.norm.clone()).or_insert(0) += 1;
        }
        let lex = Words(freq, protected_len);
        for t in &tokens {
            let w = t.norm.as_str();
            let splits = proclitic_splits(w);
            prop_assert_eq!(splits[0], ("", w));
            for &(prefix, rest) in &splits[1..] {
                prop_assert_eq!(format!("{prefix}{rest}"), w);
                prop_assert!(rest.chars().count() >= 2);
            }
            let st = stem(w, &lex);
            prop_assert!(!st.is_empty());
            let (b, e) = (w.as_ptr() as usize, w.as_ptr() as usize + w.len());
            prop_assert!(st.as_ptr() as usize >= b && st.as_ptr() as usize + st.len() <= e, "{:?} not in {:?}", st, w);
        }
    }

    #[test]
    fn utf16_offsets_map_back_to_the_same_bytes(s in news_text()) {
        let ix = Utf16Index::new(&s);
        for (b, _) in s.char_indices().chain([(s.len(), ' ')]) {
            let u = utf16_offset(&s, b);
            prop_assert!(u <= utf16_len(&s));
            prop_assert_eq!(ix.byte(u as u32), b);
        }
        prop_assert_eq!(utf16_len(&s), s.encode_utf16().count());
    }
}
