//! Any bytes as a saved page (`.html`): reading never panics or overflows the stack, and an
//! article that comes out has a title or text, with no empty block.

#![no_main]

use fahras_core::corpus::load_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let (articles, _diagnostics) = load_file("fuzz.html", bytes);
    assert!(articles.len() <= 1, "one page, one article");
    for a in &articles {
        assert!(
            !a.title.trim().is_empty() || a.blocks.iter().any(|b| !b.text.trim().is_empty()),
            "article {:?} has no text",
            a.id
        );
        assert!(
            a.blocks.iter().all(|b| !b.text.trim().is_empty()),
            "empty block"
        );
    }
});
