//! The one analyser. The build step indexes with it and the app queries with it, so a word is
//! always reduced the same way on both sides.
//!
//! Pipeline (tantivy-style: a tokenizer, then filters on each token):
//! `tokenize` (word boundaries on the original text, byte spans kept for highlighting) →
//! `normalize` (NFKC, harakat/tatweel/format chars removed, letter and digit folding, Latin
//! lower-case and accent folding) → `clitics` (proclitic splits) → `stem` (light stemming).

pub mod clitics;
pub mod normalize;
pub mod offsets;
pub mod skeleton;
pub mod stem;
pub mod tokenize;

pub use clitics::proclitic_splits;
pub use normalize::{normalize, normalize_char, normalizes_to};
pub use offsets::{utf16_len, utf16_offset, Utf16Index};
pub use skeleton::{arabic_skeleton, latin_skeleton};
pub use stem::{protected_form, stem, Lexicon};
pub use tokenize::{tokenize, Token};
