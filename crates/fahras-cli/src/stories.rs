//! `fahras stories <input>... [--json] [--pairs] [<article-id>]`: the stories of a corpus as
//! `fahras build` groups them; with an article id (a last argument that is no file or folder),
//! the sentence alignment of that article's story; with `--pairs`, every candidate pair and its
//! score (for choosing and checking the thresholds).

use std::path::Path;
use std::process::ExitCode;

use fahras_core::bundle::{compile_inputs_with, Bundle};
use fahras_core::search::Index;
use fahras_core::stories::{self, align, Corpus, Params, Story};
use serde::Serialize;

const USAGE: &str = "usage: fahras stories <input>... [--json] [--pairs] [--eval PAIRS.tsv] [<article-id>] [--field FIELD=SOURCE]

  --json            the stories as JSON
  --pairs           every candidate pair with its features and score
  --eval PAIRS.tsv  pairwise accuracy, precision and recall on labelled pairs
                    (id_a TAB id_b TAB same|different)
  <article-id>      the sentence alignment of that article's story";

#[derive(Serialize)]
struct JsonArticle<'a> {
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    date: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonStory<'a> {
    id: usize,
    label: &'a str,
    articles: Vec<JsonArticle<'a>>,
    sources: Vec<&'a str>,
}

#[derive(Serialize)]
struct JsonStories<'a> {
    stories: Vec<JsonStory<'a>>,
}

fn sources<'a>(b: &'a Bundle, s: &Story) -> Vec<&'a str> {
    let mut out: Vec<&str> = Vec::new();
    for &a in &s.articles {
        if let Some(src) = b.articles[a as usize].source.as_deref() {
            if !out.contains(&src) {
                out.push(src);
            }
        }
    }
    out
}

/// Takes `--eval FILE` out of `args`.
fn take_eval(args: &[String]) -> Result<(Option<String>, Vec<String>), String> {
    let mut rest = Vec::new();
    let mut eval = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--eval" {
            eval = Some(
                it.next()
                    .ok_or("--eval needs a file of labelled pairs")?
                    .clone(),
            );
        } else if let Some(f) = a.strip_prefix("--eval=") {
            eval = Some(f.to_owned());
        } else {
            rest.push(a.clone());
        }
    }
    Ok((eval, rest))
}

