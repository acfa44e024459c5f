//! Analyses over the parsed documents: what the texts themselves say about topics (and, in
//! the timeline, dates).
//!
//! Analysis comes in two steps, like indexing a book: [`analyse_document`] reads one document
//! (pure, so a session caches it per document), and [`analyse_pack`] combines every
//! document's results into the pack-wide index.

pub mod index;
mod pack;
mod vocabulary_file;

pub use pack::{PackAnalysis, analyse_pack};
pub use vocabulary_file::load_vocabulary;

use index::{DocumentIndex, DocumentInput, Matcher, index_document};

use crate::source::Document;

/// What one document says, found by reading its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentAnalysis {
    /// Every mention of a vocabulary term, paragraph by paragraph.
    pub mentions: DocumentIndex,
}

/// Reads one document; a pure function of the document and the vocabulary's matcher.
pub fn analyse_document(doc: &Document, matcher: &Matcher) -> DocumentAnalysis {
    let input = DocumentInput {
        slug: &doc.slug,
        title: &doc.meta.title,
        sort_key: 0,
        paragraphs: &doc.body.blocks,
        tags: &[],
    };
    DocumentAnalysis {
        mentions: index_document(matcher, &input),
    }
}
