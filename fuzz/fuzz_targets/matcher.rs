//! Builds a matcher from a vocabulary (written in the input, or the sample pack's) and
//! searches the rest of the input, checking that matches are in bounds, on character
//! boundaries, sorted, non-overlapping, and each a name or alias of the term it reports.
//!
//! See `casebook_fuzz::vocabulary` for the input's format.

#![no_main]

use casebook::analyse::index::{Matcher, parse_vocabulary};
use casebook_fuzz::vocabulary::{assert_errors_located, sample, single_term, split, taxonomies};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (toml, text) = split(&input);
    let parsed = toml.as_deref().map(|toml| {
        parse_vocabulary(toml, &taxonomies()).inspect_err(|errors| {
            assert!(!errors.is_empty());
            assert_errors_located(toml, errors);
        })
    });
    let custom;
    let (vocabulary, matcher) = match parsed {
        Some(Ok(vocabulary)) => {
            custom = (Matcher::new(&vocabulary), vocabulary);
            (&custom.1, &custom.0)
        }
        _ => (&sample().0, &sample().1),
    };
    let matches = matcher.find(text);
    let mut previous_end = 0;
    for found in &matches {
        let range = found.range.clone();
        assert!(
            range.start < range.end && range.end <= text.len(),
            "{found:?}"
        );
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert!(
            range.start >= previous_end,
            "overlapping or unsorted: {matches:?}"
        );
        previous_end = range.end;
        let term = vocabulary.get(found.term);
        let own = single_term(term);
        assert!(
            own.find_by_name(&term.taxonomy, &text[range.clone()])
                .is_some(),
            "{:?} is not a form of {:?}",
            &text[range],
            term.name
        );
    }
});
