//! Any text as one article, cleaned and read for entities with the built-in gazetteer: mention
//! ranges are inside their title or block on UTF-16 char boundaries, and point at real entities.

#![no_main]

use fahras_core::corpus::clean_text;
use fahras_core::entities::{extract, mention_text};
use fahras_fuzz::{assert_utf16_ranges, gazetteer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (article, _) = clean_text("fuzz", text);
    let articles = [article];
    let table = extract(&articles, gazetteer(), None);
    assert!(
        table.mentions.len() <= 1,
        "{} mention lists for one article",
        table.mentions.len()
    );
    let a = &articles[0];
    for m in table.mentions.iter().flatten() {
        assert!(
            (m.entity as usize) < table.entities.len(),
            "mention of entity {} of {}",
            m.entity,
            table.entities.len()
        );
        let host = match m.block {
            None => a.title.as_str(),
            Some(b) => match a.blocks.get(b as usize) {
                Some(block) => block.text.as_str(),
                None => panic!("mention in block {b} of {}", a.blocks.len()),
            },
        };
        assert_utf16_ranges(host, &[(m.start, m.end)], "mention");
        assert!(!mention_text(a, m).is_empty());
    }
    for e in &table.entities {
        assert!(
            !e.id.is_empty() && !e.name.is_empty(),
            "entity without id or name: {e:?}"
        );
        for &(art, n) in &e.articles {
            assert!(
                art == 0 && n > 0,
                "entity {} counts article {art} ({n} mentions)",
                e.id
            );
        }
    }
    for &(x, y, n) in &table.cooccurrence {
        assert!(
            x < y && (y as usize) < table.entities.len() && n <= 1,
            "co-occurrence ({x}, {y}, {n})"
        );
    }
});
