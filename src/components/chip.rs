//! An entity chip: toggles the entity as a filter. Carries `data-entity-id`/`data-entity-type`
//! for tests and for pages that embed the explorer.

use leptos::prelude::*;

use crate::app::Ctx;
use crate::i18n::kind_code;

#[component]
pub fn EntityChip(
    entity: u32,
    #[prop(optional)] count: Option<usize>,
    #[prop(optional)] active: bool,
) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    chip(ctx, entity, move || ctx.entity_name(entity), count, active)
}

/// A chip in a result row. Rows are drawn anew for every keystroke, so nothing in it reacts on
/// its own (a reactive name per chip was a hundred effects made and dropped per key): its name
/// is read while the row is drawn, and the rows are drawn again when the language changes.
pub fn row_chip(ctx: Ctx, entity: u32) -> AnyView {
    chip(ctx, entity, ctx.entity_name(entity), None, false)
}

fn chip(
    ctx: Ctx,
    entity: u32,
    name: impl IntoView + 'static,
    count: Option<usize>,
    active: bool,
) -> AnyView {
    let Some(ent) = ctx.ex.entities().entities.get(entity as usize) else {
        return ().into_any();
    };
    let id = ent.id.clone();
    let kind = kind_code(ent.kind);
    let toggle_id = id.clone();
    view! {
        <button
            type="button"
            class=format!("chip chip-{kind}")
            class:active=active
            data-entity-id=id
            data-entity-type=kind
            aria-pressed=if active { "true" } else { "false" }
            on:click=move |_| ctx.toggle_entity(toggle_id.clone())
        >
            <span class="chip-name">{name}</span>
            {count.map(|c| view! { <span class="chip-count">{c}</span> })}
        </button>
    }
    .into_any()
}
