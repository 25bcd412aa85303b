//! What a split corpus is doing: fetching what a view needs, a failed fetch with its retry
//! button, and whether the whole corpus is kept for offline use (the service worker says so
//! with a `fahras-offline` event on the window, see web/sw-register.js).

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Ctx;

#[component]
pub fn PieceStatus() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let p = ctx.pieces;
    let t = move || ctx.t();
    // The state so far (the worker may have spoken before the app was shown), then its events.
    let said = js_sys::Reflect::get(&js_sys::global(), &"fahrasOffline".into())
        .ok()
        .and_then(|v| v.as_string());
    let offline = RwSignal::new(said);
    if ctx.ex.is_split() {
        let listener = gloo::events::EventListener::new(&window(), "fahras-offline", move |ev| {
            let state = ev
                .dyn_ref::<web_sys::CustomEvent>()
                .and_then(|e| e.detail().as_string());
            offline.set(state);
        });
        // The status lives as long as the page.
        listener.forget();
    }
    let offline_text = move || match offline.get().as_deref() {
        Some("ready") => Some(t().offline_ready),
        Some("saving") => Some(t().offline_saving),
        _ => None,
    };
    let loading = move || p.busy.get() != 0 && p.error.with(Option::is_none);
    view! {
        <Show when=move || p.error.with(Option::is_some)>
            <div class="piece-error" role="alert" data-piece-error="">
                <span>{move || t().piece_error}</span>" "
                <code dir="ltr">{move || p.error.get().unwrap_or_default()}</code>" "
                <button type="button" id="piece-retry" on:click=move |_| p.retry()>{move || t().retry}</button>
            </div>
        </Show>
        <Show when=loading>
            <div class="piece-loading" role="status" data-piece-loading="">
                <span class="bar"></span>{move || t().piece_loading}
            </div>
        </Show>
        <Show when=move || offline_text().is_some()>
            <div class="offline-state" role="status" data-offline=move || offline.get().unwrap_or_default()>
                {move || offline_text().unwrap_or_default()}
            </div>
        </Show>
    }
}
