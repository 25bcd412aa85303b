//! Other sites' habits (tests/data/corpus/extra): breadcrumbs, date lines, related links,
//! share bars, source credits, tag lines, pipe menus, copyright footers, markdown with front
//! matter, JSONL feeds. Guards against a cleaner tuned to the seeds.

mod corpus_support;

use corpus_support::{block_at, body, fixtures_dir, removed_at};
use fahras_core::corpus::{clean_text, load_dir, load_file};
use fahras_core::model::{Article, BlockKind, RemovalReason as R};

// Under `corpus::` so that `cargo test -p fahras-core corpus` selects these tests.
mod corpus {
    use super::*;

    fn fixture(name: &str) -> Article {
        let bytes = std::fs::read(fixtures_dir().join(name)).unwrap();
        let (mut articles, diags) = load_file(name, &bytes);
        assert!(diags.iter().all(|d| !d.is_error()), "{diags:?}");
        articles.remove(0)
    }

    #[test]
    fn breadcrumb_date_line_related_links_share_bar_source_and_tags() {
        let a = fixture("masrawy_style.txt");
        assert_eq!(
            a.title,
            "البنك المركزي يبقي أسعار الفائدة دون تغيير للمرة الثالثة على التوالي"
        );
        assert_eq!(a.date.as_deref(), Some("2025-01-12"));
        assert_eq!(a.author.as_deref(), Some("محمد عبد الله"));
        assert_eq!(a.source.as_deref(), Some("وكالات"));
        assert_eq!(removed_at(&a, 1), Some(R::Navigation), "breadcrumb");
        assert_eq!(removed_at(&a, 2), Some(R::Byline), "date line");
        assert_eq!(removed_at(&a, 4), Some(R::Byline));
        assert_eq!(
            removed_at(&a, 5),
            Some(R::Caption),
            "photo caption with (أرشيفية)"
        );
        assert_eq!(removed_at(&a, 8), Some(R::UiLabel), "اقرأ أيضا");
        assert_eq!(removed_at(&a, 9), Some(R::Navigation), "related link");
        assert_eq!(removed_at(&a, 10), Some(R::Navigation), "related link");
        assert_eq!(
            block_at(&a, 12),
            Some(BlockKind::Paragraph),
            "the body resumes after the links"
        );
        assert_eq!(block_at(&a, 13), Some(BlockKind::Heading));
        for (line, reason) in [
            (15, R::UiLabel),
            (16, R::Byline),
            (17, R::UiLabel),
            (18, R::UiLabel),
        ] {
            assert_eq!(removed_at(&a, line), Some(reason), "line {line}");
        }
        assert_eq!(a.blocks.len(), 4);
    }

