//! Vendors the prebuilt explorer app into `crates/fahras-cli/app/` (what `fahras` carries).
//!
//!   cargo run -p fahras-cli --example vendor_app -- --check   # exit 1 when app/ is stale
//!   cargo run -p fahras-cli --example vendor_app -- <dir>     # copy a built app in, stamp it
//!
//! `scripts/vendor-app.sh` builds the app (trunk, postbuild, single-file) and runs this.

#[path = "../src/app_source.rs"]
mod app_source;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let root = cli.join("../..");
    let vendored = cli.join("app");
    let args: Vec<String> = std::env::args().skip(1).collect();
    let now = match app_source::fingerprint(&root) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("vendor-app: cannot read the app's source: {e}");
            return ExitCode::FAILURE;
        }
    };
    match args.as_slice() {
        [flag] if flag == "--check" => match app_source::recorded(&vendored) {
            Ok(was) if was == now => {
                println!(
                    "vendor-app: crates/fahras-cli/app is current (source {})",
                    &now[..16]
                );
                ExitCode::SUCCESS
            }
            Ok(was) => {
                println!(
                    "vendor-app: crates/fahras-cli/app was built from source {}, the source is now {}",
                    short(&was),
                    &now[..16]
                );
                ExitCode::FAILURE
            }
            Err(e) => {
                println!("vendor-app: crates/fahras-cli/app has no readable stamp ({e})");
                ExitCode::FAILURE
            }
        },
        [dir] if !dir.starts_with('-') => match vendor(Path::new(dir), &vendored, &now) {
            Ok(n) => {
                println!(
                    "vendor-app: {n} files from {dir} into crates/fahras-cli/app (source {})",
                    &now[..16]
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("vendor-app: {e}");
                ExitCode::FAILURE
            }
        },
        _ => {
            eprintln!("usage: vendor_app --check | vendor_app <built-app-dir>");
            ExitCode::from(2)
        }
    }
}

fn short(s: &str) -> &str {
    s.get(..16).unwrap_or(s)
}

fn vendor(built: &Path, vendored: &Path, fingerprint: &str) -> Result<usize, String> {
    for needed in ["index.html", "fahras.template.html", "sw.js"] {
        if !built.join(needed).is_file() {
            return Err(format!(
                "{} is missing: build the app first (scripts/vendor-app.sh)",
                built.join(needed).display()
            ));
        }
    }
    if vendored.exists() {
        std::fs::remove_dir_all(vendored)
            .map_err(|e| format!("cannot clear {}: {e}", vendored.display()))?;
    }
    let n = copy(built, vendored).map_err(|e| format!("cannot copy {}: {e}", built.display()))?;
    let stamp = format!(
        "{fingerprint}\nSHA-256 of the app's source files (crates/fahras-cli/src/app_source.rs lists them) this app was built from.\nRebuild with scripts/vendor-app.sh; the vendored_app test fails when they differ.\n"
    );
    std::fs::write(vendored.join(app_source::STAMP), stamp).map_err(|e| e.to_string())?;
    Ok(n)
}

fn copy(from: &Path, to: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(to)?;
    let mut n = 0;
    for e in std::fs::read_dir(from)? {
        let e = e?;
        let path = e.path();
        // Not part of a built app: `fahras build` writes these for each corpus.
        let name = e.file_name().to_string_lossy().into_owned();
        if name == "fahras.html"
            || name.starts_with("corpus-")
            || name.starts_with('.')
            || name == app_source::STAMP
        {
            continue;
        }
        if path.is_dir() {
            n += copy(&path, &to.join(&name))?;
        } else {
            std::fs::copy(&path, to.join(&name))?;
            n += 1;
        }
    }
    Ok(n)
}
