//! Metadata fields stated by the input (front matter keys, JSONL fields): checked one by one,
//! each problem reported with the field and line.

use super::clean::Meta;
use super::date::parse_iso;
use super::Diagnostic;

/// The fields an article's metadata may set.
pub const FIELDS: &[&str] = &["title", "dek", "author", "source", "url", "date", "lang"];

/// Set `field` on `meta` from `value`, reporting bad values. `origin` says where the field
/// came from in messages ("front matter", "record"). Returns false for an unknown field.
pub fn set_field(
    meta: &mut Meta,
    field: &str,
    value: &str,
    origin: &str,
    file: &str,
    line: u32,
    diags: &mut Vec<Diagnostic>,
) -> bool {
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
        diags.push(Diagnostic::warning(
            file,
            Some(line),
            format!("empty {origin} field `{field}` ignored"),
        ));
        return true;
    }
    let value = match field {
        "date" => match parse_iso(value) {
            Some(d) => d,
            None => {
                diags.push(Diagnostic::error(
                    file,
                    Some(line),
                    format!("invalid date `{value}` in {origin} field `date` (expected YYYY, YYYY-MM or YYYY-MM-DD)"),
                ));
                return true;
            }
        },
        "lang" if !valid_lang(value) => {
            diags.push(Diagnostic::warning(
                file,
                Some(line),
                format!("invalid language tag `{value}` in {origin} field `lang` (expected e.g. `ar`, `en`, `ar-EG`); using `ar`"),
            ));
            return true;
        }
        "url" if !(value.starts_with("http://") || value.starts_with("https://")) => {
            diags.push(Diagnostic::warning(
                file,
                Some(line),
                format!(
                    "{origin} field `url` is not an http(s) address: `{value}` (kept as written)"
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
