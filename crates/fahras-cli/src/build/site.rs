//! Writes a complete explorer for one compiled corpus: the app's files as they are, the corpus
//! (gzip, content-addressed `corpus-<hash>.fahras`) named in `index.html` and preloaded there,
//! `sw.js` with the offline shell and its build id, and `fahras.html` with the corpus inline.
//!
//! Why a separate corpus file rather than a data segment patched into the wasm: the app's wasm
//! stays byte-identical across corpora and deploys (cached once by browsers, CDNs and the
//! service worker), the corpus downloads in parallel with it, no wasm surgery can break the
//! module, and the single file carries the same bytes inline for `file://` (where nothing can
//! be fetched). The bytes land in wasm memory once either way.

use std::path::{Path, PathBuf};

use base64::Engine as _;
use sha2::{Digest, Sha256};

use super::app::{App, SINGLE_TEMPLATE};

const CORPUS_META: &str = "<meta name=\"fahras-corpus\" content=\"\">";
const CORPUS_BLOCK: &str = "id=\"fahras-corpus\"></script>";
/// The list of files a build wrote into its output folder.
const MANIFEST: &str = ".fahras-build";

/// One written file and its size, for the summary.
pub struct Written {
    pub name: String,
    pub bytes: u64,
}

/// Above this many bytes of compressed corpus `index.html` gets a split corpus (see
/// [`fahras_core::split`]) unless `--single` says otherwise: about 4 s at 10 Mbit/s, and
/// roughly 1,500 real news articles.
pub const SPLIT_ABOVE: usize = 4_000_000;

/// Writes the explorer for `bundle` into `out`; `split` as `--split`/`--single` said (`None`:
/// chosen by size, [`SPLIT_ABOVE`]).
pub fn write(
    app: &App,
    bundle: &fahras_core::bundle::Bundle,
    split: Option<bool>,
    out: &Path,
) -> Result<Vec<Written>, String> {
    let whole = gzip(&bundle.encode());
    let split = split.unwrap_or(whole.len() > SPLIT_ABOVE);
    let mut head = None;
    if split {
        // Each article's text a raw deflate member (the page inflates it in its wasm).
        let s = fahras_core::split::split(bundle, &|b| deflate_part(b, 9, true))?;
        head = Some(s);
    }
    write_parts(app, &whole, head, out)
}

fn write_parts(
    app: &App,
    whole: &[u8],
    split: Option<fahras_core::split::Split>,
    out: &Path,
) -> Result<Vec<Written>, String> {
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    std::fs::create_dir_all(out).map_err(|e| io(out, e))?;
    remove_old_generated(out)?;
    let mut written = Vec::new();
    let mut put = |name: &str, bytes: &[u8]| -> Result<(), String> {
        let path = safe_join(out, name)?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| io(&path, e))?;
        written.push(Written {
            name: name.to_owned(),
            bytes: bytes.len() as u64,
        });
        Ok(())
    };
    for (name, bytes) in app.static_files() {
        put(name, bytes)?;
    }
    let (pack_name, pack) = super::importer::pack(app)?;
    put(&pack_name, &pack)?;
    // The hosted page's corpus: the whole, or a split corpus's head beside its two packs.
    let mut packs = Vec::new();
    let gz = match split {
        None => whole.to_vec(),
        Some(mut s) => {
            let name = |kind: &str, bytes: &[u8]| {
                format!("{kind}-{}.pack", &hex(&Sha256::digest(bytes))[..16])
            };
            let p = s.head.packs.as_mut().expect("a split head names its packs");
            p.texts_file = name("texts", &s.texts);
            p.postings_file = name("postings", &s.postings);
            put(&p.texts_file, &s.texts)?;
            put(&p.postings_file, &s.postings)?;
            packs = vec![p.texts_file.clone(), p.postings_file.clone()];
            gzip(&s.head.encode())
        }
    };
    let corpus_name = format!("corpus-{}.fahras", &hex(&Sha256::digest(&gz))[..16]);
    put(&corpus_name, &gz)?;

    let html = index_html(app.text("index.html")?, &corpus_name)?;
    let html = super::importer::name_in(&html, &pack_name)?;
    let shell = shell_files(&html, |name| {
        app.file(name)
            .map(<[u8]>::to_vec)
            .or_else(|| (name == corpus_name).then(|| gz.clone()))
    });
    let build = build_id(&html, &shell);
    let html = html.replacen(
        "<meta name=\"fahras-corpus\"",
        &format!(
            "<meta name=\"fahras-build\" content=\"{build}\">\n  <meta name=\"fahras-corpus\""
        ),
        1,
    );
    put("index.html", html.as_bytes())?;
    put(
        "sw.js",
        service_worker(app.text("sw.js")?, &build, &shell, &packs)?.as_bytes(),
    )?;
    put(
        "fahras.html",
        // Named in the small template before the corpus goes in: one copy of a large page.
        single_file(
            &super::importer::name_in(app.text(SINGLE_TEMPLATE)?, &pack_name)?,
            whole,
        )?
        .as_bytes(),
    )?;
    forget_stale(out, &written)?;
    Ok(written)
}

