//! Turning a document's body into HTML blocks with stable paragraph ids.
//!
//! Every top-level block (paragraph, list, blockquote, table, code) is wrapped with an id
//! `p1`, `p2`, … and a visible ¶ link, so any sentence in a pack can be cited to its paragraph;
//! the timeline and topic index link to these ids. Links to other source files are left as
//! markers in the HTML and resolved once the whole pack is known, which keeps this stage a
//! pure function of one file.

mod highlight;
mod links;
mod nesting;
mod plain;
mod render;
mod sanitize;
mod table;

#[cfg(test)]
mod props;

pub use highlight::{HighlightError, check_highlight_theme, syntax_css};
pub use links::{LINK_MARKER, resolve_link_markers};
pub use nesting::check_nesting;
pub use plain::render_plain_text;
pub use render::{MarkdownOptions, render_markdown};
pub(crate) use sanitize::is_web_address;

use std::fmt;
use std::ops::Range;

use serde::Serialize;

/// A rendered body: the HTML and what the later stages need to know about it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Body {
    /// The HTML, with each internal link's `href` left as a marker (see [`LINK_MARKER`]).
    pub html: String,
    /// The numbered blocks in order.
    pub blocks: Vec<Block>,
    /// Headings with their anchor ids.
    pub headings: Vec<Heading>,
    /// Links to other source files, in the order the markers appear.
    pub links: Vec<InternalLink>,
    /// Links to web (`http`, `https`) addresses, in file order, for `check --external`; a
    /// document's `source_url` is put first when the file is parsed.
    pub web_links: Vec<WebLink>,
}

/// One numbered block of a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// `p1`, `p2`, …
    pub id: String,
    /// The block's text without markup, for the timeline, index and search.
    pub text: String,
    /// Where the block starts in the file.
    pub offset: usize,
}

/// A heading and its anchor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// The anchor id, unique in the document.
    pub id: String,
    /// The heading's text.
    pub text: String,
    /// 1 to 6.
    pub level: u8,
}

/// A link to another source file (or an anchor in this one) found in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InternalLink {
    /// The path part as written (`hansard.md`); empty for a link within the document.
    pub target: String,
    /// The part after `#`, if any.
    pub fragment: Option<String>,
    /// The link's place in the file, for errors.
    pub span: Range<usize>,
}

/// A link to a web address found in a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WebLink {
    /// The address as written.
    pub url: String,
    /// The link's place in the file, for findings.
    pub span: Range<usize>,
}

/// The number of a numbered block, from 1: shown as ¶n, anchored at its id ([`block_id`]).
/// Index mentions and locators keep this rather than the id: a large pack has over a million
/// of them, and a page needs only the number to show and link to one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct BlockNumber(pub u32);

impl BlockNumber {
    /// The block at `position` (from 0) of its body.
    pub fn at(position: usize) -> Self {
        Self(u32::try_from(position + 1).unwrap_or(u32::MAX))
    }

    /// The number in an id [`block_id`] made ("p3" gives 3); `None` for any other id.
    pub fn of_id(id: &str) -> Option<Self> {
        let digits = id.strip_prefix('p')?;
        let canonical = digits.bytes().all(|b| b.is_ascii_digit()) && !digits.starts_with('0');
        canonical.then(|| digits.parse().ok().map(Self)).flatten()
    }
}

/// Shows the block's id, `p3`.
impl fmt::Display for BlockNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "p{}", self.0)
    }
}

/// The id of the `n`th numbered block (1-based).
pub fn block_id(n: usize) -> String {
    format!("p{n}")
}

/// The opening of a numbered block's wrapper, with its ¶ link.
fn block_open(html: &mut String, n: usize) {
    use std::fmt::Write;
    let _ = write!(
        html,
        "<div class=\"block\" id=\"p{n}\"><a class=\"pilcrow\" href=\"#p{n}\" \
         aria-label=\"Paragraph {n}\" data-para=\"{n}\">¶{n}</a>"
    );
}

const BLOCK_CLOSE: &str = "</div>\n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_number_reads_back_from_the_id_it_shows() {
        for position in [0, 1, 9, 99_999] {
            let number = BlockNumber::at(position);
            assert_eq!(number.to_string(), block_id(position + 1));
            assert_eq!(BlockNumber::of_id(&number.to_string()), Some(number));
        }
        assert_eq!(BlockNumber::at(2), BlockNumber(3));
    }

    #[test]
    fn only_ids_made_for_blocks_have_a_number() {
        for id in [
            "",
            "p",
            "p0",
            "p03",
            "p+3",
            "p-1",
            "q3",
            "p3a",
            "notes",
            "p1-heading",
        ] {
            assert_eq!(BlockNumber::of_id(id), None, "{id}");
        }
    }
}
