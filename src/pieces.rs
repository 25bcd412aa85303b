//! A split corpus's pieces (see `fahras_core::split`): a view computed on the head notes the
//! texts and posting lists it lacked; they are fetched through the page's loader
//! (`globalThis.fahrasPieces`, web/corpus-loader.js: HTTP range requests), installed, and the
//! view computed again. Until then the view keeps what it last showed complete.

use std::ops::Range;

use fahras_core::explore::Explorer;
use fahras_core::split::Piece;
use js_sys::{Array, Function, Promise, Reflect, Uint8Array};
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// Where the page's loader leaves its piece fetcher.
pub const GLOBAL: &str = "fahrasPieces";

/// The loading state every view reads: bumped when pieces arrive.
#[derive(Clone, Copy)]
pub struct Pieces {
    /// Bumped each time fetched pieces are installed: views computed on the head recompute.
    pub version: RwSignal<u32>,
    /// Fetches in flight.
    pub busy: RwSignal<u32>,
    /// The last fetch's failure, for the message with its retry button.
    pub error: RwSignal<Option<String>>,
    /// Pieces being fetched: a view that lacks one of them waits for that fetch, not a second.
    in_flight: StoredValue<std::collections::BTreeSet<Piece>>,
}

impl Pieces {
    pub fn new() -> Pieces {
        Pieces {
            version: RwSignal::new(0),
            busy: RwSignal::new(0),
            error: RwSignal::new(None),
            in_flight: StoredValue::new(Default::default()),
        }
    }

    /// Computes a view (subscribing to arrivals); `None` when it lacked pieces, which are then
    /// being fetched.
    pub fn complete<T>(self, ex: &'static Explorer, view: impl FnOnce() -> T) -> Option<T> {
        let (v, lacked) = self.compute(ex, view);
        lacked.is_none().then_some(v)
    }

    /// Computes a view (subscribing to arrivals) and fetches what it lacked. `Some(true)`: it
    /// lacked texts only (its ranking is right; its rows lack excerpts). A view that lacked
    /// only what can follow it (the entity table, for its facets and chips) is complete: it
    /// is shown, and computed again when that arrives.
    pub fn compute<T>(self, ex: &'static Explorer, view: impl FnOnce() -> T) -> (T, Option<bool>) {
        if !ex.is_split() {
            return (view(), None);
        }
        self.version.track();
        let _ = ex.take_needs();
        let v = view();
        let (later, now): (Vec<_>, Vec<_>) = ex
            .take_needs()
            .into_iter()
            .partition(|(p, _)| p.can_follow());
        if now.is_empty() {
            self.want(ex, later);
            return (v, None);
        }
        // What can follow waits until the rest has come (it would share the link with it).
        let texts_only = now.iter().all(|(p, _)| p.is_text());
        self.want(ex, now);
        (v, Some(texts_only))
    }

    /// Fetches `needs`; views recompute when they are installed.
    pub fn want(self, ex: &'static Explorer, needs: Vec<(Piece, Range<u64>)>) {
        let needs: Vec<(Piece, Range<u64>)> = self
            .in_flight
            .try_update_value(|f| {
                needs
                    .into_iter()
                    .filter(|(p, _)| f.insert(p.fetched_as()))
                    .collect()
            })
            .unwrap_or_default();
        if needs.is_empty() {
            return;
        }
        // What follows a shown view (the entity table) has its own note in the facet panel,
        // not the "Loading articles…" line.
        let counted = u32::from(needs.iter().any(|(p, _)| !p.can_follow()));
        self.busy.update(|n| *n += counted);
        wasm_bindgen_futures::spawn_local(async move {
            let got = fetch(ex, &needs).await;
            self.in_flight.update_value(|f| {
                for (p, _) in &needs {
                    f.remove(&p.fetched_as());
                }
            });
            self.busy.update(|n| *n = n.saturating_sub(counted));
            match got {
                Ok(()) => {
                    self.error.set(None);
                    self.version.update(|v| *v += 1);
                }
                Err(e) => self.error.set(Some(e)),
            }
        });
    }

    /// Tries again after a failure: every view recomputes and asks for what it lacks.
    pub fn retry(self) {
        self.error.set(None);
        self.version.update(|v| *v += 1);
    }
}

impl Default for Pieces {
    fn default() -> Self {
        Pieces::new()
    }
}

/// Computes `view` on the head until it lacks nothing but what can follow it (the entity
/// table for facets and chips, fetched once the app has shown the view): the first view,
/// before the app mounts, and an export.
pub async fn settle<T>(ex: &'static Explorer, view: impl Fn() -> T) -> Result<T, String> {
    loop {
        let v = view();
        let needs: Vec<_> = ex
            .take_needs()
            .into_iter()
            .filter(|(p, _)| !p.can_follow())
            .collect();
        if needs.is_empty() {
            return Ok(v);
        }
        fetch(ex, &needs).await?;
    }
}

fn loader() -> Result<(JsValue, Function), String> {
    let l = Reflect::get(&js_sys::global(), &JsValue::from_str(GLOBAL))
        .ok()
        .filter(|v| v.is_object())
        .ok_or(
            "this page has no piece loader (web/corpus-loader.js): rebuild it with `fahras build`",
        )?;
    let f = |name: &str| -> Result<Function, String> {
        Reflect::get(&l, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.dyn_into::<Function>().ok())
            .ok_or_else(|| format!("the piece loader has no {name}()"))
    };
    let get = f("get")?;
    Ok((l, get))
}

/// Fetches and installs `needs`: one range request per run of nearby pieces, all at once.
pub async fn fetch(ex: &Explorer, needs: &[(Piece, Range<u64>)]) -> Result<(), String> {
    let (l, get) = loader()?;
    let requests = ex.requests(needs);
    let calls = Array::new();
    for r in &requests {
        let p = get
            .call3(
                &l,
                &JsValue::from_str(&r.file),
                &JsValue::from_f64(r.range.start as f64),
                &JsValue::from_f64(r.range.end as f64),
            )
            .map_err(|e| describe(&e))?;
        calls.push(&p);
    }
    let got: Array = JsFuture::from(Promise::all(&calls))
        .await
        .map_err(|e| describe(&e))?
        .unchecked_into();
    for (i, r) in requests.iter().enumerate() {
        let bytes = Uint8Array::new(&got.get(i as u32)).to_vec();
        for (piece, at) in &r.pieces {
            let from = (at.start - r.range.start) as usize;
            let to = (at.end - r.range.start) as usize;
            let slice = bytes
                .get(from..to)
                .ok_or_else(|| format!("{}: the host sent fewer bytes than asked", r.file))?;
            ex.install(*piece, slice)?;
        }
    }
    Ok(())
}

fn describe(e: &JsValue) -> String {
    if let Some(err) = e.dyn_ref::<js_sys::Error>() {
        return String::from(err.message());
    }
    e.as_string()
        .unwrap_or_else(|| "a part of the corpus could not be loaded".to_string())
}
