//! Normalisation: the folding that makes spelling habits, keyboards and diacritics not matter.

use unicode_normalization::char::decompose_canonical;
use unicode_normalization::UnicodeNormalization;

/// What one (already NFKC-composed) character becomes: nothing, itself, or a folded form.
/// Returns `None` for characters that carry no meaning for search (harakat, tatweel,
/// bidi and zero-width format characters, combining accents).
pub fn normalize_char(c: char) -> Option<char> {
    let folded = match c {
        // Harakat, Quranic marks, superscript alef, tatweel: spelling aids, not letters.
        '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' | '\u{06D6}'..='\u{06ED}' => return None,
        // Combining accents left over from Latin text.
        '\u{0300}'..='\u{036F}' => return None,
        // Zero-width and bidi controls, BOM, soft hyphen: invisible, often pasted in by accident.
        '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2069}'
        | '\u{FEFF}'
        | '\u{00AD}' => return None,
        // Hamza seats and wasla on alef, and alef maqsura / ta marbuta, vary between writers.
        'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
        'ى' => 'ي',
        'ة' => 'ه',
        'ؤ' => 'و',
        'ئ' => 'ي',
        // Persian/Urdu letter forms typed on Persian keyboards.
        'ک' => 'ك',
        'ی' | 'ې' => 'ي',
        'ہ' | 'ە' => 'ه',
        // Arabic-Indic and Persian digits.
        '\u{0660}'..='\u{0669}' => char::from(b'0' + (c as u32 - 0x0660) as u8),
        '\u{06F0}'..='\u{06F9}' => char::from(b'0' + (c as u32 - 0x06F0) as u8),
        c if c.is_ascii() => c.to_ascii_lowercase(),
        c if (c as u32) < 0x0590 || ((c as u32) >= 0x1E00 && (c as u32) < 0x1F00) => {
            // Latin, Greek, Cyrillic: strip accents, lower-case.
            let mut base = None;
            decompose_canonical(c, |d| {
                if base.is_none() && !('\u{0300}'..='\u{036F}').contains(&d) {
                    base = Some(d);
                }
            });
            let base = base.unwrap_or(c);
            return base.to_lowercase().next();
        }
        c => c,
    };
    Some(folded)
}

/// Characters NFKC leaves as they are in any context, and that compose with nothing the
/// folding keeps: ASCII, the Arabic letters, harakat and digits (not the composing maddah and
/// hamza marks U+0653–U+0655), Persian ک ی and digits, and the punctuation news text is full
/// of. A string made only of these skips the NFKC tables, which otherwise take most of the time
/// of compiling a corpus (entity extraction normalises every candidate span).
fn nfkc_stable(c: char) -> bool {
    c.is_ascii()
        || matches!(c,
            '\u{060C}' | '\u{061B}' | '\u{061F}'
            | '\u{0621}'..='\u{0652}'
            | '\u{0656}'..='\u{0669}'
            | '\u{0670}' | '\u{06A9}' | '\u{06CC}'
            | '\u{06F0}'..='\u{06F9}'
            | '\u{00AB}' | '\u{00BB}'
            | '\u{200C}'..='\u{200F}'
            | '\u{2013}' | '\u{2014}' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}')
}

/// Normalise a whole string: NFKC, then [`normalize_char`] on every character.
/// Idempotent: `normalize(&normalize(s)) == normalize(s)`.
pub fn normalize(s: &str) -> String {
    if s.chars().all(nfkc_stable) {
        return s.chars().filter_map(normalize_char).collect();
    }
    normalize_nfkc(s)
}

/// Whether `normalize(raw) == norm`, without allocating when `raw` needs no NFKC: for
/// comparing a token with fixed word lists on every token of a corpus.
pub fn normalizes_to(raw: &str, norm: &str) -> bool {
    if raw.chars().all(nfkc_stable) {
        raw.chars().filter_map(normalize_char).eq(norm.chars())
    } else {
        normalize(raw) == norm
    }
}

/// [`normalize`] through the NFKC tables, for any text.
fn normalize_nfkc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.nfkc() {
        if let Some(f) = normalize_char(c) {
            out.push(f);
        }
    }
    // Folding can expose new compositions (a Latin base followed by a kept mark): settle them.
    if out.is_ascii() {
        out
    } else {
        let again: String = out.nfkc().filter_map(normalize_char).collect();
        again
    }
}

