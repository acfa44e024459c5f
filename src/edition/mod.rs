//! Editions that put many pages of the site into one: the print edition (`print/`, a page of
//! the site) and the single-file edition (one self-contained HTML file).
//!
//! Both are made from the pages the theme already rendered, so they look and read like the
//! site and a theme needs no second set of templates: each page's `<main>` content becomes a
//! part of the edition, its ids are prefixed with the part's anchor (`p3` in document `x`
//! becomes `doc-x-p3`), and links between pages become links within the edition.

mod data_uri;
pub mod html;
pub mod paths;
mod rewrite;
mod single_file;

pub use rewrite::{KeptDrafts, Outside, Rewriter, ids, inline_element};
pub use single_file::single_file;

use std::collections::HashMap;

use crate::error::BuildError;
use crate::output::OutputFile;

/// A page of the site that becomes a part of an edition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Part {
    /// The page's path from the site root (`documents/x/`).
    pub path: String,
    /// The part's id in the edition (`doc-x`), also the prefix of the ids inside it.
    pub anchor: String,
}

/// A page that is not in an edition but that a part shows, such as a term page whose entry
/// is in the topic index: links to it go to `#<anchor>-<fragment>`, or to `#<anchor>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// The page's path from the site root (`topics/places/russia/`).
    pub path: String,
    /// The part that shows it.
    pub anchor: String,
    /// The id, within that part, of what shows it.
    pub fragment: Option<String>,
}

/// What an edition is made of, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    /// The pages, in reading order.
    pub parts: Vec<Part>,
    /// Pages shown by an element of a part.
    pub aliases: Vec<Alias>,
}

/// The site's files by path, for looking pages up.
pub type Files<'a> = HashMap<&'a str, &'a [u8]>;

/// Indexes files by path.
pub fn files_by_path(files: &[OutputFile]) -> Files<'_> {
    files
        .iter()
        .map(|f| (&*f.path, f.bytes.as_slice()))
        .collect()
}

/// The HTML of the page at `path` (`documents/x/`), found as `documents/x/index.html`.
pub fn page_html<'a>(
    files: &Files<'a>,
    path: &str,
    edition: &'static str,
) -> Result<&'a str, BuildError> {
    let file = format!("{path}index.html");
    let bytes = files
        .get(file.as_str())
        .ok_or_else(|| BuildError::Edition {
            edition,
            page: file.clone(),
            reason: "the site has no such page".into(),
        })?;
    std::str::from_utf8(bytes).map_err(|_| BuildError::Edition {
        edition,
        page: file,
        reason: "the page is not UTF-8".into(),
    })
}

/// The byte range of the content of the page's `<main>` element.
pub fn main_content(
    html: &str,
    page: &str,
    edition: &'static str,
) -> Result<std::ops::Range<usize>, BuildError> {
    let missing = || BuildError::Edition {
        edition,
        page: page.to_string(),
        reason: "the page has no <main> element".into(),
    };
    let open = html
        .match_indices("<main")
        .map(|(at, _)| at)
        .find(|&at| {
            html[at + 5..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c.is_ascii_whitespace())
        })
        .ok_or_else(missing)?;
    let start = open + html[open..].find('>').ok_or_else(missing)? + 1;
    let end = html
        .rfind("</main>")
        .filter(|&e| e >= start)
        .ok_or_else(missing)?;
    Ok(start..end)
}

