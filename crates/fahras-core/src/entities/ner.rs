//! A trained tagger for people, places and organisations, with a fine class ("politician",
//! "city", "ministry"…) for each name it finds.
//!
//! Why trained: Arabic has no capital letters, so a rule that reads "title + word" or
//! "trigger + word" marks any word that follows one (والتنمية بما، بشكل، برسم). Published F1 on
//! ANERcorp news: rule systems 0.57–0.76 per type, CRFs with rich features 0.79. This is a
//! first-order linear-chain model trained as an averaged structured perceptron (Collins 2002)
//! with Viterbi decoding, on NewsFANE Gold and WikiFANE Gold (Alotaibi & Lee 2014, CC BY-SA 3.0;
//! see `data/ner/README.md`).
//!
//! Why hand-written and not a crate (`crfs` wraps CRFsuite's C code; `linfa` has no sequence
//! models): the whole learner is ~150 lines, has no dependencies, builds to wasm (issue 15
//! loads the model in the browser), and its weights are a plain postcard file.
//!
//! Features (hashed, FNV-1a, so the model file holds no strings): the analyser's normalised
//! word; the word without its conjunction and article (وبالكرملين → كرملين); the first and last
//! two/three letters of that form; word shape and length; the same for two words either side,
//! and word bigrams; the punctuation around the word (quotes, commas, brackets); gazetteer
//! membership (CLDR/ISO, as B/I of a longest match, and given names, nationality adjectives);
//! trigger words (titles الرئيس، وزير; place triggers مدينة; organisation heads وزارة، حزب) and
//! function words, for the word and its neighbours; the word clusters of the word and two words
//! either side, at three granularities ([`super::clusters`], learned from 31,500 unlabelled ANT
//! news articles: `data/ner/clusters.tsv`, kept in the model file); and the names of the
//! training data, longest match (a phrase FANE tagged as a person, place or organisation, and
//! whether it is one in most of its uses), and for each word the kind of training name it is
//! most often part of and how often; each training document takes both from the other folds'
//! documents only, so the feature is no more reliable in training than on new text.
//!
//! Two passes per document (an article; a block of FANE sentences): the first tags each
//! sentence; the second again, with the first's features and what the first found in the rest
//! of the document (`DocVotes`: how the same word was labelled elsewhere, its own and its
//! neighbours' first labels), so a name is read alike across an article (بنحسي after حسناء
//! بنحسي). The second pass is trained on first-pass labels made by first passes trained on the
//! other four fifths of the documents (jackknife), as noisy as at run time. Each pass's weights
//! are the average of [`RUNS`] trainings with different shuffles.
//!
//! Tokenisation: FANE splits the conjunction و off ("و القاهرة"); the analyser does not
//! ("والقاهرة"). Training text is rebuilt with و glued back to the next word and then run
//! through the analyser's own tokenizer ([`crate::text::tokenize()`]), so the tagger is trained
//! on exactly the tokens (and punctuation gaps) it sees at run time.

use serde::{Deserialize, Serialize};

use super::gazetteer::Gazetteer;
use super::lexicon::lexicon;
use super::matcher::{match_at, Learned, Seg, Target};
use super::EntityKind;
use crate::hash::{HashMap, HashSet};

/// Share of training tokens whose word-identity features are hidden in an epoch.
const WORD_DROPOUT: u64 = 25;

/// Labels: O, then B/I for person, place, organisation.
pub const NL: usize = 7;
const KINDS: [EntityKind; 3] = [EntityKind::Person, EntityKind::Place, EntityKind::Org];

fn b_of(k: usize) -> u8 {
    1 + 2 * k as u8
}
fn kind_of(label: u8) -> Option<usize> {
    (label > 0).then(|| ((label - 1) / 2) as usize)
}
fn is_inside(label: u8) -> bool {
    label > 0 && label.is_multiple_of(2)
}
/// An I-k label may only follow B-k or I-k.
fn allowed(prev: Option<u8>, cur: u8) -> bool {
    if !is_inside(cur) {
        return true;
    }
    match prev {
        Some(p) => p != 0 && kind_of(p) == kind_of(cur),
        None => false,
    }
}

/// FANE's fine classes and the chip type they belong to. Other classes (nationalities and
/// peoples, facilities, products, books, weapons…) are not chips: the tagger learns them as O.
pub const FINE: &[(&str, EntityKind, &str)] = &[
    ("Politician", EntityKind::Person, "politician"),
    ("Athlete", EntityKind::Person, "athlete"),
    ("Artist", EntityKind::Person, "artist"),
    ("Religious_PER", EntityKind::Person, "religious figure"),
    ("Scientist", EntityKind::Person, "scientist"),
    ("Businessperson", EntityKind::Person, "businessperson"),
    ("Lawyer", EntityKind::Person, "lawyer"),
    ("Engineer", EntityKind::Person, "engineer"),
    ("Other_PER", EntityKind::Person, "person"),
    ("Nation", EntityKind::Place, "country"),
    ("Population-Center", EntityKind::Place, "city"),
    ("State-or-Province", EntityKind::Place, "province"),
    ("County-or-District", EntityKind::Place, "district"),
    ("GPE-Cluster", EntityKind::Place, "group of countries"),
    ("Continent", EntityKind::Place, "continent"),
    ("Water-Body", EntityKind::Place, "water body"),
    ("Land-Region-Natural", EntityKind::Place, "region"),
    ("Land", EntityKind::Place, "land"),
    ("Government", EntityKind::Org, "government body"),
    ("Non-Governmental", EntityKind::Org, "organisation"),
    ("Commercial", EntityKind::Org, "company"),
    ("Media", EntityKind::Org, "media"),
    ("Sports", EntityKind::Org, "sports club"),
    ("Educational", EntityKind::Org, "educational"),
    ("Police", EntityKind::Org, "security force"),
    ("Medical-Science", EntityKind::Org, "medical/scientific"),
    ("Entertainment", EntityKind::Org, "entertainment"),
    ("Religious_ORG", EntityKind::Org, "religious organisation"),
];

fn kind_index(k: EntityKind) -> usize {
    KINDS.iter().position(|&x| x == k).unwrap_or(0)
}

// ---------------------------------------------------------------------------------------------
// Features

/// FNV-1a, 32 bits: stable across platforms and Rust versions (the model file stores it).
#[derive(Clone, Copy)]
struct Fnv(u32);
impl Fnv {
    fn new(tag: u8) -> Fnv {
        Fnv(0x811c_9dc5).byte(tag)
    }
    fn byte(self, b: u8) -> Fnv {
        Fnv((self.0 ^ u32::from(b)).wrapping_mul(0x0100_0193))
    }
    fn str(mut self, s: &str) -> Fnv {
        for &b in s.as_bytes() {
            self = self.byte(b);
        }
        self.byte(0xff)
    }
}

/// What the features need of each token, worked out once per text.
struct Prep<'s> {
    norm: Vec<&'s str>,
    /// Without a glued article (and the conjunction/preposition before it): كرملين.
    bare: Vec<String>,
    /// Gazetteer: 0 none, else 1 + 2·kind (+1 inside a multi-word match).
    gaz: Vec<u8>,
    /// Punctuation class of the gap before each token (and after the last, at `len`).
    gap: Vec<u8>,
    flags: Vec<u16>,
    /// Punctuation with spaces before token i ("بوتين - الأسد", "ترامب، ماكرون"): a name ends.
    split: Vec<bool>,
    /// Word clusters of the bare form ([`super::clusters`], see [`pack_clusters`]), or
    /// [`NO_CLUSTER`].
    cl: Vec<u32>,
    /// Names seen in training ([`NameTable`]), longest match: 0 none, else the match's code,
    /// + 8 inside a match of several words.
    seen: Vec<u8>,
    /// Each word's share of uses inside training names ([`NameTable::word`]).
    in_names: Vec<u8>,
}

const NO_CLUSTER: u32 = u32::MAX;
/// Before the first or after the last token.
const EDGE_CLUSTER: u32 = u32::MAX - 1;

/// Bits of each granularity in a packed cluster number, coarse to fine.
const CLUSTER_BITS: [u32; 3] = [10, 10, 12];

/// A word's clusters, coarse to fine, in one number (see [`CLUSTER_BITS`]).
fn pack_clusters(ids: &[u16; 3]) -> u32 {
    ids.iter().zip(CLUSTER_BITS).fold(0u32, |acc, (&x, b)| {
        (acc << b) | (u32::from(x) & ((1 << b) - 1))
    })
}

