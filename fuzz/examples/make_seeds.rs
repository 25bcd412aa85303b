//! Writes the committed seed inputs, `fuzz/seeds/<target>/`, from the seed articles
//! (`seeds/*.txt`): lines, words and fragments for the text targets, real encodings for the
//! decoders. Deterministic, so a format change is one re-run away:
//! `cargo run --manifest-path fuzz/Cargo.toml --example make_seeds [TARGET...]` (only the
//! targets named, when some are).

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
    let seeds = Seeds {
        root: Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds"),
        only: std::env::args().skip(1).collect(),
    };
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
    seeds.write("analyser", analyser.iter().map(|s| s.as_bytes().to_vec()))?;

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
    seeds.write(
        "query_search",
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
    seeds.write("ingest", ingest)?;

    // Paragraphs long enough to hold names.
    let paragraphs = lines
        .iter()
        .filter(|l| l.chars().count() > 60)
        .step_by(2)
        .map(|l| l.as_bytes().to_vec());
    seeds.write("entities", paragraphs.chain([texts[3].as_bytes().to_vec()]))?;

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
            ..ViewState::default()
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
    seeds.write("url_state", fragments.iter().map(|s| s.as_bytes().to_vec()))?;
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
    seeds.write(
        "explore_state",
        explore.iter().map(|s| s.as_bytes().to_vec()),
    )?;

    // Decoders: a real index and bundle (whole; as edit scripts and payloads for the
    // structure-aware targets, which add the header).
    let index = small_index().to_bytes();
    seeds.write(
        "index_mutate",
        edit_scripts(index.len() - 16)
            .into_iter()
            .chain([[&[1], &index[16..]].concat()]),
    )?;
    let bundle = compile_articles(seed_articles()[..2].to_vec(), None).encode();
    seeds.write(
        "bundle_mutate",
        edit_scripts(bundle.len() - 14)
            .into_iter()
            .chain([[&[1], &bundle[14..]].concat()]),
    )?;
    seeds.write("bundle_decode", [index, bundle])?;

    // Records: CSV/TSV files and zip archives, short (within libFuzzer's default 4 KB inputs).
    let seed_rows: Vec<(String, String)> =
        texts.iter().take(3).map(|t| title_and_body(t)).collect();
    let csv = csv_seeds(&seed_rows);
    seeds.write("csv", csv.iter().cloned())?;
    seeds.write("zip", zip_seeds(&seed_rows, &csv))?;
    Ok(())
}

/// A seed article cut short: its first line as the title, two paragraphs of at most 160 chars.
fn title_and_body(text: &str) -> (String, String) {
    let cut = |l: &str, n: usize| l.chars().take(n).collect::<String>();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    let title = cut(lines.next().unwrap_or_default(), 80);
    let body: Vec<String> = lines
        .filter(|l| l.chars().count() > 60)
        .take(2)
        .map(|l| cut(l, 160))
        .collect();
    (title, body.join("\n"))
}