#[cfg(test)]
mod tests {
    use super::{nfkc_stable, normalize, normalize_nfkc};
    use unicode_normalization::UnicodeNormalization;

    #[test]
    fn normalizes_to_is_normalize_then_compare() {
        for (raw, norm, want) in [
            ("الأوَّل", "الاول", true),
            ("الأول", "الأول", false),
            ("ﻻ", "لا", true),
            ("Ｔｒｕｍｐ", "trump", true),
            ("café", "cafe", true),
            ("", "", true),
            ("ا", "", false),
        ] {
            assert_eq!(super::normalizes_to(raw, norm), want, "{raw} → {norm}");
            assert_eq!(normalize(raw) == norm, want, "{raw} → {norm}");
        }
    }

    #[test]
    fn the_fast_path_agrees_with_nfkc() {
        let stable: Vec<char> = (0u32..0x3000)
            .filter_map(char::from_u32)
            .filter(|&c| nfkc_stable(c))
            .collect();
        for &c in &stable {
            assert_eq!(
                c.to_string().nfkc().collect::<String>(),
                c.to_string(),
                "{c:?} U+{:04X}",
                c as u32
            );
        }
        // Every pair (marks after letters, letters after marks), then pseudo-random runs.
        let letters: Vec<char> = stable
            .iter()
            .copied()
            .filter(|c| !c.is_ascii() || c.is_ascii_alphanumeric())
            .collect();
        for &a in &letters {
            for &b in &letters {
                let s: String = [a, b].iter().collect();
                assert_eq!(normalize(&s), normalize_nfkc(&s), "{s:?}");
            }
        }
        let mut x: u32 = 12345;
        for _ in 0..20_000 {
            let s: String = (0..8)
                .map(|_| {
                    x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                    stable[(x >> 8) as usize % stable.len()]
                })
                .collect();
            assert_eq!(normalize(&s), normalize_nfkc(&s), "{s:?}");
        }
    }

    #[test]
    fn removes_harakat_superscript_alef_and_tatweel() {
        assert_eq!(normalize("مُحَمَّدٌ"), "محمد");
        assert_eq!(normalize("هٰذا"), "هذا");
        assert_eq!(normalize("روســـيا"), "روسيا");
    }

    #[test]
    fn folds_alef_forms_yeh_teh_marbuta_and_hamza_seats() {
        assert_eq!(normalize("أمريكا"), "امريكا");
        assert_eq!(normalize("إيران"), "ايران");
        assert_eq!(normalize("آسيا"), "اسيا");
        assert_eq!(normalize("ٱلله"), "الله");
        assert_eq!(normalize("مصطفى"), "مصطفي");
        assert_eq!(normalize("الخارجية"), "الخارجيه");
        assert_eq!(normalize("مؤتمر"), "موتمر");
        assert_eq!(normalize("رئيس"), "رييس");
    }

    #[test]
    fn folds_persian_letters_and_digits() {
        assert_eq!(normalize("کتاب"), "كتاب");
        assert_eq!(normalize("ایران"), "ايران");
        assert_eq!(normalize("٢٠٢٢"), "2022");
        assert_eq!(normalize("۲۰۲۵"), "2025");
    }

    #[test]
    fn latin_lower_case_and_accents() {
        assert_eq!(normalize("Café CRÈME"), "cafe creme");
        assert_eq!(normalize("Zürich"), "zurich");
    }

    #[test]
    fn nfkc_presentation_forms_and_invisible_characters() {
        // Arabic presentation forms (from PDFs) become ordinary letters.
        assert_eq!(normalize("\u{FEDF}\u{FEE0}"), "لل");
        assert_eq!(normalize("لا\u{200F}"), "لا");
        assert_eq!(normalize("\u{202E}abc\u{202C}"), "abc");
        assert_eq!(normalize("Ｗｉｄｅ"), "wide");
    }

    #[test]
    fn idempotent_on_mixed_text() {
        for s in ["أَمْرِيكِيٌّ", "Crème Brûlée ٣", "ﻻ", "ـــ", "ﷺ"] {
            let once = normalize(s);
            assert_eq!(normalize(&once), once, "{s}");
        }
    }
}
