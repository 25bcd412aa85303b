//! "Open articles": the reader's own files, read and compiled in a Web Worker by the same core as
//! `fahras build`, then shown in place of (or with) the page's articles. This component renders
//! the dialog, its progress and problems; the browser plumbing (file entries, the worker, the
//! kept copy, the reload) is `globalThis.fahrasImport` (web/import.js).

use js_sys::{Array, Function, Promise, Reflect};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::app::Ctx;
use crate::i18n::Strings;

/// Where an import is.
#[derive(Clone)]
enum Stage {
    Idle,
    Working {
        phase: String,
        files_done: u32,
        files: u32,
        articles: u32,
    },
    /// Failed, cancelled or read nothing: a message and the problems found, if any.
    Stopped {
        message: String,
        problems: Vec<String>,
    },
}

/// The page's import helper (web/import.js).
fn helper() -> Result<JsValue, String> {
    Reflect::get(&js_sys::global(), &"fahrasImport".into())
        .ok()
        .filter(|v| v.is_object())
        .ok_or_else(|| "this page has no import helper: build it again with `fahras build`".into())
}

/// Calls `fahrasImport[name](args…)`.
fn call(name: &str, args: &[JsValue]) -> Result<JsValue, String> {
    let h = helper()?;
    let f: Function = Reflect::get(&h, &name.into())
        .ok()
        .and_then(|f| f.dyn_into().ok())
        .ok_or_else(|| format!("the import helper has no {name}"))?;
    f.apply(&h, &args.iter().collect::<Array>())
        .map_err(|e| message_of(&e))
}

async fn wait(v: JsValue) -> Result<JsValue, String> {
    JsFuture::from(Promise::resolve(&v))
        .await
        .map_err(|e| message_of(&e))
}

fn message_of(e: &JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

fn num(v: &JsValue, key: &str) -> u32 {
    Reflect::get(v, &key.into())
        .ok()
        .and_then(|x| x.as_f64())
        .map_or(0, |x| x as u32)
}

fn text(v: &JsValue, key: &str) -> String {
    Reflect::get(v, &key.into())
        .ok()
        .and_then(|x| x.as_string())
        .unwrap_or_default()
}

/// The problems of an import as the command line prints them.
fn problem_lines(diagnostics: &JsValue) -> Vec<String> {
    Array::from(diagnostics)
        .iter()
        .map(|d| text(&d, "text"))
        .filter(|t| !t.is_empty())
        .collect()
}

fn phase_label(t: &Strings, phase: &str) -> &'static str {
    match phase {
        "starting" => t.phase_starting,
        "reading" => t.phase_reading,
        "finding entities" => t.phase_entities,
        "indexing" => t.phase_indexing,
        "grouping stories" => t.phase_stories,
        _ => t.phase_writing,
    }
}

/// Runs an import of `files` (an array, or a promise of one, of web/import.js file records).
async fn run(files: JsValue, add: bool, stage: RwSignal<Stage>) {
    stage.set(Stage::Working {
        phase: "starting".into(),
        files_done: 0,
        files: 0,
        articles: 0,
    });
    let result = async {
        let files = wait(files).await?;
        let count = Array::from(&files).length();
        let on_progress = Closure::<dyn Fn(JsValue)>::new(move |m: JsValue| {
            stage.set(Stage::Working {
                phase: text(&m, "phase"),
                files_done: num(&m, "filesDone"),
                files: num(&m, "files"),
                articles: num(&m, "articles"),
            });
        });
        let started = call(
            "start",
            &[files.clone(), add.into(), on_progress.as_ref().clone()],
        )?;
        let done = wait(started).await;
        drop(on_progress);
        Ok::<_, String>((done?, count))
    }
    .await;
    match result {
        Ok((done, files)) => {
            let diagnostics = Reflect::get(&done, &"diagnostics".into()).unwrap_or_default();
            if num(&done, "added") == 0 {
                stage.set(Stage::Stopped {
                    message: String::new(),
                    problems: problem_lines(&diagnostics),
                });
                return;
            }
            // Kept in this browser, then the page reloads onto the new articles.
            let kept = match call("keep", &[done, files.into()]) {
                Ok(p) => wait(p).await.map(|_| ()),
                Err(e) => Err(e),
            };
            if let Err(e) = kept {
                stage.set(Stage::Stopped {
                    message: e,
                    problems: Vec::new(),
                });
            }
        }
        Err(e) => stage.set(Stage::Stopped {
            message: e,
            problems: Vec::new(),
        }),
    }
}

