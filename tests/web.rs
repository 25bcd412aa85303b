//! Browser-only code, tested inside headless Chromium with wasm-bindgen-test: the seeds compile
//! and decode in wasm, the corpus the page hands over is installed, the URL fragment
//! round-trips through the real `location`/`history`, and corrupt data gives an error, not a
//! panic.
#![cfg(target_arch = "wasm32")]

use fahras_app::{data, url_state};
use fahras_core::state::ViewState;
use fahras_core::text::Utf16Index;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// The seeds, compiled in wasm by the same core `fahras build` uses natively.
fn seeds_bundle() -> Vec<u8> {
    let files: [(&str, &str); 5] = [
        (
            "000_62a7010aa40f5c78.txt",
            include_str!("../seeds/000_62a7010aa40f5c78.txt"),
        ),
        (
            "001_027d50fe8d36ea06.txt",
            include_str!("../seeds/001_027d50fe8d36ea06.txt"),
        ),
        (
            "002_8c51726768af6fce.txt",
            include_str!("../seeds/002_8c51726768af6fce.txt"),
        ),
        (
            "003_2a0c97e50c8b63d1.txt",
            include_str!("../seeds/003_2a0c97e50c8b63d1.txt"),
        ),
        (
            "004_39f03dba0fc2743e.txt",
            include_str!("../seeds/004_39f03dba0fc2743e.txt"),
        ),
    ];
    let mut articles = Vec::new();
    for (name, text) in files {
        let (mut a, diags) = fahras_core::corpus::load_file(name, text.as_bytes());
        assert!(diags.iter().all(|d| !d.is_error()), "{name}: {diags:?}");
        articles.append(&mut a);
    }
    fahras_core::bundle::compile_articles(articles, None).encode()
}

fn seeds() -> &'static fahras_core::explore::Explorer {
    data::install(&seeds_bundle()).expect("the seeds bundle decodes")
}

#[wasm_bindgen_test]
async fn the_corpus_the_page_hands_over_is_installed() {
    let bytes = js_sys::Uint8Array::from(seeds_bundle().as_slice());
    let promise = js_sys::Promise::resolve(&bytes);
    js_sys::Reflect::set(&js_sys::global(), &data::GLOBAL.into(), &promise).unwrap();
    let ex = data::fetch_from_page().await.expect("installed");
    assert_eq!(ex.articles.len(), 5);
    assert!(data::explorer().is_some());
}

#[wasm_bindgen_test]
async fn a_failed_or_missing_corpus_is_a_message() {
    let err = js_sys::Error::new("corpus-x.fahras: HTTP 404 Not Found");
    let msg = data::bytes_from(js_sys::Promise::reject(&err).into())
        .await
        .unwrap_err();
    assert!(msg.contains("HTTP 404"), "{msg}");
    let msg = data::bytes_from(wasm_bindgen::JsValue::UNDEFINED)
        .await
        .unwrap_err();
    assert!(msg.contains("fahras build"), "{msg}");
    let msg = data::bytes_from("text".into()).await.unwrap_err();
    assert!(msg.contains("not binary"), "{msg}");
    let bytes = data::bytes_from(js_sys::Uint8Array::from(&[1u8, 2][..]).into())
        .await
        .unwrap();
    assert_eq!(bytes, [1, 2]);
}

#[wasm_bindgen_test]
fn seeds_decode_in_wasm() {
    let ex = seeds();
    assert!(!ex.articles.is_empty());
    assert!(ex
        .articles
        .iter()
        .all(|a| !a.title.is_empty() && !a.blocks.is_empty()));
    assert!(
        !ex.entities().entities.is_empty(),
        "entities are compiled in"
    );
}

/// The story view aligns its reports in the page (in wasm, one thread): every report of the
/// story, sentences shared across reports, the only-here filter keeping only unshared ones.
#[wasm_bindgen_test]
fn story_alignment_runs_in_wasm() {
    use fahras_core::explore::SentenceFilter;
    let ex = seeds();
    assert!(!ex.stories.is_empty(), "the seeds have a story");
    let v = ex.story_view(0).expect("story 0");
    assert_eq!(v.reports.len(), ex.stories[0].articles.len());
    let n = v.reports.len();
    let shared = v
        .reports
        .iter()
        .flat_map(|r| &r.sentences)
        .filter(|s| s.carried_by > 1)
        .count();
    assert!(shared > 0, "some sentence is told by two reports");
    for r in 0..n {
        assert!(v
            .shown(r, SentenceFilter::OnlyHere)
            .all(|(_, s)| s.carried_by == 1 && s.matches.is_empty()));
        assert_eq!(
            v.shown(r, SentenceFilter::OnlyHere).count(),
            v.reports[r].only_here
        );
    }
    let id = &ex.articles[v.reports[0].article].id;
    assert_eq!(ex.story_by_article_id(id), Some(0));
}

#[wasm_bindgen_test]
fn search_runs_in_wasm_with_valid_highlights() {
    let ex = seeds();
    let first_word = ex.articles[0]
        .title
        .split_whitespace()
        .find(|w| w.chars().count() > 3)
        .expect("a title word")
        .to_string();
    let st = ViewState {
        query: first_word.clone(),
        ..ViewState::default()
    };
    let r = ex.results(&st, false);
    assert!(
        r.items.iter().any(|it| it.hit.article == 0),
        "the article whose title has {first_word} is found"
    );
    for it in &r.items {
        let text = &it.hit.excerpt.text;
        let ix = Utf16Index::new(text);
        for &(s, e) in &it.hit.excerpt.highlights {
            assert!(s < e, "non-empty highlight");
            let (bs, be) = ix.range(s, e);
            assert!(text.is_char_boundary(bs) && text.is_char_boundary(be));
            assert_eq!(
                fahras_core::text::utf16_offset(text, bs),
                s as usize,
                "highlight starts on a char"
            );
        }
    }
}

#[wasm_bindgen_test]
fn url_fragment_round_trips_through_location_and_history() {
    let st = ViewState {
        query: "روسيا \"شبه جزيرة القرم\" أوبك+".into(),
        entities: vec!["person:a".into(), "place:b".into()],
        article: Some("003_x".into()),
        ..ViewState::default()
    };
    let before = history_len();
    url_state::write(&st, url_state::Write::Push);
    assert_eq!(url_state::read(), st);
    assert_eq!(history_len(), before + 1, "a push adds an entry");
    let st2 = ViewState {
        query: "x".into(),
        ..ViewState::default()
    };
    url_state::write(&st2, url_state::Write::Replace);
    assert_eq!(url_state::read(), st2);
    assert_eq!(history_len(), before + 1, "a replace adds none");
    url_state::write(&ViewState::default(), url_state::Write::Replace);
    assert_eq!(web_sys::window().unwrap().location().hash().unwrap(), "");
}

#[wasm_bindgen_test]
fn corrupt_bundle_is_an_error_not_a_panic() {
    assert!(data::load(b"").is_err());
    assert!(data::load(b"FHRS\x01\x00garbage").is_err());
    let mut ok = seeds_bundle();
    let last = ok.len() - 1;
    ok[last] ^= 0xff;
    let err = data::load(&ok).err().expect("a flipped byte is detected");
    assert!(err.contains("checksum"), "{err}");
}

fn history_len() -> u32 {
    web_sys::window()
        .and_then(|w| w.history().ok())
        .and_then(|h| h.length().ok())
        .expect("the test page has a history")
}
