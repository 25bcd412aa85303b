//! `.json` articles: an array of article objects, an object holding such an array
//! (`{"articles": [...]}`, `{"data": {...}}` is not searched deeper), or one article object (as
//! scrapers such as news-please write one file per article). Fields: see [`super::record`].
//! Read element by element from the file, so a file of any size needs memory for its articles
//! only.

use std::cell::Cell;
use std::fmt;
use std::io::{BufReader, Read};
use std::rc::Rc;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

use super::jsonl::Records;
use super::record::has_body_field;
use super::Diagnostic;
use super::Options;
use crate::model::Article;

/// Counts the lines read so far, for messages (serde_json reads a byte at a time from it).
struct Lines<R> {
    inner: R,
    line: Rc<Cell<u32>>,
}

impl<R: Read> Read for Lines<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        let newlines = buf[..n].iter().filter(|&&b| b == b'\n').count() as u32;
        self.line.set(self.line.get().saturating_add(newlines));
        Ok(n)
    }
}

/// Every article of a `.json` file read from `input`.
pub fn load_stream(
    file: &str,
    stem: &str,
    opts: &Options,
    input: impl Read,
) -> (Vec<Article>, Vec<Diagnostic>) {
    let line = Rc::new(Cell::new(1));
    let mut input = BufReader::new(input);
    let mut bom = [0u8; 3];
    let mut head = Vec::new();
    // A UTF-8 byte-order mark is skipped; anything else read here goes back in front.
    if let Ok(n) = read_up_to(&mut input, &mut bom) {
        if bom[..n] != *b"\xEF\xBB\xBF" {
            head.extend_from_slice(&bom[..n]);
        }
    }
    let reader = Lines {
        inner: head.as_slice().chain(input),
        line: line.clone(),
    };
    let mut records = Records::new(file, stem, opts);
    let mut de = serde_json::Deserializer::from_reader(reader);
    let top = Top {
        records: &mut records,
        line: &line,
        index: 0,
    };
    let result = de.deserialize_any(top).and_then(|()| de.end());
    if let Err(e) = result {
        let message = if e.is_eof() && records.is_empty() {
            format!("invalid JSON: {e} (an empty or cut-off file?)")
        } else if e.is_eof() {
            format!("the JSON is cut off: {e}; the articles before it are kept")
        } else {
            format!("invalid JSON: {e}; the articles before it are kept")
        };
        records.push_error(u32::try_from(e.line()).ok().filter(|&l| l > 0), message);
    }
    records.finish()
}

fn read_up_to(input: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut n = 0;
    while n < buf.len() {
        match input.read(&mut buf[n..])? {
            0 => break,
            k => n += k,
        }
    }
    Ok(n)
}

/// The top of the file: an array of records, an object holding one, or one record.
struct Top<'r, 'a> {
    records: &'r mut Records<'a>,
    line: &'r Rc<Cell<u32>>,
    index: u32,
}

impl<'de> Visitor<'de> for Top<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array of article objects, an object holding one, or one article object")
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<(), A::Error> {
        while let Some(value) = seq.next_element::<Value>()? {
            self.element(value);
        }
        Ok(())
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<(), A::Error> {
        let mut fields = Map::new();
        let mut found_array = false;
        while let Some(key) = map.next_key::<String>()? {
            if found_array {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            let seed = ArrayOrValue { top: &mut self };
            match map.next_value_seed(seed)? {
                Some(value) => {
                    fields.insert(key, value);
                }
                None => found_array = true,
            }
        }
        if !found_array {
            let line = self.line.get();
            self.records.object(&fields, line);
        }
        Ok(())
    }
}

impl Top<'_, '_> {
    fn element(&mut self, value: Value) {
        self.index += 1;
        let line = self.line.get();
        match value {
            Value::Object(record) => self.records.object(&record, line),
            _ => self.records.push_error(
                Some(line),
                format!(
                    "element {} of the array is not an article object",
                    self.index
                ),
            ),
        }
    }
}

/// A value of the top object: an array is read as the records (`None`), anything else kept.
struct ArrayOrValue<'t, 'r, 'a> {
    top: &'t mut Top<'r, 'a>,
}

impl<'de> DeserializeSeed<'de> for ArrayOrValue<'_, '_, '_> {
    type Value = Option<Value>;

    fn deserialize<D: Deserializer<'de>>(self, de: D) -> Result<Option<Value>, D::Error> {
        de.deserialize_any(self)
    }
}

