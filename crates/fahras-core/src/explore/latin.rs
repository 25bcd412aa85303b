//! Queries in Latin letters find Arabic names: `Putin` in a corpus that writes بوتين. A Latin
//! query word becomes an `OR` of itself and the Arabic forms of the entities it names:
//! - entities whose English label (from the gazetteer) has that word (`Putin` → Vladimir Putin
//!   → every alias: فلاديمير بوتين، بوتين);
//! - else the words of people's and places' names with the same consonant skeleton
//!   ([`crate::text::skeleton`]: Witkoff ↔ ويتكوف, Benkirane ↔ بنكيران).
//!
//! The Arabic forms then match, rank and highlight as if typed.

use crate::entities::{EntityKind, EntityTable};
use crate::search::{Item, Query, Word};
use crate::text::{arabic_skeleton, latin_skeleton, tokenize};

/// Fewest letters a Latin word needs to be looked up (shorter ones are initials or words).
const MIN_LATIN_CHARS: usize = 3;
/// Fewest skeleton letters for a transliteration match: two consonants match too much.
const MIN_SKELETON: usize = 3;
/// Fewest letters of a Latin word matched by transliteration (its skeleton is shorter).
const MIN_TRANSLITERATED: usize = 4;
/// Most Arabic forms one Latin word adds.
const MAX_FORMS: usize = 12;
/// English label words that name nothing by themselves ("Ministry of Foreign Affairs of
/// Russia" is not found by "of").
const LABEL_STOPWORDS: [&str; 12] = [
    "the", "and", "for", "of", "in", "on", "at", "to", "by", "with", "from", "new",
];

/// A word [`LatinNames::widen`] looks up: Latin letters only, at least [`MIN_LATIN_CHARS`].
fn is_latin(w: &Word) -> bool {
    w.norm.chars().all(|c| c.is_ascii_alphabetic()) && w.norm.chars().count() >= MIN_LATIN_CHARS
}

/// True when `query` has a word [`LatinNames::widen`] would widen (it reads the entity table).
pub(crate) fn has_latin_word(query: &Query) -> bool {
    query.clauses.iter().any(|c| {
        c.alternatives
            .iter()
            .any(|i| matches!(i, Item::Word(w) if is_latin(w)))
    })
}

/// The lookups, built once per corpus: sorted pairs searched by binary search (smaller in the
/// app's wasm than hash maps, and a corpus has a few thousand names at most).
#[derive(Debug, Default)]
pub(crate) struct LatinNames {
    /// (lower-case English label word, entity), sorted.
    by_label: Vec<(String, u32)>,
    /// (skeleton, normalised Arabic name word of a person or place), sorted, unique.
    by_skeleton: Vec<(String, String)>,
    /// Each entity's aliases, each as its normalised words.
    aliases: Vec<Vec<Vec<String>>>,
}

impl LatinNames {
    pub(crate) fn new(table: &EntityTable) -> LatinNames {
        let mut out = LatinNames::default();
        for (e, ent) in table.entities.iter().enumerate() {
            if ent.kind == EntityKind::Date {
                out.aliases.push(Vec::new());
                continue;
            }
            let forms: Vec<Vec<String>> = std::iter::once(&ent.name)
                .chain(&ent.aliases)
                .map(|a| tokenize(a).into_iter().map(|t| t.norm).collect::<Vec<_>>())
                .filter(|w: &Vec<String>| !w.is_empty())
                .collect();
            for word in ent
                .label_en
                .iter()
                .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
            {
                let word = word.to_ascii_lowercase();
                if word.chars().count() >= MIN_LATIN_CHARS
                    && !LABEL_STOPWORDS.contains(&word.as_str())
                {
                    out.by_label.push((word, e as u32));
                }
            }
            if matches!(ent.kind, EntityKind::Person | EntityKind::Place) {
                for w in forms.iter().flatten() {
                    let sk = arabic_skeleton(w);
                    if sk.chars().count() >= MIN_SKELETON {
                        out.by_skeleton.push((sk, w.clone()));
                    }
                }
            }
            out.aliases.push(forms);
        }
        out.by_label.sort_unstable();
        out.by_label.dedup();
        out.by_skeleton.sort_unstable();
        out.by_skeleton.dedup();
        out
    }

    /// The entries of a sorted pair list whose key is `key` (or starts with it).
    fn lookup<'a, T>(list: &'a [(String, T)], key: &str, prefix: bool) -> &'a [(String, T)] {
        let start = list.partition_point(|(k, _)| k.as_str() < key);
        let rest = &list[start..];
        let n = rest.partition_point(|(k, _)| if prefix { k.starts_with(key) } else { k == key });
        &rest[..n]
    }

    /// `query` with each Latin word's clause widened to the Arabic names it stands for.
    pub(crate) fn widen(&self, mut query: Query) -> Query {
        for clause in &mut query.clauses {
            let mut added: Vec<Item> = Vec::new();
            for item in &clause.alternatives {
                if let Item::Word(w) = item {
                    for form in self.forms(w) {
                        let item = match form.len() {
                            1 => Item::Word(Word {
                                norm: form[0].clone(),
                                prefix: false,
                            }),
                            _ => Item::Phrase(form),
                        };
                        if !clause.alternatives.contains(&item) && !added.contains(&item) {
                            added.push(item);
                        }
                    }
                }
            }
            clause
                .alternatives
                .extend(added.into_iter().take(MAX_FORMS));
        }
        query
    }

    /// The Arabic forms (each as its words) a Latin query word stands for.
    fn forms(&self, w: &Word) -> Vec<Vec<String>> {
        if !is_latin(w) {
            return Vec::new();
        }
        let mut entities: Vec<u32> = Self::lookup(&self.by_label, &w.norm, false)
            .iter()
            .map(|&(_, e)| e)
            .collect();
        if w.prefix && entities.is_empty() {
            entities = Self::lookup(&self.by_label, &w.norm, true)
                .iter()
                .map(|&(_, e)| e)
                .collect();
            entities.sort_unstable();
            entities.dedup();
        }
        if !entities.is_empty() {
            return entities
                .iter()
                .flat_map(|&e| self.aliases.get(e as usize).into_iter().flatten())
                .cloned()
                .collect();
        }
        if w.norm.chars().count() < MIN_TRANSLITERATED {
            return Vec::new();
        }
        let sk = latin_skeleton(&w.norm);
        Self::lookup(&self.by_skeleton, &sk, false)
            .iter()
            .map(|(_, x)| vec![x.clone()])
            .collect()
    }
}
