//! `fahras-bench keys <corpus.fahras> [QUERY...]`: the core's share of a keystroke, natively.
//! Every prefix of a few queries typed into a whole compiled corpus (`fahras build --single`'s
//! `corpus-*.fahras`), timed as the app asks for it (`Explorer::results_page`, typing, a page of
//! 20), and the ranking alone beside it; the rest is facet counts, excerpts and suggestions.
//! Prints figures; asserts nothing.

use std::time::Instant;

use fahras_core::explore::Explorer;
use fahras_core::state::ViewState;

const QUERIES: [&str; 7] = [
    "روسيا",
    "الاقتصادية",
    "العلاقات",
    "المحادثات",
    "عقوبات",
    "الولايات المتحدة",
    "ترامب",
];
const ROUNDS: usize = 3;

pub fn run(args: &[String]) -> Result<(), String> {
    let path = args
        .first()
        .ok_or("usage: fahras-bench keys <corpus.fahras> [QUERY...]")?;
    let mut queries: Vec<String> = args[1..].to_vec();
    if queries.is_empty() {
        queries = QUERIES.iter().map(|q| q.to_string()).collect();
    }
    let ex = Explorer::from_bundle(crate::head::read_bundle(path)?)
        .map_err(|e| format!("{path}: {e}"))?;
    let (mut page, mut rank, mut keys) = (0f64, 0f64, 0usize);
    for _ in 0..ROUNDS {
        for q in &queries {
            let chars: Vec<char> = q.chars().collect();
            for k in 1..=chars.len() {
                let typed: String = chars[..k].iter().collect();
                let st = ViewState {
                    query: typed.clone(),
                    ..Default::default()
                };
                let t = Instant::now();
                std::hint::black_box(ex.results_page(&st, true, 20));
                page += t.elapsed().as_secs_f64();
                let t = Instant::now();
                let query = ex.query(&typed);
                std::hint::black_box(ex.index.rank_query(&ex.articles, &query, true, &|_| true));
                rank += t.elapsed().as_secs_f64();
                keys += 1;
            }
        }
    }
    let per = |s: f64| s * 1e3 / keys as f64;
    println!(
        "{} articles, {keys} keystrokes ({ROUNDS} rounds): results_page {:.2} ms per key, of which ranking {:.2} ms",
        ex.articles.len(),
        per(page),
        per(rank)
    );
    Ok(())
}
