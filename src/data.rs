//! The corpus compiled by build.rs, decoded once at start-up.

use std::sync::OnceLock;

use fahras_core::explore::Explorer;

static BUNDLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/corpus.bin"));
static EXPLORER: OnceLock<Result<Explorer, String>> = OnceLock::new();

/// The decoded explorer, or a message saying why the embedded data could not be read.
pub fn explorer() -> Result<&'static Explorer, &'static str> {
    EXPLORER
        .get_or_init(|| load(BUNDLE))
        .as_ref()
        .map_err(String::as_str)
}

/// Decodes bundle bytes; exposed so tests can feed corrupt data.
pub fn load(bytes: &[u8]) -> Result<Explorer, String> {
    Explorer::from_bytes(bytes).map_err(|e| e.to_string())
}