/// Granularity `l` of a packed cluster number.
fn cluster_level(c: u32, l: usize) -> u32 {
    let shift: u32 = CLUSTER_BITS[l + 1..].iter().sum();
    (c >> shift) & ((1 << CLUSTER_BITS[l]) - 1)
}

/// What the model knows of a word (its bare form): seen in training, its clusters.
type WordInfo<'a> = &'a dyn Fn(&str) -> (bool, u32);

/// Longest name of the training data ([`NameTable`]).
const NAME_MAX: usize = 6;

fn phrase_hash(words: &[String]) -> u32 {
    words.iter().fold(Fnv::new(201), |h, w| h.str(w)).0
}

/// Key of a single word's entry in the [`NameTable`] (a namespace apart from the phrases').
fn word_name_hash(w: &str) -> u32 {
    Fnv::new(202).str(w).0
}

/// Names of the training data: phrase (bare forms) hash → code: 1 + 2·kind, + 1 when the
/// phrase is that kind of name in at least half of its uses. And per word found inside a name
/// ([`word_name_hash`]): the kind it is most often part of, and how often (see
/// [`NameTable::word`]), so a word of a name never seen whole still says what it belongs to
/// (held-out F1 news +0.8, Wikipedia ±0, mean of three shuffles).
#[derive(Default)]
struct NameTable(HashMap<u32, u8>);

impl NameTable {
    /// From these sentences (bare forms, gold spans).
    fn build<'a>(sents: impl Iterator<Item = (&'a [String], &'a [GoldSpan])> + Clone) -> NameTable {
        // Per phrase: uses as each kind, then all uses.
        let mut named: HashMap<u32, [u32; 4]> = HashMap::default();
        for (bares, spans) in sents.clone() {
            for &(a, b, k, _) in spans {
                if b - a <= NAME_MAX {
                    named.entry(phrase_hash(&bares[a..b])).or_default()[kind_index(k)] += 1;
                }
            }
        }
        for (bares, _) in sents.clone() {
            for i in 0..bares.len() {
                let mut h = Fnv::new(201);
                for w in &bares[i..(i + NAME_MAX).min(bares.len())] {
                    h = h.str(w);
                    if let Some(c) = named.get_mut(&h.0) {
                        c[3] += 1;
                    }
                }
            }
        }
        // Per word: uses inside a name of each kind, then all uses.
        let mut words: HashMap<u32, [u32; 4]> = HashMap::default();
        for (bares, spans) in sents.clone() {
            for &(a, b, k, _) in spans {
                for w in &bares[a..b] {
                    words.entry(word_name_hash(w)).or_default()[kind_index(k)] += 1;
                }
            }
        }
        for (bares, _) in sents {
            for w in bares {
                if let Some(c) = words.get_mut(&word_name_hash(w)) {
                    c[3] += 1;
                }
            }
        }
        let mut table: HashMap<u32, u8> = named
            .into_iter()
            .map(|(h, c)| {
                let k = (0..3).max_by_key(|&k| (c[k], 3 - k)).unwrap_or(0);
                (h, 1 + 2 * k as u8 + u8::from(c[k] * 2 >= c[3]))
            })
            .collect();
        for (h, c) in words {
            let k = (0..3).max_by_key(|&k| (c[k], 3 - k)).unwrap_or(0);
            // Share of the word's uses inside that kind of name: under 10 %, under 50 %,
            // under 90 %, more; and whether it was seen at least 5 times.
            let share = match c[k] * 10 / c[3].max(1) {
                0 => 0u8,
                1..=4 => 1,
                5..=8 => 2,
                _ => 3,
            };
            table.insert(h, 16 + (k as u8) * 8 + share * 2 + u8::from(c[3] >= 5));
        }
        NameTable(table)
    }

    /// A word's code ([`NameTable::build`]: 16 + 8·kind + 2·share + seen ≥ 5 times), 0 when
    /// it is in no training name.
    fn word(&self, w: &str) -> u8 {
        self.0.get(&word_name_hash(w)).copied().unwrap_or(0)
    }

    /// Longest matches over a sentence's bare forms (see `Prep::seen`).
    fn tag(&self, bares: &[String]) -> Vec<u8> {
        let n = bares.len();
        let mut out = vec![0u8; n];
        if self.0.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < n {
            let mut h = Fnv::new(201);
            let mut best = None;
            for (j, w) in bares.iter().enumerate().take((i + NAME_MAX).min(n)).skip(i) {
                h = h.str(w);
                if let Some(&c) = self.0.get(&h.0) {
                    best = Some((j + 1, c));
                }
            }
            match best {
                Some((e, c)) => {
                    out[i] = c;
                    for x in &mut out[i + 1..e] {
                        *x = c + 8;
                    }
                    i = e;
                }
                None => i += 1,
            }
        }
        out
    }
}

const F_TITLE: u16 = 1;
const F_PLACE_TRIG: u16 = 2;
const F_ORG_HEAD: u16 = 4;
const F_STOP: u16 = 8;
const F_COMMON: u16 = 16;
const F_VERB: u16 = 32;
const F_GIVEN: u16 = 64;
const F_ADJ: u16 = 128;
const F_CONNECT: u16 = 256;
const F_MONTH: u16 = 512;
/// Seen fewer than [`KNOWN_MIN`] times in the training text: most names are.
const F_RARE: u16 = 1024;
const KNOWN_MIN: u32 = 3;
const NFLAGS: u8 = 11;

fn gap_class(g: &str) -> u8 {
    let mut c = 0u8;
    for ch in g.chars() {
        c |= match ch {
            '،' | ',' => 1,
            '.' | '!' | '?' | '؟' | ';' | '؛' => 2,
            '"' | '“' | '”' | '«' | '»' | '\'' | '‘' | '’' => 4,
            '(' | ')' | '[' | ']' => 8,
            ':' => 16,
            '-' | '–' | '—' | '/' => 32,
            _ => 0,
        };
    }
    c
}

pub(crate) fn bare_of(w: &str) -> String {
    for p in ["وبال", "وال", "فال", "بال", "كال", "ولل", "لل", "ال"] {
        if let Some(rest) = w.strip_prefix(p) {
            if rest.chars().count() >= 2 {
                return rest.to_owned();
            }
        }
    }
    match w.strip_prefix('و') {
        Some(rest) if rest.chars().count() >= 3 => rest.to_owned(),
        _ => w.to_owned(),
    }
}

fn shape(w: &str) -> u8 {
    let (mut ar, mut lat, mut dig) = (false, false, false);
    for c in w.chars() {
        if c.is_ascii_digit() {
            dig = true;
        } else if c.is_ascii_alphabetic() {
            lat = true;
        } else {
            ar = true;
        }
    }
    u8::from(ar) | (u8::from(lat) << 1) | (u8::from(dig) << 2)
}

