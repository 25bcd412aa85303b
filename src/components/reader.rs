//! The reader: the cleaned article with every query hit highlighted and navigable, entity
//! mentions marked by type, removed text on demand, and related articles.

use fahras_core::explore::{ReaderBlock, Segment};
use fahras_core::model::BlockKind;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::app::Ctx;
use crate::i18n::{kind_code, reason_label};

#[component]
pub fn Reader() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    // Mark and reveal the current hit.
    Effect::new(move |_| {
        let k = ctx.current_hit.get();
        ctx.reader.with(|_| ());
        let doc = document();
        if let Ok(list) = doc.query_selector_all(".reader mark.current") {
            for i in 0..list.length() {
                if let Some(el) = list
                    .item(i)
                    .and_then(|n| n.dyn_into::<web_sys::Element>().ok())
                {
                    let _ = el.class_list().remove_1("current");
                }
            }
        }
        if let Some(el) = doc
            .query_selector(&format!(".reader mark[data-hit=\"{k}\"]"))
            .ok()
            .flatten()
        {
            let _ = el.class_list().add_1("current");
            let opts = web_sys::ScrollIntoViewOptions::new();
            opts.set_block(web_sys::ScrollLogicalPosition::Center);
            el.scroll_into_view_with_scroll_into_view_options(&opts);
        }
    });
    let view_ = move || {
        let r = ctx.reader.get()?;
        let a = ctx.ex.article(r.article)?;
        let total = r.hit_count;
        let meta: Vec<String> = [
            a.source.clone(),
            a.author.clone().map(|x| format!("{} {x}", t().by)),
            a.date.clone(),
        ]
        .into_iter()
        .flatten()
        .collect();
        let title = segments(ctx, &r.title);
        let blocks = r.blocks.iter().map(|b| block(ctx, b)).collect_view();
        // A split corpus fetches the related articles' titles first (a block of titles each).
        let related = ctx
            .pieces
            .complete(ctx.ex, || ctx.ex.related(r.article, 5))
            .unwrap_or_default();
        let story = ctx
            .ex
            .story_of(r.article)
            .and_then(|s| ctx.ex.stories.get(s))
            .map(|s| s.articles.len());
        let story_id = a.id.clone();
        let derived = a.title_derived;
        let lang = a.lang.clone();
        let show_removed = ctx.state.with(|s| s.show_removed);
        let removed_n = a.removed.len();
        Some(view! {
            <article class="reader" aria-labelledby="reader-title" data-reader-article=a.id.clone()>
                <div class="reader-bar">
                    <button type="button" class="tool" id="reader-close" aria-label=move || t().close
                        on:click=move |_| ctx.edit(|s| s.article = None)>"×"</button>
                    <span class="hit-nav">
                        <button type="button" class="tool" id="prev-hit" aria-label=move || t().prev_hit disabled=total == 0
                            on:click=move |_| { if total > 0 { ctx.current_hit.update(|k| *k = (*k + total - 1) % total) } }>"‹"</button>
                        <span class="hit-pos" aria-live="polite">
                            {move || if total == 0 { t().no_hits.to_string() } else { format!("{} / {total}", ctx.current_hit.get() + 1) }}
                        </span>
                        <button type="button" class="tool" id="next-hit" aria-label=move || t().next_hit disabled=total == 0
                            on:click=move |_| { if total > 0 { ctx.current_hit.update(|k| *k = (*k + 1) % total) } }>"›"</button>
                    </span>
                    <label class="toggle">
                        <input type="checkbox" id="show-removed" prop:checked=show_removed disabled=removed_n == 0
                            on:change=move |ev| { let on = event_target_checked(&ev); ctx.edit(|s| s.show_removed = on) }/>
                        {move || format!("{} ({removed_n})", t().show_removed)}
                    </label>
                </div>
                {story.map(|n| view! {
                    <p class="story-link">
                        <button type="button" class="tool" id="open-story" on:click=move |_| ctx.open_story(story_id.clone())>
                            {move || format!("{} ({n} {})", t().view_story, t().reports)}
                        </button>
                    </p>
                })}
                <div class="reader-body" lang=lang dir="auto">
                    <h2 id="reader-title" title=move || if derived { t().derived_title } else { "" }>{title}</h2>
                    {(!meta.is_empty()).then(|| view! { <p class="meta">{meta.join(" · ")}</p> })}
                    {blocks}
                </div>
                {(!related.is_empty()).then(|| view! {
                    <section class="related">
                        <h3>{move || t().related}</h3>
                        <ul>
                            {related.into_iter().filter_map(|rel| {
                                let id = ctx.ex.articles.get(rel.article)?.id.clone();
                                let open = id.clone();
                                let shared: Vec<String> = rel.shared.iter().take(4).map(|&e| ctx.entity_name(e)).collect();
                                Some(view! {
                                    <li data-article-id=id.clone()>
                                        <a href=format!("#article={}", fahras_core::state::encode(&id))
                                            on:click=move |ev: web_sys::MouseEvent| { ev.prevent_default(); ctx.open_article(open.clone()) }>
                                            {rel.title.clone()}
                                        </a>
                                        <span class="shared">{format!(" — {}: {}", t().shared, shared.join("، "))}</span>
                                    </li>
                                })
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            </article>
        })
    };
    // A link to an article this build does not have (renamed file, old link): say so.
    let missing = move || {
        let id = ctx.state.with(|s| s.article.clone())?;
        ctx.ex.article_by_id(&id).is_none().then(|| {
            view! {
                <p class="notice" role="alert">
                    {move || t().article_missing}" "<bdi>{id.clone()}</bdi>
                    " "<button type="button" class="tool" on:click=move |_| ctx.edit(|s| s.article = None)>{move || t().close}</button>
                </p>
            }
        })
    };
    view! { {missing} {view_} }
}

fn block(ctx: Ctx, b: &ReaderBlock) -> AnyView {
    let body = segments(ctx, &b.segments);
    if let Some(reason) = b.removed {
        let label = move || reason_label(ctx.lang.get(), reason);
        return view! {
            <div class="removed" data-removed-reason=reason.as_str()>
                <span class="removed-label">{label}</span>
                <p>{body}</p>
            </div>
        }
        .into_any();
    }
    match b.kind {
        BlockKind::Heading => view! { <h3>{body}</h3> }.into_any(),
        BlockKind::ListItem => view! { <ul><li>{body}</li></ul> }.into_any(),
        BlockKind::Quote => view! { <blockquote>{body}</blockquote> }.into_any(),
        BlockKind::Paragraph => view! { <p>{body}</p> }.into_any(),
    }
}

/// Segments as text nodes, `<mark data-hit>` for hits and a button per entity mention (it opens
/// the entity view). Colour and background only: font weight and size never change, so Arabic
/// letters stay joined across the boundaries.
fn segments(ctx: Ctx, segs: &[Segment]) -> Vec<AnyView> {
    segs.iter()
        .map(|s| {
            let text = s.text.clone();
            let inner = match s.entity.and_then(|e| ctx.ex.entities().entities.get(e as usize).map(|x| (e, x))) {
                Some((e, ent)) => {
                    let id = ent.id.clone();
                    let kind = kind_code(ent.kind);
                    view! {
                        <span class=format!("mention m-{kind}") data-entity-id=id.clone() data-entity-type=kind role="button" tabindex="0"
                            title=move || ctx.entity_name(e)
                            on:click=move |_| { let id = id.clone(); ctx.edit(|s| s.entity_view = Some(id)) }>{text}</span>
                    }
                    .into_any()
                }
                None => text.into_any(),
            };
            match s.hit {
                Some(h) => view! { <mark data-hit=h>{inner}</mark> }.into_any(),
                None => inner,
            }
        })
        .collect()
}
