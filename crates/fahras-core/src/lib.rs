//! Fahras core: everything the explorer knows about text, with no web dependency, so that the
//! build step, the `fahras` CLI, the native tests and the wasm app all run the same code.
//!
//! - [`text`]: the one analyser (normalisation, tokenising, clitics, stemming) used at build
//!   time and at query time.
//! - [`model`]: the article model shared by every stage.
//! - [`corpus`]: reading a corpus folder (saved pages, txt, md, json, jsonl) and cleaning scraped text.
//! - [`date`]: the one date parser (metadata values, date lines; entity dates use its names).
//! - [`search`]: the inverted index, query language, ranking and excerpts.
//! - [`entities`]: people, places, organisations and dates with aliases.
//! - [`bundle`]: the compiled, versioned, checksummed binary the app embeds.
//! - [`explore`]: what the app shows for a view state (results, facets, reader, entity view).
//! - [`stories`]: reports of one event grouped into stories, and their sentence alignment.
//! - [`state`]: the view state and its URL-fragment form.

pub mod bundle;
pub mod columns;
pub mod corpus;
pub mod date;
pub mod entities;
pub mod explore;
pub mod hash;
pub mod model;
pub mod par;
pub mod search;
pub mod split;
pub mod state;
pub mod stories;
pub mod text;
