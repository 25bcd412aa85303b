//! Known-item queries on REAL articles (issue 14): someone remembers an article and types two
//! or three of its rarer words the way people type — without hamza, ه for ة, a clitic added, a
//! letter dropped, a haraka added — and the article should come back at the top.
//!
//! ```text
//! fahras-bench known-item <articles.jsonl> <n_articles> <n_queries> <out_dir> [--seed S] [--spread]
//! ```
//! Takes the first `n_articles` lines of the JSON Lines file (`--spread`: `n_articles` lines
//! spaced evenly through it), compiles them as `fahras build` does, draws `n_queries` queries
//! (classes in turn, see [`CLASSES`]) and runs them through Fahras. Writes to `out_dir`:
//! `corpus.jsonl` (the lines taken), `queries.jsonl` (`{query, target_id, class, words}`),
//! `articles.jsonl` (`{id, title, text}`: what Fahras indexes, for MiniSearch),
//! `fahras.jsonl` (`{query, ids}`, top 10) and `fahras-timing.json`. `bench/known-item.mjs`
//! scores Fahras and MiniSearch on them.
//!
//! Corpus: ANT Corpus v2.1 multi-source (../shared/corpora/ant-multisource.jsonl.xz). A.
//! Chouigui, O. Ben Khiroun, B. Elayeb, "An Arabic Multi-source News Corpus: Experimenting on
//! Single-document Extractive Summarization", Arabian Journal for Science and Engineering
//! 46(8), 2021; antcorpus.github.io. Article texts belong to their publishers.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use fahras_core::model::Article;
use fahras_core::search::SearchOptions;

use crate::native::{percentile, us};
use crate::rng::Rng;

/// The ways a query is typed, one per query, in turn (so they are evenly spread).
pub const CLASSES: [&str; 6] = [
    "exact",
    "hamza",
    "ta_marbuta",
    "clitic",
    "deletion",
    "haraka",
];

/// Hits kept per query (found@1 and found@3 are read from them).
const LIMIT: usize = 10;
/// Timed runs per query; the median is its latency.
const REPS: usize = 3;
/// At most this many of an article's rarest words are candidates for its queries.
const POOL: usize = 8;
/// Words shorter than this (in letters) are never picked.
const MIN_LETTERS: usize = 4;

const USAGE: &str =
    "known-item <articles.jsonl> <n_articles> <n_queries> <out_dir> [--seed S] [--spread]";

