//! Navigation: menus, breadcrumbs, runs of other articles' headlines, related-links blocks.

use super::junk::line_label;
use super::line::{End, Feat};
use super::vocab;
use super::Doc;
use crate::date::find_date_in;
use crate::model::RemovalReason as R;
use crate::text::tokenize;

/// Menus and breadcrumbs: section names, or short segments between `|`/`»`.
pub fn menu(text: &str, f: &Feat) -> bool {
    if f.breaks > 0
        || f.words < 3
        || f.words > 30
        || matches!(
            f.end,
            End::Period | End::Question | End::Exclaim | End::Colon
        )
    {
        return false;
    }
    let toks: Vec<&str> = f.key.split(' ').collect();
    let section =
        |t: &str| vocab::is_section(t) || t.strip_prefix('و').is_some_and(vocab::is_section);
    if toks.iter().filter(|t| section(t)).count() * 4 >= toks.len() * 3 {
        return true;
    }
    let crumbs = text.matches(['»', '›', '>', '/', '\\']).count();
    if crumbs >= 1 && f.words <= 15 && matches!(f.first_word(), "الرييسيه" | "home") {
        return true;
    }
    let segs: Vec<&str> = text
        .split(['|', '•', '·', '»', '›'])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    segs.len() >= 3 && segs.iter().all(|s| (1..=4).contains(&tokenize(s).len()))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Strength {
    /// Navigation wherever it stands.
    Strong,
    /// Navigation when outside the body (above the first paragraph or below the last).
    Weak,
}

/// A run of other articles' headlines glued into one line: long, made of headline-sized
/// segments between separators (`..`, `|`, `•`), with almost no sentence punctuation.
pub fn nav_run(f: &Feat) -> Option<Strength> {
    let seps = f.dotdots + f.pipes;
    if f.words >= 25
        && seps >= 3
        && f.commas * 30 <= f.words
        && f.breaks <= 1
        && f.end != End::Period
    {
        let avg = f.words / (seps + 1);
        if (3..=30).contains(&avg) {
            return Some(if seps >= 6 {
                Strength::Strong
            } else {
                Strength::Weak
            });
        }
    }
    // Headlines glued without separators: prose this long always has a comma or a full stop.
    if f.words >= 60 && f.commas == 0 && f.breaks == 0 && f.end == End::None {
        return Some(if f.words >= 80 {
            Strength::Strong
        } else {
            Strength::Weak
        });
    }
    None
}

/// Prose that uses `..` as a comma (a common habit in Arabic news writing): the pieces after
/// the separators continue a sentence ("وأن ...", "مؤكدا ...") instead of starting headlines.
pub fn prose_like(text: &str) -> bool {
    let pieces: Vec<String> = text
        .split(['|', '•', '·', '…'])
        .flat_map(|p| p.split(".."))
        .skip(1)
        .map(vocab::key)
        .filter(|k| !k.is_empty())
        .collect();
    if pieces.is_empty() {
        return false;
    }
    let continuing = pieces
        .iter()
        .filter(|k| {
            let first = k.split(' ').next().unwrap_or("");
            // "وأن", "وفي", "ومؤكدا": a conjunction glued to a continuing word; longer و/ف
            // words are read as conjunction + word too ("وتستمر").
            let rest = first.strip_prefix(['و', 'ف']);
            let conj = rest.is_some_and(|r| r.chars().count() > 2 || vocab::is_continuation(r));
            conj || vocab::is_continuation(first)
        })
        .count();
    continuing * 100 >= pieces.len() * 35
}

/// The links after a "related articles" label: headline-shaped lines, until the body
/// resumes (a paragraph, or a blank line after links that were written without one).
pub fn related_block(doc: &mut Doc, start: usize) -> usize {
    let tight = doc
        .next_open(start)
        .is_some_and(|j| !doc.units[j].gap_before);
    let mut count = 0;
    let mut j = start + 1;
    while j < doc.len() && count < 8 {
        if !doc.is_open(j) {
            j += 1;
            continue;
        }
        if count > 0 && tight && doc.units[j].gap_before {
            break;
        }
        let f = &doc.feats[j];
        let link = (2..=25).contains(&f.words)
            && f.breaks == 0
            && f.end != End::Colon
            && (f.headline_like() || f.bullet.is_some());
        let dated = f.words <= 14
            && find_date_in(&doc.units[j].text, &f.tokens).is_some_and(|d| d.whole_line);
        if !link || dated || line_label(&f.key).is_some() {
            break;
        }
        doc.remove(j, R::Navigation);
        count += 1;
        j += 1;
    }
    j
}
