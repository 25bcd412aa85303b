//! How the entity list is stored in a compiled corpus: smaller than its in-memory form, because
//! a split corpus's head loads the whole list before the first results (issue 17), and a whole
//! corpus carries it too. Measured on the first 10,000 ANT articles (29,782 entities, 130,081
//! article entries), gzip: the ids 196 → 9 KB, the article lists 300 → 226 KB; then as columns
//! the whole list 550 → 466 KB (100,000 synthetic articles: 3.41 → 2.88 MB).
//! - An id that [`derived_id`] gives back from the kind and name is not stored (94 % of them
//!   there: every name the tagger or the rules found and did not rename). The gazetteer's ids
//!   (`person:donald-trump`), dates and renamed entities keep theirs.
//! - An entity's (article, mentions) list stores each article as the difference from the one
//!   before (wrapping, so any list comes back exactly; the bundle's checks then bound it).
//! - The list is stored as columns, not records: every name, then every kind, …, every
//!   article difference, every mention count. Like next to like is what gzip finds (names
//!   repeat words, counts are mostly 1), where records interleave text with numbers.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::gazetteer::key_of;
use super::overrides::rule_id;
use super::{Entity, EntityKind};

/// The entity list as columns. An entity's aliases are cut out of the flat `aliases` by
/// `alias_lens`, its article list out of `deltas` and `counts` by `list_lens`. (Few column
/// types, each one the bundle has elsewhere: every new one is more decoder in the page's wasm.)
#[derive(Serialize, Deserialize)]
struct Columns {
    /// Entities whose id is not [`derived_id`]'s, and those ids.
    id_of: Vec<u32>,
    ids: Vec<String>,
    names: Vec<String>,
    kinds: Vec<EntityKind>,
    alias_lens: Vec<u32>,
    aliases: Vec<String>,
    labels_en: Vec<Option<String>>,
    subtypes: Vec<Option<String>>,
    list_lens: Vec<u32>,
    deltas: Vec<u32>,
    counts: Vec<u32>,
}

fn derived_id(kind: EntityKind, name: &str) -> String {
    rule_id(kind, &key_of(name))
}

pub(crate) fn serialize<S: Serializer>(list: &[Entity], s: S) -> Result<S::Ok, S::Error> {
    let mut c = Columns {
        id_of: Vec::new(),
        ids: Vec::new(),
        names: Vec::with_capacity(list.len()),
        kinds: Vec::with_capacity(list.len()),
        alias_lens: Vec::with_capacity(list.len()),
        aliases: Vec::new(),
        labels_en: Vec::with_capacity(list.len()),
        subtypes: Vec::with_capacity(list.len()),
        list_lens: Vec::with_capacity(list.len()),
        deltas: Vec::new(),
        counts: Vec::new(),
    };
    for (i, e) in list.iter().enumerate() {
        if derived_id(e.kind, &e.name) != e.id {
            c.id_of.push(i as u32);
            c.ids.push(e.id.clone());
        }
        c.names.push(e.name.clone());
        c.kinds.push(e.kind);
        c.alias_lens.push(e.aliases.len() as u32);
        c.aliases.extend(e.aliases.iter().cloned());
        c.labels_en.push(e.label_en.clone());
        c.subtypes.push(e.subtype.clone());
        c.list_lens.push(e.articles.len() as u32);
        let mut prev = 0u32;
        for &(a, n) in &e.articles {
            c.deltas
                .push(a.wrapping_sub(std::mem::replace(&mut prev, a)));
            c.counts.push(n);
        }
    }
    c.serialize(s)
}

/// The sum of `lens`, when it is `total` (no overflow).
fn adds_up(lens: &[u32], total: usize) -> bool {
    lens.iter()
        .try_fold(0usize, |sum, &l| sum.checked_add(l as usize))
        == Some(total)
}

