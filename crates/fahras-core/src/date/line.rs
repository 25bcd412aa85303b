//! The date lines news sites print above or below an article: "الأحد 12 يناير 2025",
//! "12/01/2025", "نشر في: 2025-01-12 10:30", "Published on March 5, 2024".

use super::calendar::ymd;
use super::names::{is_weekday, month_named, two_word_month};
use crate::text::{tokenize, Token};

/// Words that may stand in a date line besides the date itself (weekdays are checked apart).
#[rustfmt::skip]
const DATE_WORDS: &[&str] = &[
    "نشر", "نشرت", "نشره", "نشرها", "تم", "منشور", "بتاريخ", "تاريخ", "النشر", "اضيف", "اضيفت", "اخر", "تحديث", "التحديث", "محدث", "في", "الساعه",
    "بتوقيت", "مكه", "المكرمه", "غرينتش", "جرينتش", "gmt", "utc", "ص", "م", "صباحا", "مساء", "am",
    "pm", "published", "updated", "on", "at", "le", "publie", "mis", "a", "jour", "كانون",
    "تشرين", "الاول", "الثاني", "محرم", "صفر", "ربيع", "الاخر", "جمادي", "الاولي", "رجب", "شعبان",
    "رمضان", "شوال", "ذو", "ذي", "القعده", "الحجه", "هـ", "ه", "موافق", "الموافق",
];

/// A date found in a short line, and whether the line is nothing but a date (plus the
/// usual "published on", weekday and time words).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundDate {
    pub iso: String,
    pub whole_line: bool,
}

/// A month name starting at normalised word `i`: (month, words used).
fn month_at(norms: &[&str], i: usize) -> Option<(u32, usize)> {
    let next = norms.get(i + 1).copied().unwrap_or("");
    two_word_month(norms[i], next)
        .map(|m| (m, 2))
        .or_else(|| month_named(norms[i]).map(|m| (m, 1)))
        .map(|(m, n)| (u32::from(m), n))
}

/// Find the first Gregorian date in `text`.
pub fn find_date(text: &str) -> Option<FoundDate> {
    find_date_in(text, &tokenize(text))
}

/// [`find_date`] on text already tokenized.
pub fn find_date_in(text: &str, tokens: &[Token]) -> Option<FoundDate> {
    let norms: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut used = vec![false; norms.len()];
    let iso = (0..norms.len()).find_map(|i| date_at(text, tokens, &norms, i, &mut used))?;
    let extra = norms
        .iter()
        .zip(&used)
        .filter(|(n, u)| {
            !**u && !DATE_WORDS.contains(n)
                && !is_weekday(n)
                && !n.bytes().all(|b| b.is_ascii_digit())
        })
        .count();
    let whole_line = tokens.len() <= 14 && extra <= 1;
    Some(FoundDate { iso, whole_line })
}

/// The date starting at word `i`, marking the words it uses.
fn date_at(
    text: &str,
    tokens: &[Token],
    norms: &[&str],
    i: usize,
    used: &mut [bool],
) -> Option<String> {
    let num = |i: usize| -> Option<u32> {
        let s = *norms.get(i)?;
        (s.len() <= 4 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let year = |i: usize| num(i).filter(|y| (1900..=2100).contains(y));
    // What separates word i from word i+1 in the original text.
    let numeric_sep = |i: usize| match (tokens.get(i), tokens.get(i + 1)) {
        (Some(a), Some(b)) => matches!(text[a.end..b.start].trim(), "-" | "/" | "."),
        _ => false,
    };
    let numeric = numeric_sep(i) && numeric_sep(i + 1);
    // 2025-01-12
    if let (true, Some(y), Some(m), Some(d)) = (numeric, year(i), num(i + 1), num(i + 2)) {
        if let Some(iso) = ymd(y, Some(m), Some(d)) {
            used[i..i + 3].fill(true);
            return Some(iso);
        }
    }
    // 12/01/2025: day first, as Arabic (and French) sites write it; month first only when it
    // must be.
    if let (true, Some(a), Some(b), Some(y)) = (numeric, num(i), num(i + 1), year(i + 2)) {
        if let Some(iso) = ymd(y, Some(b), Some(a)).or_else(|| ymd(y, Some(a), Some(b))) {
            used[i..i + 3].fill(true);
            return Some(iso);
        }
    }
    // 12 يناير 2025 / 12 كانون الثاني 2025 / يناير 2025 / January 12, 2025; "نيسان / أبريل"
    // and "آب/أغسطس" name one month twice.
    let (m, mut len) = month_at(norms, i)?;
    let slash = |j: usize| match (tokens.get(j), tokens.get(j + 1)) {
        (Some(a), Some(b)) => text[a.end..b.start].trim() == "/",
        _ => false,
    };
    if slash(i + len - 1) {
        if let Some((_, len2)) = month_at(norms, i + len).filter(|&(m2, _)| m2 == m) {
            len += len2;
        }
    }
    let day_before = i
        .checked_sub(1)
        .and_then(num)
        .filter(|d| (1..=31).contains(d));
    let after = i + len;
    if let Some(y) = year(after) {
        let start = if day_before.is_some() { i - 1 } else { i };
        used[start..=after].fill(true);
        // A day that is not in the month (31 فبراير) makes no date, not a month-only one.
        return ymd(y, Some(m), day_before);
    }
    let day_after = num(after).filter(|d| (1..=31).contains(d));
    if let (Some(d), Some(y)) = (day_after, year(after + 1)) {
        used[i..=after + 1].fill(true);
        return ymd(y, Some(m), Some(d));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_in_arabic_french_and_english() {
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
        assert_eq!(find_date("الرباط 7 شتنبر 2016").unwrap().iso, "2016-09-07");
        let d = find_date("Publié le mardi 3 avril 2018 à 10h").unwrap();
        assert_eq!((d.iso.as_str(), d.whole_line), ("2018-04-03", true));
        let d = find_date("Sun, 18 Feb 2018 21:35:43 +0400").unwrap();
        assert_eq!((d.iso.as_str(), d.whole_line), ("2018-02-18", true));
        // 02/18/2018 can only be month first.
        assert_eq!(find_date("02/18/2018").unwrap().iso, "2018-02-18");
        let d = find_date("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً").unwrap();
        assert_eq!((d.iso.as_str(), d.whole_line), ("2020-04-24", true));
        let d = find_date("الأربعاء، 28 آب/اغسطس 2013، آخر تحديث 14:00 (GMT+0400)").unwrap();
        assert_eq!(d.iso, "2013-08-28");
    }

    #[test]
    fn dates_inside_prose_are_not_date_lines() {
        let d = find_date("في أبريل 2025، قام دميترييف بزيارة واشنطن، وهي الزيارة الأولى").unwrap();
        assert!(!d.whole_line);
        assert_eq!(find_date("السبت 25 أكتوبر"), None);
        assert_eq!(find_date("31/02/2025"), None);
    }
}
