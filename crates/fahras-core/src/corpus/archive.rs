//! `.zip` archives of articles: every entry read as if it were a file in a folder (any format
//! the reader takes; ids from the archive's name and the entry's path), without unpacking
//! anything to disk. Archives come from anywhere, so:
//! - an entry whose path climbs out (`../`, an absolute path) is reported and not read;
//! - sizes are never trusted: each entry is read through a limit (its kind's file limit, and
//!   [`MAX_ARCHIVE_BYTES`] for the whole archive), so a zip bomb stops at the limit;
//! - more than [`MAX_ENTRIES`] entries, an archive inside the archive, encrypted entries and
//!   compression methods other than stored/deflate are reported.
//!
//! The `zip` crate parses the archive (deflate by the pure-Rust miniz backend).

use std::cell::Cell;
use std::io::{Read, Seek};
use std::path::{Component, Path};

use super::{format_of, is_known_non_article, stem_of, Format, Options};
use super::{Diagnostic, MAX_FILE_BYTES, MAX_HTML_BYTES};
use crate::model::Article;

/// Entries beyond this many are not read.
pub const MAX_ENTRIES: usize = 100_000;
/// Bytes an archive may expand to, all entries together.
pub const MAX_ARCHIVE_BYTES: u64 = 4 * 1024 * 1024 * 1024;

/// The articles of each entry (labelled `archive.zip/path/in/archive`), and every problem.
pub struct ArchiveRead {
    pub entries: Vec<(String, Vec<Article>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read every entry of the archive `input`, named `file` in messages; ids start with `stem`.
pub fn load(file: &str, stem: &str, opts: &Options, input: impl Read + Seek) -> ArchiveRead {
    let mut out = ArchiveRead {
        entries: Vec::new(),
        diagnostics: Vec::new(),
    };
    let mut zip = match zip::ZipArchive::new(input) {
        Ok(z) => z,
        Err(e) => {
            out.diagnostics.push(Diagnostic::error(
                file,
                None,
                format!("not a readable zip archive: {e}"),
            ));
            return out;
        }
    };
    if zip.len() > MAX_ENTRIES {
        out.diagnostics.push(Diagnostic::error(
            file,
            None,
            format!(
                "archive has {} entries, over the {MAX_ENTRIES} read from one archive: split it",
                zip.len()
            ),
        ));
        return out;
    }
    let budget = Cell::new(MAX_ARCHIVE_BYTES);
    // Entries in path order, as a folder is read.
    let mut order: Vec<(String, usize)> = (0..zip.len())
        .filter_map(|i| {
            let name = match zip.name_for_index(i)? {
                Ok(n) => n.into_owned(),
                Err(_) => format!("entry {i} (unreadable name)"),
            };
            Some((name, i))
        })
        .collect();
    order.sort();
    for (name, index) in order {
        let label = format!("{file}/{name}");
        let Some((format, entry_stem)) = entry_plan(&name, stem, &label, &mut out.diagnostics)
        else {
            continue;
        };
        let mut entry = match zip.by_index(index) {
            Ok(e) => e,
            Err(e) => {
                out.diagnostics.push(Diagnostic::error(
                    &label,
                    None,
                    format!("cannot read this entry: {e}"),
                ));
                continue;
            }
        };
        if entry.is_dir() {
            continue;
        }
        let (articles, diags) = read_entry(&label, &entry_stem, format, opts, &mut entry, &budget);
        out.diagnostics.extend(diags);
        out.entries.push((label, articles));
        if budget.get() == 0 {
            out.diagnostics.push(Diagnostic::error(
                file,
                None,
                format!(
                    "archive expands to over {} GB (a zip bomb?): the entries after `{name}` are not read",
                    MAX_ARCHIVE_BYTES >> 30
                ),
            ));
            break;
        }
    }
    out
}

/// What an entry is read as, and its id stem; `None` (reported when it matters) for entries
/// that are not read: folders, hidden files, paths that climb out, unknown kinds.
fn entry_plan(
    name: &str,
    stem: &str,
    label: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<(Format, String)> {
    // Some Windows archivers write `\` between folders: a separator here, as in Windows.
    let name = name.replace('\\', "/");
    let path = Path::new(&name);
    let mut parts = Vec::new();
    for c in path.components() {
        match c {
            Component::Normal(p) => parts.push(p.to_string_lossy().into_owned()),
            Component::CurDir => {}
            _ => {
                diags.push(Diagnostic::error(
                    label,
                    None,
                    "entry path climbs out of the archive (`..` or an absolute path): not read",
                ));
                return None;
            }
        }
    }
    if name.ends_with('/') {
        return None; // a folder
    }
    let hidden = parts.iter().any(|p| p.starts_with('.') || p == "__MACOSX");
    let base = parts.last()?;
    if hidden || is_known_non_article(base) {
        return None;
    }
    if base.to_ascii_lowercase().ends_with(".zip") {
        diags.push(Diagnostic::warning(
            label,
            None,
            "ignored: an archive inside an archive is not read (unpack it first)",
        ));
        return None;
    }
    let Some(format) = format_of(base) else {
        diags.push(super::unknown_type(label));
        return None;
    };
    let folders = &parts[..parts.len() - 1];
    let mut id = format!("{stem}-");
    for f in folders {
        id.push_str(f);
        id.push('-');
    }
    id.push_str(&stem_of(base));
    Some((format, id))
}

/// Reads through the archive's remaining byte budget; past it, the read fails.
struct Budget<'a, R> {
    inner: R,
    left: &'a Cell<u64>,
}

impl<R: Read> Read for Budget<'_, R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.left.get() == 0 {
            return Err(std::io::Error::other(format!(
                "the archive expands to over {} GB",
                MAX_ARCHIVE_BYTES >> 30
            )));
        }
        let max = buf
            .len()
            .min(usize::try_from(self.left.get()).unwrap_or(usize::MAX));
        let n = self.inner.read(&mut buf[..max])?;
        self.left.set(self.left.get() - n as u64);
        Ok(n)
    }
}

