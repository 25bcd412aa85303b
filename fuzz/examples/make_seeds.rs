//! Writes the committed seed inputs, `fuzz/seeds/<target>/`, from the seed articles
//! (`seeds/*.txt`): lines, words and fragments for the text targets, real encodings for the
//! decoders. Deterministic, so a format change is one re-run away:
//! `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds`.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use fahras_core::bundle::compile_articles;
use fahras_core::state::ViewState;
use fahras_core::text::tokenize;
use fahras_fuzz::{seed_articles, small_index, SEED_FILES};

/// Texts the seeds lack: every script and mark class the analyser folds.
const EXTRAS: &[&str] = &[
    "مُحَمَّدٌ وَالْأَمْرِيكِيُّونَ ٱلله هٰذا روســـيا",
    "\u{FEDF}\u{FEE0}\u{FEFB} ﷺ ﷲ",
    "Crème Brûlée ZÜRICH Ｗｉｄｅ ﬁ Ǆ ẞ İ",
    "کتاب ایران ۲۰۲۵ ٢٠٢٢ 10%",
    "لا\u{200F} \u{202E}abc\u{202C} a\u{200D}b \u{FEFF}",
    "😀👩‍👩‍👧 a😀b 𝔘𝔫𝔦𝔠𝔬𝔡𝔢",
    "\u{064E}\u{064F} ـــ \u{0670}",
    "أوبك+ C++ ++ +",
];

fn main() -> std::io::Result<()> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds");
    let texts: Vec<String> = SEED_FILES
        .iter()
        .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
        .collect();
    let lines: Vec<&str> = {
        let mut seen = BTreeSet::new();
        texts
            .iter()
            .flat_map(|t| t.lines())
            .map(str::trim)
            .filter(|l| !l.is_empty() && seen.insert(*l))
            .collect()
    };

    let mut analyser: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    analyser.extend(EXTRAS.iter().map(|s| s.to_string()));
    write_all(
        &root.join("analyser"),
        analyser.iter().map(|s| s.as_bytes().to_vec()),
    )?;

    // Queries: single words, neighbouring pairs, and the query syntax around them.
    let words: Vec<&str> = {
        let mut seen = BTreeSet::new();
        texts
            .iter()
            .flat_map(|t| tokenize(t).into_iter().map(move |tk| &t[tk.start..tk.end]))
            .filter(|w| seen.insert(*w))
            .collect()
    };
    let mut queries: Vec<String> = words.iter().step_by(9).map(|w| w.to_string()).collect();
    for (i, pair) in words.windows(2).step_by(37).enumerate() {
        queries.push(match i % 5 {
            0 => format!("{} {}", pair[0], pair[1]),
            1 => format!("\"{} {}\"", pair[0], pair[1]),
            2 => format!("{} -{}", pair[0], pair[1]),
            3 => format!("{} OR {}", pair[0], pair[1]),
            _ => format!(
                "«{} {}» {}",
                pair[0],
                pair[1],
                pair[1].chars().take(2).collect::<String>()
            ),
        });
    }
    queries.extend(
        [
            "",
            " ",
            "\"",
            "-",
            "OR",
            "| OR -\"",
            "ترمب",
            "ترامب OR بوتين",
            "أوبك+",
        ]
        .map(String::from),
    );
    write_all(
        &root.join("query_search"),
        queries.iter().map(|s| s.as_bytes().to_vec()),
    )?;

    // Whole files in every format the loader reads (a markdown and a JSONL version of the seeds).
    let mut ingest: Vec<Vec<u8>> = SEED_FILES.iter().map(|(_, b)| b.to_vec()).collect();
    let head = |t: &str| t.lines().take(12).collect::<Vec<_>>().join("\n");
    ingest.push(
        format!(
            "---\ntitle: عنوان\ndate: 2025-10-25\nsource: موقع\n---\n\n# عنوان\n\n{}\n",
            head(&texts[0])
        )
        .into_bytes(),
    );
    let record = |i: usize, t: &str| {
        let text = serde_json_escape(&head(t));
        format!("{{\"id\":\"a{i}\",\"title\":\"عنوان {i}\",\"date\":\"2025-10\",\"text\":\"{text}\"}}\n")
    };
    ingest.push(format!("{}{}", record(1, &texts[1]), record(2, &texts[2])).into_bytes());
    write_all(&root.join("ingest"), ingest)?;

    // Paragraphs long enough to hold names.
    let paragraphs = lines
        .iter()
        .filter(|l| l.chars().count() > 60)
        .step_by(2)
        .map(|l| l.as_bytes().to_vec());
    write_all(
        &root.join("entities"),
        paragraphs.chain([texts[3].as_bytes().to_vec()]),
    )?;

    // Fragments: canonical ones from states built of seed words, and hand-written odd ones.
    let articles = seed_articles();
    let mut fragments: Vec<String> = Vec::new();
    for (i, a) in articles.iter().enumerate() {
        let st = ViewState {
            query: words
                .iter()
                .skip(i * 11)
                .take(1 + i % 3)
                .copied()
                .collect::<Vec<_>>()
                .join(" "),
            entities: vec![
                "person:donald-trump".into(),
                format!("place:{}", words.get(i * 5).unwrap_or(&"x")),
            ],
            sources: a.source.iter().cloned().collect(),
            article: Some(a.id.clone()),
            entity_view: (i % 2 == 0).then(|| "org:kremlin".into()),
            lang: (i % 2 == 1).then(|| "en".into()),
            theme: Some(if i % 2 == 0 { "dark" } else { "light" }.into()),
            embed: i == 3,
            origin: (i == 3).then(|| "https://example.com".into()),
            show_removed: i == 4,
        };
        fragments.push(format!("#{}", st.to_fragment()));
    }
    fragments.extend(
        [
            "#q=%E0%A4%&entity=&&=x&bogus=1&lang=fr&theme=%ZZ&article=%20",
            "q=a+b%2Bc&embed&removed=yes",
            "#",
            "&&&",
            "q=%",
            "view=%F0%9F%98%80",
        ]
        .map(String::from),
    );
    write_all(
        &root.join("url_state"),
        fragments.iter().map(|s| s.as_bytes().to_vec()),
    )?;
    // The same, plus filters typed in the search box and ids the corpus has.
    let typed = [
        "q=person:ترامب روسيا",
        "q=مكان:موسكو -ميامي",
        "q=source:\"اتحاد العالم\" date:2022",
        "q=org:",
        "q=شخص:\"بوتين",
    ];
    let by_id = articles.iter().map(|a| {
        format!(
            "article={}&removed=1&view=place:moscow&entity=person:vladimir-putin",
            a.id
        )
    });
    let explore: Vec<String> = fragments
        .iter()
        .cloned()
        .chain(typed.map(String::from))
        .chain(by_id)
        .collect();
    write_all(
        &root.join("explore_state"),
        explore.iter().map(|s| s.as_bytes().to_vec()),
    )?;

    // Decoders: a real index and bundle (whole; as edit scripts and payloads for the
    // structure-aware targets, which add the header).
    let index = small_index().to_bytes();
    write_all(
        &root.join("index_mutate"),
        edit_scripts(index.len() - 16)
            .into_iter()
            .chain([[&[1], &index[16..]].concat()]),
    )?;
    let bundle = compile_articles(seed_articles()[..2].to_vec(), None).encode();
    write_all(
        &root.join("bundle_mutate"),
        edit_scripts(bundle.len() - 14)
            .into_iter()
            .chain([[&[1], &bundle[14..]].concat()]),
    )?;
    write_all(&root.join("bundle_decode"), [index, bundle])?;
    Ok(())
}

