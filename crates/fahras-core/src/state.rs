//! The explorer's view state and its URL-fragment form:
//! `#q=<query>&entity=<id>&entity=<id>&source=<source>&article=<id>&lang=en&theme=dark&embed=1`
//! `&origin=https%3A%2F%2Fexample.com` (the page allowed to talk to an embedded explorer)
//! `&story=<article id>&sentences=only&collapse=1` (the story view of that article's story, its
//! sentence filter, and results collapsed to one row per story).
//!
//! State lives in the fragment (not the path or query string) so links work from `file://`,
//! on any static host and inside iframes, and never reach a server. The fragment is untrusted
//! input: parsing never fails, keeps what it understands and reports what it ignored.

use serde::{Deserialize, Serialize};

/// Longest query kept from a URL: a search box, not a document.
pub const MAX_QUERY_CHARS: usize = 1000;
/// Most filters of one kind kept from a URL.
pub const MAX_FILTERS: usize = 32;
const MAX_VALUE_CHARS: usize = 200;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ViewState {
    pub query: String,
    /// Entity ids: AND across types, OR within a type (see `explore`).
    pub entities: Vec<String>,
    pub sources: Vec<String>,
    /// The article open in the reader.
    pub article: Option<String>,
    /// The entity whose mentions are shown in the entity view.
    pub entity_view: Option<String>,
    /// Interface language: `None` means the default (Arabic).
    pub lang: Option<String>,
    /// `light` or `dark`; `None` follows the system.
    pub theme: Option<String>,
    pub embed: bool,
    /// The embedding page's web origin (`https://example.com`, normalised as browsers serialise
    /// it): the only origin an embedded explorer sends `postMessage` events to and accepts
    /// commands from. `None`: no messaging.
    pub origin: Option<String>,
    /// Show removed (boilerplate) text in the reader.
    pub show_removed: bool,
    /// The story view: the story of this article (any of its reports names it).
    pub story: Option<String>,
    /// Which sentences the story view shows: `None` all, `only` (in one report) or `every`
    /// (in every report).
    pub sentences: Option<String>,
    /// Results collapsed to one row per story.
    pub collapse: bool,
    /// The articles shown were imported in this browser (kept in its storage, not in the page):
    /// a reload takes them from there, or says they must be opened again.
    pub imported: bool,
    /// An embedded explorer offers "Open articles" (a top-level page always does).
    pub import: bool,
}

/// What the parser ignored, for a quiet console note (never an error page).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ParseNotes {
    pub unknown_keys: Vec<String>,
    pub truncated: bool,
}

impl ViewState {
    /// Parses a fragment with or without its leading `#`. Unknown keys, bad percent-encoding,
    /// empty values and over-long input are tolerated.
    pub fn from_fragment(fragment: &str) -> (ViewState, ParseNotes) {
        let mut st = ViewState::default();
        let mut notes = ParseNotes::default();
        let frag = fragment.strip_prefix('#').unwrap_or(fragment);
        for pair in frag.split('&').filter(|p| !p.is_empty()) {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            let key = decode(k);
            let mut value = decode(v);
            let limit = if key == "q" {
                MAX_QUERY_CHARS
            } else {
                MAX_VALUE_CHARS
            };
            let truncated = value.chars().count() > limit;
            if truncated {
                value = value.chars().take(limit).collect();
                notes.truncated = true;
            }
            match key.as_str() {
                "q" => st.query = value,
                "entity" => push_limited(&mut st.entities, value, &mut notes),
                "source" => push_limited(&mut st.sources, value, &mut notes),
                "article" => st.article = non_empty(value),
                "view" => st.entity_view = non_empty(value),
                "lang" => st.lang = matches!(value.as_str(), "ar" | "en").then_some(value),
                "theme" => st.theme = matches!(value.as_str(), "light" | "dark").then_some(value),
                "embed" => st.embed = is_true(&value),
                // A cut origin could name another site: drop it rather than guess.
                "origin" => st.origin = (!truncated).then(|| parse_origin(&value)).flatten(),
                "removed" => st.show_removed = is_true(&value),
                "story" => st.story = non_empty(value),
                "sentences" => {
                    st.sentences = matches!(value.as_str(), "only" | "every").then_some(value)
                }
                "collapse" => st.collapse = is_true(&value),
                "imported" => st.imported = is_true(&value),
                "import" => st.import = is_true(&value),
                _ => {
                    if notes.unknown_keys.len() < 8 {
                        notes.unknown_keys.push(key.chars().take(40).collect());
                    }
                }
            }
        }
        (st, notes)
    }

