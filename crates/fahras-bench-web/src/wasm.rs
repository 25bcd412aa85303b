//! What the benchmark page calls. Every method is one synchronous call so the page can time it
//! with `performance.now()` on either side.

use fahras_core::bundle::Bundle;
use fahras_core::entities::Gazetteer;
use fahras_core::explore::Explorer;
use fahras_core::search::{Index, SearchOptions};
use fahras_core::state::ViewState;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
pub struct Engine {
    ex: Explorer,
    index_bytes: usize,
}

fn opts(prefix_last: bool, limit: Option<u32>) -> SearchOptions {
    SearchOptions {
        prefix_last,
        limit: limit.map(|n| n as usize),
    }
}

#[wasm_bindgen]
impl Engine {
    /// Decodes `Bundle::encode` bytes and loads the index, as the app does at start-up.
    #[wasm_bindgen(constructor)]
    pub fn new(bundle: &[u8]) -> Result<Engine, JsError> {
        let bundle = Bundle::decode(bundle).map_err(|e| JsError::new(&e.to_string()))?;
        let index_bytes = bundle.index.len();
        let ex = Explorer::from_bundle(bundle).map_err(|e| JsError::new(&e.to_string()))?;
        Ok(Engine { ex, index_bytes })
    }

    pub fn article_count(&self) -> usize {
        self.ex.articles.len()
    }

    pub fn index_bytes(&self) -> usize {
        self.index_bytes
    }

    pub fn text_bytes(&self) -> usize {
        crate::text_bytes(&self.ex.articles)
    }

    /// The articles as MiniSearch documents (JSON), so both engines index the same text.
    pub fn docs_json(&self) -> String {
        crate::docs_json(&self.ex.articles)
    }

    /// Builds the index again inside wasm (what MiniSearch's `addAll` is compared with);
    /// returns its stored size.
    pub fn rebuild_index(&self) -> usize {
        Index::build(&self.ex.articles, &Gazetteer::builtin().protected_words())
            .to_bytes()
            .len()
    }

    /// The full search (ranking, excerpts, highlights), hits returned to JS as JSON.
    pub fn search(&self, query: &str, prefix_last: bool, limit: Option<u32>) -> String {
        let hits = self
            .ex
            .index
            .search(&self.ex.articles, query, &opts(prefix_last, limit));
        serde_json::to_string(&hits).unwrap_or_else(|_| "[]".to_string())
    }

    /// The same search, returning only the hit count (no JSON, no string crossing).
    pub fn search_count(&self, query: &str, prefix_last: bool, limit: Option<u32>) -> u32 {
        self.ex
            .index
            .search(&self.ex.articles, query, &opts(prefix_last, limit))
            .len() as u32
    }

    /// How the app searches: every match ranked (for the count and facets), hits presented
    /// for the first `page` only; returns how many matched.
    pub fn rank_count(&self, query: &str, prefix_last: bool, page: u32) -> u32 {
        let ranking = self
            .ex
            .index
            .rank(&self.ex.articles, query, prefix_last, &|_| true);
        let shown = ranking.hits(&self.ex.index, &self.ex.articles, 0..page as usize);
        std::hint::black_box(shown);
        ranking.len() as u32
    }

    /// What the app computes per keystroke: `Explorer::results_page` (the ranking, facet counts,
    /// empty-state suggestions and hits for the rows drawn); returns the number of results.
    pub fn results_count(&self, query: &str, typing: bool) -> u32 {
        let state = ViewState {
            query: query.to_string(),
            ..ViewState::default()
        };
        self.ex.results_page(&state, typing, 20).total() as u32
    }
}
