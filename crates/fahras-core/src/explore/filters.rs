//! Entity and source filters: from the URL state, or typed in the search box as
//! `person:ترامب`, `مكان:موسكو`, `source:"اتحاد العالم الإسلامي"`, `date:2022`.
//! AND across types, OR within a type.

use crate::entities::EntityKind;
use crate::state::ViewState;
use crate::text::normalize;

use super::Explorer;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FilterKind {
    Entity(EntityKind),
    Source,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActiveFilter {
    pub kind: FilterKind,
    /// Entity id or source name, as in the URL.
    pub value: String,
    /// The entity, when `value` names one this corpus has.
    pub entity: Option<u32>,
    /// Typed in the query (removing it edits the query) rather than clicked.
    pub typed: bool,
    /// Where it was typed: a byte range of the query.
    pub span: Option<(usize, usize)>,
}

/// The query with its typed filters taken out.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TypedFilters {
    /// What is left for full-text search.
    pub rest: String,
    pub filters: Vec<ActiveFilter>,
}

const KEYS: &[(&str, Option<EntityKind>)] = &[
    ("person", Some(EntityKind::Person)),
    ("شخص", Some(EntityKind::Person)),
    ("place", Some(EntityKind::Place)),
    ("مكان", Some(EntityKind::Place)),
    ("org", Some(EntityKind::Org)),
    ("منظمة", Some(EntityKind::Org)),
    ("date", Some(EntityKind::Date)),
    ("تاريخ", Some(EntityKind::Date)),
    ("source", None),
    ("مصدر", None),
];

/// The query without any typed filter (for "clear all").
pub fn strip_typed_filters(query: &str) -> String {
    let mut spans = Vec::new();
    scan(query, |_, _, span| spans.push(span));
    remove_spans(query, &spans)
}

/// The query without the typed filter at `span` (for its chip's remove button).
pub fn remove_typed_filter(query: &str, span: (usize, usize)) -> String {
    remove_spans(query, &[span])
}

