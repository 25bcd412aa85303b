//! Stories (issue 16): the seeds, the hand-labelled ANT pairs, and sentence alignment on
//! reworded reports.

use std::path::{Path, PathBuf};
use std::time::Instant;

use fahras_core::bundle::{compile_articles, compile_dir, compile_inputs, Bundle};
use fahras_core::model::{Article, Block, BlockKind, RemovalReason};
use fahras_core::stories::align::{sentence_text, DifferenceKind};
use fahras_core::stories::{align, eval, story_of, Corpus, Params};

fn seeds_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
}

fn seeds() -> Bundle {
    compile_dir(&seeds_dir())
        .expect("seeds readable")
        .bundle
        .expect("bundle")
}

fn pos(b: &Bundle, prefix: &str) -> usize {
    b.articles
        .iter()
        .position(|a| a.id.starts_with(prefix))
        .unwrap()
}

fn article(id: &str, source: &str, date: &str, title: &str, body: &[&str]) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_derived: false,
        dek: None,
        author: None,
        source: Some(source.into()),
        url: None,
        date: Some(date.into()),
        lang: "ar".into(),
        blocks: body
            .iter()
            .enumerate()
            .map(|(i, t)| Block {
                kind: BlockKind::Paragraph,
                text: (*t).into(),
                line: i as u32 + 2,
            })
            .collect(),
        removed: Vec::new(),
    }
}

/// The four reports of Dmitriev's talks with Witkoff (000, 002, 003, 004; 001 is the page whose
/// navigation is tested below) are one story; every story has two articles or more, each article
/// is in at most one, the label is one of its titles and the articles come from the corpus.
#[test]
fn seeds_group_the_four_reports() {
    let b = seeds();
    let of = story_of(&b.stories, b.articles.len());
    let first = of[pos(&b, "000_")];
    assert!(first.is_some(), "{:?}", b.stories);
    for id in ["002_", "003_", "004_"] {
        assert_eq!(of[pos(&b, id)], first, "{id}: {:?}", b.stories);
    }
    for s in &b.stories {
        assert!(s.articles.len() >= 2 && s.articles.contains(&s.label));
    }
    let all: Vec<u32> = b.stories.iter().flat_map(|s| s.articles.clone()).collect();
    let mut dedup = all.clone();
    dedup.sort();
    dedup.dedup();
    assert_eq!(all.len(), dedup.len(), "an article in two stories");
}

/// 001's navigation (other articles' headlines) and masthead are removed text: putting another
/// seed's whole body there changes nothing, and none of their words reach 001's keys.
#[test]
fn navigation_text_of_001_plays_no_part() {
    let dir = seeds_dir();
    let report = fahras_core::corpus::load_dir(&dir).unwrap();
    let before = compile_articles(report.articles.clone(), None);
    let mut articles = report.articles;
    let nav = articles
        .iter()
        .position(|a| a.id.starts_with("001_"))
        .unwrap();
    let other = articles
        .iter()
        .position(|a| a.id.starts_with("000_"))
        .unwrap();
    assert!(articles[nav]
        .removed
        .iter()
        .any(|r| r.reason == RemovalReason::Navigation));
    let body: String = articles[other].block_texts().collect::<Vec<_>>().join("\n");
    for r in &mut articles[nav].removed {
        r.text = body.clone();
    }
    let after = compile_articles(articles, None);
    assert_eq!(before.stories, after.stories);
}

fn ant_corpus() -> Option<PathBuf> {
    let xz = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/corpora/ant-multisource.jsonl.xz");
    if !xz.exists() {
        return None;
    }
    let out = std::env::temp_dir().join(format!("fahras-stories-ant-{}", std::process::id()));
    std::fs::create_dir_all(&out).unwrap();
    let file = out.join("ant.jsonl");
    let data = std::process::Command::new("xz")
        .arg("-dc")
        .arg(&xz)
        .output()
        .expect("xz runs");
    assert!(data.status.success());
    std::fs::write(&file, data.stdout).unwrap();
    Some(file)
}

