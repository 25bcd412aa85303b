//! Light stemming that never mangles names.
//!
//! Why not `rust-stemmers` (Snowball Arabic)? Snowball strips by rule alone, with no idea which
//! words exist, so it cuts names that merely look inflected: Pagefind, which uses it, turns
//! بوتين into وتين and ميامي into ميام. A news archive is full of foreign names, so this stemmer
//! asks the corpus instead: a cut is made only when the corpus shows the pieces are real.
//!
//! - Names in the caller's `protected` set (the entity gazetteer) are never cut; a protected
//!   word is also what a clitic-bearing word reduces to (وويتكوف → ويتكوف).
//! - The article (ال، لل، وال، بال، كال، فال …) is always peeled when at least three letters
//!   remain: no name begins with a glued article, and peeling it is what makes الرئيس and رئيس
//!   meet.
//! - A one-letter proclitic chain (و ف ب ك ل, وب، فل …) is peeled only when the rest is a word of
//!   the corpus more frequent than the whole word (as frequent, for و ف). Clitic forms are rarer than their
//!   base (وروسيا < روسيا, لواشنطن < واشنطن), while a name that starts with one of these letters
//!   is more frequent than any accidental rest (بوتين ≫ وتين), so this reads both right.
//! - A suffix is cut only when the corpus holds a sibling form of the would-be stem with a
//!   different suffix (العلاقات → علاق because علاقة exists; بوتين keeps its ين because no
//!   بوت، بوتات، بوته … exists), and stems keep at least three letters.
//!
//! The same function runs at build time and at query time over the same [`Lexicon`] (the
//! index's dictionary with document frequencies and the protected words it stored), so a word is
//! reduced identically on both sides.

use super::clitics::proclitic_splits;

/// What the stemmer may consult about the corpus.
pub trait Lexicon {
    /// A name never to cut (normalised spelling).
    fn is_protected(&self, word: &str) -> bool;
    /// In how many documents `word` (normalised, whole) occurs; 0 if it is not a corpus word.
    fn freq(&self, word: &str) -> u32;
}

/// Suffixes in normalised spelling (ة→ه, ى→ي), longest first. Compound forms (ته، اتها، يين)
/// are listed whole because the pieces are ambiguous on their own.
pub const SUFFIXES: &[&str] = &[
    "اتهما",
    "اتهم",
    "اتها",
    "اتكم",
    "اتنا",
    "تهما",
    "يتان",
    "يتين",
    "اته",
    "تها",
    "تهم",
    "تنا",
    "تكم",
    "يات",
    "يون",
    "يين",
    "يان",
    "هما",
    "كما",
    "يه",
    "ته",
    "ات",
    "ان",
    "ين",
    "ون",
    "ها",
    "هم",
    "هن",
    "كم",
    "نا",
    "وا",
    "ي",
    "ه",
];

/// Fewest letters a stem keeps: Arabic roots have three.
pub const MIN_STEM: usize = 3;

fn is_arabic_letter(c: char) -> bool {
    ('\u{0621}'..='\u{064A}').contains(&c)
}

fn char_len(s: &str) -> usize {
    s.chars().count()
}

fn has_article(prefix: &str) -> bool {
    prefix.ends_with("ال") || prefix.ends_with("لل")
}

/// A word counts as present with or without the article (علاقة is attested by العلاقة).
fn attested<L: Lexicon + ?Sized>(lex: &L, word: &str, buf: &mut String) -> u32 {
    buf.clear();
    buf.push_str("ال");
    buf.push_str(word);
    lex.freq(word).saturating_add(lex.freq(buf))
}

