//! A vocabulary and a text from one fuzz input, for the index matcher.
//!
//! Leading lines that start with `@` define terms, one per line: `@Name|alias|alias`; `@!`
//! makes the term case-sensitive and `@~` case-insensitive (otherwise each form's own
//! capitalisation decides). Terms go to the four default taxonomies in turn. Everything after
//! those lines is the text searched. Without `@` lines, or when the terms are not a valid
//! vocabulary (two terms claiming one alias, say), the sample pack's `index.toml` is used, so
//! any prose (such as the sample documents) is a useful input as it is.

use std::sync::OnceLock;

use casebook::analyse::index::{
    CaseRule, Matcher, Term, Vocabulary, VocabularyError, parse_vocabulary,
};

/// The default taxonomies, in display order.
pub fn taxonomies() -> Vec<String> {
    ["topics", "people", "organisations", "places"]
        .map(String::from)
        .to_vec()
}

/// The sample pack's vocabulary and its matcher, built once.
pub fn sample() -> &'static (Vocabulary, Matcher) {
    static SAMPLE: OnceLock<(Vocabulary, Matcher)> = OnceLock::new();
    SAMPLE.get_or_init(|| {
        let vocabulary = parse_vocabulary(include_str!("../../index.toml"), &taxonomies())
            .expect("the sample pack's index.toml is valid");
        let matcher = Matcher::new(&vocabulary);
        (vocabulary, matcher)
    })
}

/// Splits `input` into its `@` term lines, written out as `index.toml`, and the text after
/// them; `None` for the TOML when there are no term lines.
pub fn split(input: &str) -> (Option<String>, &str) {
    let mut toml = String::new();
    let mut rest = input;
    for (position, line) in input.split_inclusive('\n').enumerate() {
        let Some(spec) = line.strip_prefix('@') else {
            break;
        };
        rest = &rest[line.len()..];
        let spec = spec.trim_end_matches('\n');
        let (case, spec) = match spec.chars().next() {
            Some('!') => (Some("sensitive"), &spec[1..]),
            Some('~') => (Some("insensitive"), &spec[1..]),
            _ => (None, spec),
        };
        let mut forms = spec.split('|');
        let name = forms.next().unwrap_or_default();
        let taxonomy = &taxonomies()[position % 4];
        push_term(&mut toml, name, forms, taxonomy, case);
    }
    ((!toml.is_empty()).then_some(toml), rest)
}

/// Appends one `[[terms]]` table, every string quoted by the `toml` crate.
fn push_term<'a>(
    toml: &mut String,
    name: &str,
    aliases: impl Iterator<Item = &'a str>,
    taxonomy: &str,
    case: Option<&str>,
) {
    let aliases: Vec<toml::Value> = aliases.map(toml::Value::from).collect();
    toml.push_str("[[terms]]\n");
    toml.push_str(&format!("name = {}\n", toml::Value::from(name)));
    toml.push_str(&format!("taxonomy = {}\n", toml::Value::from(taxonomy)));
    toml.push_str(&format!("aliases = {}\n", toml::Value::from(aliases)));
    if let Some(case) = case {
        toml.push_str(&format!("case = \"{case}\"\n"));
    }
}

/// A vocabulary of `term` alone, whose look-up by name tells whether a text is one of that
/// term's own forms (another term may share a form that differs only in case).
pub fn single_term(term: &Term) -> Vocabulary {
    let mut toml = String::new();
    let case = term.case.map(|case| match case {
        CaseRule::Sensitive => "sensitive",
        CaseRule::Insensitive => "insensitive",
    });
    let aliases = term.aliases.iter().map(String::as_str);
    push_term(&mut toml, &term.name, aliases, &term.taxonomy, case);
    parse_vocabulary(&toml, &taxonomies()).expect("a term of a valid vocabulary is valid alone")
}

/// Panics unless every error lies inside `source` on character boundaries.
pub fn assert_errors_located(source: &str, errors: &[VocabularyError]) {
    for error in errors {
        if let Some(span) = error.span() {
            assert!(
                span.start <= span.end && span.end <= source.len(),
                "{error:?}"
            );
            assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
        }
        assert!(!error.to_string().is_empty());
    }
}
