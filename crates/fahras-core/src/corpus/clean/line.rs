//! One line (or markdown block) of an article and what its shape says: word count, sentence
//! breaks, final punctuation, separators. Every rule of the cleaner reads these, never the
//! words of a particular site.

use crate::text::{tokenize, Token};

/// What the input format already says about a unit (markdown syntax); `None` for plain text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    None,
    Heading(u8),
    ListItem,
    Quote,
    Paragraph,
    /// A markdown image: its alt text is a caption.
    Image,
}

/// One unit of input: a line of a `.txt`, a block of a `.md`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unit {
    /// 1-based line in the source.
    pub line: u32,
    /// Trimmed, whitespace collapsed, never empty.
    pub text: String,
    pub hint: Hint,
    /// A blank line stood before this one.
    pub gap_before: bool,
}

/// How a line ends, once closing quotes and brackets are set aside.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum End {
    None,
    Period,
    Question,
    Exclaim,
    Colon,
    Comma,
    Ellipsis,
}

#[derive(Debug, Clone)]
pub struct Feat {
    pub words: usize,
    /// Normalised tokens joined by spaces.
    pub key: String,
    pub commas: usize,
    /// Sentence ends followed by more text.
    pub breaks: usize,
    pub end: End,
    /// `..`/`…` used as separators inside the line.
    pub dotdots: usize,
    /// `|`, `•`, `·` and ` - ` separators inside the line.
    pub pipes: usize,
    /// A leading bullet or number: byte length of the marker and whether it is a number.
    pub bullet: Option<(usize, bool)>,
    /// The words, from the shared tokenizer (spans in the unit's text).
    pub tokens: Vec<Token>,
}

impl Feat {
    pub fn of(text: &str) -> Feat {
        let tokens = tokenize(text);
        let key = tokens
            .iter()
            .map(|t| t.norm.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        let words = tokens.len();
        let commas = text
            .chars()
            .filter(|c| matches!(c, '،' | ',' | '؛' | ';'))
            .count();
        let ends = sentence_ends(text);
        let breaks = ends
            .iter()
            .filter(|&&e| !text[e..].trim().is_empty())
            .count();
        let bullet = bullet(text);
        let body = bullet.map_or(text, |(len, _)| &text[len..]);
        Feat {
            words,
            key,
            commas,
            breaks,
            end: end_of(text),
            dotdots: dotdots(body),
            pipes: body.matches(['|', '•', '·', '¦']).count() + body.matches(" - ").count(),
            bullet,
            tokens,
        }
    }

    /// Reads like a headline: short, one sentence, few commas, no lead-in colon.
    pub fn headline_like(&self) -> bool {
        (1..=25).contains(&self.words)
            && self.breaks == 0
            && self.commas <= 2
            && !matches!(self.end, End::Colon | End::Comma)
            && (self.end != End::Period || self.words <= 20)
    }

    pub fn first_word(&self) -> &str {
        self.key.split(' ').next().unwrap_or("")
    }
}

const CLOSERS: &[char] = &['"', '\'', '”', '’', '»', '›', ')', ']', '}', '*', '_'];
const TERMINALS: &[char] = &['.', '!', '?', '؟', '۔'];

fn end_of(text: &str) -> End {
    let t = text.trim_end_matches(|c: char| c.is_whitespace() || CLOSERS.contains(&c));
    let mut rev = t.chars().rev();
    match rev.next() {
        Some('.') if rev.next() == Some('.') => End::Ellipsis,
        Some('…') => End::Ellipsis,
        Some('.' | '۔') => End::Period,
        Some('؟' | '?') => End::Question,
        Some('!') => End::Exclaim,
        Some(':') => End::Colon,
        Some('،' | ',' | '؛' | ';' | '-' | '–') => End::Comma,
        _ => End::None,
    }
}

/// Byte offsets just after each sentence-final mark. Not sentence ends: `..` and `…`
/// (Arabic headlines use them as separators), decimals (`2.5`), one-letter abbreviations
/// (`د.`, `U.S.`) and a few Latin titles (`Dr.`).
pub fn sentence_ends(text: &str) -> Vec<usize> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !TERMINALS.contains(&c) {
            continue;
        }
        let prev = k.checked_sub(1).map(|p| chars[p].1);
        let next = chars.get(k + 1).map(|&(_, c)| c);
        if c == '.' {
            if prev == Some('.') || next == Some('.') {
                continue;
            }
            if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(|n| n.is_ascii_digit())
            {
                continue;
            }
            if is_abbreviation(&text[..i]) {
                continue;
            }
        }
        // A run of marks ("؟!", "؟.") ends one sentence, at its last mark.
        if next.is_some_and(|n| TERMINALS.contains(&n) || n == '…') {
            continue;
        }
        let mut end = i + c.len_utf8();
        for &(j, d) in &chars[k + 1..] {
            if CLOSERS.contains(&d) {
                end = j + d.len_utf8();
            } else {
                break;
            }
        }
        if text[end..].chars().next().is_none_or(char::is_whitespace) {
            out.push(end);
        }
    }
    out
}