impl<'s> Prep<'s> {
    fn new(seg: &'s Seg, gaz: &Gazetteer, info: WordInfo, names: &NameTable) -> Prep<'s> {
        let lex = lexicon();
        let n = seg.len();
        let norm: Vec<&str> = (0..n).map(|i| seg.norm(i)).collect();
        let bare: Vec<String> = norm.iter().map(|w| bare_of(w)).collect();
        let infos: Vec<(bool, u32)> = bare.iter().map(|b| info(b)).collect();
        let mut gz = vec![0u8; n];
        let empty = Learned::default();
        let mut i = 0;
        while i < n {
            if let Some(c) = match_at(seg, i, gaz, &empty, gaz.max_tokens) {
                if let Target::Gaz(e) = c.target {
                    let k = kind_index(gaz.entries[e as usize].kind) as u8;
                    if gaz.entries[e as usize].kind != EntityKind::Date {
                        gz[i] = 1 + 2 * k;
                        for g in &mut gz[i + 1..c.tok_end] {
                            *g = 2 + 2 * k;
                        }
                        i = c.tok_end;
                        continue;
                    }
                }
            }
            i += 1;
        }
        let gap = (0..=n).map(|i| gap_class(seg.gap_before(i))).collect();
        let flags = (0..n)
            .map(|i| {
                let (w, b) = (norm[i], bare[i].as_str());
                let has = |s: &HashSet<String>| s.contains(w) || s.contains(b);
                let mut f = 0;
                if has(&lex.titles) {
                    f |= F_TITLE;
                }
                if has(&lex.place_triggers) {
                    f |= F_PLACE_TRIG;
                }
                if has(&lex.org_heads) || has(&lex.org_descriptors) {
                    f |= F_ORG_HEAD;
                }
                if lex.stop.contains(w) {
                    f |= F_STOP;
                }
                if has(&lex.common) {
                    f |= F_COMMON;
                }
                if lex.verbs.contains(w) {
                    f |= F_VERB;
                }
                if gaz.given_names.contains(w) || gaz.given_names.contains(b) {
                    f |= F_GIVEN;
                }
                if gaz.adjectives.contains_key(b.trim_end_matches('ه')) {
                    f |= F_ADJ;
                }
                if lex.connectors.contains(w) {
                    f |= F_CONNECT;
                }
                if lex.months.contains_key(w) || lex.months.contains_key(b) {
                    f |= F_MONTH;
                }
                if !infos[i].0 {
                    f |= F_RARE;
                }
                f
            })
            .collect();
        let split = (0..n)
            .map(|i| {
                // A hashtag's # or _ does not end a name (دونالد #ترمب).
                let g = seg.gap_before(i);
                let marks = g.trim().trim_matches(|c| c == '#' || c == '_');
                i > 0 && !marks.is_empty() && g.chars().any(char::is_whitespace)
            })
            .collect();
        Prep {
            in_names: bare.iter().map(|b| names.word(b)).collect(),
            seen: names.tag(&bare),
            cl: infos.iter().map(|x| x.1).collect(),
            split,
            norm,
            bare,
            gaz: gz,
            gap,
            flags,
        }
    }

    fn len(&self) -> usize {
        self.norm.len()
    }

    /// The hashed features of token `i`.
    /// Returns how many of them (at the front) name the word itself: training drops those at
    /// random (see [`WORD_DROPOUT`]) so the model learns the context names stand in.
    fn features(&self, i: usize, out: &mut Vec<u32>) -> usize {
        out.clear();
        let n = self.len();
        let w = self.norm[i];
        let b = self.bare[i].as_str();
        out.push(Fnv::new(1).str(w).0);
        out.push(Fnv::new(2).str(b).0);
        if i > 0 {
            out.push(Fnv::new(34).str(w).str(self.norm[i - 1]).0);
            out.push(Fnv::new(37).str(b).str(&self.bare[i - 1]).0);
        }
        if i + 1 < n {
            out.push(Fnv::new(44).str(w).str(self.norm[i + 1]).0);
            out.push(Fnv::new(47).str(b).str(&self.bare[i + 1]).0);
        }
        let lexical = out.len();
        let mut push = |h: Fnv| out.push(h.0);
        push(Fnv::new(0));
        let chars: Vec<char> = b.chars().collect();
        let cut = |from: usize, to: usize| -> String { chars[from..to].iter().collect() };
        let m = chars.len();
        if m >= 2 {
            push(Fnv::new(3).str(&cut(0, 2)));
            push(Fnv::new(4).str(&cut(m - 2, m)));
        }
        if m >= 3 {
            push(Fnv::new(5).str(&cut(0, 3)));
            push(Fnv::new(6).str(&cut(m - 3, m)));
        }
        if m >= 1 {
            push(Fnv::new(12).str(&cut(0, 1)));
            push(Fnv::new(13).str(&cut(m - 1, m)));
        }
        if m >= 5 {
            push(Fnv::new(14).str(&cut(0, 4)));
            push(Fnv::new(15).str(&cut(m - 4, m)));
        }
        let wp: String = w
            .chars()
            .take(w.chars().count() - m.min(w.chars().count()))
            .collect();
        push(Fnv::new(7).str(&wp));
        push(Fnv::new(8).byte(shape(w)).byte(m.min(8) as u8));
        push(Fnv::new(9).byte(self.gap[i]).byte(self.gap[i + 1]));
        push(Fnv::new(10).byte(self.gaz[i]));
        let fl = self.flags[i];
        for bit in 0..NFLAGS {
            if fl & (1 << bit) != 0 {
                push(Fnv::new(11).byte(bit));
            }
        }
        // Neighbours.
        for (d, tag) in [(-2i32, 20u8), (-1, 30), (1, 40), (2, 50)] {
            let j = i as i32 + d;
            if j < 0 || j >= n as i32 {
                push(Fnv::new(tag).str("<s>"));
                continue;
            }
            let j = j as usize;
            push(Fnv::new(tag).str(self.norm[j]));
            push(Fnv::new(tag + 1).str(&self.bare[j]));
            push(Fnv::new(tag + 2).byte(self.gaz[j]));
            let fl = self.flags[j];
            for bit in 0..NFLAGS {
                if fl & (1 << bit) != 0 {
                    push(Fnv::new(tag + 3).byte(bit));
                }
            }
            if d.abs() == 1 {
                push(
                    Fnv::new(tag + 8)
                        .byte(self.gap[if d < 0 { i } else { j }])
                        .byte(self.gaz[j])
                        .byte(self.gaz[i]),
                );
                push(Fnv::new(tag + 5).byte(shape(self.norm[j])));
                let bj: Vec<char> = self.bare[j].chars().collect();
                if bj.len() >= 3 {
                    let s: String = bj[bj.len() - 2..].iter().collect();
                    push(Fnv::new(tag + 6).str(&s));
                }
            }
        }
        // Word clusters: the word's, its neighbours' (each granularity), and pairs (middle one).
        let cl = |j: i32| -> u32 {
            if j < 0 || j >= n as i32 {
                EDGE_CLUSTER
            } else {
                self.cl[j as usize]
            }
        };
        let level = |c: u32, l: u32| -> u32 {
            if c >= EDGE_CLUSTER {
                c
            } else {
                cluster_level(c, l as usize)
            }
        };
        let i32_ = i as i32;
        for (d, tag) in [(0i32, 70u8), (-1, 73), (1, 76), (-2, 79), (2, 82)] {
            let c = cl(i32_ + d);
            for l in 0..3u8 {
                let x = level(c, u32::from(l));
                push(Fnv::new(tag + l).byte((x >> 8) as u8).byte(x as u8));
            }
        }
        for (a, b, tag) in [(-1i32, 0i32, 85u8), (0, 1, 86)] {
            let (x, y) = (level(cl(i32_ + a), 1), level(cl(i32_ + b), 1));
            push(
                Fnv::new(tag)
                    .byte((x >> 8) as u8)
                    .byte(x as u8)
                    .byte((y >> 8) as u8)
                    .byte(y as u8),
            );
        }
        let seen = |j: i32| -> u8 {
            if j < 0 || j >= n as i32 {
                0xff
            } else {
                self.seen[j as usize]
            }
        };
        push(Fnv::new(62).byte(seen(i32_)));
        push(Fnv::new(140).byte(self.in_names[i]));
        push(
            Fnv::new(63)
                .byte(seen(i32_ - 1))
                .byte(seen(i32_))
                .byte(seen(i32_ + 1)),
        );
        if i >= 1 && i + 1 < n {
            push(Fnv::new(60).byte(self.gaz[i - 1]).byte(self.gaz[i + 1]));
        }
        push(
            Fnv::new(61)
                .byte(self.gap[i])
                .str(if i > 0 { self.norm[i - 1] } else { "" }),
        );
        lexical
    }
}

// ---------------------------------------------------------------------------------------------
// The model

/// The model file: hashed feature keys (sorted, delta-encoded), quantised weights.
#[derive(Serialize, Deserialize, Default)]
struct ModelFile {
    version: u32,
    /// Emission rows: delta-encoded sorted keys, `NL` weights each.
    keys: Vec<u32>,
    weights: Vec<i16>,
    /// Transition weights: (NL + 1 start) × NL.
    trans: Vec<i16>,
    scale: f32,
    /// Fine-class span classifier: classes (index into [`FINE`]), keys and weights.
    fine_classes: Vec<u8>,
    fine_keys: Vec<u32>,
    fine_weights: Vec<i16>,
    fine_scale: f32,
    /// Words FANE's annotators tagged O nearly always (see [`Model::is_common`]).
    common: Vec<String>,
    /// Words seen at least 10 times in training that were a whole one-word name in under 5% of
    /// them (الولايات، الاتحاد، البنك، المصرية): never a name on their own.
    not_alone: Vec<String>,
    /// Hashes of the words seen at least [`KNOWN_MIN`] times in training (delta-encoded).
    known: Vec<u32>,
    /// Word clusters: hashes of the words (sorted, delta-encoded) and their clusters.
    cluster_keys: Vec<u32>,
    cluster_ids: Vec<u32>,
    /// The second pass (the first's features and the document's, see `DocVotes`): emission
    /// weights for the same keys, transitions, scale.
    weights2: Vec<i16>,
    trans2: Vec<i16>,
    scale2: f32,
    /// Names of the training data ([`NameTable`]): phrase hashes (sorted, delta-encoded), codes.
    name_keys: Vec<u32>,
    name_codes: Vec<u8>,
}

const VERSION: u32 = 3;

/// A loaded tagger.
pub struct Model {
    rows: HashMap<u32, u32>,
    w: Vec<f32>,
    trans: Vec<f32>,
    w2: Vec<f32>,
    trans2: Vec<f32>,
    fine_classes: Vec<u8>,
    fine_rows: HashMap<u32, u32>,
    fine_w: Vec<f32>,
    common: HashSet<String>,
    not_alone: HashSet<String>,
    known: HashSet<u32>,
    clusters: HashMap<u32, u32>,
    names: NameTable,
}

fn word_hash(w: &str) -> u32 {
    Fnv::new(200).str(w).0
}

/// A name the tagger found: tokens `[start, end)`, its type and fine class (index into [`FINE`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub start: usize,
    pub end: usize,
    pub kind: EntityKind,
    pub fine: Option<u8>,
}

