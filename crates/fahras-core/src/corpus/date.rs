//! Dates: validating ISO dates from metadata, and reading the date lines news sites print
//! ("الأحد 12 يناير 2025", "12/01/2025", "نشر في: 2025-01-12 10:30").

use crate::text::{tokenize, Token};

/// Validate an ISO 8601 date, possibly partial (`2025`, `2025-10`, `2025-10-25`), or a full
/// timestamp whose date part is kept. Returns the date part.
pub fn parse_iso(s: &str) -> Option<String> {
    let s = s.trim();
    let date = s.split(['T', ' ']).next()?;
    if date.len() < s.len() && !valid_time(&s[date.len() + 1..]) {
        return None;
    }
    let parts: Vec<&str> = date.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y] => ymd(num(y, 4)?, None, None),
        [y, m] => ymd(num(y, 4)?, Some(num(m, 2)?), None),
        [y, m, d] => ymd(num(y, 4)?, Some(num(m, 2)?), Some(num(d, 2)?)),
        _ => None,
    }
}

fn valid_time(t: &str) -> bool {
    let t = t.trim_end_matches('Z');
    let t = t.split(['+', '-']).next().unwrap_or("");
    let parts: Vec<&str> = t.split(':').collect();
    (2..=3).contains(&parts.len())
        && parts.iter().all(|p| {
            let p = p.split('.').next().unwrap_or("");
            p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit())
        })
}

/// Format a validated date; `None` if out of range.
pub fn ymd(y: u32, m: Option<u32>, d: Option<u32>) -> Option<String> {
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let Some(m) = m else {
        return Some(format!("{y:04}"));
    };
    if !(1..=12).contains(&m) {
        return None;
    }
    let Some(d) = d else {
        return Some(format!("{y:04}-{m:02}"));
    };
    let leap = (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400);
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    (1..=days)
        .contains(&d)
        .then(|| format!("{y:04}-{m:02}-{d:02}"))
}

/// Month names, already in normalised spelling: Egyptian/Gulf names, Levantine names and
/// English. Two-word Levantine names are matched by their first word plus the next.
#[rustfmt::skip]
const MONTHS: &[(&str, u32)] = &[
    ("يناير", 1), ("فبراير", 2), ("مارس", 3), ("ابريل", 4), ("مايو", 5), ("يونيو", 6), ("يونيه", 6),
    ("يوليو", 7), ("يوليه", 7), ("اغسطس", 8), ("سبتمبر", 9), ("اكتوبر", 10), ("نوفمبر", 11),
    ("ديسمبر", 12), ("شباط", 2), ("اذار", 3), ("نيسان", 4), ("ايار", 5), ("حزيران", 6), ("تموز", 7),
    ("اب", 8), ("ايلول", 9), ("january", 1), ("february", 2), ("march", 3), ("april", 4),
    ("may", 5), ("june", 6), ("july", 7), ("august", 8), ("september", 9), ("october", 10),
    ("november", 11), ("december", 12), ("jan", 1), ("feb", 2), ("mar", 3), ("apr", 4), ("jun", 6),
    ("jul", 7), ("aug", 8), ("sep", 9), ("sept", 9), ("oct", 10), ("nov", 11), ("dec", 12),
];

/// Words that may stand in a date line besides the date itself.
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "الاحد", "الاثنين", "الثلاثاء", "الاربعاء", "الخميس", "الجمعه", "السبت", "نشر", "نشرت", "منشور",
    "تاريخ", "النشر", "اخر", "تحديث", "التحديث", "محدث", "في", "الساعه", "بتوقيت", "مكه", "المكرمه",
    "غرينتش", "جرينتش", "gmt", "utc", "ص", "م", "صباحا", "مساء", "am", "pm", "published", "updated",
    "on", "at", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "كانون", "تشرين", "الاول", "الثاني", "محرم", "صفر", "ربيع", "الاخر", "جمادي", "الاولي", "رجب",
    "شعبان", "رمضان", "شوال", "ذو", "ذي", "القعده", "الحجه", "هـ", "ه", "موافق", "الموافق",
];

fn month(norm: &str, next: Option<&str>) -> Option<(u32, usize)> {
    match (norm, next) {
        ("كانون", Some("الثاني")) => Some((1, 2)),
        ("كانون", Some("الاول")) => Some((12, 2)),
        ("تشرين", Some("الاول")) => Some((10, 2)),
        ("تشرين", Some("الثاني")) => Some((11, 2)),
        _ => MONTHS
            .iter()
            .find(|(m, _)| *m == norm)
            .map(|&(_, n)| (n, 1)),
    }
}

/// A date found in a short line, and whether the line is nothing but a date (plus the
/// usual "published on", weekday and time words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub whole_line: bool,
}

/// Find the first Gregorian date in `text`.
pub fn find_date(text: &str) -> Option<FoundDate> {
    find_date_in(text, &tokenize(text))
}

