//! Making raw HTML and link addresses written in Markdown safe to publish.
//!
//! Packs are assembled from material scraped off the web and edited by many hands, then
//! published under an organisation's name, so HTML written in a document must not be able to
//! run script or load content from elsewhere. Only the HTML an editor wrote is cleaned; the
//! renderer's own markup (paragraph ids, classes, highlighted code) is never touched.
//!
//! Block-level HTML arrives whole and is cleaned by ammonia. Inline HTML arrives one tag at a
//! time (`<sup>`, text, `</sup>`), which an HTML sanitiser cannot judge alone (it would
//! close or drop every tag), so each inline tag is checked against a short list of harmless
//! phrasing tags and kept without attributes, or else shown as text.

use std::borrow::Cow;
use std::sync::OnceLock;

use super::plain::escape_into;

/// Inline tags an editor may use; they are kept without attributes.
const INLINE_TAGS: [&str; 22] = [
    "abbr", "b", "bdi", "bdo", "br", "cite", "del", "em", "i", "ins", "kbd", "mark", "q", "s",
    "small", "span", "strong", "sub", "sup", "time", "u", "wbr",
];

fn cleaner() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let mut builder = ammonia::Builder::default();
        builder
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer"));
        builder
    })
}

/// Cleans a block of raw HTML: no scripts, event handlers, frames, objects, styles or
/// `javascript:`/`data:` addresses survive.
pub(crate) fn clean_block(html: &str) -> String {
    cleaner().clean(html).to_string()
}

/// Checks one inline tag: a harmless phrasing tag is kept, stripped of attributes; anything
/// else (and comments) is shown as text.
pub(crate) fn clean_inline(html: &str) -> Cow<'static, str> {
    if html.starts_with("<!--") {
        return Cow::Borrowed("");
    }
    match tag_name(html) {
        Some((closing, name)) if is_inline_tag(&name) => Cow::Owned(if closing {
            format!("</{name}>")
        } else {
            format!("<{name}>")
        }),
        _ => {
            let mut escaped = String::new();
            escape_into(&mut escaped, html);
            Cow::Owned(escaped)
        }
    }
}

pub(super) fn is_inline_tag(name: &str) -> bool {
    INLINE_TAGS.contains(&name)
}

/// `(is_closing, lowercase name)` of a lone tag such as `<sup class="x">` or `</sup>`.
fn tag_name(html: &str) -> Option<(bool, String)> {
    let inner = html.strip_prefix('<')?.strip_suffix('>')?;
    let (closing, rest) = match inner.strip_prefix('/') {
        Some(rest) => (true, rest),
        None => (false, inner),
    };
    let name: String = rest
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .collect();
    let after = &rest[name.len()..];
    let well_formed = !name.is_empty()
        && (after.is_empty() || after.starts_with([' ', '\t', '\n', '/']))
        && !after.contains(['<', '>']);
    well_formed.then(|| (closing, name.to_ascii_lowercase()))
}

/// Whether a link or image address is safe to publish: web and mail addresses, and paths and
/// anchors within the pack. Script and data addresses are refused, however they are disguised
/// with case, spaces, control characters or entities.
/// An `http(s)://` address: the only kind a document's `source_url` may have, and the kind
/// `check --external` asks about.
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

pub(crate) fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    if cleaned.contains("&#") {
        return false;
    }
    let Some(colon) = cleaned.find(':') else {
        return true;
    };
    let before_path = cleaned
        .find(['/', '?', '#'])
        .is_none_or(|slash| colon < slash);
    if !before_path {
        return true;
    }
    matches!(&cleaned[..colon], "http" | "https" | "mailto")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_lose_scripts_handlers_and_frames() {
        let cleaned = clean_block(
            "<div onclick=\"x()\"><script>alert(1)</script><iframe src=\"//evil\"></iframe><p>ok <a href=\"javascript:alert(1)\">a</a></p><style>*{}</style></div>",
        );
        for bad in [
            "onclick",
            "<script",
            "alert(1)</",
            "<iframe",
            "javascript:",
            "<style",
        ] {
            assert!(!cleaned.contains(bad), "{bad} in {cleaned}");
        }
        assert!(cleaned.contains("<p>ok <a"));
    }

    #[test]
    fn inline_tags_are_kept_bare_or_shown_as_text() {
        assert_eq!(
            clean_inline("<sup class=\"x\" onmouseover=\"y()\">"),
            "<sup>"
        );
        assert_eq!(clean_inline("</SUP>"), "</sup>");
        assert_eq!(clean_inline("<br/>"), "<br>");
        assert_eq!(clean_inline("<script>"), "&lt;script&gt;");
        assert_eq!(
            clean_inline("<img src=x onerror=alert(1)>"),
            "&lt;img src=x onerror=alert(1)&gt;"
        );
        assert_eq!(clean_inline("<!-- note -->"), "");
        assert_eq!(clean_inline("<supx>"), "&lt;supx&gt;");
    }

    #[test]
    fn only_web_mail_and_local_addresses_are_safe() {
        for safe in [
            "https://example.org/a",
            "mailto:a@b.org",
            "other.md#p3",
            "#p1",
            "../x/",
            "a/b:c",
        ] {
            assert!(is_safe_url(safe), "{safe}");
        }
        for unsafe_url in [
            "javascript:alert(1)",
            "JaVaScRiPt:alert(1)",
            " javascript:alert(1)",
            "java\tscript:alert(1)",
            "java\u{0}script:alert(1)",
            "data:text/html,<script>",
            "vbscript:msgbox",
            "&#106;avascript:alert(1)",
        ] {
            assert!(!is_safe_url(unsafe_url), "{unsafe_url:?}");
        }
    }
}
