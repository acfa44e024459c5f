//! What the search index needs to know about one document, borrowed from the pack model so
//! the index can be built without copying the texts.

use crate::markdown::Block;

/// One document as the search index sees it.
#[derive(Debug, Clone, Copy)]
pub struct SearchDocument<'a> {
    /// The document's slug, unique in the pack.
    pub slug: &'a str,
    /// Its page under the site root, `documents/<slug>/`; results link here plus `#pN`.
    pub url: &'a str,
    /// Its title, shown in results and indexed with a boost.
    pub title: &'a str,
    /// Its kind ("letter", "debate"), shown in results and used by the kind filter.
    pub kind: Option<&'a str>,
    /// Its author, shown nowhere but indexed so a name finds the author's documents.
    pub author: Option<&'a str>,
    /// Its date as ISO 8601 at the precision known: "2016-10-18", "2017-01" or "2005".
    pub date_iso: Option<&'a str>,
    /// Its date as readers see it ("18 October 2016"), shown in results.
    pub date_label: Option<&'a str>,
    /// Its index terms, indexed so a topic finds the documents filed under it.
    pub terms: &'a [String],
    /// Its top-level blocks in order: (paragraph id such as "p1", plain text).
    pub paragraphs: &'a [Block],
}