/// The fine class's display name ("politician", "city"…).
pub fn fine_name(i: u8) -> &'static str {
    FINE.get(i as usize).map_or("", |f| f.2)
}

fn quantise(w: &[f32]) -> (Vec<i16>, f32) {
    let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
    let scale = max / 32767.0;
    (
        w.iter().map(|x| (x / scale).round() as i16).collect(),
        scale,
    )
}

fn delta(keys: &[u32]) -> Vec<u32> {
    let mut prev = 0;
    keys.iter()
        .map(|&k| {
            let d = k - prev;
            prev = k;
            d
        })
        .collect()
}
fn undelta(d: &[u32]) -> Vec<u32> {
    let mut acc = 0u32;
    d.iter()
        .map(|&x| {
            acc = acc.wrapping_add(x);
            acc
        })
        .collect()
}

impl Model {
    /// Read a model file (postcard).
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, String> {
        let f: ModelFile = postcard::from_bytes(bytes).map_err(|e| e.to_string())?;
        if f.version != VERSION {
            return Err(format!(
                "NER model version {} (expected {VERSION})",
                f.version
            ));
        }
        let keys = undelta(&f.keys);
        let fine_keys = undelta(&f.fine_keys);
        Ok(Model {
            rows: keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect(),
            w: f.weights.iter().map(|&x| f32::from(x) * f.scale).collect(),
            trans: f.trans.iter().map(|&x| f32::from(x) * f.scale).collect(),
            w2: f
                .weights2
                .iter()
                .map(|&x| f32::from(x) * f.scale2)
                .collect(),
            trans2: f.trans2.iter().map(|&x| f32::from(x) * f.scale2).collect(),
            fine_rows: fine_keys
                .iter()
                .enumerate()
                .map(|(i, &k)| (k, i as u32))
                .collect(),
            fine_w: f
                .fine_weights
                .iter()
                .map(|&x| f32::from(x) * f.fine_scale)
                .collect(),
            fine_classes: f.fine_classes,
            common: f.common.into_iter().collect(),
            not_alone: f.not_alone.into_iter().collect(),
            known: undelta(&f.known).into_iter().collect(),
            names: NameTable(
                undelta(&f.name_keys)
                    .into_iter()
                    .zip(f.name_codes)
                    .collect(),
            ),
            clusters: undelta(&f.cluster_keys)
                .into_iter()
                .zip(f.cluster_ids)
                .collect(),
        })
    }

    /// A word (normalised, proclitics and article off) that FANE's annotators tagged O in at
    /// least 20 of its training occurrences and as a name in under 5%: a common word, never an
    /// entity's name or alias on its own.
    pub fn is_common(&self, word: &str) -> bool {
        self.common.contains(word) || self.common.contains(bare_of(word).as_str())
    }

    /// A word that FANE shows is (almost) never a name on its own (see `ModelFile::not_alone`),
    /// also a [`Model::is_common`] word.
    pub fn never_alone(&self, word: &str) -> bool {
        self.is_common(word)
            || self.not_alone.contains(word)
            || self.not_alone.contains(bare_of(word).as_str())
    }

    pub fn common_words(&self) -> impl Iterator<Item = &str> {
        self.common.iter().map(String::as_str)
    }

    /// Tag one text (as the analyser tokenised it), as a document of its own.
    pub(crate) fn tag(&self, seg: &Seg, gaz: &Gazetteer) -> Vec<Span> {
        self.tag_passes(std::slice::from_ref(seg), gaz)
            .pop()
            .unwrap_or_default()
    }

    /// Emission scores of a sentence's tokens under one pass's weights; `extra` adds features.
    fn emissions(
        &self,
        prep: &Prep,
        w: &[f32],
        mut extra: impl FnMut(usize, &mut Vec<u32>),
    ) -> Vec<[f32; NL]> {
        let mut feats = Vec::with_capacity(64);
        let mut em = vec![[0f32; NL]; prep.len()];
        for (i, e) in em.iter_mut().enumerate() {
            prep.features(i, &mut feats);
            extra(i, &mut feats);
            for f in &feats {
                if let Some(&r) = self.rows.get(f) {
                    let row = &w[r as usize * NL..(r as usize + 1) * NL];
                    for l in 0..NL {
                        e[l] += row[l];
                    }
                }
            }
        }
        em
    }

    /// Both passes over a document's texts: the first tags each text, the second again with
    /// what the first found in the whole document (`DocVotes`).
    fn tag_passes(&self, segs: &[Seg], gaz: &Gazetteer) -> Vec<Vec<Span>> {
        let info = |w: &str| {
            let h = word_hash(w);
            (
                self.known.contains(&h),
                self.clusters.get(&h).copied().unwrap_or(NO_CLUSTER),
            )
        };
        let preps: Vec<Prep> = segs
            .iter()
            .map(|s| Prep::new(s, gaz, &info, &self.names))
            .collect();
        let first: Vec<Vec<u8>> = preps
            .iter()
            .map(|p| {
                if p.len() == 0 {
                    return Vec::new();
                }
                let em = self.emissions(p, &self.w, |_, _| {});
                viterbi(&em, |a, b| self.trans[a * NL + b])
            })
            .collect();
        let votes = DocVotes::new(preps.iter().map(|p| p.bare.as_slice()), &first);
        preps
            .iter()
            .zip(&first)
            .map(|(p, l1)| {
                if p.len() == 0 {
                    return Vec::new();
                }
                let em = self.emissions(p, &self.w2, |i, f| votes.features(&p.bare, l1, i, f));
                let labels = viterbi(&em, |a, b| self.trans2[a * NL + b]);
                self.spans(p, &labels)
            })
            .collect()
    }

    fn spans(&self, prep: &Prep, labels: &[u8]) -> Vec<Span> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < labels.len() {
            let Some(k) = kind_of(labels[i]) else {
                i += 1;
                continue;
            };
            let mut j = i + 1;
            while j < labels.len() && labels[j] == b_of(k) + 1 && !prep.split[j] {
                j += 1;
            }
            let kind = KINDS[k];
            let fine = self.fine(prep, i, j, kind);
            out.push(Span {
                start: i,
                end: j,
                kind,
                fine,
            });
            i = j;
        }
        out
    }

    fn fine(&self, prep: &Prep, s: usize, e: usize, kind: EntityKind) -> Option<u8> {
        let nc = self.fine_classes.len();
        if nc == 0 {
            return None;
        }
        let mut score = vec![0f32; nc];
        let mut feats = Vec::new();
        span_features(prep, s, e, &mut feats);
        for f in &feats {
            if let Some(&r) = self.fine_rows.get(f) {
                for (c, sc) in score.iter_mut().enumerate() {
                    *sc += self.fine_w[r as usize * nc + c];
                }
            }
        }
        (0..nc)
            .filter(|&c| FINE[self.fine_classes[c] as usize].1 == kind)
            .max_by(|&a, &b| score[a].total_cmp(&score[b]))
            .map(|c| self.fine_classes[c])
    }
}