/// Edit scripts for the structure-aware targets (see `apply_edits`; mode byte 0 first): none,
/// then huge and off-by-one varints, flipped bits, inserts and cuts spread over `len` bytes.
fn edit_scripts(len: usize) -> Vec<Vec<u8>> {
    let pos = |i: usize| ((i * len / 11) as u16).to_le_bytes();
    let mut out = vec![vec![0u8]];
    for (i, value) in [u32::MAX, 1 << 28, 70_000, 1000, 3, 2, 1, 0]
        .into_iter()
        .enumerate()
    {
        let at = if i < 3 {
            (i as u16).to_le_bytes()
        } else {
            pos(i)
        };
        out.push([&[0u8, 4, at[0], at[1], 0][..], &value.to_le_bytes()].concat());
    }
    for i in 0..11 {
        let at = pos(i);
        out.push(vec![0, (i % 7) as u8, at[0], at[1], (i * 37) as u8]);
    }
    out
}

/// A JSON string body (quotes, backslashes, control characters escaped).
fn serde_json_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}

/// Replaces `dir`'s files with `inputs`, named by their position.
fn write_all(dir: &PathBuf, inputs: impl IntoIterator<Item = Vec<u8>>) -> std::io::Result<()> {
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir)?;
    for (i, bytes) in inputs.into_iter().enumerate() {
        fs::write(dir.join(format!("seed-{i:03}")), bytes)?;
    }
    Ok(())
}