/// The labelled pairs (`data/stories/ant_pairs.tsv`, read and labelled by hand): pairwise
/// accuracy of "in one story" against the labels on the whole ANT corpus, as `fahras build`
/// groups it. Needs ../shared/corpora/ant-multisource.jsonl.xz and `xz`; says so when absent.
#[test]
fn labelled_ant_pairs_score_at_least_090() {
    let text = include_str!("data/stories/ant_pairs.tsv");
    let pairs = eval::parse_pairs(text).unwrap();
    assert!(pairs.len() >= 100, "{} pairs", pairs.len());
    assert!(pairs.iter().any(|p| p.same) && pairs.iter().any(|p| !p.same));
    let Some(file) = ant_corpus() else {
        eprintln!("SKIPPED: ../shared/corpora/ant-multisource.jsonl.xz is not here");
        return;
    };
    let t = Instant::now();
    let bundle = compile_inputs(&[&file]).bundle.unwrap();
    let compile_s = t.elapsed().as_secs_f64();
    let _ = std::fs::remove_file(&file);
    let index = bundle.index().unwrap();
    let t = Instant::now();
    let corpus = Corpus::new(&bundle.articles, &bundle.entities, &index);
    let stories = corpus.stories(&Params::default());
    let stories_s = t.elapsed().as_secs_f64();
    assert_eq!(
        stories, bundle.stories,
        "the build's stories are the default ones"
    );
    let (outcomes, s, missing) = eval::evaluate(&bundle.articles, &stories, &corpus, &pairs);
    assert!(missing.is_empty(), "{missing:?}");
    assert_eq!(outcomes.len(), pairs.len());
    let grouped: usize = stories.iter().map(|s| s.articles.len()).sum();
    eprintln!(
        "ANT: {} articles, {} stories ({grouped} articles); compile {compile_s:.1} s, stories {stories_s:.1} s; \
         {} pairs: accuracy {:.3}, precision {:.3}, recall {:.3} (tp {} fp {} fn {} tn {})",
        bundle.articles.len(),
        stories.len(),
        s.total(),
        s.accuracy(),
        s.precision(),
        s.recall(),
        s.tp,
        s.fp,
        s.fn_,
        s.tn
    );
    assert!(s.accuracy() >= 0.90, "accuracy {:.3}", s.accuracy());
    let bytes = bundle.encode().len();
    let mut without = bundle.clone();
    without.stories.clear();
    let extra = bytes - without.encode().len();
    eprintln!(
        "story data: {extra} bytes of {bytes} ({:.2} %)",
        100.0 * extra as f64 / bytes as f64
    );
    assert!((extra as f64) < 0.10 * bytes as f64);
}

/// Three reports of one fire: a near-duplicate, a reworded sentence with another toll, and a
/// sentence only one report has.
fn fire() -> Bundle {
    compile_articles(
        vec![
            article(
                "a",
                "وكالة أ",
                "2018-03-25",
                "عشرات القتلى في حريق بمركز تجاري في سيبيريا",
                &["لقي 37 شخصا مصرعهم في حريق اندلع الأحد بمركز تجاري في مدينة كيميروفو الصناعية في سيبيريا. \
                   وقال الرئيس فلاديمير بوتين إن الحكومة ستحقق في أسباب الحريق. \
                   وكانت السلطات قد أغلقت المركز التجاري مرتين في العام الماضي."],
            ),
            article(
                "b",
                "وكالة ب",
                "2018-03-26",
                "ارتفاع عدد ضحايا حريق المركز التجاري في كيميروفو",
                &["قالت وزارة الطوارئ الروسية إن 53 شخصا لقوا حتفهم في حريق اندلع بمركز تجاري في مدينة كيميروفو في سيبيريا. \
                   وأكد بوتين أن الحكومة ستفتح تحقيقا في أسباب الحريق."],
            ),
            article(
                "c",
                "وكالة ج",
                "2018-03-25",
                "حريق في مركز تجاري بسيبيريا",
                &["لقي 37 شخصاً مصرعهم في حريق اندلع يوم الأحد بمركز تجاري بمدينة كيميروفو الصناعية بسيبيريا. \
                   وتظاهر المئات أمام مقر البلدية مطالبين بمحاسبة المسؤولين."],
            ),
        ],
        None,
    )
}

#[test]
fn alignment_matches_near_duplicates_and_rewordings() {
    let b = fire();
    let index = b.index().unwrap();
    let al = align(&b.articles, &[0, 1, 2], &b.entities, &index);
    let text = |r: usize, s: usize| sentence_text(&b.articles[r], &al.reports[r].sentences[s].span);
    assert_eq!(al.reports.len(), 3);
    assert_eq!(al.reports[0].sentences.len(), 3);
    // The toll sentence is in every report: near-duplicate in c (hamza, يوم, ب for في), reworded
    // in b (قالت وزارة ... لقوا حتفهم).
    let toll = &al.reports[0].sentences[0];
    assert!(text(0, 0).contains("37"));
    assert_eq!(toll.carried_by(), 3, "{toll:?}");
    // Putin's promise: reworded in b (وأكد بوتين أن ... ستفتح تحقيقا), absent from c.
    let putin = &al.reports[0].sentences[1];
    assert_eq!(
        putin.matches.iter().map(|m| m.0).collect::<Vec<_>>(),
        [1],
        "{putin:?}"
    );
    // Only in a: the earlier closures; only in c: the protest.
    assert!(al.reports[0].sentences[2].matches.is_empty());
    assert!(al.reports[2].sentences[1].matches.is_empty());
    assert_eq!(al.reports[0].only_here(), 1);
    // The tolls differ between a and b, not between a and c.
    let nums: Vec<_> = toll
        .differences
        .iter()
        .filter(|d| d.kind == DifferenceKind::Number)
        .collect();
    assert_eq!(nums.len(), 1, "{:?}", toll.differences);
    assert_eq!(
        (nums[0].report, &nums[0].here[..], &nums[0].there[..]),
        (1, &["37".to_string()][..], &["53".to_string()][..])
    );
}

