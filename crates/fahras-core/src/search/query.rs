//! The query language, parsed with the one analyser (so a query word is cut and folded exactly
//! as the indexed text was):
//!
//! - words are ANDed: `روسيا ميامي`
//! - `"شبه جزيرة القرم"` is a phrase (consecutive words); `“…”` and `«…»` work too, and an
//!   unclosed quote runs to the end (as while typing)
//! - `-ميامي` excludes, `-"…"` excludes a phrase
//! - `ترامب OR بوتين` (also `|`) matches either
//! - the last word is a prefix while typing, when the query does not end with a space
//!
//! Anything else is text: punctuation only, a lone `-`, `OR OR`, unbalanced quotes all parse to
//! something sensible, and the work is bounded (see [`MAX_WORDS`], [`MAX_QUERY_CHARS`]).

use crate::text::tokenize;

/// Most words a query keeps (positive, phrase and excluded words together).
pub const MAX_WORDS: usize = 32;
/// Longest query read, in chars; the rest is ignored.
pub const MAX_QUERY_CHARS: usize = 1000;

/// One word of a query, normalised.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub norm: String,
    /// The word may still be being typed: match it as a prefix too (when the search asks).
    pub prefix: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Word(Word),
    /// Two or more words that must appear consecutively.
    Phrase(Vec<String>),
}

/// Items of which an article must match at least one (an `OR` group; usually just one item).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clause {
    pub alternatives: Vec<Item>,
    /// The clause as the user typed it (`لوائحها`, `ترامب OR بوتين`, `"شبه جزيرة"`): what a
    /// notice names when no article holds it.
    pub text: String,
}

/// A parsed query: every clause must match, no excluded item may.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub clauses: Vec<Clause>,
    pub excluded: Vec<Item>,
}

impl Query {
    /// No clause and nothing excluded: the query lists every article.
    pub fn is_empty(&self) -> bool {
        self.clauses.is_empty() && self.excluded.is_empty()
    }

    /// Every normalised word the query looks for (not the excluded ones), in order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.clauses
            .iter()
            .flat_map(|c| c.alternatives.iter())
            .flat_map(|item| {
                let words: Box<dyn Iterator<Item = &str>> = match item {
                    Item::Word(w) => Box::new(std::iter::once(w.norm.as_str())),
                    Item::Phrase(p) => Box::new(p.iter().map(String::as_str)),
                };
                words
            })
    }
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '«' | '»' | '„' | '″')
}

fn is_minus(c: char) -> bool {
    matches!(c, '-' | '−' | '–' | '—')
}

enum Unit<'a> {
    Text(&'a str),
    Quoted { text: &'a str, negated: bool },
}

/// Split into whitespace-separated chunks and quoted runs.
fn units(q: &str) -> Vec<Unit<'_>> {
    let mut out = Vec::new();
    let mut rest = q;
    while !rest.is_empty() {
        rest = rest.trim_start();
        let Some(first) = rest.chars().next() else {
            break;
        };
        let negated_quote = is_minus(first) && rest[first.len_utf8()..].starts_with(is_quote);
        if is_quote(first) || negated_quote {
            let open = if negated_quote { first.len_utf8() } else { 0 };
            let q_len = rest[open..].chars().next().map_or(0, char::len_utf8);
            let body = &rest[open + q_len..];
            let end = body.find(is_quote).unwrap_or(body.len());
            out.push(Unit::Quoted {
                text: &body[..end],
                negated: negated_quote,
            });
            rest = body.get(end..).unwrap_or("");
            // Skip the closing quote.
            if let Some(c) = rest.chars().next() {
                rest = &rest[c.len_utf8()..];
            }
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || is_quote(c))
            .unwrap_or(rest.len());
        out.push(Unit::Text(&rest[..end]));
        rest = &rest[end..];
    }
    out
}

