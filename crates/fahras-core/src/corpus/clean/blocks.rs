//! Pass 3: what is left is the article. Each unit becomes a heading, paragraph, list item or
//! quote; an untitled article gets a title cut from its lead sentence.

use super::line::{sentence_ends, End, Feat};
use super::{vocab, Doc, Fate, Hint, Unit};
use crate::model::{Block, BlockKind};
use crate::text::tokenize;

/// A derived title fits a results list.
pub const MAX_DERIVED_TITLE_CHARS: usize = 90;

pub(super) fn mark(doc: &mut Doc) {
    let last = (0..doc.len()).rev().find(|&i| doc.is_open(i));
    for i in 0..doc.len() {
        if doc.is_open(i) {
            let kind = kind(&doc.units[i], &doc.feats[i], Some(i) != last);
            doc.fate[i] = Fate::Block(kind);
        }
    }
}

fn kind(unit: &Unit, f: &Feat, more_follows: bool) -> BlockKind {
    match unit.hint {
        Hint::Heading(_) => BlockKind::Heading,
        Hint::ListItem => BlockKind::ListItem,
        Hint::Quote => BlockKind::Quote,
        Hint::Paragraph | Hint::Image => BlockKind::Paragraph,
        Hint::None if f.bullet.is_some() => BlockKind::ListItem,
        Hint::None if unit.text.starts_with('>') || (f.words >= 3 && fully_quoted(&unit.text)) => {
            BlockKind::Quote
        }
        Hint::None if more_follows && heading_like(f) => BlockKind::Heading,
        Hint::None => BlockKind::Paragraph,
    }
}

/// A short line with no sentence ending between paragraphs is a subheading; so is a short
/// question. A line opening with a reporting verb is a sentence whatever its length.
fn heading_like(f: &Feat) -> bool {
    if f.words == 0 || f.words > 16 || f.breaks > 0 || vocab::is_speech_verb(f.first_word()) {
        return false;
    }
    match f.end {
        End::None => f.commas <= 1 && (f.words <= 12 || f.commas == 0),
        End::Question => f.words <= 14 && f.commas <= 1,
        _ => false,
    }
}

/// The whole line is one quotation: «...», “...”, "...".
fn fully_quoted(text: &str) -> bool {
    let t = text.trim_end_matches(['.', '،', ',', '!', '؟', '?', ' ']);
    let mut chars = t.chars();
    let (Some(open), Some(close)) = (chars.next(), chars.next_back()) else {
        return false;
    };
    let closers: &[char] = match open {
        '«' => &['»'],
        '“' => &['”', '“'],
        '"' => &['"'],
        '„' => &['“', '”'],
        _ => return false,
    };
    let inner: String = chars.collect();
    closers.contains(&close) && !inner.contains(closers) && inner.chars().count() > 1
}

/// The block for a unit: bullet glyphs and `>` markers are syntax, not text; a number stays.
pub(super) fn block(unit: &Unit, f: &Feat, kind: BlockKind) -> Block {
    let text = match (kind, unit.hint, f.bullet) {
        (BlockKind::ListItem, Hint::None, Some((len, false))) => unit.text[len..].trim(),
        (BlockKind::Quote, Hint::None, _) if unit.text.starts_with('>') => {
            let t = unit.text.trim_start_matches('>').trim();
            if t.is_empty() {
                unit.text.as_str()
            } else {
                t
            }
        }
        _ => unit.text.as_str(),
    };
    Block {
        kind,
        text: text.to_owned(),
        line: unit.line,
    }
}

/// A title for an untitled article: the lead sentence of its first paragraph, cut at a word
/// boundary to fit a results list (with "…" when cut), not ending on a function word.
pub fn derive_title(blocks: &[Block]) -> Option<String> {
    let block = blocks
        .iter()
        .find(|b| b.kind == BlockKind::Paragraph)
        .or_else(|| blocks.first())?;
    let text = block.text.as_str();
    let end = sentence_ends(text).first().copied().unwrap_or(text.len());
    let sentence = text[..end]
        .trim()
        .trim_end_matches(['.', '!', '؟', '?', '۔', '…', ' ', '،', ',', ':'])
        .trim();
    if sentence.is_empty() {
        return None;
    }
    if sentence.chars().count() <= MAX_DERIVED_TITLE_CHARS {
        return Some(sentence.to_owned());
    }
    let tokens = tokenize(sentence);
    let fits = |end: usize| sentence[..end].chars().count() < MAX_DERIVED_TITLE_CHARS;
    let mut k = tokens.iter().rposition(|t| fits(t.end));
    // Do not split a definite noun from its definite adjective ("الولايات | المتحدة").
    let definite = |n: &str| {
        n.starts_with("ال")
            || n.starts_with("لل")
            || ["وال", "بال", "فال", "كال"]
                .iter()
                .any(|p| n.starts_with(p))
    };
    if let Some(i) = k.filter(|&i| i > 0) {
        if tokens
            .get(i + 1)
            .is_some_and(|next| next.norm.starts_with("ال"))
            && definite(&tokens[i].norm)
        {
            k = Some(i - 1);
        }
    }
    while let Some(i) = k {
        if i > 0 && vocab::is_trailing_stopword(&tokens[i].norm) {
            k = Some(i - 1);
        } else {
            break;
        }
    }
    let cut = match k {
        Some(i) => &sentence[..tokens[i].end],
        None => {
            let n = sentence
                .char_indices()
                .nth(MAX_DERIVED_TITLE_CHARS - 1)
                .map_or(sentence.len(), |(b, _)| b);
            &sentence[..n]
        }
    };
    let cut = cut.trim_end_matches(|c: char| {
        c.is_whitespace()
            || matches!(
                c,
                '،' | ',' | ':' | '؛' | ';' | '-' | '–' | '.' | '(' | '«' | '“'
            )
    });
    Some(format!("{cut}…"))
}
