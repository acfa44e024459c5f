//! Everything that can be wrong with a vocabulary.
//!
//! Errors carry byte spans into `index.toml` so the caller can print `file:line:col`, and
//! name the term concerned so the message makes sense without the file open. Errors about
//! front-matter tags have no span in `index.toml`; the caller knows which documents carry
//! the tag.

use std::ops::Range;

/// A problem found in `index.toml` or in the front-matter tags added to the vocabulary.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum VocabularyError {
    /// The file is not valid TOML.
    #[error("{message}")]
    Toml {
        /// The TOML parser's explanation.
        message: String,
        /// Where the parser stopped (`0..0` when it could not say).
        span: Range<usize>,
    },
    /// A key that the vocabulary format does not have (often a typo).
    #[error("unknown key `{key}`{}{}", in_term(term), did_you_mean(suggestion))]
    UnknownKey {
        /// The term whose table holds the key, if not at the top level.
        term: Option<String>,
        /// The key as written.
        key: String,
        /// The key's span.
        span: Range<usize>,
        /// The known key it most resembles.
        suggestion: Option<String>,
    },
    /// A required key is absent.
    #[error("{term} has no `{key}`")]
    MissingKey {
        /// The term (or `[[terms]] #n` when it has no name).
        term: String,
        /// The missing key.
        key: &'static str,
        /// The span of the term's table.
        span: Range<usize>,
    },
    /// A value of the wrong TOML type.
    #[error("`{key}` of {term} must be {expected}")]
    WrongType {
        /// The term (or `[[terms]] #n` when it has no name).
        term: String,
        /// The key whose value is wrong.
        key: String,
        /// What the key must hold.
        expected: &'static str,
        /// The value's span.
        span: Range<usize>,
    },
    /// `name = ""`: a term must be called something.
    #[error("[[terms]] #{position} has an empty name")]
    EmptyName {
        /// The term's position in the file, from 1.
        position: usize,
        /// The name's span.
        span: Range<usize>,
    },
    /// An empty string among the aliases would match nothing useful.
    #[error("`{term}` has an empty alias")]
    EmptyAlias {
        /// The term.
        term: String,
        /// The alias's span.
        span: Range<usize>,
    },
    /// The taxonomy is not one of the pack's.
    #[error("`{term}` is in unknown taxonomy `{taxonomy}` (known: {})", known.join(", "))]
    UnknownTaxonomy {
        /// The term.
        term: String,
        /// The taxonomy as written.
        taxonomy: String,
        /// The taxonomy's span.
        span: Range<usize>,
        /// The pack's taxonomies.
        known: Vec<String>,
    },
    /// `case` is neither "sensitive" nor "insensitive".
    #[error("`case` of `{term}` is `{value}`; write \"sensitive\" or \"insensitive\"")]
    InvalidCase {
        /// The term.
        term: String,
        /// The value as written.
        value: String,
        /// The value's span.
        span: Range<usize>,
    },
    /// Two terms claim the same name or alias, so a match could not say which term it is.
    #[error("`{alias}` is claimed by both `{first_term}` and `{second_term}`")]
    AliasClaimedTwice {
        /// The name or alias as written the second time.
        alias: String,
        /// The term that claimed it first.
        first_term: String,
        /// The term that claims it again.
        second_term: String,
        /// The span of the second claim.
        span: Range<usize>,
    },
    /// A `see_also` entry names no term.
    #[error(
        "`{term}` has see_also `{target}`, which is no term{}",
        did_you_mean(suggestion)
    )]
    SeeAlsoNowhere {
        /// The term holding the reference.
        term: String,
        /// The reference as written.
        target: String,
        /// The reference's span.
        span: Range<usize>,
        /// The term name it most resembles.
        suggestion: Option<String>,
    },
    /// A `see_also` entry names terms in several taxonomies.
    #[error("`{term}` has see_also `{target}`, which could be any of {}", candidates.join(", "))]
    SeeAlsoAmbiguous {
        /// The term holding the reference.
        term: String,
        /// The reference as written.
        target: String,
        /// The reference's span.
        span: Range<usize>,
        /// The matching terms as "taxonomy/name".
        candidates: Vec<String>,
    },
    /// A term refers to itself in `see_also`.
    #[error("`{term}` lists itself in see_also")]
    SeeAlsoSelf {
        /// The term.
        term: String,
        /// The reference's span.
        span: Range<usize>,
    },
    /// Two terms of one taxonomy would get the same page.
    #[error("`{first}` and `{second}` would both have the slug `{slug}`; rename one")]
    SlugCollision {
        /// The earlier term.
        first: String,
        /// The later term.
        second: String,
        /// The shared slug.
        slug: String,
        /// The later term's name span.
        span: Range<usize>,
    },
    /// A front-matter tag is empty.
    #[error("a document has an empty `{taxonomy}` tag")]
    TagEmpty {
        /// The taxonomy of the tag.
        taxonomy: String,
    },
    /// A front-matter tag belongs to a taxonomy the pack does not have.
    #[error("tag `{tag}` is in unknown taxonomy `{taxonomy}` (known: {})", known.join(", "))]
    TagUnknownTaxonomy {
        /// The tag.
        tag: String,
        /// Its taxonomy.
        taxonomy: String,
        /// The pack's taxonomies.
        known: Vec<String>,
    },
    /// A front-matter tag would share a page with a different term.
    #[error("tag `{tag}` ({taxonomy}) and term `{existing}` would both have the slug `{slug}`")]
    TagSlugCollision {
        /// The tag.
        tag: String,
        /// Its taxonomy.
        taxonomy: String,
        /// The term already holding the slug.
        existing: String,
        /// The shared slug.
        slug: String,
    },
}

