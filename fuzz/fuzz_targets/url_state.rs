//! Any string as a URL fragment: parsing never panics, and the parsed state survives a round
//! trip through its canonical fragment unchanged, with nothing left to report.

#![no_main]

use fahras_core::state::{ParseNotes, ViewState};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|fragment: &str| {
    let (state, _notes) = ViewState::from_fragment(fragment);
    let canonical = state.to_fragment();
    assert!(canonical.is_ascii(), "fragment {canonical:?} is not ASCII");
    for with_hash in [canonical.clone(), format!("#{canonical}")] {
        let (back, notes) = ViewState::from_fragment(&with_hash);
        assert_eq!(back, state, "round trip through {with_hash:?}");
        assert_eq!(
            notes,
            ParseNotes::default(),
            "canonical fragment {with_hash:?} has notes"
        );
    }
    assert_eq!(
        ViewState::from_fragment(&canonical).0.to_fragment(),
        canonical,
        "canonical form is not stable"
    );
});
