//! A split corpus (head + texts pack + postings pack, `fahras build --split`) gives every view
//! the whole corpus gives, once the pieces a view notes as needed are fetched — and a query
//! needs at most two rounds of fetches (its posting lists, then the texts of the page shown).
//!
//! Corpus: the five seeds and 40 real ANT articles (`tests/data/corpus/ant`, with their
//! provenance). Queries come from the articles' own titles, plus the query language's forms.

use std::io::Write;
use std::path::Path;
use std::sync::OnceLock;

use fahras_core::bundle::{compile_inputs, Bundle};
use fahras_core::explore::{to_csv, to_json, Explorer};
use fahras_core::split::{split, Piece, Split};
use fahras_core::state::ViewState;

const PAGE: usize = 20;

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

fn bundle() -> &'static Bundle {
    static B: OnceLock<Bundle> = OnceLock::new();
    B.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let inputs = [
            root.join("../../seeds"),
            root.join("tests/data/corpus/ant/ant-sample.jsonl"),
        ];
        let c = compile_inputs(&inputs);
        c.bundle.expect("bundle")
    })
}

fn parts() -> &'static Split {
    static S: OnceLock<Split> = OnceLock::new();
    S.get_or_init(|| {
        let mut s = split(bundle(), &deflate).expect("splits");
        let packs = s.head.packs.as_mut().unwrap();
        packs.texts_file = "texts.pack".into();
        packs.postings_file = "postings.pack".into();
        s
    })
}

/// The head as the page gets it: encoded, then decoded.
fn head() -> Explorer {
    let bytes = parts().head.encode();
    Explorer::from_bytes(&bytes).expect("the head decodes")
}

fn whole() -> Explorer {
    Explorer::from_bundle(bundle().clone()).unwrap()
}

/// Fetches what `ex` noted, as the page does: the planned range requests, sliced and installed.
/// Returns the bytes fetched, or None when nothing was needed.
fn fetch(ex: &Explorer) -> Option<u64> {
    fetch_only(ex, |_| true)
}

/// As [`fetch`], of the noted pieces `keep` keeps.
fn fetch_only(ex: &Explorer, keep: impl Fn(&Piece) -> bool) -> Option<u64> {
    let needs: Vec<_> = ex
        .take_needs()
        .into_iter()
        .filter(|(p, _)| keep(p))
        .collect();
    if needs.is_empty() {
        return None;
    }
    let s = parts();
    let mut bytes = 0;
    for req in ex.requests(&needs) {
        let pack = if req.file == "texts.pack" {
            &s.texts
        } else {
            &s.postings
        };
        let got = &pack[req.range.start as usize..req.range.end as usize];
        bytes += got.len() as u64;
        for (piece, r) in &req.pieces {
            let slice =
                &got[(r.start - req.range.start) as usize..(r.end - req.range.start) as usize];
            ex.install(*piece, slice)
                .expect("a piece from its pack installs");
        }
    }
    Some(bytes)
}

/// Computes `view` on the head until it needs nothing more; returns it and the fetch rounds.
fn settle<T>(ex: &Explorer, view: impl Fn(&Explorer) -> T) -> (T, usize) {
    let mut rounds = 0;
    loop {
        let v = view(ex);
        match fetch(ex) {
            None => return (v, rounds),
            Some(_) => rounds += 1,
        }
        assert!(rounds < 10, "a view that never settles");
    }
}

fn state(q: &str) -> ViewState {
    ViewState {
        query: q.into(),
        ..Default::default()
    }
}

/// What a result list shows: count, order, every hit's excerpt and highlights, facets, notices.
fn shown(ex: &Explorer, st: &ViewState, typing: bool) -> String {
    let r = ex.results_page(st, typing, PAGE);
    let titles: Vec<&str> = r.items.iter().map(|i| ex.title(i.hit.article)).collect();
    format!(
        "{:?} {:?} {} {:?} {:?} {:?} {:?} {:?}",
        titles,
        ex.story_labels(&r),
        r.total(),
        r.articles().collect::<Vec<_>>(),
        r.items
            .iter()
            .map(|i| (&i.hit, &i.top_entities))
            .collect::<Vec<_>>(),
        r.facets,
        r.partial,
        r.suggested_terms
    )
}

