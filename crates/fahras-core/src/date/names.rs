//! Month and weekday names as writers spell them, normalised once at first use with the
//! analyser's [`normalize`] (so أبريل/ابريل/إبريل, آب/اب are one entry each).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use crate::text::normalize;

/// Single-word month names: Egyptian/Gulf, Levantine/Iraqi, Algerian/Tunisian, Moroccan,
/// French and English (with their usual abbreviations).
#[rustfmt::skip]
const MONTHS: &[(&str, u8)] = &[
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("أبريل", 4), ("إبريل", 4), ("مايو", 5),
    ("يونيو", 6), ("يونيه", 6), ("يوليو", 7), ("يوليه", 7), ("أغسطس", 8), ("سبتمبر", 9),
    ("أكتوبر", 10), ("نوفمبر", 11), ("ديسمبر", 12),
    // Levantine / Iraqi (كانون and تشرين are two-word names: see TWO_WORD).
    ("شباط", 2), ("آذار", 3), ("نيسان", 4), ("أيار", 5), ("حزيران", 6), ("تموز", 7), ("آب", 8),
    ("أيلول", 9),
    // Algerian / Tunisian.
    ("جانفي", 1), ("فيفري", 2), ("أفريل", 4), ("ماي", 5), ("جوان", 6), ("جويلية", 7),
    ("جويلة", 7), ("أوت", 8),
    // Moroccan.
    ("يوليوز", 7), ("غشت", 8), ("شتنبر", 9), ("نونبر", 11), ("دجنبر", 12),
    // French.
    ("janvier", 1), ("février", 2), ("mars", 3), ("avril", 4), ("mai", 5), ("juin", 6),
    ("juillet", 7), ("août", 8), ("septembre", 9), ("octobre", 10), ("novembre", 11),
    ("décembre", 12), ("janv", 1), ("févr", 2), ("avr", 4), ("juil", 7), ("déc", 12),
    // English.
    ("january", 1), ("february", 2), ("march", 3), ("april", 4), ("may", 5), ("june", 6),
    ("july", 7), ("august", 8), ("september", 9), ("october", 10), ("november", 11),
    ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6), ("jul", 7),
    ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

/// Levantine / Iraqi names of two words.
const TWO_WORD: &[(&str, &str, u8)] = &[
    ("كانون", "الثاني", 1),
    ("كانون", "الأول", 12),
    ("تشرين", "الأول", 10),
    ("تشرين", "الثاني", 11),
];

/// Month words that are also ordinary words or names (مارس "practised", آب = أب "father",
/// نيسان the car maker, "may", "mars"…): a date only next to a day, a year or a cue word.
/// Every Latin-script name counts as such in Arabic prose.
const AMBIGUOUS_AR: &[&str] = &["مارس", "آب", "ماي", "نيسان", "جوان", "أوت", "تموز", "أيار"];

#[rustfmt::skip]
const WEEKDAYS: &[&str] = &[
    "الأحد", "الاثنين", "الإثنين", "الثلاثاء", "الأربعاء", "الخميس", "الجمعة", "السبت",
    "sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
    "sun", "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat",
    "dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi",
];

/// The month names dates are shown with.
pub const MONTH_NAMES_AR: [&str; 12] = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
];
pub const MONTH_NAMES_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Every single-word month name, normalised, with its month.
pub fn month_table() -> &'static HashMap<String, u8> {
    static TABLE: OnceLock<HashMap<String, u8>> = OnceLock::new();
    TABLE.get_or_init(|| MONTHS.iter().map(|&(w, m)| (normalize(w), m)).collect())
}

/// The month named by a normalised word; `None` for the first word of a two-word name alone.
pub fn month_named(norm: &str) -> Option<u8> {
    month_table().get(norm).copied()
}

/// The month named by two normalised words (كانون الثاني), if they are one.
pub fn two_word_month(first: &str, second: &str) -> Option<u8> {
    static TABLE: OnceLock<Vec<(String, String, u8)>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            TWO_WORD
                .iter()
                .map(|&(a, b, m)| (normalize(a), normalize(b), m))
                .collect()
        })
        .iter()
        .find(|(a, b, _)| a == first && b == second)
        .map(|&(_, _, m)| m)
}

/// Whether a normalised month word is also an ordinary word (see `AMBIGUOUS_AR`).
pub fn is_ambiguous_month(norm: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    let set = SET.get_or_init(|| AMBIGUOUS_AR.iter().map(|w| normalize(w)).collect());
    set.contains(norm) || norm.chars().any(|c| c.is_ascii_alphabetic())
}

/// Whether a normalised word is a weekday (Arabic with or without its article, English,
/// French).
pub fn is_weekday(norm: &str) -> bool {
    static SET: OnceLock<HashSet<String>> = OnceLock::new();
    SET.get_or_init(|| {
        let mut set = HashSet::new();
        for w in WEEKDAYS {
            let n = normalize(w);
            if let Some(bare) = n.strip_prefix("ال") {
                set.insert(bare.to_string());
            }
            set.insert(n);
        }
        set
    })
    .contains(norm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_in_every_spelling() {
        for (w, m) in [
            ("ابريل", 4),
            ("إبريل", 4),
            ("اب", 8),
            ("فيفري", 2),
            ("شتنبر", 9),
            ("دجنبر", 12),
            ("fevrier", 2),
            ("aout", 8),
            ("Sept", 9),
        ] {
            assert_eq!(month_named(&normalize(w)), Some(m), "{w}");
        }
        assert_eq!(month_named("كانون"), None);
        assert_eq!(two_word_month("كانون", "الثاني"), Some(1));
        assert_eq!(two_word_month("تشرين", &normalize("الأول")), Some(10));
        assert!(is_weekday(&normalize("الجمعة")) && is_weekday("جمعه") && is_weekday("sun"));
        assert!(!is_weekday("يناير"));
        assert!(is_ambiguous_month("مارس") && is_ambiguous_month("may"));
        assert!(!is_ambiguous_month("يناير"));
    }
}
