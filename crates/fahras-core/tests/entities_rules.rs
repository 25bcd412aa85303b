//! Mention detection: clitics, longest match, alias merging, nationality adjectives, trigger
//! rules, corpus-level learning, offsets, titles and removed text.
//!
//! These read with the rules (`extract_with(…, None)`): they pin down the rule machinery, which
//! still refines the tagger's spans and reads corpora where no model is built in. The trained
//! tagger's own tests are in `entities_ner.rs`.

use fahras_core::entities::{
    extract_with as extract_any, mention_text, EntityKind, EntityTable, Gazetteer,
};
use fahras_core::model::{Article, Block, BlockKind, RemovalReason, Removed};
use fahras_core::text::utf16_len;

fn extract(
    articles: &[Article],
    gaz: &Gazetteer,
    o: Option<&fahras_core::entities::Overrides>,
) -> EntityTable {
    extract_any(articles, gaz, o, None)
}

fn article(id: &str, title: &str, paras: &[&str]) -> Article {
    Article {
        id: id.into(),
        title: title.into(),
        title_derived: false,
        dek: None,
        author: None,
        source: None,
        url: None,
        date: None,
        lang: "ar".into(),
        blocks: paras
            .iter()
            .enumerate()
            .map(|(i, p)| Block {
                kind: BlockKind::Paragraph,
                text: (*p).into(),
                line: i as u32 + 2,
            })
            .collect(),
        removed: Vec::new(),
    }
}

/// (type, surface text, entity id) of every mention, in order.
fn found(articles: &[Article]) -> (EntityTable, Vec<(EntityKind, String, String)>) {
    let t = extract(articles, &Gazetteer::builtin(), None);
    let mut out = Vec::new();
    for (a, ms) in articles.iter().zip(&t.mentions) {
        for m in ms {
            let e = &t.entities[m.entity as usize];
            out.push((e.kind, mention_text(a, m).to_owned(), e.id.clone()));
        }
    }
    (t, out)
}

fn one(text: &str) -> Vec<(EntityKind, String, String)> {
    found(&[article("a", "عنوان", &[text])]).1
}

fn has(v: &[(EntityKind, String, String)], kind: EntityKind, text: &str) -> bool {
    v.iter().any(|(k, t, _)| *k == kind && t == text)
}

#[test]
fn clitics_are_stripped_and_stay_outside_the_span() {
    let v = one("وصل وويتكوف لواشنطن بعد لقاء بالكرملين وبموسكو، وتحدث للأمم المتحدة.");
    assert!(has(&v, EntityKind::Place, "واشنطن"), "{v:?}");
    assert!(has(&v, EntityKind::Org, "الكرملين"), "{v:?}");
    assert!(has(&v, EntityKind::Place, "موسكو"), "{v:?}");
    // لل swallows the article's alef: the span starts after it.
    assert!(
        v.iter().any(|(k, t, id)| *k == EntityKind::Org
            && t == "أمم المتحدة"
            && id == "org:united-nations"),
        "{v:?}"
    );
}

#[test]
fn whole_word_wins_over_a_clitic_reading() {
    // بوتين is a name, not ب + وتين; لبنان is a country, not ل + بنان.
    let v = one("التقى بوتين رئيس لبنان.");
    assert!(
        has(&v, EntityKind::Person, "بوتين") && has(&v, EntityKind::Place, "لبنان"),
        "{v:?}"
    );
}

#[test]
fn longest_match_wins() {
    let v = one("ضمت روسيا شبه جزيرة القرم، ثم زار الولايات المتحدة الأمريكية وفد من واشنطن بوست.");
    assert!(has(&v, EntityKind::Place, "شبه جزيرة القرم"), "{v:?}");
    assert!(!has(&v, EntityKind::Place, "القرم"), "{v:?}");
    assert!(
        has(&v, EntityKind::Place, "الولايات المتحدة الأمريكية"),
        "{v:?}"
    );
    assert!(
        has(&v, EntityKind::Org, "واشنطن بوست") && !has(&v, EntityKind::Place, "واشنطن"),
        "{v:?}"
    );
}

