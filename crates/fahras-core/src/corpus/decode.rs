//! Bytes to text: UTF-8 (with or without BOM), UTF-16 (with BOM, or unmistakable without),
//! and Windows-1256, the legacy Arabic code page many older sites and exports still use.
//! Anything else is refused with the place where it went wrong, never guessed at.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, WINDOWS_1256};

/// Larger files are refused: one article is never this big, and the corpus ships in the app.
pub const MAX_FILE_BYTES: usize = 5 * 1024 * 1024;

/// Why a file's bytes could not become text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeFailure {
    pub line: Option<u32>,
    pub message: String,
}

impl DecodeFailure {
    fn new(line: Option<u32>, message: impl Into<String>) -> Self {
        DecodeFailure {
            line,
            message: message.into(),
        }
    }
}

/// Decoded text and the encoding it was read as.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    pub encoding: &'static str,
}

pub fn too_large_message(len: u64, limit: usize) -> String {
    format!(
        "file is {:.1} MB, over the {} MB limit for one file of this kind (split it into several files)",
        len as f64 / (1024.0 * 1024.0),
        limit / (1024 * 1024)
    )
}

/// Decode a whole file. Empty files, binary files and oversized files are failures too.
pub fn decode(bytes: &[u8]) -> Result<Decoded, DecodeFailure> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(DecodeFailure::new(
            None,
            too_large_message(bytes.len() as u64, MAX_FILE_BYTES),
        ));
    }
    let decoded = decode_bytes(bytes)?;
    check_text(&decoded.text)?;
    Ok(decoded)
}

/// [`decode`] without the size limit, for a block of a file read in parts.
pub fn decode_unbounded(bytes: &[u8]) -> Result<Decoded, DecodeFailure> {
    let decoded = decode_bytes(bytes)?;
    check_text(&decoded.text)?;
    Ok(decoded)
}

fn decode_bytes(bytes: &[u8]) -> Result<Decoded, DecodeFailure> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return utf8(rest, 3, bytes).map(|text| Decoded {
            text,
            encoding: "UTF-8",
        });
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        return utf16(rest, UTF_16LE);
    }
    if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        return utf16(rest, UTF_16BE);
    }
    if bytes.contains(&0) {
        if let Some(enc) = bomless_utf16(bytes) {
            if let Ok(d) = utf16(bytes, enc) {
                return Ok(d);
            }
        }
        let line = line_of(bytes, bytes.iter().position(|&b| b == 0).unwrap_or(0));
        return Err(DecodeFailure::new(
            Some(line),
            "binary file (contains NUL bytes); not an article",
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text: text.to_owned(),
            encoding: "UTF-8",
        }),
        Err(err) => {
            let bad_at = err.valid_up_to();
            if !mostly_utf8(bytes) {
                if let Some(text) = windows_1256(bytes) {
                    return Ok(Decoded {
                        text,
                        encoding: "windows-1256",
                    });
                }
            }
            Err(DecodeFailure::new(
                Some(line_of(bytes, bad_at)),
                format!(
                    "undecodable bytes: invalid UTF-8 at byte {bad_at}, and the file does not read as \
                     Windows-1256 Arabic either (save it as UTF-8)"
                ),
            ))
        }
    }
}

fn utf8(rest: &[u8], offset: usize, whole: &[u8]) -> Result<String, DecodeFailure> {
    std::str::from_utf8(rest).map(str::to_owned).map_err(|err| {
        let at = err.valid_up_to() + offset;
        DecodeFailure::new(
            Some(line_of(whole, at)),
            format!("undecodable bytes: the file starts with a UTF-8 byte-order mark but has invalid UTF-8 at byte {at}"),
        )
    })
}

fn utf16(bytes: &[u8], enc: &'static Encoding) -> Result<Decoded, DecodeFailure> {
    match enc.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) if bytes.len().is_multiple_of(2) => Ok(Decoded {
            text: text.into_owned(),
            encoding: enc.name(),
        }),
        _ => Err(DecodeFailure::new(
            None,
            format!("undecodable bytes: malformed {} text", enc.name()),
        )),
    }
}

/// UTF-16 without a byte-order mark shows itself by NUL high bytes, all on one side:
/// spaces, digits and newlines are ASCII. Binary data has NULs everywhere.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    if !bytes.len().is_multiple_of(2) || bytes.len() < 4 {
        return None;
    }
    let (mut even, mut odd) = (0usize, 0usize);
    for (i, &b) in bytes.iter().enumerate() {
        if b == 0 {
            if i.is_multiple_of(2) {
                even += 1;
            } else {
                odd += 1;
            }
        }
    }
    let units = bytes.len() / 2;
    let one_sided = |a: usize, b: usize| a * 20 >= units && b == 0;
    if one_sided(odd, even) {
        Some(UTF_16LE)
    } else if one_sided(even, odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// A UTF-8 file with a few damaged bytes must be reported, not re-read as another code page.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let lossy = String::from_utf8_lossy(bytes);
    let bad = lossy
        .chars()
        .filter(|&c| c == char::REPLACEMENT_CHARACTER)
        .count();
    let good = lossy
        .chars()
        .filter(|&c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER)
        .count();
    good > bad * 2
}

/// Windows-1256 maps every byte, so plausibility decides: the non-ASCII characters of an Arabic
/// text are overwhelmingly Arabic letters and Arabic punctuation.
fn windows_1256(bytes: &[u8]) -> Option<String> {
    let text = WINDOWS_1256.decode_without_bom_handling_and_without_replacement(bytes)?;
    let (mut arabic, mut other) = (0usize, 0usize);
    for c in text.chars().filter(|c| !c.is_ascii()) {
        if matches!(c, '\u{0600}'..='\u{06FF}' | '\u{00A0}' | '«' | '»' | '“' | '”' | '‘' | '’' | '…' | '–' | '—' | '\u{200C}'..='\u{200F}')
        {
            arabic += 1;
        } else {
            other += 1;
        }
    }
    (arabic >= 4 && arabic >= other * 4).then(|| text.into_owned())
}

/// Decoded text must read as text: a few stray control characters are tolerated, a binary
/// blob that happened to decode is not.
fn check_text(text: &str) -> Result<(), DecodeFailure> {
    if text.trim().is_empty() {
        return Err(DecodeFailure::new(None, "empty file (no text)"));
    }
    let mut controls = 0usize;
    let mut first = None;
    let mut total = 0usize;
    for (i, c) in text.char_indices() {
        total += 1;
        if c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\u{0C}') {
            controls += 1;
            first.get_or_insert(i);
        }
    }
    if controls > 2 && controls * 100 > total {
        let line = first.map(|i| line_of(text.as_bytes(), i));
        return Err(DecodeFailure::new(
            line,
            format!("binary file ({controls} control characters in {total}); not an article"),
        ));
    }
    Ok(())
}

/// 1-based line of a byte offset.
pub fn line_of(bytes: &[u8], offset: usize) -> u32 {
    let end = offset.min(bytes.len());
    let n = bytes[..end].iter().filter(|&&b| b == b'\n').count();
    u32::try_from(n + 1).unwrap_or(u32::MAX)
}
