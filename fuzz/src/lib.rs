//! What the fuzz targets share: the seed corpus compiled into the binary (so a target needs no
//! files at run time), indexes built once, and the range checks every target asserts.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use fahras_core::corpus::{load_file, Diagnostic};
use fahras_core::entities::Gazetteer;
use fahras_core::model::Article;
use fahras_core::search::Index;

/// The seed articles, as (file name, bytes). Compiled in: the targets run from any directory.
pub const SEED_FILES: &[(&str, &[u8])] = &[
    (
        "000_62a7010aa40f5c78.txt",
        include_bytes!("../../seeds/000_62a7010aa40f5c78.txt"),
    ),
    (
        "001_027d50fe8d36ea06.txt",
        include_bytes!("../../seeds/001_027d50fe8d36ea06.txt"),
    ),
    (
        "002_8c51726768af6fce.txt",
        include_bytes!("../../seeds/002_8c51726768af6fce.txt"),
    ),
    (
        "003_2a0c97e50c8b63d1.txt",
        include_bytes!("../../seeds/003_2a0c97e50c8b63d1.txt"),
    ),
    (
        "004_39f03dba0fc2743e.txt",
        include_bytes!("../../seeds/004_39f03dba0fc2743e.txt"),
    ),
];

/// Every seed file loaded and cleaned, in file order.
pub fn seed_articles() -> &'static [Article] {
    static ARTICLES: OnceLock<Vec<Article>> = OnceLock::new();
    ARTICLES.get_or_init(|| {
        SEED_FILES
            .iter()
            .flat_map(|(name, bytes)| load_file(name, bytes).0)
            .collect()
    })
}

/// The built-in gazetteer, parsed once (parsing it per input would dominate the run time).
pub fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(Gazetteer::builtin)
}

fn protected() -> &'static BTreeSet<String> {
    static PROTECTED: OnceLock<BTreeSet<String>> = OnceLock::new();
    PROTECTED.get_or_init(|| gazetteer().protected_words())
}

/// The index of all the seed articles, as the app would build it.
pub fn seed_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(seed_articles(), protected()))
}

/// The first two seed articles: a corpus small enough that its encoded index and bundle are
/// cheap to decode on every input of the structure-aware targets.
pub fn small_articles() -> &'static [Article] {
    let all = seed_articles();
    &all[..all.len().min(2)]
}

/// The index of [`small_articles`].
pub fn small_index() -> &'static Index {
    static INDEX: OnceLock<Index> = OnceLock::new();
    INDEX.get_or_init(|| Index::build(small_articles(), protected()))
}

/// Reading options with record fields by other names (`--field text=body --field
/// date=date_extracted`), for the targets that read records.
pub fn mapped() -> &'static fahras_core::corpus::Options {
    use fahras_core::corpus::{FieldMap, Options};
    static OPTS: std::sync::OnceLock<Options> = std::sync::OnceLock::new();
    OPTS.get_or_init(|| {
        let mut fields = FieldMap::default();
        fields.add("text=body").expect("a valid mapping");
        fields.add("date=date_extracted").expect("a valid mapping");
        Options {
            fields,
            ..Options::default()
        }
    })
}

/// Asserts what every loaded article keeps, whatever the input: text (a title or a non-empty
/// block), no empty block, and removed text placed within the blocks (`what` names the input).
pub fn assert_articles(what: &str, articles: &[Article]) {
    for a in articles {
        assert!(
            !a.title.trim().is_empty() || a.blocks.iter().any(|b| !b.text.trim().is_empty()),
            "{what}: article {:?} has no text",
            a.id
        );
        for b in &a.blocks {
            assert!(
                !b.text.trim().is_empty(),
                "{what}: article {:?} has an empty block",
                a.id
            );
        }
        for r in &a.removed {
            assert!(
                r.before_block as usize <= a.blocks.len(),
                "{what}: article {:?}: removed text placed after block {} of {}",
                a.id,
                r.before_block,
                a.blocks.len()
            );
        }
    }
}

/// Asserts that every diagnostic names `file`, or (with `entries`) an entry inside it,
/// `file/...`.
pub fn assert_diagnostics_name(file: &str, diagnostics: &[Diagnostic], entries: bool) {
    for d in diagnostics {
        let inside = entries
            && d.file
                .strip_prefix(file)
                .is_some_and(|rest| rest.starts_with('/'));
        assert!(
            d.file == file || inside,
            "a diagnostic of {file} names {:?}: {d}",
            d.file
        );
    }
}

/// Whether UTF-16 offset `at` of `units` falls between two chars (not inside a surrogate pair).
pub fn utf16_boundary(units: &[u16], at: usize) -> bool {
    at == 0 || at == units.len() || (at < units.len() && !(0xDC00..=0xDFFF).contains(&units[at]))
}

/// Asserts that every UTF-16 range is non-empty, inside `text` and on char boundaries.
pub fn assert_utf16_ranges(text: &str, ranges: &[(u32, u32)], what: &str) {
    let units: Vec<u16> = text.encode_utf16().collect();
    for &(s, e) in ranges {
        let (s, e) = (s as usize, e as usize);
        assert!(
            s < e && e <= units.len(),
            "{what}: range {s}..{e} outside a text of {} UTF-16 units",
            units.len()
        );
        assert!(
            utf16_boundary(&units, s) && utf16_boundary(&units, e),
            "{what}: range {s}..{e} splits a surrogate pair"
        );
    }
}

/// Asserts that UTF-16 ranges are also sorted and do not overlap (highlights are painted in order).
pub fn assert_utf16_ranges_ordered(text: &str, ranges: &[(u32, u32)], what: &str) {
    assert_utf16_ranges(text, ranges, what);
    for w in ranges.windows(2) {
        assert!(
            w[0].1 <= w[1].0,
            "{what}: ranges {:?} and {:?} overlap or are out of order",
            w[0],
            w[1]
        );
    }
}

