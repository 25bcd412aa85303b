//! `.csv` and `.tsv` articles: a header row naming the fields (the same names as JSON records,
//! see [`super::record`], and the user's `--field` names), then one article per row. Parsing is
//! the `csv` crate's (quoted fields with commas and line breaks, doubled quotes); files of any
//! size are read a row at a time. UTF-8 (with or without BOM) is streamed; a file in another
//! encoding (UTF-16, or Windows-1256 as Excel writes it on Arabic Windows) is decoded whole
//! first, up to [`MAX_DECODED_BYTES`].

use std::io::{BufRead, BufReader, Read};

use serde_json::{Map, Value};

use super::decode::{decode_unbounded, too_large_message, MAX_FILE_BYTES};
use super::jsonl::Records;
use super::Diagnostic;
use super::Options;
use crate::model::Article;

/// A row longer than this is not one article (most often an unclosed quote that swallowed the
/// lines after it): reported and skipped.
const MAX_ROW_BYTES: u64 = MAX_FILE_BYTES as u64;
/// A file that is not UTF-8 is decoded whole; larger ones are refused.
pub const MAX_DECODED_BYTES: u64 = 256 * 1024 * 1024;
/// How much of the file's start decides its encoding and delimiter.
const SNIFF_BYTES: usize = 64 * 1024;

/// The field separator: a tab for `.tsv`; for `.csv` a comma, or a semicolon when the header
/// row has more semicolons than commas (spreadsheets in many locales write those).
fn delimiter(head: &[u8], tsv: bool) -> u8 {
    if tsv {
        return b'\t';
    }
    let header = head.split(|&b| b == b'\n').next().unwrap_or_default();
    let count = |d: u8| header.iter().filter(|&&b| b == d).count();
    if count(b';') > count(b',') {
        b';'
    } else if count(b'\t') > count(b',') {
        b'\t'
    } else {
        b','
    }
}

/// Whether the start of a file is UTF-8 (a character cut at the end of the sample is fine).
fn looks_utf8(head: &[u8]) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => e.error_len().is_none() && head.len() - e.valid_up_to() < 4,
    }
}

/// Every row of a `.csv` (`tsv` false) or `.tsv` file read from `input`.
pub fn load_stream(
    file: &str,
    stem: &str,
    opts: &Options,
    tsv: bool,
    input: impl Read,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut records = Records::new(file, stem, opts);
    let mut input = BufReader::with_capacity(SNIFF_BYTES, input);
    let head = match input.fill_buf() {
        Ok(h) => h.to_vec(),
        Err(e) => {
            records.push_error(None, format!("cannot read: {e}"));
            return records.finish();
        }
    };
    let utf16 = head.starts_with(b"\xFF\xFE") || head.starts_with(b"\xFE\xFF");
    if !utf16 && looks_utf8(&head) {
        let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
        let delim = delimiter(head, tsv);
        rows(&mut records, delim, input);
        return records.finish();
    }
    let mut bytes = Vec::new();
    match input.take(MAX_DECODED_BYTES + 1).read_to_end(&mut bytes) {
        Ok(n) if n as u64 > MAX_DECODED_BYTES => {
            let limit = MAX_DECODED_BYTES as usize;
            records.push_error(
                None,
                format!(
                    "{} (a file that is not UTF-8 is read whole; save it as UTF-8 to read it in parts)",
                    too_large_message(n as u64, limit)
                ),
            );
        }
        Ok(_) => match decode_unbounded(&bytes) {
            Ok(d) => {
                let delim = delimiter(d.text.as_bytes(), tsv);
                rows(&mut records, delim, d.text.as_bytes());
            }
            Err(e) => records.push_error(e.line, e.message),
        },
        Err(e) => records.push_error(None, format!("cannot read: {e}")),
    }
    records.finish()
}

/// The header, then each row as a record of the header's names. Empty cells are absent fields.
fn rows(records: &mut Records, delim: u8, input: impl Read) {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delim)
        .flexible(true)
        .has_headers(false)
        .from_reader(input);
    let mut row = csv::ByteRecord::new();
    let header: Vec<String> = match reader.read_byte_record(&mut row) {
        Ok(true) => row
            .iter()
            .map(|h| {
                String::from_utf8_lossy(h)
                    .trim()
                    .trim_start_matches('\u{feff}')
                    .to_owned()
            })
            .collect(),
        Ok(false) => return records.push_error(None, "empty file (expected a header row)"),
        Err(e) => return records.push_error(Some(1), format!("cannot read the header row: {e}")),
    };
    if header.iter().all(String::is_empty) {
        return records.push_error(Some(1), "the header row names no field");
    }
    let mut last_end = reader.position().byte();
    loop {
        let line = line_of(reader.position());
        match reader.read_byte_record(&mut row) {
            Ok(false) => break,
            Ok(true) => {
                let end = reader.position().byte();
                let size = end - last_end;
                last_end = end;
                if size > MAX_ROW_BYTES {
                    records.push_error(Some(line), format!("row is over {} MB: not one article (an unclosed quote `\"` joins the lines after it); skipped", MAX_ROW_BYTES >> 20));
                    continue;
                }
                row_record(records, &header, &row, line);
            }
            Err(e) => {
                let fatal = matches!(e.kind(), csv::ErrorKind::Io(_));
                records.push_error(Some(line), format!("cannot read this row: {e}"));
                if fatal {
                    break;
                }
                last_end = reader.position().byte();
            }
        }
    }
}

