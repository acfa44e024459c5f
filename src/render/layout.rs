//! Which pages make up the print and single-file editions, and under which anchors.

use super::print::PRINT_PATH;
use super::topics::term_url;
use super::views::document_url;
use crate::edition::{Alias, Layout, Part};
use crate::pack::Pack;

/// What a document's part anchor starts with, before its slug.
pub const DOCUMENT_ANCHOR_PREFIX: &str = "doc-";

/// The anchor of a document's part: `doc-<slug>`, so its paragraphs are `doc-<slug>-p3`.
pub fn document_anchor(slug: &str) -> String {
    format!("{DOCUMENT_ANCHOR_PREFIX}{slug}")
}

/// The pack's editions in reading order: the front page (when `front`), every document in
/// pack order, the timeline and the topic index. Term pages are not parts: links to them go
/// to their entry in the topic index. An edition with the front page holds everything the
/// print edition does, so links to the print edition go to its start.
pub fn edition_layout(pack: &Pack, front: bool) -> Layout {
    let mut parts = Vec::with_capacity(pack.documents.len() + 3);
    if front {
        parts.push(part("", "front"));
    }
    for doc in &pack.documents {
        parts.push(Part {
            path: document_url(&doc.slug),
            anchor: document_anchor(&doc.slug),
        });
    }
    parts.push(part("timeline/", "timeline"));
    parts.push(part("topics/", "topics"));
    let vocabulary = &pack.analysis.vocabulary;
    let aliases = pack
        .analysis
        .topics
        .entries
        .iter()
        .map(|entry| {
            let term = vocabulary.get(entry.term);
            Alias {
                path: term_url(term),
                anchor: "topics".into(),
                fragment: Some(format!("{}-{}", term.taxonomy, term.slug)),
            }
        })
        .chain(front.then(|| Alias {
            path: PRINT_PATH.into(),
            anchor: "front".into(),
            fragment: None,
        }))
        .collect();
    Layout { parts, aliases }
}

fn part(path: &str, anchor: &str) -> Part {
    Part {
        path: path.into(),
        anchor: anchor.into(),
    }
}
