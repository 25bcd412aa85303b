//! `fahras check <dir>`: what the cleaner made of each article, then every diagnostic.
//! Exit code 1 when there are errors (what would fail a build).

use std::path::Path;
use std::process::ExitCode;

use fahras_core::corpus::{Diagnostic, LoadReport};
use fahras_core::model::{Article, BlockKind};

const USAGE: &str = "usage: fahras check <input>... [--field FIELD=SOURCE]";

pub fn run(args: &[String]) -> ExitCode {
    let inputs = match crate::inputs::parse("check", USAGE, args, &[]) {
        Ok((inputs, _)) => inputs,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let report = inputs.load();
    if !crate::inspect::write_stdout(&render(&report)) {
        return ExitCode::FAILURE;
    }
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// The whole report as text.
pub fn render(report: &LoadReport) -> String {
    let mut out = String::new();
    for a in &report.articles {
        article(&mut out, a, &report.diagnostics);
    }
    let errors = report.errors().count();
    let warnings = report.diagnostics.len() - errors;
    out.push_str(&format!(
        "{} article(s), {errors} error(s), {warnings} warning(s)\n",
        report.articles.len()
    ));
    for d in &report.diagnostics {
        out.push_str(&format!("{d}\n"));
    }
    out
}

fn or_dash(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or("—")
}

fn article(out: &mut String, a: &Article, diags: &[Diagnostic]) {
    out.push_str(&format!("== {}\n", a.id));
    let derived = if a.title_derived { "  (derived)" } else { "" };
    out.push_str(&format!("  title:   {}{derived}\n", a.title));
    if let Some(dek) = &a.dek {
        out.push_str(&format!("  dek:     {dek}\n"));
    }
    out.push_str(&format!("  author:  {}\n", or_dash(&a.author)));
    out.push_str(&format!("  source:  {}\n", or_dash(&a.source)));
    out.push_str(&format!("  date:    {}\n", or_dash(&a.date)));
    if a.lang != "ar" {
        out.push_str(&format!("  lang:    {}\n", a.lang));
    }
    let count = |k: BlockKind| a.blocks.iter().filter(|b| b.kind == k).count();
    out.push_str(&format!(
        "  blocks:  {} (heading {}, paragraph {}, list item {}, quote {})\n",
        a.blocks.len(),
        count(BlockKind::Heading),
        count(BlockKind::Paragraph),
        count(BlockKind::ListItem),
        count(BlockKind::Quote)
    ));
    out.push_str(&format!("  removed: {}\n", a.removed.len()));
    for r in &a.removed {
        out.push_str(&format!(
            "    line {:>3}  {:<17}  {}\n",
            r.line,
            r.reason.as_str(),
            clip(&r.text, 80)
        ));
    }
    let mine: Vec<&Diagnostic> = diags.iter().filter(|d| belongs(d, &a.id)).collect();
    if !mine.is_empty() {
        out.push_str("  diagnostics:\n");
        for d in mine {
            out.push_str(&format!("    {d}\n"));
        }
    }
}

/// A diagnostic is about an article when its file is the article's file (`<id>.<ext>`), or
/// its JSONL record.
fn belongs(d: &Diagnostic, id: &str) -> bool {
    let stem = Path::new(&d.file)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    stem == id
        || d.line.is_some_and(|l| format!("{stem}-{l}") == id)
        || d.message.starts_with(&format!("record `{id}`"))
}

fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let cut: String = s.chars().take(max - 1).collect();
        format!("{cut}…")
    }
}
