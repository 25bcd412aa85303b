//! From query words to the dictionary forms they match, each with a weight:
//! exact form > same stem > transliteration variant ≈ prefix completion > typo.

use fst::automaton::Str;
use fst::{Automaton, IntoStreamer, Streamer};

use super::fuzzy::{max_distance, Fuzzy};
use super::index::Index;
use super::query::{Item, Query};
use super::variants::variants;
use crate::text::{proclitic_splits, stem};

/// Match classes, strongest first; each has a weight in [`CLASS_WEIGHT`].
pub(crate) const EXACT: u8 = 0;
pub(crate) const STEM: u8 = 1;
/// Transliteration variants and prefix completions.
pub(crate) const NEAR: u8 = 2;
pub(crate) const TYPO: u8 = 3;
pub(crate) const CLASSES: usize = 4;
pub(crate) const CLASS_WEIGHT: [f32; CLASSES] = [1.0, 0.8, 0.6, 0.4];
/// Most dictionary forms one query word expands to.
pub(crate) const MAX_EXPANSIONS: usize = 64;
/// Most stems a typo or a variant may bring in for one word.
const MAX_NEAR_STEMS: usize = 12;
/// Prefix completions read from the dictionary before keeping the most frequent.
const MAX_PREFIX_SCAN: usize = 256;
const MAX_PREFIX_TERMS: usize = 16;
/// Proclitics tried on transliteration variants (see `resolve_word`).
const VARIANT_CLITICS: [&str; 3] = ["و", "ب", "ل"];

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Exp {
    pub term: u32,
    /// [`EXACT`] for the query word's own form, then [`STEM`], [`NEAR`], [`TYPO`].
    pub class: u8,
}

#[derive(Debug, Clone, Default)]
pub(crate) struct WordR {
    pub exps: Vec<Exp>,
}

#[derive(Debug, Clone)]
pub(crate) enum ItemR {
    Word(WordR),
    Phrase(Vec<WordR>),
}

#[derive(Debug, Clone, Default)]
pub(crate) struct Resolved {
    pub clauses: Vec<Vec<ItemR>>,
    pub excluded: Vec<ItemR>,
    /// Every form a positive word matched, sorted: what highlighting marks.
    pub hl_terms: Vec<u32>,
    /// Their stems, sorted, for text outside the dictionary.
    pub hl_stems: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// A free word: everything, with prefix completion when asked.
    Free { prefix: bool },
    /// A phrase word: exact, stem and variants (the phrase itself is the precision).
    Phrase,
    /// An excluded word: exact and stem only, so a typo rule never hides an article.
    Exclude,
}

struct Acc {
    exps: Vec<Exp>,
}

impl Acc {
    fn push(&mut self, term: u32, class: u8) {
        self.exps.push(Exp { term, class });
    }
    fn group(&mut self, index: &Index, stem: u32, class: u8) {
        for &m in index.stem_members(stem) {
            self.push(m, class);
        }
    }
    fn finish(mut self) -> WordR {
        // Strongest class per term, then the strongest MAX_EXPANSIONS.
        self.exps.sort_unstable_by_key(|e| (e.term, e.class));
        self.exps.dedup_by_key(|e| e.term);
        if self.exps.len() > MAX_EXPANSIONS {
            self.exps.sort_unstable_by_key(|e| (e.class, e.term));
            self.exps.truncate(MAX_EXPANSIONS);
            self.exps.sort_unstable_by_key(|e| e.term);
        }
        WordR { exps: self.exps }
    }
}

