//! `fahras entities <input>... [--json]`: the entity table of the articles (with the first
//! input folder's `entities.tsv` override file, if any).
//! `fahras entities-eval [<dir>|<gold.json>]`: precision, recall and F1 per type against gold
//! labels (by default the seeds' and the held-out set's, shipped with fahras-core's tests).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use fahras_core::corpus::load_dir;
use fahras_core::entities::eval::{score, GoldFile, Report};
use fahras_core::entities::{
    extract, mention_text, parse_overrides, EntityKind, EntityTable, Gazetteer, Overrides,
    OVERRIDES_FILE,
};
use fahras_core::model::Article;
use serde_json::{json, Value};

const USAGE: &str = "usage: fahras entities <input>... [--json] [--field FIELD=SOURCE]";
const EVAL_USAGE: &str =
    "usage: fahras entities-eval [<dir with gold_*.json> | <gold.json>] [--misses]";

pub fn run(args: &[String]) -> ExitCode {
    let (inputs, flags) = match crate::inputs::parse("entities", USAGE, args, &["--json"]) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    let json_out = !flags.is_empty();
    let report = inputs.load();
    for d in report.errors() {
        eprintln!("{d}");
    }
    let overrides = match inputs.folders().next().map(|d| read_overrides(d)) {
        None => None,
        Some(Ok(o)) => o,
        Some(Err(())) => return ExitCode::FAILURE,
    };
    let gaz = Gazetteer::builtin();
    let table = extract(&report.articles, &gaz, overrides.as_ref());
    if let Some(o) = &overrides {
        for d in o.unused(&table, &gaz) {
            eprintln!("{d}");
        }
    }
    let out = if json_out {
        match serde_json::to_string_pretty(&to_json(&report.articles, &table)) {
            Ok(s) => s + "\n",
            Err(e) => {
                eprintln!("error: cannot write JSON: {e}");
                return ExitCode::FAILURE;
            }
        }
    } else {
        render(&report.articles, &table)
    };
    emit(&out)
}

/// Print to stdout; a closed pipe (`| head`) is not an error worth a panic.
fn emit(text: &str) -> ExitCode {
    use std::io::Write;
    match std::io::stdout().lock().write_all(text.as_bytes()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot write: {e}");
            ExitCode::FAILURE
        }
    }
}

/// The folder's override file, if it has one. Errors are printed, each with file and line.
fn read_overrides(dir: &Path) -> Result<Option<Overrides>, ()> {
    let path = dir.join(OVERRIDES_FILE);
    let text = match std::fs::read_to_string(&path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            eprintln!("error: {}: cannot read: {e}", path.display());
            return Err(());
        }
    };
    parse_overrides(&path.display().to_string(), &text)
        .map(Some)
        .map_err(|errors| {
            for d in errors {
                eprintln!("{d}");
            }
        })
}

fn to_json(articles: &[Article], table: &EntityTable) -> Value {
    let mut per_entity: Vec<BTreeMap<u32, Vec<Value>>> =
        vec![BTreeMap::new(); table.entities.len()];
    for (ai, mentions) in table.mentions.iter().enumerate() {
        for m in mentions {
            let text = articles.get(ai).map_or("", |a| mention_text(a, m));
            per_entity[m.entity as usize]
                .entry(ai as u32)
                .or_default()
                .push(json!({ "text": text, "block": m.block, "start": m.start, "end": m.end }));
        }
    }
    let entities: Vec<Value> = table
        .entities
        .iter()
        .zip(per_entity)
        .map(|(e, by_article)| {
            let arts: Vec<Value> = by_article
                .into_iter()
                .map(|(ai, mentions)| {
                    let id = articles.get(ai as usize).map_or("", |a| a.id.as_str());
                    json!({ "id": id, "index": ai, "mentions": mentions })
                })
                .collect();
            json!({
                "id": e.id, "name": e.name, "type": e.kind.as_str(), "aliases": e.aliases,
                "label_en": e.label_en, "subtype": e.subtype, "count": e.mentions(),
                "articles": arts,
            })
        })
        .collect();
    Value::Array(entities)
}

fn render(articles: &[Article], table: &EntityTable) -> String {
    let mut out = String::new();
    for kind in EntityKind::ALL {
        let ents: Vec<_> = table.entities.iter().filter(|e| e.kind == kind).collect();
        if ents.is_empty() {
            continue;
        }
        out.push_str(&format!("== {} ({})\n", kind.as_str(), ents.len()));
        for e in ents {
            let label = e
                .label_en
                .as_deref()
                .map(|l| format!("  [{l}]"))
                .unwrap_or_default();
            let in_articles: Vec<String> = e
                .articles
                .iter()
                .map(|&(a, n)| {
                    format!(
                        "{}×{n}",
                        articles.get(a as usize).map_or("?", |a| a.id.as_str())
                    )
                })
                .collect();
            out.push_str(&format!(
                "{:>4}  {}{label}  {}\n",
                e.mentions(),
                e.name,
                e.id
            ));
            if !e.aliases.is_empty() {
                let shown: Vec<&str> = e.aliases.iter().take(8).map(String::as_str).collect();
                let more = e.aliases.len().saturating_sub(8);
                let more = if more > 0 {
                    format!(" …+{more}")
                } else {
                    String::new()
                };
                out.push_str(&format!("      aliases: {}{more}\n", shown.join("، ")));
            }
            out.push_str(&format!("      in: {}\n", in_articles.join(", ")));
        }
    }
    let mentions: usize = table.mentions.iter().map(Vec::len).sum();
    out.push_str(&format!(
        "{} entities, {mentions} mentions in {} article(s)\n",
        table.entities.len(),
        articles.len()
    ));
    out
}

