//! Bylines and source credits: who wrote the article, and where it came from.

use super::line::{End, Feat};
use super::vocab;
use crate::date::find_date;
use crate::text::tokenize;

pub struct Byline {
    pub name: String,
    pub date: Option<String>,
}

/// "كتب: أحمد السيد", "بقلم: ...", "By Jane Doe". Without a colon only with `loose`
/// (the header pass, near the top), on a short line.
pub fn byline(text: &str, f: &Feat, loose: bool) -> Option<Byline> {
    if !(2..=14).contains(&f.words) {
        return None;
    }
    let tokens = &f.tokens;
    for (prefix, free) in vocab::byline_prefixes() {
        let n = prefix.split(' ').count();
        if tokens.len() <= n
            || tokens[..n]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ")
                != *prefix
        {
            continue;
        }
        if tokens[0].start > 0 && !text[..tokens[0].start].trim().is_empty() {
            continue;
        }
        let after = text[tokens[n - 1].end..].trim_start();
        let colon = after.starts_with([':', '：', '-', '–', '—', 'ـ']);
        let bare_ok = loose && *free && f.words <= 5 && f.end == End::None;
        if !(colon || bare_ok) {
            continue;
        }
        let rest = after.trim_start_matches([':', '：', '-', '–', '—', 'ـ', ' ']);
        let name = cut_name(rest);
        let name_words = tokenize(name).len();
        if !(1..=6).contains(&name_words) {
            continue;
        }
        let latin = name.chars().any(|c| c.is_ascii_alphabetic());
        if !colon
            && latin
            && !name
                .split_whitespace()
                .all(|w| w.starts_with(|c: char| c.is_uppercase()))
        {
            continue;
        }
        let date = find_date(rest).map(|d| d.iso);
        return Some(Byline {
            name: name.to_owned(),
            date,
        });
    }
    None
}

/// "المصدر: وكالات" → "وكالات".
pub fn source_credit(text: &str, f: &Feat) -> Option<String> {
    if f.words > 10 {
        return None;
    }
    let tokens = &f.tokens;
    for prefix in vocab::source_prefixes() {
        let n = prefix.split(' ').count();
        if tokens.len() <= n
            || tokens[..n]
                .iter()
                .map(|t| t.norm.as_str())
                .collect::<Vec<_>>()
                .join(" ")
                != *prefix
        {
            continue;
        }
        if !text[..tokens[0].start].trim().is_empty() {
            continue;
        }
        let after = text[tokens[n - 1].end..].trim_start();
        if !after.starts_with([':', '：', '-', '–', '—']) {
            continue;
        }
        let name = cut_name(after.trim_start_matches([':', '：', '-', '–', '—', ' ']));
        if (1..=6).contains(&tokenize(name).len()) {
            return Some(name.to_owned());
        }
    }
    None
}

/// The name at the start of a byline, before a place, a role or a date.
fn cut_name(rest: &str) -> &str {
    let seps = [
        " - ",
        " – ",
        " — ",
        "|",
        "،",
        ",",
        " / ",
        "(",
        "؛",
        ";",
        "\u{200f}-",
    ];
    let end = seps
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
        .unwrap_or(rest.len());
    let name = rest[..end]
        .trim()
        .trim_end_matches(['.', ':', '-', '–'])
        .trim();
    // A date glued to the name ("أحمد السيد 12 يناير 2025") is not part of it.
    let tokens = tokenize(name);
    match tokens
        .iter()
        .position(|t| t.norm.bytes().all(|b| b.is_ascii_digit()))
    {
        Some(0) | None => name,
        Some(k) => name[..tokens[k - 1].end].trim(),
    }
}
