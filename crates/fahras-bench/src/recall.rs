//! Recall on spelling-variant queries with known answers (`variants.tsv`) over the seeds.

use std::path::Path;

use fahras_core::search::{Index, SearchOptions};

pub struct Case {
    pub line: usize,
    pub query: String,
    /// Expected article id prefixes (file stems start with them: `003` for `003_…`).
    pub expected: Vec<String>,
}

/// `variants.tsv`: `query<TAB>id id …` per line, `#` comments.
pub fn load_cases() -> Result<Vec<Case>, String> {
    let path = crate::crate_dir().join("variants.tsv");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((q, ids)) = line.split_once('\t') else {
            return Err(format!(
                "{}:{}: expected `query<TAB>ids`",
                path.display(),
                i + 1
            ));
        };
        let expected: Vec<String> = ids.split_whitespace().map(str::to_string).collect();
        if expected.is_empty() {
            return Err(format!("{}:{}: no expected ids", path.display(), i + 1));
        }
        out.push(Case {
            line: i + 1,
            query: q.to_string(),
            expected,
        });
    }
    Ok(out)
}

/// Prints per-case misses and the overall recall; returns it.
pub fn run(seeds: &Path) -> Result<f64, String> {
    let articles = crate::load_seeds(seeds)?;
    let index = Index::build(
        &articles,
        // As the app and CLI build it: gazetteer names are never stemmed.
        &fahras_core::entities::Gazetteer::builtin().protected_words(),
    );
    let cases = load_cases()?;
    let (mut found, mut wanted, mut perfect) = (0usize, 0usize, 0usize);
    for c in &cases {
        let hits = index.search(
            &articles,
            &c.query,
            &SearchOptions {
                prefix_last: false,
                limit: None,
            },
        );
        let got: Vec<&str> = hits.iter().map(|h| h.id.as_str()).collect();
        let missing: Vec<&String> = c
            .expected
            .iter()
            .filter(|e| !got.iter().any(|g| g.starts_with(e.as_str())))
            .collect();
        wanted += c.expected.len();
        found += c.expected.len() - missing.len();
        if missing.is_empty() {
            perfect += 1;
        } else {
            println!(
                "  line {:>3}  {:<28} missing {:?}",
                c.line, c.query, missing
            );
        }
    }
    let recall = found as f64 / wanted.max(1) as f64;
    println!(
        "variant recall on the seeds: {found}/{wanted} expected articles found = {:.1}% ({perfect}/{} queries complete)",
        recall * 100.0,
        cases.len()
    );
    Ok(recall)
}