fn span_features(prep: &Prep, s: usize, e: usize, out: &mut Vec<u32>) {
    out.clear();
    out.push(Fnv::new(100).0);
    for i in s..e {
        out.push(Fnv::new(101).str(&prep.bare[i]).0);
        let chars: Vec<char> = prep.bare[i].chars().collect();
        if chars.len() >= 3 {
            let s3: String = chars[chars.len() - 3..].iter().collect();
            out.push(Fnv::new(102).str(&s3).0);
        }
    }
    out.push(Fnv::new(103).byte((e - s).min(4) as u8).0);
    out.push(Fnv::new(104).byte(prep.gaz[s]).0);
    for (d, tag) in [(1usize, 105u8), (2, 106)] {
        if s >= d {
            out.push(Fnv::new(tag).str(&prep.bare[s - d]).0);
        }
    }
    if e < prep.len() {
        out.push(Fnv::new(107).str(&prep.bare[e]).0);
    }
    out.push(Fnv::new(108).str(&prep.bare[s]).str(&prep.bare[e - 1]).0);
}

/// Best label sequence under the I-after-B/I constraint; `trans(prev, cur)`, prev = NL for start.
fn viterbi(em: &[[f32; NL]], trans: impl Fn(usize, usize) -> f32) -> Vec<u8> {
    let n = em.len();
    let mut score = vec![[f32::NEG_INFINITY; NL]; n];
    let mut back = vec![[0u8; NL]; n];
    for c in 0..NL {
        if allowed(None, c as u8) {
            score[0][c] = em[0][c] + trans(NL, c);
        }
    }
    for i in 1..n {
        let prev = score[i - 1];
        for c in 0..NL {
            let mut best = (f32::NEG_INFINITY, 0u8);
            for (p, &sp) in prev.iter().enumerate() {
                if sp == f32::NEG_INFINITY || !allowed(Some(p as u8), c as u8) {
                    continue;
                }
                let s = sp + trans(p, c);
                if s > best.0 {
                    best = (s, p as u8);
                }
            }
            score[i][c] = best.0 + em[i][c];
            back[i][c] = best.1;
        }
    }
    let mut last = (0..NL)
        .max_by(|&a, &b| score[n - 1][a].total_cmp(&score[n - 1][b]))
        .unwrap_or(0) as u8;
    let mut out = vec![0u8; n];
    for i in (0..n).rev() {
        out[i] = last;
        last = back[i][last as usize];
    }
    out
}

/// The model's bytes as shipped (`data/ner/model.bin`, CC BY-SA 3.0): the `fahras` command line
/// also hands them to the browser's importer, whose wasm leaves them out (see [`install`]).
#[cfg(feature = "ner-model")]
pub const MODEL_BYTES: &[u8] = include_bytes!("../../data/ner/model.bin");

/// The model given at run time by a build without the `ner-model` feature.
static INSTALLED: std::sync::OnceLock<Model> = std::sync::OnceLock::new();

/// Gives a build without the built-in model (the browser's importer, which loads the 7 MB of
/// weights only when a reader imports) the model's bytes. A second call keeps the first model.
pub fn install(bytes: &[u8]) -> Result<(), String> {
    if INSTALLED.get().is_none() {
        let model = Model::from_bytes(bytes)?;
        let _ = INSTALLED.set(model);
    }
    Ok(())
}

/// The tagger's model: the one shipped with the core (feature `ner-model`), else the one given
/// by [`install`]. The explorer app has neither: it only shows the stored entity table.
pub fn builtin() -> Option<&'static Model> {
    #[cfg(feature = "ner-model")]
    {
        static M: std::sync::OnceLock<Option<Model>> = std::sync::OnceLock::new();
        if let Some(m) = M
            .get_or_init(|| Model::from_bytes(MODEL_BYTES).ok())
            .as_ref()
        {
            return Some(m);
        }
    }
    INSTALLED.get()
}

// ---------------------------------------------------------------------------------------------
// Training data (FANE) and the held-out split

/// A gold name: (start token, end token, kind, fine class index into [`FINE`]).
type GoldSpan = (usize, usize, EntityKind, u8);

/// One FANE sentence rebuilt as text, with gold spans over the analyser's tokens.
pub struct Sentence {
    pub text: String,
    /// (start token, end token, kind, fine class index into [`FINE`]).
    pub spans: Vec<(usize, usize, EntityKind, u8)>,
}

/// Sentences per block of the held-out split.
pub const BLOCK: usize = 50;

/// The held-out rule. FANE has no document ids, so documents are approximated by contiguous
/// blocks of [`BLOCK`] sentences (articles run 20–40 sentences): every tenth block (block index
/// ≡ 9 mod 10) is held out for evaluation and never trained on.
pub fn is_heldout(sentence_index: usize) -> bool {
    (sentence_index / BLOCK) % 10 == 9
}

/// Parse a FANE file (`token<TAB>BIO-tag`, blank line between sentences).
pub fn read_fane(text: &str) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut cur: Vec<(String, String)> = Vec::new();
    for line in text.lines().chain(std::iter::once("")) {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.is_empty() {
                out.push(sentence(&std::mem::take(&mut cur)));
            }
            continue;
        }
        let (tok, tag) = line.split_once('\t').unwrap_or((line, "O"));
        let tok: String = tok
            .chars()
            .filter(|c| !matches!(c, '\u{200E}' | '\u{200F}'))
            .collect();
        if tok.trim().is_empty() {
            continue;
        }
        cur.push((tok.trim().to_owned(), tag.trim().to_owned()));
    }
    out
}

const PREFIX_TOKENS: &[&str] = &["و", "ف", "ب", "ل", "ك", "س"];
const SUFFIX_TOKENS: &[&str] = &["ه", "ها", "هم", "هما", "هن", "نا", "كم", "كما", "كن", "ي"];

fn sentence(toks: &[(String, String)]) -> Sentence {
    // Text with و glued to the next word, and the label of each FANE token's byte range.
    let mut text = String::new();
    let mut ranges: Vec<(usize, usize, u8, Option<u8>, bool)> = Vec::new(); // (s, e, label, fine, B)
    let arabic_word = |t: &str| {
        t.chars().count() >= 2 && t.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
    };
    let mut glue = false;
    for (n, (tok, tag)) in toks.iter().enumerate() {
        // FANE splits clitics off (و القاهرة، ب مكة، ان ه، مقدمة ها); the analyser sees them
        // glued, so they are glued back: proclitics to the next word, pronouns to the previous.
        let suffix = n > 0 && SUFFIX_TOKENS.contains(&tok.as_str()) && arabic_word(&toks[n - 1].0);
        if !text.is_empty() && !glue && !suffix {
            text.push(' ');
        }
        let s = text.len();
        match tok.strip_prefix('ا') {
            // ل + الاتحاد is written للاتحاد.
            Some(rest) if glue && text.ends_with('ل') && rest.starts_with('ل') => {
                text.push_str(rest)
            }
            _ => text.push_str(tok),
        }
        glue = PREFIX_TOKENS.contains(&tok.as_str())
            && toks.get(n + 1).is_some_and(|t| arabic_word(&t.0));
        let (bio, class) = tag.split_once('-').unwrap_or(("O", ""));
        let fine = FINE.iter().position(|f| f.0 == class);
        let label = match fine {
            Some(f) if bio == "B" || bio == "I" => {
                b_of(kind_index(FINE[f].1)) + u8::from(bio == "I")
            }
            _ => 0,
        };
        ranges.push((s, text.len(), label, fine.map(|f| f as u8), bio == "B"));
    }
    let toks = crate::text::tokenize(&text);
    let mut labels = vec![0u8; toks.len()];
    let mut fines = vec![None; toks.len()];
    let mut src = vec![usize::MAX; toks.len()];
    for (t, tok) in toks.iter().enumerate() {
        if let Some((ri, r)) = ranges
            .iter()
            .enumerate()
            .find(|(_, r)| r.0 < tok.end && tok.start < r.1 && r.2 != 0)
        {
            labels[t] = r.2;
            fines[t] = r.3;
            src[t] = ri;
        }
    }
    // Repair BIO: I after something else starts a name; a FANE token split in two stays one.
    for t in 0..labels.len() {
        let l = labels[t];
        if l == 0 {
            continue;
        }
        let prev = if t > 0 { labels[t - 1] } else { 0 };
        let same_src = t > 0 && src[t] == src[t - 1];
        if is_inside(l) && (prev == 0 || kind_of(prev) != kind_of(l)) {
            labels[t] = l - 1;
        } else if !is_inside(l) && same_src && prev != 0 && kind_of(prev) == kind_of(l) {
            labels[t] = l + 1;
        }
    }
    let mut spans = Vec::new();
    let mut i = 0;
    while i < labels.len() {
        match kind_of(labels[i]) {
            None => i += 1,
            Some(k) => {
                let mut j = i + 1;
                while j < labels.len() && labels[j] == b_of(k) + 1 {
                    j += 1;
                }
                spans.push((i, j, KINDS[k], fines[i].unwrap_or(0)));
                i = j;
            }
        }
    }
    Sentence { text, spans }
}

