//! The root component: owns the view state (mirrored in the URL fragment), derives results
//! from the core, and wires the keyboard. Everything it shows comes from `fahras_core::explore`.

use std::sync::Arc;

use fahras_core::explore::{Explorer, ReaderView, Results, StoryView};
use fahras_core::state::ViewState;
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::components::{
    entity_panel::EntityPanel,
    facets::FacetPanel,
    header::Header,
    import::{ImportPanel, ImportedNote},
    pieces::PieceStatus,
    reader::Reader,
    results::ResultList,
    search::SearchBox,
    story::StoryPanel,
};
use crate::i18n::{strings, Lang, Strings};
use crate::url_state::{self, Write};

/// Shares one computed value between renders; equal only to itself, so a recomputation always
/// notifies (the value is rebuilt only when its inputs change).
#[derive(Clone)]
pub struct Shared<T>(pub Arc<T>);

impl<T> PartialEq for Shared<T> {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl<T> std::ops::Deref for Shared<T> {
    type Target = T;
    fn deref(&self) -> &T {
        &self.0
    }
}

/// What every component reads; all fields are cheap handles.
#[derive(Clone, Copy)]
pub struct Ctx {
    pub ex: &'static Explorer,
    pub state: RwSignal<ViewState>,
    /// True while the search box is being edited: the last word matches as a prefix.
    pub typing: RwSignal<bool>,
    pub results: Memo<Shared<Results>>,
    pub reader: Memo<Option<Shared<ReaderView>>>,
    /// The story view's reports, aligned (when the URL names a story).
    pub story: Memo<Option<Shared<StoryView>>>,
    /// On a narrow screen the filters fold behind a button.
    pub filters_open: RwSignal<bool>,
    /// The "Open articles" panel is shown.
    pub import_open: RwSignal<bool>,
    /// A split corpus's pieces: arrivals, fetches in flight, the last failure.
    pub pieces: crate::pieces::Pieces,
    /// Keyboard selection in the result list.
    pub selected: RwSignal<Option<usize>>,
    /// The reader's current query hit (n / N).
    pub current_hit: RwSignal<u32>,
    pub lang: Memo<Lang>,
}

impl Ctx {
    pub fn t(&self) -> &'static Strings {
        strings(self.lang.get())
    }

    pub fn edit(&self, f: impl FnOnce(&mut ViewState)) {
        self.state.update(f);
    }

    pub fn open_article(&self, id: String) {
        self.typing.set(false);
        self.edit(|s| {
            s.article = Some(id);
            s.entity_view = None;
        });
    }

    /// The story view of article `id`'s story.
    pub fn open_story(&self, id: String) {
        self.typing.set(false);
        self.edit(|s| {
            s.story = Some(id);
            s.entity_view = None;
        });
    }

    pub fn toggle_entity(&self, id: String) {
        self.typing.set(false);
        self.edit(|s| {
            if let Some(p) = s.entities.iter().position(|e| *e == id) {
                s.entities.remove(p);
            } else {
                s.entities.push(id);
            }
        });
    }

    pub fn entity_name(&self, e: u32) -> String {
        let Some(ent) = self.ex.entities().entities.get(e as usize) else {
            return String::new();
        };
        match self.lang.get() {
            Lang::En => ent.label_en.clone().unwrap_or_else(|| ent.name.clone()),
            Lang::Ar => ent.name.clone(),
        }
    }
}

/// What the results depend on: query, entity and source filters, and whether the box is being
/// edited.
type SearchPart = ((String, Vec<String>, Vec<String>), bool);

