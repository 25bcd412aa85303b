//! The corpus compiler's front half: a folder of scraped articles in, cleaned [`Article`]s and
//! every problem found out.
//!
//! - Formats: `.html` (saved pages: see [`html`]), `.txt` (scraped text, one paragraph per
//!   line), `.md` (front matter + CommonMark),
//!   `.jsonl` (one record per line), `.json` (an array of records, or one) and `.csv`/`.tsv`
//!   (a header row, one record per row), fields by their common names or the user's
//!   ([`Options::fields`]), any size (streamed); `.zip` archives of any of these ([`archive`]).
//!   Decoding: UTF-8, UTF-8/UTF-16 with BOM, Windows-1256. Dates: [`crate::date`].
//! - Cleaning ([`clean_text`]): title, dek, byline, masthead, navigation, labels, ads,
//!   generated summaries, captions, repeated lines. Nothing is dropped: every line ends in the
//!   title, the dek, a block, or `removed` with its reason.
//! - Diagnostics: all at once, each naming its file (and line). Errors: empty, binary,
//!   undecodable or oversized files, broken front matter, bad JSONL lines, id clashes, articles
//!   with no text left. Warnings: unreadable dates (the article is kept without one), unknown
//!   files and fields, derived titles, duplicates (an exact duplicate is skipped, a near one
//!   kept).

#[cfg(feature = "zip")]
mod archive;
mod clean;
mod csv;
mod decode;
mod dedup;
mod diagnostics;
mod gather;
#[cfg(feature = "html")]
mod html;
mod json;
mod jsonl;
mod markdown;
mod meta;
mod record;

use crate::hash::HashMap;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

pub use decode::MAX_FILE_BYTES;
/// A saved page larger than this is not read (pages with their images inlined are a few MB).
pub const MAX_HTML_BYTES: usize = 32 * 1024 * 1024;
pub use diagnostics::{Diagnostic, LoadReport, Severity};
pub use gather::Gather;
pub use record::FieldMap;
use std::sync::atomic::AtomicUsize;

/// How inputs are read: what the user says about them (`--field`), and where reading reports
/// how far it got.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Record fields by the user's names (JSON, JSON Lines, CSV/TSV).
    pub fields: FieldMap,
    /// Counted as reading goes, from every thread (a progress bar reads them).
    pub progress: std::sync::Arc<Progress>,
}

/// How far reading got: files found and done, articles read so far.
#[derive(Debug, Default)]
pub struct Progress {
    /// The step of compiling under way: one of [`Progress::STEPS`], by index.
    pub step: AtomicUsize,
    pub files: AtomicUsize,
    pub files_done: AtomicUsize,
    pub articles: AtomicUsize,
}

impl Progress {
    /// What compiling does, in order (`fahras build` then writes the explorer).
    pub const STEPS: [&'static str; 4] = [
        "reading",
        "finding entities",
        "indexing",
        "grouping stories",
    ];

    pub(crate) fn set_step(&self, step: usize) {
        self.step.store(step, std::sync::atomic::Ordering::Relaxed);
    }

    pub(crate) fn add(counter: &AtomicUsize, n: usize) {
        counter.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
    }

    /// (files done, files found, articles read).
    pub fn get(&self) -> (usize, usize, usize) {
        use std::sync::atomic::Ordering::Relaxed;
        (
            self.files_done.load(Relaxed),
            self.files.load(Relaxed),
            self.articles.load(Relaxed),
        )
    }
}

use crate::model::Article;
use clean::line::lines_to_units;
use clean::{clean_units, Meta};
use dedup::Loaded;

/// Files that sit in a corpus folder without being articles; skipped without a word.
const NOT_ARTICLES: &[&str] = &["entities.tsv", "entities.toml"];
const NOT_ARTICLE_PREFIXES: &[&str] = &["readme", "license", "licence", "changelog"];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Txt,
    Md,
    Jsonl,
    Json,
    Csv,
    Tsv,
    Html,
    Zip,
}

impl Format {
    /// Files of records, read as they stream in, whatever their size.
    fn streams(self) -> bool {
        matches!(
            self,
            Format::Json | Format::Jsonl | Format::Csv | Format::Tsv
        )
    }
}

fn format_of(name: &str) -> Option<Format> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    match ext.as_str() {
        "txt" | "text" => Some(Format::Txt),
        "md" | "markdown" => Some(Format::Md),
        "jsonl" | "ndjson" => Some(Format::Jsonl),
        "json" => Some(Format::Json),
        "csv" => Some(Format::Csv),
        "tsv" | "tab" => Some(Format::Tsv),
        "html" | "htm" | "xhtml" => Some(Format::Html),
        "zip" => Some(Format::Zip),
        _ => None,
    }
}

