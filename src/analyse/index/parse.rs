//! Reading `index.toml` into a checked [`Vocabulary`].
//!
//! The file is walked as a spanned TOML tree rather than deserialised with serde so that
//! every problem, not just the first, is reported with the exact span of the offending key
//! or value: a vocabulary of hundreds of terms should be fixable in one pass.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use toml::Spanned;
use toml::de::{DeTable, DeValue};
use unicode_normalization::UnicodeNormalization;

use super::error::VocabularyError;
use super::normalise::{canon, fold};
use super::spelling::closest;
use super::vocabulary::{CaseRule, Origin, Term, TermId, Vocabulary};
use crate::slug::slugify;

/// Keys a `[[terms]]` table may have.
const TERM_KEYS: [&str; 6] = [
    "name",
    "taxonomy",
    "aliases",
    "see_also",
    "description",
    "case",
];

/// Parses and checks `index.toml`.
///
/// `taxonomies` are the pack's taxonomies in display order (by default topics, people,
/// organisations, places). Returns every error found, sorted by position in the file.
pub fn parse_vocabulary(
    source: &str,
    taxonomies: &[String],
) -> Result<Vocabulary, Vec<VocabularyError>> {
    let root = DeTable::parse(source).map_err(|error| {
        vec![VocabularyError::Toml {
            message: error.message().to_string(),
            span: error.span().unwrap_or(0..0),
        }]
    })?;
    let mut errors = Vec::new();
    let mut raw_terms = Vec::new();
    for (key, value) in root.get_ref() {
        if key.get_ref() != "terms" {
            errors.push(VocabularyError::UnknownKey {
                term: None,
                key: key.get_ref().to_string(),
                span: key.span(),
                suggestion: closest(key.get_ref(), ["terms"]),
            });
            continue;
        }
        let DeValue::Array(items) = value.get_ref() else {
            errors.push(wrong_type(
                "the file",
                "terms",
                "an array of [[terms]] tables",
                value.span(),
            ));
            continue;
        };
        for (index, item) in items.iter().enumerate() {
            let position = index + 1;
            match item.get_ref() {
                DeValue::Table(table) => {
                    if let Some(raw) =
                        read_term(table, item.span(), position, taxonomies, &mut errors)
                    {
                        raw_terms.push(raw);
                    }
                }
                _ => errors.push(wrong_type(
                    &format!("[[terms]] #{position}"),
                    "terms",
                    "a table",
                    item.span(),
                )),
            }
        }
    }
    let forms = check_forms(&raw_terms, &mut errors);
    let see_also: Vec<Vec<TermId>> = raw_terms
        .iter()
        .enumerate()
        .map(|(index, raw)| resolve_see_also(index, raw, &raw_terms, &forms, &mut errors))
        .collect();
    check_slugs(&raw_terms, &mut errors);
    if !errors.is_empty() {
        errors.sort_by_key(|error| error.span().map_or(0, |span| span.start));
        return Err(errors);
    }
    let terms = raw_terms
        .into_iter()
        .zip(see_also)
        .enumerate()
        .map(|(index, (raw, see_also))| Term {
            id: TermId(index),
            slug: slugify(&raw.name.value),
            name: raw.name.value,
            taxonomy: raw.taxonomy.value,
            aliases: raw.aliases.into_iter().map(|alias| alias.value).collect(),
            see_also,
            description: raw.description,
            case: raw.case,
            origin: Origin::Vocabulary { span: raw.span },
        })
        .collect();
    Ok(Vocabulary::new(terms, taxonomies.to_vec()))
}

/// Trims and NFC-normalises a string as written, so names display and compare the same
/// whichever way the editor's keyboard encoded accents.
fn clean(text: &str) -> String {
    text.trim().nfc().collect()
}

/// A string with the span it came from.
struct Located {
    value: String,
    span: Range<usize>,
}

/// A term as read, before cross-term checks.
struct RawTerm {
    name: Located,
    taxonomy: Located,
    aliases: Vec<Located>,
    see_also: Vec<Located>,
    description: Option<String>,
    case: Option<CaseRule>,
    span: Range<usize>,
}

