//! Excerpts: a window of about [`WINDOW`] words from the one block that holds the most distinct
//! query words, cut at word boundaries, with "…" where the block goes on, and highlight ranges
//! (UTF-16) of the matched words in the excerpt's own text.

use super::index::{BlockMeta, DocMeta, Index, CHECKPOINT};
use super::rank::PosHit;
use super::Excerpt;
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
    Excerpt {
        block,
        text: out,
        highlights: Vec::new(),
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

/// Tokens `a..e` (block-local word indices) of `text`, tokenizing only between the stored
/// checkpoints around them. Returns the tokens and the local index of the first one.
fn window_tokens(
    index: &Index,
    block: &BlockMeta,
    text: &str,
    a: u32,
    e: u32,
) -> (Vec<Token>, u32) {
    let cps = index.block_checkpoints(block);
    let seg_lo = a / CHECKPOINT;
    let seg_hi = e.div_ceil(CHECKPOINT);
    let byte_lo = if seg_lo == 0 {
        Some(0)
    } else {
        cps.get(seg_lo as usize - 1).map(|&b| b as usize)
    };
    let byte_hi = if seg_hi * CHECKPOINT >= block.len {
        Some(text.len())
    } else {
        cps.get(seg_hi as usize - 1).map(|&b| b as usize)
    };
    if let (Some(lo), Some(hi)) = (byte_lo, byte_hi) {
        if lo <= hi && hi <= text.len() && text.is_char_boundary(lo) && text.is_char_boundary(hi) {
            let mut toks = tokenize(&text[lo..hi]);
            for t in &mut toks {
                t.start += lo;
                t.end += lo;
            }
            return (toks, seg_lo * CHECKPOINT);
        }
    }
    // The text is not the one indexed (or the checkpoints are off): read it all.
    (tokenize(text), 0)
}

pub(crate) fn best(index: &Index, article: &Article, meta: &DocMeta, hits: &[PosHit]) -> Excerpt {
    let blocks = index.doc_blocks(meta);
    let Some((bi, lo, hi)) = choose(hits, blocks) else {
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

    let (toks, base) = window_tokens(index, &block, text, a, e);
    let tok = |i: u32| i.checked_sub(base).and_then(|k| toks.get(k as usize));
    let from = if a == 0 {
        0
    } else {
        tok(a).map_or(0, |t| t.start)
    };
    let to = if e >= block.len {
        text.len()
    } else {
        tok(e - 1).map_or(text.len(), |t| t.end)
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
        let Some(t) = tok(h.pos - block.start) else {
            continue;
        };
        if t.start < at_byte || t.end > from + body.len() {
            continue;
        }
        units += utf16_len(&text[at_byte..t.start]);
        let len = utf16_len(&text[t.start..t.end]);
        highlights.push((units as u32, (units + len) as u32));
        units += len;
        at_byte = t.end;
    }
    if to < text.len() && e < block.len {
        out.push_str(ELLIPSIS);
    }
    Excerpt {
        block: block_idx,
        text: out,
        highlights,
    }
}
