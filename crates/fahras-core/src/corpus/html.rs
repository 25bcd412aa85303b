//! Saved web pages (`.html`, `.htm`), from any site, as a browser or crawler saved them.
//!
//! - Charset: byte-order mark, then `<meta charset>` / `http-equiv` in the first bytes, then
//!   the same UTF-8 / Windows-1256 reading as every other file; a declared charset the bytes
//!   do not fit is a warning and the bytes are read as what they are.
//! - Main text: `dom_smoothie`, a port of Readability (Firefox's reader view). Everything
//!   else the page shows (menus, link lists, footers, comments) is kept in the article's
//!   `removed` text as navigation: nothing is lost.
//! - Metadata: title, author, description, site and date from JSON-LD `NewsArticle`,
//!   OpenGraph and `<meta>` tags (read by `dom_smoothie`), then `<link rel=canonical>`,
//!   `<time datetime>`, `<html lang>`, and a date in the page's address (`/2020/08/24/`).
//! - Bounds: pages over [`MAX_HTML_BYTES`] or nested deeper than [`MAX_DEPTH`] are refused
//!   with a message (a parser's recursion must not meet a million nested tags).

use std::collections::HashSet;

use dom_query::Document;
use dom_smoothie::{Config, Readability, TextMode};
use encoding_rs::Encoding;

use super::clean::clean_units;
use super::clean::line::lines_to_units;
use super::clean::line::squash;
use super::clean::Meta;
use super::decode::decode_unbounded;
use super::record::repeats_lead;
use super::{Diagnostic, MAX_HTML_BYTES};
use crate::date::{find_date, parse_field};
use crate::model::{Article, RemovalReason, Removed};

/// Elements nested deeper than this make the page refused (real pages stay under 100).
pub const MAX_DEPTH: usize = 1_000;

/// The article of one saved page.
pub fn load(file: &str, stem: &str, bytes: &[u8]) -> (Vec<Article>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    if bytes.len() > MAX_HTML_BYTES {
        let mb = bytes.len() as f64 / (1024.0 * 1024.0);
        let msg = format!(
            "page is {mb:.1} MB, over the {} MB limit for one page",
            MAX_HTML_BYTES >> 20
        );
        return (Vec::new(), vec![Diagnostic::error(file, None, msg)]);
    }
    let html = match decode_page(file, bytes, &mut diags) {
        Some(h) => h,
        None => return (Vec::new(), diags),
    };
    let depth = nesting_depth(&html);
    if depth > MAX_DEPTH {
        diags.push(Diagnostic::error(
            file,
            None,
            format!("elements nested {depth} deep (over {MAX_DEPTH}): not a page that can be read safely"),
        ));
        return (Vec::new(), diags);
    }
    let page = read_page(&html);
    let text = page.main_text.as_str();
    if text.trim().is_empty() {
        diags.push(Diagnostic::error(
            file,
            None,
            "no article text found in the page",
        ));
        return (Vec::new(), diags);
    }
    if page.main_text_is_whole_page {
        diags.push(Diagnostic::warning(
            file,
            None,
            "no main article found in the page (too little text?): the whole page's text is kept",
        ));
    }
    let (mut article, cleaning) = clean_units(file, stem, &lines_to_units(text, 1), &page.meta);
    // Lines of the extracted text are not lines of the file.
    diags.extend(cleaning.into_iter().map(|mut d| {
        d.line = None;
        d
    }));
    keep_chrome(&mut article, &page.chrome);
    if article.title.is_empty() && article.blocks.is_empty() {
        return (Vec::new(), diags);
    }
    (vec![article], diags)
}

/// What a page holds, before cleaning.
struct Page {
    meta: Meta,
    main_text: String,
    main_text_is_whole_page: bool,
    /// The page's other visible lines, in order.
    chrome: Vec<String>,
}

/// What the page's markup states about it, read before its text is taken out.
struct Stated {
    canonical: Option<String>,
    lang: Option<String>,
    ld_date: Option<String>,
    time_date: Option<String>,
}

