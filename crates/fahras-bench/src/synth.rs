//! SYNTHETIC corpus: articles assembled from the real sentences of the seed articles.
//!
//! - The seeds are loaded and cleaned with `corpus::load_dir`, split into sentences.
//! - A title is a real title, heading or short sentence; a paragraph is a run of 1–4
//!   consecutive real sentences (so local word order and collocations are real), 3–10
//!   paragraphs per article. Sentence sampling keeps the seeds' word frequencies.
//! - To give the corpus a vocabulary that grows with its size (as real news does, instead of
//!   the seeds' few thousand words), each Arabic word is, with small probability, replaced:
//!   by a word drawn from the seeds' unigram distribution (6%), or by a "new" word (1.5%): a
//!   seed word with one inner letter changed, reused later half of the time so new words
//!   recur. This is what lets typo and prefix search meet a realistic dictionary size.
//! - Deterministic: a seeded xorshift generator.

use fahras_core::model::{Article, Block, BlockKind};

use crate::rng::Rng;

const P_SUBSTITUTE: f64 = 0.06;
const P_NEW_WORD: f64 = 0.015;

pub struct Source {
    sentences: Vec<String>,
    titles: Vec<String>,
    /// Every Arabic word token of the seeds, repeated as often as it occurs.
    unigrams: Vec<String>,
}

fn is_arabic_word(w: &str) -> bool {
    w.chars().count() >= 2 && w.chars().all(|c| ('\u{0621}'..='\u{064A}').contains(&c))
}

/// Split a paragraph into sentences, keeping the closing punctuation.
pub fn sentences(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '؟' | '…' | '؛') {
            let next_is_space = chars.peek().is_none_or(|&(_, n)| n.is_whitespace());
            if next_is_space {
                let end = i + c.len_utf8();
                let s = text[start..end].trim();
                if s.split_whitespace().count() >= 4 {
                    out.push(s.to_string());
                }
                start = end;
            }
        }
    }
    let tail = text[start..].trim();
    if tail.split_whitespace().count() >= 4 {
        out.push(tail.to_string());
    }
    out
}

impl Source {
    pub fn from_articles(articles: &[Article]) -> Source {
        let mut sentences_all = Vec::new();
        let mut titles = Vec::new();
        for a in articles {
            if !a.title.trim().is_empty() {
                titles.push(a.title.trim().to_string());
            }
            for b in &a.blocks {
                let s = sentences(&b.text);
                if b.kind == BlockKind::Heading {
                    titles.push(b.text.trim().to_string());
                    continue;
                }
                for sent in &s {
                    if (4..=12).contains(&sent.split_whitespace().count()) {
                        titles.push(sent.trim_end_matches(['.', '،']).to_string());
                    }
                }
                sentences_all.extend(s);
            }
        }
        let unigrams = sentences_all
            .iter()
            .flat_map(|s| s.split_whitespace())
            .filter(|w| is_arabic_word(w))
            .map(str::to_string)
            .collect();
        Source {
            sentences: sentences_all,
            titles,
            unigrams,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.sentences.is_empty() || self.titles.is_empty() || self.unigrams.is_empty()
    }

    pub fn stats(&self) -> (usize, usize, usize) {
        (self.sentences.len(), self.titles.len(), self.unigrams.len())
    }
}

pub struct Generator<'a> {
    src: &'a Source,
    rng: Rng,
    new_words: Vec<String>,
}

impl<'a> Generator<'a> {
    pub fn new(src: &'a Source, seed: u64) -> Self {
        Generator {
            src,
            rng: Rng::new(seed),
            new_words: Vec::new(),
        }
    }

    fn new_word(&mut self) -> String {
        if !self.new_words.is_empty() && self.rng.chance(0.5) {
            return self.rng.pick(&self.new_words).clone();
        }
        let base: Vec<char> = self.rng.pick(&self.src.unigrams).chars().collect();
        let donor: Vec<char> = self.rng.pick(&self.src.unigrams).chars().collect();
        let mut w = base.clone();
        if w.len() >= 3 {
            let i = self.rng.between(1, w.len() - 2);
            w[i] = *self.rng.pick(&donor);
        } else {
            w.push(*self.rng.pick(&donor));
        }
        let w: String = w.into_iter().collect();
        self.new_words.push(w.clone());
        w
    }

    fn perturb(&mut self, sentence: &str) -> String {
        let mut out = String::with_capacity(sentence.len() + 16);
        for (i, word) in sentence.split_whitespace().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if is_arabic_word(word) {
                if self.rng.chance(P_NEW_WORD) {
                    let w = self.new_word();
                    out.push_str(&w);
                    continue;
                }
                if self.rng.chance(P_SUBSTITUTE) {
                    let w = self.rng.pick(&self.src.unigrams).clone();
                    out.push_str(&w);
                    continue;
                }
            }
            out.push_str(word);
        }
        out
    }

    /// One synthetic article: `(title, paragraphs)`.
    pub fn article(&mut self) -> (String, Vec<String>) {
        let title = self.rng.pick(&self.src.titles).clone();
        let title = self.perturb(&title);
        let n_par = self.rng.between(3, 10);
        let mut paragraphs = Vec::with_capacity(n_par);
        for _ in 0..n_par {
            let run = self.rng.between(1, 4);
            let start = self.rng.below(self.src.sentences.len());
            let mut p = String::new();
            for k in 0..run {
                let Some(s) = self.src.sentences.get(start + k) else {
                    break;
                };
                if !p.is_empty() {
                    p.push(' ');
                }
                let s = self.perturb(s);
                p.push_str(&s);
            }
            paragraphs.push(p);
        }
        (title, paragraphs)
    }

    pub fn articles(&mut self, n: usize) -> Vec<Article> {
        (0..n)
            .map(|i| {
                let (title, paragraphs) = self.article();
                to_article(&format!("synthetic_{i:06}"), title, paragraphs)
            })
            .collect()
    }
}

pub fn to_article(id: &str, title: String, paragraphs: Vec<String>) -> Article {
    Article {
        id: id.to_string(),
        title,
        title_derived: false,
        dek: None,
        author: None,
        source: None,
        url: None,
        date: None,
        lang: "ar".to_string(),
        blocks: paragraphs
            .into_iter()
            .enumerate()
            .map(|(i, text)| Block {
                kind: BlockKind::Paragraph,
                text,
                line: 3 + 2 * i as u32,
            })
            .collect(),
        removed: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_sentences_keeping_punctuation() {
        let s = sentences("هذه جملة أولى طويلة. وهذه جملة ثانية أطول منها؟ قصيرة.");
        assert_eq!(s, ["هذه جملة أولى طويلة.", "وهذه جملة ثانية أطول منها؟"]);
    }

    #[test]
    fn generation_is_deterministic() {
        let a = to_article(
            "x",
            "عنوان".into(),
            vec!["كلمة أولى ثانية ثالثة رابعة. جملة أخرى هنا أيضا.".into()],
        );
        let src = Source::from_articles(&[a]);
        let x = Generator::new(&src, 42).articles(3);
        let y = Generator::new(&src, 42).articles(3);
        assert_eq!(x, y);
        assert_eq!(x.len(), 3);
    }
}
