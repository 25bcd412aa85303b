//! A compiled corpus's articles stored column by column ([`crate::bundle::Bundle::articles`]
//! is `#[serde(with = "crate::columns")]`): every id, then every title, …, and the author,
//! source, date and language as a list of their distinct values and, per article, which one.
//!
//! Why: a split corpus's head is what start-up waits for, and a quarter of it at 100,000
//! articles was the articles' metadata stored article by article, each a run of short strings
//! (id, author, source, date, language) that gzip's 32 KB window cannot relate to the same
//! author 2,000 articles away. As columns, with the repeated fields coded, the metadata went
//! 537 → 363 KB gzip at 100,000 (synthetic) and 77 → 53 KB at 10,000 ANT articles. A whole
//! corpus is stored the same way.

use serde::de::Error as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::hash::HashMap;
use crate::model::{Article, Block, Removed};

/// Distinct values (in order of first use) and, per article, the index of its value.
#[derive(Serialize, Deserialize)]
struct Coded<T> {
    values: Vec<T>,
    of: Vec<u32>,
}

fn code<T: Eq + std::hash::Hash + Copy>(items: impl Iterator<Item = T>) -> Coded<T> {
    let mut seen: HashMap<T, u32> = HashMap::default();
    let mut values = Vec::new();
    let of = items
        .map(|v| {
            *seen.entry(v).or_insert_with(|| {
                values.push(v);
                values.len() as u32 - 1
            })
        })
        .collect();
    Coded { values, of }
}

impl<T: Clone> Coded<T> {
    /// Per article its value; an index past the values is an error naming `field`.
    fn decode<E: serde::de::Error>(self, field: &str, n: usize) -> Result<Vec<T>, E> {
        if self.of.len() != n {
            return Err(E::custom(format!(
                "articles: {} {field} values for {n} articles",
                self.of.len()
            )));
        }
        self.of
            .iter()
            .map(|&i| {
                self.values.get(i as usize).cloned().ok_or_else(|| {
                    E::custom(format!(
                        "articles: {field} value {i} of {} distinct",
                        self.values.len()
                    ))
                })
            })
            .collect()
    }
}

#[derive(Serialize)]
struct ColumnsOut<'a> {
    ids: Vec<&'a str>,
    titles: Vec<&'a str>,
    title_derived: Vec<bool>,
    deks: Vec<Option<&'a str>>,
    authors: Coded<Option<&'a str>>,
    sources: Coded<Option<&'a str>>,
    urls: Vec<Option<&'a str>>,
    dates: Coded<Option<&'a str>>,
    langs: Coded<&'a str>,
    blocks: Vec<&'a [Block]>,
    removed: Vec<&'a [Removed]>,
}

/// The same fields, read back (postcard writes `&str` as `String`, a slice as a `Vec`).
#[derive(Deserialize)]
struct ColumnsIn {
    ids: Vec<String>,
    titles: Vec<String>,
    title_derived: Vec<bool>,
    deks: Vec<Option<String>>,
    authors: Coded<Option<String>>,
    sources: Coded<Option<String>>,
    urls: Vec<Option<String>>,
    dates: Coded<Option<String>>,
    langs: Coded<String>,
    blocks: Vec<Vec<Block>>,
    removed: Vec<Vec<Removed>>,
}