fn line_of(pos: &csv::Position) -> u32 {
    u32::try_from(pos.line()).unwrap_or(u32::MAX)
}

/// One row as an article, or the reason it is not one.
fn row_record(records: &mut Records, header: &[String], row: &csv::ByteRecord, line: u32) {
    if row
        .iter()
        .all(|cell| cell.iter().all(u8::is_ascii_whitespace))
    {
        return; // a blank line
    }
    if row.len() != header.len() {
        let hint = if row.len() > header.len() {
            "a cell with the separator in it needs quotes"
        } else {
            "an unclosed quote `\"` joins the lines after it, or cells are missing"
        };
        return records.push_error(
            Some(line),
            format!(
                "row has {} cells where the header has {} ({hint}); skipped",
                row.len(),
                header.len()
            ),
        );
    }
    let mut object = Map::new();
    for (n, (name, cell)) in header.iter().zip(row.iter()).enumerate() {
        if name.is_empty() {
            continue;
        }
        let Ok(text) = std::str::from_utf8(cell) else {
            return records.push_error(
                Some(line),
                format!("cell {} (`{name}`) is not valid UTF-8; row skipped", n + 1),
            );
        };
        if !text.trim().is_empty() {
            object.insert(name.clone(), Value::String(text.to_owned()));
        }
    }
    records.object(&object, line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &[u8], tsv: bool) -> (Vec<Article>, Vec<Diagnostic>) {
        load_stream("a.csv", "a", &Options::default(), tsv, text)
    }

    const BODY: &str =
        "نص الخبر عن الاقتصاد والسياسة في المنطقة، وهو نص طويل بما يكفي ليكون فقرة كاملة.";

    #[test]
    fn header_names_quotes_and_line_breaks() {
        let csv = format!(
            "\u{feff}id,Headline,published,body,category\n\
             a1,\"عنوان، بفاصلة\",\"Sun, 18 Feb 2018 21:35:43 +0400\",\"{BODY}\nفقرة ثانية فيها \"\"اقتباس\"\".\",x\n\
             \n\
             a2,عنوان ثان,2018-03-01,{BODY},\n"
        );
        let (articles, diags) = load(csv.as_bytes(), false);
        assert_eq!(articles.len(), 2, "{diags:?}");
        assert_eq!(articles[0].id, "a1");
        assert_eq!(articles[0].title, "عنوان، بفاصلة");
        assert_eq!(articles[0].date.as_deref(), Some("2018-02-18"));
        assert_eq!(articles[0].blocks.len(), 2);
        assert!(articles[0].blocks[1].text.contains("\"اقتباس\""));
        assert_eq!(articles[1].date.as_deref(), Some("2018-03-01"));
        // `category` is unknown: one warning for the file, naming it.
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert!(diags.iter().any(|d| d.message.contains("`category`")));
    }

    #[test]
    fn semicolons_tabs_and_rows_without_an_id() {
        let csv = format!("title;text\nعنوان;{BODY}\n");
        let (a, d) = load(csv.as_bytes(), false);
        assert_eq!(a.len(), 1, "{d:?}");
        assert_eq!(a[0].id, "a-2", "the row's line names it");
        let tsv = format!("title\ttext\nعنوان\t{BODY}\n");
        let (a, d) = load(tsv.as_bytes(), true);
        assert_eq!((a.len(), d.len()), (1, 0), "{d:?}");
    }

    #[test]
    fn broken_rows_are_reported_with_their_line_and_the_rest_kept() {
        let csv = format!(
            "id,title,text\n\
             a1,عنوان,{BODY}\n\
             a2,عنوان,{BODY},زائد\n\
             a3,,\n\
             a4,عنوان,{BODY}\n\
             a5,\"عنوان بلا إغلاق,{BODY}\n\
             a6,عنوان,{BODY}\n"
        );
        let (articles, diags) = load(csv.as_bytes(), false);
        let ids: Vec<&str> = articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a1", "a4"], "{diags:?}");
        let errors: Vec<(Option<u32>, &str)> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| (d.line, d.message.as_str()))
            .collect();
        assert!(
            errors[0].0 == Some(3) && errors[0].1.contains("4 cells where the header has 3"),
            "{errors:?}"
        );
        assert!(
            errors[1].0 == Some(4) && errors[1].1.contains("no `text`"),
            "{errors:?}"
        );
        assert!(
            errors[2].0 == Some(6) && errors[2].1.contains("unclosed quote"),
            "{errors:?}"
        );
        assert!(diags.iter().all(|d| d.file == "a.csv"));
    }

    #[test]
    fn windows_1256_and_utf16_are_decoded() {
        let csv = format!("title,text\nعنوان,{BODY}\n");
        let (bytes, _, _) = encoding_rs::WINDOWS_1256.encode(&csv);
        let (a, d) = load(&bytes, false);
        assert_eq!(a.len(), 1, "{d:?}");
        assert_eq!(a[0].title, "عنوان");
        let mut utf16 = vec![0xFF, 0xFE];
        for u in csv.encode_utf16() {
            utf16.extend_from_slice(&u.to_le_bytes());
        }
        let (a, d) = load(&utf16, false);
        assert_eq!(a.len(), 1, "{d:?}");
        assert_eq!(a[0].blocks[0].text, BODY);
    }

    #[test]
    fn empty_and_headerless_files_are_errors() {
        for bytes in [&b""[..], b",,\n"] {
            let (a, d) = load(bytes, false);
            assert!(a.is_empty());
            assert!(d.iter().any(|d| d.is_error()), "{d:?}");
        }
    }
}
