//! Metadata fields stated by the input (front matter keys, JSONL fields): checked one by one,
//! each problem reported with the field and line.

use super::clean::Meta;
use super::Diagnostic;
use crate::date::parse_field;

/// The fields an article's metadata may set.
pub const FIELDS: &[&str] = &["title", "dek", "author", "source", "url", "date", "lang"];

/// Where a field was read, for messages.
pub struct FieldAt<'a> {
    /// "front matter", "record".
    pub origin: &'a str,
    pub file: &'a str,
    pub line: u32,
}

/// Set `field` on `meta` from `value`, reporting bad values. Messages name the field as the
/// input wrote it (`key`) and where it was read (`at`). Returns false for an unknown field.
pub fn set_field(
    meta: &mut Meta,
    field: &str,
    key: &str,
    value: &str,
    at: &FieldAt,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let FieldAt { origin, file, line } = *at;
    let value = value.trim();
    let slot = match field {
        "title" => &mut meta.title,
        "dek" => &mut meta.dek,
        "author" => &mut meta.author,
        "source" => &mut meta.source,
        "url" => &mut meta.url,
        "date" => &mut meta.date,
        "lang" => &mut meta.lang,
        _ => return false,
    };
    if value.is_empty() {
        // Exports leave fields empty all the time (an article without an author): said only
        // for front matter, which a person wrote.
        if origin == "record" {
            return true;
        }
        diags.push(Diagnostic::warning(
            file,
            Some(line),
            format!("empty {origin} field `{key}` ignored"),
        ));
        return true;
    }
    let value = match field {
        "date" => match parse_field(value) {
            Some(d) => d,
            None => {
                // A date is not worth an article: kept without one, and said so.
                diags.push(Diagnostic::warning(
                    file,
                    Some(line),
                    format!("cannot read the date `{}` in {origin} field `{key}` (read: ISO 8601, RFC 2822, 18/02/2018, 18 فبراير 2018, Unix time); the article is kept without a date", clip(value)),
                ));
                return true;
            }
        },
        "lang" if !valid_lang(value) => {
            diags.push(Diagnostic::warning(
                file,
                Some(line),
                format!("invalid language tag `{value}` in {origin} field `{key}` (expected e.g. `ar`, `en`, `ar-EG`); using `ar`"),
            ));
            return true;
        }
        "url" if !(value.starts_with("http://") || value.starts_with("https://")) => {
            diags.push(Diagnostic::warning(
                file,
                Some(line),
                format!(
                    "{origin} field `{key}` is not an http(s) address: `{value}` (kept as written)"
                ),
            ));
            value.to_owned()
        }
        _ => crate::corpus::clean::line::squash(value),
    };
    *slot = Some(value);
    true
}

/// A BCP 47 tag, loosely: a 2–3 letter language and optional subtags.
fn valid_lang(tag: &str) -> bool {
    let mut parts = tag.split('-');
    let lang_ok = parts
        .next()
        .is_some_and(|p| (2..=3).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphabetic()));
    lang_ok
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_alphanumeric()))
}

/// A value as quoted in a message: at most 60 characters.
fn clip(value: &str) -> String {
    match value.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &value[..i]),
        None => value.to_owned(),
    }
}
