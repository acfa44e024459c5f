//! The pack's timeline: events from document dates, front matter and text in one stable order,
//! with the JSON the site publishes and the groups its pages list.
//!
//! Everything here is pure and deterministic: the same events give byte-identical output
//! whatever order they arrive in, so rebuilding a pack changes nothing that did not change.

use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::prelude::*;
use serde::Serialize;

use super::DateMention;
use crate::date::{PartialDate, Precision, month_name};
use crate::json_list::{JsonList, json_list};

/// Where a timeline event came from; also the order of events on the same date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventSource {
    /// The date of a document itself: the letter was sent, the debate held.
    DocumentDate,
    /// A date an editor wrote in a document's front matter.
    FrontMatter,
    /// A date mentioned in the text.
    Text,
}

/// One entry on the timeline, linked back to where it came from.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
pub struct TimelineEvent {
    /// The date, or the start of a range.
    pub date: PartialDate,
    /// The end of a range.
    pub end: Option<PartialDate>,
    /// Whether the date is the nearest honest reading of fuzzy words.
    pub approximate: bool,
    /// The fuzzy word shown with the date ("late", "summer").
    pub qualifier: Option<String>,
    /// A short title.
    pub title: String,
    /// The sentence the date came from, or an editor's note.
    pub text: String,
    /// Where the event came from.
    pub source: EventSource,
    /// The slug of the document.
    pub document: String,
    /// The paragraph id (`p3`), when the event came from a paragraph.
    pub paragraph: Option<String>,
    /// The link to the document page, relative to the site root.
    pub url: String,
}

impl TimelineEvent {
    /// The event for a date mentioned in paragraph `paragraph` (`p3`) of document `document`.
    pub fn from_mention(mention: &DateMention, document: &str, paragraph: &str) -> Self {
        Self {
            date: mention.start,
            end: mention.end,
            approximate: mention.approximate,
            qualifier: mention.qualifier.clone(),
            title: mention.title.clone(),
            text: mention.sentence.clone(),
            source: EventSource::Text,
            document: document.to_string(),
            paragraph: Some(paragraph.to_string()),
            url: Self::url_for(document, Some(paragraph)),
        }
    }

    /// The link to a document page (`documents/<slug>/`), with the paragraph anchor if any,
    /// so every event's link is built the same way.
    pub fn url_for(document: &str, paragraph: Option<&str>) -> String {
        match paragraph {
            Some(paragraph) => format!("documents/{document}/#{paragraph}"),
            None => format!("documents/{document}/"),
        }
    }
}

/// The events of a pack in their one stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Timeline {
    /// The events, sorted.
    pub events: Vec<TimelineEvent>,
}

/// The events of one year, by month.
#[derive(Debug, PartialEq, Eq)]
pub struct YearGroup<'a> {
    /// The year.
    pub year: i32,
    /// The months that have events, with events known only to the year first.
    pub months: Vec<MonthGroup<'a>>,
}

/// The events of one month, or of a year when the month is not known.
#[derive(Debug, PartialEq, Eq)]
pub struct MonthGroup<'a> {
    /// The month, or `None` for events known only to the year.
    pub month: Option<u32>,
    /// The heading: "October 2016", or "2016 (month not known)".
    pub label: String,
    /// The events, in timeline order.
    pub events: Vec<&'a TimelineEvent>,
}

