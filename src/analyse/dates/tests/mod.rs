//! Tests for the date extractor, the timeline and the overview chart.

mod fast_paths;
mod props;
mod samples;
mod table;
mod timeline;

use crate::analyse::dates::{ExtractOptions, Extraction, extract};
use crate::date::PartialDate;

/// Extracts with the default options and a document date written as ISO, or "-" for none.
fn run(doc: &str, text: &str) -> Extraction {
    let doc = (doc != "-").then(|| PartialDate::parse(doc).expect("test document date"));
    extract(text, doc, &ExtractOptions::default())
}

/// The mentions in a compact form: `2016-09-21`, `2016-12~` when approximate, and
/// `2014/2015` for a range.
fn compact(extraction: &Extraction) -> Vec<String> {
    extraction
        .mentions
        .iter()
        .map(|m| {
            let mut out = m.start.iso();
            if let Some(end) = m.end {
                out.push('/');
                out.push_str(&end.iso());
            }
            if m.approximate {
                out.push('~');
            }
            out
        })
        .collect()
}

/// A paragraph made of sample-pack sentences, for the large-input tests.
fn samples_text() -> String {
    [
        "I met Russian Foreign Minister Lavrov in New York on 21 September, which was two days after the bombing of the aid convoy, and we obviously focused on Syria in those discussions.",
        "Volume 615: debated on Tuesday 18 October 2016",
        "Does my right hon. Friend remember that in 2005, Her Majesty’s Government signed up to the responsibility to protect?",
        "At the end of December Turkey and Russia announced a ceasefire involving the Syrian Government and most of the groups fighting (the jihadists of so-called Islamic State (IS/Daesh) and Jabhat Fateh al-Sham (JFS), and the Kurdish YPG militia are excluded).",
    ]
    .join(" ")
}
