//! People, places, organisations and dates, found at build time, with aliases.
//!
//! How a corpus is read ([`extract`]):
//! 1. Each title and block is tokenised with the shared analyser ([`crate::text`]).
//! 2. Candidates: dates ([`dates`]), gazetteer names ([`gazetteer`], longest match, each word
//!    tried whole and then without its proclitics: وويتكوف، لواشنطن، بالكرملين، للأمم), and the
//!    rules for names the gazetteer lacks ([`rules`]). Overlaps go to the longest candidate,
//!    then dates, then the gazetteer, then learned names, then the rules.
//! 3. Corpus-level learning: every name the rules found is learned (and a person's surname
//!    with it), then the corpus is read again, so "دميترييف" alone, "لدميترييف" and
//!    "وويتكوف" join "كيريل دميترييف" and "ستيف ويتكوف".
//! 4. The entity table ([`table`]) merges aliases into one entity per gazetteer entry,
//!    rule-found name or date, counts mentions per article, co-occurrence per article, and
//!    applies the corpus's override file ([`overrides`]).
//!
//! Decisions:
//! - Spans cover the name only: no proclitic (و، ب، ل، لل), no title (الرئيس), no descriptor
//!   (شبكة "سي إن إن" → سي إن إن); a head word that is part of a name stays ("وزارة الخزانة").
//! - Nationality adjectives (الروسي، الأمريكية) are not place mentions: a reader expects a
//!   "روسيا" chip, not a "الروسي" one. They do make organisations ("الخارجية الروسية").
//! - Only the title and the blocks are read: text the cleaner removed (navigation, bylines,
//!   summaries…) yields nothing.
//! - Entity ids: the gazetteer's (`person:donald-trump`, from the English label), the ISO date
//!   (`date:2022-02`), or for names the rules found, type + normalised Arabic name
//!   (`person:كيريل-دميترييف`): stable across builds and readable by the journalist who
//!   writes the override file.

pub mod dates;
pub mod eval;
pub mod gazetteer;
mod lexicon;
mod matcher;
pub mod overrides;
pub mod rules;
mod table;

use crate::hash::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::model::Article;
use crate::text::utf16_offset;
use dates::{find_dates, DateCtx};
pub use gazetteer::{GazEntry, Gazetteer};
use matcher::{match_at, resolve, Cand, Learned, Seg, Target};
pub use overrides::{parse_overrides, OverrideAction, Overrides, OVERRIDES_FILE};
use table::RawMention;

#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum EntityKind {
    Person,
    Place,
    Org,
    Date,
}

impl EntityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Place => "place",
            EntityKind::Org => "org",
            EntityKind::Date => "date",
        }
    }

    pub fn parse(s: &str) -> Option<EntityKind> {
        match s.trim() {
            "person" => Some(EntityKind::Person),
            "place" => Some(EntityKind::Place),
            "org" => Some(EntityKind::Org),
            "date" => Some(EntityKind::Date),
            _ => None,
        }
    }

    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Place,
        EntityKind::Org,
        EntityKind::Date,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Stable slug: `person:donald-trump`, `date:2022-02`, `person:كيريل-دميترييف`.
    pub id: String,
    /// Arabic canonical name.
    pub name: String,
    pub kind: EntityKind,
    /// Surface forms seen in the corpus and the gazetteer's aliases.
    pub aliases: Vec<String>,
    pub label_en: Option<String>,
    /// (article index, mentions in it), by article index.
    pub articles: Vec<(u32, u32)>,
}

impl Entity {
    fn placeholder() -> Entity {
        Entity {
            id: String::new(),
            name: String::new(),
            kind: EntityKind::Person,
            aliases: Vec::new(),
            label_en: None,
            articles: Vec::new(),
        }
    }

