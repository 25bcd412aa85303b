//! Presenting ranked matches: for each article shown, the excerpt with the most query words,
//! title and excerpt highlights, and (for a partial match) the query words it lacks.

use std::ops::Range;

use super::excerpt;
use super::hits::{Excerpt, Hit, SearchOptions};
use super::index::{DocMeta, Index};
use super::positions::{positions, PosHit};
use super::query::Query;
use super::rank::{rank, RankOptions, Ranked};
use super::Articles;

/// Hits (excerpt and highlights) for `ranked.best[range]`.
pub(crate) fn present<A: Articles + ?Sized>(
    index: &Index,
    articles: &A,
    ranked: &Ranked,
    range: Range<usize>,
) -> Vec<Hit> {
    let n = index.docs.len().min(articles.count());
    let end = range.end.min(ranked.best.len());
    let chosen = ranked.best.get(range.start.min(end)..end).unwrap_or(&[]);
    let chosen: Vec<(f32, u32)> = chosen
        .iter()
        .copied()
        .filter(|&(_, d)| (d as usize) < n)
        .collect();
    if ranked.r.clauses.is_empty() {
        return chosen
            .iter()
            .filter_map(|&(s, d)| lead_hit(articles, index, d as usize, s))
            .collect();
    }
    let docs: Vec<u32> = chosen.iter().map(|&(_, d)| d).collect();
    let hits = positions(index, &ranked.r, ranked.nc, &docs, n);
    let mut at = 0;
    chosen
        .iter()
        .enumerate()
        .filter_map(|(slot, &(score, d))| {
            let start = at;
            while at < hits.len() && hits[at].slot == slot as u32 {
                at += 1;
            }
            make_hit(index, articles, ranked, d as usize, score, &hits[start..at])
        })
        .collect()
}

pub(crate) fn search(
    index: &Index,
    articles: &[crate::model::Article],
    query: &Query,
    opts: &SearchOptions,
) -> Vec<Hit> {
    let o = RankOptions {
        prefix_last: opts.prefix_last,
        limit: opts.limit,
        keep: None,
        want_matched: false,
    };
    let ranked = rank(index, articles.len(), query, &o);
    present(index, articles, &ranked, 0..ranked.best.len())
}

fn lead_hit<A: Articles + ?Sized>(
    articles: &A,
    index: &Index,
    d: usize,
    score: f32,
) -> Option<Hit> {
    let article = articles.article(d)?;
    let has_dek = index.docs.get(d).is_some_and(|m| m.has_dek);
    Some(Hit {
        article: d,
        id: article.id.clone(),
        score,
        title_highlights: Vec::new(),
        excerpt: excerpt::lead(article, has_dek),
        missing: Vec::new(),
    })
}

fn make_hit<A: Articles + ?Sized>(
    index: &Index,
    articles: &A,
    ranked: &Ranked,
    d: usize,
    score: f32,
    hits: &[PosHit],
) -> Option<Hit> {
    let article = articles.article(d)?;
    let meta: &DocMeta = index.docs.get(d)?;
    let split = hits.partition_point(|h| h.pos < meta.title_len);
    let (title_hits, body_hits) = hits.split_at(split);
    let title_highlights = if article.title_derived {
        // Not indexed (see `index::build`): mark its words the way the reader does.
        index.matching_ranges(&ranked.r, &article.title)
    } else if title_hits.is_empty() {
        Vec::new()
    } else {
        excerpt::title_ranges(index, meta, &article.title, title_hits)
    };
    let excerpt: Excerpt = if body_hits.is_empty() {
        excerpt::lead(article, meta.has_dek)
    } else {
        excerpt::best(index, d, article, meta, body_hits)
    };
    Some(Hit {
        article: d,
        id: article.id.clone(),
        score,
        title_highlights,
        excerpt,
        missing: ranked.missing_in(d as u32),
    })
}