impl VocabularyError {
    /// Where in `index.toml` the problem is; `None` for front-matter tag problems.
    pub fn span(&self) -> Option<Range<usize>> {
        match self {
            Self::Toml { span, .. }
            | Self::UnknownKey { span, .. }
            | Self::MissingKey { span, .. }
            | Self::WrongType { span, .. }
            | Self::EmptyName { span, .. }
            | Self::EmptyAlias { span, .. }
            | Self::UnknownTaxonomy { span, .. }
            | Self::InvalidCase { span, .. }
            | Self::AliasClaimedTwice { span, .. }
            | Self::SeeAlsoNowhere { span, .. }
            | Self::SeeAlsoAmbiguous { span, .. }
            | Self::SeeAlsoSelf { span, .. }
            | Self::SlugCollision { span, .. } => Some(span.clone()),
            Self::TagEmpty { .. }
            | Self::TagUnknownTaxonomy { .. }
            | Self::TagSlugCollision { .. } => None,
        }
    }
}

fn in_term(term: &Option<String>) -> String {
    term.as_ref()
        .map(|name| format!(" in `{name}`"))
        .unwrap_or_default()
}

fn did_you_mean(suggestion: &Option<String>) -> String {
    suggestion
        .as_ref()
        .map(|s| format!("; did you mean `{s}`?"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_name_the_term_and_the_fix() {
        let error = VocabularyError::SeeAlsoNowhere {
            term: "Russia".into(),
            target: "Sergei Lavrov".into(),
            span: 3..5,
            suggestion: Some("Sergey Lavrov".into()),
        };
        assert_eq!(
            error.to_string(),
            "`Russia` has see_also `Sergei Lavrov`, which is no term; did you mean `Sergey Lavrov`?"
        );
        assert_eq!(error.span(), Some(3..5));
        let key = VocabularyError::UnknownKey {
            term: Some("Syria".into()),
            key: "alias".into(),
            span: 0..5,
            suggestion: Some("aliases".into()),
        };
        assert_eq!(
            key.to_string(),
            "unknown key `alias` in `Syria`; did you mean `aliases`?"
        );
        let tag = VocabularyError::TagEmpty {
            taxonomy: "topics".into(),
        };
        assert_eq!(tag.span(), None);
    }
}
