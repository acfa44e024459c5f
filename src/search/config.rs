//! The `[search]` section of `config.toml`: whether to build the index, which fields feed
//! it and which words are too common to be worth indexing.

use serde::de::{Deserializer, Error as _};
use serde::{Deserialize, Serialize};

/// The field names a pack may list in `fields`, so a typo fails the build instead of
/// silently leaving a field out of the index.
pub const FIELD_NAMES: [&str; 5] = ["title", "text", "author", "kind", "terms"];

/// A short English list (Lucene's): these words carry little meaning on their own, and
/// dropping them shrinks the postings; phrases still match because positions are kept.
pub const DEFAULT_STOP_WORDS: [&str; 33] = [
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "if", "in", "into", "is", "it",
    "no", "not", "of", "on", "or", "such", "that", "the", "their", "then", "there", "these",
    "they", "this", "to", "was", "will", "with",
];

/// Search settings, deserialised from `[search]`; every key is optional so a pack only
/// states what it changes, and unknown keys are errors so typos are caught.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Whether to write the search index at all (a pack may be too sensitive or too small).
    pub enabled: bool,
    /// Which of [`FIELD_NAMES`] are indexed; paragraph text is `"text"`.
    #[serde(deserialize_with = "known_fields")]
    pub fields: Vec<String>,
    /// Words left out of the index; compared after folding, so case and accents don't matter.
    pub stop_words: Vec<String>,
}

impl Default for SearchConfig {
    fn default() -> Self {
        Self {
            enabled: true,
            fields: FIELD_NAMES.iter().map(|f| (*f).to_owned()).collect(),
            stop_words: DEFAULT_STOP_WORDS.iter().map(|w| (*w).to_owned()).collect(),
        }
    }
}

impl SearchConfig {
    /// Whether `field` (one of [`FIELD_NAMES`]) is to be indexed.
    pub(crate) fn indexes(&self, field: &str) -> bool {
        self.fields.iter().any(|f| f == field)
    }
}

fn known_fields<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<String>, D::Error> {
    let fields = Vec::<String>::deserialize(deserializer)?;
    match fields.iter().find(|f| !FIELD_NAMES.contains(&f.as_str())) {
        Some(unknown) => Err(D::Error::unknown_variant(unknown, &FIELD_NAMES)),
        None => Ok(fields),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(toml_text: &str) -> Result<SearchConfig, toml::de::Error> {
        toml::from_str(toml_text)
    }

    #[test]
    fn an_empty_section_gives_the_defaults() {
        let config = parse("").unwrap();
        assert_eq!(config, SearchConfig::default());
        assert!(config.enabled);
        assert_eq!(config.fields.len(), 5);
        assert!(config.stop_words.iter().any(|w| w == "the"));
    }

    #[test]
    fn keys_override_defaults_one_by_one() {
        let config = parse("enabled = false\nfields = [\"title\", \"text\"]").unwrap();
        assert!(!config.enabled);
        assert!(config.indexes("text"));
        assert!(!config.indexes("author"));
        assert_eq!(config.stop_words, SearchConfig::default().stop_words);
    }

    #[test]
    fn unknown_keys_are_rejected() {
        let error = parse("stopwords = []").unwrap_err().to_string();
        assert!(error.contains("stopwords"), "{error}");
    }

    #[test]
    fn unknown_field_names_are_rejected() {
        let error = parse("fields = [\"body\"]").unwrap_err().to_string();
        assert!(error.contains("body") && error.contains("title"), "{error}");
    }
}