#[component]
pub fn App(ex: &'static Explorer) -> impl IntoView {
    let state = RwSignal::new(url_state::read());
    let typing = RwSignal::new(false);
    let search_part = Memo::new(move |_| {
        state.with(|s| (s.query.clone(), s.entities.clone(), s.sources.clone()))
    });
    let pieces = crate::pieces::Pieces::new();
    // A split corpus: results ranked on every list they need whose first page waits for texts;
    // when those arrive only the page is presented again (ranking is most of a keystroke's work).
    let ranked = StoredValue::new(None::<(SearchPart, Results)>);
    let results = Memo::new(move |prev: Option<&Shared<Results>>| {
        // Read (not just track): a memo that is never read never subscribes to its sources.
        let part = (search_part.get(), typing.get());
        // Only the first page gets excerpts: the rest are presented when "show more" asks.
        let page = crate::components::results::FIRST_PAGE;
        let waiting = ranked.try_update_value(Option::take).flatten();
        let (r, lacked) = pieces.compute(ex, || {
            let r = match waiting {
                Some((p, mut r)) if p == part => {
                    // Its rows were presented without the texts: present them again, not reuse them.
                    r.items.clear();
                    r.items = ex.items(&r, 0..page);
                    r
                }
                _ => state.with_untracked(|s| ex.results_page(s, part.1, page)),
            };
            // The story chips' labels (titles) are read here too, so they are fetched with the
            // page's texts rather than a round trip after them.
            let _ = ex.story_labels(&r);
            r
        });
        // A split corpus still fetching what these results need keeps the last ones shown.
        match (lacked, prev) {
            (None, _) => Shared(Arc::new(r)),
            (Some(texts_only), prev) => {
                if texts_only {
                    ranked.set_value(Some((part, r)));
                }
                prev.cloned()
                    .unwrap_or_else(|| Shared(Arc::new(Results::default())))
            }
        }
    });
    let reader_key =
        Memo::new(move |_| state.with(|s| (s.article.clone(), s.query.clone(), s.show_removed)));
    let reader = Memo::new(move |_| {
        let (article, query, removed) = reader_key.get();
        let a = ex.article_by_id(article.as_deref()?)?;
        pieces
            .complete(ex, || ex.reader(a, &query, removed))
            .flatten()
            .map(|r| Shared(Arc::new(r)))
    });
    let story_key = Memo::new(move |_| state.with(|s| s.story.clone()));
    let story = Memo::new(move |_| {
        let s = ex.story_by_article_id(story_key.get().as_deref()?)?;
        pieces
            .complete(ex, || ex.story_view(s))
            .flatten()
            .map(|v| Shared(Arc::new(v)))
    });
    let lang = Memo::new(move |_| state.with(|s| Lang::from_state(s.lang.as_deref())));
    let ctx = Ctx {
        ex,
        state,
        typing,
        results,
        reader,
        story,
        filters_open: RwSignal::new(false),
        import_open: RwSignal::new(false),
        pieces,
        selected: RwSignal::new(None),
        current_hit: RwSignal::new(0),
        lang,
    };
    provide_context(ctx);

    sync_url(ctx);
    sync_document(ctx);
    wire_keyboard(ctx);
    crate::embed::wire(ctx);
    // New results keep the keyboard selection on the same article when it is still listed.
    let collapsed = Memo::new(move |_| state.with(|s| s.collapse));
    Effect::new(move |prev: Option<Vec<usize>>| {
        // The rows as drawn: results, or one per story when collapsed.
        let collapse = collapsed.get();
        let order: Vec<usize> = results.with(|r| {
            if collapse {
                ex.collapse_by_story(r.articles())
                    .into_iter()
                    .map(|(head, _)| head)
                    .collect()
            } else {
                r.articles().collect()
            }
        });
        let was = ctx
            .selected
            .get_untracked()
            .and_then(|i| prev.as_ref()?.get(i).copied());
        ctx.selected
            .set(was.and_then(|a| order.iter().position(|&x| x == a)));
        order
    });
    Effect::new(move |_| {
        reader.with(|_| ());
        ctx.current_hit.set(0);
    });

    let embed = move || state.with(|s| s.embed);
    let story_open = move || story_key.with(Option::is_some);
    view! {
        <div class="app" class:embed=embed data-app-ready="">
            <Show when=move || !embed()><Header/></Show>
            // Embedded, "Open articles" is offered only when the host asks (`import=1`).
            <Show when=move || embed() && state.with(|s| s.import)>
                <div class="embed-tools">
                    <button type="button" class="tool" id="open-import" on:click=move |_| ctx.import_open.update(|o| *o = !*o)>
                        {move || ctx.t().open_articles}
                    </button>
                </div>
            </Show>
            <ImportedNote/>
            <Show when=move || ctx.import_open.get()><ImportPanel/></Show>
            <SearchBox/>
            <PieceStatus/>
            // The story view stands in for the layout (kept, hidden: the results stay as they were).
            <div class="layout" class:hidden=story_open>
                <FacetPanel/>
                <ResultList/>
                <Reader/>
                <EntityPanel/>
            </div>
            <StoryPanel/>
        </div>
    }
}

