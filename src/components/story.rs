//! The story view: a story's reports side by side (stacked on a phone), each sentence marked by
//! how many reports carry it, the "only in this report" / "in every report" filters, the reports
//! on a time line, and the names only some reports mention. The model is
//! `fahras_core::explore::StoryView`; this file only draws it.

use fahras_core::explore::{SentenceFilter, StorySentence, StoryView};
use leptos::prelude::*;

use crate::app::{Ctx, Shared};
use crate::components::chip::EntityChip;

fn filter_of(code: Option<&str>) -> SentenceFilter {
    match code {
        Some("only") => SentenceFilter::OnlyHere,
        Some("every") => SentenceFilter::Everywhere,
        _ => SentenceFilter::All,
    }
}

#[component]
pub fn StoryPanel() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = move || ctx.t();
    let close = move |_| ctx.edit(|s| s.story = None);
    move || {
        let Some(v) = ctx.story.get() else {
            // A link naming an article this build does not have, or one in no story.
            let id = ctx.state.with(|s| s.story.clone())?;
            return Some(
                view! {
                    <p class="notice" role="alert">
                        {move || t().story_missing}" "<bdi>{id}</bdi>" "
                        <button type="button" class="tool" on:click=close>{move || t().close}</button>
                    </p>
                }
                .into_any(),
            );
        };
        let n = v.reports.len();
        let label = ctx.ex.title(v.label).to_owned();
        let heading = match v.sources.len() {
            0 => format!("{n} {}", t().reports),
            k => format!("{n} {} · {k} {}", t().reports, t().sources),
        };
        let story_no = v.story;
        let (v1, v2) = (v.clone(), v.clone());
        Some(
            view! {
                <section class="story" aria-labelledby="story-title" data-story=story_no>
                    <div class="reader-bar">
                        <button type="button" class="tool" id="story-close" aria-label=move || t().close on:click=close>"×"</button>
                        <span class="sentence-filters" role="group"><FilterButtons/></span>
                    </div>
                    <h2 id="story-title" dir="auto"><span class="kicker">{t().story}": "</span>{label}</h2>
                    <p class="meta">{heading}</p>
                    <Timeline v=v1/>
                    <PartialEntities v=v2/>
                    <Reports v=v/>
                </section>
            }
            .into_any(),
        )
    }
}

#[component]
fn FilterButtons() -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let current = move || ctx.state.with(|s| s.sentences.clone());
    [(None, 0), (Some("only"), 1), (Some("every"), 2)]
        .into_iter()
        .map(|(code, i)| {
            let label = move || {
                let t = ctx.t();
                [t.all_sentences, t.only_here, t.in_every][i]
            };
            let pressed = move || current().as_deref() == code;
            view! {
                <button type="button" class="tool" data-sentences=code.unwrap_or("all")
                    aria-pressed=move || if pressed() { "true" } else { "false" }
                    on:click=move |_| ctx.edit(|s| s.sentences = code.map(str::to_owned))>{label}</button>
            }
        })
        .collect_view()
}

/// The reports in date order, each at its day after the first report.
#[component]
fn Timeline(v: Shared<StoryView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let t = ctx.t();
    let items = v
        .reports
        .iter()
        .enumerate()
        .filter_map(|(r, rep)| {
            let a = ctx.ex.articles.get(rep.article)?;
            let when = match (&a.date, rep.day) {
                (Some(d), Some(day)) => format!("{} · {} {}", d, t.day, day + 1),
                (Some(d), None) => d.clone(),
                _ => t.undated.to_string(),
            };
            let source = a.source.clone().unwrap_or_default();
            let id = a.id.clone();
            let href = format!("#article={}", fahras_core::state::encode(&id));
            let li_id = id.clone();
            Some(view! {
                <li data-article-id=li_id>
                    <span class="report-no">{r + 1}</span>
                    <span class="when">{when}</span>" "
                    <span class="source">{source}</span>" "
                    <a href=href dir="auto"
                        on:click=move |ev: web_sys::MouseEvent| { ev.prevent_default(); open(ctx, id.clone()) }>{ctx.ex.title(rep.article).to_owned()}</a>
                </li>
            })
        })
        .collect_view();
    view! {
        <section class="story-timeline">
            <h3>{t.timeline}</h3>
            <ol>{items}</ol>
        </section>
    }
}

