//! The browser's import, in a Web Worker: the reader's files in, a compiled corpus out, with the
//! same reading, cleaning, entities, index and stories as `fahras build` (one core, two front
//! ends). The worker script (`web/import-worker.js`) hands it files one at a time and relays
//! its progress to the page; this crate only adapts the core to JavaScript values.

use fahras_core::bundle::{self, Bundle};
use fahras_core::corpus::{Diagnostic, Gather, Options, Progress};
use wasm_bindgen::prelude::*;

/// One import under way.
#[wasm_bindgen]
pub struct Import {
    gather: Option<Gather>,
    diagnostics: Vec<Diagnostic>,
}

#[wasm_bindgen]
impl Import {
    #[wasm_bindgen(constructor)]
    pub fn new() -> Import {
        console_error_panic_hook::set_once();
        Import {
            gather: Some(Gather::new(Options::default())),
            diagnostics: Vec::new(),
        }
    }

    /// Gives the entity tagger its weights (the model file the page loads with the importer).
    pub fn install_model(bytes: &[u8]) -> Result<(), JsError> {
        fahras_core::entities::ner::install(bytes).map_err(|e| JsError::new(&e))
    }

    /// Adds the articles of an already compiled corpus (the one shown, when the reader adds to
    /// it); returns how many were kept.
    pub fn add_corpus(&mut self, name: &str, bytes: &[u8]) -> Result<usize, JsError> {
        let b = Bundle::decode(bytes).map_err(|e| JsError::new(&format!("{name}: {e}")))?;
        Ok(self.gather()?.add_articles(name, b.articles))
    }

    /// Reads one file (see [`Gather::add_file`]); returns the articles it added.
    pub fn add_file(&mut self, path: &str, within: &str, bytes: &[u8]) -> Result<usize, JsError> {
        Ok(self.gather()?.add_file(path, within, bytes))
    }

    /// Articles read so far.
    pub fn articles(&self) -> usize {
        self.gather.as_ref().map_or(0, Gather::articles)
    }

    /// Compiles everything added: `on_step(index, name)` hears each step as it starts. Returns
    /// the corpus bytes; the problems found are then in [`Import::diagnostics`].
    pub fn compile(&mut self, on_step: &js_sys::Function) -> Result<Vec<u8>, JsError> {
        let gathered = self
            .gather
            .take()
            .ok_or_else(|| JsError::new("this import is already compiled"))?;
        let mut step = |i: usize| {
            let name = Progress::STEPS.get(i).copied().unwrap_or("");
            let _ = on_step.call2(&JsValue::NULL, &(i as u32).into(), &name.into());
        };
        let compiled = bundle::compile_gathered(gathered, &mut step);
        self.diagnostics = compiled.diagnostics;
        let bundle = compiled
            .bundle
            .ok_or_else(|| JsError::new("no corpus could be compiled"))?;
        step(Progress::STEPS.len());
        Ok(bundle.encode())
    }

    /// Every problem found: `[{severity, file, line, message, text}]`, `text` as the command
    /// line prints it.
    pub fn diagnostics(&self) -> Result<JsValue, JsError> {
        let out = js_sys::Array::new();
        for d in &self.diagnostics {
            let o = serde_wasm_bindgen::to_value(d)?;
            js_sys::Reflect::set(&o, &"text".into(), &d.to_string().into())
                .map_err(|_| JsError::new("cannot describe a problem"))?;
            out.push(&o);
        }
        Ok(out.into())
    }
}

impl Import {
    fn gather(&mut self) -> Result<&mut Gather, JsError> {
        self.gather
            .as_mut()
            .ok_or_else(|| JsError::new("this import is already compiled"))
    }
}

impl Default for Import {
    fn default() -> Self {
        Import::new()
    }
}
