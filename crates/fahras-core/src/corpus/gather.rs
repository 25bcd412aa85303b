//! Articles gathered one file at a time from bytes in memory: what the browser's import does
//! with the files a reader picks or drops (it has no file system to list). A file gets the same
//! id, the same checks and the same messages as when `fahras build` reads it from a folder:
//! hidden and known non-article files are skipped, ids clash as errors, exact duplicates are
//! dropped and near ones reported, and the folder's entity override file is kept for the build.

use crate::hash::HashMap;

use super::dedup::{self, Loaded};
use super::{
    is_known_non_article, keep_unique, load_source, stem_of, Diagnostic, LoadReport, Options,
    Progress, Source, MAX_FOLDER_DEPTH,
};
use crate::entities::OVERRIDES_FILE;
use crate::model::Article;

/// Files added so far, in the order given, with their articles and problems.
#[derive(Default)]
pub struct Gather {
    opts: Options,
    ids: HashMap<String, String>,
    loaded: Vec<Loaded>,
    diags: Vec<Diagnostic>,
    overrides: Option<(String, Vec<u8>)>,
}

impl Gather {
    pub fn new(opts: Options) -> Gather {
        Gather {
            opts,
            ..Gather::default()
        }
    }

    /// Reads one file. `path` is how the reader knows it (`news/2020/a.html`, named in
    /// messages); `within` is its path inside the folder they picked (`2020/a.html`, or the
    /// file name alone), which gives the id as in a folder build (`2020-a`). Returns how many
    /// articles it added.
    pub fn add_file(&mut self, path: &str, within: &str, bytes: &[u8]) -> usize {
        let parts: Vec<&str> = within
            .split(['/', '\\'])
            .filter(|p| !p.is_empty())
            .collect();
        let Some((&name, folders)) = parts.split_last() else {
            return 0;
        };
        if parts.iter().any(|p| p.starts_with('.')) {
            return 0;
        }
        if folders.len() > MAX_FOLDER_DEPTH {
            self.diags.push(Diagnostic::warning(
                path,
                None,
                format!("ignored: folder nested over {MAX_FOLDER_DEPTH} deep"),
            ));
            return 0;
        }
        if folders.is_empty() && name.eq_ignore_ascii_case(OVERRIDES_FILE) {
            if self.overrides.is_some() {
                self.diags.push(Diagnostic::warning(
                    path,
                    None,
                    "another override file is already applied; this one is not (merge them into one)",
                ));
            } else {
                self.overrides = Some((path.to_owned(), bytes.to_vec()));
            }
            return 0;
        }
        if is_known_non_article(name) {
            return 0;
        }
        let mut stem = String::new();
        for folder in folders {
            stem.push_str(folder);
            stem.push('-');
        }
        stem.push_str(&stem_of(name));
        Progress::add(&self.opts.progress.files, 1);
        let read = load_source(name, &stem, path, &self.opts, &Source::Memory(bytes));
        let before = self.loaded.len();
        for (file, articles, d) in read {
            self.diags.extend(d);
            keep_unique(
                articles,
                &file,
                &mut self.ids,
                &mut self.loaded,
                &mut self.diags,
            );
        }
        let added = self.loaded.len() - before;
        Progress::add(&self.opts.progress.files_done, 1);
        Progress::add(&self.opts.progress.articles, added);
        added
    }

    /// Articles already compiled (the corpus shown, when an import adds to it), under `file`.
    pub fn add_articles(&mut self, file: &str, articles: Vec<Article>) -> usize {
        let before = self.loaded.len();
        keep_unique(
            articles,
            file,
            &mut self.ids,
            &mut self.loaded,
            &mut self.diags,
        );
        self.loaded.len() - before
    }

    /// Articles kept so far (before duplicates are dropped).
    pub fn articles(&self) -> usize {
        self.loaded.len()
    }

    /// Every article (exact duplicates dropped and near ones reported) and every problem, with
    /// the override file's name and bytes when one was given.
    pub fn finish(mut self) -> (LoadReport, Option<(String, Vec<u8>)>) {
        let kept = dedup::dedup(self.loaded, &mut self.diags);
        let report = LoadReport {
            articles: kept.into_iter().map(|l| l.article).collect(),
            diagnostics: self.diags,
        };
        (report, self.overrides)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn seeds() -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds")
    }

    #[test]
    fn files_given_one_by_one_read_as_the_folder_does() {
        let folder = super::super::load_dir(&seeds()).unwrap();
        let mut g = Gather::default();
        let mut names: Vec<_> = std::fs::read_dir(seeds())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in &names {
            let bytes = std::fs::read(seeds().join(name)).unwrap();
            g.add_file(&format!("seeds/{name}"), name, &bytes);
        }
        let (report, overrides) = g.finish();
        assert!(overrides.is_none());
        assert_eq!(report.articles, folder.articles);
        assert_eq!(report.diagnostics.len(), folder.diagnostics.len());
    }

    #[test]
    fn ids_come_from_the_path_inside_the_folder_and_clash_as_errors() {
        let mut g = Gather::default();
        let text = "عنوان\n\nنص المقال الأول عن الاقتصاد والأسواق.".as_bytes();
        assert_eq!(g.add_file("news/2020/a.txt", "2020/a.txt", text), 1);
        assert_eq!(g.add_file("news/.git/b.txt", ".git/b.txt", text), 0);
        assert_eq!(g.add_file("news/README.md", "README.md", text), 0);
        let other = "عنوان آخر\n\nنص مختلف تماما عن الرياضة.".as_bytes();
        assert_eq!(g.add_file("more/2020/a.txt", "2020/a.txt", other), 0);
        let (report, _) = g.finish();
        assert_eq!(report.articles.len(), 1);
        assert_eq!(report.articles[0].id, "2020-a");
        let clash = report.diagnostics.iter().find(|d| d.is_error()).unwrap();
        assert_eq!(clash.file, "more/2020/a.txt");
        assert!(clash.message.contains("already used by news/2020/a.txt"));
    }

    #[test]
    fn unknown_files_are_reported_and_the_override_file_is_kept() {
        let mut g = Gather::default();
        assert_eq!(g.add_file("x/photo.jpg", "photo.jpg", b"\xff\xd8"), 0);
        g.add_file(
            "x/entities.tsv",
            "entities.tsv",
            "alias\tترمب\tترامب\n".as_bytes(),
        );
        let (report, overrides) = g.finish();
        assert!(report.diagnostics[0].message.contains("unknown file type"));
        assert_eq!(overrides.unwrap().0, "x/entities.tsv");
    }
}
