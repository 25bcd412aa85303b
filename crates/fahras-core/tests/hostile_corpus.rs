//! A hostile corpus compiles (article text is data), and what is truly invalid (an article made
//! only of diacritics) is reported by file, with the rest still listed.

use std::path::PathBuf;

use fahras_core::bundle::compile_dir;
use fahras_core::explore::Explorer;
use fahras_core::state::ViewState;

fn folder(files: &[(&str, String)]) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "fahras-hostile-{}-{}",
        std::process::id(),
        files.len()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

fn hostile() -> Vec<(&'static str, String)> {
    vec![
        ("a.txt", "عنوان <script>alert(1)</script>\n\nنص <img src=x onerror=alert(2)> و \u{202E}معكوس\u{202C} و&amp;.\n".into()),
        ("b.txt", format!("سطر طويل\n\n{}\n", "كلمة عربية طويلة، ".repeat(12_000))),
        ("c.txt", format!("كلمة طويلة\n\nقبل {} بعد.\n", "ب".repeat(10_000))),
    ]
}

#[test]
fn hostile_text_compiles_and_is_searchable_literally() {
    let c = compile_dir(&folder(&hostile())).unwrap();
    assert!(
        c.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        c.diagnostics
    );
    let ex = Explorer::from_bundle(c.bundle.unwrap()).unwrap();
    assert_eq!(ex.articles.len(), 3);
    assert!(ex.articles[0].title.contains("<script>alert(1)</script>"));
    let r = ex.results(
        &ViewState {
            query: "script".into(),
            ..Default::default()
        },
        false,
    );
    assert_eq!(r.items.len(), 1);
    let long = ex.results(
        &ViewState {
            query: "طويله".into(),
            ..Default::default()
        },
        false,
    );
    assert!(long.items.iter().any(|i| i.hit.id == "b"));
    assert!(
        long.items
            .iter()
            .all(|i| i.hit.excerpt.text.chars().count() < 1000),
        "excerpts stay short"
    );
    let word = ex.results(
        &ViewState {
            query: "قبل".into(),
            ..Default::default()
        },
        false,
    );
    let hit = word
        .items
        .iter()
        .find(|i| i.hit.id == "c")
        .expect("the long-word article");
    assert!(
        hit.hit.excerpt.text.chars().count() <= 330,
        "a 10,000-character word does not blow up the excerpt"
    );
    assert!(
        !hit.hit.excerpt.highlights.is_empty(),
        "its hit is still highlighted"
    );
}

#[test]
fn diacritics_only_article_is_a_clear_error_naming_the_file() {
    let mut files = hostile();
    files.push((
        "d.txt",
        "\u{064E}\u{064F}\u{0650}\u{0651}\u{0652}".repeat(40),
    ));
    let c = compile_dir(&folder(&files)).unwrap();
    assert!(c.bundle.is_none(), "the build stops on the error");
    let errors: Vec<String> = c
        .diagnostics
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].contains("d.txt"), "{}", errors[0]);
}

#[test]
fn organisation_followed_by_a_waw_article_word_does_not_panic() {
    // Found by the 10k benchmark corpus: "… الخارجية والازمه" sliced `و` (2 bytes) by byte index.
    let text = "عنوان الخبر\n\nقالت وزارة الخارجية والازمة مستمرة في المنطقة والاقتصادية كذلك.\n";
    let c = compile_dir(&folder(&[
        ("w.txt", text.to_string()),
        (
            "x.txt",
            "عنوان آخر\n\nأعلنت الخارجية الروسية والأزمة قائمة.\n".into(),
        ),
    ]))
    .unwrap();
    assert!(c.bundle.is_some(), "{:?}", c.diagnostics);
}
