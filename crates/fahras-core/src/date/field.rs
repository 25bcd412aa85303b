//! A date given as metadata: a JSON or CSV field, front matter, a page's `<meta>` tag.
//!
//! ISO 8601 / RFC 3339 and RFC 2822 are read with `chrono` (the well-kept parser of both);
//! partial ISO dates (`2025`, `2025-10`), Unix timestamps, numeric and named-month forms with
//! this module's own names (no crate knows يناير, شباط, جانفي or شتنبر).

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};

use super::calendar::ymd;
use super::line::find_date;

/// Date-time layouts without a zone that exports and CMSs write besides RFC 3339.
const NAIVE_LAYOUTS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f",
    "%Y-%m-%dT%H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
    "%Y-%m-%d %H:%M",
];
/// Date-time layouts with a zone that RFC 3339 does not allow (`+0400`, a space before it).
const ZONED_LAYOUTS: &[&str] = &[
    "%Y-%m-%dT%H:%M:%S%.f%z",
    "%Y-%m-%dT%H:%M%z",
    "%Y-%m-%d %H:%M:%S%.f %z",
    "%Y-%m-%d %H:%M:%S%.f%z",
];

/// The date a metadata value states, as ISO text (`2018-02-18`, or `2018-02` / `2018` when
/// only those are given); `None` when it states none. The day is the one written, in the
/// value's own zone.
pub fn parse_field(value: &str) -> Option<String> {
    let s = value.trim();
    if s.is_empty() || s.len() > 200 {
        return None;
    }
    partial_iso(s)
        .or_else(|| timestamp(s))
        .or_else(|| zoned(s).and_then(|d| date_of(d.date_naive())))
        .or_else(|| naive(s).and_then(date_of))
        .or_else(|| find_date(s).filter(|d| d.whole_line).map(|d| d.iso))
}

/// `2025`, `2025-10`, `2025-10-25` exactly.
fn partial_iso(s: &str) -> Option<String> {
    let num = |p: &str, len: usize| {
        (p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    let parts: Vec<&str> = s.split('-').collect();
    match parts.as_slice() {
        [y] => ymd(num(y, 4)?, None, None),
        [y, m] => ymd(num(y, 4)?, Some(num(m, 2)?), None),
        [y, m, d] => ymd(num(y, 4)?, Some(num(m, 2)?), Some(num(d, 2)?)),
        _ => None,
    }
}

/// Unix time in seconds (10 digits) or milliseconds (13 digits), as UTC.
fn timestamp(s: &str) -> Option<String> {
    if !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = s.parse().ok()?;
    let t = match s.len() {
        9 | 10 => DateTime::from_timestamp(n, 0)?,
        12 | 13 => DateTime::from_timestamp_millis(n)?,
        _ => return None,
    };
    date_of(t.date_naive())
}

fn zoned(s: &str) -> Option<DateTime<FixedOffset>> {
    DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .ok()
        .or_else(|| {
            ZONED_LAYOUTS
                .iter()
                .find_map(|f| DateTime::parse_from_str(s, f).ok())
        })
}

fn naive(s: &str) -> Option<NaiveDate> {
    NAIVE_LAYOUTS
        .iter()
        .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
        .map(|t| t.date())
}

fn date_of(d: NaiveDate) -> Option<String> {
    // Years outside 1000–2999 are typing slips or placeholders (0001-01-01): not a date.
    ymd(
        u32::try_from(d.year()).ok()?,
        Some(d.month()),
        Some(d.day()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(s: &str) -> Option<String> {
        parse_field(s)
    }

    #[test]
    fn iso_and_rfc_forms() {
        assert_eq!(p("2025").as_deref(), Some("2025"));
        assert_eq!(p("2025-10").as_deref(), Some("2025-10"));
        assert_eq!(p("2024-02-29").as_deref(), Some("2024-02-29"));
        assert_eq!(p("2025-10-25T10:30:00Z").as_deref(), Some("2025-10-25"));
        assert_eq!(
            p("2018-02-18T23:30:00-05:00").as_deref(),
            Some("2018-02-18")
        );
        assert_eq!(
            p("2018-02-18T23:30:00.123+0400").as_deref(),
            Some("2018-02-18")
        );
        assert_eq!(p("2018-02-18 09:05").as_deref(), Some("2018-02-18"));
        assert_eq!(
            p("Sun, 18 Feb 2018 21:35:43 +0400").as_deref(),
            Some("2018-02-18")
        );
        assert_eq!(p("18 Feb 2018 21:35:43 GMT").as_deref(), Some("2018-02-18"));
        assert_eq!(p("1518975343").as_deref(), Some("2018-02-18"));
        assert_eq!(p("1518975343000").as_deref(), Some("2018-02-18"));
    }

    #[test]
    fn numeric_and_named_forms() {
        assert_eq!(p("18/02/2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("18.02.2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("2018/02/18").as_deref(), Some("2018-02-18"));
        assert_eq!(p("الأحد 18 فبراير 2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("18 شباط 2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("18 février 2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("February 18, 2018").as_deref(), Some("2018-02-18"));
        assert_eq!(p("١٨/٠٢/٢٠١٨").as_deref(), Some("2018-02-18"));
    }

    #[test]
    fn what_is_not_a_date() {
        for bad in [
            "2025-13-01",
            "2025-02-29",
            "25-10-01",
            "yesterday",
            "2025-1-1x",
            "",
            "0001-01-01T00:00:00Z",
            "Mon, 31 Feb 2018 10:00:00 +0000",
            "كان ذلك في شهر فبراير 2018 حين قرر الرئيس السفر إلى العاصمة للقاء نظيره",
            "12345",
        ] {
            assert_eq!(p(bad), None, "{bad}");
        }
    }
}