/// URL fragment ⇄ state. Query-only edits within a moment of each other replace the current
/// history entry; anything else is a new entry.
fn sync_url(ctx: Ctx) {
    let last_change = StoredValue::new(0.0f64);
    // The write waiting (for the frame after this change, or a pause in typing); several
    // changes before it merge.
    let pending = StoredValue::new(None::<Write>);
    let turns = StoredValue::new(0u32);
    Effect::new(move |prev: Option<ViewState>| {
        let now = js_sys::Date::now();
        let cur = ctx.state.get();
        let how = match &prev {
            None => Write::Replace,
            Some(p) if p.search_key() == cur.search_key() => Write::Replace,
            Some(p) => {
                let only_query = ViewState {
                    query: cur.query.clone(),
                    ..p.clone()
                } == cur;
                if only_query && now - last_change.get_value() < 1500.0 {
                    Write::Replace
                } else {
                    Write::Push
                }
            }
        };
        if prev.as_ref().is_some_and(|p| p.query != cur.query) {
            last_change.set_value(now);
        }
        // In a frame, history entries would land in the host page's back button: replace only.
        let how = if crate::embed::in_frame() {
            Write::Replace
        } else {
            how
        };
        let waiting = pending.get_value();
        let how = match (waiting, how) {
            (Some(Write::Push), _) | (_, Write::Push) => Write::Push,
            _ => Write::Replace,
        };
        pending.set_value(Some(how));
        // Each change supersedes the write its predecessor scheduled.
        let turn = turns.get_value().wrapping_add(1);
        turns.set_value(turn);
        let write = move || {
            if turns.get_value() == turn {
                flush(ctx, pending);
            }
        };
        if how == Write::Replace && ctx.typing.get_untracked() {
            // Keystrokes: written once typing pauses. Writing history on every key costs a
            // style and layout pass (and in Chromium the tab icon decoded again), and Safari
            // refuses more than 100 history changes in 30 seconds.
            set_timeout(write, TYPING_PAUSE);
        } else {
            // Done after the frame that shows the new results, it does not delay them.
            after_next_frame(write);
        }
        cur
    });
    // Leaving the page within a typing pause keeps the last keys in its address.
    window_event_listener(ev::pagehide, move |_| flush(ctx, pending));
    let restore = move || {
        let from_url = url_state::read();
        if ctx.state.with_untracked(|s| *s != from_url) {
            ctx.typing.set(false);
            ctx.state.set(from_url);
        }
    };
    // Back/forward and hand-edited fragments.
    window_event_listener(ev::popstate, move |_| restore());
    window_event_listener(ev::hashchange, move |_| restore());
}

/// Runs `f` once the next frame has been painted: work that must not delay that frame.
pub fn after_next_frame(f: impl FnOnce() + 'static) {
    request_animation_frame(move || set_timeout(f, std::time::Duration::ZERO));
}

/// How long the search box must be left alone before its query is written to the address.
const TYPING_PAUSE: std::time::Duration = std::time::Duration::from_millis(400);

/// Writes the state to the address if a write is waiting.
fn flush(ctx: Ctx, pending: StoredValue<Option<Write>>) {
    if let Some(how) = pending.get_value() {
        pending.set_value(None);
        ctx.state.with_untracked(|s| url_state::write(s, how));
    }
}

