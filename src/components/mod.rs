//! Small components, one concern each. They read `Ctx` and call its methods; no search logic.

pub mod chip;
pub mod entity_panel;
pub mod facets;
pub mod header;
pub mod import;
pub mod marks;
pub mod pieces;
pub mod reader;
pub mod results;
pub mod search;
pub mod story;