/// A CSV cell, quoted (quotes doubled) when it holds the delimiter, a quote or a line break.
fn cell(s: &str, delim: char) -> String {
    if s.contains([delim, '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
    let mut out = if big_endian {
        vec![0xFE, 0xFF]
    } else {
        vec![0xFF, 0xFE]
    };
    for u in text.encode_utf16() {
        out.extend_from_slice(&if big_endian {
            u.to_be_bytes()
        } else {
            u.to_le_bytes()
        });
    }
    out
}

/// CSV and TSV files: Arabic rows with quoted line breaks and quotes, semicolons, tabs,
/// UTF-16 (both byte orders) and Windows-1256, the user's field names, a BOM with CRLF, and
/// broken rows.
fn csv_seeds(rows: &[(String, String)]) -> Vec<Vec<u8>> {
    let (t0, b0) = (&rows[0].0, &rows[0].1);
    let (t1, b1) = (&rows[1].0, &rows[1].1);
    let (t2, b2) = (&rows[2].0, &rows[2].1);
    let quoted = format!("{b0}\nفقرة فيها \"اقتباس\" وفاصلة، و, كذلك.");
    let main = format!(
        "id,title,date,source,text\n\
         a1,{},2025-10-25,موقع,{}\n\
         a2,{},\"Sun, 18 Feb 2018 21:35:43 +0400\",,{}\n\
         \n\
         a3,{},١٤٤٦/٠٤/٢٠,\"اتحاد, العالم\",{}\n",
        cell(t0, ','),
        cell(&quoted, ','),
        cell(t1, ','),
        cell(b1, ','),
        cell(t2, ','),
        cell(b2, ',')
    );
    let semicolon = format!(
        "headline;datePublished;articleBody\n{};2025-10;{}\n{};25/10/2025;\"نص; فيه فاصلة منقوطة\n{}\"\n",
        cell(t0, ';'),
        cell(b0, ';'),
        cell(t1, ';'),
        b1.replace('"', "\"\"")
    );
    let small = format!("title,text\n{},{}\n", cell(t2, ','), cell(b2, ','));
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&small);
    let tsv = format!(
        "heading\tpublished\tauthor\tcontent\n{}\t2025-10-25T10:00:00Z\tكتب: أحمد\t{}\n",
        t1,
        b1.replace('\n', " ")
    );
    let mapped = format!(
        "date,date_extracted,body,category\nليس تاريخا,2018-02-18,{},أخبار\n,2025,{},\n",
        cell(b0, ','),
        cell(b2, ',')
    );
    let crlf = format!(
        "\u{feff}Title,Text,URL\r\n{},{},https://example.com/a?x=1\r\n\r\n,,\r\n",
        cell(t0, ','),
        cell(b0, ',')
    );
    let broken = format!(
        "id,title,text\na1,{t2},{b2}\na2,عنوان,نص,زائد\na3,,\na4,\"عنوان بلا إغلاق,{t0}\na5,عنوان,نص\n",
        t2 = cell(t2, ','),
        b2 = cell(b2, ','),
        t0 = t0
    );
    vec![
        main.into_bytes(),
        semicolon.into_bytes(),
        utf16(&small, false),
        utf16(&small, true),
        cp1256.into_owned(),
        tsv.into_bytes(),
        mapped.into_bytes(),
        crlf.into_bytes(),
        broken.into_bytes(),
        b"title,text\n".to_vec(),
        b",,\n\"\n".to_vec(),
    ]
}

/// Structured inputs (see `fahras_fuzz::zip_plan`) and whole archives.
fn zip_seeds(rows: &[(String, String)], csv: &[Vec<u8>]) -> Vec<Vec<u8>> {
    let record = |i: usize, (t, b): &(String, String)| {
        format!(
            "{{\"id\":\"r{i}\",\"title\":\"{}\",\"date\":\"2025-10\",\"text\":\"{}\"}}\n",
            serde_json_escape(t),
            serde_json_escape(b)
        )
    };
    let jsonl = format!("{}{}", record(1, &rows[0]), record(2, &rows[1]));
    let (t, b) = &rows[2];
    let txt = format!("{t}\n\n{b}\n");
    let md = format!("---\ntitle: {t}\ndate: 2025-10-25\n---\n\n{b}\n");
    let page = format!(
        "<html><head><title>{t}</title></head><body><article><h1>{t}</h1><p>{}</p></article></body></html>",
        b.replace('\n', "</p><p>")
    );
    let json = format!("[{}]", record(3, &rows[2]).trim_end());
    let (cp1256, _, _) = encoding_rs::WINDOWS_1256.encode(&txt);
    let inner = fahras_fuzz::zip_of(&[("in.txt", txt.as_bytes())], true);
    let both: [(&str, &[u8]); 2] = [("rows.csv", &csv[0]), ("records.jsonl", jsonl.as_bytes())];
    let kinds: [(&str, &[u8]); 6] = [
        ("2018/08/a.txt", txt.as_bytes()),
        ("2018/b.md", md.as_bytes()),
        ("pages/page.html", page.as_bytes()),
        ("old.txt", &cp1256),
        ("notes.docx", b"PK"),
        ("README.txt", b"read me"),
    ];
    let hostile: [(&str, &[u8]); 10] = [
        ("../../etc/evil.txt", txt.as_bytes()),
        ("/abs.txt", txt.as_bytes()),
        ("a/../b.txt", txt.as_bytes()),
        ("..\\win.txt", txt.as_bytes()),
        ("inner.zip", &inner),
        (".hidden/x.txt", txt.as_bytes()),
        ("__MACOSX/._a.html", b"junk"),
        ("dir/", b""),
        ("./ok.txt", txt.as_bytes()),
        ("entities.tsv", b"x\ty"),
    ];
    let records: [(&str, &[u8]); 5] = [
        ("mapped.csv", &csv[6]),
        ("utf16.csv", &csv[2]),
        ("semi.csv", &csv[1]),
        ("tab.tsv", &csv[5]),
        ("arr.json", json.as_bytes()),
    ];
    use fahras_fuzz::{zip_input, zip_of, ZIP_DEFLATE, ZIP_FIELDS, ZIP_FOLDERS, ZIP_MIXED};
    vec![
        zip_input(ZIP_DEFLATE, &both),
        zip_input(ZIP_FOLDERS, &kinds),
        zip_input(ZIP_DEFLATE | ZIP_MIXED | ZIP_FOLDERS, &hostile),
        zip_input(ZIP_DEFLATE | ZIP_FIELDS, &records),
        zip_of(&both, true),
        zip_of(&kinds, false),
        zip_of(&hostile, true),
    ]
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

/// Where the seeds go, and which targets' seeds to write (all when none are named).
struct Seeds {
    root: PathBuf,
    only: Vec<String>,
}

impl Seeds {
    /// Replaces `fuzz/seeds/<target>/`'s files with `inputs`, named by their position.
    fn write(
        &self,
        target: &str,
        inputs: impl IntoIterator<Item = Vec<u8>>,
    ) -> std::io::Result<()> {
        if self.only.is_empty() || self.only.iter().any(|t| t == target) {
            write_all(&self.root.join(target), inputs)?;
        }
        Ok(())
    }
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
