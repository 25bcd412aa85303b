//! Embeds the prebuilt explorer app (`app/`, vendored by `scripts/vendor-app.sh`) in the
//! `fahras` binary, as Pagefind's CLI carries its web runtime: `fahras build` then writes a
//! complete explorer without rustc, trunk, wasm-bindgen or wasm-opt.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let app = manifest.join("app");
    println!("cargo:rerun-if-changed={}", app.display());
    let mut files = Vec::new();
    walk(&app, &app, &mut files);
    files.sort();
    let mut code = String::from("/// The vendored app's files: (path relative to `app/`, bytes).\npub static FILES: &[(&str, &[u8])] = &[\n");
    for (rel, abs) in &files {
        println!("cargo:rerun-if-changed={}", abs.display());
        writeln!(
            code,
            "    ({rel:?}, include_bytes!({:?})),",
            abs.display().to_string()
        )
        .unwrap();
    }
    code.push_str("];\n");
    let out = PathBuf::from(std::env::var("OUT_DIR").expect("set by cargo")).join("app_files.rs");
    std::fs::write(&out, code).expect("OUT_DIR is writable");
}

fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let path = e.path();
        if path.is_dir() {
            println!("cargo:rerun-if-changed={}", path.display());
            walk(root, &path, out);
        } else if let Ok(rel) = path.strip_prefix(root) {
            let rel = rel.to_string_lossy().replace('\\', "/");
            out.push((rel, path));
        }
    }
}