fn queries() -> Vec<(String, bool)> {
    let b = bundle();
    let mut qs: Vec<(String, bool)> = Vec::new();
    for a in b.articles.iter().step_by(3) {
        let words: Vec<&str> = a
            .title
            .split_whitespace()
            .filter(|w| w.chars().count() > 3)
            .collect();
        if let Some(w) = words.first() {
            qs.push((w.to_string(), false));
            // Being typed: the last word is a prefix.
            let prefix: String = w.chars().take(3).collect();
            qs.push((prefix, true));
        }
        if words.len() >= 2 {
            qs.push((format!("{} {}", words[0], words[1]), false));
            qs.push((format!("\"{} {}\"", words[0], words[1]), false));
            qs.push((format!("{} -{}", words[0], words[1]), false));
        }
    }
    for q in [
        "",
        "ترمب",
        "ترامب واشنطن",
        "زيلينسكي",
        "وويتكوف",
        "قمه",
        "لا يوجد هذا",
    ] {
        qs.push((q.to_string(), false));
    }
    qs
}

#[test]
fn the_head_is_small_and_holds_no_text() {
    let s = parts();
    let whole = bundle().encode().len();
    let head = s.head.encode().len();
    assert!(head * 5 < whole * 2, "head {head} bytes of {whole}");
    assert!(s
        .head
        .articles
        .iter()
        .all(|a| a.blocks.is_empty() && a.dek.is_none() && a.title.is_empty()));
    assert!(s.head.entities.mentions.is_empty());
    assert!(!s.texts.is_empty() && !s.postings.is_empty());
}

/// The head stores the packs' lengths in units (`LIST_ALIGN`, `MEMBER_ALIGN`): every piece a
/// view asks for starts and ends on a unit, holds its bytes and then only zeros, and the pieces
/// end to end make up the packs, nothing left over.
#[test]
fn pieces_lie_on_whole_units_of_their_packs() {
    use fahras_core::search::LIST_ALIGN;
    use fahras_core::split::{Layout, MEMBER_ALIGN};
    let s = parts();
    let packs = s.head.packs.as_ref().unwrap();
    let layout = Layout::new(packs);
    let n = s.head.articles.len() as u32;
    let mut members: Vec<_> = (0..n).map(|a| layout.text(a).unwrap()).collect();
    members.extend((0..packs.title_lens.len() as u32).map(|b| layout.titles(b).unwrap()));
    members.push(layout.entities().unwrap());
    let mut at = 0;
    for r in &members {
        assert_eq!(r.start, at);
        assert_eq!((r.end - r.start) % u64::from(MEMBER_ALIGN), 0, "{r:?}");
        let bytes = &s.texts[r.start as usize..r.end as usize];
        // A raw deflate stream never ends in a whole unit of zeros.
        let tail = &bytes[bytes.len() - MEMBER_ALIGN as usize..];
        assert!(
            tail.iter().any(|&b| b != 0),
            "{r:?} is a unit of padding too many"
        );
        at = r.end;
    }
    assert_eq!(
        at,
        s.texts.len() as u64,
        "the texts pack ends with its last member"
    );
    let whole = bundle().index().unwrap();
    let head = s.head.index().unwrap();
    let mut at = 0;
    for t in 0..whole.term_count() as u32 {
        let r = layout.postings(&head, t).unwrap();
        assert_eq!(r.start, at);
        assert_eq!((r.end - r.start) % u64::from(LIST_ALIGN), 0);
        let bytes = &s.postings[r.start as usize..r.end as usize];
        let pad = &bytes[whole.posting_range(t).unwrap().len()..];
        assert!(pad.len() < LIST_ALIGN as usize && pad.iter().all(|&b| b == 0));
        head.install_postings(t, bytes).expect("the list installs");
        at = r.end;
    }
    assert_eq!(at, s.postings.len() as u64);
}

