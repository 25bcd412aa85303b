//! Property tests of entity extraction over generated articles: every mention is a non-empty
//! UTF-16 range of its title or block on char boundaries, mentions of one text do not overlap,
//! and the table's counts (per-article mentions, co-occurrence) agree with its mention lists.

use std::collections::BTreeSet;

use fahras_core::entities::{extract, mention_text, Gazetteer};
use fahras_core::model::{Article, Block, BlockKind};
use proptest::prelude::*;

/// Names with and without clitics and titles, dates, and ordinary words around them.
const VOCAB: &[&str] = &[
    "الرئيس",
    "الروسي",
    "فلاديمير",
    "بوتين",
    "وبوتين",
    "لبوتين",
    "ترامب",
    "ترمب",
    "دونالد",
    "ستيف",
    "ويتكوف",
    "وويتكوف",
    "كيريل",
    "دميترييف",
    "لدميترييف",
    "موسكو",
    "واشنطن",
    "لواشنطن",
    "ميامي",
    "بميامي",
    "الكرملين",
    "بالكرملين",
    "الأمم",
    "المتحدة",
    "للأمم",
    "وزارة",
    "الخارجية",
    "الأمريكية",
    "شبكة",
    "\"سي",
    "إن",
    "إن\"",
    "قال",
    "في",
    "مع",
    "إن",
    "يوم",
    "الأحد",
    "25",
    "أكتوبر",
    "تشرين",
    "الأول",
    "2025",
    "٢٠٢٢",
    "عام",
    "،",
    ".",
    "😀",
    "مُحَمَّد",
    "Axios",
];

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => prop::collection::vec(prop::sample::select(VOCAB), 0..30).prop_map(|w| w.join(" ")),
        1 => "\\PC{0,60}",
    ]
}

fn articles() -> impl Strategy<Value = Vec<Article>> {
    let article = (
        text(),
        prop::collection::vec(text(), 0..4),
        proptest::option::of("20[0-3][0-9]-(0[1-9]|1[0-2])"),
    );
    prop::collection::vec(article, 1..4).prop_map(|v| {
        v.into_iter()
            .enumerate()
            .map(|(i, (title, blocks, date))| Article {
                id: format!("a{i}"),
                title,
                title_derived: false,
                dek: None,
                author: None,
                source: None,
                url: None,
                date,
                lang: "ar".into(),
                blocks: blocks
                    .into_iter()
                    .enumerate()
                    .map(|(j, text)| Block {
                        kind: BlockKind::Paragraph,
                        text,
                        line: j as u32 + 2,
                    })
                    .collect(),
                removed: Vec::new(),
            })
            .collect()
    })
}

fn boundary(units: &[u16], i: usize) -> bool {
    i == units.len() || (i < units.len() && !(0xDC00..=0xDFFF).contains(&units[i]))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn mentions_are_ranges_of_their_texts_and_counts_agree(articles in articles()) {
        let gaz = Gazetteer::builtin();
        let table = extract(&articles, &gaz, None);
        prop_assert_eq!(table.mentions.len(), articles.len());
        let n = table.entities.len();
        // Per entity, the set of articles and the mentions in each, recounted from the lists.
        let mut counted = vec![std::collections::BTreeMap::<u32, u32>::new(); n];
        for (ai, (a, mentions)) in articles.iter().zip(&table.mentions).enumerate() {
            let mut last: Option<(Option<u32>, u32)> = None;
            for m in mentions {
                prop_assert!((m.entity as usize) < n);
                let host = match m.block {
                    None => a.title.as_str(),
                    Some(b) => {
                        prop_assert!((b as usize) < a.blocks.len(), "block {} of {}", b, a.blocks.len());
                        a.blocks[b as usize].text.as_str()
                    }
                };
                let units: Vec<u16> = host.encode_utf16().collect();
                prop_assert!(m.start < m.end && m.end as usize <= units.len(), "{:?} in {:?}", m, host);
                prop_assert!(boundary(&units, m.start as usize) && boundary(&units, m.end as usize));
                prop_assert_eq!(mention_text(a, m), String::from_utf16_lossy(&units[m.start as usize..m.end as usize]));
                // Reading order: title first, then blocks; within a text, no overlap.
                if let Some((block, end)) = last {
                    prop_assert!(block < m.block || (block == m.block && end <= m.start), "{:?} after {:?}", m, last);
                }
                last = Some((m.block, m.end));
                *counted[m.entity as usize].entry(ai as u32).or_default() += 1;
            }
        }
        for (e, c) in table.entities.iter().zip(&counted) {
            prop_assert!(!e.id.is_empty() && !e.name.is_empty());
            let listed: Vec<(u32, u32)> = c.iter().map(|(&a, &k)| (a, k)).collect();
            prop_assert_eq!(&e.articles, &listed, "entity {}", e.id);
        }
        let ids: BTreeSet<&str> = table.entities.iter().map(|e| e.id.as_str()).collect();
        prop_assert_eq!(ids.len(), n, "entity ids are unique");
        for &(x, y, k) in &table.cooccurrence {
            prop_assert!(x < y && (y as usize) < n);
            let both = counted[x as usize].keys().filter(|a| counted[y as usize].contains_key(a)).count();
            prop_assert_eq!(k as usize, both, "co-occurrence of {} and {}", x, y);
        }
    }
}