pub fn run(args: &[String]) -> Result<(), String> {
    let mut positional = Vec::new();
    let (mut seed, mut spread) = (14u64, false);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--seed" => {
                let v = it.next().ok_or("--seed needs a number")?;
                seed = v
                    .parse()
                    .map_err(|_| format!("--seed: `{v}` is not a number"))?;
            }
            "--spread" => spread = true,
            _ => positional.push(a.as_str()),
        }
    }
    let [input, n_articles, n_queries, out] = positional[..] else {
        return Err(format!("usage: fahras-bench {USAGE}"));
    };
    let number = |s: &str, what: &str| -> Result<usize, String> {
        s.parse()
            .map_err(|_| format!("known-item: `{s}` is not a number of {what}"))
    };
    let n_articles = number(n_articles, "articles")?;
    let n_queries = number(n_queries, "queries")?;
    let out = PathBuf::from(out);
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;

    // The articles, compiled exactly as `fahras build <file>` compiles them.
    let corpus = out.join("corpus.jsonl");
    let taken = take_lines(Path::new(input), n_articles, spread, &corpus)?;
    let t = Instant::now();
    let compiled = fahras_core::bundle::compile_inputs(&[&corpus]);
    let errors = compiled.diagnostics.iter().filter(|d| d.is_error()).count();
    let bundle = compiled
        .bundle
        .filter(|b| !b.articles.is_empty())
        .ok_or("no article could be read")?;
    let index = bundle.index().map_err(|e| e.to_string())?;
    let articles = bundle.articles;
    println!(
        "{} of {taken} lines of {input} ({}) compiled into {} articles in {:.1} s ({errors} errors)",
        if spread { "spread" } else { "first" },
        if spread { "evenly spaced" } else { "in file order" },
        articles.len(),
        t.elapsed().as_secs_f64()
    );

    let words: Vec<Vec<(String, usize)>> = articles.iter().map(article_words).collect();
    let mut df: HashMap<String, u32> = HashMap::new();
    for ws in &words {
        let distinct: HashSet<String> = ws.iter().map(|(w, _)| fold(w)).collect();
        for w in distinct {
            *df.entry(w).or_default() += 1;
        }
    }
    let max_df = (articles.len() / 100).max(5) as u32;
    let pools: Vec<Vec<(String, usize)>> =
        words.iter().map(|ws| rare_pool(ws, &df, max_df)).collect();
    let queries = generate(&articles, &pools, n_queries, seed)?;

    write_lines(
        &out.join("articles.jsonl"),
        articles.iter().map(article_json),
    )?;
    write_lines(&out.join("queries.jsonl"), queries.iter().map(Query::json))?;

    let opts = SearchOptions {
        prefix_last: false,
        limit: Some(LIMIT),
    };
    let mut times = Vec::with_capacity(queries.len());
    let mut results = Vec::with_capacity(queries.len());
    for q in &queries {
        let ids: Vec<String> = index
            .search(&articles, &q.query, &opts)
            .into_iter()
            .map(|h| h.id)
            .collect();
        let mut runs: Vec<Duration> = (0..REPS)
            .map(|_| {
                let t = Instant::now();
                std::hint::black_box(index.search(&articles, &q.query, &opts));
                t.elapsed()
            })
            .collect();
        runs.sort();
        times.push(runs[REPS / 2]);
        results.push(ids);
    }
    write_lines(
        &out.join("fahras.jsonl"),
        queries.iter().zip(&results).map(|(q, ids)| {
            let ids: Vec<String> = ids.iter().map(|i| json_str(i)).collect();
            format!(
                "{{\"query\":{},\"ids\":[{}]}}",
                json_str(&q.query),
                ids.join(",")
            )
        }),
    )?;
    times.sort();
    let (p50, p95) = (percentile(&times, 50.0), percentile(&times, 95.0));
    let timing = format!(
        "{{\"articles\":{},\"queries\":{},\"limit\":{LIMIT},\"p50_us\":{:.1},\"p95_us\":{:.1},\"max_us\":{:.1}}}\n",
        articles.len(),
        queries.len(),
        p50.as_secs_f64() * 1e6,
        p95.as_secs_f64() * 1e6,
        percentile(&times, 100.0).as_secs_f64() * 1e6
    );
    std::fs::write(out.join("fahras-timing.json"), timing).map_err(|e| e.to_string())?;

    println!(
        "{} known-item queries (seed {seed}), Fahras search p50 {} p95 {} (median of {REPS} runs, limit {LIMIT})",
        queries.len(),
        us(p50),
        us(p95)
    );
    for class in CLASSES.iter().copied().chain(["all"]) {
        let (mut n, mut at1, mut at3, mut empty) = (0, 0, 0, 0);
        for (q, ids) in queries.iter().zip(&results) {
            if class != "all" && q.class != class {
                continue;
            }
            n += 1;
            let rank = ids.iter().position(|i| *i == q.target_id);
            at1 += usize::from(rank == Some(0));
            at3 += usize::from(rank.is_some_and(|r| r < 3));
            empty += usize::from(ids.is_empty());
        }
        let pc = |x: usize| 100.0 * x as f64 / n.max(1) as f64;
        println!(
            "  Fahras {class:<10} found@1 {:5.1}%  found@3 {:5.1}%  nothing {:5.1}%  n={n}",
            pc(at1),
            pc(at3),
            pc(empty)
        );
    }
    println!("wrote {}", out.display());
    Ok(())
}