/// Opens a report in the reader, leaving the story view.
fn open(ctx: Ctx, id: String) {
    ctx.edit(|s| s.story = None);
    ctx.open_article(id);
}

#[component]
fn PartialEntities(v: Shared<StoryView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let n = v.reports.len();
    (!v.partial_entities.is_empty()).then(|| {
        let items = v
            .partial_entities
            .iter()
            .take(24)
            .map(|(e, rs)| {
                let which: Vec<String> = rs.iter().map(|r| (r + 1).to_string()).collect();
                view! {
                    <li data-reports=which.join(",")>
                        <EntityChip entity=*e/>
                        <span class="chip-count">{format!("{}/{n} ({})", rs.len(), which.join("، "))}</span>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="story-partial">
                <h3>{ctx.t().some_reports}</h3>
                <ul class="chips">{items}</ul>
            </section>
        }
    })
}

#[component]
fn Reports(v: Shared<StoryView>) -> impl IntoView {
    let ctx = expect_context::<Ctx>();
    let n = v.reports.len();
    let columns = (0..n)
        .map(|r| {
            let v = v.clone();
            let rep = &v.reports[r];
            let Some(a) = ctx.ex.articles.get(rep.article) else { return ().into_any() };
            let id = a.id.clone();
            let open_id = id.clone();
            let heading = ctx.ex.title(rep.article).to_owned();
            let only = rep.only_here;
            let meta = move || {
                let mut parts: Vec<String> = [a.source.clone(), a.date.clone()].into_iter().flatten().collect();
                parts.push(format!("{only} {}", ctx.t().only_here_count));
                parts.join(" · ")
            };
            let lang = a.lang.clone();
            let sentences = move || {
                let filter = filter_of(ctx.state.with(|s| s.sentences.clone()).as_deref());
                let shown: Vec<AnyView> = v.shown(r, filter).map(|(_, s)| sentence(ctx, s, n)).collect();
                if shown.is_empty() {
                    view! { <p class="empty-filter">{ctx.t().no_sentences}</p> }.into_any()
                } else {
                    view! { <ol class="sentences">{shown}</ol> }.into_any()
                }
            };
            view! {
                <article class="report" data-article-id=id.clone() lang=lang dir="auto">
                    <h3>
                        <span class="report-no">{r + 1}</span>" "
                        <a href=format!("#article={}", fahras_core::state::encode(&id))
                            on:click=move |ev: web_sys::MouseEvent| { ev.prevent_default(); open(ctx, open_id.clone()) }>{heading}</a>
                    </h3>
                    <p class="meta">{meta}</p>
                    {sentences}
                </article>
            }
            .into_any()
        })
        .collect_view();
    view! { <div class="story-reports">{columns}</div> }
}

/// One sentence: shaded by how many reports carry it, with the count and what differs.
fn sentence(ctx: Ctx, s: &StorySentence, n: usize) -> AnyView {
    let t = ctx.t();
    let k = s.carried_by;
    let class = if k == n && n > 1 {
        "sent c-all"
    } else if k == 1 {
        "sent c-one"
    } else {
        "sent c-some"
    };
    let diffs: Vec<String> = s
        .differences
        .iter()
        .map(|d| {
            format!(
                "{} {}: {} ≠ {}",
                t.differs,
                d.report + 1,
                d.here.join("، "),
                d.there.join("، ")
            )
        })
        .collect();
    view! {
        <li class=class data-carried=k>
            <span class="carried" title=format!("{k}/{n} {}", t.carried_by)>{format!("{k}/{n}")}</span>" "
            {s.text.clone()}
            {(!diffs.is_empty()).then(|| view! { <span class="diff">{diffs.join(" · ")}</span> })}
        </li>
    }
    .into_any()
}
