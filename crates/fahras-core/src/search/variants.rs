//! Transliteration variants: the spellings Arabic writers give the same foreign name or word.
//! These are general rules over letters, not a list of words; a candidate counts only if the
//! dictionary holds it, and variant matches rank below exact and stem matches.
//!
//! - Long vowels written or not between consonants: ترامب ↔ ترمب, زيلينسكي ↔ زيلنسكي.
//! - ي placed before or after ر in nisba and names: أمريكي ↔ أميركي.
//! - Foreign g written ك ق ج or غ: غوغل ↔ جوجل ↔ قوقل.
//! - ch written تش or ش: تشيلي ↔ شيلي.
//! - Foreign s, t, z, th written with the plain or the emphatic letter: س/ص، ت/ط، ز/ذ/ظ، ث/س.
//! - Persian letters for sounds Arabic lacks: ڤ→ف، پ→ب، چ→ج/تش، گ→ك/غ/ج، ژ→ز.

const VOWELS: [char; 3] = ['ا', 'و', 'ي'];
const G: [char; 4] = ['ك', 'ق', 'ج', 'غ'];
/// Letters foreign names are spelt with either way.
const PAIRS: [(char, char); 6] = [
    ('س', 'ص'),
    ('ت', 'ط'),
    ('ز', 'ذ'),
    ('ز', 'ظ'),
    ('ث', 'س'),
    ('د', 'ض'),
];
/// Fewest letters a word needs before variants are tried: shorter words have too many
/// neighbours that are other real words (عالم / علم).
pub(crate) const MIN_VARIANT_CHARS: usize = 4;
/// Longest word variants are tried on.
pub(crate) const MAX_VARIANT_CHARS: usize = 20;

fn is_vowel(c: char) -> bool {
    VOWELS.contains(&c)
}

fn persian(c: char) -> &'static [char] {
    match c {
        'ڤ' => &['ف'],
        'پ' => &['ب'],
        'چ' => &['ج', 'ش'],
        'گ' => &['ك', 'غ', 'ج'],
        'ژ' => &['ز'],
        _ => &[],
    }
}

/// Push every variant spelling of `word` (normalised) into `out`, without duplicates and
/// without `word` itself. Bounded: at most a few dozen strings for a word of 20 letters.
pub(crate) fn variants(word: &str, out: &mut Vec<String>) {
    let c: Vec<char> = word.chars().collect();
    let n = c.len();
    if !(MIN_VARIANT_CHARS..=MAX_VARIANT_CHARS).contains(&n) {
        return;
    }
    let mut push = |v: Vec<char>| {
        let s: String = v.into_iter().collect();
        if s != word && !out.contains(&s) {
            out.push(s);
        }
    };
    // Long vowel dropped (the result keeps at least four letters) or added between consonants.
    for i in 1..n - 1 {
        if is_vowel(c[i]) && n > MIN_VARIANT_CHARS {
            let mut v = c.clone();
            v.remove(i);
            push(v);
        }
    }
    for i in 1..n {
        if !is_vowel(c[i - 1]) && !is_vowel(c[i]) {
            for vowel in VOWELS {
                let mut v = c.clone();
                v.insert(i, vowel);
                push(v);
            }
        }
    }
    for i in 0..n {
        // ير ↔ ري
        if i + 1 < n && n >= 5 && ((c[i], c[i + 1]) == ('ي', 'ر') || (c[i], c[i + 1]) == ('ر', 'ي'))
        {
            let mut v = c.clone();
            v.swap(i, i + 1);
            push(v);
        }
        if G.contains(&c[i]) {
            for g in G.iter().filter(|&&g| g != c[i]) {
                let mut v = c.clone();
                v[i] = *g;
                push(v);
            }
        }
        for &(a, b) in &PAIRS {
            let other = if c[i] == a {
                b
            } else if c[i] == b {
                a
            } else {
                continue;
            };
            let mut v = c.clone();
            v[i] = other;
            push(v);
        }
        for &p in persian(c[i]) {
            let mut v = c.clone();
            v[i] = p;
            push(v);
        }
        // تش ↔ ش
        if c[i] == 'ش' {
            let mut v = c.clone();
            if i > 0 && c[i - 1] == 'ت' {
                v.remove(i - 1);
            } else {
                v.insert(i, 'ت');
            }
            push(v);
        }
    }
    // Every foreign g spelt the same way at once (غوغل → جوجل).
    if c.iter().filter(|ch| G.contains(ch)).count() > 1 {
        for g in G {
            push(
                c.iter()
                    .map(|&ch| if G.contains(&ch) { g } else { ch })
                    .collect(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::variants;
    use crate::text::normalize;

    fn has(word: &str, other: &str) -> bool {
        let mut out = Vec::new();
        variants(&normalize(word), &mut out);
        out.contains(&normalize(other))
    }

    #[test]
    fn vowels_nisba_g_ch_and_emphatics() {
        assert!(has("ترمب", "ترامب"));
        assert!(has("ترامب", "ترمب"));
        assert!(has("زيلنسكي", "زيلينسكي"));
        assert!(has("زيلينسكي", "زيلنسكي"));
        assert!(has("أمريكي", "أميركي"));
        assert!(has("الأميركية", "الامريكية"));
        assert!(has("غوغل", "جوجل"));
        assert!(has("جوجل", "غوغل"));
        assert!(has("تشيلي", "شيلي"));
        assert!(has("شيلي", "تشيلي"));
        assert!(has("بطرسبورغ", "بترسبورغ"));
        assert!(has("ڤلاديمير", "فلاديمير"));
    }

    #[test]
    fn short_and_long_words_get_none() {
        let mut out = Vec::new();
        variants("علم", &mut out);
        variants(&"ب".repeat(40), &mut out);
        assert!(out.is_empty());
        variants("عالم", &mut out);
        assert!(
            !out.contains(&"علم".to_string()),
            "a drop must leave four letters"
        );
    }
}
