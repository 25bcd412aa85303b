//! The Gregorian calendar and the ISO 8601 forms dates are kept in: `2025`, `2025-10`,
//! `2025-10-25`, and, for dates written without a year (entities only), `--10` and `--10-25`.

/// Days in `month` (1–12); February has 29 when the year is unknown.
pub fn days_in(month: u8, year: Option<i32>) -> u32 {
    match month {
        2 => match year {
            Some(y) if !(y % 4 == 0 && (y % 100 != 0 || y % 400 == 0)) => 28,
            _ => 29,
        },
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A checked date with a known year (1000–2999), as ISO text; `None` when out of range.
pub fn ymd(y: u32, m: Option<u32>, d: Option<u32>) -> Option<String> {
    if !(1000..=2999).contains(&y) {
        return None;
    }
    let year = Some(y as i32);
    match (m, d) {
        (None, _) => Some(iso(year, None, None)),
        (Some(m), _) if !(1..=12).contains(&m) => None,
        (Some(m), None) => Some(iso(year, Some(m as u8), None)),
        (Some(m), Some(d)) => {
            ((1..=days_in(m as u8, year)).contains(&d)).then(|| iso(year, Some(m as u8), Some(d)))
        }
    }
}

/// The day number of an ISO date's first ten characters (`2018-03-25…`): days from 1 March of
/// year 0, so that subtracting two gives the days between them; `None` unless it names a real
/// day. Arithmetic (Howard Hinnant's days-from-civil), not chrono's format parser: the app
/// carries this for the story time line, and the parser would add kilobytes of wasm.
pub fn day_number(s: &str) -> Option<i32> {
    let d = s.get(..10)?;
    if !(valid_partial_iso(d) && d.len() == 10) {
        return None;
    }
    let (y, m, day): (i32, i32, i32) = (
        d[..4].parse().ok()?,
        d[5..7].parse().ok()?,
        d[8..10].parse().ok()?,
    );
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * ((m + 9) % 12) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe)
}

/// ISO text of a date from its known parts (unchecked; see [`ymd`]).
pub fn iso(year: Option<i32>, month: Option<u8>, day: Option<u32>) -> String {
    match (year, month, day) {
        (Some(y), Some(m), Some(d)) => format!("{y:04}-{m:02}-{d:02}"),
        (None, Some(m), Some(d)) => format!("--{m:02}-{d:02}"),
        (Some(y), Some(m), None) => format!("{y:04}-{m:02}"),
        (None, Some(m), None) => format!("--{m:02}"),
        (Some(y), None, _) => format!("{y:04}"),
        _ => String::new(),
    }
}

/// Whether `s` is one of the ISO forms above (`2022`, `2022-02`, `2022-02-24`, `--02`,
/// `--02-24`) naming a real month and day.
pub fn valid_partial_iso(s: &str) -> bool {
    let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
    let month = |m: &str| digits(m, 2).then(|| m.parse::<u8>().ok()).flatten();
    let day_ok = |d: &str, m: u8, y: Option<i32>| {
        digits(d, 2)
            && d.parse::<u32>()
                .is_ok_and(|d| (1..=days_in(m, y)).contains(&d))
    };
    let (year, rest) = match s.strip_prefix("--") {
        Some(rest) => (None, rest),
        None => {
            let (y, rest) = s.split_once('-').unwrap_or((s, ""));
            if !digits(y, 4) {
                return false;
            }
            if rest.is_empty() {
                return true;
            }
            (y.parse().ok(), rest)
        }
    };
    let parts: Vec<&str> = rest.split('-').collect();
    match parts.as_slice() {
        [m] => month(m).is_some_and(|m| (1..=12).contains(&m)),
        [m, d] => month(m).is_some_and(|m| (1..=12).contains(&m) && day_ok(d, m, year)),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checked_dates() {
        assert_eq!(ymd(2024, Some(2), Some(29)).as_deref(), Some("2024-02-29"));
        assert_eq!(ymd(2025, Some(2), Some(29)), None);
        assert_eq!(ymd(1900, Some(2), Some(29)), None);
        assert_eq!(ymd(2000, Some(2), Some(29)).as_deref(), Some("2000-02-29"));
        assert_eq!(ymd(2025, Some(13), None), None);
        assert_eq!(ymd(2025, Some(4), Some(31)), None);
        assert_eq!(ymd(999, None, None), None);
        assert_eq!(ymd(2025, Some(10), None).as_deref(), Some("2025-10"));
    }

    #[test]
    fn partial_iso_forms() {
        for ok in [
            "2022",
            "2022-02",
            "2022-02-24",
            "--02",
            "--02-29",
            "2024-02-29",
        ] {
            assert!(valid_partial_iso(ok), "{ok}");
        }
        for bad in [
            "22",
            "2022-13",
            "2022-02-30",
            "2023-02-29",
            "--13",
            "--04-31",
            "2022-2",
            "",
        ] {
            assert!(!valid_partial_iso(bad), "{bad}");
        }
    }

    #[test]
    fn day_numbers_count_days_across_months_and_leap_years() {
        fn d(s: &str) -> i32 {
            day_number(s).unwrap()
        }
        assert_eq!(d("2018-03-26") - d("2018-03-25"), 1);
        assert_eq!(d("2018-03-01") - d("2018-02-28"), 1);
        assert_eq!(d("2016-03-01") - d("2016-02-28"), 2);
        assert_eq!(d("2001-01-01") - d("2000-01-01"), 366);
        assert_eq!(d("2019-01-01") - d("2018-12-31"), 1);
        assert_eq!(d("2018-03-25T10:00:00+02:00"), d("2018-03-25"));
        // chrono agrees on a spread of days (it stays the date field parser's library).
        use chrono::{Datelike, NaiveDate};
        for (y, m, day) in [(1999, 12, 31), (2018, 3, 25), (2024, 2, 29), (2100, 3, 1)] {
            let c = NaiveDate::from_ymd_opt(y, m, day)
                .unwrap()
                .num_days_from_ce();
            let iso = format!("{y:04}-{m:02}-{day:02}");
            let ours = d(&iso);
            assert_eq!(ours - d("2000-01-01"), c - 730_120, "{y}-{m}-{day}");
        }
        for bad in ["2018-02-30", "2018-03", "2018", "", "--03-25", "2018-3-25x"] {
            assert_eq!(day_number(bad), None, "{bad}");
        }
    }
}