fn resolve_word(index: &Index, norm: &str, mode: Mode) -> WordR {
    let mut acc = Acc { exps: Vec::new() };
    let exact = index.term_id(norm);
    if let Some(t) = exact {
        acc.push(t, EXACT);
    }
    // The stem: stored for a dictionary word, computed the same way otherwise.
    let mut stem_buf = Vec::new();
    let stem_id = match exact {
        Some(t) => index.term_stem.get(t as usize).copied(),
        None => index.stem_id(stem(norm, index)),
    };
    let stem_str: String = match stem_id {
        Some(s) if index.stem_text(s, &mut stem_buf) => {
            String::from_utf8_lossy(&stem_buf).into_owned()
        }
        _ => stem(norm, index).to_string(),
    };
    if let Some(s) = stem_id {
        acc.group(index, s, STEM);
    }
    if mode == Mode::Exclude {
        return acc.finish();
    }

    let mut near: Vec<(u32, u8)> = Vec::new();
    let mut cand = Vec::new();
    variants(&stem_str, &mut cand);
    let mut glued = String::new();
    for v in &cand {
        let stem_of = |w: &str| {
            index
                .term_id(w)
                .and_then(|t| index.term_stem.get(t as usize).copied())
        };
        let mut add = |s: Option<u32>| {
            if let Some(s) = s {
                if Some(s) != stem_id
                    && !near.iter().any(|&(x, _)| x == s)
                    && near.len() < MAX_NEAR_STEMS
                {
                    near.push((s, NEAR));
                }
            }
        };
        add(index.stem_id(v).or_else(|| stem_of(v)));
        // A variant seen only with a clitic whose bare form the corpus lacks (وأميركا, never
        // أميركا alone) keeps that clitic in its stem: look for the commonest glued forms.
        for clitic in VARIANT_CLITICS {
            glued.clear();
            glued.push_str(clitic);
            glued.push_str(v);
            add(stem_of(&glued));
        }
    }
    if let Mode::Free { prefix } = mode {
        // Typos are looked for only when the word itself is missing or rare: a word found in
        // many articles is what the user meant, and its typo neighbours are other words.
        let own = stem_id.map_or(0, |s| group_freq(index, s));
        let rare = own as usize <= (index.docs.len() / 100).max(1);
        if rare {
            // The stem against the dictionary's stems (any clitics around either) …
            let k = max_distance(stem_str.chars().count());
            let aut = Fuzzy::new(&stem_str, k);
            typo_stems(index, index.stems.map(), aut, Some, &mut near, stem_id);
            // … and the word as typed against the dictionary's forms: a letter dropped inside
            // a short stem that carries clitics (للهريب → للتهريب) is one edit of the word,
            // while the stem alone (هريب) is too short to be allowed any. A replaced letter
            // stays the stem's business: القلم is not القلب. One edit at most here: two over
            // every form in the dictionary cost more than a keystroke may.
            let kw = if exact.is_none() && !prefix {
                max_distance(norm.chars().count()).min(1)
            } else {
                // A form the corpus holds was typed as meant, clitics and all; a word still
                // being typed is not finished, let alone mistyped.
                0
            };
            let aut = if k > 0 {
                Fuzzy::new(norm, kw)
            } else {
                Fuzzy::without_substitution(norm, kw)
            };
            let to_stem = |t: u32| index.term_stem.get(t as usize).copied();
            typo_stems(index, index.terms.map(), aut, to_stem, &mut near, stem_id);
        }
        if prefix {
            prefix_completions(index, norm, &mut acc);
        }
    }
    for (s, class) in near {
        acc.group(index, s, class);
    }
    acc.finish()
}

/// The stems of the keys of `dict` that `aut` accepts (`stem_of` maps a key's id to its stem),
/// nearest then most frequent first, added to `near` as typo matches.
fn typo_stems(
    index: &Index,
    dict: &fst::Map<Vec<u8>>,
    aut: Option<Fuzzy>,
    stem_of: impl Fn(u32) -> Option<u32>,
    near: &mut Vec<(u32, u8)>,
    own: Option<u32>,
) {
    let Some(aut) = aut.filter(|a| a.max() > 0) else {
        return;
    };
    let mut found: Vec<(u32, u8)> = Vec::new();
    let mut stream = dict.search_with_state(&aut).into_stream();
    while let Some((_, id, state)) = stream.next() {
        let d = aut.distance(&state);
        if d > 0 && id < u64::from(u32::MAX) {
            if let Some(s) =
                stem_of(id as u32).filter(|&s| (s as usize) + 1 < index.stem_start.len())
            {
                found.push((s, d));
            }
        }
        if found.len() >= 4 * MAX_NEAR_STEMS {
            break;
        }
    }
    found.sort_unstable_by_key(|&(s, d)| (d, std::cmp::Reverse(group_freq(index, s)), s));
    for (s, _) in found {
        if Some(s) != own && !near.iter().any(|&(x, _)| x == s) && near.len() < MAX_NEAR_STEMS {
            near.push((s, TYPO));
        }
    }
}

fn group_freq(index: &Index, stem: u32) -> u32 {
    index
        .stem_members(stem)
        .iter()
        .map(|&t| index.doc_freq(t))
        .fold(0u32, u32::saturating_add)
}

