//! People, places, organisations and dates, found at build time, with aliases.
//!
//! How a corpus is read ([`extract`]):
//! 1. Each title and block is tokenised with the shared analyser ([`crate::text`]).
//! 2. People, places and organisations: the trained tagger ([`ner`], averaged perceptron on
//!    NewsFANE/WikiFANE, with a fine class: politician, city, ministry…) reads each article,
//!    twice, the second pass with what the first found in the whole article (بنحسي after
//!    حسناء بنحسي, see `ner::Model::tag_doc`). Its spans are guarded
//!    (`tagged_key`): ordinary words trimmed from the ends (FANE's common words, function words,
//!    verbs, titles; for people also nationality adjectives and the corpus's common nouns, as in
//!    "ميليشيات الحوثي"), the first word's proclitics peeled as the gazetteer or the corpus
//!    supports, and a one-word span dropped when it is a common word, a word FANE shows is never
//!    a name alone (الولايات، البنك), a nationality adjective or a given name alone.
//!    The gazetteer ([`gazetteer`], longest match, clitic readings: وويتكوف، لواشنطن) names what
//!    it knows (English labels, ids) and finds its names anywhere; dates ([`dates`], on the
//!    shared [`crate::date`] names and calendar). The rules ([`rules`]) only refine a span the
//!    tagger found ("علي يرلي كايا" for يرلي كايا); alone they never make a name. Overlaps go to
//!    the longest candidate, then dates, the gazetteer, learned names, the tagger/rules.
//!    Without the model (feature `ner-model` off) the rules do the job as before.
//! 3. Corpus-level learning (`learn_tagged`), with guards: a name of several words is
//!    learned; one word only when the tagger marked it in at least half of its uses in the
//!    corpus (behind proclitics too); a person's last word (بوتين) becomes the full name's
//!    alias only when it is no ordinary word or given name, not shared by two people, and
//!    stands inside names in at least half of its uses. Then the corpus is read again.
//! 4. The entity table ([`table`]) merges aliases into one entity per gazetteer entry,
//!    found name or date, counts mentions per article, co-occurrence per article, sets each
//!    entity's sub-type from the tagger's fine classes, and applies the corpus's override file
//!    ([`overrides`]).
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

pub mod clusters;
pub mod dates;
pub mod eval;
pub mod gazetteer;
mod lexicon;
mod matcher;
pub mod ner;
pub mod overrides;
pub mod rules;
mod stored;
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
    /// What kind of person, place or organisation ("politician", "city", "ministry"…), from
    /// the tagger's fine classes; `None` when the tagger did not find it.
    #[serde(default)]
    pub subtype: Option<String>,
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
            subtype: None,
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
    /// Stored smaller than it is held (see [`stored`]).
    #[serde(with = "stored")]
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
    tagged: Option<Tagged>,
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
    match tagged {
        Some(t) => {
            cands.extend(
                t.spans
                    .iter()
                    .filter_map(|sp| tagged_cand(seg, sp, t.model, gaz, learned, t.vocab)),
            );
            // The rules refine what the tagger found (a fuller span: "علي يرلي كايا" where the
            // tagger saw يرلي كايا; "وزارة التجارة الصينية"): a rule's name counts only where
            // it overlaps a tagger span, so a rule alone never makes a name.
            let overlaps = |c: &Cand| {
                t.spans
                    .iter()
                    .any(|sp| c.tok_start < sp.end && sp.start < c.tok_end)
            };
            cands.extend(
                rules::Rules::new(seg, gaz, &dict)
                    .find()
                    .into_iter()
                    .filter(|c| overlaps(c))
                    .filter(|c| match &c.target {
                        Target::Found { key, .. } => {
                            key.contains(' ')
                                || !(ordinary(t.model, key)
                                    || t.model.never_alone(key)
                                    || common_noun(t.vocab, key))
                        }
                        _ => true,
                    }),
            );
        }
        None => cands.extend(rules::Rules::new(seg, gaz, &dict).find()),
    }
    cands.extend(dict.into_iter().flatten());
    let mut out = resolve(cands);
    // A gazetteer or learned name the tagger also found takes the tagger's fine class.
    if let Some(t) = tagged {
        for c in out.iter_mut().filter(|c| c.fine.is_none()) {
            c.fine = t
                .spans
                .iter()
                .find(|sp| sp.start <= c.tok_start && c.tok_end <= sp.end)
                .and_then(|sp| sp.fine);
        }
    }
    out
}

