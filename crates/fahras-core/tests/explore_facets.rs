//! Facet chips against their definition, computed the slow way: a chip's count is how many
//! results there would be with that chip's own type unfiltered (OR within a type, AND across
//! types); a group shows the active chips first, then the largest counts (ties by id), at least
//! `CHIPS_PER_GROUP` of them, and says how many chips with a count it left out; dates read
//! chronologically.
//!
//! Corpus: the five seeds and 40 real ANT articles (`tests/data/corpus/ant`, with their
//! provenance): enough entities that groups overflow, so the choice of chips is tested too.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use fahras_core::bundle::{compile_inputs, Bundle};
use fahras_core::entities::EntityKind;
use fahras_core::explore::{Chip, Explorer, CHIPS_PER_GROUP};
use fahras_core::state::ViewState;

fn ex() -> &'static Explorer {
    static E: OnceLock<Explorer> = OnceLock::new();
    E.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs = [
            root.join("../../seeds"),
            root.join("tests/data/corpus/ant/ant-sample.jsonl"),
        ];
        let b: Bundle = compile_inputs(&inputs).bundle.expect("bundle");
        Explorer::from_bundle(b).expect("decodes")
    })
}

fn state(q: &str, entities: &[String]) -> ViewState {
    ViewState {
        query: q.into(),
        entities: entities.to_vec(),
        ..Default::default()
    }
}

/// Every result of `st` (not only a page).
fn all_results(ex: &Explorer, st: &ViewState) -> BTreeSet<usize> {
    ex.results(st, false).articles().collect()
}

/// The groups as the definition gives them.
fn expected(ex: &Explorer, q: &str, filters: &[String]) -> Vec<(EntityKind, Vec<Chip>, usize)> {
    let mut out = Vec::new();
    for kind in [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Org,
        EntityKind::Date,
    ] {
        let others: Vec<String> = filters
            .iter()
            .filter(|id| ex.entities().entities[ex.entity_by_id(id).unwrap()].kind != kind)
            .cloned()
            .collect();
        let eligible = all_results(ex, &state(q, &others));
        let mut chips: Vec<Chip> = ex
            .entities()
            .entities
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == kind)
            .map(|(i, e)| Chip {
                entity: i as u32,
                count: e
                    .articles
                    .iter()
                    .filter(|(a, _)| eligible.contains(&(*a as usize)))
                    .count(),
                active: filters.contains(&e.id),
            })
            .filter(|c| c.count > 0 || c.active)
            .collect();
        let id = |c: &Chip| ex.entities().entities[c.entity as usize].id.clone();
        chips.sort_by(|a, b| {
            b.active
                .cmp(&a.active)
                .then(b.count.cmp(&a.count))
                .then_with(|| id(a).cmp(&id(b)))
        });
        let more = chips.len().saturating_sub(CHIPS_PER_GROUP);
        let keep = CHIPS_PER_GROUP.max(chips.iter().filter(|c| c.active).count());
        chips.truncate(keep);
        if kind == EntityKind::Date {
            chips.sort_by_key(id);
        }
        if !chips.is_empty() {
            out.push((kind, chips, more));
        }
    }
    out
}

fn shown(ex: &Explorer, q: &str, filters: &[String]) -> Vec<(EntityKind, Vec<Chip>, usize)> {
    ex.results(&state(q, filters), false)
        .facets
        .groups
        .into_iter()
        .map(|g| (g.kind, g.chips, g.more))
        .collect()
}

/// The most frequent entity of each kind (by articles).
fn frequent(ex: &Explorer, kind: EntityKind, n: usize) -> Vec<String> {
    let mut v: Vec<_> = ex
        .entities()
        .entities
        .iter()
        .filter(|e| e.kind == kind)
        .collect();
    v.sort_by(|a, b| {
        b.articles
            .len()
            .cmp(&a.articles.len())
            .then(a.id.cmp(&b.id))
    });
    v.into_iter().take(n).map(|e| e.id.clone()).collect()
}

#[test]
fn facet_groups_match_their_definition() {
    let ex = ex();
    let person = frequent(ex, EntityKind::Person, 2);
    let place = frequent(ex, EntityKind::Place, 2);
    let org = frequent(ex, EntityKind::Org, 1);
    let filter_sets: Vec<Vec<String>> = vec![
        vec![],
        vec![place[0].clone()],
        vec![place[0].clone(), place[1].clone()],
        vec![person[0].clone(), place[0].clone()],
        vec![person[0].clone(), person[1].clone(), org[0].clone()],
    ];
    let mut overflowing = 0;
    for q in ["", "روسيا", "الرئيس", "ترامب بوتين", "قمة", "المغرب"] {
        for filters in &filter_sets {
            let want = expected(ex, q, filters);
            overflowing += want.iter().filter(|(_, _, more)| *more > 0).count();
            assert_eq!(
                shown(ex, q, filters),
                want,
                "query «{q}», filters {filters:?}"
            );
        }
    }
    // Otherwise which chips a group keeps would go untested.
    assert!(overflowing >= 5, "only {overflowing} groups left chips out");
}
