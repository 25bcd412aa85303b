//! Facet counts that follow the query and the other filters: a chip's count is how many results
//! there would be with that chip added to its own group (OR within a type, AND across types).

use crate::entities::EntityKind;

use super::filters::{matches, ActiveFilter, FilterKind};
use super::Explorer;

/// Chips shown per group before "more"; active chips are always shown.
pub const CHIPS_PER_GROUP: usize = 12;

#[derive(Debug, Clone, Default)]
pub struct Facets {
    pub groups: Vec<FacetGroup>,
    pub sources: Vec<SourceChip>,
    /// The stories with the most reports among the results: (story, reports in the results).
    pub stories: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct FacetGroup {
    pub kind: EntityKind,
    pub chips: Vec<Chip>,
    /// Chips with a non-zero count left out of `chips`.
    pub more: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Chip {
    pub entity: u32,
    pub count: usize,
    pub active: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceChip {
    pub source: String,
    pub count: usize,
    pub active: bool,
}

pub const KINDS: [EntityKind; 4] = [
    EntityKind::Person,
    EntityKind::Place,
    EntityKind::Org,
    EntityKind::Date,
];

/// `kept`: the results (query and every filter applied), for the story facet.
pub fn count(
    ex: &Explorer,
    hit_set: &[bool],
    active: &[ActiveFilter],
    kept: impl Iterator<Item = usize>,
) -> Facets {
    let eligible = |except: FilterKind| -> Vec<bool> {
        hit_set
            .iter()
            .enumerate()
            .map(|(a, &h)| h && matches(ex, a, active, Some(except)))
            .collect()
    };
    let mut groups = Vec::new();
    for kind in KINDS {
        let ok = eligible(FilterKind::Entity(kind));
        let mut chips: Vec<Chip> = ex
            .entities
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(i, e)| {
                let count = e
                    .articles
                    .iter()
                    .filter(|&&(a, _)| ok.get(a as usize).copied().unwrap_or(false))
                    .count();
                let active = active.iter().any(|f| f.entity == Some(i as u32));
                Chip {
                    entity: i as u32,
                    count,
                    active,
                }
            })
            .filter(|c| c.count > 0 || c.active)
            .collect();
        let name = |c: &Chip| ex.entities.entities[c.entity as usize].id.clone();
        chips.sort_by(|a, b| {
            b.active
                .cmp(&a.active)
                .then(b.count.cmp(&a.count))
                .then_with(|| name(a).cmp(&name(b)))
        });
        let more = chips.len().saturating_sub(CHIPS_PER_GROUP);
        let keep = CHIPS_PER_GROUP.max(chips.iter().filter(|c| c.active).count());
        chips.truncate(keep);
        if kind == EntityKind::Date {
            // Dates read as a timeline: chronological, not by count.
            chips.sort_by_key(|c| ex.entities.entities[c.entity as usize].id.clone());
        }
        if !chips.is_empty() {
            groups.push(FacetGroup { kind, chips, more });
        }
    }
    let ok = eligible(FilterKind::Source);
    let mut sources: Vec<SourceChip> = Vec::new();
    for (a, art) in ex.articles.iter().enumerate() {
        let Some(s) = art.source.as_deref() else {
            continue;
        };
        let pos = match sources.iter().position(|c| c.source == s) {
            Some(p) => p,
            None => {
                let active = active
                    .iter()
                    .any(|f| f.kind == FilterKind::Source && f.value == s);
                sources.push(SourceChip {
                    source: s.to_string(),
                    count: 0,
                    active,
                });
                sources.len() - 1
            }
        };
        if ok[a] {
            sources[pos].count += 1;
        }
    }
    sources.retain(|c| c.count > 0 || c.active);
    sources.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.source.cmp(&b.source)));
    Facets {
        groups,
        sources,
        stories: stories(ex, kept),
    }
}

/// The stories among the results (`kept`), most reports first.
fn stories(ex: &Explorer, kept: impl Iterator<Item = usize>) -> Vec<(usize, usize)> {
    let mut counts = vec![0usize; ex.stories.len()];
    for s in kept.filter_map(|a| ex.story_of(a)) {
        counts[s] += 1;
    }
    let mut out: Vec<(usize, usize)> = counts
        .into_iter()
        .enumerate()
        .filter(|&(_, n)| n > 0)
        .collect();
    out.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    out.truncate(CHIPS_PER_GROUP);
    out
}