/// Parse a query string. Never fails: what cannot be understood is read as plain words.
pub fn parse_query(q: &str) -> Query {
    let q = match q.char_indices().nth(MAX_QUERY_CHARS) {
        Some((cut, _)) => &q[..cut],
        None => q,
    };
    let ends_in_word = q
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_whitespace() && !is_quote(c));
    let mut query = Query::default();
    let mut budget = MAX_WORDS;
    let mut or_pending = false;
    // Where the last positive word item is, and whether it ended the query string.
    let mut last_word: Option<(usize, usize)> = None;
    let mut last_unit_ends_query = false;

    let units = units(q);
    let n_units = units.len();
    for (ui, unit) in units.into_iter().enumerate() {
        let is_last_unit = ui + 1 == n_units;
        match unit {
            Unit::Quoted { text, negated } => {
                let words: Vec<String> = tokenize(text)
                    .into_iter()
                    .take(budget)
                    .map(|t| t.norm)
                    .collect();
                budget -= words.len();
                let item = match words.len() {
                    0 => continue,
                    1 => Item::Word(Word {
                        norm: words.into_iter().next().unwrap_or_default(),
                        prefix: false,
                    }),
                    _ => Item::Phrase(words),
                };
                if negated {
                    query.excluded.push(item);
                } else {
                    let shown = format!("\"{}\"", text.trim());
                    push_item(&mut query, item, &shown, &mut or_pending);
                }
                last_word = None;
            }
            Unit::Text(chunk) => {
                if chunk == "OR" || chunk == "|" || chunk == "||" {
                    or_pending = !query.clauses.is_empty();
                    last_word = None;
                    continue;
                }
                let first = chunk.chars().next().unwrap_or(' ');
                if is_minus(first) {
                    for t in tokenize(&chunk[first.len_utf8()..])
                        .into_iter()
                        .take(budget)
                    {
                        budget -= 1;
                        query.excluded.push(Item::Word(Word {
                            norm: t.norm,
                            prefix: false,
                        }));
                    }
                    last_word = None;
                    continue;
                }
                let tokens = tokenize(chunk);
                let n = tokens.len();
                for (i, t) in tokens.into_iter().enumerate() {
                    if budget == 0 {
                        break;
                    }
                    budget -= 1;
                    let ends_chunk = i + 1 == n && t.end == chunk.len();
                    let typed = &chunk[t.start..t.end];
                    push_item(
                        &mut query,
                        Item::Word(Word {
                            norm: t.norm,
                            prefix: false,
                        }),
                        typed,
                        &mut or_pending,
                    );
                    let ci = query.clauses.len() - 1;
                    last_word = Some((ci, query.clauses[ci].alternatives.len() - 1));
                    last_unit_ends_query = is_last_unit && ends_chunk;
                }
            }
        }
    }
    if ends_in_word && last_unit_ends_query {
        if let Some((ci, ai)) = last_word {
            if let Some(Item::Word(w)) = query
                .clauses
                .get_mut(ci)
                .and_then(|c| c.alternatives.get_mut(ai))
            {
                w.prefix = true;
            }
        }
    }
    dedup_clauses(&mut query.clauses);
    query
}

fn push_item(query: &mut Query, item: Item, text: &str, or_pending: &mut bool) {
    match query.clauses.last_mut() {
        Some(last) if *or_pending => {
            last.alternatives.push(item);
            last.text.push_str(" OR ");
            last.text.push_str(text);
        }
        _ => query.clauses.push(Clause {
            alternatives: vec![item],
            text: text.to_string(),
        }),
    }
    *or_pending = false;
}

/// A repeated word adds nothing but weight: keep its first clause (and the prefix flag).
fn dedup_clauses(clauses: &mut Vec<Clause>) {
    let mut i = 0;
    while i < clauses.len() {
        let dup = (0..i).find(|&j| same_ignoring_prefix(&clauses[j], &clauses[i]));
        match dup {
            Some(j) => {
                let removed = clauses.remove(i);
                if let (Some(Item::Word(kept)), Some(Item::Word(gone))) = (
                    clauses[j].alternatives.first_mut(),
                    removed.alternatives.first(),
                ) {
                    kept.prefix |= gone.prefix;
                }
            }
            None => i += 1,
        }
    }
}

