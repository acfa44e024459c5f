//! Date mentions in the text of a document, and the timeline built from them.
//!
//! A briefing pack's timeline is only useful if every entry can be traced to the words that gave
//! it and never claims more precision than those words carry. [`extract`] reads one paragraph of
//! plain text and returns each date it mentions ("on 21 September", "yesterday", "before
//! Christmas", "two days after the bombing") resolved against the document's own date, together
//! with the phrases it recognised but could not date honestly. The [`timeline`] and [`chart`]
//! modules turn those mentions into the pack's timeline.
//!
//! The extractor is a hand-written scanner over a token stream with bounded look-ahead, so it
//! runs in time linear in the text and cannot backtrack, whatever the input.

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::date::PartialDate;

pub mod chart;
mod clauses;
mod extract;
mod patterns;
mod relative;
mod resolve;
mod sentences;
pub mod timeline;
mod title;
mod tokens;
mod words;

#[cfg(test)]
mod tests;

pub use extract::extract;

/// Day-month order for numeric dates like 18/10/2016.
///
/// British packs write the day first; a pack quoting American sources can say otherwise, so
/// the order is configurable per pack rather than guessed per date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateOrder {
    /// `18/10/2016` is 18 October 2016.
    #[default]
    DayFirst,
    /// `10/18/2016` is 18 October 2016.
    MonthFirst,
}

/// Settings for [`extract`] that a pack may change.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ExtractOptions {
    /// How to read all-numeric dates.
    pub order: DateOrder,
}

/// One date the text mentions, resolved to a date no more precise than the words.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct DateMention {
    /// The date, or the first date of a range.
    pub start: PartialDate,
    /// The last date of a range ("between 2014 and 2015"); `None` for a single date.
    pub end: Option<PartialDate>,
    /// The words are fuzzy ("before Christmas", "early 2016", "last week"), so the date is the
    /// nearest honest one rather than a fact.
    pub approximate: bool,
    /// The fuzzy part of the phrase kept for display ("late", "early", "mid", "summer"), so a
    /// reader sees "c. late December 2016" rather than a bare month.
    pub qualifier: Option<String>,
    /// A short title for the timeline entry: the event phrase for a date counted from an event,
    /// otherwise the clause that carries the date with the date words removed.
    pub title: String,
    /// The sentence the date came from, cut down to its clause when the sentence is long.
    pub sentence: String,
    /// The exact words that gave the date, e.g. `21 September`.
    pub matched: String,
    /// The byte range of `matched` in the paragraph, always on character boundaries.
    pub range: Range<usize>,
}

/// A date phrase that was recognised but could not be dated honestly.
///
/// These are kept, not dropped, so an editor can see why "yesterday" in an undated letter is
/// missing from the timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Unresolved {
    /// The exact words, e.g. `yesterday`.
    pub matched: String,
    /// The byte range of `matched` in the paragraph.
    pub range: Range<usize>,
    /// Why no date could be given, in plain words.
    pub reason: String,
}

/// Everything [`extract`] found in one paragraph, in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Extraction {
    /// The dated mentions.
    pub mentions: Vec<DateMention>,
    /// The date phrases that could not be dated.
    pub unresolved: Vec<Unresolved>,
}

/// Whether a document's `timeline_ignore` list rules out this mention.
///
/// An entry matches the words themselves (ignoring case, so `"next month"` matches "Next
/// month") or the ISO date (`"2005"`), which lets an editor silence a false or unwanted date
/// without editing the source text.
pub fn is_ignored(mention: &DateMention, ignore: &[String]) -> bool {
    if ignore.is_empty() {
        return false;
    }
    let matched = fold(&mention.matched);
    let iso = mention.start.iso();
    ignore.iter().any(|entry| {
        let entry = entry.trim();
        entry == iso || (!entry.is_empty() && fold(entry) == matched)
    })
}

/// Lower case, single spaces and straight apostrophes, so comparisons ignore typography.
fn fold(text: &str) -> String {
    text.split_whitespace()
        .map(|word| word.to_lowercase().replace('’', "'"))
        .collect::<Vec<_>>()
        .join(" ")
}