#[test]
fn aliases_merge_into_one_entity() {
    let (t, v) = found(&[
        article(
            "a",
            "ترامب يلتقي بوتين",
            &[
                "قال دونالد ترامب إن أمريكا مستعدة.",
                "وأكد ترمب أن أميركا والولايات المتحدة الأمريكية واحدة.",
            ],
        ),
        article(
            "b",
            "الولايات المتحدة",
            &["زار كيريل دميترييف واشنطن، والتقى دميترييف بمسؤولين."],
        ),
    ]);
    let ids = |text: &str| {
        v.iter()
            .filter(|(_, t, _)| t == text)
            .map(|(_, _, id)| id.clone())
            .collect::<Vec<_>>()
    };
    for name in ["ترامب", "دونالد ترامب", "ترمب"] {
        assert!(
            ids(name).iter().all(|id| id == "person:donald-trump") && !ids(name).is_empty(),
            "{name}: {v:?}"
        );
    }
    for name in [
        "أمريكا",
        "أميركا",
        "الولايات المتحدة",
        "الولايات المتحدة الأمريكية",
    ] {
        assert!(
            ids(name).iter().all(|id| id == "place:united-states") && !ids(name).is_empty(),
            "{name}: {v:?}"
        );
    }
    assert_eq!(ids("كيريل دميترييف"), ids("دميترييف"));
    let trump = t
        .entities
        .iter()
        .find(|e| e.id == "person:donald-trump")
        .expect("trump");
    assert_eq!(trump.articles, vec![(0, 3)]);
    assert!(trump.aliases.iter().any(|a| a == "ترمب"));
    let us = t
        .entities
        .iter()
        .find(|e| e.id == "place:united-states")
        .expect("us");
    assert_eq!(us.articles, vec![(0, 3), (1, 1)]);
}