fn is_abbreviation(before: &str) -> bool {
    let word: String = before
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect();
    let n = word.chars().count();
    n == 1
        || (n > 0
            && [
                "rD", "rM", "srM", "sM", "rJ", "tS", "sv", "cte", "cnI", "oN",
            ]
            .contains(&word.as_str()))
}

fn dotdots(text: &str) -> usize {
    let t = text.trim_end();
    let mut count = 0;
    let mut run = 0;
    for (i, c) in t.char_indices() {
        if c == '.' {
            run += 1;
            continue;
        }
        if run >= 2 && i < t.len() {
            count += 1;
        }
        run = 0;
        if c == '…' && !t[i + c.len_utf8()..].trim().is_empty() {
            count += 1;
        }
    }
    count
}

/// A list marker at the start: `•`, `-`, `*`, `·`, `▪`, `●`, `◦`, `‣`, `–`, or `1.`/`1)`/`(1)`.
pub fn bullet(text: &str) -> Option<(usize, bool)> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let spaced = |at: usize| {
        let rest = &text[at..];
        let trimmed = rest.trim_start();
        (trimmed.len() < rest.len() && !trimmed.is_empty()).then(|| text.len() - trimmed.len())
    };
    if matches!(
        first,
        '•' | '·' | '▪' | '●' | '◦' | '‣' | '■' | '►' | '✓' | '✔'
    ) {
        let at = first.len_utf8();
        let rest = text[at..].trim_start();
        return (!rest.is_empty()).then(|| (text.len() - rest.len(), false));
    }
    if matches!(first, '-' | '*' | '–' | '+') {
        return spaced(first.len_utf8()).map(|len| (len, false));
    }
    let body = text.strip_prefix('(').unwrap_or(text);
    let digits: usize = body
        .chars()
        .take_while(|c| c.is_ascii_digit() || ('٠'..='٩').contains(c))
        .map(char::len_utf8)
        .sum();
    if digits == 0 || body[..digits].chars().count() > 3 {
        return None;
    }
    let after = &body[digits..];
    let mark = after.chars().next()?;
    if matches!(mark, '.' | ')' | '-' | '–')
        && !(mark == '.' && after[1..].starts_with(|c: char| c.is_ascii_digit()))
    {
        let at = text.len() - after.len() + mark.len_utf8();
        return spaced(at).map(|len| (len, true));
    }
    None
}

/// Collapse runs of whitespace to one space and trim.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(w);
    }
    out
}

/// Split plain text into units, one per non-blank line.
pub fn lines_to_units(text: &str, first_line: u32) -> Vec<Unit> {
    let mut units = Vec::new();
    let mut gap = false;
    let mut line = first_line;
    // Old Mac files end lines with a lone CR; everything else ends them with LF (or CRLF).
    let sep = if text.contains('\n') { '\n' } else { '\r' };
    for raw in text.split(sep) {
        let t = squash(raw.trim_start_matches('\u{FEFF}'));
        if t.is_empty() {
            gap = true;
        } else {
            units.push(Unit {
                line,
                text: t,
                hint: Hint::None,
                gap_before: gap,
            });
            gap = false;
        }
        line = line.saturating_add(1);
    }
    units
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_breaks_ignore_separators_decimals_and_abbreviations() {
        assert_eq!(
            Feat::of("روسيا وأمريكا.. تقارب محتمل في ظل زيارة").breaks,
            0
        );
        assert_eq!(Feat::of("رئيس مجلس الإدارة د. محمد أسامة").breaks, 0);
        assert_eq!(Feat::of("ارتفع 2.5 في المئة. ثم هبط.").breaks, 1);
        assert_eq!(Feat::of("هل هذا صحيح؟ نعم").breaks, 1);
        assert_eq!(Feat::of("أعلن “بناء”. ووفقًا لذلك").breaks, 1);
    }

    #[test]
    fn ends_and_separators() {
        assert_eq!(Feat::of("الكرملين: الرئيسان “لا يريدان”").end, End::None);
        assert_eq!(Feat::of("إلى أين؟.").end, End::Period);
        assert_eq!(Feat::of("مع واشنطن..").end, End::Ellipsis);
        assert_eq!(Feat::of("أبرزها:").end, End::Colon);
        assert_eq!(Feat::of("أ.. ب.. ج..").dotdots, 2);
    }

    #[test]
    fn bullets() {
        assert_eq!(bullet("  • x".trim()), Some(("• ".len(), false)));
        assert_eq!(bullet("- بند"), Some((2, false)));
        assert_eq!(bullet("1. أول"), Some((3, true)));
        assert_eq!(bullet("١) أول"), Some(("١) ".len(), true)));
        assert_eq!(bullet("2025. عام"), None);
        assert_eq!(bullet("3.5 مليار"), None);
        assert_eq!(bullet("-5 درجات"), None);
    }
}
