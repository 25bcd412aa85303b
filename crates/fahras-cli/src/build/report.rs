//! What `fahras build` tells the user: a spinner with the phase on a terminal (nothing when
//! output is not one), the problems grouped by kind, and a summary of what was written.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use fahras_core::bundle::Bundle;
use fahras_core::corpus::{self, Diagnostic};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Warnings of one kind listed before "… and N more" (without --verbose).
const FIRST: usize = 3;

/// The build's progress on a terminal: the step under way, files read of those found (as a
/// bar when there are several), articles read so far; and how long each step took.
pub struct Progress {
    bar: ProgressBar,
    counters: Arc<corpus::Progress>,
    stop: Arc<AtomicBool>,
    poller: Option<std::thread::JoinHandle<Vec<(usize, Duration)>>>,
}

/// The steps' names, the core's then the CLI's own.
const WRITING: usize = corpus::Progress::STEPS.len();
fn step_name(step: usize) -> &'static str {
    corpus::Progress::STEPS
        .get(step)
        .copied()
        .unwrap_or("writing the explorer")
}

impl Progress {
    /// Starts showing `counters` (indicatif draws nothing when stderr is not a terminal).
    pub fn start(counters: Arc<corpus::Progress>) -> Progress {
        let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
        bar.set_style(spinner_style());
        bar.enable_steady_tick(Duration::from_millis(120));
        let stop = Arc::new(AtomicBool::new(false));
        let poller = {
            let (bar, counters, stop) = (bar.clone(), counters.clone(), stop.clone());
            std::thread::spawn(move || poll(&bar, &counters, &stop))
        };
        Progress {
            bar,
            counters,
            stop,
            poller: Some(poller),
        }
    }

    /// The core is done: the explorer is being written.
    pub fn writing(&self) {
        self.counters.step.store(WRITING, Ordering::Relaxed);
    }

    /// Clears the line; the time each step took, in order.
    pub fn finish(mut self) -> Vec<(&'static str, f64)> {
        self.stop.store(true, Ordering::Relaxed);
        let steps = self
            .poller
            .take()
            .and_then(|p| p.join().ok())
            .unwrap_or_default();
        self.bar.finish_and_clear();
        steps
            .into_iter()
            .map(|(s, d)| (step_name(s), d.as_secs_f64()))
            .collect()
    }
}

fn spinner_style() -> ProgressStyle {
    ProgressStyle::with_template("{spinner} {elapsed:>3} {msg}")
        .unwrap_or_else(|_| ProgressStyle::default_spinner())
}

/// Updates the line every 100 ms until stopped; returns each step's duration.
fn poll(bar: &ProgressBar, c: &corpus::Progress, stop: &AtomicBool) -> Vec<(usize, Duration)> {
    let mut steps: Vec<(usize, Duration)> = Vec::new();
    let (mut step, mut since) = (0, Instant::now());
    let mut as_bar = false;
    loop {
        let done = stop.load(Ordering::Relaxed);
        let now_step = c.step.load(Ordering::Relaxed);
        if now_step != step || done {
            steps.push((step, since.elapsed()));
            (step, since) = (now_step, Instant::now());
        }
        if done {
            return steps;
        }
        let (files_done, files, articles) = c.get();
        if step == 0 && files > 1 && !as_bar {
            as_bar = true;
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} {elapsed:>3} [{bar:24}] {pos}/{len} files, {msg}",
                )
                .unwrap_or_else(|_| spinner_style())
                .progress_chars("=> "),
            );
        }
        if step != 0 && as_bar {
            as_bar = false;
            bar.set_style(spinner_style());
        }
        bar.set_length(files as u64);
        bar.set_position(files_done as u64);
        let msg = match step {
            0 if as_bar => format!("{articles} articles read"),
            0 => format!("reading: {articles} articles"),
            _ => format!("{} ({articles} articles)", step_name(step)),
        };
        bar.set_message(msg);
        std::thread::sleep(Duration::from_millis(100));
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
    // The message with what differs from one warning to the next masked: quoted names, values
    // and numbers; a leading "record `id`: " dropped; details after `(` or `;` cut.
    let message = message
        .strip_prefix("record `")
        .and_then(|m| m.split_once("`: ").map(|(_, rest)| rest))
        .unwrap_or(message);
    let mut k = String::new();
    let mut close: Option<char> = None;
    for c in message.chars() {
        match close {
            Some(end) if c == end => close = None,
            Some(_) => {}
            None if matches!(c, '(' | ';') => break,
            None => match c {
                '`' | '\'' | '"' => close = Some(c),
                '«' => close = Some('»'),
                _ => {}
            },
        }
        let masked = close.is_some() || matches!(c, '`' | '\'' | '"' | '»') || c.is_ascii_digit();
        if !masked {
            k.push(c);
        } else if !k.ends_with('…') {
            k.push('…');
        }
    }
    let k = k.trim().trim_end_matches([',', ':', '.']).trim();
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
    steps: &[(&str, f64)],
) {
    let dated = bundle.articles.iter().filter(|a| a.date.is_some()).count();
    println!(
        "fahras build: {} article(s) ({dated} dated), {} entities, {errors} error(s), {warnings} warning(s) in {secs:.1} s",
        bundle.articles.len(),
        bundle.entities.entities.len()
    );
    // The steps are seen every 100 ms: worth showing for builds that take a while.
    if secs >= 2.0 {
        let steps: Vec<String> = steps.iter().map(|(s, t)| format!("{s} {t:.1} s")).collect();
        let threads = fahras_core::par::threads();
        println!("  ({} on {threads} thread(s))", steps.join(", "));
    }
    let mut total = 0;
    for w in written {
        total += w.bytes;
        let big = w.name.ends_with(".wasm")
            || w.name.ends_with(".fahras")
            || w.name.ends_with(".pack")
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
    if written.iter().any(|w| w.name.ends_with(".pack")) {
        println!(
            "index.html loads a split corpus: the host must answer HTTP range requests for the .pack files \
             (static hosts and CDNs do; one that does not sends each pack whole once)"
        );
    }
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
            "invalid date … in field …"
        );
        assert_eq!(
            kind("article `a1` is an exact duplicate of `b7` (skipped)"),
            kind("article `x` is an exact duplicate of `y` (skipped)"),
        );
        assert_eq!(
            kind("article id `a` is already used by x"),
            "article id … is already used by x"
        );
        assert_eq!(
            kind("record `r1`: title derived from the first line"),
            "title derived from the first line"
        );
        assert_eq!(kind("record 12: no text"), "record …: no text");
    }
}