pub fn serialize<S: Serializer>(articles: &[Article], s: S) -> Result<S::Ok, S::Error> {
    ColumnsOut {
        ids: articles.iter().map(|a| a.id.as_str()).collect(),
        titles: articles.iter().map(|a| a.title.as_str()).collect(),
        title_derived: articles.iter().map(|a| a.title_derived).collect(),
        deks: articles.iter().map(|a| a.dek.as_deref()).collect(),
        authors: code(articles.iter().map(|a| a.author.as_deref())),
        sources: code(articles.iter().map(|a| a.source.as_deref())),
        urls: articles.iter().map(|a| a.url.as_deref()).collect(),
        dates: code(articles.iter().map(|a| a.date.as_deref())),
        langs: code(articles.iter().map(|a| a.lang.as_str())),
        blocks: articles.iter().map(|a| a.blocks.as_slice()).collect(),
        removed: articles.iter().map(|a| a.removed.as_slice()).collect(),
    }
    .serialize(s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<Article>, D::Error> {
    let c = ColumnsIn::deserialize(d)?;
    let n = c.ids.len();
    let same = |field: &str, len: usize| {
        if len == n {
            Ok(())
        } else {
            Err(D::Error::custom(format!(
                "articles: {len} {field} for {n} articles"
            )))
        }
    };
    same("titles", c.titles.len())?;
    same("title flags", c.title_derived.len())?;
    same("deks", c.deks.len())?;
    same("urls", c.urls.len())?;
    same("block lists", c.blocks.len())?;
    same("removed lists", c.removed.len())?;
    let authors = c.authors.decode("author", n)?;
    let sources = c.sources.decode("source", n)?;
    let dates = c.dates.decode("date", n)?;
    let langs = c.langs.decode("language", n)?;
    let mut out = Vec::with_capacity(n);
    let mut titles = c.titles.into_iter();
    let mut title_derived = c.title_derived.into_iter();
    let mut deks = c.deks.into_iter();
    let mut urls = c.urls.into_iter();
    let mut blocks = c.blocks.into_iter();
    let mut removed = c.removed.into_iter();
    let mut authors = authors.into_iter();
    let mut sources = sources.into_iter();
    let mut dates = dates.into_iter();
    let mut langs = langs.into_iter();
    // Every column has `n` values (checked above), so each `next` is `Some`.
    for id in c.ids {
        out.push(Article {
            id,
            title: titles.next().unwrap_or_default(),
            title_derived: title_derived.next().unwrap_or_default(),
            dek: deks.next().flatten(),
            author: authors.next().flatten(),
            source: sources.next().flatten(),
            url: urls.next().flatten(),
            date: dates.next().flatten(),
            lang: langs.next().unwrap_or_default(),
            blocks: blocks.next().unwrap_or_default(),
            removed: removed.next().unwrap_or_default(),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use crate::model::Article;

    #[derive(serde::Serialize, serde::Deserialize, PartialEq, Debug)]
    struct Wrap(#[serde(with = "super")] Vec<Article>);

    fn article(id: &str, author: Option<&str>, date: Option<&str>) -> Article {
        Article {
            id: id.into(),
            title: format!("عنوان {id}"),
            title_derived: id.len().is_multiple_of(2),
            dek: None,
            author: author.map(Into::into),
            source: Some("BBC".into()),
            url: Some(format!("https://example.org/{id}")),
            date: date.map(Into::into),
            lang: "ar".into(),
            blocks: Vec::new(),
            removed: Vec::new(),
        }
    }

    #[test]
    fn articles_round_trip_and_bad_columns_are_errors() {
        let w = Wrap(vec![
            article("a", Some("س"), Some("2018-02-18")),
            article("bb", None, Some("2018-02-18")),
            article("c", Some("س"), None),
        ]);
        let bytes = postcard::to_allocvec(&w).unwrap();
        assert_eq!(postcard::from_bytes::<Wrap>(&bytes).unwrap(), w);
        assert_eq!(
            postcard::from_bytes::<Wrap>(&postcard::to_allocvec(&Wrap(Vec::new())).unwrap())
                .unwrap(),
            Wrap(Vec::new())
        );
        // Every byte changed in turn: an error or some articles, never a panic; an index past
        // the distinct values is named.
        for at in 0..bytes.len() {
            for v in [0u8, 1, 3, 0x7F, 0xFF] {
                let mut bad = bytes.clone();
                bad[at] = v;
                let _ = postcard::from_bytes::<Wrap>(&bad);
            }
        }
        // Columns that disagree: an index past the distinct values, a column one short.
        let arts = &w.0;
        let out = |langs: Vec<u32>, titles: usize| super::ColumnsOut {
            ids: arts.iter().map(|a| a.id.as_str()).collect(),
            titles: arts.iter().take(titles).map(|a| a.title.as_str()).collect(),
            title_derived: arts.iter().map(|a| a.title_derived).collect(),
            deks: arts.iter().map(|a| a.dek.as_deref()).collect(),
            authors: super::code(arts.iter().map(|a| a.author.as_deref())),
            sources: super::code(arts.iter().map(|a| a.source.as_deref())),
            urls: arts.iter().map(|a| a.url.as_deref()).collect(),
            dates: super::code(arts.iter().map(|a| a.date.as_deref())),
            langs: super::Coded {
                values: vec!["ar"],
                of: langs,
            },
            blocks: arts.iter().map(|a| a.blocks.as_slice()).collect(),
            removed: arts.iter().map(|a| a.removed.as_slice()).collect(),
        };
        let read = |c: super::ColumnsOut| {
            postcard::from_bytes::<Wrap>(&postcard::to_allocvec(&c).unwrap())
        };
        assert_eq!(read(out(vec![0, 0, 0], 3)).unwrap(), w);
        assert!(
            read(out(vec![0, 0, 1], 3)).is_err(),
            "a language past the values"
        );
        assert!(read(out(vec![0, 0], 3)).is_err(), "a language short");
        assert!(read(out(vec![0, 0, 0], 2)).is_err(), "a title short");
    }
}
