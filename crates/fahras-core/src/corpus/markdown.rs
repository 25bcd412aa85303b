//! `.md` articles: optional front matter (`---` / `key: value` lines / `---`), then CommonMark
//! (parsed with pulldown-cmark) turned into units that keep the writer's structure: `#`
//! headings, list items and quotes are taken as written; the cleaner still removes furniture.

use pulldown_cmark::{Event, HeadingLevel, Parser, Tag, TagEnd};

use super::clean::line::{bullet, squash};
use super::clean::{Hint, Meta, Unit};
use super::decode::line_of;
use super::meta::{set_field, FieldAt, FIELDS};
use super::Diagnostic;

/// Split off and read the front matter. `Err(())` when it is unusable (the error is in
/// `diags`); otherwise the metadata and the byte offset where the markdown body starts.
pub fn front_matter(
    file: &str,
    text: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<(Meta, usize), ()> {
    let mut meta = Meta::default();
    let mut lines = text.split_inclusive('\n');
    let Some(first) = lines.next() else {
        return Ok((meta, 0));
    };
    if first.trim_end() != "---" {
        return Ok((meta, 0));
    }
    let closed = text
        .split_inclusive('\n')
        .skip(1)
        .any(|l| matches!(l.trim_end(), "---" | "..."));
    if !closed {
        diags.push(Diagnostic::error(file, Some(1), "front matter opened with `---` on line 1 is never closed (add a `---` line after the fields)"));
        return Err(());
    }
    let mut offset = first.len();
    let mut seen: Vec<(String, u32)> = Vec::new();
    let mut ignoring = false;
    for (n, raw) in lines.enumerate() {
        let line_no = u32::try_from(n + 2).unwrap_or(u32::MAX);
        offset += raw.len();
        let line = raw.trim_end();
        if line == "---" || line == "..." {
            return Ok((meta, offset));
        }
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        // Indented or list lines continue the previous key's value: fine for an ignored key.
        if line.starts_with([' ', '\t']) || line.starts_with("- ") {
            if !ignoring {
                diags.push(Diagnostic::error(
                    file,
                    Some(line_no),
                    format!("invalid front matter line `{line}`: multi-line values are not supported (write `key: value` on one line)"),
                ));
            }
            continue;
        }
        let Some((key, value)) = line.split_once(':') else {
            diags.push(Diagnostic::error(
                file,
                Some(line_no),
                format!("invalid front matter line `{line}` (expected `key: value`)"),
            ));
            ignoring = false;
            continue;
        };
        let key = key.trim().to_ascii_lowercase();
        if key.is_empty()
            || !key
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        {
            diags.push(Diagnostic::error(
                file,
                Some(line_no),
                format!(
                    "invalid front matter key `{}` (expected a name like `title`)",
                    key.trim()
                ),
            ));
            ignoring = false;
            continue;
        }
        if let Some((_, first_line)) = seen.iter().find(|(k, _)| *k == key) {
            diags.push(Diagnostic::warning(
                file,
                Some(line_no),
                format!("front matter field `{key}` given twice (first at line {first_line}); the later value is used"),
            ));
        }
        seen.push((key.clone(), line_no));
        let value = unquote(value.trim());
        let at = FieldAt {
            origin: "front matter",
            file,
            line: line_no,
        };
        ignoring = !set_field(&mut meta, &key, &key, value, &at, diags);
        if ignoring {
            diags.push(Diagnostic::warning(
                file,
                Some(line_no),
                format!(
                    "unknown front matter field `{key}` ignored (known: {})",
                    FIELDS.join(", ")
                ),
            ));
        }
    }
    Ok((meta, offset))
}

fn unquote(v: &str) -> &str {
    for q in ['"', '\''] {
        if let Some(inner) = v.strip_prefix(q).and_then(|s| s.strip_suffix(q)) {
            return inner;
        }
    }
    v
}

/// Whether a paragraph's lines look wrapped by a writer or an editor: none very long, and
/// every line but the last filling most of the width.
fn hard_wrapped(buf: &str) -> bool {
    let lines: Vec<&str> = buf.split('\n').map(str::trim).collect();
    let lens: Vec<usize> = lines.iter().map(|l| l.chars().count()).collect();
    let max = lens.iter().copied().max().unwrap_or(0);
    let rest = lens.split_last().map_or(&[][..], |(_, rest)| rest);
    let filled = (40..=120).contains(&max) && rest.iter().all(|&n| n * 2 >= max);
    // Bullets, or every line ending a sentence, mean one item per line.
    let bullets = lines.iter().skip(1).any(|l| bullet(l).is_some());
    let sentences = lines.len() > 1
        && lines[..lines.len() - 1]
            .iter()
            .all(|l| l.ends_with(['.', '!', '؟', '?', ':']));
    filled && !bullets && !sentences
}

/// Markdown body (starting at byte `start` of `text`) to units.
pub fn units(text: &str, start: usize) -> Vec<Unit> {
    let body = &text[start..];
    let line_at = |off: usize| line_of(text.as_bytes(), start + off);
    let mut out = Vec::new();
    // Open containers: true for a list item, false for a block quote.
    let mut containers: Vec<bool> = Vec::new();
    let mut buf = String::new();
    let mut buf_line = 0u32;
    let mut buf_hint = Hint::Paragraph;
    let mut in_image = 0usize;
    let mut images: Vec<(u32, String)> = Vec::new();

    let flush = |out: &mut Vec<Unit>,
                 buf: &mut String,
                 line: u32,
                 hint: Hint,
                 images: &mut Vec<(u32, String)>| {
        // Scraped text saved as `.md` has one paragraph per line, not blank-line separated:
        // a "paragraph" whose lines do not look hard-wrapped is read line by line, like `.txt`.
        let one_per_line = hint == Hint::Paragraph && buf.contains('\n') && !hard_wrapped(buf);
        if one_per_line {
            let mut gap = true;
            for (k, l) in buf.split('\n').enumerate() {
                let t = squash(l);
                if !t.is_empty() {
                    let line = line.saturating_add(u32::try_from(k).unwrap_or(u32::MAX));
                    out.push(Unit {
                        line,
                        text: t,
                        hint: Hint::None,
                        gap_before: gap,
                    });
                }
                gap = false;
            }
        } else {
            let t = squash(buf);
            // A one-line paragraph says nothing about its kind (a scraped heading is one):
            // the cleaner reads it like a line of text.
            let hint = if hint == Hint::Paragraph && !buf.contains('\n') {
                Hint::None
            } else {
                hint
            };
            if !t.is_empty() {
                out.push(Unit {
                    line,
                    text: t,
                    hint,
                    gap_before: true,
                });
            }
        }
        buf.clear();
        for (l, alt) in images.drain(..) {
            let alt = squash(&alt);
            if !alt.is_empty() {
                out.push(Unit {
                    line: l,
                    text: alt,
                    hint: Hint::Image,
                    gap_before: true,
                });
            }
        }
    };
    let container_hint = |containers: &[bool]| match containers.last() {
        Some(true) => Hint::ListItem,
        Some(false) => Hint::Quote,
        None => Hint::Paragraph,
    };

    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                buf_line = line_at(range.start);
                buf_hint = Hint::Heading(heading_level(level));
            }
            Event::Start(Tag::Paragraph | Tag::CodeBlock(_) | Tag::HtmlBlock) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                buf_line = line_at(range.start);
                buf_hint = container_hint(&containers);
            }
            Event::Start(Tag::Item) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                containers.push(true);
                buf_line = line_at(range.start);
                buf_hint = Hint::ListItem;
            }
            Event::Start(Tag::BlockQuote(_)) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                containers.push(false);
            }
            Event::Start(Tag::List(_)) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images)
            }
            Event::End(TagEnd::Item | TagEnd::BlockQuote(_)) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                containers.pop();
                buf_hint = container_hint(&containers);
            }
            Event::End(
                TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::CodeBlock | TagEnd::HtmlBlock,
            ) => {
                flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
                buf_hint = container_hint(&containers);
            }
            Event::Start(Tag::Image { .. }) => {
                in_image += 1;
                images.push((line_at(range.start), String::new()));
            }
            Event::End(TagEnd::Image) => in_image = in_image.saturating_sub(1),
            Event::Text(t) | Event::Code(t) => {
                if in_image > 0 {
                    if let Some((_, alt)) = images.last_mut() {
                        alt.push_str(&t);
                    }
                } else {
                    if buf.is_empty() && buf_line == 0 {
                        buf_line = line_at(range.start);
                    }
                    buf.push_str(&t);
                }
            }
            Event::Html(t) | Event::InlineHtml(t) => buf.push_str(&strip_tags(&t)),
            Event::SoftBreak | Event::HardBreak => buf.push('\n'),
            _ => {}
        }
    }
    flush(&mut out, &mut buf, buf_line, buf_hint, &mut images);
    out
}

fn heading_level(level: HeadingLevel) -> u8 {
    match level {
        HeadingLevel::H1 => 1,
        HeadingLevel::H2 => 2,
        HeadingLevel::H3 => 3,
        HeadingLevel::H4 => 4,
        HeadingLevel::H5 => 5,
        HeadingLevel::H6 => 6,
    }
}

/// Text of an HTML fragment: tags out, text kept.
fn strip_tags(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
