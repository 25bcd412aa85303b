//! The prebuilt explorer app `fahras build` writes out: the copy vendored in this binary, or a
//! built app folder given with `--app` (how `scripts/vendor-app.sh` checks a fresh build).

use std::borrow::Cow;
use std::path::Path;

mod vendored {
    include!(concat!(env!("OUT_DIR"), "/app_files.rs"));
}

/// The single-file page, whose empty corpus data block `fahras build` fills.
pub const SINGLE_TEMPLATE: &str = "fahras.template.html";
/// Files of a built app that are templates or bookkeeping, not copied as they are.
const NOT_COPIED: &[&str] = &["index.html", "sw.js", SINGLE_TEMPLATE, "SOURCE"];

pub struct App {
    files: Vec<(String, Cow<'static, [u8]>)>,
}

impl App {
    /// The app this binary carries.
    pub fn vendored() -> Result<App, String> {
        let files: Vec<_> = vendored::FILES
            .iter()
            .map(|(name, bytes)| (name.to_string(), Cow::Borrowed(*bytes)))
            .collect();
        App::checked(
            files,
            "the app vendored in this fahras binary (crates/fahras-cli/app)",
        )
    }

    /// A built app folder (trunk + scripts/postbuild.mjs + scripts/single-file.mjs).
    pub fn from_dir(dir: &Path) -> Result<App, String> {
        let mut files = Vec::new();
        read_dir(dir, dir, &mut files)
            .map_err(|e| format!("{}: cannot read the app: {e}", dir.display()))?;
        files.sort_by(|a, b| a.0.cmp(&b.0));
        App::checked(files, &dir.display().to_string())
    }

    fn checked(files: Vec<(String, Cow<'static, [u8]>)>, what: &str) -> Result<App, String> {
        let app = App { files };
        for needed in ["index.html", "sw.js", SINGLE_TEMPLATE] {
            if app.file(needed).is_none() {
                return Err(format!(
                    "{what} has no {needed}: rebuild it with scripts/vendor-app.sh"
                ));
            }
        }
        Ok(app)
    }

    pub fn file(&self, name: &str) -> Option<&[u8]> {
        self.files
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, b)| b.as_ref())
    }

    pub fn text(&self, name: &str) -> Result<&str, String> {
        let bytes = self
            .file(name)
            .ok_or_else(|| format!("the app has no {name}"))?;
        std::str::from_utf8(bytes).map_err(|_| format!("the app's {name} is not UTF-8"))
    }

    /// The files copied into every explorer as they are (wasm, JS, CSS, icons, examples).
    pub fn static_files(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter(|(n, _)| {
                !NOT_COPIED.contains(&n.as_str()) && !n.starts_with(super::importer::DIR)
            })
            .map(|(n, b)| (n.as_str(), b.as_ref()))
    }
}

fn read_dir(
    root: &Path,
    dir: &Path,
    out: &mut Vec<(String, Cow<'static, [u8]>)>,
) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let path = e?.path();
        if path.is_dir() {
            read_dir(root, &path, out)?;
            continue;
        }
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // What an earlier `fahras build` into the same folder wrote is not part of the app.
        if name == "fahras.html"
            || name.starts_with("corpus-")
            || name.starts_with("fahras-import-")
        {
            continue;
        }
        let rel = path
            .strip_prefix(root)
            .unwrap_or(&path)
            .to_string_lossy()
            .replace('\\', "/");
        out.push((rel, Cow::Owned(std::fs::read(&path)?)));
    }
    Ok(())
}
