//! The facet panel: entity chips grouped by type with counts that follow the query and the
//! other filters, the sources, and dates as a timeline.

use fahras_core::entities::EntityKind;
use fahras_core::explore::Results;
use leptos::prelude::*;

use crate::app::{after_next_frame, Ctx, Shared};
use crate::components::chip::EntityChip;
use crate::i18n::{kind_code, kind_label};

#[component]
pub fn FacetPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let results = behind_while_typing(ctx);
    // A split corpus shows its first results before its entity table: the panel says so.
    let names_loading = move || {
        results.track();
        !ctx.ex.entities_ready()
    };
    let groups = move || {
        let r = results.get();
        r.facets
            .groups
            .iter()
            .map(|g| {
                let kind = g.kind;
                let title = move || {
                    if kind == EntityKind::Date {
                        format!("{} · {}", kind_label(ctx.lang.get(), kind), t().timeline)
                    } else {
                        kind_label(ctx.lang.get(), kind).to_string()
                    }
                };
                let max = g.chips.iter().map(|c| c.count).max().unwrap_or(1).max(1);
                let chips = g
                    .chips
                    .iter()
                    .map(|c| {
                        let (entity, count, active) = (c.entity, c.count, c.active);
                        let id = ctx.ex.entities().entities.get(entity as usize).map(|e| e.id.clone()).unwrap_or_default();
                        // Timeline bars: width classes, not inline styles (strict CSP forbids them).
                        let bar = (kind == EntityKind::Date).then(|| {
                            let w = (count * 10).div_ceil(max);
                            view! { <span class=format!("bar w{w}") aria-hidden="true"></span> }
                        });
                        view! {
                            <li class="facet-item">
                                <EntityChip entity=entity count=count active=active/>
                                {bar}
                                <button type="button" class="details" data-details-for=id.clone()
                                    aria-label=move || format!("{}: {}", t().entity_details, ctx.entity_name(entity))
                                    on:click=move |_| { let id = id.clone(); ctx.edit(|s| s.entity_view = Some(id)); }>
                                    <svg class="icon" viewBox="0 0 16 16" aria-hidden="true">
                                        <circle cx="8" cy="8" r="6.5" fill="none" stroke="currentColor" stroke-width="1.5"/>
                                        <path d="M8 7.2v4.3M8 4.6v.2" stroke="currentColor" stroke-width="1.8" stroke-linecap="round"/>
                                    </svg>
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                let more = g.more;
                view! {
                    <section class=format!("facet-group facet-{}", kind_code(kind)) data-facet=kind_code(kind)>
                        <h3>{title}</h3>
                        <ul class="chips">{chips}</ul>
                        {(more > 0).then(|| view! { <p class="more">{move || format!("+{more} {}", t().more)}</p> })}
                    </section>
                }
            })
            .collect_view()
    };
    let sources = move || {
        let r = results.get();
        let list = r.facets.sources.clone();
        (!list.is_empty()).then(|| {
            let items = list
                .into_iter()
                .map(|c| {
                    let src = c.source.clone();
                    let toggle = move |_| {
                        let src = src.clone();
                        ctx.typing.set(false);
                        ctx.edit(|s| {
                            if let Some(p) = s.sources.iter().position(|x| *x == src) {
                                s.sources.remove(p);
                            } else {
                                s.sources.push(src);
                            }
                        });
                    };
                    view! {
                        <li>
                            <button type="button" class="chip chip-source" class:active=c.active data-source=c.source.clone()
                                aria-pressed=if c.active { "true" } else { "false" } on:click=toggle>
                                <span class="chip-name">{c.source.clone()}</span>
                                <span class="chip-count">{c.count}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet-group facet-source" data-facet="source">
                    <h3>{move || t().sources}</h3>
                    <ul class="chips">{items}</ul>
                </section>
            }
        })
    };
    // A story is labelled by its label article's title: a split corpus fetches the titles
    // first (a block of them), and the chips last shown stay until they arrive.
    let story_chips = Memo::new(move |prev: Option<&Vec<StoryChip>>| {
        let r = results.get();
        let fresh = ctx.pieces.complete(ctx.ex, || {
            r.facets
                .stories
                .iter()
                .zip(ctx.ex.story_labels(&r))
                .filter_map(|(&(s, count), title)| {
                    let story = ctx.ex.stories.get(s)?;
                    Some(StoryChip {
                        id: ctx.ex.articles.get(story.label as usize)?.id.clone(),
                        title: title.to_owned(),
                        count,
                        of: story.articles.len(),
                    })
                })
                .collect::<Vec<_>>()
        });
        fresh.or_else(|| prev.cloned()).unwrap_or_default()
    });
    let stories = move || {
        let chips = story_chips.get();
        (!chips.is_empty()).then(|| {
            let items = chips
                .into_iter()
                .map(|c| {
                    let id = c.id.clone();
                    view! {
                        <li>
                            <button type="button" class="chip chip-story" data-story-of=c.id.clone()
                                on:click=move |_| ctx.open_story(id.clone())>
                                <span class="chip-name" dir="auto">{c.title}</span>
                                <span class="chip-count">{format!("{}/{}", c.count, c.of)}</span>
                            </button>
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="facet-group facet-story" data-facet="story">
                    <h3>{move || t().stories}</h3>
                    <ul class="chips">{items}</ul>
                </section>
            }
        })
    };
    view! {
        <aside id="facets" class="facets" class:open=move || ctx.filters_open.get() aria-label=move || t().filters>
            <details open>
                <summary>{move || t().filters}</summary>
                <Show when=names_loading>
                    <p class="facets-loading" role="status" data-names-loading="">{move || t().names_loading}</p>
                </Show>
                {groups}
                {sources}
                {stories}
            </details>
        </aside>
    }
}

/// The results as the panel shows them. While the search box is being typed in, they follow
/// one frame behind: the frame after a keystroke shows the new result list, and the panel's
/// counts are redrawn in the next (restyling and laying out its chips was about a quarter of a
/// keystroke's time). Any other change (a filter, an article, back/forward) shows at once.
fn behind_while_typing(ctx: Ctx) -> ReadSignal<Shared<Results>> {
    let (shown, set_shown) = signal(ctx.results.get_untracked());
    Effect::new(move |_| {
        let now = ctx.results.get();
        if !ctx.typing.get_untracked() {
            set_shown.set(now);
            return;
        }
        // After the frame that shows the result list; whatever the results are by then.
        after_next_frame(move || set_shown.set(ctx.results.get_untracked()));
    });
    shown
}

/// A story among the results, as its chip shows it.
#[derive(Clone, PartialEq)]
struct StoryChip {
    /// The label article's id (how the URL names the story).
    id: String,
    title: String,
    /// Reports among the results, of all the story's.
    count: usize,
    of: usize,
}
