//! What the cleaner makes of the five seed articles.

mod corpus_support;

use corpus_support::{assert_lossless, block_at, body, removed_at, seed};
use fahras_core::corpus::{clean_text, load_dir, load_file};
use fahras_core::model::{Article, BlockKind, RemovalReason as R};

// Under `corpus::` so that `cargo test -p fahras-core corpus` selects these tests.
mod corpus {
    use super::*;

    fn clean_seed(prefix: &str) -> (Article, String) {
        let (name, text) = seed(prefix);
        let (articles, diags) = load_file(&name, text.as_bytes());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        assert_eq!(articles.len(), 1);
        (articles.into_iter().next().unwrap(), text)
    }

    #[test]
    fn seed_000_title_headings_and_trailing_label() {
        let (a, text) = clean_seed("000");
        assert!(a.id.starts_with("000_"));
        assert_eq!(a.title, "وسط تصاعد التوترات بين الولايات المتحدة وروسيا.. مبعوث أمريكي يلتقي بنظيره الروسي في ميامي.");
        assert!(!a.title_derived);
        assert_eq!(a.author, None);
        assert_eq!(a.lang, "ar");
        assert_eq!(removed_at(&a, 8), Some(R::UiLabel), "تعليقات");
        assert_eq!(block_at(&a, 2), Some(BlockKind::Paragraph));
        assert_eq!(block_at(&a, 3), Some(BlockKind::Heading));
        assert_eq!(block_at(&a, 5), Some(BlockKind::Heading));
        assert!(!body(&a).contains("تعليقات"));
        assert_lossless(&text, &a);
    }

    #[test]
    fn seed_001_masthead_navigation_and_duplicate_heading() {
        let (a, text) = clean_seed("001");
        assert_eq!(
            a.title,
            "استعادة الحوار الروسي الأميركي.. بين عقبات الماضي ورهانات المستقبل"
        );
        assert_eq!(a.source.as_deref(), Some("اتحاد العالم الإسلامي"));
        for line in [1, 2, 3] {
            assert_eq!(removed_at(&a, line), Some(R::Masthead), "line {line}");
        }
        assert_eq!(removed_at(&a, 4), Some(R::Navigation));
        let body = body(&a);
        // Not one of the navigation headlines or masthead lines is left in the article.
        let nav_line = text.lines().nth(3).unwrap();
        for fragment in nav_line
            .split("..")
            .map(str::trim)
            .filter(|f| !f.is_empty())
        {
            assert!(
                !body.contains(fragment),
                "navigation fragment in body: {fragment}"
            );
        }
        for masthead in ["اتحاد العالم الإسلامي", "رئيس التحرير", "رئيس مجلس الإدارة"]
        {
            assert!(!body.contains(masthead), "{masthead}");
        }
        assert_eq!(block_at(&a, 8), Some(BlockKind::Heading));
        assert_eq!(removed_at(&a, 9), Some(R::Duplicate));
        assert_eq!(
            a.blocks
                .iter()
                .filter(|b| b.text == "العلاقات الروسية الأميركية")
                .count(),
            1
        );
        for (line, kind) in [
            (13, BlockKind::Heading),
            (19, BlockKind::Heading),
            (25, BlockKind::Heading),
            (33, BlockKind::Paragraph),
            (43, BlockKind::Paragraph),
        ] {
            assert_eq!(block_at(&a, line), Some(kind), "line {line}");
        }
        assert_lossless(&text, &a);
    }

    #[test]
    fn seed_002_byline_and_headings() {
        let (a, text) = clean_seed("002");
        assert_eq!(
            a.title,
            "روسيا وأمريكا.. تقارب اقتصادي محتمل في ظل زيارة دميترييف لواشنطن"
        );
        assert_eq!(a.author.as_deref(), Some("أحمد السيد"));
        assert_eq!(removed_at(&a, 3), Some(R::Byline));
        assert_eq!(block_at(&a, 5), Some(BlockKind::Heading));
        assert_eq!(
            a.blocks.iter().find(|b| b.line == 5).unwrap().text,
            "أهداف الزيارة ومساعي التقارب"
        );
        for line in [7, 9, 11] {
            assert_eq!(block_at(&a, line), Some(BlockKind::Heading), "line {line}");
        }
        assert_eq!(block_at(&a, 4), Some(BlockKind::Paragraph));
        assert_lossless(&text, &a);
    }

