//! `.jsonl` articles: one JSON object per line (fields: see [`super::record`]). Files of any
//! size are read a block of lines at a time, so memory holds the articles, not the file.

use std::io::{BufRead, BufReader, Read};

use serde_json::Value;

use super::clean::clean_units;
use super::clean::line::lines_to_units;
use super::decode::{decode_unbounded, MAX_FILE_BYTES};
use super::record::{known_names, read_fields, repeats_lead, At};
use super::Diagnostic;
use super::Options;
use crate::model::Article;

/// Lines are read in blocks of about this many bytes (each block decoded on its own).
const BLOCK_BYTES: usize = 4 * 1024 * 1024;
/// A longer line is not one article: reported and skipped.
const MAX_LINE_BYTES: usize = MAX_FILE_BYTES;

/// The records of one file, as they are read (JSONL lines or `.json` elements).
pub(super) struct Records<'a> {
    file: &'a str,
    stem: &'a str,
    /// How to read (the user's field names; the progress counters).
    pub(super) opts: &'a Options,
    /// Whether each block's articles are added to the reading progress.
    counted: bool,
    articles: Vec<Article>,
    diags: Vec<Diagnostic>,
    unknown: Vec<(String, u32)>,
}

/// Every record of a JSONL file held in memory, cleaned. Bad lines are reported and skipped.
pub fn load(file: &str, stem: &str, opts: &Options, text: &str) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut r = Records::new(file, stem, opts);
    r.lines(text, 1);
    r.finish()
}

/// Every record of a JSONL file read from `input`, of any size, a block at a time.
pub fn load_stream(
    file: &str,
    stem: &str,
    opts: &Options,
    input: impl Read,
) -> (Vec<Article>, Vec<Diagnostic>) {
    load_blocks(Records::new(file, stem, opts), input, BLOCK_BYTES)
}

/// [`load_stream`] for a file read at the top level: its articles are counted in the reading
/// progress block by block (a single large file is most of a build's reading).
pub fn load_stream_counted(
    file: &str,
    stem: &str,
    opts: &Options,
    input: impl Read,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut r = Records::new(file, stem, opts);
    r.counted = true;
    load_blocks(r, input, BLOCK_BYTES)
}

fn load_blocks(
    mut r: Records,
    input: impl Read,
    block_bytes: usize,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let file = r.file;
    let mut input = BufReader::with_capacity(1 << 16, input);
    let mut block = Vec::with_capacity(block_bytes + (1 << 16));
    let mut first_line = 1u32;
    loop {
        block.clear();
        let mut lines = 0u32;
        let mut too_long = Vec::new();
        while block.len() < block_bytes {
            let start = block.len();
            match read_line(&mut input, &mut block) {
                Ok(0) => break,
                Ok(_) => {}
                Err(e) => {
                    r.diags.push(Diagnostic::error(
                        file,
                        Some(first_line + lines),
                        format!("cannot read: {e}"),
                    ));
                    return r.finish();
                }
            }
            if block.len() - start > MAX_LINE_BYTES {
                too_long.push(first_line + lines);
                block.truncate(start);
                block.push(b'\n');
            }
            lines += 1;
        }
        if lines == 0 {
            break;
        }
        for line in too_long {
            r.diags.push(Diagnostic::error(
                file,
                Some(line),
                format!(
                    "line is over {} MB: not one article (skipped)",
                    MAX_LINE_BYTES >> 20
                ),
            ));
        }
        match decode_unbounded(&block) {
            Ok(d) => r.lines(&d.text, first_line),
            Err(_) if block.iter().all(u8::is_ascii_whitespace) => {}
            Err(e) => r.diags.push(Diagnostic::error(
                file,
                Some(first_line + e.line.unwrap_or(1) - 1),
                format!(
                    "{} (lines {first_line}–{} skipped)",
                    e.message,
                    first_line + lines - 1
                ),
            )),
        }
        first_line = first_line.saturating_add(lines);
    }
    r.finish()
}

/// Append one line (with its `\n`) to `buf`, keeping at most a little over the line limit of
/// an overlong line (the rest is read and dropped). Returns the bytes read.
fn read_line(input: &mut impl BufRead, buf: &mut Vec<u8>) -> std::io::Result<usize> {
    let start = buf.len();
    let mut read = 0;
    loop {
        let chunk = input.fill_buf()?;
        if chunk.is_empty() {
            return Ok(read);
        }
        let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (i + 1, true),
            None => (chunk.len(), false),
        };
        if buf.len() - start <= MAX_LINE_BYTES {
            buf.extend_from_slice(&chunk[..take]);
        }
        input.consume(take);
        read += take;
        if done {
            return Ok(read);
        }
    }
}

impl<'a> Records<'a> {
    pub(super) fn new(file: &'a str, stem: &'a str, opts: &'a Options) -> Self {
        Records {
            file,
            stem,
            opts,
            counted: false,
            articles: Vec::new(),
            diags: Vec::new(),
            unknown: Vec::new(),
        }
    }

