//! The extractor's entry point: tokens, sentences, phrases, dates, titles.

use super::clauses::Clauses;
use super::patterns::{self, Shape};
use super::resolve::{self, Outcome};
use super::{DateMention, ExtractOptions, Extraction, Unresolved, sentences, title, tokens};
use crate::date::PartialDate;

/// Finds the dates mentioned in one paragraph of plain text.
///
/// `document_date` is the document's own date, which relative phrases ("yesterday", "next
/// month") and days named without a year ("21 September") are resolved against; with `None`
/// they are reported in [`Extraction::unresolved`] instead of guessed. The function is pure
/// and deterministic (it never reads the clock), runs in time linear in the text, and never
/// panics.
pub fn extract(
    paragraph: &str,
    document_date: Option<PartialDate>,
    options: &ExtractOptions,
) -> Extraction {
    let tokens = tokens::tokenize(paragraph);
    let mut extraction = Extraction::default();
    for sentence in sentences::split(paragraph, &tokens) {
        let toks = &tokens[sentence];
        let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
            continue;
        };
        let bytes = first.start..last.end;
        let raws = patterns::scan(paragraph, toks, options.order);
        if raws.is_empty() {
            continue;
        }
        let dates: Vec<_> = raws.iter().map(|raw| raw.range.clone()).collect();
        let clauses = Clauses::new(paragraph, bytes.clone(), &dates);
        let outcomes = resolve::sentence(&raws, document_date);
        for (raw, outcome) in raws.iter().zip(outcomes) {
            let matched = paragraph[raw.range.clone()].to_string();
            match outcome {
                Outcome::Dated(dated) => {
                    let title = match &raw.shape {
                        Shape::Event { event, .. } => title::event_title(paragraph, event.clone()),
                        _ => title::title(
                            paragraph,
                            &clauses,
                            bytes.clone(),
                            raw.range.clone(),
                            &dates,
                        ),
                    };
                    extraction.mentions.push(DateMention {
                        start: dated.start,
                        end: dated.end,
                        approximate: dated.approximate,
                        qualifier: dated.qualifier.map(str::to_string),
                        title,
                        sentence: sentences::display(
                            paragraph,
                            &clauses,
                            bytes.clone(),
                            raw.range.clone(),
                        ),
                        matched,
                        range: raw.range.clone(),
                    });
                }
                Outcome::Unresolved(reason) => extraction.unresolved.push(Unresolved {
                    matched,
                    range: raw.range.clone(),
                    reason,
                }),
                Outcome::Skip => {}
            }
        }
    }
    extraction
}
