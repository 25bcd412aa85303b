//! Highlight ranges: UTF-16, on the original text (harakat and all), whole words with their
//! clitics, never splitting a word or a surrogate pair.

mod search_support;

use std::collections::BTreeSet;

use fahras_core::search::{parse_query, Index, SearchOptions};
use search_support::article;

fn covered(text: &str, ranges: &[(u32, u32)]) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    ranges
        .iter()
        .map(|&(s, e)| {
            String::from_utf16(&units[s as usize..e as usize])
                .expect("ranges fall on char boundaries")
        })
        .collect()
}

#[test]
fn whole_words_with_clitics_and_harakat() {
    let text = "😀 وَصَلَ المبعوثُ وويتكوف إلى مِيامِي، ثُمَّ التقى بِوِيتْكُوف 🇸🇦 في ميامي.";
    let a = vec![article("x", "عنوان", &[text])];
    let i = Index::build(&a, &BTreeSet::new());
    let hl = i.highlights(&parse_query("ويتكوف"), text);
    assert_eq!(covered(text, &hl), ["وويتكوف", "بِوِيتْكُوف"]);
    let hl = i.highlights(&parse_query("ميامي"), text);
    assert_eq!(covered(text, &hl), ["مِيامِي", "ميامي"]);
    // UTF-16: the emoji before counts two units.
    let (s, _) = hl[0];
    let prefix: String = text.encode_utf16().take(s as usize).map(|_| 'x').collect();
    assert_eq!(
        prefix.len(),
        text[..text.find("مِيامِي").unwrap_or(0)]
            .encode_utf16()
            .count()
    );
}

#[test]
fn title_and_excerpt_ranges_point_at_the_words() {
    let body =
        "قال المتحدثُ إنّ 🙂 دِمِيتْرِيِيف سيلتقي وويتكوف في ميامي خلال الأسبوع المقبل لبحث ملفات عدّة.";
    let a = vec![article("x", "لقاءُ دميترييف وويتكوف 😀", &[body])];
    let i = Index::build(&a, &BTreeSet::new());
    let hits = i.search(&a, "دميترييف ويتكوف", &SearchOptions::default());
    let h = &hits[0];
    assert_eq!(
        covered(&a[0].title, &h.title_highlights),
        ["دميترييف", "وويتكوف"]
    );
    assert_eq!(
        covered(&h.excerpt.text, &h.excerpt.highlights),
        ["دِمِيتْرِيِيف", "وويتكوف"]
    );
    assert_eq!(h.excerpt.block, Some(0));
}

#[test]
fn long_blocks_get_a_window_with_ellipses() {
    let filler: Vec<String> = (0..120).map(|k| format!("كلمة{k}")).collect();
    let mut words = filler.clone();
    words.insert(70, "بوتين".into());
    words.insert(75, "وترامب".into());
    let body = words.join(" ");
    let a = vec![article("x", "عنوان", &["فقرة أولى قصيرة.", &body])];
    let i = Index::build(&a, &BTreeSet::new());
    let hits = i.search(&a, "ترامب بوتين", &SearchOptions::default());
    let e = &hits[0].excerpt;
    assert_eq!(e.block, Some(1));
    assert!(
        e.text.starts_with('…') && e.text.ends_with('…'),
        "{}",
        e.text
    );
    let n = e.text.split_whitespace().count();
    assert!((25..=32).contains(&n), "{n} words: {}", e.text);
    assert_eq!(covered(&e.text, &e.highlights), ["بوتين", "وترامب"]);
    // Every highlight range falls on word boundaries in the excerpt.
    for &(s, end) in &e.highlights {
        let units: Vec<u16> = e.text.encode_utf16().collect();
        let before = String::from_utf16_lossy(&units[..s as usize]);
        let after = String::from_utf16_lossy(&units[end as usize..]);
        assert!(before.ends_with(' ') && (after.starts_with(' ') || after.is_empty()));
    }
}

#[test]
fn highlights_ignore_excluded_words_and_work_on_text_outside_the_index() {
    let a = vec![article("x", "عنوان", &["بوتين في موسكو"])];
    let i = Index::build(&a, &BTreeSet::new());
    let q = parse_query("بوتين -موسكو");
    let other = "التقى بوتين وموسكو ترد";
    assert_eq!(covered(other, &i.highlights(&q, other)), ["بوتين"]);
    assert!(i.highlights(&parse_query(""), other).is_empty());
    // The same Query works against a second index (its cached resolution is per index).
    let j = Index::build(&[article("y", "t", &["وبوتين"])], &BTreeSet::new());
    assert_eq!(covered("وبوتين", &j.highlights(&q, "وبوتين")), ["وبوتين"]);
    assert_eq!(covered(other, &i.highlights(&q, other)), ["بوتين"]);
}

#[test]
fn a_derived_title_is_highlighted_but_not_counted_twice() {
    let lead = "أعلن المبعوث الخاص كيريل دميترييف بدء المحادثات في ميامي.";
    let mut x = article(
        "x",
        "أعلن المبعوث الخاص كيريل دميترييف بدء المحادثات…",
        &[lead, "فقرة ثانية."],
    );
    x.title_derived = true;
    let y = article("y", "عنوان آخر", &["لقاء في ميامي مع دميترييف."]);
    let a = vec![x, y];
    let i = Index::build(&a, &BTreeSet::new());
    let hits = i.search(&a, "دميترييف", &SearchOptions::default());
    let x_hit = hits.iter().find(|h| h.id == "x").expect("x found");
    assert_eq!(covered(&a[0].title, &x_hit.title_highlights), ["دميترييف"]);
    assert_eq!(
        covered(&x_hit.excerpt.text, &x_hit.excerpt.highlights),
        ["دميترييف"]
    );
}
