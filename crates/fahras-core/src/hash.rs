//! The hash maps and sets of the hot paths (words, entity vocabularies, postings, duplicate
//! checks): std's maps with foldhash instead of SipHash. SipHash was a sixth of `fahras build`'s
//! time on 10,000 real articles (perf); foldhash is several times faster on short keys, seeded
//! per process (not a fixed hasher a crafted corpus could aim collisions at), and needs no
//! operating-system randomness, so it runs in the browser's wasm as natively.

pub type HashMap<K, V> = std::collections::HashMap<K, V, foldhash::fast::RandomState>;
pub type HashSet<K> = std::collections::HashSet<K, foldhash::fast::RandomState>;
