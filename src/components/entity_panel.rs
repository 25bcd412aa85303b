//! The entity view: where an entity is mentioned, in context, across articles, and which
//! entities co-occur with it most.

use leptos::prelude::*;

use crate::app::Ctx;
use crate::components::chip::EntityChip;
use crate::i18n::{kind_code, kind_label};

#[component]
pub fn EntityPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let panel = move || {
        let id = ctx.state.with(|s| s.entity_view.clone())?;
        // On a split corpus the entity table may still be on its way: the view waits for it.
        let (e, v) = ctx
            .pieces
            .complete(ctx.ex, || {
                let e = ctx.ex.entity_by_id(&id)?;
                Some((e, ctx.ex.entity_view(e, 50)?))
            })
            .flatten()?;
        let ent = ctx.ex.entities().entities.get(e)?;
        let kind = ent.kind;
        let active = ctx.state.with(|s| s.entities.contains(&id));
        let filter_id = id.clone();
        let aliases = ent.aliases.join("، ");
        let mentions = v
            .mentions
            .iter()
            .map(|m| {
                let a = ctx.ex.articles.get(m.article);
                let aid = a.map(|a| a.id.clone()).unwrap_or_default();
                let title = ctx.ex.title(m.article).to_owned();
                let open = aid.clone();
                view! {
                    <li data-article-id=aid.clone()>
                        <a href=format!("#article={}", fahras_core::state::encode(&aid))
                            on:click=move |ev: web_sys::MouseEvent| { ev.prevent_default(); ctx.open_article(open.clone()) }>{title}</a>
                        <p class="context" dir="auto">{m.before.clone()}<mark>{m.text.clone()}</mark>{m.after.clone()}</p>
                    </li>
                }
            })
            .collect_view();
        let co = v
            .cooccurring
            .iter()
            .map(|&(o, n)| view! { <li><EntityChip entity=o count=n as usize/></li> })
            .collect_view();
        Some(view! {
            <aside class="entity-panel" data-entity-view=id.clone() data-entity-type=kind_code(kind) aria-labelledby="entity-title">
                <div class="reader-bar">
                    <button type="button" class="tool" id="entity-close" aria-label=move || t().close
                        on:click=move |_| ctx.edit(|s| s.entity_view = None)>"×"</button>
                    <button type="button" class="tool" aria-pressed=if active { "true" } else { "false" }
                        on:click=move |_| ctx.toggle_entity(filter_id.clone())>{move || t().filter_by}</button>
                </div>
                <h2 id="entity-title">{move || ctx.entity_name(e as u32)}</h2>
                <p class="meta">{move || kind_label(ctx.lang.get(), kind)}" · "{aliases}</p>
                <h3>{move || t().mentions}</h3>
                <ul class="mentions">{mentions}</ul>
                <h3>{move || t().cooccurring}</h3>
                <ul class="chips">{co}</ul>
            </aside>
        })
    };
    view! { {panel} }
}
