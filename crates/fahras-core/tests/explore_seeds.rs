//! The explorer layer on the compiled seeds: filters (AND across types, OR within), facet
//! counts, typed filters, reader segments, removed text in place, related articles, the entity
//! view, export, and the bundle's integrity checks.

use std::collections::BTreeSet;
use std::path::Path;
use std::sync::OnceLock;

use fahras_core::bundle::{compile_dir, Bundle, BundleError};
use fahras_core::entities::EntityKind;
use fahras_core::explore::{to_csv, to_json, Explorer, FilterKind};
use fahras_core::state::ViewState;
use fahras_core::text::{normalize, tokenize, Utf16Index};

fn bundle() -> &'static Bundle {
    static B: OnceLock<Bundle> = OnceLock::new();
    B.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let c = compile_dir(&dir).expect("seeds readable");
        assert!(
            c.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}",
            c.diagnostics
        );
        c.bundle.expect("bundle")
    })
}

fn ex() -> Explorer {
    Explorer::from_bundle(bundle().clone()).expect("decodes")
}

fn state(q: &str, entities: &[&str]) -> ViewState {
    ViewState {
        query: q.into(),
        entities: entities.iter().map(|s| s.to_string()).collect(),
        ..Default::default()
    }
}

fn articles_of(ex: &Explorer, id: &str) -> BTreeSet<usize> {
    let e = &ex.entities().entities[ex.entity_by_id(id).expect("entity")];
    e.articles.iter().map(|&(a, _)| a as usize).collect()
}

fn result_set(ex: &Explorer, st: &ViewState) -> BTreeSet<usize> {
    ex.results(st, false)
        .items
        .iter()
        .map(|i| i.hit.article)
        .collect()
}

fn entities_of(ex: &Explorer, kind: EntityKind) -> Vec<String> {
    let mut v: Vec<&fahras_core::entities::Entity> = ex
        .entities()
        .entities
        .iter()
        .filter(|e| e.kind == kind)
        .collect();
    v.sort_by_key(|e| std::cmp::Reverse(e.articles.len()));
    v.into_iter().map(|e| e.id.clone()).collect()
}

#[test]
fn empty_state_lists_every_article_once() {
    let ex = ex();
    let r = ex.results(&ViewState::default(), false);
    assert_eq!(r.items.len(), ex.articles.len());
    assert!(r.active.is_empty());
}

#[test]
fn filters_and_across_types_or_within_a_type() {
    let ex = ex();
    let people = entities_of(&ex, EntityKind::Person);
    let places = entities_of(&ex, EntityKind::Place);
    let (p0, p1, pl) = (
        &people[0],
        &people[people.len() - 1],
        &places[places.len() - 1],
    );
    assert_eq!(result_set(&ex, &state("", &[p0])), articles_of(&ex, p0));
    let union: BTreeSet<usize> = articles_of(&ex, p0)
        .union(&articles_of(&ex, p1))
        .copied()
        .collect();
    assert_eq!(
        result_set(&ex, &state("", &[p0, p1])),
        union,
        "OR within a type"
    );
    let inter: BTreeSet<usize> = union.intersection(&articles_of(&ex, pl)).copied().collect();
    assert_eq!(
        result_set(&ex, &state("", &[p0, p1, pl])),
        inter,
        "AND across types"
    );
}

#[test]
fn facet_counts_follow_query_and_other_filters() {
    let ex = ex();
    let place = entities_of(&ex, EntityKind::Place).pop().expect("a place");
    let place_arts = articles_of(&ex, &place);
    let st = state("روسيا", &[&place]);
    let hits = result_set(&ex, &state("روسيا", &[]));
    let r = ex.results(&st, false);
    for g in &r.facets.groups {
        for c in &g.chips {
            let e = &ex.entities().entities[c.entity as usize];
            let arts: BTreeSet<usize> = e.articles.iter().map(|&(a, _)| a as usize).collect();
            let want = if g.kind == EntityKind::Place {
                // Its own group ignores its own filter (OR within the type).
                arts.intersection(&hits).count()
            } else {
                arts.iter()
                    .filter(|a| hits.contains(a) && place_arts.contains(a))
                    .count()
            };
            assert_eq!(c.count, want, "count of {}", e.id);
        }
    }
    assert!(r
        .facets
        .groups
        .iter()
        .flat_map(|g| &g.chips)
        .any(|c| c.active));
}