/// Applies an edit script to a copy of `base`: the structure-aware targets start from a valid
/// encoding made by the current code (so their seeds never go stale when the format changes)
/// and let the fuzzer choose the damage. Each edit is 4 bytes, `op pos_lo pos_hi value`, with
/// the position taken modulo the length; an `op` of 4 also reads 4 more bytes as a `u32`.
/// - 0: overwrite a byte, 1: insert a byte, 2: delete up to 16 bytes, 3: flip one bit,
/// - 4: write a LEB128 varint there (a huge count, length or id), replacing the varint that
///   was there, 5: copy 1..=64 bytes from elsewhere, 6: truncate.
pub fn apply_edits(base: &[u8], script: &[u8]) -> Vec<u8> {
    let mut out = base.to_vec();
    let mut s = script;
    while s.len() >= 4 {
        let (op, pos, v) = (
            s[0] % 7,
            usize::from(u16::from_le_bytes([s[1], s[2]])),
            s[3],
        );
        s = &s[4..];
        let len = out.len();
        let at = if len == 0 { 0 } else { pos % len };
        match op {
            0 if len > 0 => out[at] = v,
            1 => out.insert(at, v),
            2 => {
                let end = (at + usize::from(v % 16) + 1).min(len);
                out.drain(at..end);
            }
            3 if len > 0 => out[at] ^= 1 << (v % 8),
            4 => {
                let Some((word, rest)) = s.split_first_chunk::<4>() else {
                    break;
                };
                s = rest;
                let mut value = u32::from_le_bytes(*word);
                let old_end = out[at..]
                    .iter()
                    .position(|b| b & 0x80 == 0)
                    .map_or(len, |i| at + i + 1);
                let mut varint = Vec::with_capacity(5);
                while value >= 0x80 {
                    varint.push((value as u8) | 0x80);
                    value >>= 7;
                }
                varint.push(value as u8);
                out.splice(at..old_end.min(at + 5), varint);
            }
            5 if len > 0 => {
                let from = (usize::from(v) * 257) % len;
                let n = (usize::from(v % 64) + 1).min(len - from);
                let chunk = out[from..from + n].to_vec();
                out.splice(at..at, chunk);
            }
            6 => out.truncate(at),
            _ => {}
        }
    }
    out
}

/// The `zip` target's structured input: a flags byte ([`ZIP_DEFLATE`]…), then entry names and
/// contents in turn, separated by [`ZIP_SEP`]; [`ZIP_ESC`] takes the next byte as it is
/// (so names and contents may hold any byte). At most [`ZIP_MAX_ENTRIES`] entries; a name
/// given twice keeps its first entry (a zip writer refuses the second).
pub const ZIP_SEP: u8 = 0xFF;
/// See [`ZIP_SEP`].
pub const ZIP_ESC: u8 = 0xFE;
/// See [`ZIP_SEP`].
pub const ZIP_MAX_ENTRIES: usize = 64;
/// Flag: entries deflated (else stored).
pub const ZIP_DEFLATE: u8 = 1;
/// Flag: every other entry the other method.
pub const ZIP_MIXED: u8 = 2;
/// Flag: a folder entry (`a/`, `a/b/`) before each file in folders.
pub const ZIP_FOLDERS: u8 = 4;
/// Flag: loaded with the user's field names (`text=body`, `date=date_extracted`).
pub const ZIP_FIELDS: u8 = 8;

/// The flags and the (name, content) entries of a structured `zip` input.
pub fn zip_plan(bytes: &[u8]) -> (u8, Vec<(String, Vec<u8>)>) {
    let Some((&flags, rest)) = bytes.split_first() else {
        return (0, Vec::new());
    };
    let mut parts: Vec<Vec<u8>> = vec![Vec::new()];
    let mut it = rest.iter();
    while let Some(&b) = it.next() {
        match b {
            ZIP_ESC => {
                if let Some(&next) = it.next() {
                    parts.last_mut().expect("one part").push(next);
                }
            }
            ZIP_SEP => parts.push(Vec::new()),
            _ => parts.last_mut().expect("one part").push(b),
        }
    }
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut parts = parts.into_iter();
    while let Some(name) = parts.next() {
        if entries.len() == ZIP_MAX_ENTRIES {
            break;
        }
        let content = parts.next().unwrap_or_default();
        let name = String::from_utf8_lossy(&name).into_owned();
        if !entries.iter().any(|(n, _)| *n == name) {
            entries.push((name, content));
        }
    }
    (flags, entries)
}

/// The structured `zip` input that [`zip_plan`] reads back as `flags` and `entries`.
pub fn zip_input(flags: u8, entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut out = vec![flags];
    let parts = entries
        .iter()
        .flat_map(|(name, content)| [name.as_bytes(), *content]);
    for (i, part) in parts.enumerate() {
        if i > 0 {
            out.push(ZIP_SEP);
        }
        for &b in part {
            if b == ZIP_SEP || b == ZIP_ESC {
                out.push(ZIP_ESC);
            }
            out.push(b);
        }
    }
    out
}

/// A zip archive of `entries` in that order (deflated or stored), as the `zip` crate writes it.
pub fn zip_of(entries: &[(&str, &[u8])], deflate: bool) -> Vec<u8> {
    use std::io::Write;
    let method = if deflate {
        zip::CompressionMethod::Deflated
    } else {
        zip::CompressionMethod::Stored
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        w.start_file(*name, options).expect("a new entry");
        w.write_all(bytes).expect("written to memory");
    }
    w.finish().expect("written to memory").into_inner()
}
