//! `fahras`: the corpus tools on the command line. Every subcommand is a thin shell over
//! `fahras-core`, so what it prints is what the app will show.

use std::process::ExitCode;

mod build;
mod check;
mod entities;
mod inspect;
mod search;

const USAGE: &str = "\
usage: fahras <command> [args]

commands:
  build <input>... [-o DIR]     write a complete explorer of your articles (fahras build --help)
  check <dir>                   per-article cleaning report (title, author, blocks, removed, warnings)
  inspect <dir> --json          the cleaned articles as JSON
  search <dir> \"<query>\" [--json]  ranked hits with excerpts and highlight ranges
  entities <dir> [--json]       the entity table with mentions
  entities-eval [<gold.json>]   precision and recall of entity detection per type on gold labels
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
        "entities-eval" => entities::run_eval(rest),
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