#[test]
fn typed_filters_resolve_by_name_alias_or_id_and_leave_the_rest_for_search() {
    let ex = ex();
    let person = &ex.entities().entities[ex
        .entity_by_id(&entities_of(&ex, EntityKind::Person)[0])
        .unwrap()];
    let q = format!("روسيا person:\"{}\" ", person.name);
    let r = ex.results(&state(&q, &[]), false);
    assert_eq!(r.active.len(), 1);
    assert_eq!(r.active[0].kind, FilterKind::Entity(EntityKind::Person));
    assert_eq!(r.active[0].value, person.id);
    let (s, e) = r.active[0].span.expect("typed span");
    assert_eq!(&q[s..e], format!("person:\"{}\"", person.name));
    let want: BTreeSet<usize> = result_set(&ex, &state("روسيا", &[]))
        .intersection(&articles_of(&ex, &person.id))
        .copied()
        .collect();
    assert_eq!(
        r.items
            .iter()
            .map(|i| i.hit.article)
            .collect::<BTreeSet<_>>(),
        want
    );
    assert_eq!(
        fahras_core::explore::remove_typed_filter(&q, (s, e)),
        "روسيا"
    );
    assert_eq!(
        fahras_core::explore::strip_typed_filters("شخص:فلان a مكان:\"x y\" b"),
        "a b"
    );
    // One word of a multi-word name is enough.
    let last = person.name.split_whitespace().last().unwrap();
    let r = ex.results(&state(&format!("شخص:{last}"), &[]), false);
    assert!(
        r.active.iter().any(|f| f.value == person.id),
        "{last} resolves to {}",
        person.id
    );
}

#[test]
fn unknown_filters_give_an_empty_result_with_a_way_out() {
    let ex = ex();
    let r = ex.results(&state("روسيا", &["person:nobody-at-all"]), false);
    assert!(r.items.is_empty());
    assert_eq!(r.drop_filter.len(), 1);
    assert!(r.drop_filter[0].1 > 0);
    let typed = ex.results(&state("مكان:أطلانطس", &[]), false);
    assert!(typed.items.is_empty() && typed.active[0].entity.is_none());
}

#[test]
fn empty_result_suggests_dictionary_words() {
    let ex = ex();
    let r = ex.results(&state("دميتريييفف", &[]), false);
    if r.items.is_empty() {
        assert!(
            !r.suggested_terms.is_empty(),
            "a near-miss word gets suggestions"
        );
    }
}

#[test]
fn reader_segments_cover_the_text_and_hits_are_whole_words() {
    let ex = ex();
    for q in ["دميترييف", "واشنطن", "\"الولايات المتحدة\"", "الروسيه"]
    {
        for a in 0..ex.articles.len() {
            let v = ex.reader(a, q, false).expect("reader");
            assert_eq!(v.blocks.len(), ex.articles[a].blocks.len());
            let mut seen = Vec::new();
            for (b, blk) in v.blocks.iter().enumerate() {
                let text: String = blk.segments.iter().map(|s| s.text.as_str()).collect();
                assert_eq!(
                    text, ex.articles[a].blocks[b].text,
                    "segments rebuild the block"
                );
                let words = tokenize(&text);
                let mut pos = 0;
                for s in &blk.segments {
                    let (start, end) = (pos, pos + s.text.len());
                    pos = end;
                    // No boundary inside a word: Arabic letters must stay in one text run.
                    for p in [start, end] {
                        assert!(
                            !words.iter().any(|w| w.start < p && p < w.end),
                            "{q}: boundary of segment {:?} splits a word",
                            s.text
                        );
                    }
                    if let Some(h) = s.hit {
                        if seen.last() != Some(&h) {
                            seen.push(h);
                        }
                    }
                }
            }
            let title_hits = v
                .title
                .iter()
                .filter_map(|s| s.hit)
                .collect::<BTreeSet<_>>()
                .len() as u32;
            assert_eq!(
                seen.len() as u32 + title_hits,
                v.hit_count,
                "{q}: hits numbered once each"
            );
        }
    }
}