pub(crate) fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Entity>, D::Error> {
    let mut c = Columns::deserialize(d)?;
    let n = c.names.len();
    let same = [
        c.kinds.len(),
        c.alias_lens.len(),
        c.labels_en.len(),
        c.subtypes.len(),
        c.list_lens.len(),
    ]
    .iter()
    .all(|&l| l == n);
    if !same || c.id_of.len() != c.ids.len() {
        return Err(D::Error::custom(
            "the entity list's columns differ in length",
        ));
    }
    if !adds_up(&c.alias_lens, c.aliases.len())
        || !adds_up(&c.list_lens, c.deltas.len())
        || c.deltas.len() != c.counts.len()
    {
        return Err(D::Error::custom(
            "the entity list's aliases or article lists do not add up to their entries",
        ));
    }
    let mut ids: Vec<Option<String>> = vec![None; n];
    for (&i, id) in c.id_of.iter().zip(c.ids) {
        match ids.get_mut(i as usize) {
            Some(slot) => *slot = Some(id),
            None => return Err(D::Error::custom(format!("an id for entity {i} of {n}"))),
        }
    }
    let mut out = Vec::with_capacity(n);
    let mut aliases = c.aliases.into_iter();
    let (mut entry, mut id) = (0usize, ids.into_iter());
    for i in 0..n {
        let name = std::mem::take(&mut c.names[i]);
        let kind = c.kinds[i];
        let len = c.list_lens[i] as usize;
        let mut at = 0u32;
        let articles = (entry..entry + len)
            .map(|k| {
                at = at.wrapping_add(c.deltas[k]);
                (at, c.counts[k])
            })
            .collect();
        entry += len;
        out.push(Entity {
            id: id
                .next()
                .flatten()
                .unwrap_or_else(|| derived_id(kind, &name)),
            name,
            kind,
            aliases: aliases.by_ref().take(c.alias_lens[i] as usize).collect(),
            label_en: c.labels_en[i].take(),
            articles,
            subtype: c.subtypes[i].take(),
        });
    }
    Ok(out)
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

    #[test]
    fn columns_that_do_not_fit_together_are_refused() {
        let table = |c: &Columns| {
            let mut bytes = postcard::to_allocvec(c).unwrap();
            // An EntityTable: the list, then no mentions and no pairs.
            bytes.extend_from_slice(&[0, 0]);
            postcard::from_bytes::<EntityTable>(&bytes)
        };
        let ok = Columns {
            id_of: vec![0],
            ids: vec!["org:x".into()],
            names: vec!["س".into()],
            kinds: vec![EntityKind::Org],
            alias_lens: vec![1],
            aliases: vec!["سين".into()],
            labels_en: vec![None],
            subtypes: vec![None],
            list_lens: vec![2],
            deltas: vec![3, 4],
            counts: vec![1, 2],
        };
        let back = table(&ok).expect("fitting columns");
        assert_eq!(back.entities[0].articles, vec![(3, 1), (7, 2)]);
        assert_eq!(back.entities[0].id, "org:x");
        assert_eq!(back.entities[0].aliases, vec!["سين".to_owned()]);
        let short_kinds = Columns {
            kinds: vec![],
            ..clone(&ok)
        };
        assert!(table(&short_kinds).is_err());
        let long_list = Columns {
            list_lens: vec![u32::MAX],
            ..clone(&ok)
        };
        assert!(table(&long_list).is_err());
        let lost_count = Columns {
            counts: vec![1],
            ..clone(&ok)
        };
        assert!(table(&lost_count).is_err());
        let foreign_id = Columns {
            id_of: vec![5],
            ..clone(&ok)
        };
        assert!(table(&foreign_id).is_err());
        let lost_alias = Columns {
            alias_lens: vec![2],
            ..clone(&ok)
        };
        assert!(table(&lost_alias).is_err());
    }

    fn clone(c: &Columns) -> Columns {
        postcard::from_bytes(&postcard::to_allocvec(c).unwrap()).unwrap()
    }
}
