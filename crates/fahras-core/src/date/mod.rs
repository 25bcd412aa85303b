//! Dates, for the whole project: one calendar, one table of month and weekday names, and the
//! readers built on them.
//!
//! - [`parse_field`]: a date given as metadata (a JSON field, front matter, a page's `<meta>`):
//!   ISO 8601 dates and date-times with zones, RFC 2822 (`Sun, 18 Feb 2018 21:35:43 +0400`,
//!   the feeds' format), Unix timestamps, numeric forms (`18/02/2018`) and month names
//!   (`18 فبراير 2018`, `18 février 2018`, `February 18, 2018`).
//! - [`find_date`]: the date lines news sites print ("الأحد 12 يناير 2025", "نشر في: …").
//! - `entities::dates` finds dates inside prose with the same names and calendar.
//!
//! A date keeps the day it was written with: `2018-02-18T23:30:00-05:00` is `2018-02-18`, the
//! day the outlet published it where it stands, not the UTC day.

mod calendar;
mod field;
mod line;
mod names;

pub use calendar::{day_number, days_in, iso, valid_partial_iso, ymd};
pub use field::parse_field;
pub use line::{find_date, find_date_in, FoundDate};
pub use names::{
    is_ambiguous_month, is_weekday, month_named, month_table, two_word_month, MONTH_NAMES_AR,
    MONTH_NAMES_EN,
};
