//! `fahras search <input>... "<query>" [--json] [--limit N] [--typing]`: read the inputs, build
//! the search index exactly as `fahras build` does, and print the ranked hits with excerpts.
//! `--typing` matches the last word as a prefix, as the app does while the user types.

use std::path::PathBuf;
use std::process::ExitCode;

use fahras_core::bundle::compile_inputs_with;
use fahras_core::corpus::Options;
use fahras_core::model::Article;
use fahras_core::search::{Hit, Index, SearchOptions};
use fahras_core::text::Utf16Index;
use serde::Serialize;

const USAGE: &str =
    "usage: fahras search <input>... \"<query>\" [--json] [--limit N] [--typing] [--field FIELD=SOURCE]";
const DEFAULT_LIMIT: usize = 20;

#[derive(Serialize)]
struct JsonHit<'a> {
    id: &'a str,
    article: usize,
    score: f32,
    title: &'a str,
    title_highlights: &'a [(u32, u32)],
    /// Index of the block the excerpt comes from; null for the dek.
    block: Option<usize>,
    excerpt: &'a str,
    /// UTF-16 [start, end) pairs into `excerpt`.
    highlights: &'a [(u32, u32)],
    /// When no article has every query word: the words (as typed) this one lacks.
    missing: &'a [String],
}

struct Args<'a> {
    inputs: Vec<PathBuf>,
    opts: Options,
    query: &'a str,
    json: bool,
    limit: usize,
    typing: bool,
}

fn parse(args: &[String]) -> Result<Args<'_>, String> {
    let (opts, _) = crate::inputs::take_fields(args)?;
    let mut positional = Vec::new();
    let (mut json, mut typing, mut limit) = (false, false, DEFAULT_LIMIT);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--json" => json = true,
            "--field" => {
                it.next();
            }
            f if f.starts_with("--field=") => {}
            "--typing" => typing = true,
            "--limit" => {
                let v = it.next().ok_or("--limit needs a number")?;
                limit = v
                    .parse()
                    .map_err(|_| format!("--limit: `{v}` is not a number"))?;
            }
            _ => positional.push(a.as_str()),
        }
    }
    match positional.split_last() {
        Some((query, inputs)) if !inputs.is_empty() => Ok(Args {
            inputs: inputs.iter().map(PathBuf::from).collect(),
            opts,
            query,
            json,
            limit,
            typing,
        }),
        _ => Err(USAGE.to_string()),
    }
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    // Exactly `fahras build`: same reader, cleaning, protected names and index bytes. What
    // could not be read is reported; the rest is searched.
    let compiled = compile_inputs_with(&args.inputs, &args.opts);
    for d in compiled.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    let Some(bundle) = compiled.bundle.filter(|b| !b.articles.is_empty()) else {
        eprintln!("error: no article could be read from the input");
        return ExitCode::FAILURE;
    };
    // The explorer's own query reading: words in Latin letters widened to Arabic names.
    let ex = match fahras_core::explore::Explorer::from_bundle(bundle) {
        Ok(ex) => ex,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let opts = SearchOptions {
        prefix_last: args.typing,
        limit: Some(args.limit),
    };
    let (articles, index) = (&ex.articles, &ex.index);
    let hits = index.search_query(articles, &ex.query(args.query), &opts);
    let out = if args.json {
        json(articles, &hits)
    } else {
        text(articles, index, &hits, args.query)
    };
    if crate::inspect::write_stdout(&out) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn json(articles: &[Article], hits: &[Hit]) -> String {
    let rows: Vec<JsonHit> = hits
        .iter()
        .map(|h| JsonHit {
            id: &h.id,
            article: h.article,
            score: h.score,
            title: articles.get(h.article).map_or("", |a| a.title.as_str()),
            title_highlights: &h.title_highlights,
            block: h.excerpt.block,
            excerpt: &h.excerpt.text,
            highlights: &h.excerpt.highlights,
            missing: &h.missing,
        })
        .collect();
    match serde_json::to_string_pretty(&rows) {
        Ok(s) => s + "\n",
        Err(e) => format!("{{\"error\": \"{e}\"}}\n"),
    }
}

/// `text` with each UTF-16 range wrapped in ⟦ ⟧.
fn mark(text: &str, ranges: &[(u32, u32)]) -> String {
    let idx = Utf16Index::new(text);
    let mut out = String::with_capacity(text.len() + ranges.len() * 8);
    let mut at = 0;
    for &(s, e) in ranges {
        let (s, e) = (idx.byte(s).max(at), idx.byte(e));
        if e <= s {
            continue;
        }
        out.push_str(&text[at..s]);
        out.push('⟦');
        out.push_str(&text[s..e]);
        out.push('⟧');
        at = e;
    }
    out.push_str(&text[at..]);
    out
}

fn text(articles: &[Article], index: &Index, hits: &[Hit], query: &str) -> String {
    if hits.is_empty() {
        let suggestions = index.suggest(query, 5);
        return if suggestions.is_empty() {
            "no results\n".to_string()
        } else {
            format!("no results; did you mean: {}\n", suggestions.join("، "))
        };
    }
    let mut out = String::new();
    for (rank, h) in hits.iter().enumerate() {
        let title = articles.get(h.article).map_or("", |a| a.title.as_str());
        out.push_str(&format!(
            "{:>2}. {}  score {:.3}\n",
            rank + 1,
            h.id,
            h.score
        ));
        out.push_str(&format!("    {}\n", mark(title, &h.title_highlights)));
        if !h.excerpt.text.is_empty() {
            out.push_str(&format!(
                "    {}\n",
                mark(&h.excerpt.text, &h.excerpt.highlights)
            ));
        }
        if !h.missing.is_empty() {
            out.push_str(&format!("    missing: {}\n", h.missing.join("، ")));
        }
    }
    out.push_str(&format!("{} hit(s)\n", hits.len()));
    out
}
