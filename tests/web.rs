//! Browser-only code, tested inside headless Chromium with wasm-bindgen-test: the embedded
//! corpus decodes in wasm, the URL fragment round-trips through the real `location`/`history`,
//! and corrupt data gives an error, not a panic.
#![cfg(target_arch = "wasm32")]

use fahras_app::{data, url_state};
use fahras_core::state::ViewState;
use fahras_core::text::Utf16Index;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
fn embedded_corpus_decodes_in_wasm() {
    let ex = data::explorer().expect("the embedded bundle decodes");
    assert!(!ex.articles.is_empty());
    assert!(ex
        .articles
        .iter()
        .all(|a| !a.title.is_empty() && !a.blocks.is_empty()));
    assert!(!ex.entities.entities.is_empty(), "entities are compiled in");
}

#[wasm_bindgen_test]
fn search_runs_in_wasm_with_valid_highlights() {
    let ex = data::explorer().expect("bundle");
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
    let mut ok = fahras_core::bundle::Bundle::decode(include_bytes!(concat!(
        env!("OUT_DIR"),
        "/corpus.bin"
    )))
    .expect("bundle")
    .encode();
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