/// Copies `n` lines of `input` (the first ones, or evenly spaced) to `dest`; returns how many.
fn take_lines(input: &Path, n: usize, spread: bool, dest: &Path) -> Result<usize, String> {
    let open = || {
        std::fs::File::open(input)
            .map(BufReader::new)
            .map_err(|e| format!("{}: {e}", input.display()))
    };
    let total = if spread {
        open()?
            .lines()
            .map_while(Result::ok)
            .filter(|l| !l.trim().is_empty())
            .count()
    } else {
        n
    };
    // Line k of the non-empty lines is taken when it is the first at or after i·total/n.
    let mut wanted = (0..n.min(total)).map(|i| i * total / n.max(1)).peekable();
    let mut out = Vec::new();
    let mut k = 0usize;
    for line in open()?.lines() {
        let line = line.map_err(|e| format!("{}: {e}", input.display()))?;
        if line.trim().is_empty() {
            continue;
        }
        match wanted.peek() {
            None => break,
            Some(&w) if w == k => {
                out.extend_from_slice(line.as_bytes());
                out.push(b'\n');
                wanted.next();
            }
            Some(_) => {}
        }
        k += 1;
    }
    let taken = out.iter().filter(|&&b| b == b'\n').count();
    std::fs::write(dest, out).map_err(|e| format!("{}: {e}", dest.display()))?;
    Ok(taken)
}

fn is_letter(c: char) -> bool {
    matches!(c, '\u{0621}'..='\u{063A}' | '\u{0641}'..='\u{064A}')
}

/// Harakat, tanwin, superscript alef and tatweel: inside words, never typed.
fn is_mark(c: char) -> bool {
    matches!(c, '\u{064B}'..='\u{0652}' | '\u{0670}' | '\u{0640}')
}

/// The article's Arabic words as they are written (marks taken out), with their place: the
/// texts Fahras indexes (title, dek, blocks). A run of letters touching Latin letters or
/// digits is not a word.
fn article_words(a: &Article) -> Vec<(String, usize)> {
    let texts = std::iter::once(a.title.as_str())
        .filter(|_| !a.title_derived)
        .chain(a.dek.as_deref())
        .chain(a.blocks.iter().map(|b| b.text.as_str()));
    let mut out = Vec::new();
    for text in texts {
        let chars: Vec<char> = text.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            if !is_letter(chars[i]) {
                i += 1;
                continue;
            }
            let start = i;
            while i < chars.len() && (is_letter(chars[i]) || is_mark(chars[i])) {
                i += 1;
            }
            let touches = |j: Option<usize>| {
                j.and_then(|j| chars.get(j))
                    .is_some_and(|c| c.is_alphanumeric())
            };
            if touches(start.checked_sub(1)) || touches(Some(i)) {
                continue;
            }
            let word: String = chars[start..i].iter().filter(|c| is_letter(**c)).collect();
            if word.chars().count() >= MIN_LETTERS {
                out.push((word, out.len()));
            }
        }
    }
    out
}

/// The spelling-blind key rarity is counted on: hamza seats, ة/ه and ى/ي folded.
fn fold(w: &str) -> String {
    w.chars()
        .map(|c| match c {
            'أ' | 'إ' | 'آ' | 'ٱ' => 'ا',
            'ة' => 'ه',
            'ى' | 'ئ' => 'ي',
            'ؤ' => 'و',
            c => c,
        })
        .collect()
}

/// The word without its likely clitics (و/ف, then ب/ل/ك, then ال), folded: only to keep two
/// spellings of one word out of one query.
fn bare(w: &str) -> String {
    let mut w = fold(w);
    for prefixes in [&["و", "ف"][..], &["ب", "ل", "ك"], &["ال", "ل"]] {
        if let Some(p) = prefixes
            .iter()
            .find(|p| w.starts_with(**p) && w.chars().count() > 4)
        {
            w = w[p.len()..].to_string();
        }
    }
    w
}

/// Up to [`POOL`] of the article's rarest distinct words (document frequency at most `max_df`),
/// with their first place in the article.
fn rare_pool(
    words: &[(String, usize)],
    df: &HashMap<String, u32>,
    max_df: u32,
) -> Vec<(String, usize)> {
    let mut seen = HashSet::new();
    let mut pool: Vec<(u32, usize, &String)> = words
        .iter()
        .filter(|(w, _)| seen.insert(fold(w)))
        .map(|(w, at)| (df[&fold(w)], *at, w))
        .filter(|&(d, _, _)| d <= max_df)
        .collect();
    pool.sort();
    pool.truncate(POOL);
    pool.into_iter().map(|(_, at, w)| (w.clone(), at)).collect()
}

pub struct Query {
    pub query: String,
    pub target_id: String,
    pub class: &'static str,
    /// The article's words, as written there, in article order.
    pub words: Vec<String>,
}

