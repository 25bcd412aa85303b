//! `fahras ner-train [<FANE dir>] [--epochs N] [--seed N] [-o FILE]`: retrain the entity tagger on the
//! training part of NewsFANE Gold and WikiFANE Gold (never on the held-out blocks, see
//! `fahras_core::entities::ner::is_heldout`) and write `crates/fahras-core/data/ner/model.bin`.
//! Reproducible: a fixed shuffle, no clock, no threads.
//!
//! The FANE scores of `fahras entities-eval` come from [`fane_report`].

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use fahras_core::entities::ner::{self, Model, FANE_FILES};
use fahras_core::entities::{EntityKind, Gazetteer};

const USAGE: &str =
    "usage: fahras ner-train [<dir with the FANE .txt.gz files>] [--epochs N] [--seed N] [-o FILE]";
pub const EPOCHS: usize = 12;

/// `../shared/ner` next to the workspace (or the current directory's).
pub fn default_fane_dir() -> PathBuf {
    let here = Path::new("../shared/ner");
    if here.is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/ner")
    }
}

fn default_model_path() -> PathBuf {
    let here = Path::new("crates/fahras-core/data/ner/model.bin");
    if here.parent().is_some_and(Path::is_dir) {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fahras-core/data/ner/model.bin")
    }
}

pub fn run_train(args: &[String]) -> ExitCode {
    let mut dir = None;
    let mut out = None;
    let mut epochs = EPOCHS;
    let mut seed = 0;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--epochs" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => epochs = n,
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "--seed" => match it.next().and_then(|n| n.parse().ok()) {
                Some(n) => seed = n,
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            "-o" => match it.next() {
                Some(p) => out = Some(PathBuf::from(p)),
                None => {
                    eprintln!("{USAGE}");
                    return ExitCode::from(2);
                }
            },
            p if !p.starts_with('-') && dir.is_none() => dir = Some(PathBuf::from(p)),
            _ => {
                eprintln!("{USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let dir = dir.unwrap_or_else(default_fane_dir);
    let out = out.unwrap_or_else(default_model_path);
    let t = Instant::now();
    let mut train = Vec::new();
    for (name, file) in FANE_FILES {
        match ner::read_fane_gz(&dir.join(file)) {
            Ok(s) => {
                let part = ner::split(s, false);
                eprintln!("{name}: {} training sentences", part.len());
                train.push(part);
            }
            Err(e) => {
                eprintln!("error: {}: {e}", dir.join(file).display());
                return ExitCode::FAILURE;
            }
        }
    }
    let gaz = Gazetteer::builtin();
    let cpath = default_clusters_path();
    let clusters = match std::fs::read_to_string(&cpath) {
        Ok(t) => fahras_core::entities::clusters::parse(&t),
        Err(e) => {
            eprintln!(
                "error: {}: {e} (make it with `fahras ner-clusters`)",
                cpath.display()
            );
            return ExitCode::FAILURE;
        }
    };
    // Documents as at evaluation: blocks of ner::BLOCK sentences of each corpus.
    let docs: Vec<&[ner::Sentence]> = train.iter().flat_map(|c| c.chunks(ner::BLOCK)).collect();
    let bytes = ner::train(&docs, &gaz, &clusters, epochs, seed);
    if let Err(e) = std::fs::write(&out, &bytes) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} ({} bytes) in {:.1} s",
        out.display(),
        bytes.len(),
        t.elapsed().as_secs_f64()
    );
    let model = match Model::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    match fane_report(&model, &dir) {
        Ok(r) => {
            print!("{r}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Precision, recall and F1 per type (exact spans) on each FANE corpus's held-out blocks.
pub fn fane_report(model: &Model, dir: &Path) -> Result<String, String> {
    let gaz = Gazetteer::builtin();
    let mut out = String::new();
    for (name, file) in FANE_FILES {
        let path = dir.join(file);
        let sents = ner::read_fane_gz(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let held = ner::split(sents, true);
        let counts = ner::evaluate(model, &held, &gaz);
        out.push_str(&format!(
            "== FANE {name}, held-out ({} sentences)\ntype      precision  recall     F1     tp   fp   fn\n",
            held.len()
        ));
        let mut all = (0, 0, 0);
        for (k, c) in [EntityKind::Person, EntityKind::Place, EntityKind::Org]
            .iter()
            .zip(counts)
        {
            out.push_str(&row(k.as_str(), c));
            all = (all.0 + c.0, all.1 + c.1, all.2 + c.2);
        }
        out.push_str(&row("micro", all));
    }
    Ok(out)
}

fn row(name: &str, (tp, fp, fn_): (u32, u32, u32)) -> String {
    let p = f64::from(tp) / f64::from((tp + fp).max(1));
    let r = f64::from(tp) / f64::from((tp + fn_).max(1));
    let f = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    format!("{name:<8}  {p:>8.3}  {r:>7.3}  {f:>6.3}  {tp:>4} {fp:>4} {fn_:>4}\n")
}

const CLUSTERS_USAGE: &str = "usage: fahras ner-clusters <articles.jsonl> [-o FILE]";

fn default_clusters_path() -> PathBuf {
    default_model_path().with_file_name("clusters.tsv")
}

/// `fahras ner-clusters <articles.jsonl> [-o FILE]`: learn the tagger's word clusters from
/// unlabelled articles (JSON Lines with `title` and `text`; the ANT corpus:
/// `xz -dc ../shared/corpora/ant-multisource.jsonl.xz > ant.jsonl`) and write
/// `crates/fahras-core/data/ner/clusters.tsv`, which `fahras ner-train` reads.
pub fn run_clusters(args: &[String]) -> ExitCode {
    let mut input = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "-o" => match it.next() {
                Some(p) => out = Some(PathBuf::from(p)),
                None => {
                    eprintln!("{CLUSTERS_USAGE}");
                    return ExitCode::from(2);
                }
            },
            p if !p.starts_with('-') && input.is_none() => input = Some(PathBuf::from(p)),
            _ => {
                eprintln!("{CLUSTERS_USAGE}");
                return ExitCode::from(2);
            }
        }
    }
    let Some(input) = input else {
        eprintln!("{CLUSTERS_USAGE}");
        return ExitCode::from(2);
    };
    let out = out.unwrap_or_else(default_clusters_path);
    let t = Instant::now();
    let text = match std::fs::read_to_string(&input) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("error: {}: {e}", input.display());
            return ExitCode::FAILURE;
        }
    };
    let mut texts = Vec::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        for f in ["title", "text"] {
            if let Some(s) = v.get(f).and_then(|x| x.as_str()) {
                texts.push(s.to_owned());
            }
        }
    }
    eprintln!("{} texts read", texts.len());
    let table = fahras_core::entities::clusters::build(texts.iter().map(String::as_str));
    let levels = fahras_core::entities::clusters::LEVELS;
    let mut tsv = format!(
        "# Word clusters for the NER tagger: word (normalised, article off), then its cluster among\n\
         # {}, {} and {}. Generated by `fahras ner-clusters` from {} ({} texts); {} words.\n",
        levels[0],
        levels[1],
        levels[2],
        input.file_name().map_or(String::new(), |f| f.to_string_lossy().into_owned()),
        texts.len(),
        table.len()
    );
    tsv.push_str(&fahras_core::entities::clusters::to_tsv(&table));
    if let Err(e) = std::fs::write(&out, tsv) {
        eprintln!("error: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    eprintln!(
        "wrote {} ({} words) in {:.1} s",
        out.display(),
        table.len(),
        t.elapsed().as_secs_f64()
    );
    ExitCode::SUCCESS
}
