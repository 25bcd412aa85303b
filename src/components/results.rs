//! The result list: title, source, author, date, the best excerpt with highlights, and the
//! article's top entity chips. The count is announced to screen readers.

use std::sync::Arc;

use leptos::prelude::*;

use fahras_core::explore::ResultItem;

use crate::app::{Ctx, Shared};
use crate::components::chip::row_chip;
use crate::components::marks::marked;

/// Results drawn as the query changes: every keystroke redraws them, so few enough that
/// typing stays quick on a large corpus (the count, facets and export cover every result).
pub const FIRST_PAGE: usize = 20;
/// Results each "show more" adds.
const MORE: usize = 50;

#[component]
pub fn ResultList() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let count = move || ctx.results.with(|r| r.total());
    // Keep the keyboard selection visible.
    Effect::new(move |_| {
        if let Some(i) = ctx.selected.get() {
            if let Some(el) = document()
                .query_selector(&format!("[data-result-index=\"{i}\"]"))
                .ok()
                .flatten()
            {
                let opts = web_sys::ScrollIntoViewOptions::new();
                opts.set_block(web_sys::ScrollLogicalPosition::Nearest);
                el.scroll_into_view_with_scroll_into_view_options(&opts);
            }
        }
    });
    // Drawing a thousand results on every keystroke is what makes typing slow on big corpora:
    // show a page at a time. "Show more" counts only for the results it was pressed on, so new
    // results start from the first page without drawing the longer list once more first.
    let results_key = move || ctx.results.with(|r| Arc::as_ptr(&r.0) as usize);
    let more = RwSignal::new((0usize, 0usize));
    let shown = move || {
        let (key, n) = more.get();
        FIRST_PAGE + if key == results_key() { n } else { 0 }
    };
    let show_more = move |_| {
        let key = results_key();
        more.update(|(k, n)| {
            if *k != key {
                *k = key;
                *n = 0;
            }
            *n += MORE;
        });
    };
    let collapse = Memo::new(move |_| ctx.state.with(|st| st.collapse));
    // Collapsed: the rows are stories (one per story, the best-ranked report first).
    let rows = Memo::new(move |prev: Option<&Shared<_>>| {
        let r = ctx.results.get();
        let (collapse, shown) = (collapse.get(), shown());
        let fresh = ctx.pieces.complete(ctx.ex, || {
            if collapse {
                ctx.ex.collapsed_items(&r, shown)
            } else {
                let items = ctx.ex.items(&r, 0..shown);
                (
                    items.into_iter().map(|it| (it, Vec::new())).collect(),
                    r.total(),
                )
            }
        });
        // A split corpus fetching the texts of more rows keeps the rows shown until then.
        match (fresh, prev) {
            (Some(rows), _) => Shared(Arc::new(rows)),
            (None, Some(p)) => p.clone(),
            (None, None) => Shared(Arc::new((Vec::new(), r.total()))),
        }
    });
    let row_count = move || rows.with(|r| r.1);
    let items = move || {
        rows.with(|r| {
            r.0 .0
                .iter()
                .enumerate()
                .map(|(i, (it, more))| row(ctx, i, it, more))
                .collect_view()
        })
    };
    let active = move || ctx.results.with(|r| r.active.len());
    let toggle_filters = move |_| ctx.filters_open.update(|o| *o = !*o);
    view! {
        <section class="results" aria-labelledby="result-count">
            <div class="results-bar">
                <p id="result-count" class="count" role="status" aria-live="polite">
                    {move || format!("{} {}", count(), t().results)}
                </p>
                <button type="button" class="tool filters-button" aria-controls="facets"
                    aria-expanded=move || if ctx.filters_open.get() { "true" } else { "false" } on:click=toggle_filters>
                    {move || match active() { 0 => t().filters.to_string(), n => format!("{} ({n})", t().filters) }}
                </button>
                <Show when=move || !ctx.ex.stories.is_empty()>
                    <label class="toggle">
                        <input type="checkbox" id="collapse-stories" prop:checked=move || collapse.get()
                            on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(|s| s.collapse = on) }/>
                        {move || t().one_row_per_story}
                    </label>
                </Show>
            </div>
            <Show when=move || count() == 0>
                <EmptyState/>
            </Show>
            <PartialNotice/>
            <ol class="result-list">{items}</ol>
            <Show when=move || { row_count() > shown() }>
                <button type="button" class="tool show-more" on:click=show_more>
                    {move || format!("{} ({})", t().show_more, row_count() - shown())}
                </button>
            </Show>
        </section>
    }
}

