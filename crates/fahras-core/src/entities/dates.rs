//! Dates: Gregorian month names in their Egyptian/Gulf (يناير…ديسمبر), Levantine/Iraqi
//! (كانون الثاني…كانون الأول) and Maghrebi (جانفي، فيفري…) forms, weekdays, years, and numeric
//! dates, normalised to ISO 8601 with partial forms allowed:
//!
//! | text                         | ISO            |
//! |------------------------------|----------------|
//! | السبت 25 أكتوبر 2025         | `2025-10-25`   |
//! | 25 أكتوبر (year unknown)     | `--10-25`      |
//! | فبراير 2022 / شباط 2022      | `2022-02`      |
//! | في عام 2014 / منذ 2014       | `2014`         |
//! | أغسطس الماضي (year unknown)  | `--08`         |
//! | 25/10/2025, 2025-10-25       | `2025-10-25`   |
//!
//! The year of a date without one comes only from the article's own date (its publication
//! date), never from other dates in the text: "أغسطس الماضي" in an article of 2025-10-25 is
//! `2025-08`, "فبراير المقبل" is `2026-02`. A bare weekday ("يوم الأحد") is not a date entity:
//! it cannot be placed on the calendar without guessing.

use super::matcher::{Cand, Seg, Target, PRIO_DATE};
use crate::date::{
    days_in, is_ambiguous_month, is_weekday, iso, month_named, two_word_month, MONTH_NAMES_AR,
    MONTH_NAMES_EN,
};
use crate::text::normalizes_to;

const YEAR_WORDS: &[&str] = &["عام", "العام", "سنة", "السنة"];
/// Words after which a bare four-digit number is a year ("منذ 2014", "حتى 2029").
const YEAR_CUES: &[&str] = &[
    "في",
    "منذ",
    "حتى",
    "بحلول",
    "قبل",
    "بعد",
    "خلال",
    "مطلع",
    "أواخر",
    "أوائل",
    "منتصف",
    "بداية",
    "نهاية",
    "موسم",
];
/// Words before a month that make even an ambiguous month a date.
const MONTH_CUES: &[&str] = &[
    "شهر",
    "في",
    "منذ",
    "خلال",
    "حتى",
    "مطلع",
    "أواخر",
    "أوائل",
    "منتصف",
    "بداية",
    "نهاية",
    "أول",
    "آخر",
];
const RELATIVE: &[(&str, i8)] = &[
    ("الماضي", -1),
    ("المنصرم", -1),
    ("المقبل", 1),
    ("القادم", 1),
    ("الحالي", 0),
    ("الجاري", 0),
];
/// The article's own date, for dates written without a year.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct DateCtx {
    pub year: Option<i32>,
    pub month: Option<u8>,
}

impl DateCtx {
    pub fn from_iso(iso: Option<&str>) -> DateCtx {
        let Some(iso) = iso else {
            return DateCtx::default();
        };
        let mut parts = iso.split('-');
        let year = parts
            .next()
            .filter(|y| y.len() == 4)
            .and_then(|y| y.parse().ok());
        let month = parts
            .next()
            .and_then(|m| m.parse().ok())
            .filter(|m| (1..=12).contains(m));
        DateCtx {
            year,
            month: year.and(month),
        }
    }
}

fn in_list(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| normalizes_to(x, w))
}

fn number(seg: &Seg, i: usize) -> Option<(u32, usize)> {
    let w = seg.toks.get(i)?.norm.as_str();
    (w.bytes().all(|b| b.is_ascii_digit()) && w.len() <= 4)
        .then(|| (w.parse().ok(), w.len()))
        .and_then(|(n, l)| n.map(|n| (n, l)))
}

fn year_at(seg: &Seg, i: usize) -> Option<i32> {
    number(seg, i)
        .filter(|&(n, l)| l == 4 && (1000..3000).contains(&n))
        .map(|(n, _)| n as i32)
}