/// What this build wrote is listed in `.fahras-build`; files an earlier build listed and this
/// one did not write (an older app's hashed names) are removed. Nothing else is touched, so
/// building into a folder that holds other files is safe.
fn forget_stale(out: &Path, written: &[Written]) -> Result<(), String> {
    let list = out.join(MANIFEST);
    let now: Vec<&str> = written.iter().map(|w| w.name.as_str()).collect();
    if let Ok(before) = std::fs::read_to_string(&list) {
        for old in before.lines().filter(|l| !now.contains(l)) {
            if let Ok(path) = safe_join(out, old) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    let mut text = String::from(
        "# files written by `fahras build`; the next build into this folder replaces them\n",
    );
    for n in &now {
        text.push_str(n);
        text.push('\n');
    }
    std::fs::write(&list, text).map_err(|e| format!("{}: {e}", list.display()))
}

/// `index.html` naming and preloading the corpus file.
fn index_html(template: &str, corpus: &str) -> Result<String, String> {
    if template.matches(CORPUS_META).count() != 1 {
        return Err("the app's index.html has no empty fahras-corpus meta tag: rebuild the app (scripts/vendor-app.sh)".into());
    }
    Ok(template.replacen(
        CORPUS_META,
        &format!(
            "<meta name=\"fahras-corpus\" content=\"./{corpus}\">\n  <link rel=\"preload\" href=\"./{corpus}\" as=\"fetch\" crossorigin>"
        ),
        1,
    ))
}

/// Every local file the page refers to (its app shell), with its bytes, in name order.
fn shell_files(html: &str, read: impl Fn(&str) -> Option<Vec<u8>>) -> Vec<(String, Vec<u8>)> {
    let mut names: Vec<String> = Vec::new();
    for attr in [" href=\"", " src=\""] {
        for part in html.split(attr).skip(1) {
            let value = part.split('"').next().unwrap_or_default();
            let value = value.split(['#', '?']).next().unwrap_or_default();
            let external = value.starts_with("//") || value.contains(':');
            let name = value.trim_start_matches("./");
            if !external && !name.is_empty() && !names.iter().any(|n| n == name) {
                names.push(name.to_owned());
            }
        }
    }
    names.sort();
    names
        .into_iter()
        .filter_map(|n| read(&n).map(|b| (n, b)))
        .collect()
}

/// A hash of the page and its shell: a new build id whenever the app or the corpus changes,
/// so the service worker installs the new deploy.
fn build_id(html: &str, shell: &[(String, Vec<u8>)]) -> String {
    let mut h = Sha256::new();
    h.update(html.as_bytes());
    for (name, bytes) in shell {
        h.update(name.as_bytes());
        h.update(bytes);
    }
    hex(&h.finalize())[..16].to_owned()
}

/// `sw.js` with the build id, the shell it keeps at install, and a split corpus's packs (kept
/// in the background once the page is idle, so the explorer then works offline).
fn service_worker(
    template: &str,
    build: &str,
    shell: &[(String, Vec<u8>)],
    packs: &[String],
) -> Result<String, String> {
    let mut files = vec!["./".to_owned(), "index.html".to_owned()];
    files.extend(shell.iter().map(|(n, _)| n.clone()));
    let list = serde_json::to_string(&files).map_err(|e| e.to_string())?;
    let packs = serde_json::to_string(packs).map_err(|e| e.to_string())?;
    let sw = template
        .replacen("'__FAHRAS_BUILD__'", &format!("\"{build}\""), 1)
        .replacen("__FAHRAS_FILES__", &list, 1)
        .replacen("__FAHRAS_PACKS__", &packs, 1);
    if sw.contains("__FAHRAS_") {
        return Err(
            "the app's sw.js has placeholders this fahras does not fill: rebuild the app".into(),
        );
    }
    Ok(sw)
}

/// `fahras.html`: the single-file page with the corpus inline (gzip, base64: base64 stays
/// inside a data block's text, never parsed as markup).
fn single_file(template: &str, gz: &[u8]) -> Result<String, String> {
    if template.matches(CORPUS_BLOCK).count() != 1 {
        return Err(format!(
            "the app's {SINGLE_TEMPLATE} has no empty corpus data block: rebuild the app"
        ));
    }
    let b64 = base64::engine::general_purpose::STANDARD.encode(gz);
    Ok(template.replacen(
        CORPUS_BLOCK,
        &format!("id=\"fahras-corpus\">{b64}</script>"),
        1,
    ))
}

/// Level 9 for corpora up to 16 MB (smaller pages); level 4 above, where higher levels cost
/// several times the time for a few per cent of size (10,000 real articles, 65 MB: level 4
/// 1.9 s for 28.6 MB, level 6 6.5 s for 27.1 MB, level 9 20.7 s for 26.6 MB). Large corpora
/// are compressed in parts on every core, as pigz does: one gzip member whose deflate stream
/// is the parts' streams one after the other (each but the last ends in a sync flush, so it
/// is byte-aligned and not final), with the CRC-32 and length of the whole.
pub fn gzip(bytes: &[u8]) -> Vec<u8> {
    const PART: usize = 8 << 20;
    let level = if bytes.len() <= 16 << 20 { 9 } else { 4 };
    let mut parts: Vec<&[u8]> = bytes.chunks(PART).collect();
    if parts.is_empty() {
        parts.push(bytes);
    }
    let last = parts.len().saturating_sub(1);
    let indexed: Vec<(usize, &[u8])> = parts.into_iter().enumerate().collect();
    let streams =
        fahras_core::par::map_each(&indexed, |&(i, part)| deflate_part(part, level, i == last));
    let mut out = Vec::with_capacity(streams.iter().map(Vec::len).sum::<usize>() + 18);
    // RFC 1952 header: magic, deflate, no flags, no time, no extra flags, unknown OS.
    out.extend_from_slice(&[0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 255]);
    for s in streams {
        out.extend_from_slice(&s);
    }
    out.extend_from_slice(&crc32fast::hash(bytes).to_le_bytes());
    out.extend_from_slice(&(bytes.len() as u32).to_le_bytes());
    out
}

/// One part as raw deflate: finished when `last`, else ended by a sync flush.
fn deflate_part(part: &[u8], level: u32, last: bool) -> Vec<u8> {
    use flate2::{Compress, Compression, FlushCompress, Status};
    let mut c = Compress::new(Compression::new(level), false);
    let mut out = Vec::with_capacity(part.len() / 2 + 1024);
    let flush = if last {
        FlushCompress::Finish
    } else {
        FlushCompress::Sync
    };
    loop {
        let read = c.total_in() as usize;
        if out.capacity() - out.len() < 64 * 1024 {
            out.reserve(out.capacity().max(64 * 1024));
        }
        let status = c
            .compress_vec(&part[read..], &mut out, flush)
            .expect("deflate into memory");
        let done = c.total_in() as usize == part.len();
        match status {
            Status::StreamEnd => break,
            // A sync flush is complete once all input is in and output had room to spare.
            _ if done && !last && out.len() < out.capacity() => break,
            _ => {}
        }
    }
    out
}

/// Removes what an earlier build wrote under a content hash (corpus files, importers), even when
/// that build stopped before writing its manifest.
fn remove_old_generated(out: &Path) -> Result<(), String> {
    let entries = std::fs::read_dir(out).map_err(|e| format!("{}: {e}", out.display()))?;
    for e in entries.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let corpus = (name.starts_with("corpus-") && name.ends_with(".fahras"))
            || ((name.starts_with("texts-") || name.starts_with("postings-"))
                && name.ends_with(".pack"));
        let importer = name.starts_with("fahras-import-") && name.ends_with(".js");
        if corpus || importer {
            let _ = std::fs::remove_file(e.path());
        }
    }
    Ok(())
}

/// `out/name` for a name from the app (never climbing out of `out`).
fn safe_join(out: &Path, name: &str) -> Result<PathBuf, String> {
    let ok = !name.is_empty()
        && name
            .split('/')
            .all(|c| !c.is_empty() && c != "." && c != "..")
        && !name.contains('\\');
    if ok {
        Ok(out.join(name))
    } else {
        Err(format!(
            "refusing to write the app file `{name}` outside {}",
            out.display()
        ))
    }
}

pub(super) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read as _;

    #[test]
    fn gzip_in_parts_is_one_member_any_reader_inflates() {
        // Over 16 MB: compressed in 8 MB parts on every core; text that repeats across parts.
        let mut bytes = Vec::new();
        let mut x = 1u32;
        while bytes.len() < (20 << 20) + 12_345 {
            x = x.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            bytes.extend_from_slice(
                ["قال ", "الرئيس ", "في ", "موسكو ", "\n"][(x >> 28) as usize % 5].as_bytes(),
            );
        }
        for data in [&bytes[..], &bytes[..1000], &b""[..]] {
            let gz = gzip(data);
            let mut back = Vec::new();
            flate2::read::GzDecoder::new(&gz[..])
                .read_to_end(&mut back)
                .unwrap();
            assert_eq!(back, data);
            let mut multi = flate2::read::MultiGzDecoder::new(&gz[..]);
            let mut again = Vec::new();
            multi.read_to_end(&mut again).unwrap();
            assert_eq!(again, data, "one member: nothing after it");
        }
    }

    #[test]
    fn index_names_and_preloads_the_corpus_once() {
        let t = "<head><meta charset=\"utf-8\">\n  <meta name=\"fahras-corpus\" content=\"\">\n<script src=\"./boot-1.js\"></script></head>";
        let html = index_html(t, "corpus-ab.fahras").unwrap();
        assert!(html.contains("content=\"./corpus-ab.fahras\""));
        assert!(html.contains(
            "<link rel=\"preload\" href=\"./corpus-ab.fahras\" as=\"fetch\" crossorigin>"
        ));
        assert!(
            index_html("<head></head>", "c").is_err(),
            "an app without the tag is refused"
        );
    }

    #[test]
    fn shell_is_the_local_files_the_page_names() {
        let html = r#"<link href="./a.css"><script src="./b.js"></script><a href="https://x.org/c.js"><img src="data:x"><link href="./a.css#x">"#;
        let shell = shell_files(html, |n| Some(n.as_bytes().to_vec()));
        let names: Vec<_> = shell.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["a.css", "b.js"]);
    }

    #[test]
    fn build_id_follows_the_corpus() {
        let a = build_id("p", &[("corpus-1".into(), vec![1])]);
        let b = build_id("p", &[("corpus-1".into(), vec![2])]);
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
    }

    #[test]
    fn single_file_carries_the_corpus_as_base64_text() {
        let t =
            "<body><script type=\"application/octet-stream\" id=\"fahras-corpus\"></script></body>";
        let page = single_file(t, b"</script><b>").unwrap();
        assert!(
            page.contains("id=\"fahras-corpus\">PC9zY3JpcHQ+PGI+</script>"),
            "{page}"
        );
        assert_eq!(
            page.matches("</script>").count(),
            1,
            "the corpus cannot end the block early"
        );
    }

    #[test]
    fn app_file_names_cannot_climb_out() {
        let out = Path::new("/tmp/site");
        assert!(safe_join(out, "examples/embed.html").is_ok());
        for bad in ["../x", "a/../../x", "/etc/passwd", "a\\b", ""] {
            assert!(safe_join(out, bad).is_err(), "{bad}");
        }
    }
}
