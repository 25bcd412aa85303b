//! How the entity list is stored in a compiled corpus: smaller than its in-memory form, because
//! a split corpus's head loads the whole list before the first results (issue 17), and a whole
//! corpus carries it too. Measured on the first 10,000 ANT articles (29,782 entities, 130,081
//! article entries), gzip: the ids 196 → 9 KB, the article lists 300 → 226 KB.
//! - An id that [`derived_id`] gives back from the kind and name is not stored (94 % of them
//!   there: every name the tagger or the rules found and did not rename). The gazetteer's ids
//!   (`person:donald-trump`), dates and renamed entities keep theirs.
//! - An entity's (article, mentions) list stores each article as the difference from the one
//!   before (wrapping, so any list comes back exactly; the bundle's checks then bound it).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::gazetteer::key_of;
use super::overrides::rule_id;
use super::{Entity, EntityKind};

#[derive(Serialize, Deserialize)]
struct StoredEntity {
    /// `None` when [`derived_id`] gives it back.
    id: Option<String>,
    name: String,
    kind: EntityKind,
    aliases: Vec<String>,
    label_en: Option<String>,
    /// (article − the previous entry's article, mentions).
    articles: Vec<(u32, u32)>,
    subtype: Option<String>,
}

/// The id a found name gets from its kind and name (see `table::new_entity`).
fn derived_id(kind: EntityKind, name: &str) -> String {
    rule_id(kind, &key_of(name))
}

impl From<&Entity> for StoredEntity {
    fn from(e: &Entity) -> StoredEntity {
        let mut prev = 0u32;
        StoredEntity {
            id: (derived_id(e.kind, &e.name) != e.id).then(|| e.id.clone()),
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.clone(),
            label_en: e.label_en.clone(),
            articles: e
                .articles
                .iter()
                .map(|&(a, n)| (a.wrapping_sub(std::mem::replace(&mut prev, a)), n))
                .collect(),
            subtype: e.subtype.clone(),
        }
    }
}

impl From<StoredEntity> for Entity {
    fn from(s: StoredEntity) -> Entity {
        let mut at = 0u32;
        Entity {
            id: s.id.unwrap_or_else(|| derived_id(s.kind, &s.name)),
            articles: s
                .articles
                .into_iter()
                .map(|(d, n)| {
                    at = at.wrapping_add(d);
                    (at, n)
                })
                .collect(),
            name: s.name,
            kind: s.kind,
            aliases: s.aliases,
            label_en: s.label_en,
            subtype: s.subtype,
        }
    }
}

pub(crate) fn serialize<S: Serializer>(list: &[Entity], s: S) -> Result<S::Ok, S::Error> {
    s.collect_seq(list.iter().map(StoredEntity::from))
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Entity>, D::Error> {
    let stored = Vec::<StoredEntity>::deserialize(d)?;
    Ok(stored.into_iter().map(Entity::from).collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::EntityTable;

    fn entity(id: &str, name: &str, kind: EntityKind, articles: &[(u32, u32)]) -> Entity {
        Entity {
            id: id.to_owned(),
            name: name.to_owned(),
            kind,
            aliases: vec!["بوتين".to_owned()],
            label_en: None,
            articles: articles.to_vec(),
            subtype: Some("politician".to_owned()),
        }
    }

    #[test]
    fn entities_come_back_exactly_and_derivable_ids_are_not_stored() {
        let found = entity(
            "person:كيريل-دميترييف",
            "كيريل دميترييف",
            EntityKind::Person,
            &[(0, 2), (7, 1), (4_000_000_000, 3)],
        );
        assert_eq!(derived_id(found.kind, &found.name), found.id);
        let renamed = entity(
            "person:دميترييف",
            "كيريل دميترييف",
            EntityKind::Person,
            &[(3, 1)],
        );
        let gaz = entity(
            "person:vladimir-putin",
            "فلاديمير بوتين",
            EntityKind::Person,
            &[],
        );
        // Not ascending: still comes back (the bundle's checks judge it, not the encoding).
        let odd = entity("org:x", "س", EntityKind::Org, &[(9, 1), (2, 1)]);
        let table = EntityTable {
            entities: vec![found.clone(), renamed, gaz, odd],
            ..EntityTable::default()
        };
        let bytes = postcard::to_allocvec(&table).unwrap();
        let back: EntityTable = postcard::from_bytes(&bytes).unwrap();
        assert_eq!(back, table);
        // The found name's id is not in the bytes; the renamed one's and the gazetteer's are.
        let has = |s: &str| bytes.windows(s.len()).any(|w| w == s.as_bytes());
        assert!(!has("person:كيريل-دميترييف"));
        assert!(has("person:دميترييف"));
        assert!(has("person:vladimir-putin"));
    }
}