/// One result row; `more` are the story's other reports among the results (collapsed view).
fn row(ctx: Ctx, i: usize, it: &ResultItem, more: &[usize]) -> AnyView {
    let t = move || ctx.t();
    let Some(a) = ctx.ex.articles.get(it.hit.article) else {
        return ().into_any();
    };
    let id = a.id.clone();
    let open_id = id.clone();
    let story_id = id.clone();
    let selected = move || ctx.selected.get() == Some(i);
    let meta: Vec<String> = [a.source.clone(), a.author.clone(), a.date.clone()]
        .into_iter()
        .flatten()
        .collect();
    let chips = it
        .top_entities
        .iter()
        .map(|&e| row_chip(ctx, e))
        .collect_view();
    let title = marked(ctx.ex.title(it.hit.article), &it.hit.title_highlights);
    let excerpt = marked(&it.hit.excerpt.text, &it.hit.excerpt.highlights);
    let missing = it.hit.missing.clone();
    let open = move |ev: web_sys::MouseEvent| {
        ev.prevent_default();
        ctx.selected.set(Some(i));
        ctx.open_article(open_id.clone());
    };
    let more_n = more.len();
    view! {
        <li class="result" class:selected=selected data-article-id=id.clone() data-result-index=i
            aria-current=move || if selected() { "true" } else { "false" }>
            <h2 class="result-title" lang=a.lang.clone() dir="auto">
                <a href=format!("#article={}", fahras_core::state::encode(&id)) on:click=open>{title}</a>
            </h2>
            {(!meta.is_empty()).then(|| view! { <p class="meta">{meta.join(" · ")}</p> })}
            <p class="excerpt" lang=a.lang.clone() dir="auto">{excerpt}</p>
            {(!missing.is_empty()).then(|| view! {
                <p class="missing" dir="auto">{format!("{} {}", t().missing, missing.join("، "))}</p>
            })}
            <div class="result-chips">{chips}</div>
            {(more_n > 0).then(|| view! {
                <button type="button" class="suggestion more-reports" data-more-reports=more_n
                    on:click=move |_| ctx.open_story(story_id.clone())>{move || format!("{more_n} {}", t().more_reports)}</button>
            })}
        </li>
    }
    .into_any()
}

/// When no article has every word: how many the shown ones have, and a button per missing word
/// that searches for it alone.
#[component]
fn PartialNotice() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    move || {
        let p = ctx.results.with(|r| r.partial.clone())?;
        let t = ctx.t();
        let mut text = format!("{} {} {} {}.", t.partial_notice, p.held, t.of, p.of);
        if !p.missing.is_empty() {
            text = format!("{text} {} {}", t.missing, p.missing.join("، "));
        }
        let buttons = p
            .lacking
            .into_iter()
            .map(|w| {
                let word = w.clone();
                view! { <button type="button" class="suggestion search-alone" dir="auto" on:click=move |_| {
                    ctx.typing.set(false);
                    ctx.edit(|s| s.query = word.clone());
                }>{w}</button> }
            })
            .collect_view();
        Some(view! {
            <div class="partial-notice" role="note">
                <p>{text}</p>
                <p class="suggest">{t.search_alone}" "{buttons}</p>
            </div>
        })
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let terms = move || ctx.results.with(|r| r.suggested_terms.clone());
    let drops = move || ctx.results.with(|r| r.drop_filter.clone());
    view! {
        <div class="empty">
            <p>{move || t().no_results}</p>
            <Show when=move || !terms().is_empty()>
                <p class="suggest">{move || t().try_terms}" "
                    {move || terms().into_iter().map(|w| {
                        let word = w.clone();
                        view! { <button type="button" class="suggestion" on:click=move |_| {
                            let word = word.clone();
                            ctx.typing.set(false);
                            ctx.edit(|s| s.query = replace_last_word(&s.query, &word));
                        }>{w}</button> }
                    }).collect_view()}
                </p>
            </Show>
            <Show when=move || !drops().is_empty()>
                <p class="suggest">{move || t().try_drop_filter}" "
                    {move || drops().into_iter().map(|(f, n)| {
                        let label = f.entity.map(|e| ctx.entity_name(e)).unwrap_or_else(|| f.value.clone());
                        view! { <button type="button" class="suggestion drop-filter" on:click=move |_| {
                            let f = f.clone();
                            ctx.edit(|s| {
                                if let Some(span) = f.span { s.query = fahras_core::explore::remove_typed_filter(&s.query, span); }
                                s.entities.retain(|e| *e != f.value);
                                s.sources.retain(|x| *x != f.value);
                            });
                        }>{format!("{label} ({n})")}</button> }
                    }).collect_view()}
                </p>
            </Show>
        </div>
    }
}

/// The query with its last word replaced by a suggestion.
fn replace_last_word(q: &str, word: &str) -> String {
    let trimmed = q.trim_end();
    match trimmed.rfind(char::is_whitespace) {
        Some(i) => format!("{} {word}", &trimmed[..i]),
        None => word.to_string(),
    }
}