#[test]
fn nationality_adjectives_are_not_places_but_make_ministries() {
    let v = one("قال المسؤول الروسي إن الخارجية الروسية والقوات الأمريكية والشركات الأوكرانية لم تعلق، وأعلنت وزارة الدفاع الروسية ذلك.");
    assert!(v.iter().all(|(k, _, _)| *k != EntityKind::Place), "{v:?}");
    assert!(has(&v, EntityKind::Org, "الخارجية الروسية"), "{v:?}");
    assert!(has(&v, EntityKind::Org, "وزارة الدفاع الروسية"), "{v:?}");
    // "السياسة الخارجية الأمريكية" is a policy, not a ministry.
    let v = one("تغيرت السياسة الخارجية الأمريكية كثيرا.");
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn titles_and_given_names_find_unknown_people() {
    let v = one("التقى المبعوث الأمريكي ستيف ويتكوف ونظيره الروسي كيريل دميترييف، وقال المتحدث باسم الكرملين دميتري بيسكوف إن اللقاء مفيد.");
    for name in ["ستيف ويتكوف", "كيريل دميترييف", "دميتري بيسكوف"]
    {
        assert!(has(&v, EntityKind::Person, name), "{name}: {v:?}");
    }
    assert!(has(&v, EntityKind::Org, "الكرملين"), "{v:?}");
    // A title without a given name needs two name-like words.
    let v = one(
        "وقال المدرب الإسباني ميكيل أرتيتا إن الفريق جاهز، وقال الرئيس الأمريكي إن المفاوضات مستمرة.",
    );
    assert!(has(&v, EntityKind::Person, "ميكيل أرتيتا"), "{v:?}");
    assert_eq!(
        v.iter()
            .filter(|(k, _, _)| *k == EntityKind::Person)
            .count(),
        1,
        "{v:?}"
    );
}

#[test]
fn appositions_and_comma_framed_names() {
    let v = one("وصل يوهان شميدت، المبعوث الخاص للمستشار الألماني، إلى بغداد.");
    assert!(has(&v, EntityKind::Person, "يوهان شميدت"), "{v:?}");
    let v = one("أعلن المبعوث الخاص للرئيس الفرنسي، بيير لوكاس، عن بدء المحادثات.");
    assert!(has(&v, EntityKind::Person, "بيير لوكاس"), "{v:?}");
}

#[test]
fn surnames_are_learned_across_the_corpus() {
    let (t, v) = found(&[
        article(
            "a",
            "وصول المبعوث",
            &["وصل المبعوث الأمريكي ستيف ويتكوف إلى الدوحة."],
        ),
        article(
            "b",
            "لقاء ثان",
            &["التقى ويتكوف بالوفد، ثم عاد لويتكوف الملف، وقال مسؤول إن وويتكوف غادر."],
        ),
    ]);
    let w: Vec<_> = v
        .iter()
        .filter(|(_, _, id)| id == "person:ستيف-ويتكوف")
        .collect();
    assert_eq!(w.len(), 4, "{v:?}");
    let e = t
        .entities
        .iter()
        .find(|e| e.id == "person:ستيف-ويتكوف")
        .expect("entity");
    assert_eq!(e.name, "ستيف ويتكوف");
    assert_eq!(e.articles, vec![(0, 1), (1, 3)]);
}

#[test]
fn organisation_and_place_triggers() {
    let v = one("وذكر موقع “أكسيوس” وصحيفة «لو باريزيان» أن شركة روسنفت ووزارة الخزانة وافقتا، في مدينة تكيرداغ ومحافظة الفاشر.");
    assert!(has(&v, EntityKind::Org, "أكسيوس"), "{v:?}");
    assert!(has(&v, EntityKind::Org, "لو باريزيان"), "{v:?}");
    assert!(has(&v, EntityKind::Org, "روسنفت"), "{v:?}");
    assert!(has(&v, EntityKind::Org, "وزارة الخزانة"), "{v:?}");
    assert!(has(&v, EntityKind::Place, "تكيرداغ"), "{v:?}");
    assert!(has(&v, EntityKind::Place, "الفاشر"), "{v:?}");
    // Common nouns after triggers are not names.
    let v = one("عبر موقع إلكتروني وشبكة الكهرباء وقناة اتصال مباشرة ومنظمة إرهابية.");
    assert!(v.is_empty(), "{v:?}");
}

#[test]
fn offsets_are_utf16_and_titles_are_scanned() {
    let a = article("a", "بوتين في موسكو", &["😀 التقى بوتين."]);
    let t = extract(std::slice::from_ref(&a), &Gazetteer::builtin(), None);
    let ms = &t.mentions[0];
    assert_eq!(ms[0].block, None);
    assert_eq!((ms[0].start, ms[0].end), (0, 5));
    let body = ms
        .iter()
        .find(|m| m.block == Some(0))
        .expect("body mention");
    // The emoji is two UTF-16 code units: "😀 التقى " is 2 + 1 + 5 + 1 = 9.
    assert_eq!(body.start as usize, utf16_len("😀 التقى "));
    assert_eq!(mention_text(&a, body), "بوتين");
    assert_eq!(t.entities[body.entity as usize].articles, vec![(0, 2)]);
}

#[test]
fn removed_text_yields_nothing() {
    let mut a = article("a", "عنوان", &["نص بلا أسماء."]);
    a.removed.push(Removed {
        text: "بوتين وترامب في موسكو".into(),
        reason: RemovalReason::Navigation,
        line: 1,
        before_block: 0,
    });
    let t = extract(&[a], &Gazetteer::builtin(), None);
    assert!(t.entities.is_empty(), "{:?}", t.entities);
}

#[test]
fn cooccurrence_counts_articles_together() {
    let (t, _) = found(&[
        article("a", "بوتين وترامب", &["بوتين في موسكو."]),
        article("b", "ترامب", &["بوتين وترامب مجددا."]),
        article("c", "ترامب وحده", &["لا أحد غيره."]),
    ]);
    let idx = |id: &str| t.entities.iter().position(|e| e.id == id).expect(id) as u32;
    let (p, tr, m) = (
        idx("person:vladimir-putin"),
        idx("person:donald-trump"),
        idx("place:moscow"),
    );
    let pair = |a: u32, b: u32| {
        t.cooccurrence
            .iter()
            .find(|c| (c.0, c.1) == (a.min(b), a.max(b)))
            .map(|c| c.2)
    };
    assert_eq!(pair(p, tr), Some(2));
    assert_eq!(pair(p, m), Some(1));
    assert!(t.cooccurrence.iter().all(|c| c.0 < c.1));
}

#[test]
fn table_round_trips_through_postcard() {
    let (t, _) = found(&[article(
        "a",
        "بوتين",
        &["في فبراير 2022 زار ستيف ويتكوف موسكو."],
    )]);
    let bytes = postcard::to_allocvec(&t).expect("serialise");
    let back: EntityTable = postcard::from_bytes(&bytes).expect("deserialise");
    assert_eq!(back, t);
    assert!(bytes.len() < 2000, "small: {} bytes", bytes.len());
}