impl RawTerm {
    fn forms(&self) -> impl Iterator<Item = &Located> {
        std::iter::once(&self.name).chain(&self.aliases)
    }

    fn case_for(&self, form: &str) -> CaseRule {
        self.case
            .unwrap_or_else(|| super::vocabulary::default_case(form))
    }
}

fn wrong_type(
    term: &str,
    key: &str,
    expected: &'static str,
    span: Range<usize>,
) -> VocabularyError {
    VocabularyError::WrongType {
        term: term.to_string(),
        key: key.to_string(),
        expected,
        span,
    }
}

/// Reads one `[[terms]]` table; `None` when it has no usable name (its other problems are
/// still reported).
fn read_term(
    table: &DeTable<'_>,
    span: Range<usize>,
    position: usize,
    taxonomies: &[String],
    errors: &mut Vec<VocabularyError>,
) -> Option<RawTerm> {
    let value_of = |key: &str| {
        table
            .iter()
            .find(|(k, _)| k.get_ref() == key)
            .map(|(_, v)| v)
    };
    let name = match value_of("name") {
        None => {
            errors.push(VocabularyError::MissingKey {
                term: format!("[[terms]] #{position}"),
                key: "name",
                span: span.clone(),
            });
            None
        }
        Some(value) => match value.get_ref() {
            DeValue::String(text) if text.trim().is_empty() => {
                errors.push(VocabularyError::EmptyName {
                    position,
                    span: value.span(),
                });
                None
            }
            DeValue::String(text) => Some(Located {
                value: clean(text),
                span: value.span(),
            }),
            _ => {
                errors.push(wrong_type(
                    &format!("[[terms]] #{position}"),
                    "name",
                    "a string",
                    value.span(),
                ));
                None
            }
        },
    };
    let label = name
        .as_ref()
        .map_or_else(|| format!("[[terms]] #{position}"), |n| n.value.clone());

    for (key, _) in table.iter() {
        if !TERM_KEYS.contains(&key.get_ref().as_ref()) {
            errors.push(VocabularyError::UnknownKey {
                term: Some(label.clone()),
                key: key.get_ref().to_string(),
                span: key.span(),
                suggestion: closest(key.get_ref(), TERM_KEYS),
            });
        }
    }

    let taxonomy = match value_of("taxonomy") {
        None => {
            errors.push(VocabularyError::MissingKey {
                term: label.clone(),
                key: "taxonomy",
                span: span.clone(),
            });
            None
        }
        Some(value) => string(value, &label, "taxonomy", errors),
    };
    if let Some(taxonomy) = &taxonomy
        && !taxonomies.contains(&taxonomy.value)
    {
        errors.push(VocabularyError::UnknownTaxonomy {
            term: label.clone(),
            taxonomy: taxonomy.value.clone(),
            span: taxonomy.span.clone(),
            known: taxonomies.to_vec(),
        });
    }

    let aliases =
        value_of("aliases").map_or_else(Vec::new, |v| strings(v, &label, "aliases", errors));
    for alias in aliases.iter().filter(|alias| alias.value.is_empty()) {
        errors.push(VocabularyError::EmptyAlias {
            term: label.clone(),
            span: alias.span.clone(),
        });
    }
    let see_also =
        value_of("see_also").map_or_else(Vec::new, |v| strings(v, &label, "see_also", errors));
    let description = value_of("description")
        .and_then(|v| string(v, &label, "description", errors))
        .map(|d| d.value)
        .filter(|d| !d.is_empty());
    let case = value_of("case").and_then(|value| {
        let text = string(value, &label, "case", errors)?;
        match text.value.as_str() {
            "sensitive" => Some(CaseRule::Sensitive),
            "insensitive" => Some(CaseRule::Insensitive),
            _ => {
                errors.push(VocabularyError::InvalidCase {
                    term: label.clone(),
                    value: text.value,
                    span: text.span,
                });
                None
            }
        }
    });

    Some(RawTerm {
        name: name?,
        taxonomy: taxonomy?,
        aliases: aliases
            .into_iter()
            .filter(|a| !a.value.is_empty())
            .collect(),
        see_also,
        description,
        case,
        span,
    })
}

