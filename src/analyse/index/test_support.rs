//! Helpers shared by the index's unit tests.

use super::{Vocabulary, parse_vocabulary};
use crate::markdown::Block;

/// The default taxonomies, in display order.
pub(crate) fn taxonomies() -> Vec<String> {
    ["topics", "people", "organisations", "places"]
        .map(String::from)
        .to_vec()
}

/// Parses a vocabulary that the test expects to be valid.
pub(crate) fn vocabulary(toml: &str) -> Vocabulary {
    parse_vocabulary(toml, &taxonomies()).unwrap_or_else(|errors| panic!("{errors:#?}"))
}

/// Paragraphs `p1`, `p2`, … from texts.
pub(crate) fn paragraphs(texts: &[&str]) -> Vec<Block> {
    texts
        .iter()
        .enumerate()
        .map(|(i, text)| Block {
            id: format!("p{}", i + 1),
            text: text.to_string(),
            offset: 0,
        })
        .collect()
}
