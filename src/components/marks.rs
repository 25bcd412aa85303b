//! Text with `<mark>` highlights. Article text is always inserted as text nodes, never as HTML.

use fahras_core::text::Utf16Index;
use leptos::prelude::*;

/// `text` with the UTF-16 `ranges` wrapped in `<mark>`; overlapping or unordered ranges are
/// merged, out-of-range ones clamped.
pub fn marked(text: &str, ranges: &[(u32, u32)]) -> Vec<AnyView> {
    let ix = Utf16Index::new(text);
    let mut spans: Vec<(usize, usize)> = ranges
        .iter()
        .map(|&(s, e)| ix.range(s, e))
        .filter(|(s, e)| s < e)
        .collect();
    spans.sort_unstable();
    let mut out: Vec<AnyView> = Vec::new();
    let mut pos = 0;
    for (s, e) in spans {
        let s = s.max(pos);
        if s >= e {
            continue;
        }
        if s > pos {
            out.push(text[pos..s].to_string().into_any());
        }
        out.push(view! { <mark>{text[s..e].to_string()}</mark> }.into_any());
        pos = e;
    }
    if pos < text.len() {
        out.push(text[pos..].to_string().into_any());
    }
    out
}
