//! `.zip` archives, two ways from each input: the raw bytes as `fuzz.zip` (mostly refused:
//! exercises the zip parser and the reader's errors), and a valid archive written by the `zip`
//! crate whose entry names and contents come from the input (see `fahras_fuzz::zip_plan`:
//! names may climb out with `../` or be absolute, sit in folders, be nested `.zip`s or any kind
//! the reader takes). Loading never panics; every article keeps the usual invariants; every
//! diagnostic names `fuzz.zip` or an entry in it; and an entry that climbs out of the archive
//! is reported and gives nothing: the articles are exactly those of the same archive without
//! such entries.

#![no_main]

use std::io::{Cursor, Write};
use std::path::{Component, Path};

use fahras_core::corpus::{load_file, load_file_with, Options};
use fahras_fuzz::{
    assert_articles, assert_diagnostics_name, mapped, zip_plan, ZIP_DEFLATE, ZIP_FIELDS,
    ZIP_FOLDERS, ZIP_MIXED,
};
use libfuzzer_sys::fuzz_target;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, ZipWriter};

const NAME: &str = "fuzz.zip";

/// Whether the reader must refuse this entry name: a `..` or an absolute path in it (`\\`
/// separates folders too, as Windows archivers write it).
fn climbs_out(name: &str) -> bool {
    Path::new(&name.replace('\\', "/")).components().any(|c| {
        matches!(
            c,
            Component::ParentDir | Component::RootDir | Component::Prefix(_)
        )
    })
}

/// The folders a path is in: `a/b/c.txt` → `a/`, `a/b/`.
fn folders(name: &str) -> impl Iterator<Item = &str> {
    name.match_indices('/')
        .filter(|(i, _)| *i > 0)
        .map(move |(i, _)| &name[..=i])
}

/// Two archives written side by side: every entry, and the entries that do not climb out.
struct Pair {
    all: ZipWriter<Cursor<Vec<u8>>>,
    inside: ZipWriter<Cursor<Vec<u8>>>,
    /// False once the two disagree on an entry (then their articles are not compared).
    same: bool,
    climbers: Vec<String>,
}

fn write_archives(
    flags: u8,
    entries: &[(String, Vec<u8>)],
) -> Option<(Vec<u8>, Vec<u8>, bool, Vec<String>)> {
    let new = || ZipWriter::new(Cursor::new(Vec::new()));
    let mut p = Pair {
        all: new(),
        inside: new(),
        same: true,
        climbers: Vec::new(),
    };
    for (i, (name, content)) in entries.iter().enumerate() {
        let deflate = (flags & ZIP_DEFLATE != 0) ^ (flags & ZIP_MIXED != 0 && i % 2 == 1);
        let method = if deflate {
            CompressionMethod::Deflated
        } else {
            CompressionMethod::Stored
        };
        let options = SimpleFileOptions::default().compression_method(method);
        let climbs = climbs_out(name);
        if flags & ZIP_FOLDERS != 0 {
            for dir in folders(name) {
                // A folder named twice (or like a file) is refused by the writer: fine.
                let _ = p.all.add_directory(dir, options);
                if !climbs_out(dir) {
                    let _ = p.inside.add_directory(dir, options);
                }
            }
        }
        if p.all.start_file(name.as_str(), options).is_err() {
            continue;
        }
        p.all.write_all(content).ok()?;
        if climbs {
            if !name.ends_with('/') {
                p.climbers.push(name.clone());
            }
            continue;
        }
        if p.inside.start_file(name.as_str(), options).is_err() {
            p.same = false;
            continue;
        }
        p.inside.write_all(content).ok()?;
    }
    let all = p.all.finish().ok()?.into_inner();
    let inside = p.inside.finish().ok()?.into_inner();
    Some((all, inside, p.same, p.climbers))
}

fuzz_target!(|bytes: &[u8]| {
    // (a) The raw bytes.
    let (articles, diagnostics) = load_file(NAME, bytes);
    assert_articles(NAME, &articles);
    assert_diagnostics_name(NAME, &diagnostics, true);

    // (b) A valid archive of the input's entries.
    let (flags, entries) = zip_plan(bytes);
    if entries.is_empty() {
        return;
    }
    let Some((all, inside, same, climbers)) = write_archives(flags, &entries) else {
        return;
    };
    let default = Options::default();
    let opts = if flags & ZIP_FIELDS != 0 {
        mapped()
    } else {
        &default
    };
    let (articles, diagnostics) = load_file_with(NAME, &all, opts);
    assert_articles(NAME, &articles);
    assert_diagnostics_name(NAME, &diagnostics, true);
    assert!(
        !diagnostics
            .iter()
            .any(|d| d.file == NAME && d.message.contains("not a readable zip archive")),
        "an archive the zip crate wrote is refused: {diagnostics:?}"
    );
    for name in &climbers {
        let label = format!("{NAME}/{name}");
        assert!(
            diagnostics
                .iter()
                .any(|d| d.file == label && d.is_error() && d.message.contains("climbs out")),
            "entry {name:?} climbs out and is not reported: {diagnostics:?}"
        );
    }
    if !climbers.is_empty() && same {
        let (kept, _) = load_file_with(NAME, &inside, opts);
        assert_eq!(
            articles, kept,
            "entries that climb out ({climbers:?}) changed the articles"
        );
    }
});
