//! Bad input: each case is reported with its file (and line), never a panic, and a folder
//! reports all of its problems at once.

mod corpus_support;

use std::fs;
use std::path::Path;

use corpus_support::temp_dir;
use fahras_core::corpus::{load_dir, load_file, Diagnostic, LoadReport, Severity, MAX_FILE_BYTES};

// Under `corpus::` so that `cargo test -p fahras-core corpus` selects these tests.
mod corpus {
    use super::*;

    const ARTICLE: &str = "عنوان المقال التجريبي الأول\n\
    تأتي هذه الزيارة في ظل مناخ سياسي واقتصادي دقيق، وسط حديث عن تقارب محتمل بين البلدين، وهو ما يثير التساؤلات حول مستقبل العلاقات.\n\
    تفاصيل الاجتماع\n\
    وتشير المصادر إلى أن المبعوث سيلتقي خلال زيارته بعدد من المسؤولين لبحث سبل تعزيز التعاون الاقتصادي بين البلدين، وفتح قنوات جديدة للحوار.\n";

    fn write(dir: &Path, name: &str, bytes: &[u8]) {
        fs::write(dir.join(name), bytes).unwrap();
    }

    fn only_error(diags: &[Diagnostic]) -> &Diagnostic {
        let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
        assert_eq!(errors.len(), 1, "{diags:#?}");
        errors[0]
    }

