//! Pass 2: the top and bottom of the article. Above the first body paragraph a site prints
//! its name, its editors, navigation, a date, the title, a byline, a dek and a photo caption;
//! below the last one, its masthead and dates again. Position is what tells them apart.

use crate::hash::HashSet;

use super::byline::byline;
use super::line::End;
use super::nav::{nav_run, prose_like, Strength};
use super::{vocab, Doc, Fate, Hint, Meta};
use crate::date::find_date_in;
use crate::model::RemovalReason as R;

/// Runs the header and footer rules; returns the unit that is the title, if one is.
pub(super) fn mark(doc: &mut Doc, meta: &Meta) -> Option<usize> {
    let body = body_start(doc, true);
    let last_headline = (0..body)
        .rev()
        .find(|&j| doc.is_open(j) && doc.plain(j) && doc.feats[j].headline_like());
    for i in 0..body {
        if !doc.is_open(i) {
            continue;
        }
        if role_line(doc, i, last_headline) {
            doc.remove(i, R::Masthead);
        } else if let Some(d) = date_line(doc, i) {
            doc.date.get_or_insert(d);
            doc.remove(i, R::Byline);
        } else if let Some(by) =
            byline(&doc.units[i].text, &doc.feats[i], true).filter(|_| doc.plain(i))
        {
            doc.author.get_or_insert(by.name);
            doc.remove(i, R::Byline);
        }
    }
    site_name(doc, body);
    let title = title(doc, meta, body);
    // A run of `..`-separated pieces below the title that reads as prose is the body.
    for i in std::mem::take(&mut doc.tentative_nav) {
        if title.is_none_or(|t| i > t) && prose_like(doc.text(i)) {
            doc.fate[i] = Fate::Open;
        }
    }
    footer(doc);
    duplicates(doc, meta);
    if title.is_some() || meta.title.is_some() {
        dek(doc, meta, title);
    }
    let body = body_start(doc, false);
    caption(doc, body);
    title
}

/// The first body paragraph. With `mark_nav`, weak navigation runs above it are (tentatively)
/// navigation.
fn body_start(doc: &mut Doc, mark_nav: bool) -> usize {
    for i in 0..doc.len() {
        if !doc.is_open(i) {
            continue;
        }
        if matches!(doc.units[i].hint, Hint::ListItem | Hint::Quote) {
            return i;
        }
        if mark_nav && doc.plain(i) && nav_run(&doc.feats[i]) == Some(Strength::Weak) {
            doc.remove(i, R::Navigation);
            doc.tentative_nav.push(i);
            continue;
        }
        if doc.paragraph_like(i) {
            return i;
        }
    }
    doc.len()
}

/// "رئيس مجلس الإدارة ... رئيس التحرير ...": the editors, above the title.
fn role_line(doc: &Doc, i: usize, last_headline: Option<usize>) -> bool {
    let f = &doc.feats[i];
    if !doc.plain(i) || f.words > 25 || f.breaks > 0 {
        return false;
    }
    let roles = vocab::masthead_roles()
        .iter()
        .filter(|r| vocab::contains_words(&f.key, r))
        .count();
    let starts = vocab::masthead_roles()
        .iter()
        .any(|r| f.key.starts_with(r.as_str()));
    // A headline about an editor starts with a role too: it must not be the last headline-like
    // line above the body, which would be the title.
    roles >= 2 || (starts && last_headline.is_some_and(|t| t > i))
}

fn date_line(doc: &Doc, i: usize) -> Option<String> {
    if !doc.plain(i) || doc.feats[i].words > 14 {
        return None;
    }
    find_date_in(&doc.units[i].text, &doc.feats[i].tokens)
        .filter(|d| d.whole_line)
        .map(|d| d.iso)
}

/// The site's name at the very top: a short line repeated, or standing over the editors or
/// the navigation, with the real title below it.
fn site_name(doc: &mut Doc, body: usize) {
    let Some(i) = (0..body).find(|&i| doc.is_open(i)) else {
        return;
    };
    let f = &doc.feats[i];
    if !doc.plain(i) || !f.headline_like() || f.words > 6 {
        return;
    }
    let reps: Vec<usize> = (i + 1..body)
        .filter(|&j| doc.is_open(j) && doc.feats[j].key == f.key)
        .collect();
    let last = reps.last().copied().unwrap_or(i);
    let furniture = (last + 1 < doc.len())
        && matches!(doc.removed_as(last + 1), Some(R::Masthead | R::Navigation));
    let title_below = (last + 1..body).any(|j| {
        doc.is_open(j)
            && doc.plain(j)
            && doc.feats[j].headline_like()
            && doc.feats[j].words > f.words
    });
    if title_below && (furniture || (!reps.is_empty() && f.words <= 4)) {
        doc.site = Some(doc.text(i).to_owned());
        doc.remove(i, R::Masthead);
        for j in reps {
            doc.remove(j, R::Masthead);
        }
    }
}