fn read_page(html: &str) -> Page {
    let doc = Document::from(html);
    let canonical = attr_of(&doc, "link[rel=canonical]", "href")
        .or_else(|| attr_of(&doc, "meta[property='og:url']", "content"))
        .filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let times = doc.select("time[datetime]");
    let stated = Stated {
        lang: attr_of(&doc, "html", "lang"),
        ld_date: json_ld_date(&doc),
        time_date: times
            .iter()
            .find_map(|t| t.attr("datetime").and_then(|d| parse_field(&d))),
        canonical,
    };
    let whole = visible_lines(&doc);
    let cfg = Config {
        text_mode: TextMode::Formatted,
        ..Default::default()
    };
    let parsed = Readability::new(html, stated.canonical.as_deref(), Some(cfg))
        .ok()
        .and_then(|mut r| r.parse().ok())
        .filter(|a| !a.text_content.trim().is_empty());
    let main_text = parsed
        .as_ref()
        .map_or_else(|| whole.join("\n"), |a| a.text_content.to_string());
    let meta = page_meta(parsed.as_ref(), stated, &main_text, &whole);
    let main_text_is_whole_page = parsed.is_none();
    let chrome = if main_text_is_whole_page {
        Vec::new()
    } else {
        chrome_lines(whole, &main_text)
    };
    Page {
        meta,
        main_text,
        main_text_is_whole_page,
        chrome,
    }
}

/// Title, author, site, dek, date, address and language: Readability's reading of JSON-LD,
/// OpenGraph and `<meta>` first, then what the markup states, then the page's own lines.
fn page_meta(
    parsed: Option<&dom_smoothie::Article>,
    stated: Stated,
    text: &str,
    lines: &[String],
) -> Meta {
    let mut meta = Meta {
        url: stated.canonical.clone(),
        lang: stated.lang,
        ..Meta::default()
    };
    if let Some(a) = parsed {
        meta.title = nonempty(&a.title);
        meta.author = a.byline.as_deref().and_then(nonempty);
        meta.source = a.site_name.as_deref().and_then(nonempty);
        // Readability falls back to the first paragraph for the excerpt, and many pages'
        // descriptions are their lead cut short: a dek only when the text does not open with it.
        meta.dek = a
            .excerpt
            .as_deref()
            .and_then(nonempty)
            .filter(|e| !repeats_lead(e, text));
        meta.date = a.published_time.as_deref().and_then(parse_field);
        meta.lang = meta.lang.or_else(|| a.lang.as_deref().and_then(nonempty));
    }
    // JSON-LD first: it carries the zone the outlet wrote (`og:` times are often UTC).
    meta.date = stated
        .ld_date
        .or(meta.date)
        .or(stated.time_date)
        .or_else(|| date_line_near_title(lines, meta.title.as_deref()))
        .or_else(|| stated.canonical.as_deref().and_then(date_in_url));
    meta.source = meta
        .source
        .or_else(|| stated.canonical.as_deref().and_then(host_of));
    if let Some(title) = meta.title.take() {
        let names = [meta.source.as_deref(), meta.author.as_deref()];
        meta.title = Some(strip_site_name(&title, names.iter().flatten().copied()));
    }
    meta
}

/// The page's lines that are not in the main text, each once.
fn chrome_lines(whole: Vec<String>, main_text: &str) -> Vec<String> {
    let main: HashSet<String> = main_text
        .lines()
        .map(squash)
        .filter(|l| !l.is_empty())
        .collect();
    let mut seen = HashSet::new();
    // `whole` is squashed already (see `visible_lines`).
    whole
        .into_iter()
        .filter(|l| !main.contains(l) && seen.insert(l.clone()))
        .collect()
}