#[test]
fn removed_text_appears_in_place_on_demand() {
    let ex = ex();
    let a = (0..ex.articles.len())
        .max_by_key(|&a| ex.articles[a].removed.len())
        .unwrap();
    let art = &ex.articles[a];
    let v = ex.reader(a, "", true).unwrap();
    assert_eq!(v.blocks.len(), art.blocks.len() + art.removed.len());
    let removed: Vec<&str> = v
        .blocks
        .iter()
        .filter(|b| b.removed.is_some())
        .map(|b| b.segments[0].text.as_str())
        .collect();
    assert_eq!(
        removed,
        art.removed
            .iter()
            .map(|r| r.text.as_str())
            .collect::<Vec<_>>()
    );
    // In place: each removed segment comes right before the block it preceded.
    let mut kept = 0usize;
    for b in &v.blocks {
        match b.removed {
            Some(_) => {}
            None => kept += 1,
        }
    }
    assert_eq!(kept, art.blocks.len());
}

#[test]
fn related_articles_share_entities_and_exclude_the_article() {
    let ex = ex();
    for a in 0..ex.articles.len() {
        let rel = ex.related(a, 10);
        assert!(rel.iter().all(|r| r.article != a && !r.shared.is_empty()));
        assert!(rel.windows(2).all(|w| w[0].score >= w[1].score));
        for r in &rel {
            for e in &r.shared {
                assert!(ex.article_entities(a).iter().any(|&(x, _)| x == *e));
                assert!(ex.article_entities(r.article).iter().any(|&(x, _)| x == *e));
            }
        }
    }
}

#[test]
fn entity_view_shows_mentions_in_context_and_cooccurrence() {
    let ex = ex();
    let id = entities_of(&ex, EntityKind::Person)[0].clone();
    let e = ex.entity_by_id(&id).unwrap();
    let v = ex.entity_view(e, 1000).unwrap();
    let total: u32 = ex.entities().entities[e]
        .articles
        .iter()
        .map(|&(_, n)| n)
        .sum();
    assert_eq!(v.mentions.len() as u32, total);
    let forms: Vec<String> = std::iter::once(&ex.entities().entities[e].name)
        .chain(&ex.entities().entities[e].aliases)
        .map(|s| normalize(s))
        .collect();
    for m in &v.mentions {
        let n = normalize(&m.text);
        assert!(
            forms
                .iter()
                .any(|f| n.contains(f.as_str()) || f.contains(n.as_str())),
            "mention {} is a form of {id}",
            m.text
        );
    }
    assert!(!v.cooccurring.is_empty());
    assert!(v.cooccurring.windows(2).all(|w| w[0].1 >= w[1].1));
}

#[test]
fn export_has_one_row_per_result_with_entities() {
    let ex = ex();
    let r = ex.results(&state("ميامي", &[]), false);
    let csv = to_csv(&ex, &r.items);
    assert_eq!(csv.trim_end().split("\r\n").count(), r.items.len() + 1);
    let json: serde_json::Value = serde_json::from_str(&to_json(&ex, &r.items)).unwrap();
    assert_eq!(json.as_array().unwrap().len(), r.items.len());
}

#[test]
fn bundle_round_trips_and_rejects_damage() {
    let b = bundle();
    let bytes = b.encode();
    assert_eq!(&Bundle::decode(&bytes).unwrap(), b);
    assert_eq!(Bundle::decode(&bytes[..5]), Err(BundleError::TooShort(5)));
    let mut bad = bytes.clone();
    bad[0] = b'X';
    assert_eq!(Bundle::decode(&bad), Err(BundleError::BadMagic));
    let mut v = bytes.clone();
    v[4] = 99;
    assert!(matches!(
        Bundle::decode(&v),
        Err(BundleError::Version { found: 99, .. })
    ));
    assert!(matches!(
        Bundle::decode(&bytes[..bytes.len() - 1]),
        Err(BundleError::Length { .. })
    ));
    let mut flipped = bytes.clone();
    let mid = bytes.len() / 2;
    flipped[mid] ^= 0x55;
    assert_eq!(Bundle::decode(&flipped), Err(BundleError::Checksum));
    for e in [BundleError::Checksum, BundleError::BadMagic] {
        assert!(!e.to_string().is_empty());
    }
}

