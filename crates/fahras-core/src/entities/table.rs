//! From mentions to the per-corpus entity table: one entity per gazetteer entry, rule-found
//! name or date; aliases, per-article counts, co-occurrence; then the override file's renames,
//! merges and suppressions.

use crate::hash::HashMap;
use std::collections::BTreeMap;

use super::dates::display;
use super::gazetteer::{key_of, Gazetteer};
use super::matcher::Target;
use super::overrides::{rule_id, OverrideAction, Overrides};
use super::{Entity, EntityKind, EntityTable, Mention};
use crate::text::normalize;

/// A mention as found: article, block (None = title), UTF-16 span, surface text, target.
pub(crate) struct RawMention {
    pub article: u32,
    pub block: Option<u32>,
    pub start: u32,
    pub end: u32,
    pub surface: String,
    pub target: Target,
    /// The tagger's fine class, if the tagger found this mention.
    pub fine: Option<u8>,
}

/// Lower-case ASCII words joined by `-`, accents dropped: `Jean-Noël Barrot` → `jean-noel-barrot`.
pub(crate) fn slug_en(label: &str) -> String {
    let folded = normalize(label);
    let mut out = String::new();
    for c in folded.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// A found name as a chip shows it: a hashtag's marks off (#سعد_الحريري → سعد الحريري).
fn display_name(surface: &str) -> String {
    let s: String = surface
        .chars()
        .filter(|&c| c != '#')
        .map(|c| if c == '_' { ' ' } else { c })
        .collect();
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

struct Building {
    entity: Entity,
    /// Words in the name's key (a fuller form seen later renames the entity).
    name_words: usize,
    alias_keys: Vec<String>,
    /// article → mentions
    counts: BTreeMap<u32, u32>,
    /// The tagger's fine classes over the mentions: class → votes.
    fine_votes: BTreeMap<u8, u32>,
}

impl Building {
    fn add_alias(&mut self, surface: &str) {
        self.add_alias_keyed(surface, key_of(surface));
    }

    /// [`Building::add_alias`] with the surface's key already worked out.
    fn add_alias_keyed(&mut self, surface: &str, key: String) {
        if key.is_empty() || self.alias_keys.contains(&key) {
            return;
        }
        self.alias_keys.push(key);
        if surface != self.entity.name {
            self.entity.aliases.push(surface.to_owned());
        }
    }
}

fn new_entity(target: &Target, surface: &str, gaz: &Gazetteer) -> Building {
    let entity = match target {
        Target::Gaz(e) => {
            let g = &gaz.entries[*e as usize];
            Entity {
                id: g.id.clone(),
                name: g.name.clone(),
                kind: g.kind,
                aliases: Vec::new(),
                label_en: g.label_en.clone(),
                articles: Vec::new(),
                subtype: None,
            }
        }
        Target::Found { kind, key } => Entity {
            id: rule_id(*kind, key),
            name: display_name(surface),
            kind: *kind,
            aliases: Vec::new(),
            label_en: None,
            articles: Vec::new(),
            subtype: None,
        },
        Target::Date(iso) => {
            let (ar, en) = display(iso);
            Entity {
                id: format!("date:{iso}"),
                name: ar,
                kind: EntityKind::Date,
                aliases: Vec::new(),
                label_en: Some(en),
                articles: Vec::new(),
                subtype: None,
            }
        }
    };
    let name_key = key_of(&entity.name);
    let mut b = Building {
        name_words: name_key.split(' ').count(),
        alias_keys: vec![name_key],
        entity,
        counts: BTreeMap::new(),
        fine_votes: BTreeMap::new(),
    };
    if let Target::Gaz(e) = target {
        for a in &gaz.entries[*e as usize].aliases {
            b.add_alias(a);
        }
    }
    b
}

/// The id [`new_entity`] gives a target's entity, without building it.
fn entity_id<'g>(target: &Target, gaz: &'g Gazetteer) -> std::borrow::Cow<'g, str> {
    match target {
        Target::Gaz(e) => std::borrow::Cow::Borrowed(gaz.entries[*e as usize].id.as_str()),
        Target::Found { kind, key } => std::borrow::Cow::Owned(rule_id(*kind, key)),
        Target::Date(iso) => std::borrow::Cow::Owned(format!("date:{iso}")),
    }
}

fn kind_rank(k: EntityKind) -> u8 {
    match k {
        EntityKind::Person => 0,
        EntityKind::Place => 1,
        EntityKind::Org => 2,
        EntityKind::Date => 3,
    }
}

