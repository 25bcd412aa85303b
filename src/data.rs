//! The corpus the page was built with, handed over by the page's start-up script.
//!
//! The app is compiled once, without a corpus; `fahras build` writes the corpus next to it (or
//! inline in `fahras.html`). The start-up script puts a promise of the corpus bytes in
//! `globalThis.fahrasCorpus` before the wasm starts (see `web/corpus-loader.js`), so the corpus
//! downloads in parallel with the app and the app needs no fetch code of its own.

use std::sync::OnceLock;

use fahras_core::explore::Explorer;
use wasm_bindgen::{JsCast, JsValue};

/// Where the page's start-up script leaves the corpus (a promise of its bytes).
pub const GLOBAL: &str = "fahrasCorpus";

static EXPLORER: OnceLock<Explorer> = OnceLock::new();

/// Decodes bundle bytes; exposed so tests can feed corrupt data.
pub fn load(bytes: &[u8]) -> Result<Explorer, String> {
    Explorer::from_bytes(bytes).map_err(|e| e.to_string())
}

/// Decodes the corpus once for the page's lifetime; a second call keeps the first corpus.
pub fn install(bytes: &[u8]) -> Result<&'static Explorer, String> {
    if let Some(ex) = EXPLORER.get() {
        return Ok(ex);
    }
    let ex = load(bytes)?;
    Ok(EXPLORER.get_or_init(|| ex))
}

/// The installed corpus, if the page has one yet.
pub fn explorer() -> Option<&'static Explorer> {
    EXPLORER.get()
}

/// Waits for the page's corpus and decodes it. Every way this can fail is a message for the
/// error page: no corpus given, a failed download, bytes that are not a Fahras corpus.
pub async fn fetch_from_page() -> Result<&'static Explorer, String> {
    let given = js_sys::Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL))
        .map_err(|_| "the page's corpus cannot be read".to_string())?;
    install(&bytes_from(given).await?)
}

/// The bytes a promise (or a plain value) of an `ArrayBuffer` or `Uint8Array` resolves to.
pub async fn bytes_from(given: JsValue) -> Result<Vec<u8>, String> {
    if given.is_undefined() || given.is_null() {
        return Err(
            "this page was given no corpus: build it with `fahras build <articles> -o <dir>`"
                .to_string(),
        );
    }
    let value = wasm_bindgen_futures::JsFuture::from(js_sys::Promise::resolve(&given))
        .await
        .map_err(|e| describe(&e))?;
    if let Some(buf) = value.dyn_ref::<js_sys::ArrayBuffer>() {
        Ok(js_sys::Uint8Array::new(buf).to_vec())
    } else if let Some(arr) = value.dyn_ref::<js_sys::Uint8Array>() {
        Ok(arr.to_vec())
    } else {
        Err("the page's corpus is not binary data".to_string())
    }
}

fn describe(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string()
        .unwrap_or_else(|| "the corpus could not be loaded".to_string())
}