/// Where the gold files live when no path is given: fahras-core's test data.
fn default_gold_dir() -> PathBuf {
    let here = Path::new("crates/fahras-core/tests/data/entities");
    if here.is_dir() {
        here.to_path_buf()
    } else {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../fahras-core/tests/data/entities")
    }
}

pub fn run_eval(args: &[String]) -> ExitCode {
    let show_misses = args.iter().any(|a| a == "--misses");
    let rest: Vec<&String> = args.iter().filter(|a| *a != "--misses").collect();
    let target = match rest.as_slice() {
        [] => default_gold_dir(),
        [p] => PathBuf::from(p.as_str()),
        _ => {
            eprintln!("{EVAL_USAGE}");
            return ExitCode::from(2);
        }
    };
    let files: Vec<PathBuf> = if target.is_dir() {
        let mut v: Vec<PathBuf> = match std::fs::read_dir(&target) {
            Ok(rd) => rd
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(|n| n.starts_with("gold") && n.ends_with(".json"))
                })
                .collect(),
            Err(e) => {
                eprintln!("error: {}: {e}", target.display());
                return ExitCode::FAILURE;
            }
        };
        v.sort();
        v
    } else {
        vec![target.clone()]
    };
    if files.is_empty() {
        eprintln!("error: {}: no gold_*.json file", target.display());
        return ExitCode::FAILURE;
    }
    let mut ok = true;
    for f in files {
        match eval_file(&f) {
            Ok(report) => {
                emit(&render_report(&f, &report, show_misses));
            }
            Err(msg) => {
                eprintln!("error: {}: {msg}", f.display());
                ok = false;
            }
        }
    }
    // The tagger on the FANE held-out splits (news, Wikipedia), per type.
    let fane = crate::ner::default_fane_dir();
    match fahras_core::entities::ner::builtin() {
        Some(model) if fane.is_dir() => match crate::ner::fane_report(model, &fane) {
            Ok(r) => {
                emit(&r);
            }
            Err(e) => {
                eprintln!("error: {e}");
                ok = false;
            }
        },
        Some(_) => eprintln!(
            "note: {} not found: FANE held-out scores skipped",
            fane.display()
        ),
        None => eprintln!("note: no NER model built in: FANE held-out scores skipped"),
    }
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn eval_file(path: &Path) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read: {e}"))?;
    let gold: GoldFile =
        serde_json::from_str(&text).map_err(|e| format!("line {}: {e}", e.line()))?;
    let corpus = path.parent().unwrap_or(Path::new(".")).join(&gold.corpus);
    let loaded = load_dir(&corpus).map_err(|e| format!("corpus `{}`: {e}", corpus.display()))?;
    let table = extract(&loaded.articles, &Gazetteer::builtin(), None);
    Ok(score(&loaded.articles, &table, &gold, |id| {
        source_lines(&corpus, id)
    }))
}

/// The lines of the corpus file whose stem is `id`.
fn source_lines(dir: &Path, id: &str) -> Option<Vec<String>> {
    let entries = std::fs::read_dir(dir).ok()?;
    for e in entries.flatten() {
        let p = e.path();
        if p.file_stem().and_then(|s| s.to_str()) == Some(id) {
            let text = std::fs::read_to_string(&p).ok()?;
            return Some(text.lines().map(str::to_owned).collect());
        }
    }
    None
}

fn render_report(path: &Path, r: &Report, show_misses: bool) -> String {
    let mut out = format!("== {}\n", path.display());
    out.push_str("type      precision  recall     F1     tp   fp   fn\n");
    let row = |name: &str, c: &fahras_core::entities::eval::Counts| {
        format!(
            "{name:<8}  {:>8.3}  {:>7.3}  {:>6.3}  {:>4} {:>4} {:>4}\n",
            c.precision(),
            c.recall(),
            c.f1(),
            c.tp,
            c.fp,
            c.fn_
        )
    };
    for (k, c) in &r.per_kind {
        out.push_str(&row(k.as_str(), c));
    }
    out.push_str(&row("overall", &r.overall));
    if show_misses {
        for m in &r.misses {
            let what = if m.spurious { "spurious" } else { "missed  " };
            out.push_str(&format!(
                "  {what} {:<7} {}:{}  {}\n",
                m.kind.as_str(),
                m.article,
                m.line,
                m.text
            ));
        }
    } else if !r.misses.is_empty() {
        out.push_str(&format!(
            "  ({} differences; --misses lists them)\n",
            r.misses.len()
        ));
    }
    out
}
