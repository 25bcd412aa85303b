//! Related articles: ranked by the entities they share, rarer shared entities weighing more.

use super::Explorer;

#[derive(Debug, Clone, PartialEq)]
pub struct Related {
    pub article: usize,
    /// Its title (on a split corpus read through [`Explorer::title`], so noted when missing).
    pub title: String,
    pub score: f32,
    /// Shared entities, most specific (rarest) first.
    pub shared: Vec<u32>,
}

impl Explorer {
    pub fn related(&self, article: usize, limit: usize) -> Vec<Related> {
        let n = self.articles.len() as f32;
        let mut scores: Vec<(f32, Vec<(f32, u32)>)> = vec![(0.0, Vec::new()); self.articles.len()];
        for &(e, _) in self.article_entities(article) {
            let Some(ent) = self.entities().entities.get(e as usize) else {
                continue;
            };
            // Inverse document frequency: an entity in every article says nothing.
            let idf = (1.0 + n / ent.articles.len().max(1) as f32).ln();
            for &(b, _) in &ent.articles {
                let b = b as usize;
                if b != article && b < scores.len() {
                    scores[b].0 += idf;
                    scores[b].1.push((idf, e));
                }
            }
        }
        let mut out: Vec<Related> = scores
            .into_iter()
            .enumerate()
            .filter(|(_, (s, _))| *s > 0.0)
            .map(|(b, (score, mut shared))| {
                shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
                Related {
                    article: b,
                    title: String::new(),
                    score,
                    shared: shared.into_iter().map(|(_, e)| e).collect(),
                }
            })
            .collect();
        out.sort_by(|a, b| b.score.total_cmp(&a.score).then(a.article.cmp(&b.article)));
        out.truncate(limit);
        for r in &mut out {
            r.title = self.title(r.article).to_owned();
        }
        out
    }
}
