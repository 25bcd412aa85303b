//! `fahras inspect <dir> [--json]`: the cleaned articles — as JSON (the `Article` model as
//! serialised) or as readable text. Diagnostics go to stderr; exit code 1 on errors.

use std::io::Write;
use std::process::ExitCode;

use fahras_core::model::{Article, BlockKind};

const USAGE: &str = "usage: fahras inspect <input>... [--json] [--field FIELD=SOURCE]";

pub fn run(args: &[String]) -> ExitCode {
    let (inputs, flags) = match crate::inputs::parse("inspect", USAGE, args, &["--json"]) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let json = !flags.is_empty();
    let report = inputs.load();
    let out = if json {
        match serde_json::to_string_pretty(&report.articles) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot serialise the articles: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        report.articles.iter().map(text).collect()
    };
    if !write_stdout(&out) {
        return ExitCode::FAILURE;
    }
    for d in &report.diagnostics {
        eprintln!("{d}");
    }
    if report.has_errors() {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// An article in reading order, with removed text shown where it stood.
fn text(a: &Article) -> String {
    let mut out = format!("== {}\n# {}\n", a.id, a.title);
    if let Some(dek) = &a.dek {
        out.push_str(&format!("> {dek}\n"));
    }
    let mut removed = a.removed.iter().peekable();
    for (i, b) in a.blocks.iter().enumerate() {
        while let Some(r) = removed.next_if(|r| r.before_block as usize <= i) {
            out.push_str(&format!("  [{}] {}\n", r.reason.as_str(), r.text));
        }
        out.push_str(&format!("{:<10} {}\n", kind_name(b.kind), b.text));
    }
    for r in removed {
        out.push_str(&format!("  [{}] {}\n", r.reason.as_str(), r.text));
    }
    out.push('\n');
    out
}

fn kind_name(kind: BlockKind) -> &'static str {
    match kind {
        BlockKind::Heading => "heading",
        BlockKind::Paragraph => "paragraph",
        BlockKind::ListItem => "list_item",
        BlockKind::Quote => "quote",
    }
}

/// Print to stdout; a closed pipe (`| head`) is not an error worth a panic.
pub fn write_stdout(s: &str) -> bool {
    match std::io::stdout().lock().write_all(s.as_bytes()) {
        Ok(()) => true,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => true,
        Err(e) => {
            eprintln!("error: cannot write the output: {e}");
            false
        }
    }
}
