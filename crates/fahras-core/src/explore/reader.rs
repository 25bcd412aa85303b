//! The reader: an article's title and blocks cut into segments that say which query hit and
//! which entity mention they belong to, with removed (boilerplate) text in place. Every
//! boundary falls between words, so a highlight never splits an Arabic word.

use crate::model::{BlockKind, RemovalReason};
use crate::search::Highlighter;
use crate::text::{tokenize, Utf16Index};

use super::Explorer;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    /// Query hit number in reading order (for next/previous hit), when this is a hit.
    pub hit: Option<u32>,
    /// Entity mentioned here.
    pub entity: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderBlock {
    pub kind: BlockKind,
    pub segments: Vec<Segment>,
    /// Set for text removed by cleaning, shown only when the reader asks for it.
    pub removed: Option<RemovalReason>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderView {
    pub article: usize,
    pub title: Vec<Segment>,
    pub blocks: Vec<ReaderBlock>,
    pub hit_count: u32,
}

/// A text context around one mention, for the entity view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MentionContext {
    pub article: usize,
    pub before: String,
    pub text: String,
    pub after: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityView {
    pub entity: u32,
    pub mentions: Vec<MentionContext>,
    /// Entities that share articles with this one, most shared first.
    pub cooccurring: Vec<(u32, u32)>,
}

impl Explorer {
    /// The reader's view of `article`, highlighting every hit of `query` (typed filters removed).
    pub fn reader(&self, article: usize, query: &str, show_removed: bool) -> Option<ReaderView> {
        let art = self.article(article)?;
        let rest = super::filters::split_typed(query, self).rest;
        let q = self.query(&rest);
        let hl = (!q.is_empty()).then(|| self.index.highlighter(&q));
        let q = hl.as_ref();
        let mentions = self.mentions(article);
        let mut next_hit = 0u32;
        let title_mentions: Vec<(u32, u32, u32)> = mentions
            .iter()
            .filter(|m| m.block.is_none())
            .map(|m| (m.start, m.end, m.entity))
            .collect();
        let title = self.segments(&art.title, q, &title_mentions, &mut next_hit);
        let mut blocks = Vec::with_capacity(art.blocks.len());
        let removed_at = |i: usize| {
            art.removed
                .iter()
                .filter(move |r| r.before_block as usize == i)
        };
        for (i, b) in art.blocks.iter().enumerate() {
            if show_removed {
                blocks.extend(removed_at(i).map(|r| removed_block(&r.text, r.reason)));
            }
            let ms: Vec<(u32, u32, u32)> = mentions
                .iter()
                .filter(|m| m.block == Some(i as u32))
                .map(|m| (m.start, m.end, m.entity))
                .collect();
            blocks.push(ReaderBlock {
                kind: b.kind,
                segments: self.segments(&b.text, q, &ms, &mut next_hit),
                removed: None,
            });
        }
        if show_removed {
            blocks.extend(
                art.removed
                    .iter()
                    .filter(|r| r.before_block as usize >= art.blocks.len())
                    .map(|r| removed_block(&r.text, r.reason)),
            );
        }
        Some(ReaderView {
            article,
            title,
            blocks,
            hit_count: next_hit,
        })
    }

    fn segments(
        &self,
        text: &str,
        q: Option<&Highlighter<'_>>,
        mentions: &[(u32, u32, u32)],
        next_hit: &mut u32,
    ) -> Vec<Segment> {
        let words = tokenize(text);
        let to_byte = Utf16Index::new(text);
        // Snap a range to whole words: mentions may start after a clitic (و|يتكوف).
        let snap = |s: usize, e: usize| -> (usize, usize) {
            let s2 = words
                .iter()
                .find(|w| w.start <= s && s < w.end)
                .map_or(s, |w| w.start);
            let e2 = words
                .iter()
                .find(|w| w.start < e && e <= w.end)
                .map_or(e, |w| w.end);
            (s2, e2.max(s2))
        };
        let hits: Vec<(usize, usize)> = match q {
            None => Vec::new(),
            Some(hl) => hl
                .ranges(text)
                .into_iter()
                .map(|(s, e)| snap(to_byte.byte(s), to_byte.byte(e)))
                .collect(),
        };
        let ents: Vec<(usize, usize, u32)> = mentions
            .iter()
            .map(|&(s, e, ent)| {
                let (s, e) = snap(to_byte.byte(s), to_byte.byte(e));
                (s, e, ent)
            })
            .collect();
        let mut cuts: Vec<usize> = vec![0, text.len()];
        cuts.extend(hits.iter().flat_map(|&(s, e)| [s, e]));
        cuts.extend(ents.iter().flat_map(|&(s, e, _)| [s, e]));
        cuts.retain(|&c| c <= text.len() && text.is_char_boundary(c));
        cuts.sort_unstable();
        cuts.dedup();
        let mut hit_ids: Vec<Option<u32>> = vec![None; hits.len()];
        let mut out: Vec<Segment> = Vec::new();
        for w in cuts.windows(2) {
            let (s, e) = (w[0], w[1]);
            let hit = hits
                .iter()
                .position(|&(hs, he)| hs <= s && e <= he && hs < he)
                .map(|h| {
                    *hit_ids[h].get_or_insert_with(|| {
                        *next_hit += 1;
                        *next_hit - 1
                    })
                });
            let entity = ents
                .iter()
                .find(|&&(ms, me, _)| ms <= s && e <= me && ms < me)
                .map(|&(_, _, ent)| ent);
            match out.last_mut() {
                Some(last) if last.hit == hit && last.entity == entity => {
                    last.text.push_str(&text[s..e])
                }
                _ => out.push(Segment {
                    text: text[s..e].to_string(),
                    hit,
                    entity,
                }),
            }
        }
        out
    }

    /// Entities sharing articles with `entity`, with how many: counted from the articles'
    /// entity lists (the build's co-occurrence table counts the same pairs; a split corpus's
    /// head leaves that table out).
    fn cooccurring(&self, entity: usize) -> Vec<(u32, u32)> {
        let mut counts: std::collections::BTreeMap<u32, u32> = Default::default();
        for &(a, _) in &self.entities_waited().entities[entity].articles {
            for &(e, _) in self.article_entities(a as usize) {
                if e as usize != entity {
                    *counts.entry(e).or_insert(0) += 1;
                }
            }
        }
        counts.into_iter().collect()
    }

    /// Where an entity is mentioned, in context, and what co-occurs with it.
    pub fn entity_view(&self, entity: usize, max_mentions: usize) -> Option<EntityView> {
        let ent = self.entities_waited().entities.get(entity)?;
        let mut mentions = Vec::new();
        // The entity's articles in corpus order; an article whose text is still to be fetched
        // counts its mentions as shown, so only the articles the view shows are asked for.
        let mut counted = 0usize;
        'outer: for &(a, n) in &ent.articles {
            let a = a as usize;
            if !self.has_text(a) {
                let _ = self.article(a);
                counted += n as usize;
                if counted >= max_mentions {
                    break;
                }
                continue;
            }
            let Some(art) = self.article(a) else {
                continue;
            };
            for m in self
                .mentions(a)
                .iter()
                .filter(|m| m.entity as usize == entity)
            {
                let text = match m.block {
                    None => art.title.as_str(),
                    Some(b) => match art.blocks.get(b as usize) {
                        Some(b) => b.text.as_str(),
                        None => continue,
                    },
                };
                let (s, e) = Utf16Index::new(text).range(m.start, m.end);
                mentions.push(MentionContext {
                    article: a,
                    before: context_before(&text[..s], 70),
                    text: text[s..e].to_string(),
                    after: context_after(&text[e..], 70),
                });
                counted += 1;
                if counted >= max_mentions {
                    break 'outer;
                }
            }
        }
        let mut cooccurring = self.cooccurring(entity);
        cooccurring.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        cooccurring.truncate(12);
        Some(EntityView {
            entity: entity as u32,
            mentions,
            cooccurring,
        })
    }
}

fn removed_block(text: &str, reason: RemovalReason) -> ReaderBlock {
    ReaderBlock {
        kind: BlockKind::Paragraph,
        segments: vec![Segment {
            text: text.to_string(),
            hit: None,
            entity: None,
        }],
        removed: Some(reason),
    }
}

/// The last `max` characters before a mention, starting at a word boundary.
fn context_before(s: &str, max: usize) -> String {
    let n = s.chars().count();
    if n <= max {
        return s.to_string();
    }
    let tail: String = s.chars().skip(n - max).collect();
    match tail.find(char::is_whitespace) {
        Some(i) => format!("…{}", &tail[i..]),
        None => format!("…{tail}"),
    }
}

fn context_after(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let head: String = s.chars().take(max).collect();
    match head.rfind(char::is_whitespace) {
        Some(i) => format!("{}…", &head[..i]),
        None => format!("{head}…"),
    }
}