/// A trimmed string value, or a `WrongType` error.
fn string(
    value: &Spanned<DeValue<'_>>,
    term: &str,
    key: &str,
    errors: &mut Vec<VocabularyError>,
) -> Option<Located> {
    match value.get_ref() {
        DeValue::String(text) => Some(Located {
            value: clean(text),
            span: value.span(),
        }),
        _ => {
            errors.push(wrong_type(term, key, "a string", value.span()));
            None
        }
    }
}

/// An array of trimmed strings, or a `WrongType` error per offending value.
fn strings(
    value: &Spanned<DeValue<'_>>,
    term: &str,
    key: &str,
    errors: &mut Vec<VocabularyError>,
) -> Vec<Located> {
    match value.get_ref() {
        DeValue::Array(items) => items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::String(text) => Some(Located {
                    value: clean(text),
                    span: item.span(),
                }),
                _ => {
                    errors.push(wrong_type(term, key, "an array of strings", item.span()));
                    None
                }
            })
            .collect(),
        _ => {
            errors.push(wrong_type(term, key, "an array of strings", value.span()));
            Vec::new()
        }
    }
}

/// Reports names and aliases claimed by two terms and returns, for each folded form, the
/// terms that have it (in file order).
///
/// Two forms clash when they fold to the same text and either is case-insensitive or they
/// are identical: then some text would match both. Two case-sensitive forms that differ only
/// in case ("US" and "Us") can coexist.
fn check_forms(
    raw_terms: &[RawTerm],
    errors: &mut Vec<VocabularyError>,
) -> HashMap<String, Vec<usize>> {
    let mut claims: HashMap<String, Vec<(usize, String, CaseRule)>> = HashMap::new();
    for (index, raw) in raw_terms.iter().enumerate() {
        for form in raw.forms() {
            let exact = canon(&form.value);
            let case = raw.case_for(&form.value);
            let entry = claims.entry(fold(&form.value)).or_default();
            let clash = entry.iter().find(|(other, other_exact, other_case)| {
                *other != index
                    && (case == CaseRule::Insensitive
                        || *other_case == CaseRule::Insensitive
                        || *other_exact == exact)
            });
            if let Some((other, _, _)) = clash {
                errors.push(VocabularyError::AliasClaimedTwice {
                    alias: form.value.clone(),
                    first_term: raw_terms[*other].name.value.clone(),
                    second_term: raw.name.value.clone(),
                    span: form.span.clone(),
                });
            } else {
                entry.push((index, exact, case));
            }
        }
    }
    claims
        .into_iter()
        .map(|(folded, claims)| {
            let mut owners: Vec<usize> = claims.into_iter().map(|(index, _, _)| index).collect();
            owners.dedup();
            (folded, owners)
        })
        .collect()
}

/// Resolves a term's `see_also` names (a name or alias of any taxonomy, case-insensitive).
/// When several terms match, one whose name (not alias) matches wins.
fn resolve_see_also(
    index: usize,
    raw: &RawTerm,
    raw_terms: &[RawTerm],
    forms: &HashMap<String, Vec<usize>>,
    errors: &mut Vec<VocabularyError>,
) -> Vec<TermId> {
    let mut resolved = Vec::new();
    let mut seen = HashSet::new();
    for target in &raw.see_also {
        let folded = fold(&target.value);
        let owners = forms.get(&folded).map_or(&[][..], Vec::as_slice);
        let by_name: Vec<usize> = owners
            .iter()
            .copied()
            .filter(|&owner| fold(&raw_terms[owner].name.value) == folded)
            .collect();
        let chosen = if owners.len() == 1 {
            owners
        } else {
            &by_name[..]
        };
        match chosen {
            [] if owners.is_empty() => errors.push(VocabularyError::SeeAlsoNowhere {
                term: raw.name.value.clone(),
                target: target.value.clone(),
                span: target.span.clone(),
                suggestion: closest(
                    &target.value,
                    raw_terms.iter().map(|t| t.name.value.as_str()),
                ),
            }),
            [only] if *only == index => errors.push(VocabularyError::SeeAlsoSelf {
                term: raw.name.value.clone(),
                span: target.span.clone(),
            }),
            [only] => {
                if seen.insert(*only) {
                    resolved.push(TermId(*only));
                }
            }
            _ => errors.push(VocabularyError::SeeAlsoAmbiguous {
                term: raw.name.value.clone(),
                target: target.value.clone(),
                span: target.span.clone(),
                candidates: owners
                    .iter()
                    .map(|&o| {
                        format!(
                            "{}/{}",
                            raw_terms[o].taxonomy.value, raw_terms[o].name.value
                        )
                    })
                    .collect(),
            }),
        }
    }
    resolved
}