fn is_known_non_article(name: &str) -> bool {
    let lower = name.to_lowercase();
    NOT_ARTICLES.contains(&lower.as_str())
        || NOT_ARTICLE_PREFIXES.iter().any(|p| lower.starts_with(p))
}

fn stem_of(name: &str) -> String {
    Path::new(name)
        .file_stem()
        .map_or_else(|| name.to_owned(), |s| s.to_string_lossy().into_owned())
}

/// Clean decoded `.txt` text. Diagnostics name `id` as the file.
pub fn clean_text(id: &str, text: &str) -> (Article, Vec<Diagnostic>) {
    clean_units(id, id, &lines_to_units(text, 1), &Meta::default())
}

/// Load one file's bytes; `name`'s extension decides the format. Never panics on any input.
pub fn load_file(name: &str, bytes: &[u8]) -> (Vec<Article>, Vec<Diagnostic>) {
    load_file_with(name, bytes, &Options::default())
}

/// [`load_file`] read as `opts` says. An archive's articles come out together.
pub fn load_file_with(name: &str, bytes: &[u8], opts: &Options) -> (Vec<Article>, Vec<Diagnostic>) {
    load_named(name, &stem_of(name), opts, bytes)
}

fn load_named(
    file: &str,
    stem: &str,
    opts: &Options,
    bytes: &[u8],
) -> (Vec<Article>, Vec<Diagnostic>) {
    let Some(format) = format_of(file) else {
        return (Vec::new(), vec![unknown_type(file)]);
    };
    // A JSON Lines file in memory is decoded whole (UTF-16 too); other records stream.
    if format.streams() && format != Format::Jsonl {
        return load_stream(file, stem, format, opts, bytes);
    }
    match format {
        // A page declares its own charset: read from the bytes.
        #[cfg(feature = "html")]
        Format::Html => html::load(file, stem, bytes),
        #[cfg(not(feature = "html"))]
        Format::Html => (Vec::new(), vec![Diagnostic::error(file, None, "saved pages are read by a build with the `html` feature (the `fahras` command line has it)")]),
        #[cfg(feature = "zip")]
        Format::Zip => {
            let read = archive::load(file, stem, opts, io::Cursor::new(bytes));
            let articles = read.entries.into_iter().flat_map(|(_, a)| a).collect();
            (articles, read.diagnostics)
        }
        #[cfg(not(feature = "zip"))]
        Format::Zip => (Vec::new(), vec![Diagnostic::error(file, None, "archives are read by a build with the `zip` feature (the `fahras` command line has it)")]),
        _ => match decode::decode(bytes) {
            Ok(d) if format == Format::Jsonl => jsonl::load(file, stem, opts, &d.text),
            Ok(d) => load_text(file, stem, format == Format::Md, &d.text),
            Err(e) => (Vec::new(), vec![Diagnostic::error(file, e.line, e.message)]),
        },
    }
}

/// A file of records (JSON, JSON Lines, CSV/TSV), read as it streams in.
fn load_stream(
    file: &str,
    stem: &str,
    format: Format,
    opts: &Options,
    input: impl Read,
) -> (Vec<Article>, Vec<Diagnostic>) {
    match format {
        // JSON is UTF-8 (RFC 8259); JSON Lines blocks and CSV files are decoded as text files.
        Format::Json => json::load_stream(file, stem, opts, input),
        Format::Csv | Format::Tsv => {
            csv::load_stream(file, stem, opts, format == Format::Tsv, input)
        }
        _ => jsonl::load_stream(file, stem, opts, input),
    }
}

/// One `.txt` or `.md` article.
fn load_text(
    file: &str,
    stem: &str,
    markdown: bool,
    text: &str,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let (meta, units) = if markdown {
        let Ok((meta, start)) = markdown::front_matter(file, text, &mut diags) else {
            return (Vec::new(), diags);
        };
        (meta, markdown::units(text, start))
    } else {
        (Meta::default(), lines_to_units(text, 1))
    };
    if units.is_empty() {
        diags.push(Diagnostic::error(
            file,
            None,
            "empty article (no text after the front matter)",
        ));
        return (Vec::new(), diags);
    }
    let (article, d) = clean_units(file, stem, &units, &meta);
    diags.extend(d);
    if article.title.is_empty() && article.blocks.is_empty() {
        return (Vec::new(), diags);
    }
    (vec![article], diags)
}

