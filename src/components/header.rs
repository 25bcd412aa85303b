//! The top bar: name, language switch, theme toggle, export.

use fahras_core::explore::{to_csv, to_json};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Ctx;
use crate::i18n::Lang;

#[component]
pub fn Header() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let switch_lang = move |_| {
        ctx.edit(|s| {
            s.lang = if ctx.lang.get_untracked() == Lang::Ar {
                Some("en".into())
            } else {
                None
            }
        });
    };
    let is_dark = move || match ctx.state.with(|s| s.theme.clone()).as_deref() {
        Some("dark") => true,
        Some(_) => false,
        None => system_prefers_dark(),
    };
    let toggle_theme = move |_| {
        let dark = is_dark();
        ctx.edit(|s| s.theme = Some(if dark { "light" } else { "dark" }.into()));
    };
    let export = move |json: bool| {
        let r = ctx.results.get_untracked();
        // Every result, not just the rows drawn so far. A split corpus fetches their texts first.
        if !ctx.ex.is_split() {
            let (body, mime, name) = export_body(ctx.ex, json, &ctx.ex.items(&r, 0..r.total()));
            download(&body, mime, name);
            return;
        }
        let p = ctx.pieces;
        p.busy.update(|n| *n += 1);
        leptos::task::spawn_local(async move {
            // The export itself is the view settled: it reads every text and the entity table.
            let body = crate::pieces::settle(ctx.ex, || {
                export_body(ctx.ex, json, &ctx.ex.items(&r, 0..r.total()))
            })
            .await;
            p.busy.update(|n| *n = n.saturating_sub(1));
            match body {
                Ok((body, mime, name)) => download(&body, mime, name),
                Err(e) => p.error.set(Some(e)),
            }
        });
    };
    let save_status = RwSignal::new(None::<String>);
    view! {
        <header class="topbar">
            <h1 class="brand">{move || t().app_name}<span class="tagline">{move || t().tagline}</span></h1>
            <div class="tools">
                <button type="button" class="tool" id="open-import" aria-expanded=move || if ctx.import_open.get() { "true" } else { "false" }
                    on:click=move |_| ctx.import_open.update(|o| *o = !*o)>{move || t().open_articles}</button>
                <button type="button" class="tool" id="save-single" on:click=move |_| crate::components::import::save_single(save_status)>{move || t().save_single}</button>
                <button type="button" class="tool" id="export-csv" on:click=move |_| export(false)>{move || t().export_csv}</button>
                <button type="button" class="tool" id="export-json" on:click=move |_| export(true)>{move || t().export_json}</button>
                <button type="button" class="tool" id="theme-toggle" aria-pressed=move || if is_dark() { "true" } else { "false" } on:click=toggle_theme>
                    {move || if is_dark() { t().theme_light } else { t().theme_dark }}
                </button>
                <button
                    type="button"
                    class="tool"
                    id="lang-toggle"
                    lang=move || if ctx.lang.get() == Lang::Ar { "en" } else { "ar" }
                    aria-label=move || t().switch_lang_label
                    on:click=switch_lang
                >
                    {move || t().switch_lang}
                </button>
            </div>
            {move || save_status.get().map(|e| view! { <p class="save-error" role="alert">{format!("{} {e}", t().save_failed)}</p> })}
        </header>
    }
}

fn system_prefers_dark() -> bool {
    window()
        .match_media("(prefers-color-scheme: dark)")
        .ok()
        .flatten()
        .is_some_and(|m| m.matches())
}

/// Offers `body` as a file download (a Blob URL on a temporary link).
fn download(body: &str, mime: &str, name: &str) {
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(body));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    if let Some(a) = document()
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    {
        a.set_href(&url);
        a.set_download(name);
        a.click();
    }
    // Revoking at once can cancel the download in some browsers: give it time to start.
    gloo::timers::callback::Timeout::new(30_000, move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    })
    .forget();
}

/// The export of the results `items` as JSON or CSV: the file's text, type and name.
fn export_body(
    ex: &fahras_core::explore::Explorer,
    json: bool,
    items: &[fahras_core::explore::ResultItem],
) -> (String, &'static str, &'static str) {
    if json {
        (
            to_json(ex, items),
            "application/json",
            "fahras-results.json",
        )
    } else {
        (
            to_csv(ex, items),
            "text/csv;charset=utf-8",
            "fahras-results.csv",
        )
    }
}