fn read_entry(
    label: &str,
    stem: &str,
    format: Format,
    opts: &Options,
    entry: &mut zip::read::ZipFile<'_, impl Read>,
    budget: &Cell<u64>,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let error = |m: String| (Vec::new(), vec![Diagnostic::error(label, None, m)]);
    if entry.encrypted() {
        return error("entry is encrypted: not read".into());
    }
    let declared = entry.size();
    let reader = Budget {
        inner: entry,
        left: budget,
    };
    if format.streams() {
        return super::load_stream(label, stem, format, opts, reader);
    }
    let limit = if format == Format::Html {
        MAX_HTML_BYTES
    } else {
        MAX_FILE_BYTES
    };
    let mut bytes = Vec::new();
    match reader.take(limit as u64 + 1).read_to_end(&mut bytes) {
        Ok(n) if n > limit => error(format!(
            "{} (unpacked; the archive said {} bytes)",
            super::decode::too_large_message(n as u64, limit),
            declared
        )),
        Ok(_) => super::load_named(label, stem, opts, &bytes),
        Err(e) => error(format!("cannot unpack this entry: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::{Cursor, Write};
    use zip::write::SimpleFileOptions;

    const BODY: &str =
        "نص الخبر عن الاقتصاد والسياسة في المنطقة، وهو نص طويل بما يكفي ليكون فقرة كاملة.";

    fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
        let mut w = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let o = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        for (name, bytes) in entries {
            w.start_file(*name, o).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap().into_inner()
    }

    fn read(bytes: Vec<u8>) -> ArchiveRead {
        load("in.zip", "in", &Options::default(), Cursor::new(bytes))
    }

    #[test]
    fn entries_of_every_kind_in_path_order_with_ids_from_their_paths() {
        let jsonl = format!("{{\"id\": \"r1\", \"title\": \"عنوان\", \"text\": \"{BODY}\"}}\n");
        let csv = format!("title,text\nعنوان آخر,{BODY}\n");
        let page = format!("<html><head><title>صفحة</title></head><body><article><h1>صفحة</h1><p>{BODY}</p><p>{BODY} ثانية.</p></article></body></html>");
        let bytes = zip_of(&[
            ("2018/b.txt", format!("عنوان\n\n{BODY}").as_bytes()),
            ("records.jsonl", jsonl.as_bytes()),
            ("rows.csv", csv.as_bytes()),
            ("2018/a.html", page.as_bytes()),
            ("__MACOSX/2018/._a.html", b"junk"),
            (".DS_Store", b"junk"),
            ("notes.docx", b"PK"),
        ]);
        let r = read(bytes);
        let labels: Vec<&str> = r.entries.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            labels,
            [
                "in.zip/2018/a.html",
                "in.zip/2018/b.txt",
                "in.zip/records.jsonl",
                "in.zip/rows.csv"
            ]
        );
        let ids: Vec<&str> = r
            .entries
            .iter()
            .flat_map(|(_, a)| a.iter().map(|a| a.id.as_str()))
            .collect();
        assert_eq!(ids, ["in-2018-a", "in-2018-b", "r1", "in-rows-2"]);
        assert!(r.diagnostics.iter().any(|d| d.file == "in.zip/notes.docx"
            && !d.is_error()
            && d.message.contains("unknown file type")));
        assert!(
            r.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}",
            r.diagnostics
        );
    }

    #[test]
    fn climbing_paths_nested_archives_and_garbage_are_reported() {
        let text = format!("عنوان\n\n{BODY}");
        let bytes = zip_of(&[
            ("../../etc/evil.txt", text.as_bytes()),
            ("/abs.txt", text.as_bytes()),
            ("a\\..\\..\\win.txt", text.as_bytes()),
            // Found by the `zip` fuzz target: an absolute name that looks like a folder.
            ("\\evil\\", text.as_bytes()),
            ("inner.zip", b"PK\x03\x04"),
            ("ok.txt", text.as_bytes()),
        ]);
        let r = read(bytes);
        assert_eq!(r.entries.len(), 1);
        assert_eq!(r.entries[0].1[0].id, "in-ok");
        let climbs = r
            .diagnostics
            .iter()
            .filter(|d| d.is_error() && d.message.contains("climbs out"))
            .count();
        assert_eq!(climbs, 4, "{:?}", r.diagnostics);
        assert!(r
            .diagnostics
            .iter()
            .any(|d| d.message.contains("archive inside an archive")));
        let r = read(b"PK\x03\x04 not really a zip".to_vec());
        assert!(r.entries.is_empty());
        assert!(r.diagnostics[0]
            .message
            .contains("not a readable zip archive"));
        assert_eq!(r.diagnostics[0].file, "in.zip");
    }

    #[test]
    fn a_bomb_stops_at_the_file_limit() {
        // 64 MB of one letter compresses to a few tens of KB.
        let big = vec![b'a'; 64 * 1024 * 1024];
        let bytes = zip_of(&[
            ("bomb.txt", &big),
            ("ok.txt", format!("عنوان\n\n{BODY}").as_bytes()),
        ]);
        assert!(bytes.len() < 1024 * 1024);
        let r = read(bytes);
        let bomb = r
            .diagnostics
            .iter()
            .find(|d| d.file == "in.zip/bomb.txt")
            .expect("the bomb is reported");
        assert!(
            bomb.is_error() && bomb.message.contains("over the 5 MB limit"),
            "{bomb:?}"
        );
        assert_eq!(r.entries.iter().map(|(_, a)| a.len()).sum::<usize>(), 1);
    }
}
