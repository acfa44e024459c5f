//! Markers for links whose targets are only known once the whole pack is parsed.

use std::fmt::Write;

/// Marks an internal link's `href` in rendered HTML: the character, the link's index, the
/// character again. It is a private-use character, and any occurrence in the text itself is
/// written as a character reference, so a marker can only come from the renderer.
pub const LINK_MARKER: char = '\u{E000}';

/// Writes the marker for link number `index`.
pub(crate) fn push_marker(html: &mut String, index: usize) {
    let _ = write!(html, "{LINK_MARKER}{index}{LINK_MARKER}");
}

/// Replaces each marker with the URL `resolve` gives for that link index.
pub fn resolve_link_markers(html: &str, mut resolve: impl FnMut(usize) -> String) -> String {
    if !html.contains(LINK_MARKER) {
        return html.to_string();
    }
    let mut out = String::with_capacity(html.len());
    for (i, part) in html.split(LINK_MARKER).enumerate() {
        if i % 2 == 1 {
            match part.parse::<usize>() {
                Ok(index) => out.push_str(&resolve(index)),
                Err(_) => out.push_str(part),
            }
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_replaced_in_order() {
        let mut html = String::from("<a href=\"");
        push_marker(&mut html, 0);
        html.push_str("\">x</a><a href=\"");
        push_marker(&mut html, 1);
        html.push_str("\">y</a>");
        let out = resolve_link_markers(&html, |i| format!("../doc{i}/"));
        assert_eq!(out, "<a href=\"../doc0/\">x</a><a href=\"../doc1/\">y</a>");
    }
}
