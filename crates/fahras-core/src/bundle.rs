//! The compiled corpus the app embeds: articles, search index and entity table in one binary.
//!
//! Layout: `FHRS` magic, format version (u16 LE), payload length (u32 LE), CRC-32 of the payload
//! (u32 LE), then the postcard-encoded [`Bundle`]. The header lets the app refuse a stale or
//! corrupt file with a clear message instead of decoding garbage.

use std::fmt;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::corpus::{self, Diagnostic};
use crate::entities::{self, EntityTable, Gazetteer};
use crate::model::Article;
use crate::search::Index;
use crate::stories::{self, Story};

pub const MAGIC: &[u8; 4] = b"FHRS";
/// Bump whenever the serialised shape of [`Bundle`] (or of the index bytes) changes.
pub const FORMAT_VERSION: u16 = 9;
const HEADER_LEN: usize = 14;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Stored column by column (see `crate::columns`).
    #[serde(with = "crate::columns")]
    pub articles: Vec<Article>,
    /// [`Index::to_bytes`]: kept as bytes so the index can also be loaded on its own later.
    pub index: Vec<u8>,
    pub entities: EntityTable,
    /// Articles grouped into stories (see [`crate::stories`]).
    pub stories: Vec<Story>,
    /// Set on a split corpus's head: the texts and posting lists are in these files
    /// (see [`crate::split`]).
    pub packs: Option<crate::split::Packs>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BundleError {
    TooShort(usize),
    BadMagic,
    Version { found: u16, expected: u16 },
    Length { declared: usize, actual: usize },
    Checksum,
    Decode(String),
    Index(String),
}

impl fmt::Display for BundleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BundleError::TooShort(n) => write!(f, "corpus data is truncated ({n} bytes, header needs {HEADER_LEN})"),
            BundleError::BadMagic => write!(f, "not a Fahras corpus file (bad magic bytes)"),
            BundleError::Version { found, expected } => write!(
                f,
                "corpus data has format version {found}, this app reads version {expected}: rebuild the app"
            ),
            BundleError::Length { declared, actual } => {
                write!(f, "corpus data is truncated or padded ({actual} payload bytes, header says {declared})")
            }
            BundleError::Checksum => write!(f, "corpus data is corrupt (checksum mismatch)"),
            BundleError::Decode(e) => write!(f, "corpus data cannot be decoded: {e}"),
            BundleError::Index(e) => write!(f, "search index cannot be decoded: {e}"),
        }
    }
}

impl std::error::Error for BundleError {}

