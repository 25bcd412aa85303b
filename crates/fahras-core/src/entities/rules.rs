//! Rules for names the gazetteer does not know.
//!
//! - People: a known given name followed by name-like words ("كيريل دميترييف"); a title and
//!   the words that belong to it, then a name ("المتحدث باسم الكرملين دميتري بيسكوف",
//!   "المدرب البرتغالي جورجي جيسوس"), also between commas ("…للرئيس الروسي، كيريل دميترييف،");
//!   a name in apposition before a title ("كيريل دميترييف، المبعوث…").
//! - Organisations: a descriptor then a name, quoted or not ("موقع “أكسيوس”", "شركة روسنفت");
//!   a head word and its complement ("وزارة الخزانة", "جامعة القاهرة"); a ministry named by its
//!   portfolio and a nationality adjective ("الخارجية الروسية").
//! - Places: a trigger then a name ("مدينة ميامي", "ولايات تكيرداغ وبورصة").
//!
//! A word is "name-like" when it is not a function word, frequent verb, common noun, title,
//! nationality adjective, month, or a place/organisation the gazetteer knows. Without a given
//! name, a title must be followed by two name-like words (one is too easily a verb or a noun),
//! unless commas frame the name.

use super::gazetteer::Gazetteer;
use super::lexicon::{lexicon, Lexicon};
use super::matcher::{Cand, Seg, Target, PRIO_RULE};
use super::EntityKind;

const OPEN_QUOTES: &[char] = &['“', '«', '"', '\'', '‘', '„'];
const CLOSE_QUOTES: &[char] = &['”', '»', '"', '\'', '’', '“'];
const MAX_NAME_TOKENS: usize = 6;
const MAX_TAIL: usize = 8;

pub(crate) struct Rules<'a> {
    seg: &'a Seg<'a>,
    gaz: &'a Gazetteer,
    lex: &'static Lexicon,
    /// The dictionary match starting at each token, if any.
    dict: &'a [Option<Cand>],
    /// Tokens inside a dictionary match: a trigger there is part of a known name
    /// ("الولايات" of الولايات المتحدة, "مجلس" of مجلس الأمن).
    covered: Vec<bool>,
}

/// A name found: tokens `[start, end)`, proclitic chars to skip on the first, content words.
struct Name {
    start: usize,
    end: usize,
    prefix: usize,
    content: usize,
    given: bool,
}

/// A nationality adjective in any gender/number, with or without the article.
pub(crate) fn is_nationality(gaz: &Gazetteer, w: &str) -> bool {
    let w = strip_article(w);
    if gaz.adjectives.contains_key(w) {
        return true;
    }
    ["ه", "ين", "ون", "ان", "تين", "تان", "ات"]
        .iter()
        .any(|suf| {
            w.strip_suffix(suf)
                .is_some_and(|stem| stem.ends_with('ي') && gaz.adjectives.contains_key(stem))
        })
}

fn strip_article(w: &str) -> &str {
    w.strip_prefix("ال")
        .filter(|r| r.chars().count() >= 2)
        .unwrap_or(w)
}

