//! Test articles for the search tests, built straight from the model: each seed file's first
//! non-empty line is the title, every other non-empty line a paragraph. (Raw lines, navigation
//! and all: the search must cope with uncleaned text too.)

#![allow(dead_code)]

use std::path::{Path, PathBuf};

use fahras_core::model::{Article, Block, BlockKind};

pub fn article(id: &str, title: &str, paragraphs: &[&str]) -> Article {
    Article {
        id: id.to_string(),
        title: title.to_string(),
        title_derived: false,
        dek: None,
        author: None,
        source: None,
        url: None,
        date: None,
        lang: "ar".to_string(),
        blocks: paragraphs
            .iter()
            .enumerate()
            .map(|(i, p)| Block {
                kind: BlockKind::Paragraph,
                text: p.to_string(),
                line: i as u32 + 2,
            })
            .collect(),
        removed: Vec::new(),
    }
}

pub fn from_text(id: &str, text: &str) -> Article {
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = lines.next().unwrap_or("");
    let rest: Vec<&str> = lines.collect();
    article(id, title, &rest)
}

pub fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

/// The five seed articles, in file-name order.
pub fn seed_articles() -> Vec<Article> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(seeds_dir())
        .expect("seeds folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("seed file is UTF-8");
            let id = p
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            from_text(&id, &text)
        })
        .collect()
}