#[test]
fn every_query_shows_what_the_whole_corpus_shows_within_two_rounds() {
    let full = whole();
    let ex = head();
    let mut fetched_any = false;
    for (q, typing) in queries() {
        let st = state(&q);
        let (got, rounds) = settle(&ex, |ex| shown(ex, &st, typing));
        assert_eq!(got, shown(&full, &st, typing), "query {q:?}");
        assert!(rounds <= 2, "query {q:?} took {rounds} rounds of fetches");
        fetched_any |= rounds > 0;
    }
    assert!(
        fetched_any,
        "the head answered every query alone: nothing was split"
    );
}

#[test]
fn the_first_view_needs_one_range_of_texts() {
    let ex = head();
    let _ = ex.results_page(&state(""), false, PAGE);
    let needs = ex.take_needs();
    let (later, now): (Vec<_>, Vec<_>) = needs.iter().cloned().partition(|(p, _)| p.can_follow());
    assert!(
        now.iter().all(|(p, _)| matches!(p, Piece::Text(_))),
        "{needs:?}"
    );
    let reqs = ex.requests(&now);
    assert_eq!(reqs.len(), 1, "{reqs:?}");
    // Its facets read the entity table, which follows the results.
    assert_eq!(
        later.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        vec![Piece::Entities { wait: false }]
    );
}

#[test]
fn first_results_come_before_the_entity_table_and_its_facets_after() {
    let full = whole();
    let mut checked = 0;
    for (q, typing) in queries().into_iter().step_by(4) {
        let ex = head();
        let st = state(&q);
        let ranked = |ex: &Explorer| {
            let r = ex.results_page(&st, typing, PAGE);
            let hits: Vec<_> = r.items.iter().map(|i| i.hit.clone()).collect();
            (
                r.total(),
                r.articles().collect::<Vec<_>>(),
                hits,
                r.facets.sources.clone(),
            )
        };
        let mut rounds = 0;
        let first = loop {
            let v = ranked(&ex);
            // As the app's first view: what can follow the results is not fetched yet.
            if fetch_only(&ex, |p| !p.can_follow()).is_none() {
                break v;
            }
            rounds += 1;
            assert!(
                rounds <= 2,
                "query {q:?}: {rounds} rounds before its first results"
            );
        };
        assert_eq!(first, ranked(&full), "query {q:?}: the first results");
        assert!(
            !ex.entities_ready(),
            "query {q:?}: the entity table was fetched first"
        );
        let r = ex.results_page(&st, typing, PAGE);
        assert!(
            r.facets.groups.iter().all(|g| g.chips.is_empty())
                && r.items.iter().all(|i| i.top_entities.is_empty()),
            "query {q:?}: chips without the entity table"
        );
        // The table then completes the view: facets and chips as the whole corpus has them.
        let (got, rounds) = settle(&ex, |ex| shown(ex, &st, typing));
        assert_eq!(rounds, 1, "query {q:?}: the table is one more round");
        assert!(ex.entities_ready());
        assert_eq!(got, shown(&full, &st, typing), "query {q:?}");
        checked += 1;
    }
    assert!(checked >= 5, "{checked} queries");
}

