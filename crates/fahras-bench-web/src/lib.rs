//! The core search exposed to the browser benchmark (`bench/`) through wasm-bindgen.
//!
//! The wasm side never compiles a corpus: `fahras-bench-pack` does that natively (the same
//! `bundle::compile_dir` as the app's build script) and the page hands the bundle bytes to
//! [`Engine`](wasm::Engine), which decodes them exactly as the app does at start-up.
//! Natively only the plain helpers below are compiled (and tested).

use fahras_core::model::Article;
use serde::Serialize;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

/// One article as MiniSearch indexes it: the same title and body text Fahras indexes.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Doc<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: String,
}

/// The indexed body: the dek (when there is one), then every block, one per line.
pub fn body_text(a: &Article) -> String {
    let mut parts: Vec<&str> = Vec::with_capacity(a.blocks.len() + 1);
    if let Some(dek) = a.dek.as_deref().filter(|d| !d.trim().is_empty()) {
        parts.push(dek);
    }
    parts.extend(a.blocks.iter().map(|b| b.text.as_str()));
    parts.join("\n")
}

/// The articles as MiniSearch documents, JSON-encoded.
pub fn docs_json(articles: &[Article]) -> String {
    let docs: Vec<Doc> = articles
        .iter()
        .map(|a| Doc {
            id: &a.id,
            title: &a.title,
            text: body_text(a),
        })
        .collect();
    serde_json::to_string(&docs).unwrap_or_else(|_| "[]".to_string())
}

/// Bytes of text both engines index (title, dek and blocks): the denominator of
/// "index bytes per byte of text".
pub fn text_bytes(articles: &[Article]) -> usize {
    articles
        .iter()
        .map(|a| {
            a.title.len()
                + a.dek.as_deref().map_or(0, str::len)
                + a.blocks.iter().map(|b| b.text.len()).sum::<usize>()
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use fahras_core::model::{Block, BlockKind};

    fn article() -> Article {
        Article {
            id: "a1".into(),
            title: "عنوان".into(),
            title_derived: false,
            dek: Some("مقدمة".into()),
            author: None,
            source: None,
            url: None,
            date: None,
            lang: "ar".into(),
            blocks: vec![
                Block {
                    kind: BlockKind::Paragraph,
                    text: "فقرة أولى".into(),
                    line: 3,
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "فقرة ثانية".into(),
                    line: 5,
                },
            ],
            removed: Vec::new(),
        }
    }

    #[test]
    fn body_holds_dek_then_blocks() {
        assert_eq!(body_text(&article()), "مقدمة\nفقرة أولى\nفقرة ثانية");
    }

    #[test]
    fn docs_round_trip_as_json() {
        let v: serde_json::Value = serde_json::from_str(&docs_json(&[article()])).unwrap();
        assert_eq!(v[0]["id"], "a1");
        assert_eq!(v[0]["title"], "عنوان");
    }

    #[test]
    fn text_bytes_counts_title_dek_and_blocks() {
        let a = article();
        let want = a.title.len() + "مقدمة".len() + "فقرة أولى".len() + "فقرة ثانية".len();
        assert_eq!(text_bytes(&[a]), want);
    }
}