/// Reports two terms of one taxonomy whose pages would share a URL.
fn check_slugs(raw_terms: &[RawTerm], errors: &mut Vec<VocabularyError>) {
    let mut taken: HashMap<(&str, String), &str> = HashMap::new();
    for raw in raw_terms {
        let slug = slugify(&raw.name.value);
        let key = (raw.taxonomy.value.as_str(), slug.clone());
        if let Some(first) = taken.get(&key) {
            if canon(first) == canon(&raw.name.value) {
                // Already reported by `check_forms` as a name claimed twice.
                continue;
            }
            errors.push(VocabularyError::SlugCollision {
                first: first.to_string(),
                second: raw.name.value.clone(),
                slug,
                span: raw.name.span.clone(),
            });
        } else {
            taken.insert(key, &raw.name.value);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{taxonomies, vocabulary};
    use super::*;

    fn errors(toml: &str) -> Vec<VocabularyError> {
        parse_vocabulary(toml, &taxonomies()).expect_err("the vocabulary should be rejected")
    }

    /// The source text an error's span points at.
    fn spanned<'a>(toml: &'a str, error: &VocabularyError) -> &'a str {
        &toml[error.span().expect("a vocabulary error has a span")]
    }

    #[test]
    fn reads_every_field() {
        let v = vocabulary(
            r#"
[[terms]]
name = " Russia "
taxonomy = "places"
aliases = ["Russian", "Moscow"]
see_also = ["lavrov", "Sergey Lavrov"]
description = "The Russian Federation."

[[terms]]
name = "Sergey Lavrov"
taxonomy = "people"
aliases = ["Lavrov"]
case = "insensitive"
"#,
        );
        let [russia, lavrov] = v.terms() else {
            panic!("two terms expected")
        };
        assert_eq!(russia.name, "Russia");
        assert_eq!(russia.slug, "russia");
        assert_eq!(russia.aliases, ["Russian", "Moscow"]);
        assert_eq!(russia.see_also, [lavrov.id]);
        assert_eq!(
            russia.description.as_deref(),
            Some("The Russian Federation.")
        );
        assert_eq!(russia.case, None);
        assert_eq!(lavrov.case, Some(CaseRule::Insensitive));
        assert_eq!(lavrov.case_for("Lavrov"), CaseRule::Insensitive);
        assert_eq!(russia.case_for("Russian"), CaseRule::Sensitive);
        assert!(matches!(&russia.origin, Origin::Vocabulary { span } if span.start > 0));
    }

    #[test]
    fn an_empty_file_is_an_empty_vocabulary() {
        assert!(vocabulary("").terms().is_empty());
    }

    #[test]
    fn invalid_toml_has_a_span() {
        let toml = "[[terms]]\nname = \"Russia\ntaxonomy = \"places\"\n";
        let errors = errors(toml);
        assert!(matches!(&errors[..], [VocabularyError::Toml { span, .. }] if span.start > 0));
    }

    #[test]
    fn empty_name() {
        let toml = "[[terms]]\nname = \"Syria\"\ntaxonomy = \"places\"\n[[terms]]\nname = \"  \"\ntaxonomy = \"places\"\n";
        let errors = errors(toml);
        assert_eq!(errors.len(), 1);
        assert!(matches!(
            errors[0],
            VocabularyError::EmptyName { position: 2, .. }
        ));
        assert_eq!(spanned(toml, &errors[0]), "\"  \"");
        assert_eq!(errors[0].to_string(), "[[terms]] #2 has an empty name");
    }

    #[test]
    fn alias_claimed_by_two_terms() {
        let toml = r#"
[[terms]]
name = "Assad regime"
taxonomy = "organisations"
aliases = ["regime"]

[[terms]]
name = "Sanctions"
taxonomy = "topics"
aliases = ["Regime"]
"#;
        let errors = errors(toml);
        assert_eq!(
            errors,
            [VocabularyError::AliasClaimedTwice {
                alias: "Regime".into(),
                first_term: "Assad regime".into(),
                second_term: "Sanctions".into(),
                span: toml.find("\"Regime\"").map(|s| s..s + 8).unwrap(),
            }]
        );
    }

    #[test]
    fn case_sensitive_forms_differing_in_case_may_coexist() {
        let v = vocabulary(
            "[[terms]]\nname = \"US\"\ntaxonomy = \"places\"\n[[terms]]\nname = \"Us\"\ntaxonomy = \"topics\"\n",
        );
        assert_eq!(v.terms().len(), 2);
        let clash = errors(
            "[[terms]]\nname = \"US\"\ntaxonomy = \"places\"\n[[terms]]\nname = \"Unity\"\ntaxonomy = \"topics\"\naliases = [\"U\u{2019}S\", \"US\"]\n",
        );
        assert!(
            matches!(&clash[..], [VocabularyError::AliasClaimedTwice { alias, .. }] if alias == "US")
        );
    }

    #[test]
    fn every_case_variant_of_a_term_is_checked_for_clashes() {
        let toml = r#"
[[terms]]
name = "Assad regime"
taxonomy = "organisations"
aliases = ["Regime", "regime"]

[[terms]]
name = "REGIME"
taxonomy = "topics"
"#;
        let errors = errors(toml);
        assert!(
            matches!(&errors[..], [VocabularyError::AliasClaimedTwice { alias, first_term, .. }] if alias == "REGIME" && first_term == "Assad regime"),
            "{errors:#?}"
        );
    }

    #[test]
    fn see_also_pointing_nowhere_suggests_a_term() {
        let toml = r#"
[[terms]]
name = "Russia"
taxonomy = "places"
see_also = ["Sergei Lavrov"]

[[terms]]
name = "Sergey Lavrov"
taxonomy = "people"
"#;
        let errors = errors(toml);
        assert_eq!(
            errors,
            [VocabularyError::SeeAlsoNowhere {
                term: "Russia".into(),
                target: "Sergei Lavrov".into(),
                span: toml.find("\"Sergei").map(|s| s..s + 15).unwrap(),
                suggestion: Some("Sergey Lavrov".into()),
            }]
        );
    }

    #[test]
    fn see_also_to_itself() {
        let toml = "[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"places\"\nsee_also = [\"aleppo\"]\n";
        let errors = errors(toml);
        assert!(
            matches!(&errors[..], [VocabularyError::SeeAlsoSelf { term, .. }] if term == "Aleppo")
        );
        assert_eq!(spanned(toml, &errors[0]), "\"aleppo\"");
    }

    /// Two case-sensitive aliases differing only in case, in different taxonomies.
    const SIEGES: &str = r#"
[[terms]]
name = "Aleppo"
taxonomy = "places"
see_also = ["siege"]

[[terms]]
name = "Siege of Aleppo"
taxonomy = "topics"
aliases = ["Siege"]

[[terms]]
name = "Siege warfare"
taxonomy = "organisations"
aliases = ["SIEGE"]
"#;

    #[test]
    fn see_also_matching_several_aliases_is_ambiguous() {
        let errors = errors(SIEGES);
        assert_eq!(
            errors,
            [VocabularyError::SeeAlsoAmbiguous {
                term: "Aleppo".into(),
                target: "siege".into(),
                span: SIEGES.find("\"siege\"").map(|s| s..s + 7).unwrap(),
                candidates: vec![
                    "topics/Siege of Aleppo".into(),
                    "organisations/Siege warfare".into()
                ],
            }]
        );
    }

    #[test]
    fn see_also_prefers_a_term_named_so_over_aliases() {
        let toml = format!("{SIEGES}\n[[terms]]\nname = \"SiEgE\"\ntaxonomy = \"people\"\n");
        let v = vocabulary(&toml);
        assert_eq!(v.get(v.terms()[0].see_also[0]).name, "SiEgE");
    }

    #[test]
    fn unknown_taxonomy() {
        let toml = "[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"cities\"\n";
        let errors = errors(toml);
        assert_eq!(
            errors,
            [VocabularyError::UnknownTaxonomy {
                term: "Aleppo".into(),
                taxonomy: "cities".into(),
                span: toml.find("\"cities\"").map(|s| s..s + 8).unwrap(),
                known: taxonomies(),
            }]
        );
    }

    #[test]
    fn unknown_keys_with_suggestions() {
        let toml = "title = \"x\"\ntrems = []\n[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"places\"\nalias = [\"Halab\"]\n";
        let errors = errors(toml);
        assert_eq!(
            errors,
            [
                VocabularyError::UnknownKey {
                    term: None,
                    key: "title".into(),
                    span: 0..5,
                    suggestion: None,
                },
                VocabularyError::UnknownKey {
                    term: None,
                    key: "trems".into(),
                    span: 12..17,
                    suggestion: Some("terms".into()),
                },
                VocabularyError::UnknownKey {
                    term: Some("Aleppo".into()),
                    key: "alias".into(),
                    span: toml.find("alias").map(|s| s..s + 5).unwrap(),
                    suggestion: Some("aliases".into()),
                },
            ]
        );
    }

    #[test]
    fn slug_collision_names_both_terms() {
        let toml = "[[terms]]\nname = \"Jabhat Fateh al-Sham\"\ntaxonomy = \"organisations\"\n[[terms]]\nname = \"Jabhat Fateh al Sham\"\ntaxonomy = \"organisations\"\n";
        let errors = errors(toml);
        assert_eq!(
            errors,
            [VocabularyError::SlugCollision {
                first: "Jabhat Fateh al-Sham".into(),
                second: "Jabhat Fateh al Sham".into(),
                slug: "jabhat-fateh-al-sham".into(),
                span: toml
                    .find("\"Jabhat Fateh al Sham\"")
                    .map(|s| s..s + 22)
                    .unwrap(),
            }]
        );
        // The same slug in two taxonomies is fine: they are different index sections.
        vocabulary(
            "[[terms]]\nname = \"Benn\"\ntaxonomy = \"people\"\n[[terms]]\nname = \"BENN\"\ntaxonomy = \"topics\"\n",
        );
    }

    #[test]
    fn other_field_errors() {
        let toml = r#"
[[terms]]
taxonomy = "places"

[[terms]]
name = "Aleppo"
aliases = "Halab"
see_also = [1]
case = "upper"
description = 3

[[terms]]
name = "Idlib"
taxonomy = "places"
aliases = [""]

terms2 = 1
"#;
        let errors = errors(toml);
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "[[terms]] #1 has no `name`",
                "Aleppo has no `taxonomy`",
                "`aliases` of Aleppo must be an array of strings",
                "`see_also` of Aleppo must be an array of strings",
                "`case` of `Aleppo` is `upper`; write \"sensitive\" or \"insensitive\"",
                "`description` of Aleppo must be a string",
                "`Idlib` has an empty alias",
                "unknown key `terms2` in `Idlib`",
            ]
        );
        assert!(errors.iter().all(|e| e.span().is_some()));
    }

    #[test]
    fn all_errors_are_reported_in_file_order() {
        let toml = r#"
[[terms]]
name = "Aleppo"
taxonomy = "cities"
see_also = ["Nowhere"]

[[terms]]
name = ""
taxonomy = "places"
"#;
        let errors = errors(toml);
        assert_eq!(errors.len(), 3);
        let starts: Vec<usize> = errors.iter().map(|e| e.span().unwrap().start).collect();
        assert!(starts.is_sorted());
    }
}
