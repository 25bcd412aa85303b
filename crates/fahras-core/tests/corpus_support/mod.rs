//! Helpers shared by the corpus tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU32, Ordering};

use fahras_core::model::{Article, BlockKind, RemovalReason};

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

pub fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/corpus/extra")
}

/// The seed file whose name starts with `prefix` ("000"), and its text.
pub fn seed(prefix: &str) -> (String, String) {
    let dir = seeds_dir();
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .expect("seeds folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(prefix) && n.ends_with(".txt"))
        .collect();
    names.sort();
    let name = names.into_iter().next().expect("seed file");
    let text = std::fs::read_to_string(dir.join(&name)).expect("seed text");
    (name, text)
}

/// A fresh, empty folder under the system temp dir.
pub fn temp_dir(tag: &str) -> PathBuf {
    static N: AtomicU32 = AtomicU32::new(0);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "fahras-corpus-{tag}-{}-{}-{nanos}",
        std::process::id(),
        N.fetch_add(1, Ordering::Relaxed)
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Nothing lost: every non-blank line of a `.txt` source is, exactly once, a block, a removed
/// segment (both carry the line number), the title or the dek. A block may drop a leading
/// bullet glyph or `>` (syntax), never words.
pub fn assert_lossless(src: &str, a: &Article) {
    let mut unplaced = Vec::new();
    for (n, raw) in src.split('\n').enumerate() {
        let line = squash(raw.trim_start_matches('\u{FEFF}'));
        if line.is_empty() {
            continue;
        }
        let no = u32::try_from(n + 1).unwrap();
        let places: Vec<&str> = a
            .blocks
            .iter()
            .filter(|b| b.line == no)
            .map(|b| b.text.as_str())
            .chain(
                a.removed
                    .iter()
                    .filter(|r| r.line == no)
                    .map(|r| r.text.as_str()),
            )
            .collect();
        match places.as_slice() {
            [] => unplaced.push(line),
            [one] => {
                assert!(line.ends_with(one), "line {no} `{line}` became `{one}`");
                let marker = &line[..line.len() - one.len()];
                assert!(
                    marker.is_empty()
                        || (marker.chars().count() <= 3
                            && !marker.chars().any(char::is_alphanumeric)),
                    "line {no}: lost `{marker}`"
                );
            }
            many => panic!("line {no} `{line}` placed {} times: {many:?}", many.len()),
        }
    }
    let mut expected: Vec<&str> = Vec::new();
    if !a.title_derived && !a.title.is_empty() {
        expected.push(&a.title);
    }
    if let Some(d) = &a.dek {
        expected.push(d);
    }
    for line in &unplaced {
        let pos = expected.iter().position(|e| e == line);
        assert!(
            pos.is_some(),
            "line `{line}` is nowhere (title `{}`, dek {:?})\n{a:#?}",
            a.title,
            a.dek
        );
        expected.remove(pos.unwrap());
    }
    // Plain text has no metadata: a title that is not derived, and a dek, came from a line.
    assert!(
        expected.is_empty(),
        "title/dek {expected:?} not taken from any line"
    );
}

pub fn removed_at(a: &Article, line: u32) -> Option<RemovalReason> {
    a.removed.iter().find(|r| r.line == line).map(|r| r.reason)
}

pub fn block_at(a: &Article, line: u32) -> Option<BlockKind> {
    a.blocks.iter().find(|b| b.line == line).map(|b| b.kind)
}

pub fn body(a: &Article) -> String {
    a.block_texts().collect::<Vec<_>>().join("\n")
}
