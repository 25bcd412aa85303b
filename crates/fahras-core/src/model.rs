//! The article model: what the corpus compiler produces and every later stage reads.

use serde::{Deserialize, Serialize};

/// One cleaned article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Article {
    /// The source file's stem (or `stem#line` for a `.jsonl` record): stable across builds.
    pub id: String,
    pub title: String,
    /// True when the source had no title line and `title` was derived from the lead sentence.
    pub title_derived: bool,
    /// A standfirst/summary line under the title, when the source has one.
    pub dek: Option<String>,
    pub author: Option<String>,
    /// The publishing site, when known (front matter, or a masthead line).
    pub source: Option<String>,
    pub url: Option<String>,
    /// ISO 8601, possibly partial (`2025`, `2025-10`, `2025-10-25`).
    pub date: Option<String>,
    /// BCP 47 language tag, `ar` unless the input says otherwise.
    pub lang: String,
    /// The article text in reading order.
    pub blocks: Vec<Block>,
    /// Everything taken out of the text, with why, so nothing is lost and the UI can show it.
    pub removed: Vec<Removed>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
    Quote,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
    /// 1-based line in the source file, for reports.
    pub line: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RemovalReason {
    /// The site's navigation: a run of other articles' headlines or menu items.
    Navigation,
    /// The site's masthead: site name, editors, publisher lines.
    Masthead,
    /// A byline ("كتب: ...", "فريق التحرير"); its name goes to `author`.
    Byline,
    /// A line repeated verbatim from earlier in the article.
    Duplicate,
    /// An advertisement marker.
    Advertisement,
    /// A user-interface label ("تعليقات", "شارك", "اقرأ أيضا").
    UiLabel,
    /// A machine-generated summary block ("ملخص المقال", "إنتاج AI", "النقاط الأساسية").
    GeneratedSummary,
    /// An image caption or credit line.
    Caption,
}

impl RemovalReason {
    pub fn as_str(self) -> &'static str {
        match self {
            RemovalReason::Navigation => "navigation",
            RemovalReason::Masthead => "masthead",
            RemovalReason::Byline => "byline",
            RemovalReason::Duplicate => "duplicate",
            RemovalReason::Advertisement => "advertisement",
            RemovalReason::UiLabel => "ui_label",
            RemovalReason::GeneratedSummary => "generated_summary",
            RemovalReason::Caption => "caption",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removed {
    pub text: String,
    pub reason: RemovalReason,
    /// 1-based line in the source file.
    pub line: u32,
    /// Index into `blocks` before which this text stood, so the reader can show it in place.
    pub before_block: u32,
}

impl Article {
    /// The article's body as one string per block, in order.
    pub fn block_texts(&self) -> impl Iterator<Item = &str> {
        self.blocks.iter().map(|b| b.text.as_str())
    }
}
