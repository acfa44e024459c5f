//! Extracts dates from any paragraph and checks that every mention and unresolved phrase
//! slices the paragraph to its own words on character boundaries, in text order, and that
//! ranges and titles are well formed.
//!
//! The first byte chooses the document's date (none, a day, a month, a year, or the first
//! and last days Casebook accepts) and, with bit 7, month-first numeric dates.

#![no_main]

use casebook::analyse::dates::{DateOrder, ExtractOptions, extract};
use casebook::date::PartialDate;
use libfuzzer_sys::fuzz_target;

const DOCUMENT_DATES: [Option<&str>; 6] = [
    None,
    Some("2016-10-18"),
    Some("2017-01"),
    Some("2016"),
    Some("0001-01-01"),
    Some("9999-12-31"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let document_date = DOCUMENT_DATES[usize::from(flags & 0x7f) % DOCUMENT_DATES.len()]
        .map(|d| PartialDate::parse(d).expect("a valid date"));
    let options = ExtractOptions {
        order: if flags & 0x80 != 0 {
            DateOrder::MonthFirst
        } else {
            DateOrder::DayFirst
        },
    };
    let text = String::from_utf8_lossy(rest);
    let extraction = extract(&text, document_date, &options);
    let mut previous_start = 0;
    for mention in &extraction.mentions {
        let range = mention.range.clone();
        assert!(
            range.start < range.end && range.end <= text.len(),
            "{mention:?}"
        );
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert_eq!(&text[range.clone()], mention.matched);
        assert!(
            range.start >= previous_start,
            "mentions out of order: {mention:?}"
        );
        previous_start = range.start;
        assert!(mention.title.chars().count() <= 80, "{:?}", mention.title);
        assert!(
            mention.end.is_none_or(|end| end > mention.start),
            "{mention:?}"
        );
        assert!(!mention.sentence.is_empty());
    }
    for unresolved in &extraction.unresolved {
        let range = unresolved.range.clone();
        assert!(
            range.start < range.end && range.end <= text.len(),
            "{unresolved:?}"
        );
        assert!(text.is_char_boundary(range.start) && text.is_char_boundary(range.end));
        assert_eq!(&text[range], unresolved.matched);
        assert!(!unresolved.reason.is_empty());
    }
});
