//! The fingerprint of the explorer app's source: every file that goes into the prebuilt app the
//! `fahras` binary carries. `app/SOURCE` records the fingerprint the vendored app was built
//! from; the `vendored_app` test fails when the source has moved on without it.
//! Shared (by `#[path]`) by the `vendor_app` example and that test; not part of the CLI.

use std::io;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// Paths, relative to the repository root, whose files make up the app. Folders are read
/// recursively. `Cargo.lock` is in: a dependency update changes the app.
pub const INPUTS: &[&str] = &[
    "Cargo.toml",
    "Cargo.lock",
    "Trunk.toml",
    "index.html",
    "src",
    "style",
    "assets",
    "web",
    "examples",
    "scripts/postbuild.mjs",
    "scripts/single-file.mjs",
    "crates/fahras-core/Cargo.toml",
    "crates/fahras-core/src",
    "crates/fahras-core/data",
    "crates/fahras-import/Cargo.toml",
    "crates/fahras-import/src",
];

/// The file in the vendored app that records its source fingerprint.
pub const STAMP: &str = "SOURCE";

/// SHA-256 over every input file's path and bytes, in path order (64 hex digits).
pub fn fingerprint(root: &Path) -> io::Result<String> {
    let mut files = Vec::new();
    for input in INPUTS {
        let path = root.join(input);
        if path.is_dir() {
            walk(&path, &mut files)?;
        } else if path.is_file() {
            files.push(path);
        }
    }
    let mut rel: Vec<(String, PathBuf)> = files
        .into_iter()
        .filter_map(|p| {
            let r = p
                .strip_prefix(root)
                .ok()?
                .to_string_lossy()
                .replace('\\', "/");
            Some((r, p))
        })
        .collect();
    rel.sort();
    let mut h = Sha256::new();
    for (name, path) in rel {
        let bytes = std::fs::read(&path)?;
        h.update((name.len() as u64).to_le_bytes());
        h.update(name.as_bytes());
        h.update((bytes.len() as u64).to_le_bytes());
        h.update(&bytes);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The fingerprint a vendored app's stamp file records (its first word).
pub fn recorded(app: &Path) -> io::Result<String> {
    let text = std::fs::read_to_string(app.join(STAMP))?;
    Ok(text
        .split_whitespace()
        .next()
        .unwrap_or_default()
        .to_owned())
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        let hidden = path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            walk(&path, out)?;
        } else {
            out.push(path);
        }
    }
    Ok(())
}
