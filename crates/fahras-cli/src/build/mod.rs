//! `fahras build INPUT... [-o DIR]`: a complete explorer from the user's articles in seconds,
//! with the app this binary carries (no rustc, trunk, wasm-bindgen or wasm-opt).

mod app;
mod importer;
mod report;
mod site;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use fahras_core::bundle;

pub use report::Progress;

const USAGE: &str = "\
usage: fahras build INPUT... [-o DIR] [--split | --single] [--field FIELD=SOURCE]... [--strict] [--verbose] [--app APP_DIR]

  INPUT       folders (read recursively) and files: .html pages, .json/.jsonl, .csv/.tsv,
              .txt, .md, and .zip archives of them
  -o DIR      where to write the explorer (default: site)
  --split     index.html loads a small head and then only what each view needs, read from
              two pack files with HTTP range requests (the default when the compressed
              corpus is over 4 MB); fahras.html always holds the whole corpus
  --single    index.html loads the whole corpus at start-up (the default below 4 MB)
  --field FIELD=SOURCE  read a record field from another column or key (repeatable),
              e.g. --field date=date_extracted; FIELD is one of id, text, title, dek,
              date, author, source, url, lang
  --strict    warnings count as errors: nothing is written unless the input is clean
  --verbose   list every warning, not the first few of each kind
  --app DIR   use a built app folder instead of the one in this binary (for development)";

struct Args {
    inputs: Vec<PathBuf>,
    opts: fahras_core::corpus::Options,
    out: PathBuf,
    strict: bool,
    verbose: bool,
    app: Option<PathBuf>,
    /// `--split` / `--single`; `None`: chosen by size.
    split: Option<bool>,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let (opts, args) = crate::inputs::take_fields(args)?;
    let mut a = Args {
        inputs: Vec::new(),
        opts,
        out: PathBuf::from("site"),
        strict: false,
        verbose: false,
        app: None,
        split: None,
    };
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "-o" | "--out" => a.out = it.next().ok_or("-o needs a folder")?.into(),
            "--app" => a.app = Some(it.next().ok_or("--app needs a folder")?.into()),
            "--strict" => a.strict = true,
            "--split" | "--single" => {
                let want = arg == "--split";
                if a.split.is_some_and(|s| s != want) {
                    return Err("give --split or --single, not both".into());
                }
                a.split = Some(want);
            }
            "--verbose" | "-v" => a.verbose = true,
            "-h" | "--help" => return Err(String::new()),
            flag if flag.starts_with('-') && flag.len() > 1 => {
                return Err(format!("unknown option `{flag}`"))
            }
            input => a.inputs.push(input.into()),
        }
    }
    if a.inputs.is_empty() {
        return Err("give at least one folder or file of articles".into());
    }
    Ok(a)
}

pub fn run(args: &[String]) -> ExitCode {
    let args = match parse(args) {
        Ok(a) => a,
        Err(e) if e.is_empty() => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("fahras build: {e}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let app = match &args.app {
        Some(dir) => app::App::from_dir(dir),
        None => app::App::vendored(),
    };
    let app = match app {
        Ok(a) => a,
        Err(e) => {
            eprintln!("fahras build: {e}");
            return ExitCode::FAILURE;
        }
    };
    let t0 = Instant::now();
    let progress = Progress::start(args.opts.progress.clone());
    let compiled = bundle::compile_inputs_with(&args.inputs, &args.opts);
    progress.writing();
    let bundle = compiled
        .bundle
        .expect("compile_inputs always returns a bundle");
    let diags = &compiled.diagnostics;
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let refused = bundle.articles.is_empty() || (args.strict && !diags.is_empty());
    let written = if refused {
        Ok(Vec::new())
    } else {
        site::write(&app, &bundle, args.split, &args.out)
    };
    let steps = progress.finish();
    report::diagnostics(diags, args.verbose);
    let written = match written {
        Ok(w) => w,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let secs = t0.elapsed().as_secs_f64();
    if bundle.articles.is_empty() {
        eprintln!("error: no article could be read from the input; nothing was written");
        return ExitCode::FAILURE;
    }
    if refused {
        eprintln!(
            "error: --strict: {errors} error(s) and {warnings} warning(s); nothing was written"
        );
        return ExitCode::FAILURE;
    }
    report::summary(&bundle, errors, warnings, &args.out, &written, secs, &steps);
    if errors > 0 {
        eprintln!("the explorer was written without what could not be read: fix the {errors} error(s) above and build again");
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