impl<'a> Rules<'a> {
    pub fn new(seg: &'a Seg<'a>, gaz: &'a Gazetteer, dict: &'a [Option<Cand>]) -> Rules<'a> {
        let mut covered = vec![false; seg.len()];
        for c in dict.iter().flatten() {
            for x in &mut covered[c.tok_start..c.tok_end] {
                *x = true;
            }
        }
        Rules {
            seg,
            gaz,
            lex: lexicon(),
            dict,
            covered,
        }
    }

    /// A nationality adjective in any gender/number, with or without the article.
    pub fn is_adjective(&self, w: &str) -> bool {
        is_nationality(self.gaz, w)
    }

    fn known_word(&self, w: &str) -> bool {
        let l = self.lex;
        l.stop.contains(w)
            || l.verbs.contains(w)
            || l.common.contains(w)
            || l.titles.contains(w)
            || l.months.contains_key(w)
            || l.place_triggers.contains(w)
            || l.org_descriptors.contains(w)
            || l.org_heads.contains(w)
            || self.is_adjective(w)
    }

    /// The gazetteer knows this single word as a place or an organisation.
    fn is_non_person_alias(&self, w: &str) -> bool {
        let kind_of = |k: &str| {
            self.gaz
                .index
                .get(k)
                .map(|&e| self.gaz.entries[e as usize].kind)
        };
        [w.to_owned(), format!("ال{w}")]
            .iter()
            .any(|k| matches!(kind_of(k), Some(EntityKind::Place | EntityKind::Org)))
    }

    fn word_shape_ok(w: &str) -> bool {
        w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
    }

    fn verb_like(&self, w: &str) -> bool {
        let n = w.chars().count();
        self.lex.verbs.contains(w)
            || (w.starts_with(['ي', 'ت']) && (3..=5).contains(&n) && !self.gaz.given_names.contains(w))
            // سيلتقي، ستعقد، سنعمل: the future prefix on an imperfect verb.
            || (["سي", "ست", "سن"].iter().any(|p| w.starts_with(p)) && (4..=6).contains(&n))
    }

    /// Tanween (ـً ـٍ ـٌ) marks an indefinite noun or adverb (قادماً): never a name.
    fn has_tanween(&self, j: usize) -> bool {
        let t = &self.seg.toks[j];
        self.seg.text[t.start..t.end]
            .chars()
            .any(|c| ('\u{064B}'..='\u{064D}').contains(&c))
    }

    /// Token `j` continues a name (whole word, no proclitic).
    fn continues_name(&self, j: usize) -> bool {
        let w = self.seg.norm(j);
        if !Self::word_shape_ok(w)
            || self.known_word(w)
            || self.is_non_person_alias(w)
            || self.has_tanween(j)
        {
            return false;
        }
        if let Some(rest) = w.strip_prefix("ال") {
            if self.known_word(rest) || rest.chars().count() < 2 {
                return false;
            }
        }
        // "ونظيره", "وموسكو": a conjunction on a known word starts something else; "بالاتفاق",
        // "للرئيس": a preposition fused with the article never sits inside a name.
        let conj = w.starts_with(['و', 'ف']);
        !self.seg.readings(j).iter().skip(1).any(|r| {
            (r.article_taken && r.prefix_chars > 2)
                || ((conj || r.article_taken)
                    && (self.known_word(&r.rest)
                        || self.is_non_person_alias(&r.rest)
                        || self.gaz.index.contains_key(&r.rest)))
        })
    }

    /// A preposition fused with the article (بال، لل، وبال): never inside or before a name.
    /// A bare conjunction + article may begin a foreign name (والتز، فالديس).
    fn fused_article(w: &str, r: &super::matcher::Reading) -> bool {
        r.article_taken
            && r.prefix_chars > 2
            && !matches!(
                w.chars().take(r.prefix_chars).collect::<String>().as_str(),
                "وال" | "فال"
            )
            || r.article_taken && w.starts_with("لل")
    }

    /// The first word of a name at token `k`: (proclitic chars, is a given name).
    fn first_word(&self, k: usize, allow_clitic: bool) -> Option<(usize, bool)> {
        let readings = self.seg.readings(k);
        if allow_clitic {
            if let Some(r) = readings
                .iter()
                .find(|r| self.gaz.given_names.contains(&r.rest))
            {
                return Some((r.prefix_chars, true));
            }
        } else if self.gaz.given_names.contains(self.seg.norm(k)) {
            return Some((0, true));
        }
        let w = self.seg.norm(k);
        if w.starts_with("ال")
            || !Self::word_shape_ok(w)
            || self.known_word(w)
            || self.is_non_person_alias(w)
            || self.has_tanween(k)
        {
            return None;
        }
        // بالكرملين، للرئيس، ونظيره: a preposition fused with the article, or a clitic on a known
        // word, is not a name. A bare conjunction + article may be a name (والتز، فالديس).
        if readings.iter().skip(1).any(|r| {
            Self::fused_article(w, r)
                || self.known_word(&r.rest)
                || self.is_non_person_alias(&r.rest)
                || (r.article_taken && self.known_word(&format!("ال{}", r.rest)))
        }) {
            return None;
        }
        Some((0, false))
    }

    /// A person's name starting at token `k`.
    ///
    /// After a foreign given name (or none), one surname follows, plus particles (دي، فون،
    /// دا…) and what they introduce. After an Arabic given name the chain may go on: بن/عبد/آل
    /// + a word, family names with the article (الصباح), and further given names (محمد حمدان).
    fn name_at(&self, k: usize, allow_clitic: bool) -> Option<Name> {
        let seg = self.seg;
        let person_at = |j: usize| {
            self.dict[j].as_ref().is_some_and(|c| match &c.target {
                Target::Gaz(e) => self.gaz.entries[*e as usize].kind == EntityKind::Person,
                Target::Found { kind, .. } => *kind == EntityKind::Person,
                Target::Date(_) => false,
            })
        };
        if person_at(k) {
            return None; // the dictionary knows this name
        }
        let (prefix, mut given) = self.first_word(k, allow_clitic)?;
        let first = seg
            .readings(k)
            .iter()
            .find(|r| r.prefix_chars == prefix)
            .map(|r| r.rest.clone())
            .unwrap_or_default();
        let arabic = given && self.gaz.arabic_given.contains(&first);
        let mut content = 1;
        let mut j = k + 1;
        // عبد الله، أبو مازن: the connector is the first word.
        if !given && self.lex.connectors.contains(first.as_str()) {
            if j < seg.len()
                && seg.joined(j)
                && Self::word_shape_ok(seg.norm(j))
                && !self.lex.stop.contains(seg.norm(j))
            {
                given = true;
                j += 1;
            } else {
                return None;
            }
        }
        let mut end = j;
        while j < seg.len() && seg.joined(j) && j - k < MAX_NAME_TOKENS {
            if self.dict[j].is_some() && !person_at(j) {
                break;
            }
            let w = seg.norm(j);
            if self.lex.connectors.contains(w) {
                // بن نافل، عبد الله، آل ثاني، دا سيلفا: the particle and the word after it.
                let next_ok = j + 1 < seg.len()
                    && seg.joined(j + 1)
                    && Self::word_shape_ok(seg.norm(j + 1))
                    && !self.lex.stop.contains(seg.norm(j + 1))
                    && !self.has_tanween(j + 1);
                if !next_ok {
                    break;
                }
                j += 2;
                end = j;
                content += 1;
                continue;
            }
            let first_after = j == k + 1;
            let article = w.starts_with("ال");
            let fits = if arabic {
                first_after || article || self.gaz.given_names.contains(w)
            } else {
                first_after && !article
            };
            if !fits || !self.continues_name(j) {
                break;
            }
            content += 1;
            j += 1;
            end = j;
        }
        Some(Name {
            start: k,
            end,
            prefix,
            content,
            given,
        })
    }

    fn person(&self, n: &Name) -> Cand {
        self.cand(n.start, n.prefix, n.end, EntityKind::Person)
    }

    fn cand(&self, start: usize, prefix: usize, end: usize, kind: EntityKind) -> Cand {
        let seg = self.seg;
        let first = seg
            .readings(start)
            .iter()
            .find(|r| r.prefix_chars == prefix)
            .map(|r| r.rest.clone());
        let mut key = first.unwrap_or_else(|| seg.norm(start).to_owned());
        for j in start + 1..end {
            key.push(' ');
            key.push_str(seg.norm(j));
        }
        Cand {
            tok_start: start,
            tok_end: end,
            byte_start: seg.start_after_prefix(start, prefix),
            byte_end: seg.toks[end - 1].end,
            prio: PRIO_RULE,
            fine: None,
            target: Target::Found { kind, key },
        }
    }

    fn has_title(&self, i: usize) -> bool {
        self.seg.readings(i).iter().any(|r| {
            self.lex.titles.contains(&r.rest)
                || (r.article_taken && self.lex.titles.contains(&format!("ال{}", r.rest)))
        })
    }

    /// Skip the words that belong to a title starting after token `i`. Returns the token where
    /// the name would start and whether a comma stands before it.
    fn skip_title_tail(&self, i: usize) -> Option<(usize, bool)> {
        let seg = self.seg;
        let mut j = i + 1;
        let mut n = 0;
        while j < seg.len() && n < MAX_TAIL {
            if !seg.joined(j) {
                let p = seg.punct_before(j);
                return (p == "،" || p == ",").then_some((j, true));
            }
            if let Some(c) = &self.dict[j] {
                let person = match &c.target {
                    Target::Gaz(e) => self.gaz.entries[*e as usize].kind == EntityKind::Person,
                    Target::Found { kind, .. } => *kind == EntityKind::Person,
                    Target::Date(_) => false,
                };
                if person {
                    return None; // "للرئيس الروسي فلاديمير بوتين": the title's person is named
                }
                j = c.tok_end;
                n += 1;
                continue;
            }
            let w = seg.norm(j);
            let tail =
                self.lex.title_tail.contains(w)
                    || self.has_title(j)
                    || self.is_adjective(w)
                    || (w.starts_with("ال") && !self.lex.stop.contains(w))
                    || seg.readings(j).iter().skip(1).any(|r| {
                        Self::fused_article(w, r) || self.lex.title_tail.contains(&r.rest)
                    });
            if !tail {
                return Some((j, false));
            }
            j += 1;
            n += 1;
        }
        None
    }

    fn title_rule(&self, i: usize, out: &mut Vec<Cand>) {
        if self.covered[i] || !self.has_title(i) {
            return;
        }
        let Some((k, comma)) = self.skip_title_tail(i) else {
            return;
        };
        if k >= self.seg.len() || self.dict[k].is_some() {
            return;
        }
        let Some(name) = self.name_at(k, false) else {
            return;
        };
        if comma {
            // "…للرئيس الروسي، كيريل دميترييف، عن": commas frame the name.
            if name.end >= self.seg.len() || !self.seg.punct_before(name.end).is_empty() {
                out.push(self.person(&name));
            }
            return;
        }
        if name.given || (name.content >= 2 && !self.verb_like(self.seg.norm(k))) {
            out.push(self.person(&name));
        }
    }

    fn given_name_rule(&self, i: usize, out: &mut Vec<Cand>) {
        if let Some(name) = self.name_at(i, true) {
            if name.given && name.content >= 2 {
                out.push(self.person(&name));
            }
        }
    }

    /// "NAME، المبعوث…": up to three name-like words before a comma that a title follows.
    fn apposition_rule(&self, k: usize, out: &mut Vec<Cand>) {
        let seg = self.seg;
        if k == 0
            || seg.joined(k)
            || !matches!(seg.punct_before(k).as_str(), "،" | ",")
            || !self.has_title(k)
        {
            return;
        }
        let end = k;
        let mut start = end;
        while start > 0 && self.first_word(start - 1, false).is_some() {
            start -= 1;
            if end - start == 3 || !seg.joined(start) {
                break;
            }
        }
        // "وصل كيريل دميترييف،": drop a verb before the name (by shape only when a name of
        // two words would remain: يوهان is a name, يصل a verb).
        while start < end
            && (self.lex.verbs.contains(seg.norm(start))
                || (end - start > 2 && self.verb_like(seg.norm(start))))
        {
            start += 1;
        }
        let content = end - start;
        if content == 0 {
            return;
        }
        let before_ok =
            start == 0 || !seg.joined(start) || self.lex.verbs.contains(seg.norm(start - 1));
        if content >= 2 || before_ok {
            out.push(self.cand(start, 0, end, EntityKind::Person));
        }
    }

    fn org_rules(&self, i: usize, out: &mut Vec<Cand>) {
        let seg = self.seg;
        let lex = self.lex;
        if self.covered[i] {
            return;
        }
        let Some(r) = seg
            .readings(i)
            .iter()
            .find(|r| lex.org_descriptors.contains(&r.rest) || lex.org_heads.contains(&r.rest))
        else {
            return;
        };
        let j = i + 1;
        if j >= seg.len() || self.dict[j].is_some() {
            return;
        }
        let gap = seg.gap_before(j);
        // Quoted name: “أكسيوس”, «الرياضية».
        if gap.contains(OPEN_QUOTES)
            && gap
                .chars()
                .all(|c| c.is_whitespace() || OPEN_QUOTES.contains(&c))
        {
            let mut end = j + 1;
            while end < seg.len() && end - j < 5 && seg.joined(end) {
                end += 1;
            }
            let closed = end >= seg.len()
                || seg.gap_before(end).contains(CLOSE_QUOTES)
                || seg.text[seg.toks[end - 1].end..]
                    .trim_start()
                    .starts_with(CLOSE_QUOTES);
            if closed && !self.dict[j..end].iter().any(Option::is_some) {
                out.push(self.cand(j, 0, end, EntityKind::Org));
            }
            return;
        }
        if !seg.joined(j) {
            return;
        }
        if lex.org_heads.contains(&r.rest)
            && !r.article_taken
            && self.head_rule(i, r.prefix_chars, out)
        {
            return;
        }
        if !lex.org_descriptors.contains(&r.rest) {
            return;
        }
        // Lists after a plural: "شركات مثل فولكسفاغن ومرسيدس".
        let mut k = j;
        if lex.plural_triggers.contains(&r.rest) {
            if lex.list_intro.contains(seg.norm(k)) && k + 1 < seg.len() && seg.joined(k + 1) {
                k += 1;
            }
            self.list(k, EntityKind::Org, false, out);
            return;
        }
        let w = seg.norm(k);
        if w.starts_with("ال") {
            if lex.org_descriptors_article.contains(&r.rest) && self.continues_name(k) {
                out.push(self.cand(k, 0, k + 1, EntityKind::Org));
            }
            return;
        }
        if self.first_word(k, false).is_none()
            || self.verb_like(w)
            || w.chars().count() < 3
            || (w.ends_with('ه') && w.chars().count() > 3)
        {
            return;
        }
        let mut end = k + 1;
        while end < seg.len()
            && end - k < 3
            && seg.joined(end)
            && self.dict[end].is_none()
            && self.continues_name(end)
            && !seg.norm(end).starts_with("ال")
        {
            end += 1;
        }
        out.push(self.cand(k, 0, end, EntityKind::Org));
    }

    /// "وزارة الخزانة", "وزارة الدفاع الروسية", "جامعة القاهرة", "إدارة الكوارث والطوارئ".
    fn head_rule(&self, i: usize, prefix: usize, out: &mut Vec<Cand>) -> bool {
        let seg = self.seg;
        let j = i + 1;
        let w = seg.norm(j);
        let complement = w.starts_with("ال")
            && !self.lex.stop.contains(w)
            && !self.known_word(w)
            && !self.known_word(strip_article(w))
            && !self.has_title(j)
            && !self.lex.months.contains_key(strip_article(w));
        if !complement {
            return false;
        }
        let mut end = j + 1;
        if end < seg.len() && seg.joined(end) {
            let next = seg.norm(end);
            // `و` is two bytes in UTF-8: strip it as a char, never by byte index.
            let rest = next.strip_prefix('و').filter(|r| r.starts_with("ال"));
            if rest.is_some_and(|r| !self.known_word(r)) {
                end += 1;
            }
        }
        if end < seg.len() && seg.joined(end) {
            let next = seg.norm(end);
            if self.is_adjective(next)
                || QUALIFIERS
                    .iter()
                    .any(|q| crate::text::normalizes_to(q, next))
            {
                end += 1;
            }
        }
        out.push(self.cand(i, prefix, end, EntityKind::Org));
        true
    }

    /// "الخارجية الروسية": a portfolio and a feminine nationality adjective.
    fn ministry_rule(&self, i: usize, out: &mut Vec<Cand>) {
        let seg = self.seg;
        if self.covered[i] {
            return;
        }
        let Some(r) = seg
            .readings(i)
            .iter()
            .find(|r| self.lex.portfolios.contains(&r.rest))
        else {
            return;
        };
        let j = i + 1;
        if j >= seg.len() || !seg.joined(j) {
            return;
        }
        let adj = seg.norm(j);
        if !(adj.starts_with("ال") && adj.ends_with('ه') && self.is_adjective(adj)) {
            return;
        }
        if i > 0 && seg.joined(i) && r.prefix_chars == 0 {
            let before = seg.norm(i - 1);
            if self.lex.not_ministry_before.contains(before)
                || self.lex.org_heads.contains(before)
                || self.has_title(i - 1)
            {
                return;
            }
        }
        out.push(self.cand(i, r.prefix_chars, j + 1, EntityKind::Org));
    }

    fn place_rule(&self, i: usize, out: &mut Vec<Cand>) {
        let seg = self.seg;
        let lex = self.lex;
        if self.covered[i] {
            return;
        }
        let Some(r) = seg
            .readings(i)
            .iter()
            .find(|r| lex.place_triggers.contains(&r.rest))
        else {
            return;
        };
        let mut k = i + 1;
        let mut adjs = 0;
        while k < seg.len()
            && seg.joined(k)
            && adjs < 2
            && self.dict[k].is_none()
            && (self.is_adjective(seg.norm(k)) || lex.common.contains(seg.norm(k)))
        {
            k += 1;
            adjs += 1;
        }
        if k >= seg.len() || !seg.joined(k) || self.dict[k].is_some() {
            return;
        }
        let trigger = if r.article_taken {
            format!("ال{}", r.rest)
        } else {
            r.rest.clone()
        };
        let w = seg.norm(k);
        if w.starts_with("ال") {
            if lex.place_triggers_article.contains(&trigger) && self.continues_name(k) {
                out.push(self.cand(k, 0, k + 1, EntityKind::Place));
                self.list(k + 1, EntityKind::Place, true, out);
            }
            return;
        }
        if self.first_word(k, false).is_none() || self.verb_like(w) {
            return;
        }
        let mut end = k + 1;
        let second = |j: usize| !seg.norm(j).starts_with("ال") && !seg.norm(j).starts_with('و');
        if end < seg.len()
            && seg.joined(end)
            && self.dict[end].is_none()
            && self.continues_name(end)
            && second(end)
        {
            end += 1;
        }
        out.push(self.cand(k, 0, end, EntityKind::Place));
        if lex.plural_triggers.contains(&trigger) {
            self.list(end, EntityKind::Place, true, out);
        }
    }

    /// A coordinated list of one-word names from token `k`: "X وY وZ", "X، Y وZ". When
    /// `continued`, an item is already behind and the next must be joined by و or a comma.
    fn list(&self, mut k: usize, kind: EntityKind, mut continued: bool, out: &mut Vec<Cand>) {
        let seg = self.seg;
        while k < seg.len() && self.dict[k].is_none() {
            let p = seg.punct_before(k);
            let comma = p == "،" || p == ",";
            if continued && !(p.is_empty() || comma) {
                break;
            }
            let conj = seg
                .readings(k)
                .iter()
                .find(|r| r.prefix_chars == 1 && seg.norm(k).starts_with('و'));
            let (prefix, rest) = match conj {
                Some(r) if continued => (1, r.rest.clone()),
                _ if !continued || comma => (0, seg.norm(k).to_owned()),
                _ => break,
            };
            let ok = Self::word_shape_ok(&rest)
                && !rest.starts_with("ال")
                && !self.known_word(&rest)
                && !self.is_non_person_alias(&rest)
                && !self.verb_like(&rest);
            if !ok {
                break;
            }
            out.push(self.cand(k, prefix, k + 1, kind));
            continued = true;
            k += 1;
        }
    }

    /// All rule candidates of the segment.
    pub fn find(&self) -> Vec<Cand> {
        let mut out = Vec::new();
        for i in 0..self.seg.len() {
            self.given_name_rule(i, &mut out);
            self.title_rule(i, &mut out);
            self.apposition_rule(i, &mut out);
            self.org_rules(i, &mut out);
            self.ministry_rule(i, &mut out);
            self.place_rule(i, &mut out);
        }
        out
    }
}

/// Adjectives that may close an organisation's name after its complement.
const QUALIFIERS: &[&str] = &[
    "الدولي",
    "الدولية",
    "العالمي",
    "العالمية",
    "الأوروبي",
    "الأوروبية",
    "العربي",
    "العربية",
    "الإسلامي",
    "الإسلامية",
    "الوطني",
    "الوطنية",
    "الأعلى",
    "العليا",
    "المركزي",
    "المركزية",
    "الاتحادي",
    "الاتحادية",
    "الفيدرالي",
    "الفيدرالية",
];