macro_rules! keep {
    ($($name:ident: $t:ty),*) => {$(
        fn $name<E: serde::de::Error>(self, v: $t) -> Result<Option<Value>, E> {
            Ok(Some(Value::from(v)))
        }
    )*};
}

impl<'de> Visitor<'de> for ArrayOrValue<'_, '_, '_> {
    type Value = Option<Value>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any JSON value")
    }

    keep!(visit_bool: bool, visit_i64: i64, visit_u64: u64, visit_f64: f64, visit_str: &str);

    fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Option<Value>, E> {
        Ok(Some(Value::String(v)))
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Option<Value>, E> {
        Ok(Some(Value::Null))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<Option<Value>, A::Error> {
        let value =
            serde::Deserialize::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(Some(value))
    }

    /// An array whose first element is an article (an object with a body field) holds the
    /// records; any other array (`"images": [...]`, `"authors": [{"name": …}]`) is a value.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Option<Value>, A::Error> {
        let Some(first) = seq.next_element::<Value>()? else {
            return Ok(Some(Value::Array(Vec::new())));
        };
        let fields = &self.top.records.opts.fields;
        if !first.as_object().is_some_and(|o| has_body_field(o, fields)) {
            let mut items = vec![first];
            while let Some(v) = seq.next_element::<Value>()? {
                items.push(v);
            }
            return Ok(Some(Value::Array(items)));
        }
        let mut top = Top {
            records: &mut *self.top.records,
            line: self.top.line,
            index: 0,
        };
        top.element(first);
        while let Some(value) = seq.next_element::<Value>()? {
            top.element(value);
        }
        Ok(None)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str =
        "نص الخبر عن الاقتصاد والسياسة في المنطقة، وهو نص طويل بما يكفي ليكون فقرة كاملة.";

    fn load(json: &str) -> (Vec<Article>, Vec<Diagnostic>) {
        load_stream("a.json", "a", &Options::default(), json.as_bytes())
    }

    #[test]
    fn an_array_an_object_holding_one_and_one_article() {
        let array = format!(
            "[\n{{\"headline\": \"عنوان أول\", \"articleBody\": \"{TEXT}\"}},\n{{\"title\": \"عنوان ثان\", \"content\": [\"{TEXT}\", \"فقرة\"]}}\n]"
        );
        let (a, d) = load(&array);
        assert_eq!(a.len(), 2, "{d:#?}");
        assert_eq!(a[0].title, "عنوان أول");
        assert_eq!((a[0].id.as_str(), a[1].id.as_str()), ("a-2", "a-3"));

        let wrapped = format!("{{\"count\": 2, \"articles\": {array}, \"next\": null}}");
        let (b, _) = load(&wrapped);
        assert_eq!(b.len(), 2);
        assert_eq!(b[1].title, "عنوان ثان");

        let one = format!("\u{feff}{{\"title\": \"خبر واحد\", \"maintext\": \"{TEXT}\", \"date_publish\": \"2018-02-18 10:00:00\"}}");
        let (c, d) = load(&one);
        assert_eq!(c.len(), 1, "{d:#?}");
        // Lists inside one article are its values, not records.
        let lists = format!("{{\"images\": [\"a.jpg\"], \"authors\": [{{\"name\": \"أ\"}}], \"title\": \"خبر\", \"text\": \"{TEXT}\"}}");
        let (l, d) = load(&lists);
        assert_eq!(l.len(), 1, "{d:#?}");
        assert_eq!(l[0].author.as_deref(), Some("أ"));
        assert_eq!(c[0].date.as_deref(), Some("2018-02-18"));
    }

    #[test]
    fn cut_off_and_nested_json_keep_what_came_before() {
        let cut = format!("[{{\"title\": \"عنوان\", \"text\": \"{TEXT}\"}},\n{{\"title\": \"نصف");
        let (a, d) = load(&cut);
        assert_eq!(a.len(), 1);
        let e = d.iter().find(|d| d.is_error()).unwrap();
        assert!(e.message.contains("cut off"), "{e}");
        assert_eq!(e.line, Some(2));

        let deep = format!("[{}{}]", "[".repeat(10_000), "]".repeat(10_000));
        let (a, d) = load(&deep);
        assert!(a.is_empty());
        assert!(
            d.iter()
                .any(|d| d.is_error() && d.message.contains("recursion")),
            "{d:#?}"
        );

        let (_, d) = load("[1, \"x\"]");
        assert_eq!(
            d.iter()
                .filter(|d| d.message.contains("not an article object"))
                .count(),
            2
        );
        let (_, d) = load("");
        assert!(d[0].message.contains("empty or cut-off"), "{d:?}");
    }
}
