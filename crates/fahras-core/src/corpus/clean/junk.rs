//! Pass 1: lines that are page furniture wherever they stand. Each rule reads a line's shape
//! (see [`Feat`]) or matches the small tables in [`vocab`]; none knows a particular site.
//! Bylines are in [`super::byline`], navigation in [`super::nav`].

use super::byline::{byline, source_credit};
use super::line::{End, Feat};
use super::nav::{menu, nav_run, related_block, Strength};
use super::vocab::{self, Label};
use super::{Doc, Hint};
use crate::model::RemovalReason as R;

pub(super) fn mark(doc: &mut Doc) {
    let mut i = 0;
    while i < doc.len() {
        i = if doc.is_open(i) {
            mark_one(doc, i)
        } else {
            i + 1
        };
    }
}

/// Decide unit `i` if it is furniture; returns the next unit to look at.
fn mark_one(doc: &mut Doc, i: usize) -> usize {
    let f = &doc.feats[i];
    let text = doc.units[i].text.as_str();
    if f.words == 0 {
        // Only symbols: separators and icons ("***", "—", "▶").
        doc.remove(i, R::UiLabel);
        return i + 1;
    }
    if doc.units[i].hint == Hint::Image {
        doc.remove(i, R::Caption);
        return i + 1;
    }
    match line_label(&f.key) {
        Some(Label::Ad) => doc.remove(i, R::Advertisement),
        Some(Label::Ui | Label::Tags) => doc.remove(i, R::UiLabel),
        Some(Label::Staff) => {
            doc.author.get_or_insert_with(|| text.to_owned());
            doc.remove(i, R::Byline);
        }
        Some(Label::Summary) => return summary_block(doc, i),
        Some(Label::Related) => {
            doc.remove(i, R::UiLabel);
            return related_block(doc, i);
        }
        None => {
            if let Some(reason) = labelled_line(text, f) {
                doc.remove(i, reason);
            } else if share_bar(&f.key) {
                doc.remove(i, R::UiLabel);
            } else if let Some(by) = byline(text, f, false) {
                doc.author.get_or_insert(by.name);
                if let Some(d) = by.date {
                    doc.date.get_or_insert(d);
                }
                doc.remove(i, R::Byline);
            } else if let Some(src) = source_credit(text, f) {
                doc.credit.get_or_insert(src);
                doc.remove(i, R::Byline);
            } else if photo_credit(text, f) {
                doc.remove(i, R::Caption);
            } else if copyright(text, f) {
                doc.remove(i, R::Masthead);
            } else if menu(text, f) {
                doc.remove(i, R::Navigation);
            } else if nav_run(f) == Some(Strength::Strong) {
                doc.remove(i, R::Navigation);
                doc.tentative_nav.push(i);
            }
        }
    }
    i + 1
}

/// The label a whole line is, allowing a trailing count ("تعليقات 12").
pub(super) fn line_label(key: &str) -> Option<Label> {
    vocab::label(key).or_else(|| {
        let trimmed = key.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
        (trimmed.len() < key.len() && !trimmed.is_empty())
            .then(|| vocab::label(trimmed))
            .flatten()
    })
}

/// "اقرأ أيضا: <another headline>" is a link; "الوسوم: ..." is a tag list.
fn labelled_line(text: &str, f: &Feat) -> Option<R> {
    let tokens = &f.tokens;
    for take in (1..=3.min(tokens.len())).rev() {
        let head: Vec<&str> = tokens[..take].iter().map(|t| t.norm.as_str()).collect();
        let label = vocab::label(&head.join(" "));
        let rest = &text[tokens[take - 1].end..];
        let rest_trim = rest.trim_start();
        let colon = rest_trim.starts_with([':', '：', '|']) || rest_trim.starts_with(" - ");
        let rest_words = tokens.len() - take;
        match label {
            Some(Label::Related)
                if rest_words >= 2
                    && (colon || take >= 2)
                    && Feat::of(rest_trim).headline_like() =>
            {
                return Some(R::Navigation)
            }
            Some(Label::Tags) if colon && rest_words <= 20 => return Some(R::UiLabel),
            _ => {}
        }
    }
    None
}

/// A share or follow bar: network names, perhaps after a label ("شارك على فيسبوك وتويتر").
fn share_bar(key: &str) -> bool {
    let toks: Vec<&str> = key.split(' ').collect();
    let lead = (1..=3.min(toks.len()))
        .rev()
        .find(|&k| matches!(vocab::label(&toks[..k].join(" ")), Some(Label::Ui)));
    let rest = &toks[lead.unwrap_or(0)..];
    let network =
        |t: &str| vocab::is_social(t) || t.strip_prefix('و').is_some_and(vocab::is_social);
    let nets = rest.iter().filter(|t| network(t)).count();
    let all = rest.iter().all(|t| {
        network(t) || vocab::is_share_connector(t) || t.bytes().all(|b| b.is_ascii_digit())
    });
    all && nets >= 1 && (lead.is_some() || nets >= 2)
}

fn copyright(text: &str, f: &Feat) -> bool {
    f.words <= 25
        && (text.contains('©')
            || vocab::copyright()
                .iter()
                .any(|p| vocab::contains_words(&f.key, p)))
}

/// "صورة: رويترز", "الرئيس خلال المؤتمر (أرشيفية)".
fn photo_credit(text: &str, f: &Feat) -> bool {
    if f.words > 20
        || f.breaks > 0
        || matches!(
            f.end,
            End::Period | End::Question | End::Exclaim | End::Colon
        )
    {
        return false;
    }
    if vocab::is_photo_opener(f.first_word())
        && f.words <= 15
        && (text.contains(':') || f.words <= 4)
    {
        return true;
    }
    let t = text.trim_end();
    if let (true, Some(open)) = (t.ends_with(')'), t.rfind('(')) {
        let inner = vocab::key(&t[open..]);
        return vocab::photo_markers()
            .iter()
            .any(|m| vocab::contains_words(&inner, m));
    }
    false
}

/// A generated-summary box: its markers, then at most one short paragraph per marker and
/// the bullet list, up to where the body resumes.
fn summary_block(doc: &mut Doc, start: usize) -> usize {
    doc.remove(start, R::GeneratedSummary);
    let (mut para, mut list) = (false, false);
    let mut j = start + 1;
    while j < doc.len() {
        if !doc.is_open(j) {
            j += 1;
            continue;
        }
        let f = &doc.feats[j];
        let is_list = f.bullet.is_some() || doc.units[j].hint == Hint::ListItem;
        match line_label(&f.key) {
            Some(Label::Summary) => {
                doc.remove(j, R::GeneratedSummary);
                para = false;
            }
            Some(Label::Ad) => doc.remove(j, R::Advertisement),
            Some(Label::Ui) => doc.remove(j, R::UiLabel),
            _ if f.words == 0 => doc.remove(j, R::UiLabel),
            _ if is_list => {
                doc.remove(j, R::GeneratedSummary);
                list = true;
            }
            _ if list || para || f.words > 80 || matches!(doc.units[j].hint, Hint::Heading(_)) => {
                break
            }
            _ => {
                doc.remove(j, R::GeneratedSummary);
                para = true;
            }
        }
        j += 1;
    }
    j
}
