//! Nothing is lost: whatever the input, every line ends up in the title, the dek, a block or
//! `removed` — and no input makes loading panic.

mod corpus_support;

use corpus_support::{assert_lossless, seed};
use fahras_core::corpus::{clean_text, load_file};
use proptest::prelude::*;

// Under `corpus::` so that `cargo test -p fahras-core corpus` selects these tests.
mod corpus {
    use super::*;

    const WORDS: &[&str] = &[
        "روسيا",
        "الولايات",
        "المتحدة",
        "واشنطن",
        "موسكو",
        "المبعوث",
        "الرئيس",
        "محادثات",
        "العلاقات",
        "الاقتصادية",
        "زيارة",
        "الحرب",
        "أوكرانيا",
        "عقوبات",
        "الحوار",
        "بين",
        "في",
        "على",
        "من",
        "إلى",
        "مع",
        "جديدة",
        "الأمريكي",
        "الروسي",
        "وزير",
        "الخارجية",
        "الطاقة",
        "النفط",
        "اتفاق",
        "قمة",
        "ترامب",
        "بوتين",
        "وقال",
        "أكد",
        "المصادر",
    ];

    fn words(n: std::ops::RangeInclusive<usize>) -> impl Strategy<Value = String> {
        prop::collection::vec(prop::sample::select(WORDS), n).prop_map(|w| w.join(" "))
    }

    fn sentence() -> impl Strategy<Value = String> {
        (
            words(6..=18),
            words(3..=8),
            prop::sample::select(&[".", "؟", "!", ""][..]),
        )
            .prop_map(|(a, b, end)| format!("{a}، {b}{end}"))
    }

    /// One line of a scraped page, of any of the kinds the cleaner knows, or noise.
    fn line() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => words(2..=10),                                                     // headline-like
            4 => prop::collection::vec(sentence(), 1..=4).prop_map(|s| s.join(" ")), // paragraph
            1 => words(2..=3).prop_map(|n| format!("كتب: {n}")),                    // byline
            1 => Just("فريق التحرير".to_owned()),
            1 => prop::sample::select(&["Advertisement", "إعلان", "تعليقات", "شارك", "اقرأ أيضا", "ملخص المقال", "إنتاج AI", "النقاط الأساسية", "***", "—"][..]).prop_map(str::to_owned),
            2 => (prop::sample::select(&["• ", "- ", "* ", "1. ", "٢) ", "· "][..]), sentence()).prop_map(|(b, s)| format!("{b}{s}")),
            1 => prop::collection::vec(words(3..=8), 6..=12).prop_map(|h| h.join(".. ")), // navigation run
            1 => words(2..=4).prop_map(|n| format!("رئيس التحرير {n}")),
            1 => Just("الأحد 12 يناير 2025".to_owned()),
            1 => words(3..=8).prop_map(|w| format!("«{w}»")),
            1 => words(2..=6).prop_map(|w| format!("> {w}")),
            1 => words(3..=8).prop_map(|w| format!("اقرأ أيضا: {w}")),
            1 => "\\PC{1,40}",                                                          // anything printable
            2 => Just(String::new()),                                                   // blank
        ]
    }

    /// A soup of lines, some repeated verbatim later.
    fn soup() -> impl Strategy<Value = String> {
        (
            prop::collection::vec(line(), 1..40),
            prop::collection::vec(
                (any::<prop::sample::Index>(), any::<prop::sample::Index>()),
                0..6,
            ),
            any::<bool>(),
        )
            .prop_map(|(mut lines, dups, crlf)| {
                for (from, to) in dups {
                    let l = lines[from.index(lines.len())].clone();
                    let at = to.index(lines.len() + 1);
                    lines.insert(at, l);
                }
                lines.join(if crlf { "\r\n" } else { "\n" })
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

        #[test]
        fn every_line_of_a_soup_is_accounted_for(text in soup()) {
            let (article, _) = clean_text("soup", &text);
            assert_lossless(&text, &article);
        }

        #[test]
        fn loading_any_bytes_never_panics(bytes in prop::collection::vec(any::<u8>(), 0..3000), ext in prop::sample::select(&["txt", "md", "jsonl", "bin"][..])) {
            let _ = load_file(&format!("fuzz.{ext}"), &bytes);
        }

        #[test]
        fn loading_any_text_never_panics(text in "(\\PC|\n|---|: |#|>|\\{|\")*", ext in prop::sample::select(&["txt", "md", "jsonl"][..])) {
            let _ = load_file(&format!("fuzz.{ext}"), text.as_bytes());
        }
    }

    #[test]
    fn every_line_of_every_seed_is_accounted_for() {
        for prefix in ["000", "001", "002", "003", "004"] {
            let (_, text) = seed(prefix);
            let (article, _) = clean_text(prefix, &text);
            assert_lossless(&text, &article);
        }
    }

    #[test]
    fn every_line_of_the_extra_fixtures_is_accounted_for() {
        for name in ["masrawy_style.txt", "levant_style.txt"] {
            let text = std::fs::read_to_string(corpus_support::fixtures_dir().join(name)).unwrap();
            let (article, _) = clean_text(name, &text);
            assert_lossless(&text, &article);
        }
    }
}
