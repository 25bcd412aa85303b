//! The search box and the active-filter chips under it.

use fahras_core::explore::FilterKind;
use leptos::prelude::*;

use crate::app::Ctx;
use crate::i18n::kind_code;

#[component]
pub fn SearchBox() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let on_input = move |ev| {
        let v = event_target_value(&ev);
        ctx.typing.set(true);
        ctx.edit(|s| s.query = v);
    };
    // Focus on load (the `autofocus` attribute is ignored inside some embedding hosts).
    // Never inside a frame: it would scroll the host page to the explorer and take its focus.
    Effect::new(move |_| {
        if !crate::embed::in_frame() {
            crate::app::focus_search()
        }
    });
    view! {
        <search class="searchbar" role="search">
            <label class="sr-only" for="q">{move || t().search_label}</label>
            <input
                id="q"
                type="search"
                dir="auto"
                autocomplete="off"
                spellcheck="false"
                placeholder=move || t().search_placeholder
                aria-describedby="q-help"
                prop:value=move || ctx.state.with(|s| s.query.clone())
                on:input=on_input
                on:change=move |_| ctx.typing.set(false)
            />
            <p id="q-help" class="help">{move || t().search_help}</p>
            <ActiveFilters/>
        </search>
    }
}

#[component]
fn ActiveFilters() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let active = move || ctx.results.get().active.clone();
    let clear = move |_| {
        ctx.typing.set(false);
        ctx.edit(|s| {
            s.entities.clear();
            s.sources.clear();
            s.query = fahras_core::explore::strip_typed_filters(&s.query);
        })
    };
    view! {
        <Show when=move || !active().is_empty()>
            <div class="active-filters" role="group" aria-label=move || t().active_filters>
                {move || {
                    active()
                        .into_iter()
                        .map(|f| {
                            let label = match f.entity {
                                Some(e) => ctx.entity_name(e),
                                None => f.value.clone(),
                            };
                            let unknown = f.entity.is_none() && f.kind != FilterKind::Source;
                            let kind = match f.kind {
                                FilterKind::Entity(k) => kind_code(k),
                                FilterKind::Source => "source",
                            };
                            let remove = move |_| {
                                let f = f.clone();
                                ctx.typing.set(false);
                                ctx.edit(|s| {
                                    if let Some(span) = f.span {
                                        s.query = fahras_core::explore::remove_typed_filter(&s.query, span);
                                    }
                                    s.entities.retain(|e| *e != f.value);
                                    s.sources.retain(|x| *x != f.value);
                                });
                            };
                            view! {
                                <span class=format!("active-chip chip-{kind}") class:unknown=unknown>
                                    <span>{label}</span>
                                    {unknown.then(|| view! { <span class="note">{move || format!(" ({})", t().unknown_filter)}</span> })}
                                    <button type="button" class="x" aria-label=move || t().remove_filter on:click=remove>"×"</button>
                                </span>
                            }
                        })
                        .collect_view()
                }}
                <button type="button" class="clear-all" on:click=clear>{move || t().clear_all}</button>
            </div>
        </Show>
    }
}