fn remove_spans(query: &str, spans: &[(usize, usize)]) -> String {
    let mut out = String::with_capacity(query.len());
    let mut pos = 0;
    for &(s, e) in spans {
        if s < pos || e > query.len() || !query.is_char_boundary(s) || !query.is_char_boundary(e) {
            continue;
        }
        out.push_str(&query[pos..s]);
        pos = e;
    }
    out.push_str(&query[pos..]);
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Takes `key:value` and `key:"quoted value"` terms out of the query.
pub fn split_typed(query: &str, ex: &Explorer) -> TypedFilters {
    let mut out = TypedFilters::default();
    let mut spans = Vec::new();
    scan(query, |kind, value, span| {
        let before = out.filters.len();
        resolve(ex, kind, value, &mut out.filters);
        for f in &mut out.filters[before..] {
            f.span = Some(span);
        }
        spans.push(span);
    });
    let mut rest = remove_spans(query, &spans);
    if query.ends_with(char::is_whitespace) && !rest.is_empty() {
        rest.push(' ');
    }
    out.rest = rest;
    out
}

/// Calls `found(kind, value, span)` for every typed filter in the query.
fn scan(query: &str, mut found: impl FnMut(Option<EntityKind>, &str, (usize, usize))) {
    let mut i = 0;
    let b = query.as_bytes();
    while i < query.len() {
        let word_start = i;
        let at_word_start = i == 0 || b[i - 1].is_ascii_whitespace();
        let key_hit = at_word_start
            .then(|| {
                KEYS.iter().find(|(k, _)| {
                    query[i..].starts_with(k) && query[i + k.len()..].starts_with(':')
                })
            })
            .flatten();
        if let Some(&(key, kind)) = key_hit {
            let vstart = i + key.len() + 1;
            let (value, end) = if query[vstart..].starts_with('"') {
                match query[vstart + 1..].find('"') {
                    Some(q) => (&query[vstart + 1..vstart + 1 + q], vstart + q + 2),
                    None => (&query[vstart + 1..], query.len()),
                }
            } else {
                let e = query[vstart..]
                    .find(char::is_whitespace)
                    .map_or(query.len(), |e| vstart + e);
                (&query[vstart..e], e)
            };
            if !value.trim().is_empty() {
                found(kind, value.trim(), (word_start, end));
                i = end;
                continue;
            }
            i = word_start;
        }
        i += query[i..].chars().next().map_or(1, char::len_utf8);
    }
}

/// A filter typed in the query (`person:…`) that resolved to entity `i`.
fn typed_entity(kind: EntityKind, i: usize, id: &str) -> ActiveFilter {
    ActiveFilter {
        kind: FilterKind::Entity(kind),
        value: id.to_string(),
        entity: Some(i as u32),
        typed: true,
        span: None,
    }
}

fn resolve(ex: &Explorer, kind: Option<EntityKind>, value: &str, filters: &mut Vec<ActiveFilter>) {
    let Some(kind) = kind else {
        let nv = normalize(value);
        let source = ex
            .articles
            .iter()
            .filter_map(|a| a.source.as_deref())
            .find(|s| normalize(s) == nv);
        filters.push(ActiveFilter {
            kind: FilterKind::Source,
            value: source.unwrap_or(value).to_string(),
            entity: None,
            typed: true,
            span: None,
        });
        return;
    };
    let nv = normalize(value);
    let mut found = false;
    for (i, e) in ex.entities_waited().entities.iter().enumerate() {
        if e.kind != kind {
            continue;
        }
        let id_tail = e.id.split_once(':').map_or(e.id.as_str(), |(_, t)| t);
        let hit = e.id == value
            || id_tail == value
            || (kind == EntityKind::Date && id_tail.starts_with(value) && value.len() >= 4)
            || normalize(&e.name) == nv
            || e.aliases.iter().any(|a| normalize(a) == nv)
            || e.label_en.as_deref().is_some_and(|l| normalize(l) == nv);
        if hit {
            found = true;
            filters.push(typed_entity(kind, i, &e.id));
        }
    }
    if !found {
        // A single word of a name (`person:بوتين` for "فلاديمير بوتين") is what people type.
        for (i, e) in ex.entities_waited().entities.iter().enumerate() {
            let has_word = |s: &str| normalize(s).split_whitespace().any(|w| w == nv);
            if e.kind == kind
                && !nv.contains(' ')
                && (has_word(&e.name) || e.aliases.iter().any(|a| has_word(a)))
            {
                found = true;
                filters.push(typed_entity(kind, i, &e.id));
            }
        }
    }
    if !found {
        filters.push(ActiveFilter {
            kind: FilterKind::Entity(kind),
            value: value.to_string(),
            entity: None,
            typed: true,
            span: None,
        });
    }
}

/// The filters in force: clicked ones from the URL state, then typed ones.
pub fn active(state: &ViewState, typed: &TypedFilters, ex: &Explorer) -> Vec<ActiveFilter> {
    let mut out: Vec<ActiveFilter> = Vec::new();
    for id in &state.entities {
        let entity = ex.entity_by_id(id).map(|i| i as u32);
        // An unknown id (a stale or hand-edited link) still filters: to nothing, visibly.
        let kind = entity
            .and_then(|e| ex.entity_kind(e))
            .or_else(|| kind_of_id(id))
            .unwrap_or(EntityKind::Person);
        out.push(ActiveFilter {
            kind: FilterKind::Entity(kind),
            value: id.clone(),
            entity,
            typed: false,
            span: None,
        });
    }
    for s in &state.sources {
        out.push(ActiveFilter {
            kind: FilterKind::Source,
            value: s.clone(),
            entity: None,
            typed: false,
            span: None,
        });
    }
    for f in &typed.filters {
        if !out.iter().any(|g| g.kind == f.kind && g.value == f.value) {
            out.push(f.clone());
        }
    }
    out
}

fn kind_of_id(id: &str) -> Option<EntityKind> {
    match id.split_once(':')?.0 {
        "person" => Some(EntityKind::Person),
        "place" => Some(EntityKind::Place),
        "org" => Some(EntityKind::Org),
        "date" => Some(EntityKind::Date),
        _ => None,
    }
}

/// Whether `article` passes every filter group except `except` (for facet counts).
pub fn matches(
    ex: &Explorer,
    article: usize,
    active: &[ActiveFilter],
    except: Option<FilterKind>,
) -> bool {
    // Each kind once (at most five); no allocation per call: this runs per article per keystroke.
    let first_of_kind = |i: usize| !active[..i].iter().any(|g| g.kind == active[i].kind);
    (0..active.len())
        .filter(|&i| first_of_kind(i))
        .map(|i| active[i].kind)
        .filter(|&k| Some(k) != except)
        .all(|k| {
            active.iter().filter(|f| f.kind == k).any(|f| match f.kind {
                FilterKind::Source => {
                    ex.articles.get(article).and_then(|a| a.source.as_deref())
                        == Some(f.value.as_str())
                }
                FilterKind::Entity(_) => f
                    .entity
                    .is_some_and(|e| ex.article_entities(article).iter().any(|&(x, _)| x == e)),
            })
        })
}
