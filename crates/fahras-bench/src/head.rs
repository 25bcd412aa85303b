//! `fahras-bench head <corpus.fahras>`: where a compiled corpus's bytes go (a split build's head
//! above all: what start-up downloads). Each part is serialised on its own as the bundle holds
//! it and gzip'd (level 9, as `fahras build` writes the file), so the parts add up to about the
//! file (gzip over the whole finds a little more).

use std::io::{Read, Write};

use fahras_core::bundle::Bundle;
use serde::Serialize;

fn gz(bytes: &[u8]) -> usize {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let _ = e.write_all(bytes);
    e.finish().map_or(0, |v| v.len())
}

fn part<T: Serialize + ?Sized>(v: &T) -> (usize, usize) {
    let raw = postcard::to_allocvec(v).unwrap_or_default();
    (raw.len(), gz(&raw))
}

/// The articles as a bundle stores them (column by column).
#[derive(Serialize)]
struct Stored<'a>(
    #[serde(serialize_with = "fahras_core::columns::serialize")]
    &'a Vec<fahras_core::model::Article>,
);

/// A compiled corpus file as `fahras build` writes it (gzip'd or not).
pub fn read_bundle(path: &str) -> Result<Bundle, String> {
    let file = std::fs::read(path).map_err(|e| format!("{path}: {e}"))?;
    let mut raw = Vec::new();
    let bytes = match flate2::read::GzDecoder::new(&file[..]).read_to_end(&mut raw) {
        Ok(_) => &raw[..],
        Err(_) => &file[..],
    };
    Bundle::decode(bytes).map_err(|e| format!("{path}: {e}"))
}

pub fn run(args: &[String]) -> Result<(), String> {
    let path = args
        .first()
        .ok_or("usage: fahras-bench head <corpus.fahras>")?;
    let b = read_bundle(path)?;
    let on_disk = std::fs::metadata(path).map_or(0, |m| m.len());
    let a = &b.articles;
    let e = &b.entities.entities;
    let rows: Vec<(&str, (usize, usize))> = vec![
        ("articles as stored (whole)", part(&Stored(a))),
        (
            "article ids",
            part(&a.iter().map(|x| &x.id).collect::<Vec<_>>()),
        ),
        (
            "article titles",
            part(&a.iter().map(|x| &x.title).collect::<Vec<_>>()),
        ),
        (
            "article source, author, date, lang",
            part(
                &a.iter()
                    .map(|x| (&x.source, &x.author, &x.date, &x.lang, x.title_derived))
                    .collect::<Vec<_>>(),
            ),
        ),
        (
            "article texts (whole corpus only)",
            part(
                &a.iter()
                    .map(|x| (&x.dek, &x.blocks, &x.removed, &x.url))
                    .collect::<Vec<_>>(),
            ),
        ),
        ("index (dictionary; postings unless split)", part(&b.index)),
        (
            "entities: names, aliases, labels, kinds",
            part(
                &e.iter()
                    .map(|x| (&x.name, &x.aliases, &x.label_en, x.kind, &x.subtype))
                    .collect::<Vec<_>>(),
            ),
        ),
        (
            "  of which names",
            part(&e.iter().map(|x| &x.name).collect::<Vec<_>>()),
        ),
        (
            "  of which aliases",
            part(&e.iter().map(|x| &x.aliases).collect::<Vec<_>>()),
        ),
        ("entities: article lists (as stored)", {
            let t = fahras_core::entities::EntityTable {
                entities: e.clone(),
                mentions: Vec::new(),
                cooccurrence: Vec::new(),
            };
            let all = part(&t);
            let names = part(
                &e.iter()
                    .map(|x| (&x.name, &x.aliases, &x.label_en, x.kind, &x.subtype))
                    .collect::<Vec<_>>(),
            );
            (all.0.saturating_sub(names.0), all.1.saturating_sub(names.1))
        }),
        (
            "entities as stored (whole)",
            part(&fahras_core::entities::EntityTable {
                entities: e.clone(),
                mentions: Vec::new(),
                cooccurrence: Vec::new(),
            }),
        ),
        (
            "entity mentions and pairs (whole corpus only)",
            part(&(&b.entities.mentions, &b.entities.cooccurrence)),
        ),
        ("stories", part(&b.stories)),
        ("packs (member lengths)", part(&b.packs)),
    ];
    println!(
        "{path}: {} bytes on disk, {} articles, {} entities, {} stories",
        on_disk,
        a.len(),
        e.len(),
        b.stories.len()
    );
    println!("| part | raw | gzip |\n| --- | --- | --- |");
    for (name, (r, g)) in rows {
        println!(
            "| {name} | {:.1} KB | {:.1} KB |",
            r as f64 / 1e3,
            g as f64 / 1e3
        );
    }
    Ok(())
}
