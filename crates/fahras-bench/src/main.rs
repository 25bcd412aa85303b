//! `fahras-bench`: the search engine measured on a SYNTHETIC corpus built from the seeds.
//!
//! ```text
//! fahras-bench gen <n> <out_dir> [--seeds DIR]      write n synthetic articles as .txt files
//! fahras-bench native [--sizes 1000,10000] [--seeds DIR]
//!                                                    build time, index size, query latency
//! fahras-bench head <corpus.fahras>                 where a compiled corpus's bytes go
//! fahras-bench keys <corpus.fahras> [QUERY...]      the core's time per keystroke
//! fahras-bench variants [--seeds DIR]               recall on variants.tsv over the seeds
//! fahras-bench known-item <articles.jsonl> <n_articles> <n_queries> <out_dir> [--seed S] [--spread]
//!                                                    known-item queries on REAL articles
//! ```
//! The query list (`queries.txt`) and the variant list (`variants.tsv`) sit beside this
//! crate's Cargo.toml so the browser benchmark can read the same files.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fahras_core::model::Article;

mod head;
mod keys;
mod known_item;
mod native;
mod recall;
mod rng;
mod synth;

const USAGE: &str = "\
usage: fahras-bench <command>
  gen <n> <out_dir> [--seeds DIR]          write n SYNTHETIC articles (.txt) usable as a corpus folder
  native [--sizes 1000,10000] [--seeds DIR] build time, index bytes per text byte, query p50/p95
  head <corpus.fahras>                     where a compiled corpus's bytes go (gzip), part by part
  keys <corpus.fahras> [QUERY...]          the core's time per keystroke (every prefix of the queries)
  variants [--seeds DIR]                   recall of the variant queries (variants.tsv) on the seeds
  known-item <articles.jsonl> <n_articles> <n_queries> <out_dir> [--seed S] [--spread]
                                           known-item queries typed as people type, drawn from REAL
                                           articles, run through Fahras (bench/known-item.mjs scores them)
";

pub fn crate_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn seeds_arg(args: &[String]) -> PathBuf {
    args.iter()
        .position(|a| a == "--seeds")
        .and_then(|i| args.get(i + 1))
        .map(PathBuf::from)
        .unwrap_or_else(|| crate_dir().join("../../seeds"))
}

/// The seed articles, cleaned by the corpus loader.
pub fn load_seeds(dir: &Path) -> Result<Vec<Article>, String> {
    let report =
        fahras_core::corpus::load_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    if report.articles.is_empty() {
        return Err(format!("{}: no articles", dir.display()));
    }
    Ok(report.articles)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen(&args[1..]),
        Some("native") => native::run(&args[1..]),
        Some("head") => head::run(&args[1..]),
        Some("keys") => keys::run(&args[1..]),
        Some("known-item") => known_item::run(&args[1..]),
        Some("variants") => recall::run(&seeds_arg(&args[1..])).map(|_| ()),
        Some("-h" | "--help" | "help") => {
            print!("{USAGE}");
            Ok(())
        }
        _ => Err(format!("expected a command\n\n{USAGE}")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("fahras-bench: {e}");
            ExitCode::FAILURE
        }
    }
}

fn gen(args: &[String]) -> Result<(), String> {
    let (Some(n), Some(out)) = (args.first(), args.get(1)) else {
        return Err(format!("gen needs <n> <out_dir>\n\n{USAGE}"));
    };
    let n: usize = n
        .parse()
        .map_err(|_| format!("gen: `{n}` is not a number of articles"))?;
    let out = PathBuf::from(out);
    let seeds = load_seeds(&seeds_arg(args))?;
    let src = synth::Source::from_articles(&seeds);
    if src.is_empty() {
        return Err("the seeds hold no usable sentences".into());
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut g = synth::Generator::new(&src, 2025);
    for i in 0..n {
        let (title, paragraphs) = g.article();
        let text = format!("{title}\n\n{}\n", paragraphs.join("\n\n"));
        let path = out.join(format!("synthetic_{i:06}.txt"));
        std::fs::write(&path, text).map_err(|e| format!("{}: {e}", path.display()))?;
    }
    println!(
        "wrote {n} SYNTHETIC articles (sampled from the seed sentences) to {}",
        out.display()
    );
    Ok(())
}