fn unknown_type(file: &str) -> Diagnostic {
    let ext = Path::new(file)
        .extension()
        .map(|e| format!("`.{}`", e.to_string_lossy()))
        .unwrap_or_else(|| "no extension".into());
    Diagnostic::warning(
        file,
        None,
        format!(
            "ignored: unknown file type ({ext}); articles are .html, .txt, .md, .json, .jsonl, .csv or .tsv, or a .zip of them"
        ),
    )
}

/// Where a file's bytes are: on disk (the command line reads folders) or already in memory (the
/// browser's import is handed files, and has no file system).
pub(crate) enum Source<'a> {
    Disk(&'a Path),
    Memory(&'a [u8]),
}

/// What an archive or a stream of records is read from.
trait ReadSeek: Read + io::Seek {}
impl<T: Read + io::Seek> ReadSeek for T {}

impl Source<'_> {
    fn size(&self) -> io::Result<u64> {
        match self {
            Source::Disk(p) => std::fs::metadata(p).map(|m| m.len()),
            Source::Memory(b) => Ok(b.len() as u64),
        }
    }

    fn reader(&self) -> io::Result<Box<dyn ReadSeek + '_>> {
        Ok(match self {
            Source::Disk(p) => Box::new(io::BufReader::new(std::fs::File::open(p)?)),
            Source::Memory(b) => Box::new(io::Cursor::new(*b)),
        })
    }

    fn bytes(&self) -> io::Result<std::borrow::Cow<'_, [u8]>> {
        Ok(match self {
            Source::Disk(p) => std::borrow::Cow::Owned(std::fs::read(p)?),
            Source::Memory(b) => std::borrow::Cow::Borrowed(b),
        })
    }
}

/// A large JSON Lines file: read a block at a time, its articles counted block by block.
fn counts_live(name: &str, size: u64) -> bool {
    format_of(name) == Some(Format::Jsonl) && size > MAX_FILE_BYTES as u64
}

/// The articles of one file found in the corpus, by the file (or archive entry) they are in.
/// `name` is the file's name (its extension gives the format), `stem` the id its articles get,
/// `file` the name messages give.
fn load_source(
    name: &str,
    stem: &str,
    file: &str,
    opts: &Options,
    src: &Source<'_>,
) -> Vec<(String, Vec<Article>, Vec<Diagnostic>)> {
    let one = |(articles, diags)| vec![(file.to_owned(), articles, diags)];
    let error = |message: String| one((Vec::new(), vec![Diagnostic::error(file, None, message)]));
    let Some(format) = format_of(name) else {
        return one((Vec::new(), vec![unknown_type(file)]));
    };
    let size = match src.size() {
        Ok(n) => n,
        Err(e) => return error(format!("cannot read: {e}")),
    };
    let small_jsonl = format == Format::Jsonl && size <= MAX_FILE_BYTES as u64;
    if (format.streams() && !small_jsonl) || format == Format::Zip {
        let input = match src.reader() {
            Ok(r) => r,
            Err(e) => return error(format!("cannot read: {e}")),
        };
        #[cfg(feature = "zip")]
        if format == Format::Zip {
            let read = archive::load(file, stem, opts, input);
            let mut out: Vec<_> = read
                .entries
                .into_iter()
                .map(|(l, a)| (l, a, Vec::new()))
                .collect();
            out.push((file.to_owned(), Vec::new(), read.diagnostics));
            return out;
        }
        if format == Format::Jsonl {
            return one(jsonl::load_stream_counted(file, stem, opts, input));
        }
        if format != Format::Zip {
            // Records, whatever the file's size: read a block of lines or one element at a time.
            return one(load_stream(file, stem, format, opts, input));
        }
    }
    let limit = if format == Format::Html {
        MAX_HTML_BYTES
    } else {
        MAX_FILE_BYTES
    };
    if size > limit as u64 {
        return error(decode::too_large_message(size, limit));
    }
    match src.bytes() {
        Ok(bytes) => one(load_named(file, stem, opts, &bytes)),
        Err(e) => error(format!("cannot read: {e}")),
    }
}

/// Add a file's articles to those loaded, refusing ids already used by another article.
fn keep_unique(
    articles: Vec<Article>,
    file: &str,
    ids: &mut HashMap<String, String>,
    loaded: &mut Vec<Loaded>,
    diags: &mut Vec<Diagnostic>,
) {
    for article in articles {
        if let Some(other) = ids.get(&article.id) {
            diags.push(Diagnostic::error(
                file,
                None,
                format!("article id `{}` is already used by {other}; ids must be unique (rename the file or set another `id`)", article.id),
            ));
            continue;
        }
        ids.insert(article.id.clone(), file.to_owned());
        loaded.push(Loaded {
            file: file.to_owned(),
            article,
        });
    }
}