fn same_ignoring_prefix(a: &Clause, b: &Clause) -> bool {
    a.alternatives.len() == b.alternatives.len()
        && a.alternatives
            .iter()
            .zip(&b.alternatives)
            .all(|(x, y)| match (x, y) {
                (Item::Word(x), Item::Word(y)) => x.norm == y.norm,
                (x, y) => x == y,
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(norm: &str, prefix: bool) -> Item {
        Item::Word(Word {
            norm: norm.into(),
            prefix,
        })
    }

    fn shape(q: &Query) -> Vec<Vec<Item>> {
        q.clauses.iter().map(|c| c.alternatives.clone()).collect()
    }

    #[test]
    fn and_phrase_exclusion_or_prefix() {
        let q = parse_query("روسيا \"شبه جزيرة القرم\" -ميامي ترامب OR بوتين ويتك");
        assert_eq!(
            shape(&q),
            vec![
                vec![word("روسيا", false)],
                vec![Item::Phrase(vec![
                    "شبه".into(),
                    "جزيره".into(),
                    "القرم".into()
                ])],
                vec![word("ترامب", false), word("بوتين", false)],
                vec![word("ويتك", true)],
            ]
        );
        assert_eq!(q.excluded, vec![word("ميامي", false)]);
    }

    #[test]
    fn prefix_only_when_the_query_ends_inside_a_word() {
        assert_eq!(shape(&parse_query("ترام")), vec![vec![word("ترام", true)]]);
        assert_eq!(
            shape(&parse_query("ترام ")),
            vec![vec![word("ترام", false)]]
        );
        assert_eq!(
            shape(&parse_query("ترام.")),
            vec![vec![word("ترام", false)]]
        );
        assert_eq!(
            shape(&parse_query("\"ترام\"")),
            vec![vec![word("ترام", false)]]
        );
        assert_eq!(
            shape(&parse_query("روسيا -ميا")),
            vec![vec![word("روسيا", false)]]
        );
    }

    #[test]
    fn normalised_like_the_index() {
        let q = parse_query("دِمِيتْرِيِيف روســيا الخارجيه ٢٠٢٢ أمريكا");
        let words: Vec<&str> = q.words().collect();
        assert_eq!(words, ["دميترييف", "روسيا", "الخارجيه", "2022", "امريكا"]);
    }

    #[test]
    fn hostile_input_parses_to_something_bounded() {
        for q in [
            "",
            "   ",
            "-",
            "- -",
            "OR",
            "OR OR",
            "\"",
            "\"\"",
            "«",
            "-\"",
            "!!!؟؟،،",
            "\u{064E}\u{064F}",
            "ـــ",
        ] {
            let p = parse_query(q);
            assert!(p.is_empty(), "{q:?} → {p:?}");
        }
        let p = parse_query("a OR OR b OR");
        assert_eq!(shape(&p), vec![vec![word("a", false), word("b", false)]]);
        let p = parse_query("OR روسيا");
        assert_eq!(shape(&p), vec![vec![word("روسيا", true)]]);
        let long = "كلمة ".repeat(5000);
        let p = parse_query(&long);
        assert_eq!(p.clauses.len(), 1, "duplicates fold");
        let many: String = (0..500).map(|i| format!("w{i} ")).collect();
        assert_eq!(parse_query(&many).words().count(), MAX_WORDS);
        let p = parse_query("\"شبه جزيرة");
        assert_eq!(
            shape(&p),
            vec![vec![Item::Phrase(vec!["شبه".into(), "جزيره".into()])]]
        );
    }

    #[test]
    fn excluded_phrase_and_quotes_of_other_kinds() {
        let p = parse_query("روسيا -\"شبه جزيرة\" «البيت الأبيض»");
        assert_eq!(
            p.excluded,
            vec![Item::Phrase(vec!["شبه".into(), "جزيره".into()])]
        );
        assert_eq!(
            p.clauses[1].alternatives,
            vec![Item::Phrase(vec!["البيت".into(), "الابيض".into()])]
        );
    }
}