impl Query {
    fn json(&self) -> String {
        let words: Vec<String> = self.words.iter().map(|w| json_str(w)).collect();
        format!(
            "{{\"query\":{},\"target_id\":{},\"class\":{},\"words\":[{}]}}",
            json_str(&self.query),
            json_str(&self.target_id),
            json_str(self.class),
            words.join(",")
        )
    }
}

const HAMZA: [char; 5] = ['أ', 'إ', 'آ', 'ؤ', 'ئ'];
const CLITIC_LETTERS: [char; 5] = ['و', 'ف', 'ب', 'ل', 'ك'];

/// A word a clitic can sensibly be added to: one with the article (و/ب/ل go before it), or a
/// bare word (و/ال before it, ها after it).
fn takes_clitic(w: &str) -> bool {
    w.starts_with("ال")
        || !(w.starts_with(CLITIC_LETTERS)
            || w.ends_with(['ه', 'ي', 'ا', 'ك'])
            || w.ends_with("هم"))
}

/// Whether `class` can change `w`.
fn applies(class: &str, w: &str) -> bool {
    match class {
        "hamza" => w.contains(HAMZA),
        "ta_marbuta" => w.contains('ة'),
        "clitic" => takes_clitic(w),
        "deletion" => w.chars().count() >= 5,
        _ => true,
    }
}

fn generate(
    articles: &[Article],
    pools: &[Vec<(String, usize)>],
    n: usize,
    seed: u64,
) -> Result<Vec<Query>, String> {
    let mut rng = Rng::new(seed);
    let mut seen = HashSet::new();
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let class = CLASSES[i % CLASSES.len()];
        let mut made = None;
        for _ in 0..100_000 {
            let a = rng.below(articles.len());
            let pool = &pools[a];
            if pool.len() < 2 {
                continue;
            }
            let able: Vec<usize> = (0..pool.len())
                .filter(|&j| applies(class, &pool[j].0))
                .collect();
            if able.is_empty() {
                continue;
            }
            // The word the class changes, then one or two more of the rare words.
            let key = *rng.pick(&able);
            let mut picked = vec![key];
            let k = rng.between(2, 3).min(pool.len());
            for _ in 0..20 {
                if picked.len() == k {
                    break;
                }
                // Not the same word twice with other clitics (الكفيفات, للكفيفات).
                let j = rng.below(pool.len());
                if !picked.iter().any(|&p| bare(&pool[p].0) == bare(&pool[j].0)) {
                    picked.push(j);
                }
            }
            if picked.len() < 2 {
                continue;
            }
            picked.sort_by_key(|&j| pool[j].1);
            let words: Vec<String> = picked.iter().map(|&j| pool[j].0.clone()).collect();
            let key_at = picked.iter().position(|&j| j == key).unwrap_or(0);
            let typed = type_as_people_do(class, &words, key_at, &mut rng);
            let query = typed.join(" ");
            if seen.insert(query.clone()) {
                made = Some(Query {
                    query,
                    target_id: articles[a].id.clone(),
                    class,
                    words,
                });
                break;
            }
        }
        out.push(made.ok_or_else(|| format!("no article gives a `{class}` query"))?);
    }
    Ok(out)
}