    /// The canonical fragment (without `#`); keys in a fixed order, defaults omitted, so equal
    /// states give equal URLs and history entries.
    pub fn to_fragment(&self) -> String {
        let mut parts: Vec<String> = Vec::new();
        let mut put = |k: &str, v: &str| parts.push(format!("{k}={}", encode(v)));
        if !self.query.is_empty() {
            put("q", &self.query);
        }
        for e in &self.entities {
            put("entity", e);
        }
        for s in &self.sources {
            put("source", s);
        }
        if let Some(a) = &self.article {
            put("article", a);
        }
        if let Some(v) = &self.entity_view {
            put("view", v);
        }
        if let Some(l) = &self.lang {
            put("lang", l);
        }
        if let Some(t) = &self.theme {
            put("theme", t);
        }
        if self.embed {
            put("embed", "1");
        }
        if let Some(o) = &self.origin {
            put("origin", o);
        }
        if self.show_removed {
            put("removed", "1");
        }
        if let Some(a) = &self.story {
            put("story", a);
        }
        if let Some(f) = &self.sentences {
            put("sentences", f);
        }
        if self.collapse {
            put("collapse", "1");
        }
        if self.imported {
            put("imported", "1");
        }
        if self.import {
            put("import", "1");
        }
        parts.join("&")
    }

    /// The part of the state that defines a search: changes here are history steps; changes to
    /// language or theme alone are not.
    #[allow(clippy::type_complexity)]
    pub fn search_key(
        &self,
    ) -> (
        &str,
        &[String],
        &[String],
        Option<&str>,
        Option<&str>,
        Option<&str>,
    ) {
        (
            &self.query,
            &self.entities,
            &self.sources,
            self.article.as_deref(),
            self.entity_view.as_deref(),
            self.story.as_deref(),
        )
    }
}

fn push_limited(list: &mut Vec<String>, value: String, notes: &mut ParseNotes) {
    if value.is_empty() || list.contains(&value) {
        return;
    }
    if list.len() >= MAX_FILTERS {
        notes.truncated = true;
        return;
    }
    list.push(value);
}

fn non_empty(v: String) -> Option<String> {
    (!v.trim().is_empty()).then_some(v)
}

fn is_true(v: &str) -> bool {
    matches!(v, "1" | "true" | "yes" | "")
}

/// Percent-decoding that never fails: `+` is a space (as URLSearchParams writes it), a `%` not
/// followed by two hex digits is kept literally, and invalid UTF-8 becomes U+FFFD.
pub fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len()
                && hex(bytes[i + 1]).is_some()
                && hex(bytes[i + 2]).is_some() =>
            {
                out.push(hex(bytes[i + 1]).unwrap_or(0) * 16 + hex(bytes[i + 2]).unwrap_or(0));
                i += 2;
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// A web origin as `MessageEvent.origin` spells it: `http` or `https`, a host, an optional
/// non-default port, no path, query, fragment or credentials; lower-cased. Anything else
/// (`*`, `null`, `file://`, a URL with a path) is refused, so it can never widen a `postMessage`.
pub fn parse_origin(v: &str) -> Option<String> {
    let v = v.strip_suffix('/').unwrap_or(v).to_ascii_lowercase();
    let (scheme, rest) = v.split_once("://")?;
    let default_port = match scheme {
        "http" => 80,
        "https" => 443,
        _ => return None,
    };
    let (host, port) = match rest.strip_prefix('[') {
        // IPv6 literal: `[::1]` or `[::1]:8080`.
        Some(inner) => {
            let (addr, after) = inner.split_once(']')?;
            let ok = !addr.is_empty()
                && addr
                    .chars()
                    .all(|c| c.is_ascii_hexdigit() || c == ':' || c == '.');
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':')?),
            };
            (ok.then_some(&rest[..addr.len() + 2])?, port)
        }
        None => {
            let (host, port) = match rest.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (rest, None),
            };
            let labels_ok = host.split('.').all(|l| {
                !l.is_empty()
                    && l.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            });
            (labels_ok.then_some(host)?, port)
        }
    };
    let port = match port {
        None => None,
        Some(p) if !p.is_empty() && p.len() <= 5 && p.bytes().all(|b| b.is_ascii_digit()) => {
            let n: u32 = p.parse().ok()?;
            if n == 0 || n > 65535 {
                return None;
            }
            (n != default_port).then_some(n)
        }
        Some(_) => return None,
    };
    Some(match port {
        Some(n) => format!("{scheme}://{host}:{n}"),
        None => format!("{scheme}://{host}"),
    })
}

fn hex(b: u8) -> Option<u8> {
    (b as char).to_digit(16).map(|d| d as u8)
}

