//! The view state in the URL fragment: read at start-up and on back/forward, written on every
//! change. A new search (query settled, filter, article) is a history entry; keystrokes inside
//! one search replace the current entry, so back/forward step through searches, not letters.

use fahras_core::state::ViewState;
use wasm_bindgen::JsValue;

/// The current fragment's state; what it ignored is noted on the console, not shown as an error.
pub fn read() -> ViewState {
    let hash = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    let (state, notes) = ViewState::from_fragment(&hash);
    if !notes.unknown_keys.is_empty() || notes.truncated {
        web_sys::console::info_1(&JsValue::from_str(&format!(
            "fahras: ignored in the URL: {:?}{}",
            notes.unknown_keys,
            if notes.truncated {
                " (some values were too long or too many)"
            } else {
                ""
            }
        )));
    }
    state
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Write {
    /// A new history entry.
    Push,
    /// Update the current entry in place.
    Replace,
}

/// Writes `state` to the fragment unless it is already there.
pub fn write(state: &ViewState, how: Write) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let frag = state.to_fragment();
    let current = window.location().hash().unwrap_or_default();
    if current.trim_start_matches('#') == frag {
        return;
    }
    let url = if frag.is_empty() {
        // Keep the path and query; drop the fragment entirely.
        let loc = window.location();
        format!(
            "{}{}",
            loc.pathname().unwrap_or_default(),
            loc.search().unwrap_or_default()
        )
    } else {
        format!("#{frag}")
    };
    let Ok(history) = window.history() else {
        return;
    };
    let r = match how {
        Write::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
        Write::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
    if r.is_err() {
        // Some sandboxed iframes refuse history changes: the app still works, the URL just lags.
        web_sys::console::info_1(&JsValue::from_str(
            "fahras: the page's URL could not be updated",
        ));
    }
}
