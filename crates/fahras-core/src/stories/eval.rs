//! Scoring story grouping on hand-labelled article pairs: a pair is predicted "same story" when
//! both articles are in one story, and the prediction is compared with the label.

use super::{story_of, Corpus, PairFeatures, Story};
use crate::model::Article;

/// One labelled pair: two article ids and whether they report the same story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LabelledPair {
    pub a: String,
    pub b: String,
    pub same: bool,
}

/// Reads labelled pairs: tab-separated `id_a  id_b  same|different` (more columns ignored),
/// `#` lines and blank lines skipped.
pub fn parse_pairs(text: &str) -> Result<Vec<LabelledPair>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        let same = match cols.get(2).map(|s| s.trim()) {
            Some("same") => true,
            Some("different") => false,
            other => {
                return Err(format!(
                    "line {}: third column must be `same` or `different`, not {other:?}",
                    n + 1
                ))
            }
        };
        out.push(LabelledPair {
            a: cols[0].trim().to_owned(),
            b: cols[1].trim().to_owned(),
            same,
        });
    }
    Ok(out)
}

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Scores {
    pub tp: usize,
    pub fp: usize,
    pub fn_: usize,
    pub tn: usize,
}

impl Scores {
    pub fn add(&mut self, predicted: bool, actual: bool) {
        match (predicted, actual) {
            (true, true) => self.tp += 1,
            (true, false) => self.fp += 1,
            (false, true) => self.fn_ += 1,
            (false, false) => self.tn += 1,
        }
    }
    pub fn total(&self) -> usize {
        self.tp + self.fp + self.fn_ + self.tn
    }
    pub fn accuracy(&self) -> f64 {
        (self.tp + self.tn) as f64 / self.total().max(1) as f64
    }
    pub fn precision(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fp).max(1) as f64
    }
    pub fn recall(&self) -> f64 {
        self.tp as f64 / (self.tp + self.fn_).max(1) as f64
    }
}

/// One labelled pair as the grouping saw it.
#[derive(Debug, Clone)]
pub struct PairOutcome {
    pub pair: LabelledPair,
    pub features: PairFeatures,
    pub predicted: bool,
}

/// The outcome of every labelled pair whose two articles are in the corpus, the scores, and
/// the ids not found.
pub fn evaluate(
    articles: &[Article],
    stories: &[Story],
    corpus: &Corpus,
    pairs: &[LabelledPair],
) -> (Vec<PairOutcome>, Scores, Vec<String>) {
    let of = story_of(stories, articles.len());
    let index: crate::hash::HashMap<&str, usize> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| (a.id.as_str(), i))
        .collect();
    let mut scores = Scores::default();
    let mut outcomes = Vec::new();
    let mut missing = Vec::new();
    for p in pairs {
        let (Some(&a), Some(&b)) = (index.get(p.a.as_str()), index.get(p.b.as_str())) else {
            for id in [&p.a, &p.b] {
                if !index.contains_key(id.as_str()) {
                    missing.push(id.clone());
                }
            }
            continue;
        };
        let predicted = of[a].is_some() && of[a] == of[b];
        scores.add(predicted, p.same);
        outcomes.push(PairOutcome {
            pair: p.clone(),
            features: corpus.features(a, b),
            predicted,
        });
    }
    (outcomes, scores, missing)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_parse_and_bad_labels_are_named() {
        let p = parse_pairs("# c\nA\tB\tsame\t0.5\n\nC\tD\tdifferent\n").unwrap();
        assert_eq!(p.len(), 2);
        assert!(p[0].same && !p[1].same);
        assert!(parse_pairs("A\tB\tmaybe\n").unwrap_err().contains("line 1"));
        let mut s = Scores::default();
        s.add(true, true);
        s.add(true, false);
        s.add(false, false);
        s.add(false, false);
        assert_eq!((s.accuracy(), s.precision(), s.recall()), (0.75, 0.5, 1.0));
    }
}