/// A month starting at token `i` (after proclitics): (month, prefix chars, tokens used).
fn month_at(seg: &Seg, i: usize) -> Option<(u8, usize, usize)> {
    for r in seg.readings(i) {
        let second = seg
            .toks
            .get(i + 1)
            .filter(|_| seg.joined(i + 1))
            .map_or("", |t| t.norm.as_str());
        let found = two_word_month(&r.rest, second)
            .map(|m| (m, 2))
            .or_else(|| month_named(&r.rest).map(|m| (m, 1)));
        if let Some((m, n)) = found {
            // "أكتوبر/تشرين الأول": the second name is the same month.
            let mut used = n;
            if seg.punct_before(i + used) == "/" {
                if let Some((m2, 0, n2)) = month_at(seg, i + used) {
                    if m2 == m {
                        used += n2;
                    }
                }
            }
            return Some((m, r.prefix_chars, used));
        }
    }
    None
}

fn ambiguous_at(seg: &Seg, i: usize, prefix: usize) -> bool {
    seg.readings(i)
        .iter()
        .any(|r| r.prefix_chars == prefix && is_ambiguous_month(&r.rest))
}

fn weekday_at(seg: &Seg, i: usize) -> Option<usize> {
    seg.readings(i)
        .iter()
        .find(|r| is_weekday(&r.rest))
        .map(|r| r.prefix_chars)
}

fn cand(seg: &Seg, start: usize, prefix: usize, end: usize, iso: String) -> Cand {
    Cand {
        tok_start: start,
        tok_end: end,
        byte_start: seg.start_after_prefix(start, prefix),
        byte_end: seg.toks[end - 1].end,
        prio: PRIO_DATE,
        fine: None,
        target: Target::Date(iso),
    }
}

/// Year of a month written without one, from the article's date and a relative word.
fn resolve_year(ctx: DateCtx, month: u8, rel: Option<i8>) -> Option<i32> {
    let (y, am) = (ctx.year?, ctx.month);
    Some(match (rel, am) {
        (Some(-1), Some(am)) if month >= am => y - 1,
        (Some(1), Some(am)) if month <= am => y + 1,
        _ => y,
    })
}

/// Every date in the text, left to right, non-overlapping.
pub(crate) fn find_dates(seg: &Seg, ctx: DateCtx) -> Vec<Cand> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < seg.len() {
        if let Some(c) = date_at(seg, i, ctx) {
            i = c.tok_end;
            out.push(c);
        } else {
            i += 1;
        }
    }
    out
}

