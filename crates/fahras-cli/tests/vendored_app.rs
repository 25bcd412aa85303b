//! The app the `fahras` binary carries (`crates/fahras-cli/app/`) must be the app the source
//! describes: this fails when the app's source changed and `scripts/vendor-app.sh` was not run.

#[path = "../src/app_source.rs"]
mod app_source;

use std::path::PathBuf;

#[test]
fn vendored_app_matches_the_source() {
    let cli = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let now = app_source::fingerprint(&cli.join("../..")).expect("the app's source is readable");
    let was = app_source::recorded(&cli.join("app")).expect("crates/fahras-cli/app/SOURCE exists");
    assert_eq!(
        was, now,
        "crates/fahras-cli/app was built from other source than this checkout's: run scripts/vendor-app.sh and commit crates/fahras-cli/app"
    );
}

#[test]
fn fingerprint_changes_with_any_app_source_file() {
    let dir = std::env::temp_dir().join(format!("fahras-fp-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "fn a() {}").unwrap();
    std::fs::write(dir.join("index.html"), "<p>").unwrap();
    let a = app_source::fingerprint(&dir).unwrap();
    std::fs::write(dir.join("src/lib.rs"), "fn b() {}").unwrap();
    let b = app_source::fingerprint(&dir).unwrap();
    std::fs::rename(dir.join("src/lib.rs"), dir.join("src/lib2.rs")).unwrap();
    let c = app_source::fingerprint(&dir).unwrap();
    std::fs::write(dir.join("README.md"), "not app source").unwrap();
    let d = app_source::fingerprint(&dir).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_ne!(a, b, "an edit changes it");
    assert_ne!(b, c, "a rename changes it");
    assert_eq!(c, d, "a file outside the app's source does not");
}