#[test]
fn excerpt_highlights_are_valid_utf16_ranges() {
    let ex = ex();
    for q in ["ترمب", "وويتكوف", "أوبك+", "٢٠٢٢"] {
        for it in ex.results(&state(q, &[]), false).items {
            let ix = Utf16Index::new(&it.hit.excerpt.text);
            for &(s, e) in &it.hit.excerpt.highlights {
                let (bs, be) = ix.range(s, e);
                assert!(bs < be, "{q}: non-empty highlight");
            }
        }
    }
}

#[test]
fn a_page_of_results_is_the_top_of_the_full_list() {
    let ex = ex();
    let first = ex.entities().entities[0].id.clone();
    for (q, ents) in [
        ("", vec![]),
        ("ترامب", vec![]),
        ("روسيا", vec![]),
        ("", vec![first.as_str()]),
    ] {
        let st = state(q, &ents);
        let full = ex.results(&st, false);
        let page = ex.results_page(&st, false, 2);
        assert_eq!(page.total(), full.total(), "{q:?}");
        assert_eq!(full.items.len(), full.total(), "{q:?}");
        assert!(page.items.len() <= 2);
        let ids = |items: &[fahras_core::explore::ResultItem]| -> Vec<String> {
            items.iter().map(|i| i.hit.id.clone()).collect()
        };
        assert_eq!(
            ids(&page.items),
            ids(&full.items[..page.items.len()]),
            "{q:?}"
        );
        let rest = ex.items(&page, 0..full.total());
        assert_eq!(ids(&rest), ids(&full.items), "{q:?}");
        assert_eq!(
            page.articles().collect::<Vec<_>>(),
            full.items.iter().map(|i| i.hit.article).collect::<Vec<_>>()
        );
        assert_eq!(format!("{:?}", page.facets), format!("{:?}", full.facets));
    }
}

/// The words a result's excerpt and title mark, as text.
fn marked_words(ex: &Explorer, st: &ViewState) -> BTreeSet<String> {
    let r = ex.results(st, false);
    let mut out = BTreeSet::new();
    for it in &r.items {
        let title = &ex.articles[it.hit.article].title;
        for (text, ranges) in [
            (title.as_str(), &it.hit.title_highlights),
            (it.hit.excerpt.text.as_str(), &it.hit.excerpt.highlights),
        ] {
            let idx = Utf16Index::new(text);
            for &(s, e) in ranges {
                out.insert(text[idx.byte(s)..idx.byte(e)].to_string());
            }
        }
    }
    out
}

#[test]
fn latin_letters_find_arabic_names() {
    let ex = ex();
    // By the English label (Vladimir Putin), by transliteration (no label: ستيف ويتكوف,
    // كيريل دميترييف), in any letter case, and the Arabic form is what gets marked.
    for (latin, arabic) in [
        ("Putin", "بوتين"),
        ("Witkoff", "ويتكوف"),
        ("dmitriev", "دميترييف"),
        ("Moscow", "موسكو"),
        ("Kremlin", "الكرملين"),
    ] {
        let want = result_set(&ex, &state(arabic, &[]));
        assert!(!want.is_empty(), "{arabic} is in the seeds");
        assert_eq!(
            result_set(&ex, &state(latin, &[])),
            want,
            "{latin} ↔ {arabic}"
        );
        let marks = marked_words(&ex, &state(latin, &[]));
        assert!(
            marks
                .iter()
                .any(|m| normalize(m).contains(&normalize(arabic))),
            "{latin}: the Arabic name is highlighted: {marks:?}"
        );
    }
    // Two Latin words, one per clause: the articles naming both.
    let both = result_set(&ex, &state("Witkoff Dmitriev", &[]));
    assert_eq!(both, result_set(&ex, &state("ويتكوف دميترييف", &[])));
    // The reader marks it too.
    let a = *result_set(&ex, &state("Witkoff", &[]))
        .iter()
        .next()
        .expect("one");
    let view = ex.reader(a, "Witkoff", false).expect("reader");
    assert!(view.hit_count > 0, "reader hits for a Latin name");
    // A Latin word that names nothing here finds nothing, and a short one is not guessed at.
    assert!(result_set(&ex, &state("Xylophone", &[])).is_empty());
    assert!(result_set(&ex, &state("of", &[])).is_empty());
    assert!(result_set(&ex, &state("Ptn", &[])).is_empty());
}
