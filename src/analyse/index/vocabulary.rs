//! The pack's controlled vocabulary: the terms the index is built from.
//!
//! A back-of-book index is only as good as its vocabulary, so the vocabulary is curated by
//! hand in `index.toml` (parsed by [`parse_vocabulary`](super::parse_vocabulary)) and then
//! completed with the tags documents carry in their front matter.

use std::collections::HashMap;
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::error::VocabularyError;
use super::normalise::fold;
use crate::slug::slugify;

/// A term's position in [`Vocabulary::terms`]; cheap to copy and to use as a map key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TermId(pub(crate) usize);

impl TermId {
    /// The position in [`Vocabulary::terms`], for callers that keep per-term arrays.
    pub fn index(self) -> usize {
        self.0
    }
}

/// Whether a term's names must match the text's capitalisation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaseRule {
    /// "Court" matches "Court" only, not "court".
    Sensitive,
    /// "ceasefire" matches "Ceasefire" and "CEASEFIRE" too.
    Insensitive,
}

/// Where a term was defined, so diagnostics can point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// A `[[terms]]` table of `index.toml`; the span covers the table.
    Vocabulary {
        /// The table's byte span in `index.toml`.
        span: Range<usize>,
    },
    /// Added from a document's front-matter tag. Such a term has no curated aliases or case
    /// rule, so it is not searched for in the text: it indexes the documents tagged with it.
    FrontMatter,
}

/// One index term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// Its identity within the vocabulary.
    pub id: TermId,
    /// The display name, also matched in the text.
    pub name: String,
    /// The taxonomy (index section) it belongs to.
    pub taxonomy: String,
    /// Its URL slug, unique within the taxonomy.
    pub slug: String,
    /// Other ways the text refers to it, as written in `index.toml`.
    pub aliases: Vec<String>,
    /// Terms a reader of this one should also look at.
    pub see_also: Vec<TermId>,
    /// A one-line explanation for the index page.
    pub description: Option<String>,
    /// An explicit case rule for all of its names; `None` decides per name (see
    /// [`Term::case_for`]).
    pub case: Option<CaseRule>,
    /// Where it was defined.
    pub origin: Origin,
}

impl Term {
    /// The name followed by the aliases: every form the matcher looks for.
    pub fn forms(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.aliases.iter().map(String::as_str))
    }

    /// The case rule for one of its forms: the explicit rule if any, otherwise sensitive
    /// exactly when the form has an uppercase letter. A lowercase form ("ceasefire") is a
    /// common noun that may start a sentence; a capitalised one ("Court") is a proper name
    /// whose lowercase twin ("court") means something else.
    pub fn case_for(&self, form: &str) -> CaseRule {
        self.case.unwrap_or_else(|| default_case(form))
    }

    /// The key the index sorts by: case-folded name without a leading "the".
    pub(crate) fn sort_key(&self) -> (String, &str, TermId) {
        let folded = fold(&self.name);
        let key = folded.strip_prefix("the ").unwrap_or(&folded).to_string();
        (key, self.name.as_str(), self.id)
    }
}

/// The default case rule for a form (see [`Term::case_for`]).
pub(crate) fn default_case(form: &str) -> CaseRule {
    if form
        .chars()
        .any(|c| c.to_lowercase().ne(std::iter::once(c)))
    {
        CaseRule::Sensitive
    } else {
        CaseRule::Insensitive
    }
}

/// All terms of a pack, with look-up by name.
#[derive(Clone, Debug)]
pub struct Vocabulary {
    terms: Vec<Term>,
    taxonomies: Vec<String>,
    /// (taxonomy, folded name or alias) → term; the first claim wins.
    by_form: HashMap<(String, String), TermId>,
}

impl Vocabulary {
    /// Assembles a vocabulary from checked terms; `terms[i].id` must be `TermId(i)`.
    pub(crate) fn new(terms: Vec<Term>, taxonomies: Vec<String>) -> Self {
        let mut vocabulary = Vocabulary {
            terms: Vec::with_capacity(terms.len()),
            taxonomies,
            by_form: HashMap::new(),
        };
        for term in terms {
            vocabulary.push(term);
        }
        vocabulary
    }

    fn push(&mut self, term: Term) {
        debug_assert_eq!(term.id.0, self.terms.len());
        for form in term.forms() {
            self.by_form
                .entry((term.taxonomy.clone(), fold(form)))
                .or_insert(term.id);
        }
        self.terms.push(term);
    }

    /// All terms, in definition order (`index.toml` first, then front-matter tags).
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// The pack's taxonomies in display order; the index is sorted by it.
    pub fn taxonomies(&self) -> &[String] {
        &self.taxonomies
    }

    /// Whether two vocabularies have the same taxonomies and terms, so that term ids mean
    /// the same in both (at once when they are one and the same).
    pub fn same_terms(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
            || (self.taxonomies == other.taxonomies && self.terms == other.terms)
    }

    /// The term with this id.
    ///
    /// # Panics
    /// If `id` comes from another vocabulary with fewer terms.
    pub fn get(&self, id: TermId) -> &Term {
        &self.terms[id.0]
    }

    /// The terms of one taxonomy, in definition order.
    pub fn in_taxonomy<'a>(&'a self, taxonomy: &'a str) -> impl Iterator<Item = &'a Term> {
        self.terms.iter().filter(move |t| t.taxonomy == taxonomy)
    }

    /// The term of `taxonomy` called `name` or having it as an alias, compared
    /// case-insensitively (and regardless of apostrophe style, accents' encoding and
    /// spacing), as front-matter tags are written by hand.
    pub fn find_by_name(&self, taxonomy: &str, name: &str) -> Option<TermId> {
        self.by_form
            .get(&(taxonomy.to_string(), fold(name)))
            .copied()
    }