/// The tagger's view of one text: its spans, the model, the corpus's word counts.
#[derive(Clone, Copy)]
struct Tagged<'a> {
    spans: &'a [ner::Span],
    model: &'a ner::Model,
    vocab: &'a Vocab,
}

/// Corpus word counts (normalised whole tokens), and under [`CLITIC`] + word, the uses of a
/// word behind a proclitic (و، ب، ل…).
type Vocab = HashMap<String, u32>;
const CLITIC: char = '\u{1}';

const DIRECTIONS: [&str; 8] = [
    "الجنوبي",
    "الشمالي",
    "الشرقي",
    "الغربي",
    "الجنوبيه",
    "الشماليه",
    "الشرقيه",
    "الغربيه",
];

/// A common noun, as the corpus shows it: written both with the article and without, the
/// rarer form at least a fifth as often as the other (ميليشيات / الميليشيات). Names keep one
/// form (الحديدة, never حديدة; ترامب, never الترامب).
fn common_noun(vocab: &Vocab, w: &str) -> bool {
    let (with, without) = match w.strip_prefix("ال") {
        Some(bare) if bare.chars().count() >= 3 => (w.to_owned(), bare.to_owned()),
        Some(_) => return false,
        None => (format!("ال{w}"), w.to_owned()),
    };
    let (a, b) = (uses(vocab, &with), uses(vocab, &without));
    a.min(b) >= 3 && 5 * a.min(b) >= a.max(b)
}

/// All uses of a word: whole, or behind a proclitic.
fn uses(vocab: &Vocab, w: &str) -> u32 {
    vocab.get(w).copied().unwrap_or(0) + vocab.get(&format!("{CLITIC}{w}")).copied().unwrap_or(0)
}

/// A word that is never a name on its own: FANE's common words (see [`ner::Model::is_common`]),
/// function words, frequent verbs, titles.
fn ordinary(model: &ner::Model, w: &str) -> bool {
    let lex = lexicon::lexicon();
    model.is_common(w)
        || lex.stop.contains(w)
        || lex.verbs.contains(w)
        || lex.titles.contains(w)
        || lex.common.contains(w)
        || w.chars().count() < 2
        || w.chars().all(|c| c.is_ascii_digit())
}

/// A tagger span as a candidate: ordinary words trimmed from both ends, the first word's
/// proclitics off (as the gazetteer or learned names know it, or as the corpus supports it:
/// the bare form must be the more frequent one, like the search stemmer's rule), and its
/// target (a gazetteer entry, a learned name, or a new name).
fn tagged_cand(
    seg: &Seg,
    sp: &ner::Span,
    model: &ner::Model,
    gaz: &Gazetteer,
    learned: &Learned,
    vocab: &Vocab,
) -> Option<Cand> {
    let (s, e, prefix, key) = tagged_key(seg, sp, model, gaz, learned, vocab)?;
    let target = gaz
        .index
        .get(&key)
        .map(|&g| Target::Gaz(g))
        .or_else(|| learned.get(&key).cloned())
        .unwrap_or(Target::Found { kind: sp.kind, key });
    Some(Cand {
        tok_start: s,
        tok_end: e,
        byte_start: seg.start_after_prefix(s, prefix),
        byte_end: seg.toks[e - 1].end,
        prio: matcher::PRIO_RULE,
        target,
        fine: sp.fine,
    })
}

