//! The topic index: a back-of-book index of the pack, down to the paragraph.
//!
//! The pipeline is:
//! 1. [`parse_vocabulary`] reads the hand-curated `index.toml`, and
//!    [`Vocabulary::with_front_matter_terms`] adds the documents' front-matter tags;
//! 2. [`Matcher`] finds every term in every paragraph in one linear pass;
//! 3. [`index_document`] turns one document's matches into [`Mention`]s (cacheable per
//!    document), and [`build_index`] combines documents into [`IndexEntry`]s with locators
//!    and related terms, which [`TopicIndex::to_json`] exports;
//! 4. [`suggest_terms`] lists recurring proper-noun phrases the vocabulary misses.

mod aggregate;
mod error;
mod excerpt;
mod folded;
mod json;
mod matcher;
mod normalise;
mod parse;
mod related;
mod sentence;
mod spelling;
mod suggest;
mod vocabulary;

#[cfg(test)]
mod test_support;

pub use aggregate::{
    DocumentIndex, DocumentInput, IndexEntry, Locator, Mention, TopicIndex, build_index,
    index_document,
};
pub use error::VocabularyError;
pub use matcher::{Matcher, TermMatch};
pub use normalise::is_apostrophe;
pub use parse::parse_vocabulary;
pub use suggest::{Suggestion, suggest_terms};
pub use vocabulary::{CaseRule, Origin, Term, TermId, Vocabulary};