#[test]
fn a_view_the_entity_table_decides_waits_for_it() {
    let full = whole();
    let e = &full.entities().entities;
    let person = e
        .iter()
        .find(|x| x.kind == fahras_core::entities::EntityKind::Person && x.label_en.is_some())
        .expect("a person with an English label");
    let latin = person
        .label_en
        .as_deref()
        .unwrap()
        .split_whitespace()
        .last()
        .unwrap()
        .to_string();
    let filtered = ViewState {
        entities: vec![person.id.clone()],
        ..Default::default()
    };
    let typed = state(&format!(
        "person:{}",
        person.name.split_whitespace().last().unwrap()
    ));
    for st in [filtered, typed, state(&latin)] {
        let ex = head();
        let _ = ex.results_page(&st, false, PAGE);
        let needs: Vec<Piece> = ex.take_needs().into_iter().map(|(p, _)| p).collect();
        assert!(
            needs.contains(&Piece::Entities { wait: true }),
            "{st:?}: {needs:?}"
        );
        let (got, _) = settle(&ex, |ex| shown(ex, &st, false));
        assert_eq!(got, shown(&full, &st, false), "{st:?}");
        assert!(
            full.results(&st, false).total() > 0,
            "{st:?} finds something"
        );
    }
    // A plain query reads the table for its facets only, in every round of its fetches.
    let ex = head();
    let st = state(&person.name);
    for round in 0.. {
        let _ = ex.results_page(&st, false, PAGE);
        let fetched = fetch_only(&ex, |p| {
            assert_ne!(*p, Piece::Entities { wait: true }, "round {round}");
            !p.can_follow()
        });
        if fetched.is_none() {
            break;
        }
        assert!(round < 10, "a view that never settles");
    }
}

#[test]
fn reader_entity_and_story_views_match_the_whole_corpus() {
    let full = whole();
    let ex = head();
    for a in 0..full.articles.len() {
        let q = full.articles[a]
            .title
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_string();
        let view = |ex: &Explorer| (ex.reader(a, &q, true), ex.related(a, 5));
        let (got, _) = settle(&ex, view);
        assert_eq!(got, view(&full), "article {a}");
    }
    for e in 0..full.entities().entities.len() {
        let (got, _) = settle(&ex, |ex| ex.entity_view(e, 5));
        assert_eq!(got, full.entity_view(e, 5), "entity {e}");
    }
    assert!(
        !full.stories.is_empty(),
        "the corpus has stories to compare"
    );
    for s in 0..full.stories.len() {
        let view = |ex: &Explorer| {
            let v = ex.story_view(s)?;
            let titles: Vec<String> = std::iter::once(v.label)
                .chain(v.reports.iter().map(|r| r.article))
                .map(|a| ex.title(a).to_owned())
                .collect();
            Some((v, titles))
        };
        let (got, _) = settle(&ex, view);
        assert_eq!(got, view(&full), "story {s}");
    }
}

#[test]
fn a_title_shown_without_its_text_reads_a_block_of_titles() {
    let full = whole();
    let ex = head();
    let a = full.articles.len() - 1;
    assert_eq!(ex.title(a), "", "the head holds no title");
    let needs = ex.take_needs();
    let block = (a / fahras_core::split::TITLE_BLOCK) as u32;
    assert_eq!(
        needs.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        vec![Piece::Titles(block)]
    );
    let s = parts();
    let r = needs[0].1.clone();
    let bytes = &s.texts[r.start as usize..r.end as usize];
    assert!(
        bytes.len() < 1024,
        "a block of titles is {} bytes",
        bytes.len()
    );
    assert!(ex.install(Piece::Titles(block), b"not deflate").is_err());
    // Another block's titles are refused when their count does not fit this one.
    let other = ex.requests(&[(
        Piece::Titles(0),
        fahras_core::split::Layout::new(s.head.packs.as_ref().unwrap())
            .titles(0)
            .unwrap(),
    )]);
    let r0 = other[0].range.clone();
    if !full
        .articles
        .len()
        .is_multiple_of(fahras_core::split::TITLE_BLOCK)
    {
        assert!(ex
            .install(
                Piece::Titles(block),
                &s.texts[r0.start as usize..r0.end as usize]
            )
            .is_err());
    }
    ex.install(Piece::Titles(block), bytes)
        .expect("the block installs");
    for b in block as usize * fahras_core::split::TITLE_BLOCK..full.articles.len() {
        assert_eq!(ex.title(b), full.articles[b].title, "article {b}");
    }
    assert!(ex.take_needs().is_empty(), "read titles need nothing more");
    // A title whose text is needed too comes with the text, not with its block.
    let _ = ex.article(0);
    let _ = ex.title(0);
    let needs = ex.take_needs();
    assert_eq!(
        needs.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
        vec![Piece::Text(0)]
    );
}