fn title(doc: &mut Doc, meta: &Meta, body: usize) -> Option<usize> {
    if let Some(t) = &meta.title {
        // The text may repeat the stated title on its first lines: that line is the title.
        let k = vocab::key(t);
        let i = (0..doc.len())
            .filter(|&i| doc.is_open(i))
            .take(3)
            .find(|&i| doc.feats[i].key == k)?;
        doc.fate[i] = Fate::Title;
        return Some(i);
    }
    let i = (0..body).find(|&i| doc.is_open(i))?;
    // A markdown `# ` heading on top is the title whatever its shape: the writer said so.
    if doc.units[i].hint == Hint::Heading(1) {
        doc.fate[i] = Fate::Title;
        return Some(i);
    }
    let i = kicker(doc, i, body);
    let heading_or_plain = matches!(
        doc.units[i].hint,
        Hint::None | Hint::Paragraph | Hint::Heading(_)
    );
    if heading_or_plain
        && doc.feats[i].bullet.is_none()
        && doc.feats[i].headline_like()
        && doc.feats[i].words >= 2
    {
        doc.fate[i] = Fate::Title;
        return Some(i);
    }
    None
}

/// A section or topic label above the headline ("عاجل", "اقتصاد", "الحرب في أوكرانيا"): a
/// line of at most three words over a much longer headline-shaped line is the site's
/// navigation, and the longer line is the title. Returns the title candidate.
fn kicker(doc: &mut Doc, i: usize, body: usize) -> usize {
    let f = &doc.feats[i];
    if !doc.plain(i) || f.words > 3 || f.end != End::None {
        return i;
    }
    let next = doc.next_open(i);
    let Some(j) = next.filter(|&j| j < body && doc.plain(j) && doc.feats[j].headline_like()) else {
        return i;
    };
    let (a, b) = (f.words, doc.feats[j].words);
    if (a == 1 && b >= 2) || (b >= 6 && 2 * b >= 5 * a) {
        doc.remove(i, R::Navigation);
        return j;
    }
    i
}

/// Below the last paragraph: the editors, dates, navigation.
fn footer(doc: &mut Doc) {
    let Some(last) = (0..doc.len())
        .rev()
        .find(|&i| doc.is_open(i) && doc.paragraph_like(i))
    else {
        return;
    };
    for i in last + 1..doc.len() {
        if !doc.is_open(i) || !doc.plain(i) {
            continue;
        }
        let f = &doc.feats[i];
        let roles = vocab::masthead_roles()
            .iter()
            .filter(|r| vocab::contains_words(&f.key, r))
            .count();
        if roles >= 1 && f.words <= 25 && f.breaks == 0 {
            doc.remove(i, R::Masthead);
        } else if let Some(d) = date_line(doc, i) {
            doc.date.get_or_insert(d);
            doc.remove(i, R::Byline);
        } else if nav_run(f).is_some() {
            doc.remove(i, R::Navigation);
        }
    }
}

/// A line equal (after normalisation) to an earlier line of the text is a duplicate.
fn duplicates(doc: &mut Doc, meta: &Meta) {
    let mut seen: HashSet<String> = meta
        .title
        .iter()
        .chain(&meta.dek)
        .map(|t| vocab::key(t))
        .collect();
    for i in 0..doc.len() {
        if !matches!(doc.fate[i], Fate::Open | Fate::Title) || doc.feats[i].words < 2 {
            continue;
        }
        if !seen.insert(doc.feats[i].key.clone()) && doc.is_open(i) {
            doc.remove(i, R::Duplicate);
        }
    }
}

/// Header furniture: what stands between a dek and the body. Ads and widget labels are not
/// evidence: they interrupt the body too.
fn furniture(reason: Option<R>) -> bool {
    matches!(
        reason,
        Some(R::Byline | R::Caption | R::GeneratedSummary | R::Masthead)
    )
}

/// A dek: one sentence right under the title, standing alone — the next line is header
/// furniture (a byline, a caption, a summary box), not more body.
fn dek(doc: &mut Doc, meta: &Meta, title: Option<usize>) {
    if let Some(d) = &meta.dek {
        let k = vocab::key(d);
        let from = title.map_or(0, |t| t + 1);
        if let Some(j) = (from..doc.len())
            .filter(|&j| doc.is_open(j))
            .take(3)
            .find(|&j| doc.feats[j].key == k)
        {
            doc.fate[j] = Fate::Dek;
        }
        return;
    }
    let j = match title {
        Some(t) => doc.next_open(t),
        None => (0..doc.len()).find(|&j| doc.is_open(j)),
    };
    let Some(j) = j else { return };
    let f = &doc.feats[j];
    let shape = doc.plain(j)
        && f.breaks == 0
        && (6..=45).contains(&f.words)
        && !matches!(f.end, End::Colon | End::Comma | End::Question);
    let standalone = j + 1 < doc.len() && furniture(doc.removed_as(j + 1));
    if shape && standalone && doc.next_open(j).is_some() {
        doc.fate[j] = Fate::Dek;
    }
}

/// A photo caption right under the byline: short, no final punctuation, and either naming a
/// photo or followed by more header furniture rather than the body.
fn caption(doc: &mut Doc, body: usize) {
    for i in 0..body.min(doc.len()) {
        let j = i + 1;
        if doc.removed_as(i) != Some(R::Byline) || j >= body || !doc.is_open(j) || !doc.plain(j) {
            continue;
        }
        let f = &doc.feats[j];
        if !(3..=20).contains(&f.words) || f.end != End::None || f.commas > 1 || f.breaks > 0 {
            continue;
        }
        let photo = vocab::photo_markers()
            .iter()
            .any(|m| vocab::contains_words(&f.key, m));
        let next = doc.removed_as(j + 1);
        let before_more_furniture = matches!(
            next,
            Some(R::Byline | R::Caption | R::GeneratedSummary | R::UiLabel | R::Advertisement)
        );
        if photo || before_more_furniture {
            doc.remove(j, R::Caption);
        }
    }
}