    pub fn mentions(&self) -> u32 {
        self.articles.iter().map(|&(_, n)| n).sum()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Index into [`EntityTable::entities`].
    pub entity: u32,
    /// Block index; `None` for the title.
    pub block: Option<u32>,
    /// UTF-16 offsets into the block (or title) text.
    pub start: u32,
    pub end: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityTable {
    pub entities: Vec<Entity>,
    /// Per article, in reading order (title first).
    pub mentions: Vec<Vec<Mention>>,
    /// (a, b, articles where both occur), a < b.
    pub cooccurrence: Vec<(u32, u32, u32)>,
}

/// The texts of an article that are read: the title (None) and the blocks.
fn segments(a: &Article) -> impl Iterator<Item = (Option<u32>, &str)> {
    std::iter::once((None, a.title.as_str())).chain(
        a.blocks
            .iter()
            .enumerate()
            .map(|(i, b)| (Some(i as u32), b.text.as_str())),
    )
}

fn scan(
    seg: &Seg,
    gaz: &Gazetteer,
    learned: &Learned,
    max_tokens: usize,
    ctx: DateCtx,
) -> Vec<Cand> {
    let lex = lexicon::lexicon();
    let dict: Vec<Option<Cand>> = (0..seg.len())
        .map(|i| {
            // "السياسة الخارجية الأمريكية" is a policy: the portfolio word is an adjective there.
            let policy = i > 0
                && seg.joined(i)
                && lex.portfolios.contains(seg.norm(i))
                && lex.not_ministry_before.contains(seg.norm(i - 1));
            if policy {
                None
            } else {
                match_at(seg, i, gaz, learned, max_tokens)
            }
        })
        .collect();
    let mut cands = find_dates(seg, ctx);
    cands.extend(rules::Rules::new(seg, gaz, &dict).find());
    cands.extend(dict.into_iter().flatten());
    resolve(cands)
}

/// Names the rules found, learned for the second reading: the full name, and a person's last
/// word ("دميترييف") unless two people share it.
///
/// A single word is not learned when the corpus also writes it with the article and without
/// (توترات next to التوترات, العلاقات next to علاقات): that is a common noun a rule misread
/// once, and learning it would mark every one of its uses. Names keep one form.
fn learn(found: &[Target], gaz: &Gazetteer, learned: &mut Learned, vocab: &HashSet<String>) {
    let lex = lexicon::lexicon();
    let common_noun = |w: &str| match w.strip_prefix("ال") {
        Some(bare) => bare.chars().count() >= 3 && vocab.contains(bare),
        None => vocab.contains(&format!("ال{w}")),
    };
    let mut surnames: HashMap<String, Option<Target>> = HashMap::default();
    for t in found {
        let Target::Found { kind, key } = t else {
            continue;
        };
        if key.contains(' ') || !common_noun(key) {
            learned.entry(key.clone()).or_insert_with(|| t.clone());
        }
        let words: Vec<&str> = key.split(' ').collect();
        if *kind != EntityKind::Person || words.len() < 2 {
            continue;
        }
        let last = words[words.len() - 1];
        let ordinary = lex.stop.contains(last)
            || lex.common.contains(last)
            || lex.connectors.contains(last)
            || gaz.given_names.contains(last);
        if last.chars().count() < 3 || ordinary || gaz.index.contains_key(last) || common_noun(last)
        {
            continue;
        }
        let slot = surnames
            .entry(last.to_owned())
            .or_insert_with(|| Some(t.clone()));
        if slot.as_ref() != Some(t) {
            *slot = None; // two people share it: ambiguous
        }
    }
    for (last, t) in surnames {
        if let Some(t) = t {
            learned.entry(last).or_insert(t);
        }
    }
}

/// Find every person, place, organisation and date in the articles' titles and blocks.
pub fn extract(
    articles: &[Article],
    gazetteer: &Gazetteer,
    overrides: Option<&Overrides>,
) -> EntityTable {
    let mut gaz = gazetteer.clone();
    let mut learned = Learned::default();
    if let Some(o) = overrides {
        for (alias, kind, key) in o.extend(&mut gaz) {
            learned.insert(alias, Target::Found { kind, key });
        }
    }
    let max_tokens = |gaz: &Gazetteer, learned: &Learned| {
        learned
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(0)
            .max(gaz.max_tokens)
    };

    // First reading: what the rules find, to learn from, and every word of the corpus
    // (normalised), for telling names from common nouns. Articles are read on every core.
    let mt = max_tokens(&gaz, &learned);
    let firsts = crate::par::map_parts(articles, |_, part| {
        let mut vocab: HashSet<String> = HashSet::default();
        let mut found = Vec::new();
        for a in part {
            let ctx = DateCtx::from_iso(a.date.as_deref());
            for (_, text) in segments(a) {
                let seg = Seg::new(text);
                for t in &seg.toks {
                    if !vocab.contains(&t.norm) {
                        vocab.insert(t.norm.clone());
                    }
                }
                found.extend(
                    scan(&seg, &gaz, &learned, mt, ctx)
                        .into_iter()
                        .map(|c| c.target)
                        .filter(|t| matches!(t, Target::Found { .. })),
                );
            }
        }
        (vocab, found)
    });
    let mut vocab: HashSet<String> = HashSet::default();
    let mut found = Vec::new();
    for (v, f) in firsts {
        if vocab.is_empty() {
            vocab = v;
        } else {
            vocab.extend(v);
        }
        found.extend(f);
    }
    learn(&found, &gaz, &mut learned, &vocab);
    drop(vocab);

    // Second reading, with the learned names.
    let mt = max_tokens(&gaz, &learned);
    let raw: Vec<RawMention> = crate::par::map_parts(articles, |first, part| {
        let mut raw = Vec::new();
        for (i, a) in part.iter().enumerate() {
            let ai = (first + i) as u32;
            let ctx = DateCtx::from_iso(a.date.as_deref());
            for (block, text) in segments(a) {
                let seg = Seg::new(text);
                for c in scan(&seg, &gaz, &learned, mt, ctx) {
                    raw.push(RawMention {
                        article: ai,
                        block,
                        start: utf16_offset(text, c.byte_start) as u32,
                        end: utf16_offset(text, c.byte_end) as u32,
                        surface: text[c.byte_start..c.byte_end].to_owned(),
                        target: c.target,
                    });
                }
            }
        }
        raw
    })
    .into_iter()
    .flatten()
    .collect();
    table::build(articles.len(), raw, &gaz, overrides)
}

/// The text a mention covers (its block or title, cut at its UTF-16 offsets).
pub fn mention_text<'a>(article: &'a Article, m: &Mention) -> &'a str {
    let text = match m.block {
        None => article.title.as_str(),
        Some(b) => article
            .blocks
            .get(b as usize)
            .map_or("", |b| b.text.as_str()),
    };
    let byte = |u: u32| {
        let mut n = 0u32;
        for (i, c) in text.char_indices() {
            if n >= u {
                return i;
            }
            n += c.len_utf16() as u32;
        }
        text.len()
    };
    &text[byte(m.start)..byte(m.end)]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(kind: EntityKind, key: &str) -> Target {
        Target::Found {
            kind,
            key: key.to_string(),
        }
    }

    #[test]
    fn common_nouns_a_rule_misread_are_not_learned() {
        let gaz = Gazetteer::builtin();
        let vocab: HashSet<String> = ["التوترات", "توترات", "علاقات", "العلاقات", "ويتكوف", "ميامي"]
            .into_iter()
            .map(String::from)
            .collect();
        let mut learned = Learned::default();
        let hits = [
            found(EntityKind::Person, "شهدت توترات"),
            found(EntityKind::Person, "ستيف ويتكوف"),
            found(EntityKind::Place, "العلاقات"),
            found(EntityKind::Place, "توترات"),
            found(EntityKind::Place, "ميامي"),
        ];
        learn(&hits, &gaz, &mut learned, &vocab);
        // Full names are learned as found; a surname or single word only when it is name-like.
        assert!(learned.contains_key("شهدت توترات"));
        assert!(learned.contains_key("ستيف ويتكوف"));
        assert!(
            learned.contains_key("ويتكوف"),
            "a surname the corpus writes one way"
        );
        assert!(learned.contains_key("ميامي"));
        for common in ["توترات", "العلاقات"] {
            assert!(
                !learned.contains_key(common),
                "{common} is written with and without ال"
            );
        }
    }
}