#[test]
fn the_entity_view_counts_the_pairs_the_build_counted() {
    let b = bundle();
    let full = whole();
    for (e, _) in b.entities.entities.iter().enumerate() {
        let mut want: Vec<(u32, u32)> = b
            .entities
            .cooccurrence
            .iter()
            .filter_map(|&(x, y, n)| match (x as usize == e, y as usize == e) {
                (true, _) => Some((y, n)),
                (_, true) => Some((x, n)),
                _ => None,
            })
            .collect();
        want.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        want.truncate(12);
        assert_eq!(
            full.entity_view(e, 1).unwrap().cooccurring,
            want,
            "entity {e}"
        );
    }
}

#[test]
fn pieces_that_do_not_fit_the_head_are_refused() {
    let ex = head();
    let _ = ex.results_page(&state("ترامب"), false, PAGE);
    let needs = ex.take_needs();
    let (piece, r) = needs
        .iter()
        .find(|(p, r)| matches!(p, Piece::Postings(_)) && r.end - r.start > 2)
        .cloned()
        .expect("a posting list is needed");
    let s = parts();
    let list = &s.postings[r.start as usize..r.end as usize];
    assert!(
        ex.install(piece, &list[..list.len() - 1]).is_err(),
        "a truncated list"
    );
    // The pack pads a list with zeros to whole units: bytes after the list that are not zeros
    // are not what the pack holds. (This query's list ends inside its last unit.)
    let exact = list.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    assert!(
        exact < list.len(),
        "the list fills its last unit: pick another"
    );
    let mut dirty = list.to_vec();
    *dirty.last_mut().unwrap() = 1;
    assert!(ex.install(piece, &dirty).is_err(), "non-zero padding");
    assert!(ex.install(piece, list).is_ok(), "the list itself");
    assert!(ex.install(Piece::Text(0), b"not postcard").is_err());
    assert!(ex.install(Piece::Text(u32::MAX), b"").is_err());
    // An entity table that is not this head's: garbage, one entity short, a foreign article.
    let table = Piece::Entities { wait: false };
    assert!(ex.install(table, b"not deflate").is_err());
    let mut t = bundle().entities.clone();
    t.mentions.clear();
    t.cooccurrence.clear();
    let pack = |t: &fahras_core::entities::EntityTable| deflate(&postcard::to_allocvec(t).unwrap());
    let mut short = t.clone();
    short.entities.pop();
    assert!(
        ex.install(table, &pack(&short)).is_err(),
        "one entity short"
    );
    let mut foreign = t.clone();
    foreign.entities[0].articles.push((u32::MAX, 1));
    assert!(
        ex.install(table, &pack(&foreign)).is_err(),
        "an article out of range"
    );
    assert!(!ex.entities_ready(), "nothing refused was installed");
    ex.install(table, &pack(&t)).expect("the table itself");
    assert!(ex.entities_ready());
}

#[test]
fn a_head_whose_text_list_does_not_match_its_articles_is_refused() {
    let mut h = parts().head.clone();
    h.packs.as_mut().unwrap().text_lens.pop();
    assert!(Bundle::decode(&h.encode()).is_err());
    let mut h = parts().head.clone();
    h.packs.as_mut().unwrap().title_lens.pop();
    assert!(Bundle::decode(&h.encode()).is_err());
}

#[test]
fn an_export_of_every_result_matches_the_whole_corpus() {
    let full = whole();
    let ex = head();
    for q in ["", "ترامب", "الاقتصاد"] {
        let st = state(q);
        let export = |ex: &Explorer| {
            let r = ex.results(&st, false);
            let items = ex.items(&r, 0..r.total());
            (to_csv(ex, &items), to_json(ex, &items))
        };
        let (got, _) = settle(&ex, export);
        assert_eq!(got, export(&full), "export of {q:?}");
    }
}