    /// Adds a term for every front-matter tag `(taxonomy, name)` that names no term or alias
    /// of its taxonomy yet, so tagging a document never needs a vocabulary edit; tags naming
    /// an existing term or alias map to it (look them up with [`Vocabulary::find_by_name`]).
    /// All problems are reported together.
    pub fn with_front_matter_terms(
        mut self,
        tags: &[(String, String)],
    ) -> Result<Vocabulary, Vec<VocabularyError>> {
        let mut errors = Vec::new();
        let mut slugs: HashMap<(String, String), TermId> = self
            .terms
            .iter()
            .map(|t| ((t.taxonomy.clone(), t.slug.clone()), t.id))
            .collect();
        for (taxonomy, name) in tags {
            let name: String = name.trim().nfc().collect();
            let name = name.as_str();
            if name.is_empty() {
                errors.push(VocabularyError::TagEmpty {
                    taxonomy: taxonomy.clone(),
                });
                continue;
            }
            if !self.taxonomies.contains(taxonomy) {
                errors.push(VocabularyError::TagUnknownTaxonomy {
                    tag: name.to_string(),
                    taxonomy: taxonomy.clone(),
                    known: self.taxonomies.clone(),
                });
                continue;
            }
            if self.find_by_name(taxonomy, name).is_some() {
                continue;
            }
            let slug = slugify(name);
            let id = TermId(self.terms.len());
            if let Some(&existing) = slugs.get(&(taxonomy.clone(), slug.clone())) {
                errors.push(VocabularyError::TagSlugCollision {
                    tag: name.to_string(),
                    taxonomy: taxonomy.clone(),
                    existing: self.get(existing).name.clone(),
                    slug,
                });
                continue;
            }
            slugs.insert((taxonomy.clone(), slug.clone()), id);
            self.push(Term {
                id,
                name: name.to_string(),
                taxonomy: taxonomy.clone(),
                slug,
                aliases: Vec::new(),
                see_also: Vec::new(),
                description: None,
                case: None,
                origin: Origin::FrontMatter,
            });
        }
        if errors.is_empty() {
            Ok(self)
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{taxonomies, vocabulary};
    use super::*;

    fn sample() -> Vocabulary {
        vocabulary(
            r#"
[[terms]]
name = "Humanitarian aid and access"
taxonomy = "topics"
aliases = ["humanitarian access"]

[[terms]]
name = "Russia"
taxonomy = "places"
aliases = ["Russian"]
"#,
        )
    }

    fn tags(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(t, n)| (t.to_string(), n.to_string()))
            .collect()
    }

    #[test]
    fn default_case_follows_capitalisation() {
        assert_eq!(default_case("Court"), CaseRule::Sensitive);
        assert_eq!(default_case("ceasefire"), CaseRule::Insensitive);
        assert_eq!(default_case("de Mistura"), CaseRule::Sensitive);
        assert_eq!(default_case("алеппо"), CaseRule::Insensitive);
        assert_eq!(default_case("Алеппо"), CaseRule::Sensitive);
    }

    #[test]
    fn finds_by_name_or_alias_case_insensitively() {
        let sample = sample();
        let russia = sample.find_by_name("places", "russia").unwrap();
        assert_eq!(sample.get(russia).name, "Russia");
        assert_eq!(sample.find_by_name("places", "RUSSIAN"), Some(russia));
        assert_eq!(sample.find_by_name("topics", "Russia"), None);
        let aid = sample
            .find_by_name("topics", "Humanitarian access")
            .unwrap();
        assert_eq!(sample.get(aid).slug, "humanitarian-aid-and-access");
        assert_eq!(sample.in_taxonomy("places").count(), 1);
    }

    #[test]
    fn front_matter_tags_add_missing_terms_only() {
        let extended = sample()
            .with_front_matter_terms(&tags(&[
                ("topics", "Humanitarian access"),
                ("topics", "Peace talks"),
                ("topics", "peace TALKS"),
                ("places", "Russia"),
            ]))
            .unwrap();
        assert_eq!(extended.terms().len(), 3);
        let talks = extended.find_by_name("topics", "peace talks").unwrap();
        let term = extended.get(talks);
        assert_eq!(term.name, "Peace talks");
        assert_eq!(term.slug, "peace-talks");
        assert_eq!(term.origin, Origin::FrontMatter);
    }

    #[test]
    fn front_matter_tag_errors_are_all_reported() {
        let errors = sample()
            .with_front_matter_terms(&tags(&[
                ("topics", "  "),
                ("events", "Siege"),
                ("places", "russia!"),
            ]))
            .unwrap_err();
        assert_eq!(
            errors,
            vec![
                VocabularyError::TagEmpty {
                    taxonomy: "topics".into()
                },
                VocabularyError::TagUnknownTaxonomy {
                    tag: "Siege".into(),
                    taxonomy: "events".into(),
                    known: taxonomies(),
                },
                VocabularyError::TagSlugCollision {
                    tag: "russia!".into(),
                    taxonomy: "places".into(),
                    existing: "Russia".into(),
                    slug: "russia".into(),
                },
            ]
        );
    }

    #[test]
    fn sort_key_ignores_case_and_a_leading_the() {
        let hague = vocabulary("[[terms]]\nname = \"The Hague\"\ntaxonomy = \"places\"\n");
        assert_eq!(hague.terms()[0].sort_key().0, "hague");
    }
}
