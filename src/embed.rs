//! The explorer inside another site's page. When it runs in a frame whose URL names the host's
//! origin (`#…&embed=1&origin=https%3A%2F%2Fexample.com`), it tells that origin what happens
//! (`fahras:ready`, `fahras:search`, `fahras:article`) and obeys two commands
//! (`fahras:set-query`, `fahras:open-article`).
//!
//! Trust rules, because any page can post to any frame:
//! - events go to the named origin only, never `'*'`; no origin named, no messaging at all;
//! - the origin is fixed at start-up: a later fragment change (any window may navigate a frame's
//!   fragment) cannot redirect events or widen who may send commands;
//! - a command is obeyed only when it comes from the parent window, from exactly that origin,
//!   and has exactly the documented shape; everything else is ignored silently.

use fahras_core::state::MAX_QUERY_CHARS;
use js_sys::{Array, Object, Reflect};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};

use crate::app::Ctx;

/// Longest article id a command may carry (ids in the URL are cut at the same length).
const MAX_ID_CHARS: usize = 200;

/// The window this page is framed in, or `None` for a top-level page.
pub fn parent_window() -> Option<web_sys::Window> {
    let w = web_sys::window()?;
    let parent = w.parent().ok().flatten()?;
    (JsValue::from(&parent) != JsValue::from(&w)).then_some(parent)
}

/// True inside any frame: the page's history then belongs to the host (see `app::sync_url`).
pub fn in_frame() -> bool {
    parent_window().is_some()
}

/// What a `fahras:search` event reports on: query, filters and result count.
type SearchKey = (String, Vec<String>, Vec<String>, usize);

/// Starts messaging with the embedding page when the URL allows it; a no-op otherwise.
pub fn wire(ctx: Ctx) {
    let Some(origin) = ctx.state.with_untracked(|s| s.origin.clone()) else {
        return;
    };
    let Some(parent) = parent_window() else {
        return;
    };
    let allowed = origin.clone();
    let post = move |msg: &Object| {
        // Fails only if `origin` does not parse, which `parse_origin` has ruled out.
        let _ = parent.post_message(msg, &origin);
    };

    let post_search = post.clone();
    Effect::new(move |prev: Option<SearchKey>| {
        let n = ctx.results.with(|r| r.total());
        let key = ctx
            .state
            .with(|s| (s.query.clone(), s.entities.clone(), s.sources.clone(), n));
        if prev.is_none() {
            post_search(&message("fahras:ready", &[]));
        }
        if prev.as_ref() != Some(&key) {
            let results = JsValue::from_f64(n as f64);
            post_search(&message(
                "fahras:search",
                &[("query", JsValue::from_str(&key.0)), ("results", results)],
            ));
        }
        key
    });

    Effect::new(move |prev: Option<Option<String>>| {
        let article = ctx.state.with(|s| s.article.clone());
        if let Some(id) = article
            .as_deref()
            .filter(|_| prev.as_ref() != Some(&article))
        {
            post(&message("fahras:article", &[("id", JsValue::from_str(id))]));
        }
        article
    });

    window_event_listener(ev::message, move |ev: web_sys::MessageEvent| {
        let from_parent = match (ev.source(), parent_window()) {
            (Some(src), Some(p)) => JsValue::from(src) == JsValue::from(p),
            _ => false,
        };
        if !from_parent || ev.origin() != allowed {
            return;
        }
        match Command::parse(&ev.data()) {
            Some(Command::SetQuery(q)) => {
                ctx.typing.set(false);
                ctx.edit(|s| s.query = q);
            }
            Some(Command::OpenArticle(id)) if ctx.ex.article_by_id(&id).is_some() => {
                ctx.open_article(id)
            }
            _ => {}
        }
    });
}

fn message(kind: &str, fields: &[(&str, JsValue)]) -> Object {
    let msg = Object::new();
    let _ = Reflect::set(&msg, &"type".into(), &kind.into());
    for (k, v) in fields {
        let _ = Reflect::set(&msg, &(*k).into(), v);
    }
    msg
}

#[derive(Debug, PartialEq, Eq)]
enum Command {
    SetQuery(String),
    OpenArticle(String),
}

impl Command {
    /// A plain object with exactly `type` and the command's one string field, within length
    /// limits; `None` for anything else (arrays, strings, extra keys, wrong types).
    fn parse(data: &JsValue) -> Option<Command> {
        if !data.is_object() || Array::is_array(data) {
            return None;
        }
        let obj: &Object = data.unchecked_ref();
        // Cloned by `postMessage`, so a plain object has this realm's `Object.prototype`.
        if JsValue::from(Object::get_prototype_of(obj))
            != JsValue::from(Object::get_prototype_of(&Object::new()))
        {
            return None;
        }
        if Object::keys(obj).length() != 2 {
            return None;
        }
        let text = |key: &str, max: usize| {
            Reflect::get(obj, &key.into())
                .ok()?
                .as_string()
                .filter(|s| s.chars().count() <= max)
        };
        match text("type", 40)?.as_str() {
            "fahras:set-query" => text("query", MAX_QUERY_CHARS).map(Command::SetQuery),
            "fahras:open-article" => text("id", MAX_ID_CHARS)
                .filter(|s| !s.is_empty())
                .map(Command::OpenArticle),
            _ => None,
        }
    }
}