fn gold_labels(s: &Sentence, n: usize) -> Vec<u8> {
    let mut l = vec![0u8; n];
    for &(a, b, k, _) in &s.spans {
        let bk = b_of(kind_index(k));
        l[a] = bk;
        for x in &mut l[a + 1..b] {
            *x = bk + 1;
        }
    }
    l
}

// ---------------------------------------------------------------------------------------------
// Training

/// Averaged-perceptron weights with the lazy averaging trick (w − u/c).
struct Avg {
    w: Vec<f32>,
    u: Vec<f32>,
}
impl Avg {
    fn new(n: usize) -> Avg {
        Avg {
            w: vec![0.0; n],
            u: vec![0.0; n],
        }
    }
    fn add(&mut self, i: usize, v: f32, c: f32) {
        self.w[i] += v;
        self.u[i] += c * v;
    }
    fn averaged(&self, c: f32) -> Vec<f32> {
        self.w.iter().zip(&self.u).map(|(w, u)| w - u / c).collect()
    }
}

/// Per token: its feature rows, the word-identity ones first, and how many those are.
type Tok = (Vec<u32>, usize);

/// Folds (by document) of the first-pass labels the second pass is trained on.
const FOLDS: usize = 5;

/// Averaged structured perceptron on the sentences `which` of `data`: (emissions, transitions).
fn fit(
    data: &[(Vec<Tok>, Vec<u8>)],
    which: &[usize],
    nrows: usize,
    epochs: usize,
    dropout: u64,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let mut em_w = Avg::new(nrows * NL);
    let mut tr_w = Avg::new((NL + 1) * NL);
    let mut c = 1f32;
    let mut order: Vec<usize> = which.to_vec();
    let mut rng = 0x2545_f491_4f6c_dd1du64 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for _ in 0..epochs {
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        for &si in &order {
            let (toks, gold) = &data[si];
            let fs: Vec<&[u32]> = toks
                .iter()
                .map(|(f, nlex)| {
                    rng ^= rng << 13;
                    rng ^= rng >> 7;
                    rng ^= rng << 17;
                    if rng % 100 < dropout {
                        &f[*nlex..]
                    } else {
                        &f[..]
                    }
                })
                .collect();
            let em: Vec<[f32; NL]> = fs
                .iter()
                .map(|f| {
                    let mut e = [0f32; NL];
                    for &r in f.iter() {
                        for (l, x) in e.iter_mut().enumerate() {
                            *x += em_w.w[r as usize * NL + l];
                        }
                    }
                    e
                })
                .collect();
            let pred = viterbi(&em, |p, q| tr_w.w[p * NL + q]);
            if pred != *gold {
                for i in 0..gold.len() {
                    let (g, p) = (gold[i] as usize, pred[i] as usize);
                    if g != p {
                        for &r in fs[i] {
                            em_w.add(r as usize * NL + g, 1.0, c);
                            em_w.add(r as usize * NL + p, -1.0, c);
                        }
                    }
                    let gp = if i == 0 { NL } else { gold[i - 1] as usize };
                    let pp = if i == 0 { NL } else { pred[i - 1] as usize };
                    if (gp, g) != (pp, p) {
                        tr_w.add(gp * NL + g, 1.0, c);
                        tr_w.add(pp * NL + p, -1.0, c);
                    }
                }
            }
            c += 1.0;
        }
    }
    (em_w.averaged(c), tr_w.averaged(c))
}

/// Trainings (shuffles) averaged into each pass's weights: held-out F1 +0.6 on Wikipedia, the
/// same on news, twice the training time.
const RUNS: u64 = 3;

/// [`fit`] with [`RUNS`] shuffles, weights summed (a scale the quantiser takes out).
fn fit_runs(
    data: &[(Vec<Tok>, Vec<u8>)],
    which: &[usize],
    nrows: usize,
    epochs: usize,
    dropout: u64,
    seed: u64,
) -> (Vec<f32>, Vec<f32>) {
    let (mut em, mut tr) = fit(data, which, nrows, epochs, dropout, seed * RUNS);
    for run in 1..RUNS {
        let (e, t) = fit(data, which, nrows, epochs, dropout, seed * RUNS + run);
        em.iter_mut().zip(e).for_each(|(a, b)| *a += b);
        tr.iter_mut().zip(t).for_each(|(a, b)| *a += b);
    }
    (em, tr)
}

/// The best labels of a sentence under averaged weights.
fn decode(toks: &[Tok], em_w: &[f32], tr_w: &[f32]) -> Vec<u8> {
    let em: Vec<[f32; NL]> = toks
        .iter()
        .map(|(f, _)| {
            let mut e = [0f32; NL];
            for &r in f {
                for (l, x) in e.iter_mut().enumerate() {
                    *x += em_w[r as usize * NL + l];
                }
            }
            e
        })
        .collect();
    viterbi(&em, |p, q| tr_w[p * NL + q])
}

/// The first pass's labels of a document, by word (bare form): the second pass's features.
struct DocVotes<'a> {
    /// Per word: uses labelled O, person, place, organisation.
    votes: HashMap<&'a str, [u32; 4]>,
}

