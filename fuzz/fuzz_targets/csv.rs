//! Any bytes as a `.csv` and a `.tsv` file (and once more as `.csv` with the user's field names,
//! `--field text=body --field date=date_extracted`): the delimiter sniffing, the decoding
//! (UTF-8, UTF-16, Windows-1256) and the csv crate's parser never panic; an article that comes
//! out has text, no empty block and its removed text within its blocks; every diagnostic names
//! the file it was given.

#![no_main]

use fahras_core::corpus::{load_file, load_file_with};
use fahras_fuzz::{assert_articles, assert_diagnostics_name, mapped};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    for name in ["fuzz.csv", "fuzz.tsv"] {
        let (articles, diagnostics) = load_file(name, bytes);
        assert_articles(name, &articles);
        assert_diagnostics_name(name, &diagnostics, false);
    }
    let name = "mapped.csv";
    let (articles, diagnostics) = load_file_with(name, bytes, mapped());
    assert_articles(name, &articles);
    assert_diagnostics_name(name, &diagnostics, false);
});