#[test]
fn unrelated_sentences_do_not_align() {
    let b = compile_articles(
        vec![
            article(
                "x",
                "أ",
                "2018-03-25",
                "مباراة",
                &["فاز فريق العين على الريان بأربعة أهداف مقابل هدف في دوري أبطال آسيا."],
            ),
            article(
                "y",
                "ب",
                "2018-03-25",
                "النفط",
                &["ارتفعت أسعار النفط في الأسواق العالمية بعد قرار منظمة أوبك خفض الإنتاج."],
            ),
        ],
        None,
    );
    let index = b.index().unwrap();
    let al = align(&b.articles, &[0, 1], &b.entities, &index);
    assert!(al
        .reports
        .iter()
        .all(|r| r.only_here() == r.sentences.len()));
}

/// The explorer's story view: reports by date, sentences with their carriers, the filters, the
/// entities only some reports mention; and a result list collapsed to one row per story.
#[test]
fn explorer_story_view_and_collapsed_results() {
    use fahras_core::explore::{Explorer, SentenceFilter};
    let b = fire();
    assert_eq!(b.stories.len(), 1, "{:?}", b.stories);
    let ex = Explorer::from_bundle(b).unwrap();
    assert_eq!(
        (ex.story_of(0), ex.story_of(1), ex.story_of(2)),
        (Some(0), Some(0), Some(0))
    );
    let v = ex.story_view(0).unwrap();
    // By date: a and c (25 March) before b (26 March).
    let order: Vec<&str> = v
        .reports
        .iter()
        .map(|r| ex.articles[r.article].id.as_str())
        .collect();
    assert_eq!(order, ["a", "c", "b"]);
    assert_eq!(v.sources.len(), 3);
    let every: Vec<&str> = v
        .shown(0, SentenceFilter::Everywhere)
        .map(|(_, s)| s.text.as_str())
        .collect();
    assert_eq!(every.len(), 1);
    assert!(every[0].contains("37"));
    let only: Vec<&str> = v
        .shown(1, SentenceFilter::OnlyHere)
        .map(|(_, s)| s.text.as_str())
        .collect();
    assert_eq!(only.len(), 1);
    assert!(only[0].contains("تظاهر"), "{only:?}");
    assert_eq!(
        v.shown(0, SentenceFilter::All).count(),
        v.reports[0].sentences.len()
    );
    // Putin is named in a and b (positions 0 and 2), not in c.
    let putin: Vec<&Vec<u32>> = v
        .partial_entities
        .iter()
        .filter(|(e, _)| ex.entities().entities[*e as usize].name.contains("بوتين"))
        .map(|(_, rs)| rs)
        .collect();
    assert_eq!(putin, [&vec![0, 2]], "{:?}", v.partial_entities);
    let rows = ex.collapse_by_story([1, 0, 2]);
    assert_eq!(rows, vec![(1, vec![0, 2])]);
    // The time line: days after the first report; the URL names the story by any report.
    let days: Vec<Option<i32>> = v.reports.iter().map(|r| r.day).collect();
    assert_eq!(days, [Some(0), Some(0), Some(1)]);
    assert_eq!(ex.story_by_article_id("b"), Some(0));
    assert_eq!(ex.story_by_article_id("nope"), None);
    // The story facet counts the story's reports among the results and follows the query.
    let all = ex.results(&Default::default(), false);
    assert_eq!(all.facets.stories, [(0, 3)]);
    let state = fahras_core::state::ViewState {
        query: "تظاهر".into(),
        ..Default::default()
    };
    assert_eq!(ex.results(&state, false).facets.stories, [(0, 1)]);
    // Collapsed results: one row, the best-ranked report with the two others behind it.
    let fire_q = fahras_core::state::ViewState {
        query: "حريق".into(),
        ..Default::default()
    };
    let r = ex.results(&fire_q, false);
    assert_eq!(r.total(), 3);
    let (rows, total) = ex.collapsed_items(&r, 20);
    assert_eq!((rows.len(), total), (1, 1));
    let first = r.articles().next().unwrap();
    assert_eq!(rows[0].0.hit.article, first);
    let mut others = rows[0].1.clone();
    others.sort();
    assert_eq!(others, (0..3).filter(|&a| a != first).collect::<Vec<_>>());
}
