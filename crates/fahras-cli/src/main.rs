//! `fahras`: the corpus tools on the command line. Every subcommand is a thin shell over
//! `fahras-core`, so what it prints is what the app will show.

use std::process::ExitCode;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod build;
mod check;
mod entities;
mod inputs;
mod inspect;
mod ner;
mod search;
mod stories;

const USAGE: &str = "\
usage: fahras <command> [args]

commands:
  build <input>... [-o DIR]     write a complete explorer of your articles (fahras build --help)
  check <input>...              per-article cleaning report (title, author, blocks, removed, warnings)
  inspect <input>... [--json]   the cleaned articles (as JSON with --json)
  search <input>... \"<query>\" [--json]  ranked hits with excerpts and highlight ranges
  entities <input>... [--json]  the entity table with mentions
  stories <input>... [--json] [<article-id>]  reports grouped into stories; with an article
                                id, what each report of its story shares and only it says

An <input> is a folder (read recursively) or a file: .html pages, .json/.jsonl, .csv/.tsv,
.txt, .md, or a .zip of them. Every command takes --field FIELD=SOURCE_FIELD (repeatable) for
record fields with other names, e.g. --field date=date_extracted.
  entities-eval [<gold.json>]   precision and recall of entity detection per type on gold labels
                                (and of the tagger on the FANE held-out splits, when ../shared/ner exists)
  ner-train [<FANE dir>]        retrain the entity tagger (crates/fahras-core/data/ner/model.bin)
  ner-clusters <ant.jsonl>      relearn the tagger's word clusters (data/ner/clusters.tsv)
";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some((cmd, rest)) = args.split_first() else {
        eprint!("{USAGE}");
        return ExitCode::from(2);
    };
    match cmd.as_str() {
        "build" => build::run(rest),
        "check" => check::run(rest),
        "inspect" => inspect::run(rest),
        "search" => search::run(rest),
        "entities" => entities::run(rest),
        "stories" => stories::run(rest),
        "entities-eval" => entities::run_eval(rest),
        "ner-train" => ner::run_train(rest),
        "ner-clusters" => ner::run_clusters(rest),
        "-h" | "--help" | "help" => {
            print!("{USAGE}");
            ExitCode::SUCCESS
        }
        other => {
            eprintln!("fahras: unknown command `{other}`\n\n{USAGE}");
            ExitCode::from(2)
        }
    }
}