/// Each part's `<main>` content as the site has it.
pub fn part_contents<'a>(
    layout: &Layout,
    files: &Files<'a>,
    edition: &'static str,
) -> Result<Vec<&'a str>, BuildError> {
    layout
        .parts
        .iter()
        .map(|part| {
            let html = page_html(files, &part.path, edition)?;
            let range = main_content(html, &part.path, edition)?;
            Ok(&html[range])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_of_main_is_found() {
        let html = "<body><header></header><main id=\"main\" tabindex=\"-1\">\n<p>x</p>\n</main><footer></footer>";
        let range = main_content(html, "p", "print edition").unwrap();
        assert_eq!(&html[range], "\n<p>x</p>\n");
        assert!(main_content("<mainly>", "p", "print edition").is_err());
    }

    #[test]
    fn parts_are_prefixed_and_linked_in_place() {
        let layout = Layout {
            parts: vec![
                Part {
                    path: "documents/a/".into(),
                    anchor: "doc-a".into(),
                },
                Part {
                    path: "documents/b/".into(),
                    anchor: "doc-b".into(),
                },
            ],
            aliases: vec![Alias {
                path: "topics/places/x/".into(),
                anchor: "doc-b".into(),
                fragment: Some("x".into()),
            }],
        };
        let a = "<div id=\"p1\"><a href=\"#p1\">¶1</a> <a href=\"../b/index.html#p2\">b</a> <a href=\"../b/#p9\">gone</a></div>";
        let b = "<h2 id=\"x\" aria-labelledby=\"x y\">X</h2><p id=\"p2\"><a href=\"../../topics/places/x/\">x</a> <a href=\"../../timeline.json\">data</a> <a href=\"https://e.org/\">e</a></p>";
        let contents = [a, b];
        let mut page = Rewriter::new(&layout, vec![], Outside::Page("print/"));
        let out = page.rewrite_parts(&layout, &contents);
        assert_eq!(
            out[0],
            "<div id=\"doc-a-p1\"><a href=\"#doc-a-p1\">¶1</a> <a href=\"#doc-b-p2\">b</a> <a href=\"#doc-b\">gone</a></div>"
        );
        assert_eq!(
            out[1],
            "<h2 id=\"doc-b-x\" aria-labelledby=\"doc-b-x doc-b-y\">X</h2><p id=\"doc-b-p2\"><a href=\"#doc-b-x\">x</a> <a href=\"../timeline.json\">data</a> <a href=\"https://e.org/\">e</a></p>"
        );
        let none = |_: &str| None;
        let mut inline = Rewriter::new(&layout, vec![], Outside::Inline(&none));
        let out = inline.rewrite_parts(&layout, &contents);
        assert!(out[1].contains("<span>data</span>"), "{}", out[1]);
    }

    #[test]
    fn links_reach_ids_found_later_and_only_missing_ones_fall_back_to_the_part() {
        let part = |name: &str| Part {
            path: format!("documents/{name}/"),
            anchor: format!("doc-{name}"),
        };
        let layout = Layout {
            parts: vec![part("a"), part("b")],
            aliases: vec![],
        };
        let a = "<a href=\"#later\">toc</a> <a href=\"../b/#p1\">b</a> <a href=\"../b/#none\">x</a> <a href=\"#frame\">f</a><h2 id=\"later\">L</h2>";
        let b = "<p id=\"p1\"><a href=\"../a/#later\">a</a></p>";
        let mut rewriter =
            Rewriter::new(&layout, vec!["doc-a-frame".into()], Outside::Page("print/"));
        let out = rewriter.rewrite_parts(&layout, &[a, b]);
        assert_eq!(
            out[0],
            "<a href=\"#doc-a-later\">toc</a> <a href=\"#doc-b-p1\">b</a> <a href=\"#doc-b\">x</a> <a href=\"#doc-a-frame\">f</a><h2 id=\"doc-a-later\">L</h2>"
        );
        assert_eq!(
            out[1],
            "<p id=\"doc-b-p1\"><a href=\"#doc-a-later\">a</a></p>"
        );
        let frame = rewriter.rewrite("<a href=\"documents/b/#p1\">b</a>", "", None);
        assert_eq!(frame, "<a href=\"#doc-b-p1\">b</a>");
    }

    #[test]
    fn kept_drafts_make_the_same_parts_sharing_those_unchanged() {
        let part = |name: &str, anchor: &str| Part {
            path: format!("documents/{name}/"),
            anchor: anchor.into(),
        };
        let layout = |anchor_b: &str| Layout {
            parts: vec![part("a", "doc-a"), part("b", anchor_b)],
            aliases: vec![],
        };
        let fresh = |layout: &Layout, contents: &[&str]| {
            Rewriter::new(layout, vec![], Outside::Page("print/")).rewrite_parts(layout, contents)
        };
        let mut kept = KeptDrafts::default();
        let mut keeping = |layout: &Layout, contents: &[&str]| {
            let mut rewriter = Rewriter::new(layout, vec![], Outside::Page("print/"));
            rewriter.rewrite_parts_keeping(layout, contents, &mut kept)
        };
        let text = |parts: &[std::sync::Arc<String>]| {
            parts.iter().map(|p| p.to_string()).collect::<Vec<_>>()
        };
        let a = "<p id=\"p1\"><a href=\"../b/#p2\">b</a></p>";
        let (b, b_edited) = ("<p id=\"p2\">B</p>", "<p id=\"p3\">B</p>");
        let one = layout("doc-b");

        let first = keeping(&one, &[a, b]);
        assert_eq!(text(&first), fresh(&one, &[a, b]));
        assert!(first[0].contains("href=\"#doc-b-p2\""));

        let again = keeping(&one, &[a, b]);
        assert!(
            std::sync::Arc::ptr_eq(&first[0], &again[0]),
            "taken, not made again"
        );
        assert!(std::sync::Arc::ptr_eq(&first[1], &again[1]));

        // The kept part a links to an id b no longer has: it must be rewritten after all.
        let edited = keeping(&one, &[a, b_edited]);
        assert_eq!(text(&edited), fresh(&one, &[a, b_edited]));
        assert!(edited[0].contains("href=\"#doc-b\""), "{}", edited[0]);

        let other = layout("part-b");
        let moved = keeping(&other, &[a, b_edited]);
        assert_eq!(text(&moved), fresh(&other, &[a, b_edited]));
        assert!(moved[1].contains("id=\"part-b-p3\""), "{}", moved[1]);
    }
}