/// The words as someone types them under `class`. Hamza and ta marbuta are left out of every
/// word (a habit, not a slip); a clitic, a dropped letter or a haraka touch the word `key`.
fn type_as_people_do(class: &str, words: &[String], key: usize, rng: &mut Rng) -> Vec<String> {
    let mut out = words.to_vec();
    match class {
        "hamza" => {
            for w in &mut out {
                *w = w
                    .chars()
                    .map(|c| match c {
                        'أ' | 'إ' | 'آ' => 'ا',
                        'ؤ' => 'و',
                        // Mostly the dotless seat ي; sometimes the seat dropped, a bare ء.
                        'ئ' if rng.chance(0.25) => 'ء',
                        'ئ' => 'ي',
                        c => c,
                    })
                    .collect();
            }
        }
        "ta_marbuta" => {
            for w in &mut out {
                *w = w.replace('ة', "ه");
            }
        }
        "clitic" => {
            let w = &out[key];
            out[key] = if let Some(rest) = w.strip_prefix("ال") {
                match rng.below(3) {
                    0 => format!("و{w}"),
                    1 => format!("ب{w}"),
                    _ => format!("لل{rest}"),
                }
            } else {
                match rng.below(3) {
                    0 => format!("و{w}"),
                    1 => format!("ال{w}"),
                    // A sound plural loses its ن before ها (قضائيين → قضائييها): left to و.
                    _ if w.ends_with("ين") || w.ends_with("ون") => format!("و{w}"),
                    _ => match w.strip_suffix('ة') {
                        Some(stem) => format!("{stem}تها"),
                        None => format!("{w}ها"),
                    },
                }
            };
        }
        "deletion" => {
            let mut chars: Vec<char> = out[key].chars().collect();
            let at = rng.between(1, chars.len() - 2);
            chars.remove(at);
            out[key] = chars.into_iter().collect();
        }
        "haraka" => {
            let mut chars: Vec<char> = out[key].chars().collect();
            let mark = *rng.pick(&['\u{064E}', '\u{0650}', '\u{064F}', '\u{0651}']);
            let after = rng.below(chars.len());
            chars.insert(after + 1, mark);
            out[key] = chars.into_iter().collect();
        }
        _ => {}
    }
    out
}

/// `{id, title, text}`: what Fahras indexes of the article (the dek, then the blocks).
fn article_json(a: &Article) -> String {
    let text: Vec<&str> = a
        .dek
        .as_deref()
        .into_iter()
        .chain(a.blocks.iter().map(|b| b.text.as_str()))
        .collect();
    format!(
        "{{\"id\":{},\"title\":{},\"text\":{}}}",
        json_str(&a.id),
        json_str(&a.title),
        json_str(&text.join("\n"))
    )
}

fn json_str(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 || c == '\u{2028}' || c == '\u{2029}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write_lines(path: &Path, lines: impl Iterator<Item = String>) -> Result<(), String> {
    let file = std::fs::File::create(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut w = std::io::BufWriter::new(file);
    for line in lines {
        writeln!(w, "{line}").map_err(|e| format!("{}: {e}", path.display()))?;
    }
    w.flush().map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &[&str]) -> Vec<String> {
        s.iter().map(|w| w.to_string()).collect()
    }

    #[test]
    fn typing_habits() {
        let mut rng = Rng::new(1);
        let w = words(&["الأسئلة", "مؤتمر"]);
        let hamza = type_as_people_do("hamza", &w, 0, &mut rng);
        assert!(
            hamza[0].starts_with("الاس") && hamza[1] == "موتمر",
            "{hamza:?}"
        );
        assert_eq!(
            type_as_people_do("ta_marbuta", &w, 0, &mut rng),
            words(&["الأسئله", "مؤتمر"])
        );
        for _ in 0..20 {
            let c = type_as_people_do("clitic", &w, 0, &mut rng);
            assert!(
                ["والأسئلة", "بالأسئلة", "للأسئلة"].contains(&c[0].as_str()),
                "{c:?}"
            );
            let d = type_as_people_do("deletion", &w, 1, &mut rng);
            assert_eq!(d[1].chars().count(), 4);
            assert!(d[1].starts_with('م') && d[1].ends_with('ر'));
            let h = type_as_people_do("haraka", &w, 1, &mut rng);
            assert_eq!(h[1].chars().filter(|c| is_mark(*c)).count(), 1);
        }
    }

    #[test]
    fn words_of_an_article() {
        let (a, _) = fahras_core::corpus::clean_text(
            "x",
            "عنوان المقالة الطويل\n\nقالَ الرئيسُ إن MBCمصر و2018م والمؤتمر بـ\"ذا فويس\" انتهى.",
        );
        let ws: Vec<String> = article_words(&a).into_iter().map(|(w, _)| w).collect();
        assert!(ws.contains(&"الرئيس".to_string()), "{ws:?}");
        assert!(ws.contains(&"والمؤتمر".to_string()), "{ws:?}");
        assert!(!ws.iter().any(|w| w == "مصر"), "{ws:?}");
    }

    #[test]
    fn json_strings() {
        assert_eq!(json_str("a\"b\\\n\u{1}"), "\"a\\\"b\\\\\\n\\u0001\"");
    }
}
