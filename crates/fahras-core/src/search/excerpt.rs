//! Excerpts: a window of about [`WINDOW`] words from the one block that holds the most distinct
//! query words, cut at word boundaries, with "…" where the block goes on, and highlight ranges
//! (UTF-16) of the matched words in the excerpt's own text.

use super::codec::get_varint;
use super::hits::Excerpt;
use super::index::{BlockMeta, DocMeta, Index};
use super::positions::PosHit;
use crate::model::Article;
use crate::text::{tokenize, utf16_len, Token};

pub(crate) const WINDOW: u32 = 30;
const ELLIPSIS: &str = "…";

/// The article's opening words, for a listing without query words in the body.
pub(crate) fn lead(article: &Article, has_dek: bool) -> Excerpt {
    let (block, text) = match (article.blocks.first(), article.dek.as_deref()) {
        (Some(b), _) => (Some(0), b.text.as_str()),
        (None, Some(dek)) if has_dek => (None, dek),
        _ => (None, ""),
    };
    let text = text.trim();
    // Cut after WINDOW whitespace-separated words: no highlights needed, so no tokenizing.
    let mut words = 0;
    let mut in_word = false;
    let mut cut = text.len();
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if in_word {
                words += 1;
                if words == WINDOW {
                    cut = i;
                    break;
                }
            }
            in_word = false;
        } else {
            in_word = true;
        }
    }
    let mut out = text[..cut].to_string();
    if cut < text.len() {
        out.push_str(ELLIPSIS);
    }
    bounded(Excerpt {
        block,
        text: out,
        highlights: Vec::new(),
    })
}

/// Longest excerpt in characters. Thirty words are far shorter, unless a "word" is a
/// 10,000-character run from a broken scrape: the list must stay a list.
pub(crate) const MAX_CHARS: usize = 320;

/// `ex` cut to [`MAX_CHARS`] around its first highlight, highlights clipped to what is kept.
fn bounded(ex: Excerpt) -> Excerpt {
    let n = ex.text.chars().count();
    if n <= MAX_CHARS {
        return ex;
    }
    let first = ex.highlights.first().map_or(0, |&(s, _)| {
        let byte = crate::text::Utf16Index::new(&ex.text).byte(s);
        ex.text[..byte].chars().count()
    });
    let start = first.saturating_sub(MAX_CHARS / 4).min(n - MAX_CHARS);
    let byte_at = |c: usize| {
        ex.text
            .char_indices()
            .nth(c)
            .map_or(ex.text.len(), |(b, _)| b)
    };
    let (sb, eb) = (byte_at(start), byte_at(start + MAX_CHARS));
    let (off_s, off_e) = (
        utf16_len(&ex.text[..sb]) as u32,
        utf16_len(&ex.text[..eb]) as u32,
    );
    let pre = u32::from(sb > 0);
    let mut text = String::with_capacity(eb - sb + 8);
    if sb > 0 {
        text.push_str(ELLIPSIS);
    }
    text.push_str(&ex.text[sb..eb]);
    if eb < ex.text.len() {
        text.push_str(ELLIPSIS);
    }
    let highlights = ex
        .highlights
        .iter()
        .filter(|&&(s, e)| s < off_e && e > off_s)
        .map(|&(s, e)| (s.max(off_s) - off_s + pre, e.min(off_e) - off_s + pre))
        .collect();
    Excerpt {
        block: ex.block,
        text,
        highlights,
    }
}

/// The block text behind index block `i` of an article (the dek counts as block 0 when present).
fn block_text<'a>(article: &'a Article, meta: &DocMeta, i: usize) -> (Option<usize>, &'a str) {
    if meta.has_dek {
        if i == 0 {
            return (None, article.dek.as_deref().unwrap_or(""));
        }
        (
            Some(i - 1),
            article.blocks.get(i - 1).map_or("", |b| b.text.as_str()),
        )
    } else {
        (
            Some(i),
            article.blocks.get(i).map_or("", |b| b.text.as_str()),
        )
    }
}

/// The window with the most distinct clauses (then the most exact-form hits, then the most
/// hits, then the earliest) among
/// `hits` (body positions, ascending): `(block, first hit position, last hit position)`.
fn choose(hits: &[PosHit], blocks: &[BlockMeta]) -> Option<(usize, u32, u32)> {
    let block_of = |pos: u32| blocks.partition_point(|b| b.start <= pos).checked_sub(1);
    // (distinct clauses, exact hits, hits) → (block, first, last)
    type Scored = ((u32, usize, usize), (usize, u32, u32));
    let mut best: Option<Scored> = None;
    for (i, h) in hits.iter().enumerate() {
        let Some(b) = block_of(h.pos) else { continue };
        let Some(meta) = blocks.get(b) else { continue };
        if h.pos >= meta.start + meta.len {
            continue;
        }
        let end = (h.pos + WINDOW).min(meta.start + meta.len);
        let mut clauses = 0u32;
        let (mut exact, mut count) = (0, 0);
        let mut last = h.pos;
        for x in hits[i..].iter().take_while(|x| x.pos < end) {
            clauses |= 1 << x.clause;
            exact += usize::from(x.exact);
            count += 1;
            last = x.pos;
        }
        let key = (clauses.count_ones(), exact, count);
        if best.as_ref().is_none_or(|(k, _)| key > *k) {
            best = Some((key, (b, h.pos, last)));
        }
    }
    best.map(|(_, w)| w)
}