/// `datePublished` of the page's JSON-LD (also inside `@graph` or a list), read as written.
fn json_ld_date(doc: &Document) -> Option<String> {
    fn find(v: &serde_json::Value) -> Option<String> {
        match v {
            serde_json::Value::Object(o) => o
                .get("datePublished")
                .and_then(serde_json::Value::as_str)
                .and_then(parse_field)
                .or_else(|| o.values().find_map(find)),
            serde_json::Value::Array(items) => items.iter().find_map(find),
            _ => None,
        }
    }
    let scripts = doc.select("script[type='application/ld+json']");
    let found = scripts.iter().find_map(|s| {
        let text = s.text();
        let json = text
            .trim()
            .trim_start_matches("<![CDATA[")
            .trim_end_matches("]]>");
        serde_json::from_str::<serde_json::Value>(json)
            .ok()
            .as_ref()
            .and_then(find)
    });
    found
}

/// A line that is only a date ("تم نشره الجمعة 24 نيسان / أبريل 2020 09:22 مساءً"), among the
/// page's lines just around its title: where pages print the publication date.
fn date_line_near_title(lines: &[String], title: Option<&str>) -> Option<String> {
    let title = squash(title?);
    let at = lines.iter().position(|l| {
        let l = squash(l);
        !l.is_empty() && (l == title || (l.chars().count() >= 20 && title.contains(&l)))
    })?;
    let window = &lines[at.saturating_sub(5)..lines.len().min(at + 15)];
    window
        .iter()
        .find_map(|l| find_date(l).filter(|d| d.whole_line).map(|d| d.iso))
}

/// "المدينة نيوز - أميركا: 50 ألفا…" → "أميركا: 50 ألفا…": a page title often carries the
/// site's name before or after a separator.
fn strip_site_name<'a>(title: &str, names: impl Iterator<Item = &'a str>) -> String {
    const SEPARATORS: &[&str] = &[" - ", " | ", " – ", " — ", " :: ", " « ", " » "];
    for name in names.map(str::trim).filter(|n| !n.is_empty()) {
        for sep in SEPARATORS {
            let rest = title
                .strip_prefix(name)
                .and_then(|r| r.strip_prefix(sep))
                .or_else(|| title.strip_suffix(name).and_then(|r| r.strip_suffix(sep)));
            if let Some(rest) = rest
                .map(str::trim)
                .filter(|r| r.split_whitespace().count() >= 3)
            {
                return rest.to_owned();
            }
        }
    }
    title.to_owned()
}