/// [`find_date`] on text already tokenized.
pub fn find_date_in(text: &str, tokens: &[Token]) -> Option<FoundDate> {
    let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let num = |i: usize| -> Option<u32> {
        let s = *norms.get(i)?;
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    // What separates token i from token i+1 in the original text.
    let gap = |i: usize| -> &str {
        match (tokens.get(i), tokens.get(i + 1)) {
            (Some(a), Some(b)) => text[a.end..b.start].trim(),
            _ => "",
        }
    };
    let numeric_sep = |i: usize| matches!(gap(i), "-" | "/" | ".");
    let mut found = None;
    let mut used = vec![false; norms.len()];
    let mut i = 0;
    while i < norms.len() && found.is_none() {
        let is_year = |v: Option<u32>| v.filter(|y| (1900..=2100).contains(y));
        // 2025-01-12
        if let (Some(y), Some(m), Some(d)) = (is_year(num(i)), num(i + 1), num(i + 2)) {
            if numeric_sep(i) && numeric_sep(i + 1) {
                if let Some(iso) = ymd(y, Some(m), Some(d)) {
                    found = Some(iso);
                    used[i..i + 3].fill(true);
                    break;
                }
            }
        }
        // 12/01/2025 (day first, as Arabic sites write it; month first only when it must be).
        if let (Some(a), Some(b), Some(y)) = (num(i), num(i + 1), is_year(num(i + 2))) {
            if numeric_sep(i) && numeric_sep(i + 1) {
                let iso = ymd(y, Some(b), Some(a)).or_else(|| ymd(y, Some(a), Some(b)));
                if let Some(iso) = iso {
                    found = Some(iso);
                    used[i..i + 3].fill(true);
                    break;
                }
            }
        }
        // 12 يناير 2025 / 12 كانون الثاني 2025 / يناير 2025
        if let Some((m, len)) = month(norms[i], norms.get(i + 1).copied()) {
            let day_before = i
                .checked_sub(1)
                .and_then(num)
                .filter(|d| (1..=31).contains(d));
            let after = i + len;
            // English "January 12, 2025"
            let day_after = num(after).filter(|d| (1..=31).contains(d));
            if let Some(y) = is_year(num(after)) {
                found = ymd(y, Some(m), day_before).or_else(|| ymd(y, Some(m), None));
                let start = if day_before.is_some() { i - 1 } else { i };
                used[start..=after].fill(true);
            } else if let (Some(d), Some(y)) = (day_after, is_year(num(after + 1))) {
                found = ymd(y, Some(m), Some(d));
                used[i..=after + 1].fill(true);
            }
        }
        i += 1;
    }
    let iso = found?;
    let extra = norms
        .iter()
        .zip(&used)
        .filter(|(n, u)| !**u && !DATE_WORDS.contains(n) && !n.bytes().all(|b| b.is_ascii_digit()))
        .count();
    let whole_line = tokens.len() <= 14 && extra <= 1;
    Some(FoundDate { iso, whole_line })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_partial_and_full() {
        assert_eq!(parse_iso("2025").as_deref(), Some("2025"));
        assert_eq!(parse_iso("2025-10").as_deref(), Some("2025-10"));
        assert_eq!(parse_iso("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(
            parse_iso("2025-10-25T10:30:00Z").as_deref(),
            Some("2025-10-25")
        );
        for bad in [
            "2025-13-01",
            "2025-02-29",
            "25-10-01",
            "2025/10/01",
            "yesterday",
            "2025-1-1",
            "",
        ] {
            assert_eq!(parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn date_lines_in_arabic_and_english() {
        let d = find_date("الأحد 12 يناير 2025").unwrap();
        assert_eq!((d.iso.as_str(), d.whole_line), ("2025-01-12", true));
        let d = find_date("نُشر في: ١٢/٠١/٢٠٢٥ - ١٠:٣٠ ص").unwrap();
        assert_eq!((d.iso.as_str(), d.whole_line), ("2025-01-12", true));
        assert_eq!(
            find_date("الثلاثاء 3 كانون الثاني 2023").unwrap().iso,
            "2023-01-03"
        );
        assert_eq!(
            find_date("Published on March 5, 2024").unwrap().iso,
            "2024-03-05"
        );
        assert_eq!(
            find_date("آخر تحديث: 2025-10-25 14:02").unwrap().iso,
            "2025-10-25"
        );
        assert_eq!(find_date("أكتوبر 2025").unwrap().iso, "2025-10");
    }

    #[test]
    fn dates_inside_prose_are_not_date_lines() {
        let d = find_date("في أبريل 2025، قام دميترييف بزيارة واشنطن، وهي الزيارة الأولى").unwrap();
        assert!(!d.whole_line);
        assert_eq!(find_date("السبت 25 أكتوبر"), None);
    }
}
