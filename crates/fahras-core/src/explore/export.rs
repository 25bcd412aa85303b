//! Export of the current result list, with entities, as CSV and JSON downloads.

use serde::Serialize;

use crate::entities::EntityKind;

use super::{Explorer, ResultItem};

#[derive(Serialize)]
struct Row<'a> {
    rank: usize,
    id: &'a str,
    title: &'a str,
    source: Option<&'a str>,
    author: Option<&'a str>,
    date: Option<&'a str>,
    url: Option<&'a str>,
    score: f32,
    excerpt: &'a str,
    people: Vec<&'a str>,
    places: Vec<&'a str>,
    organisations: Vec<&'a str>,
    dates: Vec<&'a str>,
}

fn rows<'a>(ex: &'a Explorer, items: &'a [ResultItem]) -> Vec<Row<'a>> {
    items
        .iter()
        .enumerate()
        .filter_map(|(i, it)| {
            let a = ex.article(it.hit.article)?;
            let names = |k: EntityKind| -> Vec<&'a str> {
                ex.article_entities(it.hit.article)
                    .iter()
                    .filter_map(|&(e, _)| ex.entities_waited().entities.get(e as usize))
                    .filter(|e| e.kind == k)
                    .map(|e| e.name.as_str())
                    .collect()
            };
            Some(Row {
                rank: i + 1,
                id: &a.id,
                title: &a.title,
                source: a.source.as_deref(),
                author: a.author.as_deref(),
                date: a.date.as_deref(),
                url: a.url.as_deref(),
                score: it.hit.score,
                excerpt: &it.hit.excerpt.text,
                people: names(EntityKind::Person),
                places: names(EntityKind::Place),
                organisations: names(EntityKind::Org),
                dates: names(EntityKind::Date),
            })
        })
        .collect()
}

pub fn to_json(ex: &Explorer, items: &[ResultItem]) -> String {
    serde_json::to_string_pretty(&rows(ex, items)).unwrap_or_else(|_| "[]".into())
}

/// RFC 4180 CSV with a UTF-8 BOM (so spreadsheet programs read Arabic correctly). Cells that
/// a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) get a leading `'`.
pub fn to_csv(ex: &Explorer, items: &[ResultItem]) -> String {
    let mut out = String::from("\u{FEFF}rank,id,title,source,author,date,url,score,excerpt,people,places,organisations,dates\r\n");
    for r in rows(ex, items) {
        let cells = [
            r.rank.to_string(),
            r.id.into(),
            r.title.into(),
            r.source.unwrap_or_default().into(),
            r.author.unwrap_or_default().into(),
            r.date.unwrap_or_default().into(),
            r.url.unwrap_or_default().into(),
            format!("{:.3}", r.score),
            r.excerpt.into(),
            r.people.join("; "),
            r.places.join("; "),
            r.organisations.join("; "),
            r.dates.join("; "),
        ];
        let line: Vec<String> = cells.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&line.join(","));
        out.push_str("\r\n");
    }
    out
}

fn csv_cell(s: &str) -> String {
    let guarded = if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{s}")
    } else {
        s.to_string()
    };
    if guarded.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", guarded.replace('"', "\"\""))
    } else {
        guarded
    }
}

#[cfg(test)]
mod tests {
    use super::csv_cell;

    #[test]
    fn csv_quotes_and_defuses_formulas() {
        assert_eq!(csv_cell("a,b"), "\"a,b\"");
        assert_eq!(csv_cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_cell("=HYPERLINK(1)"), "'=HYPERLINK(1)");
        assert_eq!(csv_cell("روسيا"), "روسيا");
    }
}