pub(crate) fn build(
    n_articles: usize,
    raw: Vec<RawMention>,
    gaz: &Gazetteer,
    overrides: Option<&Overrides>,
) -> EntityTable {
    let mut ents: Vec<Building> = Vec::new();
    let mut by_id: HashMap<String, usize> = HashMap::default();
    let mut mentions: Vec<(u32, Option<u32>, u32, u32, usize)> = Vec::new();
    for m in raw {
        // The entity is built the first time its id is seen, not for every mention.
        let id = entity_id(&m.target, gaz);
        let idx = match by_id.get(id.as_ref()) {
            Some(&i) => i,
            None => {
                ents.push(new_entity(&m.target, &m.surface, gaz));
                by_id.insert(id.into_owned(), ents.len() - 1);
                ents.len() - 1
            }
        };
        let b = &mut ents[idx];
        if let Some(f) = m.fine {
            *b.fine_votes.entry(f).or_insert(0) += 1;
        }
        if !matches!(m.target, Target::Date(_)) {
            let key = key_of(&m.surface);
            // A rule-found person is named by the fullest form seen ("كيريل دميترييف", not
            // "دميترييف").
            let words = key.split(' ').count();
            if matches!(m.target, Target::Found { .. }) && words > b.name_words {
                let old = std::mem::replace(&mut b.entity.name, display_name(&m.surface));
                b.entity.aliases.retain(|a| *a != b.entity.name);
                b.entity.aliases.push(old);
                b.name_words = words;
            }
            b.add_alias_keyed(&m.surface, key);
        }
        mentions.push((m.article, m.block, m.start, m.end, idx));
    }

    let mut alive = vec![true; ents.len()];
    if let Some(o) = overrides {
        for a in &o.actions {
            match a {
                OverrideAction::Rename {
                    id, name, label_en, ..
                } => {
                    if let Some(&i) = by_id.get(id) {
                        let b = &mut ents[i];
                        let old = std::mem::replace(&mut b.entity.name, name.clone());
                        b.entity.aliases.retain(|x| x != name);
                        if !b.entity.aliases.contains(&old) {
                            b.entity.aliases.insert(0, old);
                        }
                        b.alias_keys.push(key_of(name));
                        if label_en.is_some() {
                            b.entity.label_en = label_en.clone();
                        }
                    }
                }
                OverrideAction::Merge { from, into, .. } => {
                    let Some(&f) = by_id.get(from) else { continue };
                    let t = match by_id.get(into) {
                        Some(&t) => t,
                        None => {
                            let Some(e) = gaz.position(into) else {
                                continue;
                            };
                            ents.push(new_entity(&Target::Gaz(e), "", gaz));
                            alive.push(true);
                            by_id.insert(into.clone(), ents.len() - 1);
                            ents.len() - 1
                        }
                    };
                    if f == t || !alive[f] {
                        continue;
                    }
                    let names: Vec<String> = std::iter::once(ents[f].entity.name.clone())
                        .chain(ents[f].entity.aliases.clone())
                        .collect();
                    for n in names {
                        ents[t].add_alias(&n);
                    }
                    for m in mentions.iter_mut().filter(|m| m.4 == f) {
                        m.4 = t;
                    }
                    alive[f] = false;
                    by_id.insert(from.clone(), t);
                }
                OverrideAction::Suppress { id, .. } => {
                    if let Some(&i) = by_id.get(id) {
                        alive[i] = false;
                        mentions.retain(|m| m.4 != i);
                        by_id.remove(id);
                    }
                }
                OverrideAction::Add { .. } | OverrideAction::Alias { .. } => {}
            }
        }
    }

    for m in &mentions {
        *ents[m.4].counts.entry(m.0).or_insert(0) += 1;
    }
    let mut order: Vec<usize> = (0..ents.len())
        .filter(|&i| alive[i] && !ents[i].counts.is_empty())
        .collect();
    let total = |i: usize| ents[i].counts.values().sum::<u32>();
    order.sort_by(|&a, &b| {
        kind_rank(ents[a].entity.kind)
            .cmp(&kind_rank(ents[b].entity.kind))
            .then(total(b).cmp(&total(a)))
            .then(ents[a].entity.id.cmp(&ents[b].entity.id))
    });
    let mut new_index = vec![u32::MAX; ents.len()];
    for (n, &i) in order.iter().enumerate() {
        new_index[i] = n as u32;
    }

    let mut per_article: Vec<Vec<Mention>> = vec![Vec::new(); n_articles];
    for (article, block, start, end, i) in mentions {
        if let Some(list) = per_article.get_mut(article as usize) {
            list.push(Mention {
                entity: new_index[i],
                block,
                start,
                end,
            });
        }
    }
    for list in &mut per_article {
        list.sort_by_key(|m| (m.block.map_or(0, |b| b as u64 + 1), m.start, m.end));
        list.dedup();
    }

    // Pairs counted in a hash map (a B-tree here was a tenth of a 30,000-article build), then
    // put in order once.
    let mut pairs: HashMap<u64, u32> = HashMap::default();
    for list in &per_article {
        let mut present: Vec<u32> = list.iter().map(|m| m.entity).collect();
        present.sort_unstable();
        present.dedup();
        for (x, &a) in present.iter().enumerate() {
            for &b in &present[x + 1..] {
                *pairs.entry(u64::from(a) << 32 | u64::from(b)).or_insert(0) += 1;
            }
        }
    }
    let mut together: Vec<(u64, u32)> = pairs.into_iter().collect();
    together.sort_unstable_by_key(|&(k, _)| k);

    let entities = order
        .into_iter()
        .map(|i| {
            let mut e = std::mem::replace(&mut ents[i].entity, Entity::placeholder());
            // The fine class most of its tagged mentions had (of the entity's type).
            e.subtype = ents[i]
                .fine_votes
                .iter()
                .filter(|(&f, _)| {
                    super::ner::FINE
                        .get(f as usize)
                        .is_some_and(|x| x.1 == e.kind)
                })
                .max_by_key(|(&f, &n)| (n, std::cmp::Reverse(f)))
                .map(|(&f, _)| super::ner::fine_name(f).to_owned());
            e.articles = ents[i].counts.iter().map(|(&a, &n)| (a, n)).collect();
            e
        })
        .collect();
    EntityTable {
        entities,
        mentions: per_article,
        cooccurrence: together
            .into_iter()
            .map(|(k, n)| ((k >> 32) as u32, k as u32, n))
            .collect(),
    }
}
