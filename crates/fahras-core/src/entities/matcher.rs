//! Scanning one piece of text (a title or a block): tokens, the clitic readings of each word,
//! gazetteer lookup with longest match, and the choice among overlapping candidates.

use crate::hash::HashMap;
use std::cell::OnceCell;

use super::gazetteer::Gazetteer;
use super::EntityKind;
use crate::text::{normalize, proclitic_splits, tokenize, Token};

/// One piece of text being scanned.
pub(crate) struct Seg<'a> {
    pub text: &'a str,
    pub toks: Vec<Token>,
    /// Each token's readings, worked out once: every rule asks for them, token by token.
    readings: Vec<OnceCell<Vec<Reading>>>,
}

/// What a candidate mention refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Target {
    /// A gazetteer entry.
    Gaz(u32),
    /// Something the rules found: its type and normalised canonical key.
    Found { kind: EntityKind, key: String },
    /// A date, as an ISO 8601 (possibly partial) string.
    Date(String),
}

/// A candidate mention: token range `[tok_start, tok_end)`, byte span in the text (which may
/// start inside the first token, after its proclitics), and a priority (lower wins a tie).
#[derive(Debug, Clone)]
pub(crate) struct Cand {
    pub tok_start: usize,
    pub tok_end: usize,
    pub byte_start: usize,
    pub byte_end: usize,
    pub prio: u8,
    pub target: Target,
    /// The tagger's fine class (index into [`super::ner::FINE`]), for its candidates.
    pub fine: Option<u8>,
}

pub(crate) const PRIO_DATE: u8 = 0;
pub(crate) const PRIO_GAZ: u8 = 1;
pub(crate) const PRIO_LEARNED: u8 = 2;
pub(crate) const PRIO_RULE: u8 = 3;

/// A reading of a word: proclitic length (in normalised chars) and the rest.
pub(crate) struct Reading {
    pub prefix_chars: usize,
    pub rest: String,
    /// True when the prefix swallowed the article (بال، وال، لل): the rest lacks its ال.
    pub article_taken: bool,
}

impl<'a> Seg<'a> {
    pub fn new(text: &'a str) -> Seg<'a> {
        let toks = tokenize(text);
        Seg {
            text,
            readings: (0..toks.len()).map(|_| OnceCell::new()).collect(),
            toks,
        }
    }

    pub fn len(&self) -> usize {
        self.toks.len()
    }

    pub fn norm(&self, i: usize) -> &str {
        &self.toks[i].norm
    }

    /// The text between token `i - 1` and token `i`.
    /// Past the last token: the text after it.
    pub fn gap_before(&self, i: usize) -> &str {
        let i = i.min(self.toks.len());
        let start = if i == 0 { 0 } else { self.toks[i - 1].end };
        let end = self.toks.get(i).map_or(self.text.len(), |t| t.start);
        &self.text[start..end]
    }

    /// Token `i` follows token `i - 1` with only spaces between: they may be one name.
    pub fn joined(&self, i: usize) -> bool {
        i > 0
            && i < self.toks.len()
            && self
                .gap_before(i)
                .chars()
                .all(|c| c.is_whitespace() || c == '\u{200C}')
    }

    /// The punctuation between tokens `i - 1` and `i`, spaces removed.
    pub fn punct_before(&self, i: usize) -> String {
        self.gap_before(i)
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect()
    }

    /// Every reading of token `i` as proclitics + word, whole word first; none past the last
    /// token (a lookahead such as "أكتوبر/" at the end of a text asks for one).
    pub fn readings(&self, i: usize) -> &[Reading] {
        let Some(cell) = self.readings.get(i) else {
            return &[];
        };
        cell.get_or_init(|| {
            proclitic_splits(self.norm(i))
                .into_iter()
                .map(|(p, rest)| Reading {
                    prefix_chars: p.chars().count(),
                    rest: rest.to_owned(),
                    article_taken: p.ends_with("ال") || p.ends_with("لل"),
                })
                .collect()
        })
    }

    /// Byte offset in the text where token `i` starts once `prefix_chars` normalised characters
    /// of proclitics are skipped (harakat on the proclitic stay with it).
    pub fn start_after_prefix(&self, i: usize, prefix_chars: usize) -> usize {
        let tok = &self.toks[i];
        if prefix_chars == 0 {
            return tok.start;
        }
        let word = &self.text[tok.start..tok.end];
        let mut seen = 0;
        let mut iter = word.char_indices().peekable();
        while let Some((_, c)) = iter.next() {
            seen += normalize(c.encode_utf8(&mut [0; 4])).chars().count();
            if seen >= prefix_chars {
                if seen > prefix_chars {
                    return tok.start; // a ligature straddles the clitic: keep the whole word
                }
                // Marks that normalise to nothing belong to the proclitic letter.
                while let Some(&(b, c)) = iter.peek() {
                    if normalize(c.encode_utf8(&mut [0; 4])).is_empty() {
                        iter.next();
                    } else {
                        return tok.start + b;
                    }
                }
                return tok.end;
            }
        }
        tok.start
    }
}

/// Extra names known for this corpus (learned by the rules, or from the override file):
/// normalised key → target.
pub(crate) type Learned = HashMap<String, Target>;

/// Longest dictionary match starting at token `i` (gazetteer, then learned names), trying each
/// clitic reading of the first word, whole word first.
pub(crate) fn match_at(
    seg: &Seg,
    i: usize,
    gaz: &Gazetteer,
    learned: &Learned,
    max_tokens: usize,
) -> Option<Cand> {
    let mut best: Option<Cand> = None;
    for r in seg.readings(i) {
        let mut firsts = vec![r.rest.clone()];
        if r.article_taken {
            firsts.push(format!("ال{}", r.rest));
        }
        for first in firsts {
            let mut key = first;
            let mut j = i + 1;
            loop {
                let hit = gaz
                    .index
                    .get(&key)
                    .map(|&e| (Target::Gaz(e), PRIO_GAZ))
                    .or_else(|| learned.get(&key).map(|t| (t.clone(), PRIO_LEARNED)));
                if let Some((target, prio)) = hit {
                    let better = match &best {
                        None => true,
                        Some(b) => j > b.tok_end || (j == b.tok_end && prio < b.prio),
                    };
                    if better {
                        best = Some(Cand {
                            tok_start: i,
                            tok_end: j,
                            byte_start: seg.start_after_prefix(i, r.prefix_chars),
                            byte_end: seg.toks[j - 1].end,
                            prio,
                            target,
                            fine: None,
                        });
                    }
                }
                if j >= seg.len() || j - i >= max_tokens || !seg.joined(j) {
                    break;
                }
                key.push(' ');
                key.push_str(seg.norm(j));
                j += 1;
            }
        }
    }
    best
}

/// Choose non-overlapping candidates: longest first, then by priority, then leftmost.
pub(crate) fn resolve(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        (b.tok_end - b.tok_start)
            .cmp(&(a.tok_end - a.tok_start))
            .then(a.prio.cmp(&b.prio))
            .then(a.tok_start.cmp(&b.tok_start))
    });
    let mut taken: Vec<Cand> = Vec::new();
    for c in cands {
        if taken
            .iter()
            .all(|t| c.tok_end <= t.tok_start || c.tok_start >= t.tok_end)
        {
            taken.push(c);
        }
    }
    taken.sort_by_key(|c| c.tok_start);
    taken
}
