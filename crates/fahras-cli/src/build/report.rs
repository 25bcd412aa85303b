//! What `fahras build` tells the user: a spinner with the phase on a terminal (nothing when
//! output is not one), the problems grouped by kind, and a summary of what was written.

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Duration;

use fahras_core::bundle::Bundle;
use fahras_core::corpus::Diagnostic;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Warnings of one kind listed before "… and N more" (without --verbose).
const FIRST: usize = 3;

pub struct Progress(ProgressBar);

impl Progress {
    /// A spinner on stderr; indicatif draws nothing when stderr is not a terminal.
    pub fn start(phase: &str) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(
            ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
                .unwrap_or_else(|_| ProgressStyle::default_spinner()),
        );
        bar.set_message(phase.to_owned());
        bar.enable_steady_tick(Duration::from_millis(120));
        Progress(bar)
    }

    pub fn phase(&self, phase: &str) {
        self.0.set_message(phase.to_owned());
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

/// Errors in full; warnings grouped by kind with the first few of each (all with `verbose`).
pub fn diagnostics(diags: &[Diagnostic], verbose: bool) {
    for d in diags.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    let mut kinds: BTreeMap<String, Vec<&Diagnostic>> = BTreeMap::new();
    for d in diags.iter().filter(|d| !d.is_error()) {
        kinds.entry(kind(&d.message)).or_default().push(d);
    }
    for (kind, list) in &kinds {
        eprintln!("{} warning(s): {kind}", list.len());
        let shown = if verbose {
            list.len()
        } else {
            FIRST.min(list.len())
        };
        for d in &list[..shown] {
            eprintln!("  {d}");
        }
        if shown < list.len() {
            eprintln!(
                "  … and {} more (--verbose lists them all)",
                list.len() - shown
            );
        }
    }
}

/// A diagnostic's kind: its message up to the first quoted or numeric detail
/// ("invalid date 'Sun, 18 Feb …'" → "invalid date").
pub fn kind(message: &str) -> String {
    let cut = message
        .find(|c: char| matches!(c, '\'' | '`' | '"' | '«' | '(' | ':' | '[') || c.is_ascii_digit())
        .unwrap_or(message.len());
    let k = message[..cut].trim().trim_end_matches([',', ';', '.']);
    if k.is_empty() {
        message.chars().take(40).collect()
    } else {
        k.to_owned()
    }
}

pub fn summary(
    bundle: &Bundle,
    errors: usize,
    warnings: usize,
    out: &Path,
    written: &[super::site::Written],
    secs: f64,
) {
    let dated = bundle.articles.iter().filter(|a| a.date.is_some()).count();
    println!(
        "fahras build: {} article(s) ({dated} dated), {} entities, {errors} error(s), {warnings} warning(s) in {secs:.1} s",
        bundle.articles.len(),
        bundle.entities.entities.len()
    );
    let mut total = 0;
    for w in written {
        total += w.bytes;
        let big = w.name.ends_with(".wasm")
            || w.name.ends_with(".fahras")
            || w.name == "fahras.html"
            || w.name == "index.html";
        if big {
            println!("  {:<44} {:>10}", w.name, size(w.bytes));
        }
    }
    println!(
        "  {:<44} {:>10}  ({} files in {})",
        "total",
        size(total),
        written.len(),
        out.display()
    );
    println!(
        "open {} from disk, or serve {} with any static web server (index.html)",
        out.join("fahras.html").display(),
        out.display()
    );
}

fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{:.1} MB", bytes as f64 / (1 << 20) as f64)
    } else {
        format!("{:.1} KB", bytes as f64 / 1024.0)
    }
}

#[cfg(test)]
mod tests {
    use super::kind;

    #[test]
    fn kinds_drop_the_details() {
        assert_eq!(
            kind("invalid date 'Sun, 18 Feb 2018' in field `date`"),
            "invalid date"
        );
        assert_eq!(kind("article id `a` is already used by x"), "article id");
        assert_eq!(kind("record 12: no text"), "record");
        assert_eq!(kind("'x' odd"), "'x' odd");
    }
}
