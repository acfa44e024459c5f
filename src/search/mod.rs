//! Full-text search that works from `file://` as well as when hosted, and lands the reader
//! on the paragraph.
//!
//! [`build_search_index`] turns the pack's documents into a handful of scripts under
//! `search/`, which `static/search.js` loads with `<script src>` tags (never `fetch`, which
//! `file://` pages may not use). Each script calls
//! `window.casebookSearch.register(kind, number, payload)`:
//!
//! - `search/index.js` (kind `"index"`): the document table, the surface-form dictionary
//!   and where each stem's postings and each document's text live. Loaded when the search
//!   box is first focused.
//! - `search/postings-N.js` (`"postings"`): the postings of a range of stems, delta-coded
//!   numbers in a compact string form (see `postings` and `vlq`), loaded for the words typed,
//!   with the text of the paragraph that a search for each common word shows first (see
//!   `lead`), so the first result need not wait for a text shard.
//! - `search/text-N.js` (`"text"`): the paragraph texts of a range of documents, loaded only
//!   for the documents shown, to cut snippets from.
//!
//! The browser never stems. The dictionary maps every folded word as it appears ("bombings")
//! to its stem's id, so the client looks up what was typed (exactly, or by prefix for the
//! word being typed), collects stem ids and fetches their postings: Rust and JavaScript
//! cannot disagree about stemming, and only folding (`tokenize`) is written twice.
//!
//! Postings are per paragraph with word positions, so results rank paragraphs (BM25 with a
//! title boost), quoted phrases are matched from positions, and every result links to
//! `documents/<slug>/#pN`.

mod analyze;
mod config;
mod dictionary;
mod doc_table;
mod document;
mod document_words;
mod index;
mod kept;
mod lead;
mod postings;
mod script;
mod shard;
mod tokenize;
mod vlq;

#[cfg(test)]
mod index_tests;

pub use config::{DEFAULT_STOP_WORDS, FIELD_NAMES, SearchConfig};
pub use document::SearchDocument;
pub use index::{SearchIndex, build_search_index, build_search_index_keeping};
pub use kept::KeptWords;