/// The word without its proclitics, as the corpus supports it (see the module docs).
/// `word` must be normalised. Whole word first: a protected word is returned as is.
pub fn strip_proclitics<'a, L: Lexicon + ?Sized>(word: &'a str, lex: &L) -> &'a str {
    if lex.is_protected(word) {
        return word;
    }
    let splits = proclitic_splits(word);
    if let Some(&(_, rest)) = splits.iter().skip(1).find(|&&(_, r)| lex.is_protected(r)) {
        return rest;
    }
    let mut buf = String::new();
    let mut best = word;
    let mut best_freq = lex.freq(word);
    // Splits come by increasing prefix length; each longer peel must be at least as frequent as
    // the form kept so far, so فبوتين stops at بوتين and does not go on to وتين.
    for &(prefix, rest) in splits.iter().skip(1) {
        if char_len(rest) < MIN_STEM {
            continue;
        }
        let freq = attested(lex, rest, &mut buf);
        // A tie peels a conjunction (و ف: وأمريكا / أمريكا once each) but not a preposition:
        // names start with ب ك ل far more often (بوتين / وتين once each stays بوتين).
        let conj_only = prefix.chars().all(|c| matches!(c, 'و' | 'ف'));
        let enough = if conj_only {
            freq >= best_freq
        } else {
            freq > best_freq
        };
        if has_article(prefix) || (freq > 0 && enough) {
            best = rest;
            best_freq = freq;
        }
    }
    // A second article belongs to the word itself (الالتزام = ال + التزام), so peel it too, as
    // التزام and والتزام are.
    if best.len() < word.len() && word[..word.len() - best.len()].ends_with("ال") {
        if let Some(inner) = best.strip_prefix("ال") {
            if char_len(inner) >= MIN_STEM && !lex.is_protected(best) {
                best = inner;
            }
        }
    }
    best
}

/// Whether the corpus holds another form of `stem` than `stem + suffix`: the bare stem (when it
/// is long enough to be unambiguous) or the stem with a suffix that begins with another letter
/// (ولايات is no evidence that ولاية ends in يه: both share the ي, which is a root letter).
fn supported<L: Lexicon + ?Sized>(lex: &L, stem: &str, suffix: &str, buf: &mut String) -> bool {
    if char_len(stem) > MIN_STEM && attested(lex, stem, buf) > 0 {
        return true;
    }
    let mut form = String::with_capacity(stem.len() + 12);
    SUFFIXES.iter().any(|&other| {
        if other.chars().next() == suffix.chars().next() {
            return false;
        }
        form.clear();
        form.push_str(stem);
        form.push_str(other);
        attested(lex, &form, buf) > 0
    })
}

/// The stem of an already proclitic-free `base`: at most two suffixes cut, each one only when
/// [`supported`]. Words with digits, Latin letters or `+` are left whole.
pub fn strip_suffixes<'a, L: Lexicon + ?Sized>(base: &'a str, lex: &L) -> &'a str {
    if lex.is_protected(base) || !base.chars().all(is_arabic_letter) {
        return base;
    }
    let mut buf = String::new();
    let mut cur = base;
    for _ in 0..2 {
        let next = SUFFIXES.iter().find_map(|&suffix| {
            let stem = cur.strip_suffix(suffix)?;
            (char_len(stem) >= MIN_STEM && supported(lex, stem, suffix, &mut buf)).then_some(stem)
        });
        match next {
            Some(stem) if !lex.is_protected(cur) => cur = stem,
            _ => break,
        }
    }
    cur
}

/// How a protected name (normalised) is stored: without a glued article when at least
/// [`MIN_STEM`] letters remain (الكرملين → كرملين). The article is always peeled, and لل / وال
/// replace it (للكرملين، والكرملين), so the bare name is what every spelling of it reduces to.
pub fn protected_form(name: &str) -> &str {
    match name.strip_prefix("ال") {
        Some(rest) if char_len(rest) >= MIN_STEM && rest.chars().all(is_arabic_letter) => rest,
        _ => name,
    }
}