    /// The records of `text`, whose first line is line `first_line` of the file: parsed and
    /// cleaned on every core, kept in the file's order.
    fn lines(&mut self, text: &str, first_line: u32) {
        let lines: Vec<(u32, &str)> = text
            .split('\n')
            .enumerate()
            .map(|(n, raw)| {
                let line = first_line.saturating_add(u32::try_from(n).unwrap_or(u32::MAX));
                (line, raw.trim())
            })
            .filter(|(_, raw)| !raw.is_empty())
            .collect();
        let parts = crate::par::map_parts(&lines, |_, part| {
            let mut r = Records::new(self.file, self.stem, self.opts);
            for &(line, raw) in part {
                r.record(raw, line);
            }
            (r.articles, r.diags, r.unknown)
        });
        for (articles, diags, unknown) in parts {
            if self.counted {
                super::Progress::add(&self.opts.progress.articles, articles.len());
            }
            self.articles.extend(articles);
            self.diags.extend(diags);
            for (key, line) in unknown {
                if !self.unknown.iter().any(|(k, _)| *k == key) {
                    self.unknown.push((key, line));
                }
            }
        }
    }

    fn error(&mut self, line: u32, message: impl Into<String>) {
        self.push_error(Some(line), message);
    }

    pub(super) fn push_error(&mut self, line: Option<u32>, message: impl Into<String>) {
        self.diags.push(Diagnostic::error(self.file, line, message));
    }

    pub(super) fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    fn record(&mut self, raw: &str, line: u32) {
        let value: Value = match serde_json::from_str(raw) {
            Ok(v) => v,
            Err(e) => return self.error(line, format!("invalid JSON: {e}")),
        };
        let Value::Object(record) = value else {
            return self.error(line, "expected a JSON object (one article per line)");
        };
        self.object(&record, line);
    }

    /// One article from a record's fields.
    pub(super) fn object(&mut self, record: &serde_json::Map<String, Value>, line: u32) {
        let at = At {
            file: self.file,
            line,
            fields: &self.opts.fields,
        };
        let fields = read_fields(record, &at, &mut self.diags, &mut self.unknown);
        let Some(body) = fields.text.filter(|b| !b.trim().is_empty()) else {
            return self.error(line, "record has no `text` (the article body; also read from `content`, `body`, `articleBody`…)");
        };
        let id = match fields.id {
            Some(id) if id.is_empty() || id.chars().any(char::is_whitespace) => {
                return self.error(
                    line,
                    format!("invalid record id `{id}` (must be non-empty, without spaces)"),
                );
            }
            Some(id) => id,
            None => format!("{}-{line}", self.stem),
        };
        let mut meta = fields.meta;
        // Exports often give the lead paragraph again as the summary: then it is the body's.
        if meta.dek.as_deref().is_some_and(|d| repeats_lead(d, &body)) {
            meta.dek = None;
        }
        let (article, cleaning) = clean_units(self.file, &id, &lines_to_units(&body, 1), &meta);
        // Lines inside a record's text are not lines of the file: report the record's line.
        self.diags.extend(cleaning.into_iter().map(|mut d| {
            d.line = Some(line);
            d.message = format!("record `{id}`: {}", d.message);
            d
        }));
        if !(article.title.is_empty() && article.blocks.is_empty()) {
            self.articles.push(article);
        }
    }

    pub(super) fn finish(mut self) -> (Vec<Article>, Vec<Diagnostic>) {
        if !self.unknown.is_empty() {
            let names: Vec<String> = self.unknown.iter().map(|(k, _)| format!("`{k}`")).collect();
            let line = self.unknown[0].1;
            self.diags.push(Diagnostic::warning(
                self.file,
                Some(line),
                format!(
                    "unknown record field(s) {} ignored (read: {})",
                    names.join(", "),
                    known_names()
                ),
            ));
        }
        (self.articles, self.diags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(i: usize) -> String {
        format!(
            "{{\"id\": \"a{i}\", \"title\": \"عنوان الخبر رقم {i}\", \"date\": \"Sun, 18 Feb 2018 21:35:43 +0400\", \"text\": \"نص الخبر رقم {i} عن الاقتصاد والسياسة في المنطقة، {}\"}}\n",
            "وكلمات أخرى ".repeat(i % 7 + 1)
        )
    }

    #[test]
    fn streamed_and_in_memory_reads_agree_across_blocks() {
        let mut text = String::new();
        for i in 0..40 {
            text.push_str(&line(i));
        }
        text.push_str("{not json\n");
        let map = Options::default();
        let (a, d) = load("f.jsonl", "f", &map, &text);
        let (b, e) = load_stream("f.jsonl", "f", &map, text.as_bytes());
        assert_eq!(a.len(), 40);
        assert_eq!(a, b);
        assert_eq!(d, e);
        assert!(d
            .iter()
            .any(|d| d.line == Some(41) && d.message.starts_with("invalid JSON")));
        assert_eq!(a[0].date.as_deref(), Some("2018-02-18"));
    }

    #[test]
    fn a_large_file_streams_with_line_numbers_kept() {
        // Many blocks: records past the first block keep their file line numbers.
        let mut text = String::new();
        let mut n = 0;
        while text.len() < 50_000 {
            text.push_str(&line(n));
            n += 1;
        }
        text.push_str("[1, 2]\n");
        let (articles, diags) = load_blocks(
            Records::new("big.jsonl", "big", &Options::default()),
            text.as_bytes(),
            4096,
        );
        assert_eq!(articles.len(), n);
        let last = diags
            .iter()
            .find(|d| d.is_error())
            .expect("the array line is reported");
        assert_eq!(last.line, Some(n as u32 + 1));
        assert!(last.message.contains("expected a JSON object"));
    }
}