impl<'a> DocVotes<'a> {
    fn new(bares: impl Iterator<Item = &'a [String]>, labels: &[Vec<u8>]) -> DocVotes<'a> {
        let mut votes: HashMap<&'a str, [u32; 4]> = HashMap::default();
        for (bs, ls) in bares.zip(labels) {
            for (b, &l) in bs.iter().zip(ls) {
                votes.entry(b.as_str()).or_default()[kind_of(l).map_or(0, |k| k + 1)] += 1;
            }
        }
        DocVotes { votes }
    }

    /// Features of token `i` of a sentence (its bare forms, first-pass labels).
    fn features(&self, bares: &[String], labels: &[u8], i: usize, out: &mut Vec<u32>) {
        let l = labels[i];
        let mut c = self
            .votes
            .get(bares[i].as_str())
            .copied()
            .unwrap_or_default();
        let own = kind_of(l).map_or(0, |k| k + 1);
        c[own] = c[own].saturating_sub(1);
        out.push(Fnv::new(94).byte(l).0);
        let prev = if i > 0 { labels[i - 1] } else { 9 };
        let next = labels.get(i + 1).copied().unwrap_or(9);
        out.push(Fnv::new(96).byte(prev).byte(l).byte(next).0);
        let total: u32 = c.iter().sum();
        if total == 0 {
            out.push(Fnv::new(90).byte(l).0);
            return;
        }
        let maj = (0..4).max_by_key(|&k| (c[k], 4 - k)).unwrap_or(0) as u8;
        for (k, &n) in c.iter().enumerate() {
            if n > 0 {
                out.push(Fnv::new(91).byte(k as u8).0);
            }
        }
        out.push(Fnv::new(92).byte(maj).0);
        out.push(Fnv::new(95).byte(l).byte(maj).0);
        let names = total - c[0];
        out.push(
            Fnv::new(93)
                .byte((names * 4 / total) as u8)
                .byte(total.min(3) as u8)
                .0,
        );
    }
}

/// Train on these sentences (`epochs` passes, a fixed shuffle) and return the model file's bytes.
/// `clusters`: the word clusters ([`super::clusters`]) the model keeps and uses; `seed` picks
/// the shuffles (0 for the shipped model; others show how much one training varies).
pub fn train(
    docs: &[&[Sentence]],
    gaz: &Gazetteer,
    clusters: &[super::clusters::Entry],
    epochs: usize,
    seed: u64,
) -> Vec<u8> {
    // Features once per token; only features seen at least twice get a row.
    // Per sentence: per token (hashed features, how many are word-identity ones), gold labels.
    type Raw = (Vec<(Vec<u32>, usize)>, Vec<u8>);
    let mut data: Vec<Raw> = Vec::new();
    let mut spanfeats: Vec<(Vec<u32>, u8)> = Vec::new();
    let mut counts: HashMap<u32, u32> = HashMap::default();
    let mut o_count: HashMap<String, (u32, u32)> = HashMap::default();
    // Per word: (uses, uses as a whole one-word name).
    let mut alone: HashMap<String, (u32, u32)> = HashMap::default();
    let mut buf = Vec::new();
    let mut word_counts: HashMap<u32, u32> = HashMap::default();
    let sents = || {
        docs.iter()
            .enumerate()
            .flat_map(|(d, s)| s.iter().map(move |s| (d, s)))
    };
    let mut doc_of: Vec<usize> = Vec::new();
    let mut bares: Vec<Vec<String>> = Vec::new();
    for (_, s) in sents() {
        for t in crate::text::tokenize(&s.text) {
            *word_counts.entry(word_hash(&bare_of(&t.norm))).or_default() += 1;
        }
    }
    let mut known_set: Vec<u32> = word_counts
        .iter()
        .filter(|&(_, &c)| c >= KNOWN_MIN)
        .map(|(&h, _)| h)
        .collect();
    known_set.sort_unstable();
    let mut cluster_map: Vec<(u32, u32)> = clusters
        .iter()
        .map(|(w, ids)| (word_hash(w), pack_clusters(ids)))
        .collect();
    cluster_map.sort_unstable();
    cluster_map.dedup_by_key(|x| x.0);
    let cluster_of: HashMap<u32, u32> = cluster_map.iter().copied().collect();
    let known = |w: &str| {
        let h = word_hash(w);
        (
            word_counts.get(&h).is_some_and(|&c| c >= KNOWN_MIN),
            cluster_of.get(&h).copied().unwrap_or(NO_CLUSTER),
        )
    };
    // Names of the training data: the table kept in the model is the whole training data's;
    // each training document sees the table of the other folds' documents, so the feature
    // is as reliable in training as on new text.
    let sent_bares: Vec<(usize, Vec<String>, &[GoldSpan])> = sents()
        .map(|(d, s)| {
            let seg = Seg::new(&s.text);
            let b = (0..seg.len()).map(|i| bare_of(seg.norm(i))).collect();
            (d, b, s.spans.as_slice())
        })
        .collect();
    let table_of = |fold: Option<usize>| {
        NameTable::build(
            sent_bares
                .iter()
                .filter(move |x| fold.is_none_or(|f| x.0 % FOLDS != f))
                .map(|x| (x.1.as_slice(), x.2)),
        )
    };
    let fold_names: Vec<NameTable> = (0..FOLDS).map(|f| table_of(Some(f))).collect();
    let mut name_list: Vec<(u32, u8)> = table_of(None).0.into_iter().collect();
    name_list.sort_unstable();
    for (d, s) in sents() {
        let seg = Seg::new(&s.text);
        if seg.len() == 0 {
            continue;
        }
        let prep = Prep::new(&seg, gaz, &known, &fold_names[d % FOLDS]);
        let gold = gold_labels(s, seg.len());
        let mut fs = Vec::with_capacity(seg.len());
        for (i, &g) in gold.iter().enumerate() {
            let lexical = prep.features(i, &mut buf);
            for &f in &buf {
                *counts.entry(f).or_default() += 1;
            }
            fs.push((buf.clone(), lexical));
            let e = o_count.entry(prep.bare[i].clone()).or_default();
            if g == 0 {
                e.0 += 1;
            } else {
                e.1 += 1;
            }
        }
        for (i, b) in prep.bare.iter().enumerate() {
            let whole = s.spans.iter().any(|&(a, e, _, _)| a == i && e == i + 1);
            let e = alone.entry(b.clone()).or_default();
            e.0 += 1;
            e.1 += u32::from(whole);
        }
        for &(a, b, _, fine) in &s.spans {
            span_features(&prep, a, b, &mut buf);
            spanfeats.push((buf.clone(), fine));
        }
        data.push((fs, gold));
        doc_of.push(d);
        bares.push(prep.bare.clone());
    }
    let mut keys: Vec<u32> = counts
        .iter()
        .filter(|&(_, &c)| c >= 2)
        .map(|(&k, _)| k)
        .collect();
    keys.sort_unstable();
    let mut row: HashMap<u32, u32> = keys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let rows_of = |row: &HashMap<u32, u32>, f: &[u32], lexical: usize| -> Tok {
        let rows = |part: &[u32]| -> Vec<u32> {
            part.iter().filter_map(|k| row.get(k).copied()).collect()
        };
        let mut r = rows(&f[..lexical]);
        let nlex = r.len();
        r.extend(rows(&f[lexical..]));
        (r, nlex)
    };
    let data1: Vec<(Vec<Tok>, Vec<u8>)> = data
        .iter()
        .map(|(fs, g)| {
            (
                fs.iter()
                    .map(|(f, lexical)| rows_of(&row, f, *lexical))
                    .collect(),
                g.clone(),
            )
        })
        .collect();

    if std::env::var_os("FAHRAS_NER_DEBUG").is_some() {
        let toks: usize = data1.iter().map(|d| d.1.len()).sum();
        let feats: usize = data1
            .iter()
            .flat_map(|d| d.0.iter().map(|t| t.0.len()))
            .sum();
        eprintln!(
            "{} sentences, {toks} tokens, {feats} active features, {} rows",
            data1.len(),
            keys.len()
        );
    }
    let dropout = WORD_DROPOUT;
    let all: Vec<usize> = (0..data1.len()).collect();
    let (em1, tr1) = fit_runs(&data1, &all, keys.len(), epochs, dropout, seed);

    // The second pass's document features need first-pass labels like those it will see at
    // run time: each fold's labels come from a first pass trained on the other folds.
    let mut first: Vec<Vec<u8>> = vec![Vec::new(); data1.len()];
    for fold in 0..FOLDS {
        let (train_part, test_part): (Vec<usize>, Vec<usize>) =
            all.iter().partition(|&&si| doc_of[si] % FOLDS != fold);
        let (em, tr) = fit(
            &data1,
            &train_part,
            keys.len(),
            epochs,
            dropout,
            seed * RUNS,
        );
        for si in test_part {
            first[si] = decode(&data1[si].0, &em, &tr);
        }
    }
    // Second-pass features: the first's plus the document's.
    let mut doc_feats: Vec<Vec<Vec<u32>>> = Vec::with_capacity(data.len());
    let mut dcounts: HashMap<u32, u32> = HashMap::default();
    let mut si = 0;
    while si < data.len() {
        let mut sj = si;
        while sj < data.len() && doc_of[sj] == doc_of[si] {
            sj += 1;
        }
        let votes = DocVotes::new(bares[si..sj].iter().map(|b| b.as_slice()), &first[si..sj]);
        for k in si..sj {
            let fs: Vec<Vec<u32>> = (0..bares[k].len())
                .map(|i| {
                    let mut v = Vec::new();
                    votes.features(&bares[k], &first[k], i, &mut v);
                    for &f in &v {
                        *dcounts.entry(f).or_default() += 1;
                    }
                    v
                })
                .collect();
            doc_feats.push(fs);
        }
        si = sj;
    }
    let mut dkeys: Vec<u32> = dcounts
        .iter()
        .filter(|&(k, &c)| c >= 2 && !row.contains_key(k))
        .map(|(&k, _)| k)
        .collect();
    dkeys.sort_unstable();
    for &k in &dkeys {
        let r = keys.len() as u32;
        keys.push(k);
        row.insert(k, r);
    }
    let data2: Vec<(Vec<Tok>, Vec<u8>)> = data1
        .into_iter()
        .zip(&doc_feats)
        .map(|((toks, g), dfs)| {
            (
                toks.into_iter()
                    .zip(dfs)
                    .map(|((mut r, nlex), df)| {
                        r.extend(df.iter().filter_map(|k| row.get(k).copied()));
                        (r, nlex)
                    })
                    .collect(),
                g,
            )
        })
        .collect();
    let (em2, tr2) = fit_runs(&data2, &all, keys.len(), epochs, dropout, seed);

    // Rows whose weights are all under 1% of the largest (in both passes) are dropped: that
    // costs nothing measurable on the held-out F1 and a fifth of the file.
    let max1 = em1.iter().fold(0f32, |m, x| m.max(x.abs()));
    let max2 = em2.iter().fold(0f32, |m, x| m.max(x.abs()));
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_unstable_by_key(|&r| keys[r]);
    let mut kept_keys = Vec::new();
    let (mut kept1, mut kept2) = (Vec::new(), Vec::new());
    for r in order {
        let w1: &[f32] = if (r + 1) * NL <= em1.len() {
            &em1[r * NL..(r + 1) * NL]
        } else {
            &[0.0; NL]
        };
        let w2 = &em2[r * NL..(r + 1) * NL];
        if w1.iter().any(|x| x.abs() >= max1 / 100.0) || w2.iter().any(|x| x.abs() >= max2 / 100.0)
        {
            kept_keys.push(keys[r]);
            kept1.extend_from_slice(w1);
            kept2.extend_from_slice(w2);
        }
    }
    let quant = |em: &[f32], tr: &[f32]| {
        let mut all = em.to_vec();
        all.extend_from_slice(tr);
        let (q, scale) = quantise(&all);
        let (w, t) = q.split_at(em.len());
        (w.to_vec(), t.to_vec(), scale)
    };
    let (weights, trans, scale) = quant(&kept1, &tr1);
    let (weights2, trans2, scale2) = quant(&kept2, &tr2);

    // Fine classes: a multiclass averaged perceptron over gold spans.
    let mut classes: Vec<u8> = spanfeats.iter().map(|s| s.1).collect();
    classes.sort_unstable();
    classes.dedup();
    let nc = classes.len();
    let mut fkeys: Vec<u32> = spanfeats.iter().flat_map(|s| s.0.iter().copied()).collect();
    fkeys.sort_unstable();
    fkeys.dedup();
    let frow: HashMap<u32, u32> = fkeys
        .iter()
        .enumerate()
        .map(|(i, &k)| (k, i as u32))
        .collect();
    let mut fw = Avg::new(fkeys.len() * nc);
    let mut fc = 1f32;
    for _ in 0..epochs {
        for (feats, fine) in &spanfeats {
            let kind = FINE[*fine as usize].1;
            let mut sc = vec![0f32; nc];
            for k in feats {
                let r = frow[k] as usize;
                for (ci, s) in sc.iter_mut().enumerate() {
                    *s += fw.w[r * nc + ci];
                }
            }
            let pred = (0..nc)
                .filter(|&ci| FINE[classes[ci] as usize].1 == kind)
                .max_by(|&a, &b| sc[a].total_cmp(&sc[b]))
                .unwrap_or(0);
            let gold = classes.iter().position(|x| x == fine).unwrap_or(0);
            if pred != gold {
                for k in feats {
                    let r = frow[k] as usize;
                    fw.add(r * nc + gold, 1.0, fc);
                    fw.add(r * nc + pred, -1.0, fc);
                }
            }
            fc += 1.0;
        }
    }
    let (fine_weights, fine_scale) = quantise(&fw.averaged(fc));

    let mut common: Vec<String> = o_count
        .into_iter()
        .filter(|(w, (o, e))| *o >= 20 && (*e as f32) < 0.05 * (*o + *e) as f32 && !w.is_empty())
        .map(|(w, _)| w)
        .collect();
    common.sort();
    let mut not_alone: Vec<String> = alone
        .into_iter()
        .filter(|(w, (n, a))| *n >= 10 && (*a as f32) < 0.05 * *n as f32 && !w.is_empty())
        .map(|(w, _)| w)
        .collect();
    not_alone.sort();

    let file = ModelFile {
        version: VERSION,
        keys: delta(&kept_keys),
        weights,
        trans,
        scale,
        fine_classes: classes,
        fine_keys: delta(&fkeys),
        fine_weights,
        fine_scale,
        common,
        not_alone,
        known: delta(&known_set),
        cluster_keys: delta(&cluster_map.iter().map(|x| x.0).collect::<Vec<_>>()),
        cluster_ids: cluster_map.iter().map(|x| x.1).collect(),
        weights2,
        trans2,
        scale2,
        name_keys: delta(&name_list.iter().map(|x| x.0).collect::<Vec<_>>()),
        name_codes: name_list.iter().map(|x| x.1).collect(),
    };
    postcard::to_allocvec(&file).expect("model serialises")
}

// ---------------------------------------------------------------------------------------------
// Evaluation on FANE

/// Exact-span micro counts per type: (tp, fp, fn) for person, place, organisation.
///
/// Sentences are read as documents of [`BLOCK`] sentences (the unit of the held-out split), so
/// the second pass reads a whole document as it reads an article at build time.
pub fn evaluate(model: &Model, sents: &[Sentence], gaz: &Gazetteer) -> [(u32, u32, u32); 3] {
    let mut out = [(0u32, 0u32, 0u32); 3];
    for doc in sents.chunks(BLOCK) {
        let segs: Vec<Seg> = doc.iter().map(|s| Seg::new(&s.text)).collect();
        let tagged = model.tag_doc(&segs, gaz);
        for (s, spans) in doc.iter().zip(&tagged) {
            score_one(s, spans, &mut out);
        }
    }
    out
}

fn score_one(s: &Sentence, spans: &[Span], out: &mut [(u32, u32, u32); 3]) {
    {
        let pred: HashSet<(usize, usize, usize)> = spans
            .iter()
            .map(|p| (p.start, p.end, kind_index(p.kind)))
            .collect();
        let gold: HashSet<(usize, usize, usize)> = s
            .spans
            .iter()
            .map(|&(a, b, k, _)| (a, b, kind_index(k)))
            .collect();
        // A debugging aid: each miss and false alarm on stderr.
        if std::env::var_os("FAHRAS_NER_MISSES").is_some() {
            let toks = crate::text::tokenize(&s.text);
            let show = |a: usize, b: usize| {
                toks[a..b]
                    .iter()
                    .map(|t| &s.text[t.start..t.end])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            for p in pred.difference(&gold) {
                eprintln!("FP {} [{}]", p.2, show(p.0, p.1));
            }
            for g in gold.difference(&pred) {
                let ctx = show(g.0.saturating_sub(3), (g.1 + 3).min(toks.len()));
                eprintln!("FN {} [{}] … {}", g.2, show(g.0, g.1), ctx);
            }
        }
        for p in &pred {
            if gold.contains(p) {
                out[p.2].0 += 1;
            } else {
                out[p.2].1 += 1;
            }
        }
        for g in &gold {
            if !pred.contains(g) {
                out[g.2].2 += 1;
            }
        }
    }
}

/// The held-out (or training) part of a FANE corpus, by [`is_heldout`].
pub fn split(sents: Vec<Sentence>, heldout: bool) -> Vec<Sentence> {
    sents
        .into_iter()
        .enumerate()
        .filter(|(i, _)| is_heldout(*i) == heldout)
        .map(|(_, s)| s)
        .collect()
}

/// Read a gzipped FANE file (`NewsFANE_Gold_2014_170K.txt.gz`…).
#[cfg(feature = "zip")]
pub fn read_fane_gz(path: &std::path::Path) -> std::io::Result<Vec<Sentence>> {
    use std::io::Read;
    let mut text = String::new();
    flate2::read::GzDecoder::new(std::fs::File::open(path)?).read_to_string(&mut text)?;
    Ok(read_fane(&text))
}

/// The two FANE corpora: (name, file name), news first.
pub const FANE_FILES: [(&str, &str); 2] = [
    ("news", "NewsFANE_Gold_2014_170K.txt.gz"),
    ("wikipedia", "WikiFANE_Gold_2014_500K.txt.gz"),
];

impl Model {
    /// Tag the texts of one document (an article's title and blocks). The second pass reads
    /// what the first found elsewhere in the document (`DocVotes`: بنحسي after حسناء بنحسي),
    /// so a name is tagged alike across the article. (It replaced a rule that gave a word the
    /// type of any name it was part of, everywhere in the document: that rule cost 1–2 points
    /// of held-out F1 on top of the second pass, person precision mostly.)
    pub(crate) fn tag_doc(&self, segs: &[Seg], gaz: &Gazetteer) -> Vec<Vec<Span>> {
        self.tag_passes(segs, gaz)
    }

    /// Tag a plain text (tokenised by the analyser): the spans over its tokens.
    pub fn tag_text(&self, text: &str, gaz: &Gazetteer) -> Vec<Span> {
        self.tag(&Seg::new(text), gaz)
    }
}