    fn about<'a>(report: &'a LoadReport, file: &str) -> Vec<&'a Diagnostic> {
        report
            .diagnostics
            .iter()
            .filter(|d| d.file.ends_with(file))
            .collect()
    }

    #[test]
    fn empty_and_blank_files_are_errors() {
        for bytes in [&b""[..], b"  \n\n\t \n"] {
            let (articles, diags) = load_file("empty.txt", bytes);
            assert!(articles.is_empty());
            let e = only_error(&diags);
            assert_eq!(e.file, "empty.txt");
            assert!(e.message.contains("empty"), "{e}");
        }
        let (articles, diags) = load_file("only-front-matter.md", b"---\ntitle: x\n---\n\n");
        assert!(articles.is_empty());
        assert!(only_error(&diags).message.contains("empty"));
    }

    #[test]
    fn binary_files_are_errors() {
        let png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00\x5c\x72\xa8\x66";
        let (articles, diags) = load_file("photo.txt", png);
        assert!(articles.is_empty());
        assert!(only_error(&diags).message.contains("binary"), "{diags:?}");
        // Control characters without NULs.
        let ctl: Vec<u8> = (0..400)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        let (_, diags) = load_file("ctl.txt", &ctl);
        assert!(only_error(&diags).message.contains("binary"), "{diags:?}");
    }

    #[test]
    fn undecodable_bytes_are_errors_with_the_line() {
        // Latin-1 French: neither UTF-8 nor Arabic in Windows-1256.
        let bytes =
            b"Une ligne correcte\nCaf\xe9 cr\xe8me br\xfbl\xe9e et tarte \xe0 la cr\xe8me\n";
        let (articles, diags) = load_file("latin1.txt", bytes);
        assert!(articles.is_empty());
        let e = only_error(&diags);
        assert!(e.message.contains("undecodable"), "{e}");
        assert_eq!(e.line, Some(2));
        // A UTF-8 Arabic file with one damaged byte is reported, not re-read as another code page.
        let mut damaged = ARTICLE.as_bytes().to_vec();
        let at = ARTICLE.find('\n').unwrap() + 3;
        damaged[at] = 0xFF;
        let (_, diags) = load_file("damaged.txt", &damaged);
        let e = only_error(&diags);
        assert!(e.message.contains("invalid UTF-8"), "{e}");
        assert_eq!(e.line, Some(2));
    }

    #[test]
    fn files_over_five_megabytes_are_errors() {
        let dir = temp_dir("big");
        let big = "كلمة ".repeat(MAX_FILE_BYTES / "كلمة ".len() + 10);
        assert!(big.len() > MAX_FILE_BYTES);
        write(&dir, "big.txt", big.as_bytes());
        write(&dir, "ok.txt", ARTICLE.as_bytes());
        let report = load_dir(&dir).unwrap();
        assert_eq!(report.articles.len(), 1);
        let e = only_error(&report.diagnostics);
        assert!(
            e.file.ends_with("big.txt") && e.message.contains("5 MB"),
            "{e}"
        );
        let (_, diags) = load_file("big.txt", big.as_bytes());
        assert!(only_error(&diags).message.contains("5 MB"));
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn invalid_front_matter() {
        // Unterminated: the article cannot be read.
        let (articles, diags) = load_file(
            "open.md",
            "---\ntitle: عنوان\n\nنص المقال هنا.\n".as_bytes(),
        );
        assert!(articles.is_empty());
        let e = only_error(&diags);
        assert_eq!(e.line, Some(1));
        assert!(e.message.contains("never closed"), "{e}");

        // A date that cannot be read is a warning naming the line and the field: the article
        // is kept without a date. An unknown key is a warning too.
        let md = format!("---\ntitle: عنوان\nfoo: bar\ndate: 2025-13-01\n---\n{ARTICLE}");
        let (articles, diags) = load_file("x.md", md.as_bytes());
        assert_eq!(articles.len(), 1);
        assert_eq!(articles[0].date, None);
        assert!(!diags.iter().any(Diagnostic::is_error), "{diags:#?}");
        let date = diags
            .iter()
            .find(|d| d.message.contains("cannot read the date"))
            .expect("date warning");
        assert!(
            date.to_string().starts_with(
                "warning: x.md:4: cannot read the date `2025-13-01` in front matter field `date`"
            ),
            "{date}"
        );
        assert!(date.message.contains("kept without a date"), "{date}");
        let w: Vec<&Diagnostic> = diags
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .collect();
        assert!(
            w.iter()
                .any(|d| d.line == Some(3) && d.message.contains("`foo`")),
            "{w:?}"
        );

        // A line that is not `key: value`.
        let md = format!("---\ntitle: عنوان\nthis is not a field\n---\n{ARTICLE}");
        let (_, diags) = load_file("y.md", md.as_bytes());
        let e = only_error(&diags);
        assert_eq!(e.line, Some(3));
        assert!(e.message.contains("key: value"), "{e}");
    }

    #[test]
    fn front_matter_overrides_what_is_inferred() {
        let md = format!(
            "---\ntitle: \"العنوان الصحيح\"\nauthor: سارة\nsource: الموقع\nurl: https://example.org/a\ndate: 2025-10\nlang: ar-EG\n---\n{ARTICLE}"
        );
        let (articles, diags) = load_file("fm.md", md.as_bytes());
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        let a = &articles[0];
        assert_eq!(a.title, "العنوان الصحيح");
        assert!(!a.title_derived);
        assert_eq!(a.author.as_deref(), Some("سارة"));
        assert_eq!(a.source.as_deref(), Some("الموقع"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/a"));
        assert_eq!(a.date.as_deref(), Some("2025-10"));
        assert_eq!(a.lang, "ar-EG");
        // The text's own first line is not the stated title, so it stays in the article.
        assert_eq!(a.blocks[0].text, "عنوان المقال التجريبي الأول");
    }

    #[test]
    fn invalid_jsonl_lines_name_file_and_line_and_the_rest_loads() {
        let good = r#"{"title": "عنوان", "text": "نص المقال الأول، وهو نص طويل بما يكفي ليكون فقرة كاملة في المقال."}"#;
        let jsonl = format!("{good}\n{{not json\n[1, 2]\n{{\"title\": \"بلا نص\"}}\n{{\"text\": \"نص\", \"date\": \"2025-02-30\"}}\n\n{}\n", good.replace("الأول", "الثاني"));
        let (articles, diags) = load_file("feed.jsonl", jsonl.as_bytes());
        assert_eq!(articles.len(), 3, "{diags:#?}");
        let errors: Vec<String> = diags
            .iter()
            .filter(|d| d.is_error())
            .map(ToString::to_string)
            .collect();
        assert_eq!(errors.len(), 3, "{errors:#?}");
        assert!(
            errors[0].starts_with("error: feed.jsonl:2: invalid JSON"),
            "{errors:?}"
        );
        assert!(
            errors[1].starts_with("error: feed.jsonl:3: expected a JSON object"),
            "{errors:?}"
        );
        assert!(
            errors[2].starts_with("error: feed.jsonl:4: record has no `text`"),
            "{errors:?}"
        );
        let date = diags
            .iter()
            .find(|d| d.message.contains("2025-02-30"))
            .expect("date warning");
        assert_eq!((date.severity, date.line), (Severity::Warning, Some(5)));
        assert_eq!(articles[1].date, None);
        assert_eq!(articles[0].id, "feed-1");
        assert_eq!(articles[2].id, "feed-7");
    }

    #[test]
    fn exact_duplicates_are_skipped_with_a_warning_near_duplicates_kept() {
        let dir = temp_dir("dups");
        write(&dir, "a.txt", ARTICLE.as_bytes());
        write(&dir, "b.txt", ARTICLE.as_bytes());
        // The same article with extra furniture cleans to the same text: still an exact duplicate.
        write(
            &dir,
            "c.txt",
            format!("{ARTICLE}Advertisement\nتعليقات\n").as_bytes(),
        );
        let long: String = (0..12)
            .map(|i| format!("الفقرة رقم {i} من التقرير تتناول تطورات الأحداث في المنطقة، وتعرض آراء الخبراء والمحللين في الشأن السياسي والاقتصادي.\n"))
            .collect();
        write(
            &dir,
            "d.txt",
            format!("عنوان تقرير طويل عن الأحداث\n{long}").as_bytes(),
        );
        let edited = long.replacen("آراء الخبراء", "مواقف الخبراء", 1);
        write(
            &dir,
            "e.txt",
            format!("عنوان تقرير طويل عن الأحداث مع تعديل\n{edited}").as_bytes(),
        );
        let report = load_dir(&dir).unwrap();
        assert!(!report.has_errors(), "{:#?}", report.diagnostics);
        let ids: Vec<&str> = report.articles.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["a", "d", "e"]);
        let b = about(&report, "b.txt");
        assert!(
            b[0].severity == Severity::Warning
                && b[0].message.contains("exact duplicate of `a`")
                && b[0].message.contains("a.txt"),
            "{b:?}"
        );
        assert!(about(&report, "c.txt")[0]
            .message
            .contains("exact duplicate"));
        let e = about(&report, "e.txt");
        assert!(
            e.iter().any(|d| d.message.contains("near duplicate of `d`")
                && d.message.contains("d.txt")
                && d.message.contains("both kept")),
            "{e:?}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_folder_reports_every_problem_at_once() {
        let dir = temp_dir("many");
        write(&dir, "01-good.txt", ARTICLE.as_bytes());
        write(&dir, "02-empty.txt", b"");
        write(&dir, "03-binary.txt", b"\x00\x01\x02\x03binary\x00\x00");
        write(&dir, "04-latin1.txt", b"caf\xe9 cr\xe8me");
        write(&dir, "05-bad.md", b"---\ntitle: x\n");
        write(&dir, "06-bad.jsonl", b"{\"text\": oops}\n");
        write(&dir, "07-photo.jpg", b"\xff\xd8\xff");
        write(&dir, "README.md", b"# About this corpus\n");
        write(&dir, "entities.tsv", b"name\ttype\n");
        write(&dir, ".hidden", b"x");
        fs::create_dir_all(dir.join("images")).unwrap();
        write(&dir.join("images"), "pic.png", b"\x89PNG");
        let report = load_dir(&dir).unwrap();
        assert_eq!(report.articles.len(), 1);
        assert!(report.has_errors());
        let errors: Vec<&str> = report
            .errors()
            .map(|d| d.file.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(
            errors,
            [
                "02-empty.txt",
                "03-binary.txt",
                "04-latin1.txt",
                "05-bad.md",
                "06-bad.jsonl"
            ]
        );
        let warned: Vec<&str> = report
            .warnings()
            .map(|d| d.file.rsplit('/').next().unwrap())
            .collect();
        assert_eq!(
            warned,
            ["07-photo.jpg", "pic.png"],
            "subfolders are read; README, entities.tsv and hidden files are skipped silently"
        );
        for d in &report.diagnostics {
            assert!(
                d.file.starts_with(&dir.display().to_string()),
                "names the file with its folder: {d}"
            );
        }
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn clashing_ids_are_errors() {
        let dir = temp_dir("ids");
        write(&dir, "same.txt", ARTICLE.as_bytes());
        write(
            &dir,
            "same.md",
            ARTICLE.replace("الأول", "الثاني").as_bytes(),
        );
        let report = load_dir(&dir).unwrap();
        assert_eq!(report.articles.len(), 1);
        let e = only_error(&report.diagnostics);
        assert!(
            e.file.ends_with("same.txt")
                && e.message.contains("`same`")
                && e.message.contains("same.md"),
            "{e}"
        );
        let _ = fs::remove_dir_all(&dir);
    }

    #[test]
    fn windows_1256_decodes_to_the_right_arabic() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1256.encode(ARTICLE);
        assert!(!unmappable);
        assert!(
            std::str::from_utf8(&bytes).is_err(),
            "the test bytes must not be UTF-8"
        );
        let (articles, diags) = load_file("legacy.txt", &bytes);
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(articles[0].title, "عنوان المقال التجريبي الأول");
        assert_eq!(articles[0].blocks[1].text, "تفاصيل الاجتماع");
        let (utf8, _) = load_file("modern.txt", ARTICLE.as_bytes());
        assert_eq!(articles[0].blocks, utf8[0].blocks);
    }

    #[test]
    fn byte_order_marks_and_utf16() {
        let expected = load_file("a.txt", ARTICLE.as_bytes()).0;
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice(ARTICLE.as_bytes());
        let mut le = vec![0xFF, 0xFE];
        let mut be = vec![0xFE, 0xFF];
        let mut bare_le = Vec::new();
        for u in ARTICLE.encode_utf16() {
            le.extend_from_slice(&u.to_le_bytes());
            be.extend_from_slice(&u.to_be_bytes());
            bare_le.extend_from_slice(&u.to_le_bytes());
        }
        for (what, bytes) in [
            ("utf-8 bom", bom),
            ("utf-16le", le),
            ("utf-16be", be),
            ("utf-16le without bom", bare_le),
        ] {
            let (articles, diags) = load_file("a.txt", &bytes);
            assert!(diags.is_empty(), "{what}: {diags:?}");
            assert_eq!(articles, expected, "{what}");
        }
        let (_, diags) = load_file("odd.txt", b"\xFF\xFEa\x00b");
        assert!(only_error(&diags).message.contains("UTF-16"));
    }

    #[test]
    fn nothing_left_after_cleaning_is_an_error() {
        let (articles, diags) = load_file("junk.txt", "Advertisement\nتعليقات\nشارك\n".as_bytes());
        assert!(articles.is_empty());
        let e = only_error(&diags);
        assert!(
            e.message.contains("no article text") && e.message.contains("advertisement"),
            "{e}"
        );
    }

    #[test]
    fn unreadable_folder_is_an_io_error() {
        assert!(load_dir(Path::new("/nonexistent/fahras/corpus")).is_err());
    }
}