fn attr_of(doc: &Document, selector: &str, attr: &str) -> Option<String> {
    let sel = doc.select(selector);
    let value = sel.iter().find_map(|s| s.attr(attr))?;
    Some(value.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The text a reader sees in the page's body, one squashed line per block, without scripts, styles,
/// templates or hidden inputs.
fn visible_lines(doc: &Document) -> Vec<String> {
    doc.select("script, style, noscript, template, svg, iframe, head")
        .remove();
    let body = doc.select("body");
    let text = if body.is_empty() {
        doc.formatted_text()
    } else {
        body.formatted_text()
    };
    text.lines().map(squash).filter(|l| !l.is_empty()).collect()
}

/// The page's other text, kept after the article's own removed lines.
fn keep_chrome(article: &mut Article, chrome: &[String]) {
    let at_end = u32::try_from(article.blocks.len()).unwrap_or(u32::MAX);
    article.removed.extend(chrome.iter().map(|line| Removed {
        text: line.clone(),
        reason: RemovalReason::Navigation,
        line: 0,
        before_block: at_end,
    }));
}

fn nonempty(s: &str) -> Option<String> {
    Some(s.trim().to_owned()).filter(|s| !s.is_empty())
}

/// `https://site/2020/08/24/…`, `…/2020-06-03-1.3874341`, `…/20200824/…`: a date in the address.
fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.split_once('/').map_or("", |(_, p)| p);
    let parts: Vec<&str> = path.split(['/', '-', '_', '.']).collect();
    let num = |s: &str, lens: &[usize]| {
        (lens.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    for w in parts.windows(3) {
        if let (Some(y), Some(m), Some(d)) =
            (num(w[0], &[4]), num(w[1], &[1, 2]), num(w[2], &[1, 2]))
        {
            if (1990..=2100).contains(&y) {
                if let Some(iso) = crate::date::ymd(y, Some(m), Some(d)) {
                    return Some(iso);
                }
            }
        }
    }
    parts.iter().find_map(|p| {
        let n = num(p, &[8])?;
        let (y, m, d) = (n / 10_000, n / 100 % 100, n % 100);
        (1990..=2100)
            .contains(&y)
            .then(|| crate::date::ymd(y, Some(m), Some(d)))
            .flatten()
    })
}

fn host_of(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#', ':']).next()?;
    let host = host.strip_prefix("www.").unwrap_or(host);
    Some(host.to_ascii_lowercase()).filter(|h| h.contains('.'))
}

/// The page's text. A byte-order mark decides; then bytes that are valid UTF-8 (with some
/// non-ASCII) are UTF-8 whatever the page declares (no real Windows-1256 text is valid UTF-8);
/// then the declared charset; then the reading every other file gets (UTF-8, else
/// Windows-1256 when it reads as Arabic).
fn decode_page(file: &str, bytes: &[u8], diags: &mut Vec<Diagnostic>) -> Option<String> {
    if let Some((enc, _)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_with_bom_removal(bytes);
        if had_errors {
            diags.push(Diagnostic::warning(
                file,
                None,
                format!("invalid {} bytes replaced", enc.name()),
            ));
        }
        return Some(text.into_owned());
    }
    let declared = declared_charset(bytes);
    let lying = |read_as: &str, diags: &mut Vec<Diagnostic>| {
        if let Some(enc) = declared.filter(|e| e.name() != read_as) {
            diags.push(Diagnostic::warning(
                file,
                None,
                format!("the page declares the charset {} but its bytes are {read_as}: read as {read_as}", enc.name()),
            ));
        }
    };
    if !bytes.is_ascii() {
        if let Ok(text) = std::str::from_utf8(bytes) {
            lying("UTF-8", diags);
            return Some(text.to_owned());
        }
    }
    if let Some(enc) = declared.filter(|e| *e != encoding_rs::UTF_8) {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return Some(text.into_owned());
        }
    }
    match decode_unbounded(bytes) {
        Ok(d) => {
            lying(d.encoding, diags);
            Some(d.text)
        }
        Err(e) => {
            diags.push(Diagnostic::error(file, e.line, e.message));
            None
        }
    }
}

/// The charset a page declares in its first 4 KB (`<meta charset=…>`, `content="…; charset=…"`).
fn declared_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(4096)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = find(&lower[from..], b"charset") {
        let mut j = from + i + b"charset".len();
        while j < lower.len() && matches!(lower[j], b' ' | b'=' | b'"' | b'\'') {
            j += 1;
        }
        let end = lower[j..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.')))
            .map_or(lower.len(), |k| j + k);
        if let Some(enc) = Encoding::for_label(&lower[j..end]) {
            return Some(enc);
        }
        from = end.max(from + i + 1);
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// The deepest element nesting in the markup, counted cheaply before parsing: start tags
/// in, end tags out; void elements and those whose end tag is usually left out do not count.
fn nesting_depth(html: &str) -> usize {
    const NOT_NESTING: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "p", "li", "option", "td", "th", "tr", "dt", "dd",
    ];
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(k) = bytes[i..].iter().position(|&b| b == b'<') {
        i += k + 1;
        let closing = bytes.get(i) == Some(&b'/');
        let start = if closing { i + 1 } else { i };
        let len = bytes[start..]
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'!'))
            .unwrap_or(bytes.len() - start);
        if len == 0 {
            continue;
        }
        let name = html[start..start + len].to_ascii_lowercase();
        if name.starts_with('!') || NOT_NESTING.contains(&name.as_str()) {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else {
            let self_closing = bytes[start + len..]
                .iter()
                .position(|&b| b == b'>')
                .is_some_and(|e| e > 0 && bytes[start + len + e - 1] == b'/');
            if !self_closing {
                depth += 1;
                max = max.max(depth);
            }
        }
    }
    max
}
