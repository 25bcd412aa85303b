//! Any text as a date field and as a date line: the date reader never panics, and every date it
//! returns is a real calendar date in one of the ISO forms the corpus keeps.

#![no_main]

use fahras_core::date::{find_date, parse_field, valid_partial_iso};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let text = String::from_utf8_lossy(bytes);
    if let Some(iso) = parse_field(&text) {
        assert!(
            valid_partial_iso(&iso) && !iso.starts_with("--"),
            "field {text:?} → {iso:?}"
        );
    }
    if let Some(found) = find_date(&text) {
        assert!(
            valid_partial_iso(&found.iso) && !found.iso.starts_with("--"),
            "line {text:?} → {:?}",
            found.iso
        );
    }
});
