//! Properties that hold for any text: no panic, ranges on character boundaries that slice to
//! the matched words, bounded titles, determinism, and linear time on large input.

use proptest::prelude::*;

use crate::analyse::dates::{ExtractOptions, Extraction, extract};
use crate::date::PartialDate;

const DATEISH: &[&str] = &[
    "21",
    "September",
    "Sept",
    ".",
    ",",
    "2016",
    "2014",
    "–",
    "-",
    "/",
    "10",
    "18",
    "the",
    "of",
    "day",
    "before",
    "after",
    "yesterday",
    "last",
    "next",
    "week",
    "month",
    "year",
    "two",
    "days",
    "later",
    "earlier",
    "ago",
    "in",
    "on",
    "between",
    "and",
    "from",
    "to",
    "early",
    "late",
    "mid",
    "end",
    "summer",
    "Christmas",
    "Day",
    "New",
    "Year’s",
    "May",
    "March",
    "Tuesday",
    "24th",
    "“",
    "”",
    "(",
    ")",
    "\n",
    "é",
    "日本",
    "275,000",
    "Mr",
    "hon",
    "twenty",
    "a",
    "which",
    "was",
    "bombing",
    "9999",
    "1000",
    "0",
    "31",
    "29",
    "February",
    "!",
    "?",
    "…",
    "’",
    "18.10.2016",
    "2016-10-18",
    "10/18/2016",
    "December",
    "winter",
    "fortnight",
    "this",
    "I",
    "0x",
];

/// Checks every invariant of one extraction of `text`.
fn check(text: &str, doc: Option<PartialDate>, extraction: &Extraction) {
    for mention in &extraction.mentions {
        assert!(text.is_char_boundary(mention.range.start));
        assert!(text.is_char_boundary(mention.range.end));
        assert_eq!(&text[mention.range.clone()], mention.matched);
        assert!(mention.title.chars().count() <= 80, "{:?}", mention.title);
        assert!(mention.end.is_none_or(|end| end > mention.start));
    }
    for unresolved in &extraction.unresolved {
        assert!(text.is_char_boundary(unresolved.range.start));
        assert!(text.is_char_boundary(unresolved.range.end));
        assert_eq!(&text[unresolved.range.clone()], unresolved.matched);
        assert!(!unresolved.reason.is_empty());
    }
    assert_eq!(extract(text, doc, &ExtractOptions::default()), *extraction);
}

fn document_date() -> impl Strategy<Value = Option<PartialDate>> {
    prop_oneof![
        Just(None),
        Just(PartialDate::parse("2016-10-18").ok()),
        Just(PartialDate::parse("2017-01").ok()),
        Just(PartialDate::parse("2016").ok()),
        Just(PartialDate::parse("0001-01-01").ok()),
        Just(PartialDate::parse("9999-12-31").ok()),
    ]
}

proptest! {
    #[test]
    fn never_panics_on_any_text(text in any::<String>(), doc in document_date()) {
        let extraction = extract(&text, doc, &ExtractOptions::default());
        check(&text, doc, &extraction);
    }

    #[test]
    fn never_panics_on_dateish_text(
        words in prop::collection::vec((prop::sample::select(DATEISH), prop::sample::select(&[" ", "", " ", "\n", ", "][..])), 0..40),
        doc in document_date(),
    ) {
        let text: String = words.iter().flat_map(|(word, gap)| [*word, *gap]).collect();
        let extraction = extract(&text, doc, &ExtractOptions::default());
        check(&text, doc, &extraction);
    }
}

#[test]
fn a_megabyte_of_prose_is_read_in_linear_time() {
    let unit = format!(
        "{} Yesterday the Council met. We met on 21 September 2016; ten days later it ended. (906642) ",
        super::samples_text()
    );
    let text = unit.repeat((1 << 20) / unit.len() + 1);
    let doc = PartialDate::parse("2016-10-18").ok();
    let started = std::time::Instant::now();
    let extraction = extract(&text, doc, &ExtractOptions::default());
    let per_unit = extract(&unit, doc, &ExtractOptions::default())
        .mentions
        .len();
    assert_eq!(
        extraction.mentions.len(),
        per_unit * (text.len() / unit.len())
    );
    assert!(
        started.elapsed().as_secs() < 20,
        "took {:?}",
        started.elapsed()
    );
}

#[test]
fn hostile_text_is_read_in_linear_time() {
    let doc = PartialDate::parse("2016-10-18").ok();
    // Sizes are kept small enough for a debug build; the 1 MB case is the prose test above.
    let dense = [
        "in 2005 and ",
        "between 1 and ",
        "two days after the day before ",
        "2014–",
    ];
    let sparse = ["1-2-", "((“ ", "1/2/", "é日", "Mr. ", "the the ", "twenty-"];
    for (unit, size) in dense
        .iter()
        .map(|unit| (unit, 1 << 16))
        .chain(sparse.iter().map(|unit| (unit, 1 << 18)))
    {
        let text = unit.repeat(size / unit.len() + 1);
        let started = std::time::Instant::now();
        let extraction = extract(&text, doc, &ExtractOptions::default());
        assert!(
            started.elapsed().as_secs() < 20,
            "{unit:?} took {:?}",
            started.elapsed()
        );
        for mention in &extraction.mentions {
            assert_eq!(&text[mention.range.clone()], mention.matched);
            assert!(mention.sentence.chars().count() <= 302);
        }
    }
}