impl Bundle {
    pub fn encode(&self) -> Vec<u8> {
        let payload =
            postcard::to_allocvec(self).expect("in-memory serialisation of owned data cannot fail");
        let mut out = Vec::with_capacity(HEADER_LEN + payload.len());
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        out.extend_from_slice(&crc32fast::hash(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    pub fn decode(bytes: &[u8]) -> Result<Bundle, BundleError> {
        if bytes.len() < HEADER_LEN {
            return Err(BundleError::TooShort(bytes.len()));
        }
        if &bytes[..4] != MAGIC {
            return Err(BundleError::BadMagic);
        }
        let version = u16::from_le_bytes([bytes[4], bytes[5]]);
        if version != FORMAT_VERSION {
            return Err(BundleError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let declared = u32::from_le_bytes([bytes[6], bytes[7], bytes[8], bytes[9]]) as usize;
        let payload = &bytes[HEADER_LEN..];
        if payload.len() != declared {
            return Err(BundleError::Length {
                declared,
                actual: payload.len(),
            });
        }
        let crc = u32::from_le_bytes([bytes[10], bytes[11], bytes[12], bytes[13]]);
        if crc32fast::hash(payload) != crc {
            return Err(BundleError::Checksum);
        }
        let bundle: Bundle =
            postcard::from_bytes(payload).map_err(|e| BundleError::Decode(e.to_string()))?;
        bundle.check_entities().map_err(BundleError::Decode)?;
        bundle.check_packs().map_err(BundleError::Decode)?;
        bundle.check_stories().map_err(BundleError::Decode)?;
        Ok(bundle)
    }

    /// The decoded search engine for this bundle.
    pub fn index(&self) -> Result<Index, BundleError> {
        let index =
            Index::from_bytes(&self.index).map_err(|e| BundleError::Index(e.to_string()))?;
        if index.doc_count() != self.articles.len() {
            let n = index.doc_count();
            return Err(BundleError::Index(format!(
                "it covers {n} articles, the corpus has {}",
                self.articles.len()
            )));
        }
        Ok(index)
    }

    /// A head's packs must list one text per article.
    fn check_packs(&self) -> Result<(), String> {
        match &self.packs {
            Some(p) if p.text_lens.len() != self.articles.len() => Err(format!(
                "the texts pack lists {} articles, the corpus has {}",
                p.text_lens.len(),
                self.articles.len()
            )),
            Some(p) if p.title_lens.len() != crate::split::title_blocks(self.articles.len()) => {
                Err(format!(
                    "the texts pack lists {} blocks of titles, {} articles make {}",
                    p.title_lens.len(),
                    self.articles.len(),
                    crate::split::title_blocks(self.articles.len())
                ))
            }
            _ => Ok(()),
        }
    }

    /// Stories must name existing articles, each at most once, at least two per story, and a
    /// label among their own articles.
    fn check_stories(&self) -> Result<(), String> {
        let mut seen = vec![false; self.articles.len()];
        for (i, s) in self.stories.iter().enumerate() {
            if s.articles.len() < 2 || !s.articles.contains(&s.label) {
                return Err(format!(
                    "story {i} has fewer than two articles or a foreign label"
                ));
            }
            for &a in &s.articles {
                match seen.get_mut(a as usize) {
                    Some(slot) if !*slot => *slot = true,
                    _ => return Err(format!("story {i} names article {a} twice or out of range")),
                }
            }
        }
        Ok(())
    }

    /// The entity table must point inside the articles: a checksum only proves the bytes are
    /// the ones written, and every reader of mentions slices texts with these numbers.
    fn check_entities(&self) -> Result<(), String> {
        let t = &self.entities;
        let n = t.entities.len();
        if t.mentions.len() > self.articles.len() {
            return Err(format!(
                "entity mentions for {} articles, the corpus has {}",
                t.mentions.len(),
                self.articles.len()
            ));
        }
        for (a, (article, mentions)) in self.articles.iter().zip(&t.mentions).enumerate() {
            if let Err(m) = mentions_fit(article, mentions, n) {
                return Err(format!(
                    "entity mention {m:?} of article {a} is outside its text"
                ));
            }
        }
        let articles_ok = t.entities.iter().all(|e| {
            e.articles
                .iter()
                .all(|&(a, _)| (a as usize) < self.articles.len())
        });
        let pairs_ok = t
            .cooccurrence
            .iter()
            .all(|&(x, y, _)| (x as usize) < n && (y as usize) < n);
        if !articles_ok || !pairs_ok {
            return Err("the entity table refers to articles or entities that do not exist".into());
        }
        Ok(())
    }
}

/// Mentions must fall inside their article's texts and name one of `n_entities` entities: every
/// reader of mentions slices texts with them. The first that does not, if any.
pub(crate) fn mentions_fit(
    article: &Article,
    mentions: &[entities::Mention],
    n_entities: usize,
) -> Result<(), entities::Mention> {
    if mentions.is_empty() {
        return Ok(());
    }
    // UTF-16 lengths of the title and each block, measured once per article.
    let lens: Vec<usize> = std::iter::once(article.title.as_str())
        .chain(article.block_texts())
        .map(crate::text::utf16_len)
        .collect();
    for m in mentions {
        let len = match m.block {
            None => lens.first(),
            Some(b) => lens.get(b as usize + 1),
        };
        let fits = len.is_some_and(|&len| m.start <= m.end && m.end as usize <= len);
        if !fits || m.entity as usize >= n_entities {
            return Err(*m);
        }
    }
    Ok(())
}

/// The result of compiling a corpus folder: the bundle when there were no errors, and every
/// diagnostic (errors and warnings) either way.
pub struct Compiled {
    pub bundle: Option<Bundle>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads, cleans, indexes and extracts entities from a corpus folder: the build step and the
/// CLI share this so they can never disagree.
pub fn compile_dir(dir: &Path) -> std::io::Result<Compiled> {
    let report = corpus::load_dir(dir)?;
    let mut diagnostics = report.diagnostics;
    let overrides = match load_overrides(dir) {
        Ok(o) => o,
        Err(mut errs) => {
            diagnostics.append(&mut errs);
            None
        }
    };
    if diagnostics.iter().any(|d| d.is_error()) {
        return Ok(Compiled {
            bundle: None,
            diagnostics,
        });
    }
    let gazetteer = Gazetteer::builtin();
    let bundle = compile_with(report.articles, &gazetteer, overrides.as_ref(), &mut |_| {});
    if let Some(o) = &overrides {
        diagnostics.extend(o.unused(&bundle.entities, &gazetteer));
    }
    Ok(Compiled {
        bundle: Some(bundle),
        diagnostics,
    })
}

/// What `fahras build` compiles: every article that could be read from the inputs (folders and
/// files), whatever errors other files had. Errors stay in the diagnostics for the caller to
/// report; they never cost the articles that were read. The override file is taken from the
/// first input folder that has one (a second one is reported and not applied).
pub fn compile_inputs<P: AsRef<Path>>(inputs: &[P]) -> Compiled {
    compile_inputs_with(inputs, &corpus::Options::default())
}

/// [`compile_inputs`] with the inputs read as `opts` says (`--field`).
pub fn compile_inputs_with<P: AsRef<Path>>(inputs: &[P], opts: &corpus::Options) -> Compiled {
    let report = corpus::load_inputs_with(inputs, opts);
    let mut diagnostics = report.diagnostics;
    let mut overrides = None;
    for dir in inputs.iter().map(AsRef::as_ref).filter(|p| p.is_dir()) {
        match load_overrides(dir) {
            Ok(Some(o)) if overrides.is_none() => overrides = Some(o),
            Ok(Some(_)) => diagnostics.push(Diagnostic::warning(
                &dir.join(entities::OVERRIDES_FILE).display().to_string(),
                None,
                "another input's override file is already applied; this one is not (merge them into one)",
            )),
            Ok(None) => {}
            Err(mut errs) => diagnostics.append(&mut errs),
        }
    }
    let gazetteer = Gazetteer::builtin();
    let bundle = compile_with(
        report.articles,
        &gazetteer,
        overrides.as_ref(),
        &mut |step| opts.progress.set_step(step),
    );
    if let Some(o) = &overrides {
        diagnostics.extend(o.unused(&bundle.entities, &gazetteer));
    }
    Compiled {
        bundle: Some(bundle),
        diagnostics,
    }
}

/// The corpus folder's entity override file, when it has one.
pub fn load_overrides(dir: &Path) -> Result<Option<entities::Overrides>, Vec<Diagnostic>> {
    let path = dir.join(entities::OVERRIDES_FILE);
    let name = path.display().to_string();
    match std::fs::read(&path) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => entities::parse_overrides(&name, &text).map(Some),
            Err(_) => Err(vec![Diagnostic::error(
                &name,
                None,
                "the override file is not UTF-8 text",
            )]),
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(vec![Diagnostic::error(
            &name,
            None,
            format!("cannot read the override file: {e}"),
        )]),
    }
}

/// Builds the bundle from already-cleaned articles with the built-in gazetteer.
pub fn compile_articles(articles: Vec<Article>, overrides: Option<&entities::Overrides>) -> Bundle {
    compile_with(articles, &Gazetteer::builtin(), overrides, &mut |_| {})
}

/// What the browser's import compiles: the articles gathered from the reader's files
/// ([`corpus::Gather`]), with the override file among them applied as a folder's would be.
/// `on_step` hears each step of [`corpus::Progress::STEPS`] as it starts (from 1: reading is
/// done). The bundle is built whatever errors the files had; they stay in the diagnostics.
pub fn compile_gathered(gathered: corpus::Gather, on_step: &mut dyn FnMut(usize)) -> Compiled {
    let (report, overrides_file) = gathered.finish();
    let mut diagnostics = report.diagnostics;
    let overrides = overrides_file.and_then(|(name, bytes)| {
        let parsed = match String::from_utf8(bytes) {
            Ok(text) => entities::parse_overrides(&name, &text),
            Err(_) => Err(vec![Diagnostic::error(
                &name,
                None,
                "the override file is not UTF-8 text",
            )]),
        };
        parsed.map_err(|errs| diagnostics.extend(errs)).ok()
    });
    let gazetteer = Gazetteer::builtin();
    let bundle = compile_with(report.articles, &gazetteer, overrides.as_ref(), on_step);
    if let Some(o) = &overrides {
        diagnostics.extend(o.unused(&bundle.entities, &gazetteer));
    }
    Compiled {
        bundle: Some(bundle),
        diagnostics,
    }
}

fn compile_with(
    articles: Vec<Article>,
    gazetteer: &Gazetteer,
    overrides: Option<&entities::Overrides>,
    on_step: &mut dyn FnMut(usize),
) -> Bundle {
    on_step(1);
    let entities = entities::extract(&articles, gazetteer, overrides);
    on_step(2);
    let index = Index::build(&articles, &gazetteer.protected_words());
    on_step(3);
    let stories = stories::build(&articles, &entities, &index);
    Bundle {
        articles,
        index: index.to_bytes(),
        entities,
        stories,
        packs: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Block, BlockKind};

    fn bundle() -> Bundle {
        let article = Article {
            id: "a".into(),
            title: "بوتين في موسكو".into(),
            title_derived: false,
            dek: None,
            author: None,
            source: None,
            url: None,
            date: None,
            lang: "ar".into(),
            blocks: vec![Block {
                kind: BlockKind::Paragraph,
                text: "قال بوتين إن ترامب زار موسكو".into(),
                line: 2,
            }],
            removed: Vec::new(),
        };
        compile_articles(vec![article], None)
    }

    /// The browser's import (files handed over one by one, with the folder's override file)
    /// compiles the same corpus as a folder build, and hears every step in order.
    #[test]
    fn an_import_compiles_what_a_folder_build_does() {
        let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../seeds");
        let dir = std::env::temp_dir().join(format!("fahras-import-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let mut g = corpus::Gather::default();
        let mut names: Vec<_> = std::fs::read_dir(&seeds)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in &names {
            let bytes = std::fs::read(seeds.join(name)).unwrap();
            std::fs::write(dir.join(name), &bytes).unwrap();
            g.add_file(&format!("seeds/{name}"), name, &bytes);
        }
        // An override that renames an entity must reach the imported corpus as the built one.
        let overrides = "rename\tperson:donald-trump\tدونالد جيه ترامب\tDonald J. Trump\n";
        std::fs::write(dir.join(entities::OVERRIDES_FILE), overrides).unwrap();
        g.add_file("seeds/entities.tsv", "entities.tsv", overrides.as_bytes());
        let mut steps = Vec::new();
        let imported = compile_gathered(g, &mut |s| steps.push(s));
        let built = compile_inputs(&[&dir]);
        std::fs::remove_dir_all(&dir).unwrap();
        assert_eq!(steps, [1, 2, 3]);
        // The same problems, each naming the file as the reader knows it (here `seeds/…`).
        let said = |c: &Compiled| -> Vec<(String, Option<u32>, String)> {
            let name = |f: &str| f.rsplit('/').next().unwrap_or(f).to_owned();
            c.diagnostics
                .iter()
                .map(|d| (name(&d.file), d.line, d.message.clone()))
                .collect()
        };
        assert_eq!(said(&imported), said(&built));
        assert!(imported
            .diagnostics
            .iter()
            .all(|d| d.file.starts_with("seeds/")));
        let (imported, built) = (imported.bundle.unwrap(), built.bundle.unwrap());
        assert_eq!(imported, built);
        assert_eq!(imported.articles.len(), names.len());
        let trump = imported
            .entities
            .entities
            .iter()
            .find(|e| e.id == "person:donald-trump");
        assert_eq!(
            trump.unwrap().name,
            "دونالد جيه ترامب",
            "the override is applied"
        );
    }

    /// Found by the `bundle_mutate` fuzz target: a bundle with a valid checksum whose mention
    /// ended before it started decoded fine, and `mention_text` then panicked slicing the text.
    #[test]
    fn mentions_outside_their_text_are_refused_at_decode() {
        let good = bundle();
        assert!(
            !good.entities.mentions[0].is_empty(),
            "the test needs a mention"
        );
        assert_eq!(Bundle::decode(&good.encode()), Ok(good.clone()));
        let damages: [fn(&mut Bundle); 5] = [
            |b| {
                let m = &mut b.entities.mentions[0][0];
                (m.start, m.end) = (m.end, m.start);
            },
            |b| b.entities.mentions[0][0].end = 10_000,
            |b| b.entities.mentions[0][0].block = Some(7),
            |b| b.entities.mentions[0][0].entity = 999,
            |b| b.entities.mentions.push(Vec::new()),
        ];
        for damage in damages {
            let mut bad = good.clone();
            damage(&mut bad);
            assert!(
                matches!(Bundle::decode(&bad.encode()), Err(BundleError::Decode(_))),
                "{:?}",
                bad.entities.mentions
            );
        }
    }

    #[test]
    fn an_index_of_another_corpus_is_refused() {
        let mut b = bundle();
        assert!(b.index().is_ok());
        b.index = Index::build(&[], &Default::default()).to_bytes();
        assert!(matches!(b.index(), Err(BundleError::Index(_))));
    }
}