/// Percent-encodes everything but unreserved ASCII, so the fragment survives copy-paste,
/// chat apps and `postMessage` alike.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~' | b':') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_a_full_state() {
        let st = ViewState {
            query: "\"شبه جزيرة القرم\" -ميامي أوبك+".into(),
            entities: vec!["person:vladimir-putin".into(), "place:moscow".into()],
            sources: vec!["اتحاد العالم الإسلامي".into()],
            article: Some("003_2a0c97e50c8b63d1".into()),
            entity_view: Some("org:kremlin".into()),
            lang: Some("en".into()),
            theme: Some("dark".into()),
            embed: true,
            origin: Some("https://example.com:8443".into()),
            show_removed: true,
            story: Some("000_62a7010aa40f5c78".into()),
            sentences: Some("only".into()),
            collapse: true,
            imported: true,
            import: true,
        };
        let frag = st.to_fragment();
        assert!(frag.is_ascii());
        let (back, notes) = ViewState::from_fragment(&format!("#{frag}"));
        assert_eq!(back, st);
        assert_eq!(notes, ParseNotes::default());
    }

    #[test]
    fn plus_is_space_and_encoded_plus_is_plus() {
        let (st, _) = ViewState::from_fragment(
            "q=%D8%B1%D9%88%D8%B3%D9%8A%D8%A7+%D8%A3%D9%88%D8%A8%D9%83%2B",
        );
        assert_eq!(st.query, "روسيا أوبك+");
    }

    #[test]
    fn tolerates_malformed_input() {
        let (st, notes) = ViewState::from_fragment(
            "#q=%E0%A4%&entity=&&=x&bogus=1&lang=fr&theme=%ZZ&article=%20",
        );
        assert_eq!(st.query, "\u{FFFD}%");
        assert!(st.entities.is_empty());
        assert_eq!(st.lang, None);
        assert_eq!(st.theme, None);
        assert_eq!(st.article, None);
        assert!(notes.unknown_keys.contains(&"bogus".to_string()));
        let (st, _) = ViewState::from_fragment("story=&sentences=some&collapse=0");
        assert_eq!((st.story, st.sentences, st.collapse), (None, None, false));
    }

    #[test]
    fn caps_lengths_and_counts() {
        let long = "ا".repeat(5000);
        let many: String = (0..100).map(|i| format!("entity=e{i}&")).collect();
        let (st, notes) = ViewState::from_fragment(&format!("q={long}&{many}"));
        assert_eq!(st.query.chars().count(), MAX_QUERY_CHARS);
        assert_eq!(st.entities.len(), MAX_FILTERS);
        assert!(notes.truncated);
    }

    #[test]
    fn origin_is_a_normalised_web_origin_or_nothing() {
        let origin = |frag: &str| ViewState::from_fragment(frag).0.origin;
        for (given, want) in [
            ("https%3A%2F%2FExample.COM%2F", "https://example.com"),
            ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
            ("https://a.example:443", "https://a.example"),
            ("http://a.example:080", "http://a.example"),
            ("http://[::1]:3000", "http://[::1]:3000"),
        ] {
            assert_eq!(origin(&format!("origin={given}")).as_deref(), Some(want));
        }
        for bad in [
            "*",
            "null",
            "",
            "file:///tmp/x.html",
            "https://example.com/path",
            "https://example.com?x",
            "https://user@example.com",
            "https://example.com:0",
            "https://example.com:99999",
            "https://example.com:",
            "https://",
            "https://exa mple.com",
            "https://example..com",
            "javascript://example.com",
            "http://[::1",
            "http://[]",
        ] {
            assert_eq!(origin(&format!("origin={}", encode(bad))), None, "{bad:?}");
        }
        // A value cut at the length limit could name another site.
        let long = format!("https://{}.example.com", "a".repeat(300));
        assert_eq!(origin(&format!("origin={long}")), None);
    }

    #[test]
    fn origin_round_trips_and_leaves_the_search_alone() {
        let (st, notes) = ViewState::from_fragment("q=x&embed=1&origin=https%3A%2F%2Fexample.com");
        assert_eq!(notes, ParseNotes::default());
        assert_eq!(
            st.to_fragment(),
            "q=x&embed=1&origin=https:%2F%2Fexample.com"
        );
        assert_eq!(ViewState::from_fragment(&st.to_fragment()).0, st);
        let plain = ViewState {
            query: "x".into(),
            embed: true,
            ..ViewState::default()
        };
        assert_eq!(st.search_key(), plain.search_key());
    }

    #[test]
    fn repeated_entities_keep_order_without_duplicates() {
        let (st, _) = ViewState::from_fragment("entity=a&entity=b&entity=a");
        assert_eq!(st.entities, ["a", "b"]);
    }
}