fn tagged_key(
    seg: &Seg,
    sp: &ner::Span,
    model: &ner::Model,
    gaz: &Gazetteer,
    learned: &Learned,
    vocab: &Vocab,
) -> Option<(usize, usize, usize, String)> {
    let (mut s, mut e) = (sp.start, sp.end);
    // A person's name has no descriptor around it: no nationality adjective or direction
    // (الكوري الجنوبي مون), no common noun (ميليشيات الحوثي).
    let descriptor = |w: &str| {
        sp.kind == EntityKind::Person
            && (rules::is_nationality(gaz, w) || DIRECTIONS.contains(&w) || common_noun(vocab, w))
    };
    // The head of an organisation's or a place's name stays (وزارة الخزانة، مدينة ميامي).
    let lex = lexicon::lexicon();
    let head = |w: &str| {
        sp.kind != EntityKind::Person
            && (lex.org_heads.contains(w)
                || lex.org_descriptors.contains(w)
                || lex.place_triggers.contains(w))
    };
    while s < e && !head(seg.norm(s)) && (ordinary(model, seg.norm(s)) || descriptor(seg.norm(s))) {
        s += 1;
    }
    // At the end only ordinary words and nationality adjectives: a family name may look like
    // a common adjective (الشهري، المصري).
    // A person's name does not end in a word behind a preposition that is an ordinary word
    // (كيريل دميترييف بمسؤولين).
    let behind_clitic = |w: &str| {
        sp.kind == EntityKind::Person
            && crate::text::proclitic_splits(w)
                .iter()
                .skip(1)
                .any(|(_, rest)| ordinary(model, rest))
    };
    while e > s
        && (ordinary(model, seg.norm(e - 1))
            || behind_clitic(seg.norm(e - 1))
            || (sp.kind == EntityKind::Person && rules::is_nationality(gaz, seg.norm(e - 1))))
    {
        e -= 1;
    }
    if s == e {
        return None;
    }
    let tail: Vec<&str> = (s + 1..e).map(|i| seg.norm(i)).collect();
    let join = |first: &str| {
        let mut k = first.to_owned();
        for w in &tail {
            k.push(' ');
            k.push_str(w);
        }
        k
    };
    let freq = |w: &str| vocab.get(w).copied().unwrap_or(0);
    let readings = seg.readings(s);
    // A reading the gazetteer or the learned names know.
    for r in readings {
        let firsts = [
            Some(r.rest.clone()),
            r.article_taken.then(|| format!("ال{}", r.rest)),
        ];
        for first in firsts.into_iter().flatten() {
            let k = join(&first);
            if gaz.index.contains_key(&k) || learned.contains_key(&k) {
                return Some((s, e, r.prefix_chars, k));
            }
        }
    }
    // Otherwise: لل is ل + ال (للكرملين → الكرملين); a conjunction or preposition is peeled
    // when the rest is more frequent in the corpus than the whole word.
    let whole = seg.norm(s);
    let (mut best_prefix, mut best_first, mut best_freq) = (0, whole.to_owned(), freq(whole));
    for r in readings.iter().skip(1) {
        if r.rest.chars().count() < 2 {
            continue;
        }
        let (first, always) = if r.article_taken {
            let p = r.prefix_chars;
            let prefix: String = whole.chars().take(p).collect();
            if !prefix.ends_with("لل") {
                continue; // بال/وال keep their ال in the whole-word reading's rest below
            }
            (format!("ال{}", r.rest), true)
        } else {
            (r.rest.clone(), false)
        };
        let f = freq(&first);
        let conj_only = whole
            .chars()
            .take(r.prefix_chars)
            .all(|c| matches!(c, 'و' | 'ف'));
        let enough = if conj_only {
            f >= best_freq
        } else {
            f > best_freq
        };
        if always
            || (f > 0 && enough)
            || (f > 0
                && first.starts_with("ال")
                && r.prefix_chars <= 2
                && first.chars().count() >= 4)
        {
            best_prefix = r.prefix_chars;
            best_first = first;
            best_freq = f;
        }
    }
    // One word alone: not a word FANE shows is never a name alone (الولايات، البنك), nor a
    // person's given name alone (محمد): those are not chips.
    if e - s == 1
        && (ordinary(model, &best_first)
            || model.never_alone(&best_first)
            || rules::is_nationality(gaz, &best_first)
            || common_noun(vocab, &best_first)
            || (sp.kind == EntityKind::Person && gaz.given_names.contains(&best_first)))
    {
        return None;
    }
    Some((s, e, best_prefix, join(&best_first)))
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

/// Names the tagger found, learned for the second reading, with guards: the second reading
/// matches a learned name everywhere, so only names the text supports are learned.
/// - A name of several words: learned (its words were trimmed of ordinary words).
/// - A single word: only when the tagger marked it in at least half of the corpus's uses of
///   that word (and at least twice): a word that is mostly not a name stays the tagger's call,
///   occurrence by occurrence.
/// - A person's last word (بوتين of فلاديمير بوتين) as an alias of the full name: only when it
///   is not an ordinary word, not a given name, not in the gazetteer, not shared by two
///   people ([`surname_owner`]), and the tagger marked it inside person names in at least half
///   of its uses.
fn learn_tagged(
    found: &[(EntityKind, String)],
    name_words: &HashMap<String, u32>,
    gaz: &Gazetteer,
    model: &ner::Model,
    learned: &mut Learned,
    vocab: &Vocab,
) {
    let lex = lexicon::lexicon();
    let freq = |w: &str| uses(vocab, w);
    let mut tally: HashMap<&str, [u32; 3]> = HashMap::default();
    for (kind, key) in found {
        let k = match kind {
            EntityKind::Person => 0,
            EntityKind::Place => 1,
            _ => 2,
        };
        tally.entry(key.as_str()).or_default()[k] += 1;
    }
    let kinds = [EntityKind::Person, EntityKind::Place, EntityKind::Org];
    let mut surnames: HashMap<String, Vec<(u32, Target)>> = HashMap::default();
    let mut keys: Vec<(&str, [u32; 3])> = tally.into_iter().collect();
    keys.sort_unstable();
    // Words that begin a person's name in this corpus (تامر of تامر حسني), with how often the
    // tagger found such names: given names, so not anyone's surname alias — unless the names
    // they begin are rare beside the full name (حماقي لمتسابق, a span read past the name).
    let mut firsts: HashMap<&str, u32> = HashMap::default();
    for (k, v) in &keys {
        if let (Some((first, _)), true) = (k.split_once(' '), v[0] > 0) {
            *firsts.entry(first).or_default() += v[0];
        }
    }
    for (key, votes) in keys {
        let best = (0..3).max_by_key(|&k| (votes[k], 3 - k)).unwrap_or(0);
        let kind = kinds[best];
        let total: u32 = votes.iter().sum();
        let target = Target::Found {
            kind,
            key: key.to_owned(),
        };
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() > 1 || (total >= 2 && 2 * total >= freq(key)) {
            learned.entry(key.to_owned()).or_insert(target.clone());
        }
        if kind != EntityKind::Person || words.len() < 2 {
            continue;
        }
        let last = words[words.len() - 1];
        if model.never_alone(last) {
            continue;
        }
        let supported = 2 * name_words.get(last).copied().unwrap_or(0) >= freq(last);
        if last.chars().count() < 3
            || ordinary(model, last)
            || lex.connectors.contains(last)
            || gaz.given_names.contains(last)
            || firsts
                .get(last)
                .is_some_and(|&n| n.saturating_mul(5) > votes[0])
            || gaz.index.contains_key(last)
            || !supported
        {
            continue;
        }
        surnames
            .entry(last.to_owned())
            .or_default()
            .push((votes[0], target));
    }
    for (last, names) in surnames {
        let Some(t) = surname_owner(names) else {
            continue;
        };
        // The surname alone, learned as a name of its own, is the full name's alias instead.
        let own = matches!(learned.get(&last), Some(Target::Found { key, .. }) if *key == last);
        if own || !learned.contains_key(&last) {
            learned.insert(last, t);
        }
    }
}

/// Which person a surname alone names, from the full names ending in it with how often the
/// tagger found each as a person: the most frequent, unless another is found three times or
/// more, or more than a fifth as often — two people the corpus writes about (سعد الحريري and
/// رفيق الحريري). A name found once or twice beside a far more frequent one is taken for a
/// misread span (مازحه حماقي, a verb read into the name, beside محمد حماقي found 40 times), not
/// for a second person: before, one such span kept every surname of a well-known person apart.
fn surname_owner(mut names: Vec<(u32, Target)>) -> Option<Target> {
    names.sort_by_key(|n| std::cmp::Reverse(n.0));
    let mut names = names.into_iter();
    let (top, owner) = names.next()?;
    let second_person = |&(n, _): &(u32, Target)| n >= 3 || n.saturating_mul(5) > top;
    if names.as_slice().iter().any(second_person) {
        return None;
    }
    Some(owner)
}

/// Find every person, place, organisation and date in the articles' titles and blocks.
///
/// With the trained tagger ([`ner::builtin`], feature `ner-model`), people, places and
/// organisations come from the tagger (read article by article, see `ner::Model::tag_doc`)
/// and the gazetteer; without it, from the rules.
pub fn extract(
    articles: &[Article],
    gazetteer: &Gazetteer,
    overrides: Option<&Overrides>,
) -> EntityTable {
    extract_with(articles, gazetteer, overrides, ner::builtin())
}

/// [`extract`] with a given tagger (`None`: the rules).
pub fn extract_with(
    articles: &[Article],
    gazetteer: &Gazetteer,
    overrides: Option<&Overrides>,
    model: Option<&ner::Model>,
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
    let Some(model) = model else {
        return extract_rules(articles, gaz, learned, overrides, max_tokens);
    };

    // First reading: the tagger's spans, article by article, and the corpus's word counts.
    type Spans = Vec<Vec<ner::Span>>;
    let firsts = crate::par::map_parts(articles, |_, part| {
        let mut vocab: Vocab = HashMap::default();
        let mut spans: Vec<Spans> = Vec::with_capacity(part.len());
        for a in part {
            let segs: Vec<Seg> = segments(a).map(|(_, text)| Seg::new(text)).collect();
            for seg in &segs {
                for t in &seg.toks {
                    match vocab.get_mut(t.norm.as_str()) {
                        Some(n) => *n += 1,
                        None => {
                            vocab.insert(t.norm.clone(), 1);
                        }
                    }
                    // Uses behind proclitics too (بفضل is a use of فضل): the second reading
                    // matches learned names behind them.
                    for (p, rest) in crate::text::proclitic_splits(&t.norm).into_iter().skip(1) {
                        if !p.ends_with("ال") && !p.ends_with("لل") {
                            let key = format!("{CLITIC}{rest}");
                            *vocab.entry(key).or_insert(0) += 1;
                        }
                    }
                }
            }
            spans.push(model.tag_doc(&segs, &gaz));
        }
        (vocab, spans)
    });
    let mut vocab: Vocab = HashMap::default();
    let mut spans: Vec<Spans> = Vec::with_capacity(articles.len());
    for (v, s) in firsts {
        if vocab.is_empty() {
            vocab = v;
        } else {
            for (w, n) in v {
                *vocab.entry(w).or_insert(0) += n;
            }
        }
        spans.extend(s);
    }

    // The names found, as keys, and how often each word stands inside a person's name.
    let found_parts = crate::par::map_parts(articles, |first, part| {
        let mut found: Vec<(EntityKind, String)> = Vec::new();
        let mut name_words: HashMap<String, u32> = HashMap::default();
        for (i, a) in part.iter().enumerate() {
            for ((_, text), sp) in segments(a).zip(&spans[first + i]) {
                if sp.is_empty() {
                    continue;
                }
                let seg = Seg::new(text);
                for s in sp {
                    if let Some((_, _, _, key)) = tagged_key(&seg, s, model, &gaz, &learned, &vocab)
                    {
                        for w in key.split(' ') {
                            *name_words.entry(w.to_owned()).or_insert(0) += 1;
                        }
                        if !gaz.index.contains_key(&key) {
                            found.push((s.kind, key));
                        }
                    }
                }
            }
        }
        (found, name_words)
    });
    let mut found = Vec::new();
    let mut name_words: HashMap<String, u32> = HashMap::default();
    for (f, n) in found_parts {
        found.extend(f);
        for (w, c) in n {
            *name_words.entry(w).or_insert(0) += c;
        }
    }
    learn_tagged(&found, &name_words, &gaz, model, &mut learned, &vocab);
    drop(found);
    drop(name_words);

    // Second reading, with the learned names.
    let mt = max_tokens(&gaz, &learned);
    let raw: Vec<RawMention> = crate::par::map_parts(articles, |first, part| {
        let mut raw = Vec::new();
        for (i, a) in part.iter().enumerate() {
            let ai = (first + i) as u32;
            let ctx = DateCtx::from_iso(a.date.as_deref());
            for ((block, text), sp) in segments(a).zip(&spans[first + i]) {
                let seg = Seg::new(text);
                let tagged = Tagged {
                    spans: sp,
                    model,
                    vocab: &vocab,
                };
                raw.extend(
                    scan(&seg, &gaz, &learned, mt, ctx, Some(tagged))
                        .into_iter()
                        .map(|c| mention(ai, block, text, c)),
                );
            }
        }
        raw
    })
    .into_iter()
    .flatten()
    .collect();
    table::build(articles.len(), raw, &gaz, overrides)
}

/// A candidate found in `text` (block `block` of article `ai`) as a mention: offsets in UTF-16
/// units, as the page counts them.
fn mention(ai: u32, block: Option<u32>, text: &str, c: Cand) -> RawMention {
    RawMention {
        article: ai,
        block,
        start: utf16_offset(text, c.byte_start) as u32,
        end: utf16_offset(text, c.byte_end) as u32,
        surface: text[c.byte_start..c.byte_end].to_owned(),
        target: c.target,
        fine: c.fine,
    }
}

/// The rule-based reading (no tagger): rules, learning, second reading.
fn extract_rules(
    articles: &[Article],
    gaz: Gazetteer,
    mut learned: Learned,
    overrides: Option<&Overrides>,
    max_tokens: impl Fn(&Gazetteer, &Learned) -> usize,
) -> EntityTable {
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
                    scan(&seg, &gaz, &learned, mt, ctx, None)
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
                for c in scan(&seg, &gaz, &learned, mt, ctx, None) {
                    raw.push(mention(ai, block, text, c));
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

/// Whether a chip's name is a common word or phrase rather than a name, by data with named
/// sources. Common words: those NewsFANE/WikiFANE's annotators tagged O (20+ uses, under 5% in
/// a name: [`ner::Model::is_common`]) and function words (the lexicon's stop words).
/// - One word: a common word, or one FANE shows is (almost) never a name on its own
///   ([`ner::Model::never_alone`]: الولايات، البنك).
/// - Several words: one of its ends is a function word (مريم بهذه، والتنمية بما), or every word
///   is a function word.
///
/// A name of the built-in gazetteer (CLDR, ISO, the curated list) is a vetted name, never a
/// common word. Without the tagger's model (no `ner-model` feature) only function words count.
pub fn is_common_chip(name: &str) -> bool {
    static GAZ: std::sync::OnceLock<Gazetteer> = std::sync::OnceLock::new();
    let gaz = GAZ.get_or_init(Gazetteer::builtin);
    let lex = lexicon::lexicon();
    let model = ner::builtin();
    let words: Vec<String> = crate::text::tokenize(name)
        .into_iter()
        .map(|t| t.norm)
        .collect();
    if words.is_empty() || gaz.index.contains_key(&words.join(" ")) {
        return false;
    }
    // A function word, also behind a proclitic (بما، بهذه).
    let stop = |w: &str| {
        lex.stop.contains(w)
            || crate::text::proclitic_splits(w)
                .iter()
                .any(|(_, rest)| lex.stop.contains(*rest))
    };
    match words.as_slice() {
        [w] => stop(w) || model.is_some_and(|m| m.is_common(w) || m.never_alone(w)),
        [first, .., last] => stop(first) || stop(last) || words.iter().all(|w| stop(w)),
        [] => false,
    }
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

    #[test]
    fn a_surname_names_the_person_it_mostly_ends_unless_two_are_written_about() {
        let person = |k: &str| found(EntityKind::Person, k);
        // A misread span beside a well-known name does not make the surname ambiguous.
        let hamaki = vec![
            (1, person("تاكيدات حماقي")),
            (40, person("محمد حماقي")),
            (2, person("مازحه حماقي")),
        ];
        assert_eq!(surname_owner(hamaki), Some(person("محمد حماقي")));
        assert_eq!(
            surname_owner(vec![(1, person("ستيف ويتكوف"))]),
            Some(person("ستيف ويتكوف"))
        );
        // Two people: the second found three times, or more than a fifth as often.
        let hariri = vec![(40, person("سعد الحريري")), (3, person("رفيق الحريري"))];
        assert_eq!(surname_owner(hariri), None);
        let few = vec![(6, person("سعد الحريري")), (2, person("بهية الحريري"))];
        assert_eq!(surname_owner(few), None);
        let tie = vec![(1, person("هيثم الحريري")), (1, person("وسام الحريري"))];
        assert_eq!(surname_owner(tie), None);
        assert_eq!(surname_owner(Vec::new()), None);
    }
}
