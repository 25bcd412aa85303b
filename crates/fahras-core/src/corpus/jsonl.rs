//! `.jsonl` articles: one JSON object per line with the metadata fields and `text`.

use serde_json::Value;

use super::clean::line::lines_to_units;
use super::clean::{clean_units, Meta};
use super::meta::{set_field, FIELDS};
use super::Diagnostic;
use crate::model::Article;

/// Every record of a JSONL file, cleaned. Bad lines are reported and skipped; the rest load.
pub fn load(file: &str, stem: &str, text: &str) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut articles = Vec::new();
    let mut diags = Vec::new();
    let mut unknown: Vec<(String, u32)> = Vec::new();
    for (n, raw) in text.split('\n').enumerate() {
        let line = u32::try_from(n + 1).unwrap_or(u32::MAX);
        let raw = raw.trim();
        if raw.is_empty() {
            continue;
        }
        let value: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => {
                diags.push(Diagnostic::error(
                    file,
                    Some(line),
                    format!("invalid JSON: {e}"),
                ));
                continue;
            }
        };
        let Value::Object(fields) = value else {
            diags.push(Diagnostic::error(
                file,
                Some(line),
                "expected a JSON object (one article per line)",
            ));
            continue;
        };
        let mut meta = Meta::default();
        let mut id = None;
        let mut body = None;
        for (key, v) in &fields {
            let s = match v {
                Value::String(s) => s.as_str(),
                Value::Null => continue,
                _ if !FIELDS.contains(&key.as_str()) && key != "id" && key != "text" => {
                    note_unknown(&mut unknown, key, line);
                    continue;
                }
                _ => {
                    diags.push(Diagnostic::error(
                        file,
                        Some(line),
                        format!("field `{key}` must be a string"),
                    ));
                    continue;
                }
            };
            match key.as_str() {
                "id" => id = Some(s.trim().to_owned()),
                "text" => body = Some(s),
                _ => {
                    if !set_field(&mut meta, key, s, "record", file, line, &mut diags) {
                        note_unknown(&mut unknown, key, line);
                    }
                }
            }
        }
        let Some(body) = body.filter(|b| !b.trim().is_empty()) else {
            diags.push(Diagnostic::error(
                file,
                Some(line),
                "record has no `text` (the article body)",
            ));
            continue;
        };
        let id = match id {
            Some(id) if id.is_empty() || id.chars().any(char::is_whitespace) => {
                diags.push(Diagnostic::error(
                    file,
                    Some(line),
                    format!("invalid record id `{id}` (must be non-empty, without spaces)"),
                ));
                continue;
            }
            Some(id) => id,
            None => format!("{stem}-{line}"),
        };
        let (article, cleaning) = clean_units(file, &id, &lines_to_units(body, 1), &meta);
        let empty = article.title.is_empty() && article.blocks.is_empty();
        // Lines inside a record's text are not lines of the file: report the record's line.
        diags.extend(cleaning.into_iter().map(|mut d| {
            d.line = Some(line);
            d.message = format!("record `{id}`: {}", d.message);
            d
        }));
        if !empty {
            articles.push(article);
        }
    }
    if !unknown.is_empty() {
        let names: Vec<String> = unknown.iter().map(|(k, _)| format!("`{k}`")).collect();
        diags.push(Diagnostic::warning(
            file,
            Some(unknown[0].1),
            format!(
                "unknown record field(s) {} ignored (known: id, text, {})",
                names.join(", "),
                FIELDS.join(", ")
            ),
        ));
    }
    (articles, diags)
}

fn note_unknown(unknown: &mut Vec<(String, u32)>, key: &str, line: u32) {
    if !unknown.iter().any(|(k, _)| k == key) {
        unknown.push((key.to_owned(), line));
    }
}