impl Timeline {
    /// Deterministic total order: date, then (source order: document-date, front-matter, text),
    /// then document slug, then paragraph number (numeric, p2 < p10), then title, with the
    /// remaining fields breaking any tie so that input order never shows. O(n log n).
    pub fn new(events: Vec<TimelineEvent>) -> Self {
        let keys = LeadingKey::of_all(&events);
        let mut order: Vec<usize> = (0..events.len()).collect();
        order.par_sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| compare(&events[a], &events[b]))
        });
        let mut slots: Vec<Option<TimelineEvent>> = events.into_iter().map(Some).collect();
        let events = order
            .into_iter()
            .map(|i| slots[i].take().expect("each index once"))
            .collect();
        Self { events }
    }

    /// The timeline as the site's own JSON, with a fixed key order. Written compactly: it
    /// grows with the pack, and readers are programs.
    pub fn to_json(&self) -> JsonList<'_> {
        #[derive(Serialize)]
        struct Event<'a> {
            date: PartialDate,
            end: Option<PartialDate>,
            precision: Precision,
            approximate: bool,
            qualifier: Option<&'a str>,
            title: &'a str,
            text: &'a str,
            source: EventSource,
            document: &'a str,
            paragraph: Option<&'a str>,
            url: &'a str,
        }
        json_list(
            r#"{"events":["#,
            &self.events,
            |_, e| Event {
                date: e.date,
                end: e.end,
                precision: e.date.precision(),
                approximate: e.approximate,
                qualifier: e.qualifier.as_deref(),
                title: &e.title,
                text: &e.text,
                source: e.source,
                document: &e.document,
                paragraph: e.paragraph.as_deref(),
                url: &e.url,
            },
            "]}",
        )
    }

    /// The timeline in Knight Lab's TimelineJS3 JSON format, for packs that embed it.
    ///
    /// Month and day are left out when not known, so TimelineJS shows the precision the pack
    /// has; `display_date` carries the pack's own label ("c. late December 2016"), `group` the
    /// document's title, and the HTML text links back to the paragraph.
    pub fn to_timelinejs_json<'a>(
        &'a self,
        pack_title: &str,
        document_titles: &'a (dyn Fn(&str) -> String + Sync),
    ) -> JsonList<'a> {
        #[derive(Serialize)]
        struct Date {
            year: String,
            #[serde(skip_serializing_if = "Option::is_none")]
            month: Option<String>,
            #[serde(skip_serializing_if = "Option::is_none")]
            day: Option<String>,
        }
        #[derive(Serialize)]
        struct Text {
            headline: String,
            text: String,
        }
        #[derive(Serialize)]
        struct Slide {
            start_date: Date,
            #[serde(skip_serializing_if = "Option::is_none")]
            end_date: Option<Date>,
            text: Text,
            display_date: String,
            group: String,
            unique_id: String,
        }
        #[derive(Serialize)]
        struct Title {
            text: Text,
        }
        let date = |d: PartialDate| Date {
            year: d.year_number().to_string(),
            month: d.month_number().map(|m| m.to_string()),
            day: d.day_number().map(|d| d.to_string()),
        };
        let slide = move |index: usize, e: &TimelineEvent| {
            let document = document_titles(&e.document);
            Slide {
                start_date: date(e.date),
                end_date: e.end.map(date),
                text: Text {
                    headline: escape(&e.title),
                    text: format!(
                        "<p>{}</p><p><a href=\"{}\">{}</a></p>",
                        escape(&e.text),
                        escape(&e.url),
                        escape(&document)
                    ),
                },
                display_date: display_date(e),
                group: document,
                unique_id: format!(
                    "{}-{}-{}",
                    e.document,
                    e.paragraph.as_deref().unwrap_or("doc"),
                    index + 1
                ),
            }
        };
        let title = Title {
            text: Text {
                headline: escape(pack_title),
                text: String::new(),
            },
        };
        let title = serde_json::to_string(&title).expect("strings serialise to JSON");
        json_list(
            &format!(r#"{{"title":{title},"events":["#),
            &self.events,
            slide,
            "]}",
        )
    }

    /// The events grouped by year and then month, in timeline order, for the timeline page.
    pub fn by_year_and_month(&self) -> Vec<YearGroup<'_>> {
        self.events
            .chunk_by(|a, b| a.date.year_number() == b.date.year_number())
            .map(|events| YearGroup {
                year: events[0].date.year_number(),
                months: by_month(events),
            })
            .collect()
    }
}

/// One year's events (in timeline order) grouped by month.
pub fn by_month(events: &[TimelineEvent]) -> Vec<MonthGroup<'_>> {
    events
        .chunk_by(|a, b| a.date.month_number() == b.date.month_number())
        .map(|events| {
            let (year, month) = (events[0].date.year_number(), events[0].date.month_number());
            MonthGroup {
                month,
                label: match month {
                    Some(month) => format!("{} {year}", month_name(month)),
                    None => format!("{year} (month not known)"),
                },
                events: events.iter().collect(),
            }
        })
        .collect()
}