/// The stem of a normalised word: proclitics, then suffixes, both checked against `lex`.
/// Always a substring of `word`, never empty for a non-empty word.
pub fn stem<'a, L: Lexicon + ?Sized>(word: &'a str, lex: &L) -> &'a str {
    let base = strip_proclitics(word, lex);
    strip_suffixes(base, lex)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize;
    use std::collections::{BTreeSet, HashMap};

    struct Lex {
        freq: HashMap<String, u32>,
        protected: BTreeSet<String>,
    }

    impl Lexicon for Lex {
        fn is_protected(&self, w: &str) -> bool {
            self.protected.contains(w)
        }
        fn freq(&self, w: &str) -> u32 {
            self.freq.get(w).copied().unwrap_or(0)
        }
    }

    /// A lexicon as a news corpus would give it: `word:docs` pairs (raw spelling).
    fn lex(entries: &str, protected: &[&str]) -> Lex {
        let freq = entries
            .split_whitespace()
            .map(|e| {
                let (w, n) = e.split_once(':').unwrap_or((e, "1"));
                (normalize(w), n.parse().unwrap_or(1))
            })
            .collect();
        Lex {
            freq,
            protected: protected.iter().map(|w| normalize(w)).collect(),
        }
    }

    fn corpus() -> Lex {
        lex(
            "بوتين:40 وبوتين:3 لبوتين:2 وتين:1 ويتكوف:12 وويتكوف:4 دميترييف:30 لدميترييف:2 \
             واشنطن:25 لواشنطن:3 وواشنطن:5 بيسكوف:3 ميامي:10 بميامي:2 بايدن:9 لبايدن:1 \
             باريس:7 كابول:4 لندن:6 بلندن:1 زيلينسكي:5 لزيلينسكي:1 روسيا:50 وروسيا:20 \
             الكرملين:9 بالكرملين:2 العلاقات:30 العلاقة:10 علاقات:8 علاقته:2 علاقاتها:3 \
             الرئيس:40 رئيس:20 للرئيس:10 الرئيسين:2 الولايات:40 والولايات:10 ولاية:3 ولا:20 \
             الأمريكي:20 أمريكي:10 الأمريكية:25 الأمريكيين:5 أمريكا:10 الخارجية:8 خارج:5 \
             الخارجي:3 المحادثات:20 محادثات:8 محادثة:1 الالتزام:2 التزام:3 والتزام:1 \
             الاقتصادية:10 اقتصادي:8 الاقتصاد:5 ماكرون:3 المسؤول:9 المسؤولين:4",
            &[],
        )
    }

    fn st(word: &str, l: &Lex) -> String {
        stem(&normalize(word), l).to_string()
    }

    #[test]
    fn names_are_never_cut() {
        let l = corpus();
        for name in [
            "بوتين",
            "ويتكوف",
            "دميترييف",
            "واشنطن",
            "بيسكوف",
            "ميامي",
            "بايدن",
            "باريس",
            "كابول",
            "لندن",
            "زيلينسكي",
            "ماكرون",
        ] {
            assert_eq!(st(name, &l), normalize(name), "{name}");
        }
        // Even with an empty lexicon (a name the corpus never saw).
        let empty = lex("", &[]);
        for name in [
            "بوتين",
            "ميامي",
            "بايدن",
            "باريس",
            "كابول",
            "لندن",
            "واشنطن",
            "ويتكوف",
        ] {
            assert_eq!(st(name, &empty), normalize(name), "{name}");
        }
    }

    #[test]
    fn clitics_peel_to_the_name() {
        let l = corpus();
        assert_eq!(st("وويتكوف", &l), "ويتكوف");
        assert_eq!(st("لواشنطن", &l), "واشنطن");
        assert_eq!(st("وواشنطن", &l), "واشنطن");
        assert_eq!(st("لبوتين", &l), "بوتين");
        assert_eq!(st("وبوتين", &l), "بوتين");
        assert_eq!(st("لدميترييف", &l), "دميترييف");
        assert_eq!(st("بميامي", &l), "ميامي");
        assert_eq!(st("لبايدن", &l), "بايدن");
        assert_eq!(st("بلندن", &l), "لندن");
        assert_eq!(st("وروسيا", &l), "روسيا");
        // A query word the corpus never saw peels the same way.
        assert_eq!(st("فبوتين", &l), "بوتين");
        assert_eq!(st("ولزيلينسكي", &l), "زيلينسكي");
    }

    #[test]
    fn unknown_rest_is_not_peeled() {
        let l = corpus();
        // ب + وتين: وتين is a (rare) word, but far rarer than بوتين.
        assert_eq!(st("بوتين", &l), "بوتين");
        // و + لاية: no such word.
        assert_eq!(strip_proclitics(&normalize("ولاية"), &l), "ولايه");
    }

    #[test]
    fn article_and_its_combinations() {
        let l = corpus();
        assert_eq!(st("بالكرملين", &l), "كرملين");
        assert_eq!(st("الكرملين", &l), "كرملين");
        assert_eq!(st("للرئيس", &l), "رييس");
        assert_eq!(st("الرئيس", &l), "رييس");
        assert_eq!(st("والرئيس", &l), "رييس");
        assert_eq!(st("الالتزام", &l), st("التزام", &l));
        assert_eq!(st("والتزام", &l), st("التزام", &l));
    }

    #[test]
    fn suffixes_with_corpus_support() {
        let l = corpus();
        let s = st("العلاقات", &l);
        assert_eq!(s, "علاق");
        for w in ["العلاقة", "علاقات", "علاقته", "علاقاتها"] {
            assert_eq!(st(w, &l), s, "{w}");
        }
        // Nisba forms meet, in both hamza spellings of the input.
        let a = st("أمريكي", &l);
        for w in ["الأمريكي", "الأمريكية", "الأمريكيين", "امريكية", "الامريكيون"]
        {
            assert_eq!(st(w, &l), a, "{w}");
        }
        assert_ne!(st("أمريكا", &l), a, "the country is not the adjective");
        assert_eq!(st("المحادثات", &l), st("محادثة", &l));
        assert_eq!(st("الرئيسين", &l), "رييس");
        assert_eq!(st("الخارجية", &l), st("الخارجي", &l));
        let m = st("المسؤول", &l);
        assert_eq!(st("المسؤولون", &l), m);
        assert_eq!(st("للمسؤولين", &l), m);
    }

    #[test]
    fn ta_marbuta_and_alef_maqsura_are_already_folded() {
        let l = corpus();
        // ة and ه, ى and ي reach the stemmer as one letter, so both spellings stem alike.
        assert_eq!(st("الخارجيه", &l), st("الخارجية", &l));
        assert_eq!(st("العلاقه", &l), st("العلاقة", &l));
        let m = lex("مصطفى:3 لمصطفى:1", &[]);
        assert_eq!(st("لمصطفي", &m), st("مصطفى", &m));
    }

    #[test]
    fn root_letters_are_not_taken_for_suffixes() {
        let l = corpus();
        // الولايات must not fall onto ولا ("and not").
        let s = st("الولايات", &l);
        assert_ne!(s, "ولا");
        assert_eq!(st("والولايات", &l), s);
        assert_eq!(st("ولاية", &l), s);
        assert_eq!(st("ولا", &l), "ولا");
    }

    #[test]
    fn ties_peel_conjunctions_not_prepositions() {
        let l = lex("بوتين:1 وتين:1 وأمريكا:1 أمريكا:1", &[]);
        assert_eq!(st("بوتين", &l), "بوتين");
        assert_eq!(st("وأمريكا", &l), "امريكا");
    }

    #[test]
    fn protected_names_lose_a_glued_article() {
        assert_eq!(protected_form("الكرملين"), "كرملين");
        assert_eq!(protected_form("البيت"), "بيت");
        assert_eq!(protected_form("الري"), "الري");
        assert_eq!(protected_form("بوتين"), "بوتين");
        assert_eq!(protected_form("ال"), "ال");
        let l = lex(
            "الكرملين:3 للكرملين:1 والكرملين:1 كرمل:2 كرملات:1",
            &["كرملين"],
        );
        for w in ["الكرملين", "للكرملين", "والكرملين", "بالكرملين", "كرملين"]
        {
            assert_eq!(stem(w, &l), "كرملين", "{w}");
        }
    }

    #[test]
    fn protected_words_win() {
        let l = lex("وتين:50 بوتين:2 بوتان:4", &["بوتين"]);
        assert_eq!(st("بوتين", &l), "بوتين");
        assert_eq!(st("لبوتين", &l), "بوتين");
        let l = lex("بوتين:2 بوتان:4", &[]);
        // Unprotected, a corpus with بوتان (butane) would let ين go; the gazetteer prevents it.
        assert_eq!(st("بوتين", &l), "بوت");
    }

    #[test]
    fn short_words_digits_latin_and_plus_stay_whole() {
        let l = corpus();
        for w in ["في", "من", "على", "2022", "axios", "اوبك+", "c++"] {
            let n = normalize(w);
            assert_eq!(stem(&n, &l), n, "{w}");
        }
        let d = lex("2022:5", &[]);
        assert_eq!(stem("و2022", &d), "2022");
        assert_eq!(stem("", &d), "");
    }
}
