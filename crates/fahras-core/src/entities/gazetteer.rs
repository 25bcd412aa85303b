//! The gazetteer: known people, places and organisations with their Arabic aliases, parsed from
//! `data/gazetteer.tsv` (generated from CLDR / i18n-iso-countries / world-countries plus a
//! hand-curated file, see `data/SOURCES.md`) and the given-name list `data/first_names.txt`.
//!
//! Aliases are stored as written and looked up by their normalised token sequence, so hamza
//! seats, ى/ي, ة/ه and harakat never matter.

use crate::hash::{HashMap, HashSet};
use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::EntityKind;
use crate::corpus::Diagnostic;
use crate::text::tokenize;

const BUILTIN_TSV: &str = include_str!("../../data/gazetteer.tsv");
const BUILTIN_NAMES: &str = include_str!("../../data/first_names.txt");
/// The file name used in diagnostics about the built-in data.
pub const BUILTIN_FILE: &str = "crates/fahras-core/data/gazetteer.tsv";
const COLUMNS: [&str; 7] = [
    "id",
    "type",
    "name",
    "label_en",
    "aliases",
    "adjectives",
    "source",
];

/// One known entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GazEntry {
    pub id: String,
    pub kind: EntityKind,
    pub name: String,
    pub label_en: Option<String>,
    pub aliases: Vec<String>,
    /// Nationality adjectives of a country (masculine singular as written, e.g. روسي).
    pub adjectives: Vec<String>,
}

/// Known entities, indexed by normalised alias.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Gazetteer {
    pub(crate) entries: Vec<GazEntry>,
    /// Normalised alias (tokens joined by one space) → entry index.
    pub(crate) index: HashMap<String, u32>,
    /// Longest alias, in tokens.
    pub(crate) max_tokens: usize,
    /// Normalised nationality adjective stem (no article, masculine) → country entry index.
    pub(crate) adjectives: HashMap<String, u32>,
    /// Normalised given names.
    pub(crate) given_names: HashSet<String>,
    /// Those that start an Arabic name chain (محمد بن سلمان، أحمد عبد الله الأحمد الصباح).
    pub(crate) arabic_given: HashSet<String>,
}

/// The normalised token sequence of `s`, joined by single spaces: the lookup key of an alias.
pub fn key_of(s: &str) -> String {
    let toks = tokenize(s);
    let mut out = String::new();
    for t in toks {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.norm);
    }
    out
}

impl Gazetteer {
    /// The gazetteer shipped with Fahras. Its data file is validated by a test
    /// (`tests/entities_gazetteer.rs`), so parsing cannot fail here.
    pub fn builtin() -> Gazetteer {
        static BUILTIN: OnceLock<Gazetteer> = OnceLock::new();
        BUILTIN
            .get_or_init(|| {
                let mut g = Gazetteer::parse(BUILTIN_FILE, BUILTIN_TSV).unwrap_or_else(|d| {
                    panic!("built-in gazetteer is invalid (run the gazetteer test): {d:?}")
                });
                g.add_given_names(BUILTIN_NAMES);
                g
            })
            .clone()
    }