    #[test]
    fn pipe_menu_dated_byline_list_quote_inline_link_ad_and_copyright() {
        let a = fixture("levant_style.txt");
        assert_eq!(
            a.title,
            "المنتخب يتأهل إلى نهائي البطولة بعد فوز مثير بركلات الترجيح"
        );
        assert_eq!(a.author.as_deref(), Some("سارة خليل"));
        assert_eq!(
            a.date.as_deref(),
            Some("2024-02-03"),
            "Arabic-Indic digits, day first"
        );
        assert_eq!(removed_at(&a, 1), Some(R::Navigation));
        assert_eq!(removed_at(&a, 3), Some(R::Byline));
        assert_eq!(removed_at(&a, 4), Some(R::Byline));
        assert_eq!(
            block_at(&a, 6),
            Some(BlockKind::Paragraph),
            "a lead-in ending with a colon"
        );
        for line in [7, 8, 9] {
            assert_eq!(block_at(&a, line), Some(BlockKind::ListItem), "line {line}");
        }
        assert!(a
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::ListItem)
            .all(|b| !b.text.starts_with('-')));
        assert_eq!(block_at(&a, 10), Some(BlockKind::Quote));
        assert_eq!(
            removed_at(&a, 11),
            Some(R::Navigation),
            "اقرأ أيضاً: <headline>"
        );
        assert_eq!(removed_at(&a, 13), Some(R::Advertisement));
        assert_eq!(block_at(&a, 15), Some(BlockKind::Heading));
        assert_eq!(removed_at(&a, 17), Some(R::Masthead), "copyright footer");
        assert!(!body(&a).contains("حقوق"));
    }

    #[test]
    fn markdown_with_front_matter() {
        let a = fixture("gulf_report.md");
        assert_eq!(a.id, "gulf_report");
        assert_eq!(
            a.title,
            "موجة حر غير مسبوقة تضرب المنطقة وتحذيرات من ارتفاع درجات الحرارة"
        );
        assert_eq!(a.source.as_deref(), Some("صحيفة الخليج اليوم"));
        assert_eq!(a.url.as_deref(), Some("https://example.org/news/heatwave"));
        assert_eq!(a.date.as_deref(), Some("2024-07-15"));
        // The `# ` heading repeats the front matter title: it is the title, not a block.
        assert!(a.blocks.iter().all(|b| b.text != a.title));
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        use BlockKind::*;
        assert_eq!(
            kinds,
            [Paragraph, Heading, Paragraph, ListItem, ListItem, ListItem, Quote, Paragraph]
        );
        // Inline markup is syntax: bold markers and link targets are not text.
        assert!(a.blocks[0].text.contains("غير مسبوقة") && !a.blocks[0].text.contains("**"));
        assert!(
            a.blocks[5].text.ends_with("عبر الموقع الرسمي."),
            "{}",
            a.blocks[5].text
        );
        assert_eq!(removed_at(&a, 11), Some(R::Caption), "image alt text");
        assert_eq!(removed_at(&a, 25), Some(R::Advertisement));
        assert_eq!(block_at(&a, 15), Some(Heading));
    }

    #[test]
    fn jsonl_records_with_and_without_ids() {
        let bytes = std::fs::read(fixtures_dir().join("wire.jsonl")).unwrap();
        let (articles, diags) = load_file("wire.jsonl", &bytes);
        assert_eq!(articles.len(), 2);
        let (a, b) = (&articles[0], &articles[1]);
        assert_eq!(a.id, "wire-oil-1");
        assert_eq!(a.title, "أسعار النفط ترتفع بعد قرار خفض الإنتاج");
        assert_eq!(a.date.as_deref(), Some("2025-03-02"));
        assert_eq!(a.source.as_deref(), Some("وكالة الأنباء"));
        assert_eq!(
            a.dek, None,
            "a lead paragraph followed by an ad is body, not a dek"
        );
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(
            a.removed.iter().map(|r| r.reason).collect::<Vec<_>>(),
            [R::Advertisement]
        );
        assert_eq!(b.id, "wire-2");
        assert_eq!(b.title, "افتتاح معرض الكتاب بمشاركة 500 دار نشر");
        assert_eq!(block_at(b, 2), Some(BlockKind::Heading));
        assert_eq!(diags.len(), 1);
        assert!(
            diags[0].message.contains("`scraped_at`") && diags[0].line == Some(2),
            "{diags:?}"
        );
    }

    #[test]
    fn the_fixture_folder_loads_cleanly() {
        let report = load_dir(&fixtures_dir()).unwrap();
        assert!(!report.has_errors(), "{:?}", report.diagnostics);
        assert_eq!(report.articles.len(), 5);
    }

    #[test]
    fn one_paragraph_per_line_markdown_is_read_line_by_line() {
        let md = "---\nsource: موقع\n---\nعنوان الخبر الرئيسي اليوم\nكتب: علي حسن\nالفقرة الأولى من الخبر طويلة بما يكفي لتكون فقرة حقيقية في مقال منشور، وتحتوي على تفاصيل كثيرة عن الحدث وأسبابه ونتائجه المتوقعة.\nعنوان فرعي\nالفقرة الثانية من الخبر أيضا طويلة بما يكفي لتكون فقرة حقيقية في مقال منشور، وتشرح ما حدث بعد ذلك.\n";
        let (articles, diags) = load_file("perline.md", md.as_bytes());
        assert!(diags.is_empty(), "{diags:?}");
        let a = &articles[0];
        assert_eq!(a.title, "عنوان الخبر الرئيسي اليوم");
        assert_eq!(a.author.as_deref(), Some("علي حسن"));
        assert_eq!(removed_at(a, 5), Some(R::Byline));
        assert_eq!(block_at(a, 7), Some(BlockKind::Heading));
        assert_eq!(a.blocks.len(), 3);
    }

    #[test]
    fn general_rules_on_unseen_layouts() {
        // A repeated title (og:title + h1), an English byline, a share bar, a "most read" block,
        // a menu of sections, a photo credit and a dateline at the bottom.
        let text = "\
    الرئيسية أخبار سياسة اقتصاد رياضة
    وزراء الخارجية يجتمعون لبحث الأزمة
    وزراء الخارجية يجتمعون لبحث الأزمة
    By Jane Smith
    صورة: رويترز
    اجتمع وزراء الخارجية العرب اليوم في القاهرة لبحث تطورات الأزمة، وسط دعوات لوقف التصعيد. وأكد البيان الختامي على أهمية الحل السياسي.
    تابعنا على فيسبوك وتويتر
    وقال الأمين العام إن الاجتماع ناقش عدة ملفات، أبرزها الوضع الإنساني والمساعدات، مشددا على ضرورة التحرك السريع.
    الأكثر قراءة

    ارتفاع أسعار الذهب عالميا
    الطقس غدا: أجواء حارة نهارا

    آخر تحديث: 2025-10-25 14:02
    ";
        let (a, _) = clean_text("unseen", text);
        assert_eq!(a.title, "وزراء الخارجية يجتمعون لبحث الأزمة");
        assert_eq!(removed_at(&a, 1), Some(R::Navigation));
        assert_eq!(removed_at(&a, 3), Some(R::Duplicate));
        assert_eq!(a.author.as_deref(), Some("Jane Smith"));
        assert_eq!(removed_at(&a, 5), Some(R::Caption));
        assert_eq!(removed_at(&a, 7), Some(R::UiLabel));
        assert_eq!(removed_at(&a, 9), Some(R::UiLabel));
        assert_eq!(removed_at(&a, 11), Some(R::Navigation));
        assert_eq!(removed_at(&a, 12), Some(R::Navigation));
        assert_eq!(removed_at(&a, 14), Some(R::Byline));
        assert_eq!(a.date.as_deref(), Some("2025-10-25"));
        assert_eq!(a.blocks.len(), 2);
        assert_eq!(a.source, None, "a section menu is not a site name");
    }

    #[test]
    fn dots_as_commas_are_prose_but_a_glued_headline_run_is_navigation() {
        let prose = "أعلن وزير التربية والتعليم.. اليوم.. موعد امتحانات الثانوية العامة.. مؤكدا أن الوزارة انتهت من كافة الاستعدادات.. وأن الامتحانات ستبدأ في الأول من يونيو المقبل.. وتستمر لمدة شهر كامل.. مشيرا إلى أن عدد الطلاب المتقدمين هذا العام يتجاوز 700 ألف طالب وطالبة في جميع المحافظات";
        let (_, seed001) = corpus_support::seed("001");
        let nav = seed001.lines().nth(3).unwrap();
        let text = format!("وزير التعليم يعلن موعد امتحانات الثانوية العامة\n{prose}\n{nav}\nوأضاف الوزير أن الوزارة ستعلن الجداول التفصيلية خلال أيام.\n");
        let (a, _) = clean_text("dots", &text);
        assert_eq!(a.title, "وزير التعليم يعلن موعد امتحانات الثانوية العامة");
        assert_eq!(block_at(&a, 2), Some(BlockKind::Paragraph));
        assert_eq!(
            removed_at(&a, 3),
            Some(R::Navigation),
            "a headline run below the title is still navigation"
        );
        assert_eq!(block_at(&a, 4), Some(BlockKind::Paragraph));

        // Fewer separators (a weaker navigation shape), straight under the title.
        let weak = "وقال المصدر.. إن الاجتماع المرتقب سيعقد غدا في مقر الوزارة بحضور عدد كبير من المسؤولين.. وإن الوفود المشاركة بدأت بالوصول منذ صباح اليوم.. وسط إجراءات أمنية مشددة في محيط المقر.. وفي العاصمة كلها";
        let (a, _) = clean_text("weak", &format!("اجتماع الوزراء غدا في العاصمة\n{weak}\n"));
        assert_eq!(
            block_at(&a, 2),
            Some(BlockKind::Paragraph),
            "{:?}",
            a.removed
        );
    }

    #[test]
    fn kicker_and_site_name_lines_above_the_headline() {
        for top in ["عاجل", "الجزيرة نت", "أزمة الطاقة"] {
            let text = format!("{top}\nالحرب في السودان تدخل عامها الثالث وسط أزمة إنسانية متفاقمة\nتدخل الحرب في السودان عامها الثالث، وسط تحذيرات أممية من مجاعة واسعة تهدد ملايين السكان.\n");
            let (a, _) = clean_text("k", &text);
            assert_eq!(
                a.title, "الحرب في السودان تدخل عامها الثالث وسط أزمة إنسانية متفاقمة",
                "{top}"
            );
            assert!(removed_at(&a, 1).is_some(), "{top}");
            assert_eq!(
                a.source, None,
                "one line is not evidence of a site name: {top}"
            );
        }
    }

    #[test]
    fn an_english_page() {
        let text = "Home | World | Business | Sport | Culture\nOil prices climb after producers agree to cut output\nBy John Doe\nPublished on March 5, 2024\nOil prices rose on Tuesday after major producers agreed to extend output cuts, tightening supply.\nWhat comes next\nProducers will meet again in June to review the policy.\nShare this article\nAdvertisement\nRelated\nGold hits record high as dollar weakens\n";
        let (a, _) = clean_text("en", text);
        assert_eq!(
            a.title,
            "Oil prices climb after producers agree to cut output"
        );
        assert_eq!(a.author.as_deref(), Some("John Doe"));
        assert_eq!(a.date.as_deref(), Some("2024-03-05"));
        let kinds: Vec<BlockKind> = a.blocks.iter().map(|b| b.kind).collect();
        assert_eq!(
            kinds,
            [
                BlockKind::Paragraph,
                BlockKind::Heading,
                BlockKind::Paragraph
            ]
        );
        assert_eq!(removed_at(&a, 1), Some(R::Navigation));
        assert_eq!(removed_at(&a, 11), Some(R::Navigation));
    }

    #[test]
    fn seeds_saved_as_markdown_clean_like_text() {
        for prefix in ["001", "002", "004"] {
            let (name, text) = corpus_support::seed(prefix);
            let (txt, _) = load_file(&name, text.as_bytes());
            let (md, _) = load_file(&name.replace(".txt", ".md"), text.as_bytes());
            let (txt, md) = (&txt[0], &md[0]);
            assert_eq!(md.title, txt.title, "{prefix}");
            assert_eq!(md.author, txt.author, "{prefix}");
            assert_eq!(md.source, txt.source, "{prefix}");
            let kinds = |a: &Article| {
                a.blocks
                    .iter()
                    .map(|b| (b.line, b.kind))
                    .collect::<Vec<_>>()
            };
            assert_eq!(kinds(md), kinds(txt), "{prefix}");
            let reasons = |a: &Article| {
                a.removed
                    .iter()
                    .map(|r| (r.line, r.reason))
                    .collect::<Vec<_>>()
            };
            assert_eq!(reasons(md), reasons(txt), "{prefix}");
        }
    }

    #[test]
    fn hard_wrapped_markdown_paragraphs_are_joined() {
        let md = "# عنوان المقال\n\nهذه فقرة طويلة كتبها محرر في ملف ماركداون، وقد لف\nأسطرها عند عرض ثابت كما يفعل كثير من الكتاب، فلا\nينبغي أن تصبح كل سطر منها فقرة مستقلة.\n";
        let (articles, _) = load_file("wrapped.md", md.as_bytes());
        let a = &articles[0];
        assert_eq!(a.title, "عنوان المقال");
        assert_eq!(a.blocks.len(), 1, "{:?}", a.blocks);
        assert_eq!(a.blocks[0].line, 3);
        assert!(a.blocks[0].text.ends_with("فقرة مستقلة."));
    }
}