/// `<html lang dir data-theme>` follow the interface language and the theme choice.
fn sync_document(ctx: Ctx) {
    Effect::new(move |_| {
        let lang = ctx.lang.get();
        let theme = ctx.state.with(|s| s.theme.clone());
        let Some(root) = document().document_element() else {
            return;
        };
        let _ = root.set_attribute("lang", lang.code());
        let _ = root.set_attribute("dir", lang.dir());
        match theme {
            Some(t) => {
                let _ = root.set_attribute("data-theme", &t);
            }
            None => {
                let _ = root.remove_attribute("data-theme");
            }
        }
    });
}

fn in_text_field(ev: &web_sys::KeyboardEvent) -> bool {
    ev.target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|el| {
            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                || el.has_attribute("contenteditable")
        })
}

pub fn focus_search() {
    if let Some(el) = document()
        .get_element_by_id("q")
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        let _ = el.focus();
        el.select();
    }
}

fn wire_keyboard(ctx: Ctx) {
    window_event_listener(ev::keydown, move |ev: web_sys::KeyboardEvent| {
        if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() {
            return;
        }
        let in_field = in_text_field(&ev);
        let key = ev.key();
        // Only the drawn results can be selected (the list shows a page at a time).
        let n = document()
            .query_selector_all(".result-list > .result")
            .map_or(0, |l| l.length() as usize);
        let reader_open = ctx.state.with_untracked(|s| s.article.is_some());
        // The story view hides the result list: its rows are not there to walk or open.
        let story_open = ctx.state.with_untracked(|s| s.story.is_some());
        let step = |d: isize| {
            if n == 0 || story_open {
                return;
            }
            let cur = ctx.selected.get_untracked();
            let next = match cur {
                None if d > 0 => 0,
                None => n - 1,
                Some(i) => (i as isize + d).clamp(0, n as isize - 1) as usize,
            };
            ctx.selected.set(Some(next));
        };
        match key.as_str() {
            "/" if !in_field => {
                ev.prevent_default();
                focus_search();
            }
            "Escape" => {
                ev.prevent_default();
                if ctx.import_open.get_untracked() {
                    ctx.import_open.set(false);
                } else if ctx.state.with_untracked(|s| s.entity_view.is_some()) {
                    ctx.edit(|s| s.entity_view = None);
                } else if ctx.state.with_untracked(|s| s.story.is_some()) {
                    ctx.edit(|s| s.story = None);
                } else if reader_open {
                    ctx.edit(|s| s.article = None);
                } else if in_field && ctx.state.with_untracked(|s| !s.query.is_empty()) {
                    ctx.typing.set(false);
                    ctx.edit(|s| s.query.clear());
                } else if let Some(el) = document().active_element() {
                    if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                        let _ = el.blur();
                    }
                }
            }
            "ArrowDown" => {
                ev.prevent_default();
                step(1);
            }
            "ArrowUp" => {
                ev.prevent_default();
                step(-1);
            }
            "j" if !in_field => step(1),
            "k" if !in_field => step(-1),
            "Enter" => {
                let on_button = ev
                    .target()
                    .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                    .is_some_and(|el| matches!(el.tag_name().as_str(), "BUTTON" | "A"));
                if on_button {
                    return;
                }
                if let Some(i) = ctx.selected.get_untracked().filter(|_| !story_open) {
                    // The drawn row's article: rows are results, or stories when collapsed.
                    let id = document()
                        .query_selector(&format!(".result-list > [data-result-index=\"{i}\"]"))
                        .ok()
                        .flatten()
                        .and_then(|el| el.get_attribute("data-article-id"));
                    if let Some(id) = id {
                        ev.prevent_default();
                        ctx.open_article(id);
                    }
                } else if in_field {
                    // Enter in the search box settles the query: a history entry.
                    ctx.typing.set(false);
                }
            }
            "n" | "N" if !in_field && reader_open && !story_open => {
                let total = ctx
                    .reader
                    .with_untracked(|r| r.as_ref().map_or(0, |r| r.hit_count));
                if total > 0 {
                    let cur = ctx.current_hit.get_untracked();
                    let next = if key == "n" {
                        (cur + 1) % total
                    } else {
                        (cur + total - 1) % total
                    };
                    ctx.current_hit.set(next);
                }
            }
            _ => {}
        }
    });
}