    #[test]
    fn seed_003_untitled_gets_a_short_derived_title() {
        let (a, text) = clean_seed("003");
        assert!(a.title_derived);
        let n = a.title.chars().count();
        assert!((30..=90).contains(&n), "{n}: {}", a.title);
        assert!(
            a.title.starts_with("أعلن المبعوث الخاص للرئيس الروسي"),
            "{}",
            a.title
        );
        assert!(a.title.ends_with('…'));
        // The lead paragraph stays in the body: the title is derived, not taken.
        assert_eq!(block_at(&a, 1), Some(BlockKind::Paragraph));
        assert_eq!(block_at(&a, 3), Some(BlockKind::Heading));
        assert!(a.removed.is_empty(), "{:?}", a.removed);
        assert_lossless(&text, &a);
    }

    #[test]
    fn seed_004_summary_box_ads_byline_caption_and_dek() {
        let (a, text) = clean_seed("004");
        assert_eq!(
            a.title,
            "مبعوث روسي يصل أمريكا للقاء ويتكوف في مساعٍ لاستئناف الحوار الثنائي"
        );
        assert_eq!(a.author.as_deref(), Some("فريق التحرير"));
        assert!(a
            .dek
            .as_deref()
            .unwrap()
            .starts_with("مبعوث بوتين للاستثمار"));
        // "فريق التحرير" twice: both are the byline, neither is text.
        assert_eq!(removed_at(&a, 5), Some(R::Byline));
        assert!(matches!(removed_at(&a, 6), Some(R::Byline | R::Duplicate)));
        assert_eq!(removed_at(&a, 7), Some(R::Caption));
        for line in [9, 11, 13, 15, 17, 18, 19] {
            assert_eq!(
                removed_at(&a, line),
                Some(R::GeneratedSummary),
                "line {line}"
            );
        }
        for line in [33, 47] {
            assert_eq!(removed_at(&a, line), Some(R::Advertisement), "line {line}");
        }
        assert_eq!(
            block_at(&a, 21),
            Some(BlockKind::Paragraph),
            "the body resumes after the summary box"
        );
        assert_eq!(a.blocks.first().map(|b| b.line), Some(21));
        let body = body(&a);
        for gone in [
            "Advertisement",
            "ملخص المقال",
            "إنتاج AI",
            "النقاط الأساسية",
            "فريق التحرير",
            "•",
        ] {
            assert!(!body.contains(gone), "{gone}");
        }
        assert_eq!(block_at(&a, 31), Some(BlockKind::Heading));
        assert_eq!(
            block_at(&a, 35),
            Some(BlockKind::Paragraph),
            "a long line without a full stop is a paragraph"
        );
        // Removed text keeps its place: the first ad stood before the block of line 35.
        let ad = a.removed.iter().find(|r| r.line == 33).unwrap();
        assert_eq!(a.blocks[ad.before_block as usize].line, 35);
        assert_lossless(&text, &a);
    }

    #[test]
    fn seeds_load_as_a_folder_without_errors_in_sorted_order() {
        let report = load_dir(&corpus_support::seeds_dir()).unwrap();
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        let ids: Vec<&str> = report.articles.iter().map(|a| &a.id[..3]).collect();
        assert_eq!(ids, ["000", "001", "002", "003", "004"]);
        // Five reports of one story share words, not text: no duplicate warnings.
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| !d.message.contains("duplicate")),
            "{:?}",
            report.diagnostics
        );
        // The only warning is the derived title of 003.
        assert_eq!(report.diagnostics.len(), 1, "{:?}", report.diagnostics);
        assert!(report.diagnostics[0].file.contains("003_"));
    }

    #[test]
    fn clean_text_is_the_txt_cleaner() {
        let (_, text) = seed("002");
        let (a, diags) = clean_text("x", &text);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(a.id, "x");
        assert_eq!(a.author.as_deref(), Some("أحمد السيد"));
    }
}