    /// Parse a gazetteer file (the format of `data/gazetteer.tsv`). Every problem is reported,
    /// each naming the file, line and field.
    pub fn parse(file_name: &str, text: &str) -> Result<Gazetteer, Vec<Diagnostic>> {
        let mut g = Gazetteer::default();
        let mut errors = Vec::new();
        let mut header = false;
        let mut ids: HashMap<String, u32> = HashMap::default();
        for (n, raw) in text.lines().enumerate() {
            let line = n as u32 + 1;
            if raw.trim().is_empty() || raw.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = raw.split('\t').collect();
            if !header {
                header = true;
                if fields != COLUMNS {
                    errors.push(Diagnostic::error(
                        file_name,
                        Some(line),
                        format!("header must be `{}`", COLUMNS.join("<TAB>")),
                    ));
                }
                continue;
            }
            if fields.len() != COLUMNS.len() {
                errors.push(Diagnostic::error(
                    file_name,
                    Some(line),
                    format!(
                        "expected {} tab-separated fields, found {}",
                        COLUMNS.len(),
                        fields.len()
                    ),
                ));
                continue;
            }
            let (id, kind, name) = (fields[0].trim(), fields[1].trim(), fields[2].trim());
            let Some(kind) = EntityKind::parse(kind).filter(|k| *k != EntityKind::Date) else {
                errors.push(Diagnostic::error(
                    file_name,
                    Some(line),
                    format!("field `type`: `{kind}` is not person, place or org"),
                ));
                continue;
            };
            if !valid_id(id, kind) {
                errors.push(Diagnostic::error(
                    file_name,
                    Some(line),
                    format!("field `id`: `{id}` must be `{}:` followed by lower-case ASCII words joined by `-`", kind.as_str()),
                ));
                continue;
            }
            if name.is_empty() || key_of(name).is_empty() {
                errors.push(Diagnostic::error(
                    file_name,
                    Some(line),
                    "field `name` is empty",
                ));
                continue;
            }
            if let Some(first) = ids.insert(id.to_owned(), line) {
                errors.push(Diagnostic::error(
                    file_name,
                    Some(line),
                    format!("field `id`: duplicate id `{id}` (first on line {first})"),
                ));
                continue;
            }
            let split = |s: &str| {
                s.split('|')
                    .map(str::trim)
                    .filter(|a| !a.is_empty())
                    .map(str::to_owned)
                    .collect::<Vec<_>>()
            };
            let label = fields[3].trim();
            g.entries.push(GazEntry {
                id: id.to_owned(),
                kind,
                name: name.to_owned(),
                label_en: (!label.is_empty()).then(|| label.to_owned()),
                aliases: split(fields[4]),
                adjectives: split(fields[5]),
            });
        }
        if !header {
            errors.push(Diagnostic::error(file_name, None, "no header line"));
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        g.reindex();
        Ok(g)
    }

    /// Rebuild the lookup tables from `entries`. An alias claimed by two entries belongs to the
    /// first (the generator already resolves such clashes; this keeps lookups deterministic).
    pub(crate) fn reindex(&mut self) {
        self.index.clear();
        self.adjectives.clear();
        self.max_tokens = 0;
        for (i, e) in self.entries.iter().enumerate() {
            for alias in std::iter::once(&e.name).chain(&e.aliases) {
                let key = key_of(alias);
                if key.is_empty() {
                    continue;
                }
                self.max_tokens = self.max_tokens.max(key.split(' ').count());
                self.index.entry(key).or_insert(i as u32);
            }
            for adj in &e.adjectives {
                let key = key_of(adj);
                if !key.is_empty() && !key.contains(' ') {
                    self.adjectives.entry(key).or_insert(i as u32);
                }
            }
        }
    }

    /// Given names, one a line; `## arabic` / `## other` headers say which naming pattern
    /// the names below them follow.
    pub(crate) fn add_given_names(&mut self, text: &str) {
        let mut arabic = false;
        for line in text.lines() {
            let line = line.trim();
            if let Some(section) = line.strip_prefix("##") {
                arabic = section.trim_start().starts_with("arabic");
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = key_of(line);
            if !key.is_empty() && !key.contains(' ') {
                if arabic {
                    self.arabic_given.insert(key.clone());
                }
                self.given_names.insert(key);
            }
        }
    }

    /// Add an entry (from a corpus override file) and index it.
    pub(crate) fn push(&mut self, entry: GazEntry) -> u32 {
        self.entries.push(entry);
        self.reindex();
        self.entries.len() as u32 - 1
    }

    pub fn entries(&self) -> &[GazEntry] {
        &self.entries
    }

    pub fn get(&self, id: &str) -> Option<&GazEntry> {
        self.entries.iter().find(|e| e.id == id)
    }

    pub(crate) fn position(&self, id: &str) -> Option<u32> {
        self.entries
            .iter()
            .position(|e| e.id == id)
            .map(|i| i as u32)
    }

    /// The entry whose alias has this normalised key.
    pub fn lookup(&self, key: &str) -> Option<&GazEntry> {
        self.index.get(key).map(|&i| &self.entries[i as usize])
    }

    /// Normalised one-word person/place/org aliases, with and without the article
    /// (الكرملين and كرملين): the search stemmer must leave these whole.
    pub fn protected_words(&self) -> BTreeSet<String> {
        let mut out = BTreeSet::new();
        for e in &self.entries {
            for alias in std::iter::once(&e.name).chain(&e.aliases) {
                let toks = tokenize(alias);
                // Only one-word aliases: the words of "الولايات المتحدة" are ordinary words.
                if let [t] = toks.as_slice() {
                    let w = t.norm.clone();
                    if w.chars().count() < 2 {
                        continue;
                    }
                    if let Some(rest) = w.strip_prefix("ال").filter(|r| r.chars().count() >= 2) {
                        out.insert(rest.to_owned());
                    } else {
                        out.insert(format!("ال{w}"));
                    }
                    out.insert(w);
                }
            }
        }
        out
    }
}

/// `kind:` + lower-case ASCII letters/digits joined by single hyphens.
fn valid_id(id: &str, kind: EntityKind) -> bool {
    let Some(slug) = id
        .strip_prefix(kind.as_str())
        .and_then(|r| r.strip_prefix(':'))
    else {
        return false;
    };
    !slug.is_empty()
        && slug.split('-').all(|w| {
            !w.is_empty()
                && w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        })
}
