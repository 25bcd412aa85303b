//! Native timings on the SYNTHETIC corpus: build, size, load, and query latency.

use std::time::{Duration, Instant};

use fahras_core::search::{Index, SearchOptions};

use crate::synth::{Generator, Source};

/// One benchmark query: its kind (for the report) and text.
pub struct BenchQuery {
    pub kind: String,
    pub text: String,
}

/// `queries.txt`: `kind<TAB>query` per line, `#` comments. Kind `prefix` is run as typed
/// (`prefix_last`), every other kind as a submitted query.
pub fn load_queries() -> Result<Vec<BenchQuery>, String> {
    let path = crate::crate_dir().join("queries.txt");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((kind, q)) = line.split_once('\t') else {
            return Err(format!(
                "{}:{}: expected `kind<TAB>query`",
                path.display(),
                i + 1
            ));
        };
        out.push(BenchQuery {
            kind: kind.trim().to_string(),
            text: q.to_string(),
        });
    }
    Ok(out)
}

pub(crate) fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

pub(crate) fn us(d: Duration) -> String {
    format!("{:.0} µs", d.as_secs_f64() * 1e6)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let sizes: Vec<usize> = match args
        .iter()
        .position(|a| a == "--sizes")
        .and_then(|i| args.get(i + 1))
    {
        Some(s) => s
            .split(',')
            .map(|x| {
                x.trim()
                    .parse()
                    .map_err(|_| format!("--sizes: `{x}` is not a number"))
            })
            .collect::<Result<_, _>>()?,
        None => vec![1000, 10_000],
    };
    let seeds_dir = args
        .iter()
        .position(|a| a == "--seeds")
        .and_then(|i| args.get(i + 1))
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| crate::crate_dir().join("../../seeds"));
    let seeds = crate::load_seeds(&seeds_dir)?;
    let src = Source::from_articles(&seeds);
    if src.is_empty() {
        return Err("the seeds hold no usable sentences".into());
    }
    let queries = load_queries()?;
    let (n_sent, n_titles, n_words) = src.stats();
    println!(
        "SYNTHETIC corpus: articles sampled from {} seed sentences, {} titles, {} word tokens (see src/synth.rs)",
        n_sent, n_titles, n_words
    );
    println!(
        "{} benchmark queries from queries.txt; latency = median of {} runs per query; limit 20 hits with excerpts\n",
        queries.len(),
        REPS
    );
    for &n in &sizes {
        bench_size(&src, n, &queries);
    }
    Ok(())
}

const REPS: usize = 5;

fn bench_size(src: &Source, n: usize, queries: &[BenchQuery]) {
    let articles = Generator::new(src, 2025).articles(n);
    let text_bytes: usize = articles
        .iter()
        .map(|a| a.title.len() + a.blocks.iter().map(|b| b.text.len()).sum::<usize>())
        .sum();
    let t = Instant::now();
    let index = Index::build(
        &articles,
        // As the app and CLI build it: gazetteer names are never stemmed.
        &fahras_core::entities::Gazetteer::builtin().protected_words(),
    );
    let build = t.elapsed();
    let bytes = index.to_bytes();
    let t = Instant::now();
    let loaded = match Index::from_bytes(&bytes) {
        Ok(i) => i,
        Err(e) => {
            println!("n={n}: the index does not load back: {e}");
            return;
        }
    };
    let load = t.elapsed();

    // Each query runs REPS times; its median is its latency (robust to a busy machine).
    let mut all = Vec::new();
    let mut by_kind: Vec<(String, Vec<Duration>)> = Vec::new();
    let mut total_hits = 0usize;
    for q in queries {
        let opts = SearchOptions {
            prefix_last: q.kind == "prefix",
            limit: Some(20),
        };
        total_hits += loaded.search(&articles, &q.text, &opts).len();
        let mut runs: Vec<Duration> = (0..REPS)
            .map(|_| {
                let t = Instant::now();
                let hits = loaded.search(&articles, &q.text, &opts);
                let d = t.elapsed();
                std::hint::black_box(hits);
                d
            })
            .collect();
        runs.sort();
        let d = runs[REPS / 2];
        all.push(d);
        match by_kind.iter_mut().find(|(k, _)| *k == q.kind) {
            Some((_, v)) => v.push(d),
            None => by_kind.push((q.kind.clone(), vec![d])),
        }
    }
    all.sort();
    println!(
        "== {n} SYNTHETIC articles, {:.1} MB of text",
        text_bytes as f64 / 1e6
    );
    println!("   build           {:.2} s", build.as_secs_f64());
    println!(
        "   index           {:.2} MB = {:.3} bytes per byte of text ({} forms, {} stems)",
        bytes.len() as f64 / 1e6,
        bytes.len() as f64 / text_bytes as f64,
        loaded.term_count(),
        loaded.stem_count()
    );
    println!("   from_bytes      {:.1} ms", load.as_secs_f64() * 1e3);
    println!(
        "   query           p50 {}  p95 {}  max {}  ({} queries, {:.1} hits each on average)",
        us(percentile(&all, 50.0)),
        us(percentile(&all, 95.0)),
        us(percentile(&all, 100.0)),
        queries.len(),
        total_hits as f64 / queries.len().max(1) as f64
    );
    for (kind, mut v) in by_kind {
        v.sort();
        println!(
            "     {kind:<8} p50 {:>8}  p95 {:>8}",
            us(percentile(&v, 50.0)),
            us(percentile(&v, 95.0))
        );
    }
    let empty = {
        let t = Instant::now();
        let hits = loaded.search(
            &articles,
            "",
            &SearchOptions {
                prefix_last: false,
                limit: Some(50),
            },
        );
        std::hint::black_box(hits);
        t.elapsed()
    };
    println!("   empty query     {} (first 50 with leads)\n", us(empty));
}
