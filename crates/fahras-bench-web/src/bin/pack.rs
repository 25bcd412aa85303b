//! `fahras-bench-pack <corpus_dir> <out.bin> [--no-entities]`: compiles a corpus folder into the
//! bundle bytes the benchmark page loads into wasm. The steps are those of
//! `bundle::compile_dir` (the app's build script), timed one by one; `--no-entities` leaves the
//! entity table empty, which search does not read (entity extraction is the slow step on
//! large synthetic corpora). Prints one JSON line of sizes and native timings.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use fahras_core::bundle::{self, Bundle};
use fahras_core::entities::{self, EntityTable, Gazetteer};
use fahras_core::search::Index;

const USAGE: &str = "usage: fahras-bench-pack <corpus_dir> <out.bin> [--no-entities]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let with_entities = !args.iter().any(|a| a == "--no-entities");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(dir), Some(out), None) = (paths.first(), paths.get(1), paths.get(2)) else {
        eprintln!("{USAGE}");
        return ExitCode::FAILURE;
    };
    match run(&PathBuf::from(dir), &PathBuf::from(out), with_entities) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fahras-bench-pack: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run(dir: &Path, out: &Path, with_entities: bool) -> Result<(), String> {
    let t = Instant::now();
    let report =
        fahras_core::corpus::load_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let load_s = t.elapsed().as_secs_f64();
    let errors: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    if !errors.is_empty() {
        return Err(format!(
            "{}: the corpus has errors:\n  {}",
            dir.display(),
            errors.join("\n  ")
        ));
    }
    let articles = report.articles;
    if articles.is_empty() {
        return Err(format!("{}: no articles", dir.display()));
    }
    let gazetteer = Gazetteer::builtin();
    let t = Instant::now();
    let index = Index::build(&articles, &gazetteer.protected_words()).to_bytes();
    let index_s = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let entities = if with_entities {
        let overrides = bundle::load_overrides(dir).map_err(|diags| {
            let msgs: Vec<String> = diags.iter().map(|d| d.to_string()).collect();
            format!("{}: {}", dir.display(), msgs.join("; "))
        })?;
        entities::extract(&articles, &gazetteer, overrides.as_ref())
    } else {
        EntityTable::default()
    };
    let entities_s = t.elapsed().as_secs_f64();
    let text_bytes = fahras_bench_web::text_bytes(&articles);
    let (n, index_bytes) = (articles.len(), index.len());
    let bytes = Bundle {
        articles,
        index,
        entities,
        stories: Vec::new(),
        packs: None,
    }
    .encode();
    std::fs::write(out, &bytes).map_err(|e| format!("{}: {e}", out.display()))?;
    println!(
        "{{\"articles\":{n},\"text_bytes\":{text_bytes},\"index_bytes\":{index_bytes},\"bundle_bytes\":{},\
\"entities\":{with_entities},\"native_load_s\":{load_s:.3},\"native_index_s\":{index_s:.3},\"native_entities_s\":{entities_s:.3}}}",
        bytes.len()
    );
    Ok(())
}
