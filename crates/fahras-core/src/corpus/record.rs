//! One article given as a record of named fields (a JSON object; later CSV rows): fields found
//! by the names exports commonly use, values that are text, lists of paragraphs or JSON-LD
//! objects with a `name`.

use serde_json::{Map, Value};

use super::clean::line::squash;
use super::meta::{set_field, FieldAt};
use super::Diagnostic;

/// Field names as exports and scrapers spell them, by the field they fill, in order of
/// preference (a record with both `text` and `content` uses `text`). Compared lower-case with
/// `_` and `-` removed, so `datePublished`, `date_published` and `DatePublished` are one name.
#[rustfmt::skip]
const ALIASES: &[(&str, &[&str])] = &[
    ("id", &["id", "_id", "guid", "docno", "uuid"]),
    ("text", &["text", "content", "body", "article", "articlebody", "articletext", "maintext",
        "fulltext", "contenttext", "bodytext"]),
    ("title", &["title", "headline", "heading"]),
    ("dek", &["dek", "abstract", "summary", "description", "subtitle", "subheadline", "standfirst",
        "lead"]),
    ("date", &["date", "datepublished", "published", "pubdate", "publishedat", "publishdate",
        "datepublish", "publicationdate", "publishedtime", "datetime", "time", "created",
        "createdat", "timestamp"]),
    ("author", &["author", "authors", "byline", "creator", "writer"]),
    ("source", &["source", "site", "sitename", "publisher", "sourcedomain", "outlet", "domain"]),
    ("url", &["url", "link", "href", "canonicalurl", "canonical", "sourceurl", "permalink"]),
    ("lang", &["lang", "language", "inlanguage"]),
];

/// A key as the field names are compared: lower case, without `_`, `-` or spaces.
fn fold(key: &str) -> String {
    key.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a record key fills, and its rank among that field's names.
fn field_of(key: &str) -> Option<(&'static str, usize)> {
    let folded = fold(key);
    ALIASES.iter().find_map(|(field, names)| {
        names
            .iter()
            .position(|n| *n == folded)
            .map(|rank| (*field, rank))
    })
}

/// The user's own field names (`--field date=date_extracted`): each named key fills its field
/// before any of the field's usual names, and is not read as anything else.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldMap {
    /// (field, folded source key), in the order given.
    pairs: Vec<(&'static str, String)>,
}

impl FieldMap {
    /// Add one `FIELD=SOURCE` mapping; FIELD is one of the fields a record may fill.
    pub fn add(&mut self, spec: &str) -> Result<(), String> {
        let Some((field, source)) = spec.split_once('=') else {
            return Err(format!(
                "`{spec}` is not FIELD=SOURCE_FIELD (e.g. date=date_extracted)"
            ));
        };
        let (field, source) = (field.trim(), source.trim());
        let Some((name, _)) = ALIASES.iter().find(|(f, _)| f.eq_ignore_ascii_case(field)) else {
            let fields: Vec<&str> = ALIASES.iter().map(|(f, _)| *f).collect();
            return Err(format!(
                "unknown field `{field}` in `{spec}` (fields: {})",
                fields.join(", ")
            ));
        };
        if fold(source).is_empty() {
            return Err(format!("`{spec}` names no source field"));
        }
        self.pairs.retain(|(_, s)| *s != fold(source));
        self.pairs.push((name, fold(source)));
        Ok(())
    }

    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The field a record key fills, and its rank: the user's mapping first (rank 0), then
    /// the usual names (ranked after it).
    fn field_for(&self, key: &str) -> Option<(&'static str, usize)> {
        if !self.pairs.is_empty() {
            let folded = fold(key);
            if let Some((field, _)) = self.pairs.iter().find(|(_, s)| *s == folded) {
                return Some((field, 0));
            }
        }
        field_of(key).map(|(field, rank)| (field, rank + 1))
    }
}

/// Whether a summary (a record's abstract, a page's description) is the text's own opening,
/// whole or cut short: then it stays the body's lead paragraph rather than becoming a dek.
pub fn repeats_lead(dek: &str, text: &str) -> bool {
    let head: String = squash(dek).chars().take(60).collect();
    let lead: String = squash(text).chars().take(600).collect();
    !head.is_empty() && lead.contains(&head)
}

/// Whether an object has a field that would be an article's body.
pub fn has_body_field(record: &Map<String, Value>, fields: &FieldMap) -> bool {
    record
        .keys()
        .any(|k| fields.field_for(k).is_some_and(|(f, _)| f == "text"))
}

/// What a record states, field by field, before cleaning.
#[derive(Default)]
pub struct Fields {
    pub meta: super::clean::Meta,
    pub id: Option<String>,
    pub text: Option<String>,
}

/// Where a record is, for messages.
pub struct At<'a> {
    pub file: &'a str,
    pub line: u32,
    /// The user's field names.
    pub fields: &'a FieldMap,
}

