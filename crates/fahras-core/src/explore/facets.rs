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
    // Counted from the eligible articles' own entity lists, once per distinct eligible set
    // (without an entity filter every kind shares one): a query that matches few articles
    // costs what they mention, not a walk over every entity's article list.
    let mut tallies: Vec<(Vec<bool>, Vec<u32>)> = Vec::new();
    let mut groups = Vec::new();
    for kind in KINDS {
        let ok = eligible(FilterKind::Entity(kind));
        let at = match tallies.iter().position(|(seen, _)| *seen == ok) {
            Some(at) => at,
            None => {
                let counts = tally(ex, &ok);
                tallies.push((ok, counts));
                tallies.len() - 1
            }
        };
        let counts = &tallies[at].1;
        let chips: Vec<Chip> = ex
            .entities()
            .entities
            .iter()
            .zip(counts)
            .enumerate()
            .filter(|(_, (e, _))| e.kind == kind)
            .map(|(i, (_, &count))| Chip {
                entity: i as u32,
                count: count as usize,
                active: active.iter().any(|f| f.entity == Some(i as u32)),
            })
            .filter(|c| c.count > 0 || c.active)
            .collect();
        let more = chips.len().saturating_sub(CHIPS_PER_GROUP);
        let mut chips = top(ex, chips);
        if kind == EntityKind::Date {
            // Dates read as a timeline: chronological, not by count.
            chips = best(chips, usize::MAX, &|a, b| id(ex, a) < id(ex, b));
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

/// How many of the `ok` articles mention each entity.
fn tally(ex: &Explorer, ok: &[bool]) -> Vec<u32> {
    let mut counts = vec![0u32; ex.entities().entities.len()];
    for (a, _) in ok.iter().enumerate().filter(|&(_, &k)| k) {
        for &(e, _) in ex.article_entities(a) {
            if let Some(c) = counts.get_mut(e as usize) {
                *c += 1;
            }
        }
    }
    counts
}

fn id<'a>(ex: &'a Explorer, c: &Chip) -> &'a str {
    &ex.entities().entities[c.entity as usize].id
}

/// The chips shown: active ones first, then by count, ties by id; at least
/// [`CHIPS_PER_GROUP`], and every active one.
fn top(ex: &Explorer, chips: Vec<Chip>) -> Vec<Chip> {
    let keep = CHIPS_PER_GROUP.max(chips.iter().filter(|c| c.active).count());
    best(chips, keep, &|a, b| {
        (a.active, a.count, std::cmp::Reverse(id(ex, a)))
            > (b.active, b.count, std::cmp::Reverse(id(ex, b)))
    })
}

/// The first `keep` of `chips` in the order `first` (true: a goes before b) gives. By
/// insertion rather than a slice sort: `keep` is small, a broad query has thousands of chips,
/// and every sort or selection instantiated here took the app's wasm 2 to 6 KB (gzip) larger.
fn best(chips: Vec<Chip>, keep: usize, first: &dyn Fn(&Chip, &Chip) -> bool) -> Vec<Chip> {
    let mut top: Vec<Chip> = Vec::with_capacity(keep.min(chips.len()) + 1);
    for c in chips {
        let at = top.iter().position(|t| first(&c, t)).unwrap_or(top.len());
        if at < keep {
            top.insert(at, c);
            top.truncate(keep);
        }
    }
    top
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
