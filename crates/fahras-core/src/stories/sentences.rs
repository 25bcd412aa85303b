//! Sentences and their keys: what both the story grouping and the alignment compare.
//!
//! A sentence is reduced with the one analyser ([`crate::text`]): tokenised, normalised (so
//! hamza seats, ta marbuta and harakat do not matter) and stemmed against the corpus lexicon
//! (so وروسيا، لروسيا and روسيا are one word). What is kept are its *content* words (function
//! words and words found in most articles dropped), its numbers and the entities mentioned in it.

use crate::entities::{EntityKind, EntityTable};
use crate::hash::HashMap;
use crate::model::Article;
use crate::text::{stem, tokenize, utf16_offset, Lexicon};

/// One sentence of an article: block index and UTF-16 span in that block's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Span {
    pub block: u32,
    pub start: u32,
    pub end: u32,
}

/// What a sentence is compared by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Keys {
    /// Content-word stems in reading order, as stable hashes (for shingles).
    pub seq: Vec<u64>,
    /// The same, sorted and deduplicated (for overlap).
    pub words: Vec<u64>,
    /// Numbers as written in digits (Arabic-Indic digits folded), in order, deduplicated.
    pub numbers: Vec<String>,
    /// Entities mentioned (people, places, organisations), sorted, deduplicated.
    pub entities: Vec<u32>,
    /// Date entities mentioned, sorted, deduplicated.
    pub dates: Vec<u32>,
}

/// Function words (normalised, clitics off) that say nothing about what a sentence reports.
const STOP: &[&str] = &[
    "في",
    "من",
    "الي",
    "علي",
    "عن",
    "مع",
    "ان",
    "انه",
    "انها",
    "الذي",
    "التي",
    "الذين",
    "اللذين",
    "ما",
    "ماذا",
    "لا",
    "لم",
    "لن",
    "قد",
    "كان",
    "كانت",
    "يكون",
    "تكون",
    "هذا",
    "هذه",
    "ذلك",
    "تلك",
    "هو",
    "هي",
    "هم",
    "هما",
    "نحن",
    "انا",
    "كما",
    "او",
    "ام",
    "ثم",
    "حتي",
    "اذا",
    "اذ",
    "لكن",
    "بين",
    "بعد",
    "قبل",
    "عند",
    "منذ",
    "خلال",
    "حول",
    "ضد",
    "دون",
    "غير",
    "كل",
    "بعض",
    "اي",
    "ايضا",
    "وقال",
    "قال",
    "قالت",
    "اضاف",
    "واضاف",
    "اضافت",
    "تابع",
    "اكد",
    "واكد",
    "اكدت",
    "اشار",
    "واشار",
    "اشارت",
    "اوضح",
    "واوضح",
    "اعلن",
    "اعلنت",
    "وفق",
    "وفقا",
    "حيث",
    "التي",
    "هناك",
    "هنا",
    "الان",
    "فيه",
    "فيها",
    "منه",
    "منها",
    "عليه",
    "عليها",
    "اليه",
    "اليها",
    "له",
    "لها",
    "لهم",
    "به",
    "بها",
    "يوم",
    "اليوم",
    "امس",
    "الاحد",
    "الاثنين",
    "الثلاثاء",
    "الاربعاء",
    "الخميس",
    "الجمعه",
    "السبت",
    "the",
    "a",
    "an",
    "of",
    "in",
    "on",
    "and",
    "to",
    "for",
    "is",
    "at",
    "by",
    "with",
];