/// The last word while typing: dictionary forms starting with it, or with it minus its
/// proclitics (لواشن → واشنطن), the most frequent first, each with its stem group.
fn prefix_completions(index: &Index, norm: &str, acc: &mut Acc) {
    if norm.chars().count() < 2 {
        return;
    }
    let mut found: Vec<u32> = Vec::new();
    let splits = proclitic_splits(norm);
    for (i, &(_, rest)) in splits.iter().enumerate() {
        if i > 0 && rest.chars().count() < 3 {
            continue;
        }
        let mut stream = index
            .terms
            .map()
            .search(Str::new(rest).starts_with())
            .into_stream();
        let mut n = 0;
        while let Some((_, t)) = stream.next() {
            if t < index.term_stem.len() as u64 {
                found.push(t as u32);
            }
            n += 1;
            if n >= MAX_PREFIX_SCAN {
                break;
            }
        }
    }
    found.sort_unstable();
    found.dedup();
    found.sort_by_cached_key(|&t| (std::cmp::Reverse(index.doc_freq(t)), t));
    found.truncate(MAX_PREFIX_TERMS);
    for t in found {
        acc.push(t, NEAR);
        if let Some(&s) = index.term_stem.get(t as usize) {
            acc.group(index, s, NEAR);
        }
    }
}

fn resolve_item(index: &Index, item: &Item, exclude: bool, prefix_enabled: bool) -> ItemR {
    match item {
        Item::Word(w) => {
            let mode = if exclude {
                Mode::Exclude
            } else {
                Mode::Free {
                    prefix: w.prefix && prefix_enabled,
                }
            };
            ItemR::Word(resolve_word(index, &w.norm, mode))
        }
        Item::Phrase(words) => {
            let mode = if exclude { Mode::Exclude } else { Mode::Phrase };
            ItemR::Phrase(words.iter().map(|w| resolve_word(index, w, mode)).collect())
        }
    }
}

/// Shortest part (in letters) a word run together with the next is split into.
const MIN_SPLIT_CHARS: usize = 3;

/// A word the dictionary lacks that is two dictionary words run together (a dropped space:
/// البيتالابيض): the pair as a phrase, the split whose rarer half is commonest.
fn split_pair(index: &Index, norm: &str) -> Option<ItemR> {
    let bounds: Vec<usize> = norm.char_indices().map(|(b, _)| b).collect();
    if bounds.len() < 2 * MIN_SPLIT_CHARS || bounds.len() > super::fuzzy::MAX_FUZZY_CHARS {
        return None;
    }
    let mut best: Option<(u32, &str, &str)> = None;
    for &at in &bounds[MIN_SPLIT_CHARS..=bounds.len() - MIN_SPLIT_CHARS] {
        let (a, b) = norm.split_at(at);
        if let (Some(x), Some(y)) = (index.term_id(a), index.term_id(b)) {
            let df = index.doc_freq(x).min(index.doc_freq(y));
            if best.is_none_or(|(f, _, _)| df > f) {
                best = Some((df, a, b));
            }
        }
    }
    let (_, a, b) = best?;
    Some(ItemR::Phrase(vec![
        resolve_word(index, a, Mode::Phrase),
        resolve_word(index, b, Mode::Phrase),
    ]))
}

fn resolve_clause(index: &Index, alternatives: &[Item], prefix_enabled: bool) -> Vec<ItemR> {
    let mut out: Vec<ItemR> = alternatives
        .iter()
        .map(|item| resolve_item(index, item, false, prefix_enabled))
        .collect();
    let splits: Vec<ItemR> = alternatives
        .iter()
        .zip(&out)
        .filter_map(|(item, r)| match (item, r) {
            (Item::Word(w), ItemR::Word(wr))
                if index.term_id(&w.norm).is_none() && wr.exps.iter().all(|e| e.class == TYPO) =>
            {
                split_pair(index, &w.norm)
            }
            _ => None,
        })
        .collect();
    out.extend(splits);
    out
}

pub(crate) fn resolve(index: &Index, query: &Query, prefix_enabled: bool) -> Resolved {
    let clauses: Vec<Vec<ItemR>> = query
        .clauses
        .iter()
        .map(|c| resolve_clause(index, &c.alternatives, prefix_enabled))
        .collect();
    let excluded = query
        .excluded
        .iter()
        .map(|item| resolve_item(index, item, true, false))
        .collect();
    let mut hl_terms: Vec<u32> = Vec::new();
    for item in clauses.iter().flatten() {
        match item {
            ItemR::Word(w) => hl_terms.extend(w.exps.iter().map(|e| e.term)),
            ItemR::Phrase(ws) => {
                hl_terms.extend(ws.iter().flat_map(|w| w.exps.iter().map(|e| e.term)))
            }
        }
    }
    hl_terms.sort_unstable();
    hl_terms.dedup();
    let mut hl_stems: Vec<u32> = hl_terms
        .iter()
        .filter_map(|&t| index.term_stem.get(t as usize).copied())
        .collect();
    hl_stems.sort_unstable();
    hl_stems.dedup();
    Resolved {
        clauses,
        excluded,
        hl_terms,
        hl_stems,
    }
}