#[component]
pub fn ImportPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let stage = RwSignal::new(Stage::Idle);
    let add = RwSignal::new(false);
    let working = move || matches!(stage.get(), Stage::Working { .. });
    let start_from_input = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let files = call("fromInput", &[input.clone().into()]);
        // The same files can be chosen again after a cancel.
        input.set_value("");
        match files {
            Ok(files) => wasm_bindgen_futures::spawn_local(run(files, add.get_untracked(), stage)),
            Err(e) => stage.set(Stage::Stopped {
                message: e,
                problems: Vec::new(),
            }),
        }
    };
    let on_drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        if working() {
            return;
        }
        let Some(dt) = ev.data_transfer() else {
            return;
        };
        // Entries are taken now, during the drop event; the walk of folders follows.
        match call("fromDrop", &[dt.into()]) {
            Ok(files) => wasm_bindgen_futures::spawn_local(run(files, add.get_untracked(), stage)),
            Err(e) => stage.set(Stage::Stopped {
                message: e,
                problems: Vec::new(),
            }),
        }
    };
    let cancel = move |_| {
        let _ = call("cancel", &[]);
    };
    let progress = move || match stage.get() {
        Stage::Working {
            phase,
            files_done,
            files,
            articles,
        } => {
            let label = phase_label(t(), &phase);
            let reading = phase == "reading";
            Some(view! {
                <div class="import-progress" role="status" data-phase=phase.clone()>
                    // Files are counted while they are read; the steps after are one call each.
                    {if reading {
                        view! { <progress max=files.max(1) value=files_done></progress> }.into_any()
                    } else {
                        view! { <progress></progress> }.into_any()
                    }}
                    <span>{label}</span>
                    <span class="import-counts" dir="ltr">
                        {if reading || files_done > 0 { format!("{files_done}/{files}") } else { String::new() }}
                    </span>
                    <span class="import-articles">{format!("{articles} {}", t().articles_word)}</span>
                    <button type="button" class="tool" id="import-cancel" on:click=cancel>{t().import_cancel}</button>
                </div>
            })
        }
        _ => None,
    };
    let stopped = move || match stage.get() {
        Stage::Stopped { message, problems } => {
            let cancelled = message == "cancelled";
            let head = if cancelled {
                t().import_cancelled.to_string()
            } else if message.is_empty() {
                t().import_nothing.to_string()
            } else {
                format!("{} {message}", t().import_failed)
            };
            Some(view! {
                <div class="import-stopped" role="alert" data-cancelled=cancelled.then_some("")>
                    <p>{head}</p>
                    <ProblemList problems=problems/>
                </div>
            })
        }
        _ => None,
    };
    view! {
        <section class="import-panel" id="import-panel" aria-labelledby="import-title">
            <div class="import-head">
                <h2 id="import-title">{move || t().import_title}</h2>
                <button type="button" class="close" aria-label=move || t().close on:click=move |_| ctx.import_open.set(false)>"×"</button>
            </div>
            <p class="muted">{move || t().import_help}</p>
            <div class="import-choose">
                <label class="tool file-button">
                    {move || t().choose_files}
                    <input type="file" id="import-files" multiple disabled=working
                        accept=".html,.htm,.xhtml,.json,.jsonl,.ndjson,.csv,.tsv,.txt,.md,.markdown,.zip"
                        on:change=start_from_input/>
                </label>
                <label class="tool file-button">
                    {move || t().choose_folder}
                    <input type="file" id="import-folder" prop:webkitdirectory=true disabled=working on:change=start_from_input/>
                </label>
            </div>
            <div class="drop-zone" id="import-drop"
                on:dragover=move |ev: web_sys::DragEvent| ev.prevent_default()
                on:drop=on_drop>
                {move || t().drop_here}
            </div>
            <fieldset class="import-mode" disabled=working>
                <label><input type="radio" name="import-mode" value="replace" prop:checked=move || !add.get() on:change=move |_| add.set(false)/>{move || t().import_replace}</label>
                <label><input type="radio" name="import-mode" value="add" id="import-add" prop:checked=move || add.get() on:change=move |_| add.set(true)/>{move || t().import_add}</label>
            </fieldset>
            {progress}
            {stopped}
            <p class="muted import-private">{move || t().import_private}</p>
        </section>
    }
}

/// The problems an import found, as the command line words them (text, never markup).
#[component]
pub fn ProblemList(problems: Vec<String>) -> impl IntoView {
    (!problems.is_empty()).then(|| {
        view! {
            <ul class="import-problems" dir="ltr">
                {problems.into_iter().map(|p| view! { <li>{p}</li> }).collect_view()}
            </ul>
        }
    })
}

/// After a reload onto imported articles: what they are, their problems, and "forget"; or, when
/// this browser no longer keeps them, that the page's own articles are shown.
#[component]
pub fn ImportedNote() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let info = Reflect::get(&js_sys::global(), &"fahrasImported".into()).unwrap_or_default();
    if !info.is_object() || !ctx.state.with_untracked(|s| s.imported) {
        return None;
    }
    let missing = Reflect::get(&info, &"missing".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false);
    if missing {
        return Some(
            view! {
                <div class="imported-note missing" role="status" id="imported-note" data-missing="">
                    <p>{move || t().imported_missing}</p>
                </div>
            }
            .into_any(),
        );
    }
    let articles = num(&info, "articles");
    let files = num(&info, "files");
    let problems = problem_lines(&Reflect::get(&info, &"diagnostics".into()).unwrap_or_default());
    let n = problems.len();
    let forget = move |_| {
        let _ = call("forget", &[]);
    };
    Some(
        view! {
            <div class="imported-note" role="status" id="imported-note">
                <p>
                    {move || t().imported_note}" "
                    <span data-imported-articles=articles>{move || format!("{articles} {}", t().articles_word)}</span>
                    " · "
                    <span>{move || format!("{files} {}", t().files_word)}</span>
                    " "
                    <button type="button" class="tool" id="forget-imported" on:click=forget>{move || t().forget_imported}</button>
                </p>
                {(n > 0).then(|| view! {
                    <details class="imported-problems">
                        <summary>{move || format!("{n} {}", t().problems)}</summary>
                        <ProblemList problems=problems.clone()/>
                    </details>
                })}
            </div>
        }
        .into_any(),
    )
}

/// Downloads this explorer with the articles shown as one `fahras.html`.
pub fn save_single(status: RwSignal<Option<String>>) {
    wasm_bindgen_futures::spawn_local(async move {
        status.set(None);
        let r = match call("save", &[]) {
            Ok(p) => wait(p).await.map(|_| ()),
            Err(e) => Err(e),
        };
        if let Err(e) = r {
            status.set(Some(e));
        }
    });
}
