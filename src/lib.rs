//! The Fahras explorer: Leptos components that render the core's state and wire events.
//! No search logic lives here; see `fahras_core::explore`.

pub mod app;
pub mod components;
pub mod data;
pub mod embed;
pub mod i18n;
pub mod pieces;
pub mod url_state;

use leptos::prelude::*;

/// Waits for the page's corpus, then mounts the explorer, or a clear error page when the data
/// cannot be loaded or read (never a blank page).
pub fn start() {
    console_error_panic_hook::set_once();
    wasm_bindgen_futures::spawn_local(async {
        let loaded = data::fetch_from_page().await;
        if let Ok(ex) = loaded {
            // A split corpus: the first view's pieces (the first page's texts, the words of a
            // query in the address) before the app shows it.
            // Failing here, the app still shows, with the failure and a retry button.
            if let Err(e) = first_view(ex).await {
                web_sys::console::warn_1(&format!("fahras: {e}").into());
            }
        }
        if let Some(el) = document().get_element_by_id("fahras-loading") {
            el.remove();
        }
        match loaded {
            Ok(ex) => {
                leptos::mount::mount_to_body(move || view! { <app::App ex=ex/> });
                // The dictionaries' maps (typo and prefix matching walk them): built once the
                // first view is up, not before it (see `Index::prepare_search`); a browser
                // without requestIdleCallback (Safari) builds them shortly after instead.
                let prepare = move || ex.index.prepare_search();
                if request_idle_callback_with_handle(prepare).is_err() {
                    set_timeout(prepare, std::time::Duration::from_millis(500));
                }
            }
            Err(msg) => {
                leptos::mount::mount_to_body(move || view! { <LoadError message=msg.clone()/> })
            }
        }
    });
}

async fn first_view(ex: &'static fahras_core::explore::Explorer) -> Result<(), String> {
    if !ex.is_split() {
        return Ok(());
    }
    let state = url_state::read();
    pieces::settle(ex, || {
        let r = ex.results_page(&state, false, components::results::FIRST_PAGE);
        // The story facet's labels (titles) as well: the app's first results wait for them,
        // and read here they come in the same round as the page's texts, not a round after.
        let _ = ex.story_labels(&r);
        let a = state.article.as_deref().and_then(|id| ex.article_by_id(id));
        (
            r.total(),
            a.and_then(|a| ex.reader(a, &state.query, state.show_removed))
                .is_some(),
        )
    })
    .await
    .map(|_| ())
}

#[component]
pub fn LoadError(message: String) -> impl IntoView {
    view! {
        <main class="load-error" role="alert" data-app-error="">
            <h1>"فهرس · Fahras"</h1>
            <p lang="ar">{i18n::strings(i18n::Lang::Ar).load_error}</p>
            <p lang="en" dir="ltr">{i18n::strings(i18n::Lang::En).load_error}</p>
            <pre dir="ltr">{message}</pre>
        </main>
    }
}