pub(super) fn compare(a: &TimelineEvent, b: &TimelineEvent) -> Ordering {
    a.date
        .cmp(&b.date)
        .then(a.source.cmp(&b.source))
        .then_with(|| a.document.cmp(&b.document))
        .then_with(|| paragraph_key(&a.paragraph).cmp(&paragraph_key(&b.paragraph)))
        .then_with(|| a.title.cmp(&b.title))
        .then_with(|| a.end.cmp(&b.end))
        .then_with(|| a.approximate.cmp(&b.approximate))
        .then_with(|| a.qualifier.cmp(&b.qualifier))
        .then_with(|| a.text.cmp(&b.text))
        .then_with(|| a.url.cmp(&b.url))
}

/// The fields [`compare`] looks at first, made once per event so that most comparisons
/// while sorting compare numbers rather than strings. It orders events as [`compare`] does,
/// so ties are left to [`compare`].
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct LeadingKey {
    date: PartialDate,
    source: EventSource,
    /// The document's place among the events' document slugs in byte order.
    document: usize,
    paragraph: Option<u64>,
}

impl LeadingKey {
    fn of_all(events: &[TimelineEvent]) -> Vec<Self> {
        let mut slugs: Vec<&str> = events.iter().map(|e| e.document.as_str()).collect();
        slugs.dedup();
        slugs.sort_unstable();
        slugs.dedup();
        let rank: HashMap<&str, usize> = slugs.iter().enumerate().map(|(i, s)| (*s, i)).collect();
        events
            .iter()
            .map(|event| Self {
                date: event.date,
                source: event.source,
                document: rank[event.document.as_str()],
                paragraph: paragraph_key(&event.paragraph).0,
            })
            .collect()
    }
}

/// Sorts paragraph ids by their number (`p2` before `p10`), then as text.
fn paragraph_key(paragraph: &Option<String>) -> (Option<u64>, &str) {
    let text = paragraph.as_deref().unwrap_or("");
    let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit());
    (digits.parse().ok(), text)
}

/// The event's date as a reader sees it, at the precision known: "18 October 2016",
/// "September 2016", "c. late December 2016" for fuzzy dates, "2014–2015" for ranges.
pub fn display_date(event: &TimelineEvent) -> String {
    let label = match event.end {
        Some(end) => range_label(event.date, end),
        None => match (event.qualifier.as_deref(), event.date.precision()) {
            (Some(qualifier), Precision::Month | Precision::Year) => {
                format!("{qualifier} {}", event.date.long())
            }
            _ => event.date.long(),
        },
    };
    if event.approximate {
        format!("c. {label}")
    } else {
        label
    }
}

/// A range written as briefly as it stays clear: "18–20 October 2016", "March–May 2012".
fn range_label(start: PartialDate, end: PartialDate) -> String {
    let year = end.year_number();
    let same_year = start.year_number() == year;
    match (
        start.precision(),
        end.precision(),
        start.month_number(),
        end.month_number(),
    ) {
        (Precision::Year, Precision::Year, _, _) => format!("{}–{year}", start.year_number()),
        (Precision::Day, Precision::Day, Some(m1), Some(m2)) if same_year => {
            let (d1, d2) = (
                start.day_number().unwrap_or(1),
                end.day_number().unwrap_or(1),
            );
            if m1 == m2 {
                format!("{d1}–{d2} {} {year}", month_name(m1))
            } else {
                format!("{d1} {} – {d2} {} {year}", month_name(m1), month_name(m2))
            }
        }
        (Precision::Month, Precision::Month, Some(m1), Some(m2)) if same_year => {
            format!("{}–{} {year}", month_name(m1), month_name(m2))
        }
        _ => format!("{} – {}", start.long(), end.long()),
    }
}

/// Escapes text for the HTML that TimelineJS renders.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}