/// A file found in the corpus: its name, path, and the id stem its articles get (the file
/// stem; with its subfolders joined by `-` when nested: `2020/08/page.html` → `2020-08-page`).
struct Found {
    name: String,
    path: PathBuf,
    stem: String,
}

/// Subfolders deeper than this are not read (reported).
const MAX_FOLDER_DEPTH: usize = 16;

/// Every file under `dir`, subfolders included, in path order. Hidden entries are skipped;
/// symbolic links to folders are not followed (a loop would never end).
fn list_files(
    dir: &Path,
    prefix: &str,
    depth: usize,
    out: &mut Vec<Found>,
    diags: &mut Vec<Diagnostic>,
) -> io::Result<()> {
    let mut entries: Vec<(String, PathBuf)> = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        match entry {
            Ok(e) => entries.push((e.file_name().to_string_lossy().into_owned(), e.path())),
            Err(e) => diags.push(Diagnostic::error(
                &dir.display().to_string(),
                None,
                format!("cannot list an entry: {e}"),
            )),
        }
    }
    entries.sort();
    for (name, path) in entries {
        if name.starts_with('.') {
            continue;
        }
        let is_dir = std::fs::symlink_metadata(&path).is_ok_and(|m| m.is_dir());
        if !is_dir {
            let stem = format!("{prefix}{}", stem_of(&name));
            out.push(Found { name, path, stem });
            continue;
        }
        if depth >= MAX_FOLDER_DEPTH {
            diags.push(Diagnostic::warning(
                &path.display().to_string(),
                None,
                format!("ignored: folder nested over {MAX_FOLDER_DEPTH} deep"),
            ));
            continue;
        }
        if let Err(e) = list_files(&path, &format!("{prefix}{name}-"), depth + 1, out, diags) {
            diags.push(Diagnostic::error(
                &path.display().to_string(),
                None,
                format!("cannot read folder: {e}"),
            ));
        }
    }
    Ok(())
}

/// Load every article of a folder (subfolders too, in path order) or of one file. Only a
/// folder that cannot be listed is an `Err`; every problem with its files is a diagnostic.
pub fn load_dir(dir: &Path) -> io::Result<LoadReport> {
    std::fs::metadata(dir)?;
    if dir.is_dir() {
        std::fs::read_dir(dir)?;
    }
    Ok(load_inputs(&[dir]))
}

/// Load every article of several inputs (folders, read recursively, and files), in the order
/// given. An input that cannot be read is an error diagnostic naming it; the others still load.
pub fn load_inputs<P: AsRef<Path>>(inputs: &[P]) -> LoadReport {
    load_inputs_with(inputs, &Options::default())
}

/// [`load_inputs`] read as `opts` says.
pub fn load_inputs_with<P: AsRef<Path>>(inputs: &[P], opts: &Options) -> LoadReport {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    for input in inputs {
        let input = input.as_ref();
        match std::fs::metadata(input) {
            Ok(m) if m.is_file() => {
                let name = input
                    .file_name()
                    .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
                files.push(Found {
                    stem: stem_of(&name),
                    name,
                    path: input.to_path_buf(),
                });
            }
            Ok(_) => {
                if let Err(e) = list_files(input, "", 0, &mut files, &mut diags) {
                    diags.push(Diagnostic::error(
                        &input.display().to_string(),
                        None,
                        format!("cannot read folder: {e}"),
                    ));
                }
            }
            Err(e) => diags.push(Diagnostic::error(
                &input.display().to_string(),
                None,
                format!("cannot read: {e}"),
            )),
        }
    }
    let mut loaded: Vec<Loaded> = Vec::new();
    let mut ids: HashMap<String, String> = HashMap::default();
    files.retain(|f| !is_known_non_article(&f.name));
    // Files are read on every core; their articles are taken in path order.
    Progress::add(&opts.progress.files, files.len());
    let read = crate::par::map_each(&files, |found| {
        let file = found.path.display().to_string();
        let src = Source::Disk(&found.path);
        let read = load_source(&found.name, &found.stem, &file, opts, &src);
        Progress::add(&opts.progress.files_done, 1);
        if !counts_live(&found.name, src.size().unwrap_or(0)) {
            let n: usize = read.iter().map(|(_, a, _)| a.len()).sum();
            Progress::add(&opts.progress.articles, n);
        }
        read
    });
    for (file, articles, d) in read.into_iter().flatten() {
        diags.extend(d);
        keep_unique(articles, &file, &mut ids, &mut loaded, &mut diags);
    }
    let kept = dedup::dedup(loaded, &mut diags);
    LoadReport {
        articles: kept.into_iter().map(|l| l.article).collect(),
        diagnostics: diags,
    }
}
