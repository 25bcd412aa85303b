//! Any bytes as a corpus file, read as `.txt`, `.md`, `.json` and `.jsonl`: loading never panics, and an
//! article that comes out has text (a title or a non-empty block).

#![no_main]

use fahras_core::corpus::load_file;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for name in ["fuzz.txt", "fuzz.md", "fuzz.json", "fuzz.jsonl"] {
        let (articles, _diagnostics) = load_file(name, bytes);
        for a in &articles {
            assert!(
                !a.title.trim().is_empty() || a.blocks.iter().any(|b| !b.text.trim().is_empty()),
                "{name}: article {:?} has no text",
                a.id
            );
            for b in &a.blocks {
                assert!(
                    !b.text.trim().is_empty(),
                    "{name}: article {:?} has an empty block",
                    a.id
                );
            }
            for r in &a.removed {
                assert!(
                    r.before_block as usize <= a.blocks.len(),
                    "{name}: removed text placed after block {}",
                    r.before_block
                );
            }
        }
    }
});