pub fn run(args: &[String]) -> ExitCode {
    let (eval, args) = match take_eval(args) {
        Ok(x) => x,
        Err(e) => {
            eprintln!("fahras stories: {e}\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let (mut inputs, flags) =
        match crate::inputs::parse("stories", USAGE, &args, &["--json", "--pairs"]) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(2);
            }
        };
    let json = flags.iter().any(|f| f == "--json");
    let pairs = flags.iter().any(|f| f == "--pairs");
    // The last argument is an article id when it is no file or folder (and not the only one).
    let article_id = match inputs.paths.last() {
        Some(p) if inputs.paths.len() > 1 && !Path::new(p).exists() => {
            inputs.paths.pop().map(|p| p.display().to_string())
        }
        _ => None,
    };
    let compiled = compile_inputs_with(&inputs.paths, &inputs.opts);
    for d in compiled.diagnostics.iter().filter(|d| d.is_error()) {
        eprintln!("{d}");
    }
    let Some(bundle) = compiled.bundle.filter(|b| !b.articles.is_empty()) else {
        eprintln!("error: no article could be read from the input");
        return ExitCode::FAILURE;
    };
    let index = match bundle.index() {
        Ok(i) => i,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let out = if let Some(file) = eval {
        eval_text(&bundle, &index, &file)
    } else if pairs {
        Ok(pair_table(&bundle, &index))
    } else if let Some(id) = article_id {
        alignment_text(&bundle, &index, &id)
    } else if json {
        let rows = bundle
            .stories
            .iter()
            .enumerate()
            .map(|(i, s)| JsonStory {
                id: i,
                label: &bundle.articles[s.label as usize].title,
                articles: s
                    .articles
                    .iter()
                    .map(|&a| {
                        let a = &bundle.articles[a as usize];
                        JsonArticle {
                            id: &a.id,
                            title: &a.title,
                            source: a.source.as_deref(),
                            date: a.date.as_deref(),
                        }
                    })
                    .collect(),
                sources: sources(&bundle, s),
            })
            .collect();
        serde_json::to_string_pretty(&JsonStories { stories: rows })
            .map(|s| s + "\n")
            .map_err(|e| e.to_string())
    } else {
        Ok(story_list(&bundle))
    };
    let out = match out {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if crate::inspect::write_stdout(&out) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

fn story_list(b: &Bundle) -> String {
    let mut out = String::new();
    for (i, s) in b.stories.iter().enumerate() {
        out.push_str(&format!(
            "story {i}: {}  ({} reports; {})\n",
            b.articles[s.label as usize].title,
            s.articles.len(),
            sources(b, s).join(", ")
        ));
        for &a in &s.articles {
            let a = &b.articles[a as usize];
            out.push_str(&format!(
                "  {}  {}  {}  {}\n",
                a.date.as_deref().unwrap_or("-"),
                a.source.as_deref().unwrap_or("-"),
                a.id,
                a.title
            ));
        }
    }
    let n: usize = b.stories.iter().map(|s| s.articles.len()).sum();
    out.push_str(&format!(
        "{} stories, {n} of {} articles\n",
        b.stories.len(),
        b.articles.len()
    ));
    out
}

fn alignment_text(b: &Bundle, index: &Index, id: &str) -> Result<String, String> {
    let a = b.articles.iter().position(|a| a.id == id).ok_or_else(|| {
        format!("no article `{id}` in the input (nor a file or folder of that name)")
    })?;
    let of = stories::story_of(&b.stories, b.articles.len());
    let Some(s) = of[a] else {
        return Ok(format!("article {id} is in no story\n"));
    };
    let story = &b.stories[s as usize];
    let t = std::time::Instant::now();
    let al = align(&b.articles, &story.articles, &b.entities, index);
    // What the app's story view waits for (natively; the page runs the same code in wasm).
    eprintln!("aligned in {:.1} ms", t.elapsed().as_secs_f64() * 1e3);
    let n = story.articles.len();
    let mut out = format!(
        "story {s}: {}\n{n} reports\n",
        b.articles[story.label as usize].title
    );
    for (r, rep) in al.reports.iter().enumerate() {
        let art = &b.articles[rep.article as usize];
        let here = if rep.article as usize == a {
            "  ◀"
        } else {
            ""
        };
        out.push_str(&format!(
            "\n[{}] {} | {} | {} | {}{here}\n    {} sentences, {} only in this report\n",
            r + 1,
            art.id,
            art.source.as_deref().unwrap_or("-"),
            art.date.as_deref().unwrap_or("-"),
            art.title,
            rep.sentences.len(),
            rep.only_here()
        ));
        for sa in &rep.sentences {
            let mark = if sa.matches.is_empty() {
                "only".to_string()
            } else {
                let with: Vec<String> = sa.matches.iter().map(|m| (m.0 + 1).to_string()).collect();
                format!("{}/{n} +[{}]", sa.carried_by(), with.join(","))
            };
            out.push_str(&format!(
                "  {mark:<14} {}\n",
                stories::align::sentence_text(art, &sa.span)
            ));
            for d in &sa.differences {
                out.push_str(&format!(
                    "  {:<14}   ≠ {} vs [{}]: {} | {}\n",
                    "",
                    d.kind.as_str(),
                    d.report + 1,
                    d.here.join("، "),
                    d.there.join("، ")
                ));
            }
        }
    }
    if !al.partial_entities.is_empty() {
        out.push_str("\nentities only some reports mention:\n");
        for (e, rs) in &al.partial_entities {
            let name = b
                .entities
                .entities
                .get(*e as usize)
                .map_or("?", |x| x.name.as_str());
            let rs: Vec<String> = rs.iter().map(|r| (r + 1).to_string()).collect();
            out.push_str(&format!("  {name}: [{}]\n", rs.join(",")));
        }
    }
    Ok(out)
}

/// Each labelled pair's features and prediction, then the pairwise scores.
fn eval_text(b: &Bundle, index: &Index, file: &str) -> Result<String, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{file}: {e}"))?;
    let pairs = stories::eval::parse_pairs(&text).map_err(|e| format!("{file}: {e}"))?;
    let corpus = Corpus::new(&b.articles, &b.entities, index);
    let (outcomes, s, missing) = stories::eval::evaluate(&b.articles, &b.stories, &corpus, &pairs);
    let mut out =
        String::from("label\tpredicted\tscore\tcosine\tcontainment\tentities\ttitle\tlead\ta\tb\n");
    for o in &outcomes {
        let f = &o.features;
        let word = |x: bool| if x { "same" } else { "different" };
        out.push_str(&format!(
            "{}\t{}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\n",
            word(o.pair.same),
            word(o.predicted),
            f.score(),
            f.cosine,
            f.containment,
            f.entities,
            f.title,
            f.lead,
            o.pair.a,
            o.pair.b
        ));
    }
    out.push_str(&format!(
        "# {} pairs ({} same): accuracy {:.3}, precision {:.3}, recall {:.3} (tp {} fp {} fn {} tn {})\n",
        s.total(),
        s.tp + s.fn_,
        s.accuracy(),
        s.precision(),
        s.recall(),
        s.tp,
        s.fp,
        s.fn_,
        s.tn
    ));
    if !missing.is_empty() {
        out.push_str(&format!("# not in the input: {}\n", missing.join(", ")));
    }
    Ok(out)
}

/// Every candidate pair with its features and score, tab-separated, strongest first.
fn pair_table(b: &Bundle, index: &Index) -> String {
    let corpus = Corpus::new(&b.articles, &b.entities, index);
    let params = Params::default();
    // Down to 0.4 of the threshold: the pairs near the line, for choosing it.
    let mut pairs = corpus.pairs(&params, 0.4 * params.min_score);
    pairs.sort_by(|x, y| y.2.score().total_cmp(&x.2.score()));
    let mut out = String::from(
        "score\tcosine\tcontainment\tentities\ttitle\tlead\tsame_source\tsame_day\ta\tb\ttitle_a\ttitle_b\n",
    );
    for (a, c, f) in pairs {
        let (x, y) = (&b.articles[a as usize], &b.articles[c as usize]);
        out.push_str(&format!(
            "{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{:.3}\t{}\t{}\t{}\t{}\t{}\t{}\n",
            f.score(),
            f.cosine,
            f.containment,
            f.entities,
            f.title,
            f.lead,
            u8::from(f.same_source),
            u8::from(f.same_day),
            x.id,
            y.id,
            x.title,
            y.title
        ));
    }
    out
}
