//! Compiles the corpus folder (`FAHRAS_CORPUS`, default `seeds/`) into the versioned binary
//! bundle the app embeds with `include_bytes!`. Uses the same core code as the `fahras` CLI.
//! Errors fail the build with every problem listed; warnings are shown and the build goes on.

use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-env-changed=FAHRAS_CORPUS");
    let manifest =
        PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR"));
    let dir =
        std::env::var_os("FAHRAS_CORPUS").map_or_else(|| manifest.join("seeds"), PathBuf::from);
    let dir = if dir.is_absolute() {
        dir
    } else {
        manifest.join(dir)
    };
    println!("cargo:rerun-if-changed={}", dir.display());
    if let Ok(entries) = std::fs::read_dir(&dir) {
        for e in entries.flatten() {
            println!("cargo:rerun-if-changed={}", e.path().display());
        }
    }

    let compiled = match fahras_core::bundle::compile_dir(&dir) {
        Ok(c) => c,
        Err(e) => fail(&[format!(
            "error: cannot read corpus folder {}: {e}",
            dir.display()
        )]),
    };
    let (errors, warnings): (Vec<_>, Vec<_>) =
        compiled.diagnostics.iter().partition(|d| d.is_error());
    for w in &warnings {
        println!("cargo:warning={}", one_line(&w.to_string()));
    }
    let Some(bundle) = compiled.bundle else {
        fail(&errors.iter().map(|d| d.to_string()).collect::<Vec<_>>());
    };
    if bundle.articles.is_empty() {
        fail(&[format!(
            "error: corpus folder {} holds no articles (.html, .txt, .md, .json or .jsonl)",
            dir.display()
        )]);
    }
    let out =
        PathBuf::from(std::env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("corpus.bin");
    let bytes = bundle.encode();
    if let Err(e) = std::fs::write(&out, &bytes) {
        fail(&[format!("error: cannot write {}: {e}", out.display())]);
    }
}

fn one_line(s: &str) -> String {
    s.replace(['\n', '\r'], " ")
}

fn fail(errors: &[String]) -> ! {
    eprintln!(
        "\nfahras: the corpus has {} error(s); nothing was built:",
        errors.len()
    );
    for e in errors {
        eprintln!("  {e}");
    }
    std::process::exit(1);
}