/// A stable 64-bit hash (FNV-1a): story data must not depend on the process's hash seed.
pub fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Byte ranges of the sentences of `text`: cut after `.` `!` `?` `؟` `؛` `;` `…` (a full stop
/// only before a space or the end, so `3.5` stays whole) and at line breaks; spaces trimmed.
pub fn split(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        let ends = match c {
            '!' | '?' | '؟' | '؛' | ';' | '…' | '\n' => true,
            '.' => next.is_none_or(|n| n.is_whitespace() || n == '.' || n == '"' || n == '»'),
            _ => false,
        };
        if ends {
            // A run of terminators ("..", "؟!") belongs to the sentence it ends.
            let mut end = i + c.len_utf8();
            while let Some(&(j, n)) = chars.peek() {
                if matches!(n, '.' | '!' | '?' | '؟' | '…' | '"' | '»' | ')') {
                    end = j + n.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            push_trimmed(text, start, end, &mut out);
            start = end;
        }
    }
    push_trimmed(text, start, text.len(), &mut out);
    out
}

fn push_trimmed(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if t.chars().any(crate::text::tokenize::is_alnum) {
        out.push((start + lead, start + lead + t.len()));
    }
}

/// Reduces words to content-word keys with the corpus lexicon, remembering each word's answer.
pub struct Analyser<'a, L: Lexicon + ?Sized> {
    lex: &'a L,
    /// A word in more documents than this is too common to tell stories apart.
    max_df: u32,
    memo: HashMap<String, Option<u64>>,
}

impl<'a, L: Lexicon + ?Sized> Analyser<'a, L> {
    /// `docs`: how many articles the lexicon was built from.
    pub fn new(lex: &'a L, docs: usize) -> Self {
        Analyser {
            lex,
            max_df: (docs / 20).max(200) as u32,
            memo: HashMap::default(),
        }
    }

    /// The key of a normalised word, or `None` for a function word or a number.
    pub fn word(&mut self, norm: &str) -> Option<u64> {
        if let Some(&k) = self.memo.get(norm) {
            return k;
        }
        let k = self.compute(norm);
        self.memo.insert(norm.to_owned(), k);
        k
    }

    fn compute(&self, norm: &str) -> Option<u64> {
        if norm.chars().any(|c| c.is_ascii_digit()) || STOP.contains(&norm) {
            return None;
        }
        let s = stem(norm, self.lex);
        if s.chars().count() < 2 || STOP.contains(&s) || self.lex.freq(norm) > self.max_df {
            return None;
        }
        Some(fnv(s.as_bytes()))
    }

    /// The keys of one piece of text (`mentions`: the entities found in it, any order).
    pub fn keys(&mut self, text: &str, mentions: impl Iterator<Item = (u32, bool)>) -> Keys {
        let mut k = Keys::default();
        for t in tokenize(text) {
            let digits: String = t.norm.chars().filter(char::is_ascii_digit).collect();
            if !digits.is_empty() {
                if !k.numbers.contains(&digits) {
                    k.numbers.push(digits);
                }
                continue;
            }
            if let Some(h) = self.word(&t.norm) {
                k.seq.push(h);
            }
        }
        k.words = k.seq.clone();
        k.words.sort_unstable();
        k.words.dedup();
        for (e, is_date) in mentions {
            if is_date {
                k.dates.push(e);
            } else {
                k.entities.push(e);
            }
        }
        for v in [&mut k.entities, &mut k.dates] {
            v.sort_unstable();
            v.dedup();
        }
        k
    }
}

/// One article's sentences (body blocks only; the title is kept apart) with their keys.
#[derive(Debug, Clone, Default)]
pub struct ArticleSentences {
    pub title: Keys,
    pub spans: Vec<Span>,
    pub keys: Vec<Keys>,
}

/// Splits an article into sentences and computes their keys (`mentions`: its entity mentions).
pub fn article_sentences<L: Lexicon + ?Sized>(
    an: &mut Analyser<'_, L>,
    article: &Article,
    mentions: &[crate::entities::Mention],
    table: &EntityTable,
) -> ArticleSentences {
    let kind = |e: u32| {
        table
            .entities
            .get(e as usize)
            .map(|x| x.kind == EntityKind::Date)
    };
    let title_m = mentions
        .iter()
        .filter(|m| m.block.is_none())
        .filter_map(|m| Some((m.entity, kind(m.entity)?)));
    let title = an.keys(&article.title, title_m);
    let mut out = ArticleSentences {
        title,
        ..Default::default()
    };
    for (b, block) in article.blocks.iter().enumerate() {
        for (s, e) in split(&block.text) {
            let (us, ue) = (
                utf16_offset(&block.text, s) as u32,
                utf16_offset(&block.text, e) as u32,
            );
            let inside = mentions
                .iter()
                .filter(|m| m.block == Some(b as u32) && m.start >= us && m.end <= ue)
                .filter_map(|m| Some((m.entity, kind(m.entity)?)));
            let keys = an.keys(&block.text[s..e], inside);
            out.spans.push(Span {
                block: b as u32,
                start: us,
                end: ue,
            });
            out.keys.push(keys);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pieces(t: &str) -> Vec<&str> {
        split(t).into_iter().map(|(s, e)| &t[s..e]).collect()
    }

    #[test]
    fn sentences_end_at_stops_not_inside_numbers() {
        assert_eq!(
            pieces("ارتفع النفط 3.5 في المئة. وقال الوزير: لا تغيير؟ نعم!! "),
            [
                "ارتفع النفط 3.5 في المئة.",
                "وقال الوزير: لا تغيير؟",
                "نعم!!"
            ]
        );
        assert_eq!(pieces("أولا.. ثانيا"), ["أولا..", "ثانيا"]);
        assert!(pieces(" . ").is_empty());
    }

    struct NoLex;
    impl Lexicon for NoLex {
        fn is_protected(&self, _: &str) -> bool {
            false
        }
        fn freq(&self, _: &str) -> u32 {
            1
        }
    }

    #[test]
    fn spelling_and_clitics_do_not_change_keys() {
        let mut an = Analyser::new(&NoLex, 10);
        let a = an.keys("وصل المبعوث الروسي إلى ميامي في ٢٠٢٥", std::iter::empty());
        let b = an.keys("وصل المبعوثُ الروسيّ الى ميامى في 2025", std::iter::empty());
        assert_eq!(a, b);
        assert_eq!(a.numbers, ["2025"]);
        assert_eq!(a.words.len(), 4, "في and إلى are function words");
    }
}
