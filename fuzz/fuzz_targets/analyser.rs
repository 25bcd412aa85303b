//! Any text through the analyser: normalisation is idempotent, tokens are ordered, in-bounds,
//! non-overlapping spans on char boundaries with a non-empty norm, clitic splits rebuild the
//! word, and the stem is a non-empty piece of the word. Nothing panics.

#![no_main]

use std::collections::HashMap;

use fahras_core::text::{
    normalize, proclitic_splits, stem, tokenize, utf16_len, utf16_offset, Lexicon,
};
use libfuzzer_sys::fuzz_target;

/// A lexicon made of the input's own words, so the stemmer's corpus checks find real siblings.
struct Words(HashMap<String, u32>);

impl Lexicon for Words {
    fn is_protected(&self, word: &str) -> bool {
        // Some words protected (as names of four letters often are), most not.
        word.chars().count() == 4
    }
    fn freq(&self, word: &str) -> u32 {
        self.0.get(word).copied().unwrap_or(0)
    }
}

fuzz_target!(|text: &str| {
    let once = normalize(text);
    assert_eq!(
        normalize(&once),
        once,
        "normalize is not idempotent on {text:?}"
    );

    let tokens = tokenize(text);
    let mut last_end = 0;
    for t in &tokens {
        assert!(
            t.start < t.end && t.end <= text.len(),
            "span {}..{} outside {} bytes",
            t.start,
            t.end,
            text.len()
        );
        assert!(
            text.is_char_boundary(t.start) && text.is_char_boundary(t.end),
            "span {}..{} not on char boundaries",
            t.start,
            t.end
        );
        assert!(
            t.start >= last_end,
            "token at {} overlaps the previous one ending at {last_end}",
            t.start
        );
        assert!(
            !t.norm.is_empty(),
            "empty norm for {:?}",
            &text[t.start..t.end]
        );
        assert_eq!(t.norm, normalize(&text[t.start..t.end]));
        assert!(utf16_offset(text, t.end) <= utf16_len(text));
        last_end = t.end;
    }

    let mut freq: HashMap<String, u32> = HashMap::new();
    for t in &tokens {
        *freq.entry(t.norm.clone()).or_default() += 1;
    }
    let lex = Words(freq);
    for t in &tokens {
        let w = t.norm.as_str();
        let splits = proclitic_splits(w);
        assert_eq!(splits.first(), Some(&("", w)), "whole word must come first");
        for &(prefix, rest) in &splits {
            assert_eq!(
                format!("{prefix}{rest}"),
                w,
                "split does not rebuild the word"
            );
        }
        let s = stem(w, &lex);
        assert!(!s.is_empty(), "empty stem of {w:?}");
        let (base, end) = (w.as_ptr() as usize, w.as_ptr() as usize + w.len());
        let (sb, se) = (s.as_ptr() as usize, s.as_ptr() as usize + s.len());
        assert!(
            sb >= base && se <= end,
            "stem {s:?} is not a piece of {w:?}"
        );
    }
});
