//! `fahras-import-<hash>.js`: everything the page needs to import articles in the browser or
//! save itself as one file, in one script it loads only when the reader asks (never with the
//! page): the importer's wasm and glue (built by `scripts/vendor-app.sh` from
//! `crates/fahras-import`), the entity model this binary carries, the worker code
//! (`web/import-worker.js`) and the single-file page.
//!
//! One classic script, not a module or a fetch: a page opened from `file://` may load a
//! `<script src>` beside it, and nothing else. The wasm and the model travel as gzip + base64
//! (inflated in the worker with DecompressionStream).

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::app::{App, SINGLE_TEMPLATE};

/// The importer's files in the vendored app (not copied as they are).
pub const DIR: &str = "import/";
const GLUE: &str = "import/fahras_import.js";
const WASM: &str = "import/fahras_import_bg.wasm";
const WORKER: &str = "import/import-worker.js";

/// The pack's file name and bytes.
pub fn pack(app: &App) -> Result<(String, Vec<u8>), String> {
    let missing = |n: &str| format!("the app has no {n}: rebuild it with scripts/vendor-app.sh");
    let glue = app.text(GLUE).map_err(|_| missing(GLUE))?;
    let worker = app.text(WORKER).map_err(|_| missing(WORKER))?;
    let wasm = app.file(WASM).ok_or_else(|| missing(WASM))?;
    let template = app.text(SINGLE_TEMPLATE)?;
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(gzip(bytes));
    let template = serde_json::to_string(template).map_err(|e| e.to_string())?;
    let js = format!(
        "// Fahras importer, written by `fahras build` (see web/import-worker.js). Loaded only when\n\
         // the reader imports articles or saves the explorer as one file. The entity model inside\n\
         // is CC BY-SA 3.0 (NewsFANE/WikiFANE gold); the rest is Fahras's own code (MIT).\n\
         (function fahrasPack() {{\n'use strict';\n\
         const PACK_WASM = \"{}\";\nconst PACK_MODEL = \"{}\";\nconst PACK_TEMPLATE = {template};\n\
         {glue}\n{worker}\n}})();\n",
        b64(wasm),
        b64(fahras_core::entities::ner::MODEL_BYTES),
    );
    let name = format!(
        "fahras-import-{}.js",
        &super::site::hex(&Sha256::digest(js.as_bytes()))[..16]
    );
    Ok((name, js.into_bytes()))
}

/// Level 6: the pack is written on every build, and level 9 saves little on wasm and weights.
fn gzip(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::new(6));
    e.write_all(bytes).expect("gzip into memory");
    e.finish().expect("gzip into memory")
}

/// `html` with the meta tag that names the pack (read by web/import.js), before `</head>`.
pub fn name_in(html: &str, pack: &str) -> Result<String, String> {
    if html.matches("</head>").count() != 1 {
        return Err("the app's page has no single </head>: rebuild the app".into());
    }
    Ok(html.replacen(
        "</head>",
        &format!("<meta name=\"fahras-import\" content=\"./{pack}\">\n</head>"),
        1,
    ))
}
