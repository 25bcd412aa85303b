//! Any bytes as a compiled bundle, and as a stored search index: reading returns an error,
//! never panics or allocates without bound (run with `-rss_limit_mb=2048`). Only a header, a
//! length and a checksum stand in the way here; `bundle_mutate` gets behind them.

#![no_main]

use fahras_core::bundle::Bundle;
use fahras_core::search::Index;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    if let Ok(bundle) = Bundle::decode(bytes) {
        let _ = bundle.index();
    }
    let _ = Index::from_bytes(bytes);
});
