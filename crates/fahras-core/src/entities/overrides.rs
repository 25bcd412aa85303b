//! The per-corpus override file, `entities.tsv` in the corpus folder: a journalist's
//! corrections to what the extractor found. One action per line, fields separated by tabs,
//! `#` starts a comment:
//!
//! ```text
//! add       <type>  <Arabic name>  [<aliases, |-separated>]  [<English label>]
//! alias     <id>    <aliases, |-separated>
//! rename    <id>    <Arabic name>  [<English label>]
//! merge     <id>    <into id>
//! suppress  <id>
//! ```
//!
//! An id is a gazetteer id (`person:donald-trump`), an id made by an `add` line of the same
//! file, a date id (`date:2022-02`), or the id of an entity the rules found, which is its type
//! and its normalised Arabic name joined by `-` (`person:كيريل-دميترييف`, as `fahras entities`
//! prints it). The first three kinds are checked when the file is read; a rule-found id can
//! only be checked against a corpus: [`Overrides::unused`] lists the ones that matched nothing.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use super::gazetteer::{key_of, GazEntry, Gazetteer};
use super::table::slug_en;
use super::{EntityKind, EntityTable};
use crate::corpus::Diagnostic;

/// The conventional name of the override file in a corpus folder.
pub const OVERRIDES_FILE: &str = "entities.tsv";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum OverrideAction {
    Add {
        line: u32,
        id: String,
        kind: EntityKind,
        name: String,
        aliases: Vec<String>,
        label_en: Option<String>,
    },
    Alias {
        line: u32,
        id: String,
        aliases: Vec<String>,
    },
    Rename {
        line: u32,
        id: String,
        name: String,
        label_en: Option<String>,
    },
    Merge {
        line: u32,
        from: String,
        into: String,
    },
    Suppress {
        line: u32,
        id: String,
    },
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Overrides {
    pub file: String,
    pub actions: Vec<OverrideAction>,
}

const ACTIONS: &str = "add, alias, rename, merge or suppress";

/// Parse and check an override file. Every problem is reported, each naming the file, the line
/// and the field.
pub fn parse_overrides(file_name: &str, text: &str) -> Result<Overrides, Vec<Diagnostic>> {
    let gaz = Gazetteer::builtin();
    let mut errors = Vec::new();
    let mut actions = Vec::new();
    let mut added: HashSet<String> = HashSet::new();
    for (n, raw) in text.lines().enumerate() {
        let line = n as u32 + 1;
        let content = raw.split_once('#').map_or(raw, |(a, _)| a);
        if content.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = content.split('\t').map(str::trim).collect();
        let mut err = |field: usize, what: &str, msg: String| {
            errors.push(Diagnostic::error(
                file_name,
                Some(line),
                format!("field {field} ({what}): {msg}"),
            ));
        };
        let get = |i: usize| fields.get(i).copied().filter(|f| !f.is_empty());
        let action = fields[0];
        let arity = match action {
            "add" => (3, 5),
            "alias" => (3, 3),
            "rename" => (3, 4),
            "merge" => (3, 3),
            "suppress" => (2, 2),
            other => {
                let hint = if other.contains(' ') {
                    " (fields are separated by tabs)"
                } else {
                    ""
                };
                err(
                    1,
                    "action",
                    format!("unknown action `{other}`; expected {ACTIONS}{hint}"),
                );
                continue;
            }
        };
        if fields.len() > arity.1 {
            err(
                arity.1 + 1,
                "extra",
                format!(
                    "`{action}` takes at most {} fields, found {}",
                    arity.1,
                    fields.len()
                ),
            );
            continue;
        }
        let names: &[&str] = match action {
            "add" => &["action", "type", "name", "aliases", "label_en"],
            "alias" => &["action", "id", "aliases"],
            "rename" => &["action", "id", "name", "label_en"],
            "merge" => &["action", "id", "into id"],
            _ => &["action", "id"],
        };
        if let Some(missing) = (1..arity.0).find(|&i| get(i).is_none()) {
            err(missing + 1, names[missing], "missing".into());
            continue;
        }
        let mut check_id = |field: usize, id: &str, added: &HashSet<String>| -> bool {
            match id_problem(id, &gaz, added) {
                None => true,
                Some(msg) => {
                    err(field, "id", msg);
                    false
                }
            }
        };
        let aliases = |i: usize| get(i).map(split_aliases).unwrap_or_default();
        match action {
            "add" => {
                let Some(kind) = get(1)
                    .and_then(EntityKind::parse)
                    .filter(|k| *k != EntityKind::Date)
                else {
                    err(
                        2,
                        "type",
                        format!(
                            "unknown type `{}`; expected person, place or org",
                            fields[1]
                        ),
                    );
                    continue;
                };
                let name = fields[2].to_owned();
                if key_of(&name).is_empty() {
                    err(3, "name", "has no letters".into());
                    continue;
                }
                let label_en = get(4).map(str::to_owned);
                let id = match &label_en {
                    Some(l) => format!("{}:{}", kind.as_str(), slug_en(l)),
                    None => rule_id(kind, &key_of(&name)),
                };
                if gaz.get(&id).is_some() || !added.insert(id.clone()) {
                    err(
                        3,
                        "name",
                        format!("`{id}` already exists; use `alias` to add spellings to it"),
                    );
                    continue;
                }
                actions.push(OverrideAction::Add {
                    line,
                    id,
                    kind,
                    name,
                    aliases: aliases(3),
                    label_en,
                });
            }
            "alias" => {
                if check_id(2, fields[1], &added) {
                    actions.push(OverrideAction::Alias {
                        line,
                        id: fields[1].to_owned(),
                        aliases: aliases(2),
                    });
                }
            }
            "rename" => {
                if check_id(2, fields[1], &added) {
                    let label_en = get(3).map(str::to_owned);
                    actions.push(OverrideAction::Rename {
                        line,
                        id: fields[1].to_owned(),
                        name: fields[2].to_owned(),
                        label_en,
                    });
                }
            }
            "merge" => {
                let ok = check_id(2, fields[1], &added) & check_id(3, fields[2], &added);
                if ok && fields[1] == fields[2] {
                    err(
                        3,
                        "into id",
                        "an entity cannot be merged into itself".into(),
                    );
                } else if ok && kind_of(fields[1]) != kind_of(fields[2]) {
                    err(
                        3,
                        "into id",
                        format!("`{}` and `{}` are of different types", fields[1], fields[2]),
                    );
                } else if ok {
                    actions.push(OverrideAction::Merge {
                        line,
                        from: fields[1].to_owned(),
                        into: fields[2].to_owned(),
                    });
                }
            }
            _ => {
                if check_id(2, fields[1], &added) {
                    actions.push(OverrideAction::Suppress {
                        line,
                        id: fields[1].to_owned(),
                    });
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(Overrides {
            file: file_name.to_owned(),
            actions,
        })
    } else {
        Err(errors)
    }
}

fn split_aliases(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(str::to_owned)
        .collect()
}

fn kind_of(id: &str) -> Option<EntityKind> {
    id.split_once(':').and_then(|(k, _)| EntityKind::parse(k))
}

/// The id the extractor gives an entity found by the rules: type + normalised name.
pub(crate) fn rule_id(kind: EntityKind, key: &str) -> String {
    format!("{}:{}", kind.as_str(), key.replace(' ', "-"))
}

/// Why `id` cannot be resolved, if it cannot.
fn id_problem(id: &str, gaz: &Gazetteer, added: &HashSet<String>) -> Option<String> {
    let Some((kind, rest)) = id.split_once(':') else {
        return Some(format!(
            "`{id}` is not an entity id (expected `type:name`, e.g. `person:donald-trump`)"
        ));
    };
    let Some(kind) = EntityKind::parse(kind) else {
        return Some(format!(
            "unknown entity type `{kind}` in `{id}`; expected person, place, org or date"
        ));
    };
    if rest.is_empty() {
        return Some(format!("`{id}` has no name after the type"));
    }
    if kind == EntityKind::Date {
        return (!super::dates::valid_iso(rest))
            .then(|| format!("unknown entity id `{id}`: not an ISO date like 2022-02"));
    }
    if gaz.get(id).is_some() || added.contains(id) {
        return None;
    }
    // ASCII ids are gazetteer ids; an unknown one is a typo. Arabic ones name rule-found entities.
    if rest.is_ascii() {
        return Some(format!(
            "unknown entity id `{id}` (not in the gazetteer nor added above)"
        ));
    }
    None
}

impl Overrides {
    /// Add the file's new entities and spellings to a gazetteer, and return the extra names
    /// for entities the rules find (alias lines on rule-found ids).
    pub(crate) fn extend(&self, gaz: &mut Gazetteer) -> Vec<(String, EntityKind, String)> {
        let mut rule_aliases = Vec::new();
        for a in &self.actions {
            match a {
                OverrideAction::Add {
                    id,
                    kind,
                    name,
                    aliases,
                    label_en,
                    ..
                } => {
                    gaz.push(GazEntry {
                        id: id.clone(),
                        kind: *kind,
                        name: name.clone(),
                        label_en: label_en.clone(),
                        aliases: aliases.clone(),
                        adjectives: Vec::new(),
                    });
                }
                OverrideAction::Alias { id, aliases, .. } => match gaz.position(id) {
                    Some(i) => {
                        gaz.entries[i as usize]
                            .aliases
                            .extend(aliases.iter().cloned());
                        gaz.reindex();
                    }
                    None => {
                        if let Some((kind, key)) = id
                            .split_once(':')
                            .and_then(|(k, r)| Some((EntityKind::parse(k)?, r.replace('-', " "))))
                        {
                            for alias in aliases {
                                rule_aliases.push((key_of(alias), kind, key.clone()));
                            }
                        }
                    }
                },
                _ => {}
            }
        }
        rule_aliases
    }

    /// Lines whose ids matched no entity of this table (rule-found ids cannot be checked
    /// before extraction): warnings to show the user.
    pub fn unused(&self, table: &EntityTable, gaz: &Gazetteer) -> Vec<Diagnostic> {
        // A merged-away rule-found entity lives on as an alias of the entity it joined.
        let as_alias = |id: &str| {
            id.split_once(':').is_some_and(|(_, rest)| {
                let key = rest.replace('-', " ");
                table.entities.iter().any(|e| {
                    std::iter::once(&e.name)
                        .chain(&e.aliases)
                        .any(|a| key_of(a) == key)
                })
            })
        };
        let known = |id: &str| {
            table.entities.iter().any(|e| e.id == id) || gaz.get(id).is_some() || as_alias(id)
        };
        let mut out = Vec::new();
        for a in &self.actions {
            let (line, ids): (u32, Vec<&String>) = match a {
                OverrideAction::Alias { line, id, .. }
                | OverrideAction::Rename { line, id, .. }
                | OverrideAction::Suppress { line, id } => (*line, vec![id]),
                OverrideAction::Merge { line, from, into } => (*line, vec![from, into]),
                OverrideAction::Add { .. } => continue,
            };
            for id in ids {
                if !known(id) {
                    out.push(Diagnostic::warning(
                        &self.file,
                        Some(line),
                        format!("`{id}` matched no entity of this corpus"),
                    ));
                }
            }
        }
        out
    }
}