/// Byte offsets of the block's first `n` words, from the stored deltas; `None` if they do not
/// fit `text` (not the text that was indexed), and the caller tokenizes instead.
fn word_starts(index: &Index, block: &BlockMeta, text: &str, n: u32) -> Option<Vec<usize>> {
    let bytes = index.block_starts(block);
    let mut at = 0;
    let mut pos = 0usize;
    let mut out = Vec::with_capacity(n as usize);
    for _ in 0..n.min(block.len) {
        pos = pos.checked_add(get_varint(bytes, &mut at)? as usize)?;
        if pos >= text.len() || !text.is_char_boundary(pos) {
            return None;
        }
        out.push(pos);
    }
    Some(out)
}

/// Where each needed word of a block lies: from the stored starts, tokenizing only the words
/// asked for; or, for text that does not match the index, from tokenizing the whole block.
enum Words {
    Stored { starts: Vec<usize> },
    Tokenized(Vec<Token>),
}

impl Words {
    fn new(index: &Index, block: &BlockMeta, text: &str, upto: u32) -> Words {
        match word_starts(index, block, text, upto.saturating_add(1)) {
            Some(starts) if starts.len() as u32 >= upto.min(block.len) => Words::Stored { starts },
            _ => Words::Tokenized(tokenize(text)),
        }
    }

    /// Byte span of word `i` of the block.
    fn span(&self, text: &str, i: u32) -> Option<(usize, usize)> {
        match self {
            Words::Tokenized(toks) => toks.get(i as usize).map(|t| (t.start, t.end)),
            Words::Stored { starts } => {
                let start = *starts.get(i as usize)?;
                let next = starts.get(i as usize + 1).copied().unwrap_or(text.len());
                // From a word's start to the next word's start there is exactly that word.
                let t = tokenize(text.get(start..next)?).into_iter().next()?;
                (t.start == 0).then_some((start, start + t.end))
            }
        }
    }

    fn start(&self, i: u32) -> Option<usize> {
        match self {
            Words::Tokenized(toks) => toks.get(i as usize).map(|t| t.start),
            Words::Stored { starts } => starts.get(i as usize).copied(),
        }
    }
}

/// The excerpt of document `d` (`article`, laid out as `meta`) around its best hits.
pub(crate) fn best(
    index: &Index,
    d: usize,
    article: &Article,
    meta: &DocMeta,
    hits: &[PosHit],
) -> Excerpt {
    let blocks = index.blocks_of(d, article);
    let Some((bi, lo, hi)) = choose(hits, &blocks) else {
        return lead(article, meta.has_dek);
    };
    let block = blocks[bi];
    let (block_idx, text) = block_text(article, meta, bi);
    let slack = WINDOW.saturating_sub(hi - lo + 1);
    let block_end = block.start + block.len;
    let mut start = lo.saturating_sub(slack / 2).max(block.start);
    let end = (start + WINDOW).min(block_end);
    start = end.saturating_sub(WINDOW).max(block.start);
    let (a, e) = (start - block.start, end - block.start);

    let words = Words::new(index, &block, text, e);
    let from = if a == 0 {
        0
    } else {
        words.start(a).unwrap_or(0)
    };
    let to = if e >= block.len {
        text.len()
    } else {
        e.checked_sub(1)
            .and_then(|last| words.span(text, last))
            .map_or(text.len(), |(_, end)| end)
    };
    let raw = text.get(from..to.max(from)).unwrap_or("");
    let lead_ws = raw.len() - raw.trim_start().len();
    let body = raw.trim();
    let from = from + lead_ws;

    let mut out = String::with_capacity(body.len() + 8);
    let mut units = 0usize;
    if from > 0 && a > 0 {
        out.push_str(ELLIPSIS);
        units = 1;
    }
    out.push_str(body);
    let mut highlights = Vec::new();
    let mut at_byte = from;
    let mut last_pos = None;
    for h in hits.iter().filter(|h| h.pos >= start && h.pos < end) {
        if last_pos == Some(h.pos) {
            continue;
        }
        last_pos = Some(h.pos);
        let Some((s, t_end)) = words.span(text, h.pos - block.start) else {
            continue;
        };
        if s < at_byte || t_end > from + body.len() {
            continue;
        }
        units += utf16_len(&text[at_byte..s]);
        let len = utf16_len(&text[s..t_end]);
        highlights.push((units as u32, (units + len) as u32));
        units += len;
        at_byte = t_end;
    }
    if to < text.len() && e < block.len {
        out.push_str(ELLIPSIS);
    }
    bounded(Excerpt {
        block: block_idx,
        text: out,
        highlights,
    })
}

/// UTF-16 ranges of the title words at `hits` (title positions, ascending).
pub(crate) fn title_ranges(
    index: &Index,
    meta: &DocMeta,
    title: &str,
    hits: &[PosHit],
) -> Vec<(u32, u32)> {
    let last = hits.last().map_or(0, |h| h.pos);
    let words = Words::new(index, &meta.title, title, last + 1);
    let mut out = Vec::new();
    let mut units = 0usize;
    let mut byte = 0usize;
    let mut prev = None;
    for h in hits {
        if prev == Some(h.pos) {
            continue;
        }
        prev = Some(h.pos);
        let Some((s, e)) = words.span(title, h.pos) else {
            continue;
        };
        if s < byte {
            continue;
        }
        units += utf16_len(&title[byte..s]);
        let len = utf16_len(&title[s..e]);
        out.push((units as u32, (units + len) as u32));
        units += len;
        byte = e;
    }
    out
}
