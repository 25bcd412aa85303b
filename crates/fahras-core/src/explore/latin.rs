//! Queries in Latin letters find Arabic names: `Putin` in a corpus that writes بوتين. A Latin
//! query word becomes an `OR` of itself and the Arabic forms of the entities it names:
//! - entities whose English label (from the gazetteer) has that word (`Putin` → Vladimir Putin
//!   → every alias: فلاديمير بوتين، بوتين);
//! - else the words of people's and places' names with the same consonant skeleton
//!   ([`crate::text::skeleton`]: Witkoff ↔ ويتكوف, Benkirane ↔ بنكيران).
//!
//! The Arabic forms then match, rank and highlight as if typed.

use crate::entities::{EntityKind, EntityTable};
use crate::hash::HashMap;
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

/// The lookups, built once per corpus.
#[derive(Debug, Default)]
pub(crate) struct LatinNames {
    /// Lower-case English label word → entities.
    by_label: HashMap<String, Vec<u32>>,
    /// Skeleton → normalised Arabic name words (people and places).
    by_skeleton: HashMap<String, Vec<String>>,
    /// Each entity's aliases, each as its normalised words.
    aliases: Vec<Vec<Vec<String>>>,
}

impl LatinNames {
    pub(crate) fn new(table: &EntityTable) -> LatinNames {
        let mut out = LatinNames::default();
        for (e, ent) in table.entities.iter().enumerate() {
            let forms: Vec<Vec<String>> = std::iter::once(&ent.name)
                .chain(&ent.aliases)
                .map(|a| tokenize(a).into_iter().map(|t| t.norm).collect::<Vec<_>>())
                .filter(|w: &Vec<String>| !w.is_empty())
                .collect();
            if ent.kind == EntityKind::Date {
                out.aliases.push(Vec::new());
                continue;
            }
            for word in ent
                .label_en
                .iter()
                .flat_map(|l| l.split(|c: char| !c.is_alphanumeric()))
            {
                let word = word.to_lowercase();
                if word.chars().count() >= MIN_LATIN_CHARS
                    && !LABEL_STOPWORDS.contains(&word.as_str())
                {
                    let list = out.by_label.entry(word).or_default();
                    if !list.contains(&(e as u32)) {
                        list.push(e as u32);
                    }
                }
            }
            if matches!(ent.kind, EntityKind::Person | EntityKind::Place) {
                for w in forms.iter().flatten() {
                    let sk = arabic_skeleton(w);
                    if sk.chars().count() >= MIN_SKELETON {
                        let list = out.by_skeleton.entry(sk).or_default();
                        if !list.contains(w) {
                            list.push(w.clone());
                        }
                    }
                }
            }
            out.aliases.push(forms);
        }
        out
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
        let latin = w.norm.chars().all(|c| c.is_ascii_alphabetic());
        if !latin || w.norm.chars().count() < MIN_LATIN_CHARS {
            return Vec::new();
        }
        let mut entities: Vec<u32> = self.by_label.get(&w.norm).cloned().unwrap_or_default();
        if w.prefix && entities.is_empty() {
            for (label, es) in &self.by_label {
                if label.starts_with(&w.norm) {
                    entities.extend(es);
                }
            }
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
        self.by_skeleton
            .get(&sk)
            .map(|words| words.iter().map(|x| vec![x.clone()]).collect())
            .unwrap_or_default()
    }
}
