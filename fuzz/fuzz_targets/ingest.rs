//! Any bytes as a corpus file, read as `.txt`, `.md`, `.json` and `.jsonl`: loading never panics, and an
//! article that comes out has text (a title or a non-empty block).

#![no_main]

use fahras_core::corpus::load_file;
use fahras_fuzz::assert_articles;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for name in ["fuzz.txt", "fuzz.md", "fuzz.json", "fuzz.jsonl"] {
        let (articles, _diagnostics) = load_file(name, bytes);
        assert_articles(name, &articles);
    }
});