fn date_at(seg: &Seg, i: usize, ctx: DateCtx) -> Option<Cand> {
    // 25/10/2025, 25-10-2025, 2025-10-25
    if let (Some((a, la)), Some((b, _))) = (number(seg, i), number(seg, i + 1)) {
        let sep = seg.punct_before(i + 1);
        if matches!(sep.as_str(), "/" | "-" | ".") && seg.punct_before(i + 2) == sep {
            if let Some((c, lc)) = number(seg, i + 2) {
                let (y, m, d) = if la == 4 {
                    (a, b, c)
                } else if lc == 4 {
                    (c, b, a)
                } else {
                    (0, 0, 0)
                };
                if (1000..3000).contains(&y)
                    && (1..=12).contains(&m)
                    && d >= 1
                    && d <= days_in(m as u8, Some(y as i32))
                {
                    return Some(cand(
                        seg,
                        i,
                        0,
                        i + 3,
                        iso(Some(y as i32), Some(m as u8), Some(d)),
                    ));
                }
            }
        }
    }
    // [weekday] day [من] month [year]
    let (start, start_prefix, day_at) = match weekday_at(seg, i) {
        Some(p) => {
            let sep = seg.punct_before(i + 1);
            if sep.is_empty() || sep == "،" || sep == "," {
                (i, p, i + 1)
            } else {
                return None;
            }
        }
        None => (i, 0, i),
    };
    if let Some((d, _)) = number(seg, day_at).filter(|&(d, l)| l <= 2 && (1..=31).contains(&d)) {
        let mut m_at = day_at + 1;
        if seg.toks.get(m_at).is_some_and(|t| t.norm == "من") {
            m_at += 1;
        }
        if m_at < seg.len() && seg.joined(m_at) {
            if let Some((m, 0, used)) = month_at(seg, m_at) {
                let mut end = m_at + used;
                let year = if seg.joined(end) {
                    year_at(seg, end)
                } else {
                    None
                };
                if year.is_some() {
                    end += 1;
                }
                let year = year.or(ctx.year);
                if d <= days_in(m, year) {
                    return Some(cand(
                        seg,
                        start,
                        start_prefix,
                        end,
                        iso(year, Some(m), Some(d)),
                    ));
                }
            }
        }
    }
    if start_prefix > 0 || weekday_at(seg, i).is_some() {
        return None;
    }
    // month [year] | month [relative]
    if let Some((m, prefix, used)) = month_at(seg, i) {
        let mut end = i + used;
        if seg.joined(end) {
            if let Some(y) = year_at(seg, end) {
                return Some(cand(seg, i, prefix, end + 1, iso(Some(y), Some(m), None)));
            }
        }
        let rel = if seg.joined(end) {
            seg.toks
                .get(end)
                .and_then(|t| RELATIVE.iter().find(|(w, _)| normalizes_to(w, &t.norm)))
                .map(|&(_, r)| r)
        } else {
            None
        };
        let cue = i > 0 && seg.joined(i) && in_list(seg.norm(i - 1), MONTH_CUES)
            || prefix > 0 && seg.norm(i).starts_with("ب");
        if ambiguous_at(seg, i, prefix) && rel.is_none() && !cue {
            return None;
        }
        if rel.is_some() {
            end += 1;
        }
        return Some(cand(
            seg,
            i,
            prefix,
            end,
            iso(resolve_year(ctx, m, rel), Some(m), None),
        ));
    }
    // عام 2014
    for r in seg.readings(i) {
        if in_list(&r.rest, YEAR_WORDS) && seg.joined(i + 1) {
            if let Some(y) = year_at(seg, i + 1) {
                return Some(cand(
                    seg,
                    i,
                    r.prefix_chars,
                    i + 2,
                    iso(Some(y), None, None),
                ));
            }
        }
    }
    // منذ 2014
    if let Some(y) = year_at(seg, i).filter(|y| (1900..=2100).contains(y)) {
        let cued = i > 0
            && seg.joined(i)
            && seg
                .readings(i - 1)
                .iter()
                .any(|r| in_list(&r.rest, YEAR_CUES));
        let after = seg
            .toks
            .get(i + 1)
            .map_or(&seg.text[seg.toks[i].end..], |_| seg.gap_before(i + 1));
        if cued && !after.trim_start().starts_with('%') {
            return Some(cand(seg, i, 0, i + 1, iso(Some(y), None, None)));
        }
    }
    None
}

/// Arabic and English display names of an ISO date of the forms produced here.
pub(crate) fn display(iso: &str) -> (String, String) {
    let (year, rest) = match iso.strip_prefix("--") {
        Some(r) => (None, r),
        None => match iso.split_once('-') {
            Some((y, r)) => (Some(y), r),
            None => (Some(iso), ""),
        },
    };
    let mut parts = rest.split('-').filter(|p| !p.is_empty());
    let month: Option<usize> = parts
        .next()
        .and_then(|m| m.parse().ok())
        .filter(|m| (1..=12).contains(m));
    let day: Option<u32> = parts.next().and_then(|d| d.parse().ok());
    let mut ar = Vec::new();
    let mut en = Vec::new();
    if let Some(d) = day {
        ar.push(d.to_string());
        en.push(d.to_string());
    }
    if let Some(m) = month {
        ar.push(MONTH_NAMES_AR[m - 1].to_owned());
        en.push(MONTH_NAMES_EN[m - 1].to_owned());
    }
    if let Some(y) = year {
        ar.push(y.to_owned());
        en.push(y.to_owned());
    }
    (ar.join(" "), en.join(" "))
}

/// Whether `s` is an ISO date of the forms this module produces (`2022`, `2022-02`,
/// `2022-02-24`, `--02`, `--02-24`).
pub(crate) fn valid_iso(s: &str) -> bool {
    crate::date::valid_partial_iso(s)
}