/// Read a record's fields. Unknown keys are collected in `unknown` (reported once per file);
/// values that are not text are reported and skipped.
pub fn read_fields(
    record: &Map<String, Value>,
    at: &At,
    diags: &mut Vec<Diagnostic>,
    unknown: &mut Vec<(String, u32)>,
) -> Fields {
    // The preferred key for each field.
    let mut chosen: Vec<(&str, usize, &str, &Value)> = Vec::new();
    for (key, value) in record {
        let Some((field, rank)) = at.fields.field_for(key) else {
            if !unknown.iter().any(|(k, _)| k == key) {
                unknown.push((key.clone(), at.line));
            }
            continue;
        };
        if value.is_null() {
            continue;
        }
        match chosen.iter_mut().find(|c| c.0 == field) {
            Some(c) if rank < c.1 => *c = (field, rank, key, value),
            Some(_) => {}
            None => chosen.push((field, rank, key, value)),
        }
    }
    let mut out = Fields::default();
    for (field, _, key, value) in chosen {
        let Some(text) = text_of(field, value) else {
            diags.push(Diagnostic::warning(
                at.file,
                Some(at.line),
                format!("field `{key}` is not text (a string, a list of strings or an object with a `name`); ignored"),
            ));
            continue;
        };
        match field {
            "id" => out.id = Some(text.trim().to_owned()),
            "text" => out.text = Some(text),
            _ => {
                let place = FieldAt {
                    origin: "record",
                    file: at.file,
                    line: at.line,
                };
                set_field(&mut out.meta, field, key, &text, &place, diags);
            }
        }
    }
    out
}

/// A value as text: a string; a number (ids, Unix times); a list of strings (paragraphs of a
/// body one per line; authors joined with a comma); an object's `name` (JSON-LD).
fn text_of(field: &str, value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) if matches!(field, "id" | "date") => Some(n.to_string()),
        Value::Array(items) => {
            let parts: Option<Vec<String>> = items
                .iter()
                .filter(|v| !v.is_null())
                .map(|v| match v {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
                    _ => None,
                })
                .collect();
            let sep = if field == "text" { "\n" } else { "، " };
            parts.map(|p| p.join(sep)).filter(|s| !s.trim().is_empty())
        }
        Value::Object(o) => o.get("name").and_then(Value::as_str).map(str::to_owned),
        _ => None,
    }
}

/// The fields a record may fill, with a few of their other names, for the unknown-fields
/// message (the README lists them all).
pub fn known_names() -> String {
    ALIASES
        .iter()
        .map(|(field, names)| match &names[1..] {
            [] => (*field).to_owned(),
            [a] => format!("{field} (or {a})"),
            [a, b, ..] => format!("{field} (or {a}, {b}…)"),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fold_case_and_separators() {
        assert_eq!(field_of("datePublished"), Some(("date", 1)));
        assert_eq!(field_of("date_published"), Some(("date", 1)));
        assert_eq!(field_of("articleBody"), Some(("text", 4)));
        assert_eq!(field_of("Headline"), Some(("title", 1)));
        assert_eq!(field_of("category"), None);
    }

    #[test]
    fn preferred_names_and_value_shapes() {
        let v: Value = serde_json::from_str(
            r#"{"content": "ثانيا", "text": ["فقرة أولى", "فقرة ثانية"], "headline": "عنوان",
                "authors": ["أ", {"name": "ب"}], "publisher": {"@type": "Organization", "name": "الجزيرة"},
                "pubDate": "Sun, 18 Feb 2018 21:35:43 +0400", "guid": 42, "category": "x", "tags": 1}"#,
        )
        .unwrap();
        let (mut diags, mut unknown) = (Vec::new(), Vec::new());
        let at = At {
            file: "f.jsonl",
            line: 3,
            fields: &FieldMap::default(),
        };
        let f = read_fields(v.as_object().unwrap(), &at, &mut diags, &mut unknown);
        assert_eq!(f.text.as_deref(), Some("فقرة أولى\nفقرة ثانية"));
        assert_eq!(f.id.as_deref(), Some("42"));
        assert_eq!(f.meta.title.as_deref(), Some("عنوان"));
        assert_eq!(f.meta.author.as_deref(), Some("أ، ب"));
        assert_eq!(f.meta.source.as_deref(), Some("الجزيرة"));
        assert_eq!(f.meta.date.as_deref(), Some("2018-02-18"));
        assert!(diags.is_empty(), "{diags:?}");
        let names: Vec<&str> = unknown.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(names, ["category", "tags"]);
    }

    #[test]
    fn user_field_names_come_first_and_are_checked() {
        let v: Value = serde_json::from_str(
            r#"{"text": "النص", "date": "not a date", "date_extracted": "2018-02-18",
                "summary": "ملخص", "body_clean": "النص المنظف"}"#,
        )
        .unwrap();
        let mut map = FieldMap::default();
        map.add("date=dateExtracted").unwrap();
        map.add("text = body_clean").unwrap();
        let (mut diags, mut unknown) = (Vec::new(), Vec::new());
        let at = At {
            file: "f.jsonl",
            line: 1,
            fields: &map,
        };
        let f = read_fields(v.as_object().unwrap(), &at, &mut diags, &mut unknown);
        assert_eq!(f.meta.date.as_deref(), Some("2018-02-18"));
        assert_eq!(f.text.as_deref(), Some("النص المنظف"));
        assert_eq!(
            f.meta.dek.as_deref(),
            Some("ملخص"),
            "other fields keep their usual names"
        );
        assert!(
            diags.is_empty(),
            "the unread `date` is not parsed: {diags:?}"
        );
        let e = FieldMap::default().add("when=published").unwrap_err();
        assert!(
            e.contains("unknown field `when`") && e.contains("date"),
            "{e}"
        );
        assert!(FieldMap::default()
            .add("date")
            .unwrap_err()
            .contains("FIELD=SOURCE_FIELD"));
        assert!(FieldMap::default().add("date=").is_err());
    }
}
