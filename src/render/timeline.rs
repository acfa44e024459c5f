//! The timeline page (`/timeline/`), with its overview chart, and the timeline exports.

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use super::views::document_url;
use crate::analyse::dates::chart::overview_svg;
use crate::analyse::dates::timeline::{EventSource, TimelineEvent, display_date};
use crate::output::OutputFile;
use crate::pack::Pack;

/// Up to this many events, the timeline is one page; beyond, it has a page per year so no
/// page grows with the whole pack.
pub const SINGLE_PAGE_EVENTS: usize = 1000;

/// Whether the pack's timeline has a page per year.
pub fn split_by_year(pack: &Pack) -> bool {
    pack.analysis.chronology.timeline.events.len() > SINGLE_PAGE_EVENTS
}

/// An event as the timeline page shows it.
#[derive(Debug, Clone, Serialize)]
pub struct EventView {
    /// Its anchor on the timeline page.
    pub anchor: String,
    /// The date at its precision ("c. December 2016").
    pub date_label: String,
    /// ISO 8601 at its precision, for `<time datetime>`.
    pub iso: String,
    /// Whether the date is an approximation.
    pub approximate: bool,
    /// A short title.
    pub title: String,
    /// The sentence it came from, or the editor's note.
    pub text: String,
    /// `text`, `front-matter` or `document-date`.
    pub source: &'static str,
    /// Where to read it: the paragraph, or the document.
    pub url: String,
    /// "¶3", when it came from a paragraph.
    pub paragraph_label: Option<String>,
    /// The document it comes from.
    pub document: EventDocument,
    /// Slugs of the index terms of the event's paragraph and document, for filtering.
    pub topics: Vec<String>,
}

/// The source document of an event.
#[derive(Debug, Clone, Serialize)]
pub struct EventDocument {
    /// Its slug, for filtering.
    pub slug: String,
    /// Its title.
    pub title: String,
    /// Its kind.
    pub kind: Option<String>,
    /// Its author.
    pub author: Option<String>,
    /// Its page.
    pub url: String,
}

/// A month (or a year whose month is unknown) on the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView {
    /// "October 2016".
    pub label: String,
    /// The anchor of the month's heading.
    pub anchor: String,
    /// Its events.
    pub events: Vec<EventView>,
}

/// A year on the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct YearView {
    /// The year.
    pub year: i32,
    /// Its months.
    pub months: Vec<MonthView>,
}

/// A choice in one of the timeline's filters.
#[derive(Debug, Clone, Serialize)]
pub struct FilterOption {
    /// The value events carry.
    pub value: String,
    /// What the reader sees.
    pub label: String,
}

/// A year of a split timeline, on the overview page.
#[derive(Debug, Clone, Serialize)]
pub struct YearLink {
    /// The year.
    pub year: i32,
    /// Its events.
    pub count: usize,
    /// Its page from the site root.
    pub url: String,
}

/// Everything a timeline page shows.
#[derive(Debug, Clone, Serialize)]
pub struct TimelineView {
    /// Number of events in the whole timeline.
    pub count: usize,
    /// On a year's page, the year.
    pub year: Option<i32>,
    /// On the overview of a split timeline, the years with their pages.
    pub year_pages: Vec<YearLink>,
    /// The overview chart, an SVG drawn at build time.
    pub chart: String,
    /// Events by year and month.
    pub years: Vec<YearView>,
    /// Document kinds, for the filter.
    pub kinds: Vec<FilterOption>,
    /// Documents, for the filter.
    pub documents: Vec<FilterOption>,
    /// Index terms, for the filter.
    pub topics: Vec<FilterOption>,
}

/// A document's own events, for its page.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentEventView {
    /// The date label.
    pub date_label: String,
    /// The title.
    pub title: String,
    /// `timeline/#anchor`, from the site root.
    pub url: String,
    /// "¶3", when from a paragraph.
    pub paragraph_label: Option<String>,
}

/// The views of the timeline's pages with their paths: one page, or an overview and a page
/// per year.
pub fn timeline_pages(pack: &Pack) -> Vec<(String, TimelineView)> {
    let mut all = timeline_view(pack);
    if !split_by_year(pack) {
        return vec![("timeline/".into(), all)];
    }
    let years = std::mem::take(&mut all.years);
    let year_pages = years
        .iter()
        .map(|y| YearLink {
            year: y.year,
            count: y.months.iter().map(|m| m.events.len()).sum(),
            url: format!("timeline/{}/", y.year),
        })
        .collect();
    let mut pages = vec![(
        "timeline/".to_string(),
        TimelineView {
            year_pages,
            ..all.clone()
        },
    )];
    all.chart.clear();
    for year in years {
        pages.push((
            format!("timeline/{}/", year.year),
            TimelineView {
                year: Some(year.year),
                years: vec![year],
                ..all.clone()
            },
        ));
    }
    pages
}

/// The view of the whole timeline on one page.
fn timeline_view(pack: &Pack) -> TimelineView {
    let chronology = &pack.analysis.chronology;
    let timeline = &chronology.timeline;
    let position: BTreeMap<&str, usize> = pack
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    let index_of: BTreeMap<*const TimelineEvent, usize> = timeline
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| (e as *const TimelineEvent, i))
        .collect();
    let paragraph_terms = paragraph_terms(pack);
    let mut used_topics = BTreeSet::new();
    let years = timeline
        .by_year_and_month()
        .into_iter()
        .map(|year| YearView {
            year: year.year,
            months: year
                .months
                .into_iter()
                .map(|month| MonthView {
                    anchor: match month.month {
                        Some(m) => format!("y{}-{m:02}", year.year),
                        None => format!("y{}", year.year),
                    },
                    label: month.label,
                    events: month
                        .events
                        .into_iter()
                        .map(|event| {
                            let index = index_of[&(event as *const TimelineEvent)];
                            let doc = position.get(event.document.as_str()).copied();
                            let view = event_view(pack, event, index, doc, &paragraph_terms);
                            used_topics.extend(view.topics.iter().cloned());
                            view
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let document_dates: Vec<_> = pack.documents.iter().filter_map(|d| d.meta.date).collect();
    let kinds: BTreeSet<String> = pack
        .documents
        .iter()
        .filter_map(|d| d.meta.kind.clone())
        .collect();
    let vocabulary = &pack.analysis.vocabulary;
    let mut topics: Vec<FilterOption> = vocabulary
        .terms()
        .iter()
        .filter(|t| used_topics.contains(&topic_key(&t.taxonomy, &t.slug)))
        .map(|t| FilterOption {
            value: topic_key(&t.taxonomy, &t.slug),
            label: t.name.clone(),
        })
        .collect();
    topics.sort_by_key(|t| t.label.to_lowercase());
    TimelineView {
        count: timeline.events.len(),
        year: None,
        year_pages: Vec::new(),
        chart: overview_svg(timeline, &document_dates),
        years,
        kinds: kinds
            .into_iter()
            .map(|k| FilterOption {
                value: k.clone(),
                label: k,
            })
            .collect(),
        documents: pack
            .documents
            .iter()
            .map(|d| FilterOption {
                value: d.slug.clone(),
                label: d.meta.label(),
            })
            .collect(),
        topics,
    }
}

fn topic_key(taxonomy: &str, slug: &str) -> String {
    format!("{taxonomy}/{slug}")
}

/// For each (document position, paragraph id), the index terms it mentions.
fn paragraph_terms(pack: &Pack) -> BTreeMap<(usize, &str), BTreeSet<String>> {
    let vocabulary = &pack.analysis.vocabulary;
    let mut terms: BTreeMap<(usize, &str), BTreeSet<String>> = BTreeMap::new();
    for (doc, analysis) in pack.analyses.iter().enumerate() {
        for mention in &analysis.mentions.mentions {
            let term = vocabulary.get(mention.term);
            terms
                .entry((doc, mention.paragraph.as_str()))
                .or_default()
                .insert(topic_key(&term.taxonomy, &term.slug));
        }
    }
    terms
}

fn event_view(
    pack: &Pack,
    event: &TimelineEvent,
    index: usize,
    doc: Option<usize>,
    paragraph_terms: &BTreeMap<(usize, &str), BTreeSet<String>>,
) -> EventView {
    let vocabulary = &pack.analysis.vocabulary;
    let mut topics: BTreeSet<String> = BTreeSet::new();
    if let Some(doc) = doc {
        for &id in &pack.analysis.tags[doc] {
            let term = vocabulary.get(id);
            topics.insert(topic_key(&term.taxonomy, &term.slug));
        }
        if let Some(paragraph) = &event.paragraph
            && let Some(found) = paragraph_terms.get(&(doc, paragraph.as_str()))
        {
            topics.extend(found.iter().cloned());
        }
    }
    let document = doc.map(|i| &pack.documents[i]);
    EventView {
        anchor: pack.analysis.chronology.anchors[index].clone(),
        date_label: display_date(event),
        iso: event.date.iso(),
        approximate: event.approximate,
        title: event.title.clone(),
        text: event.text.clone(),
        source: match event.source {
            EventSource::DocumentDate => "document-date",
            EventSource::FrontMatter => "front-matter",
            EventSource::Text => "text",
        },
        url: event.url.clone(),
        paragraph_label: event
            .paragraph
            .as_ref()
            .map(|p| format!("¶{}", p.trim_start_matches('p'))),
        document: EventDocument {
            slug: event.document.clone(),
            title: document.map(|d| d.meta.title.clone()).unwrap_or_default(),
            kind: document.and_then(|d| d.meta.kind.clone()),
            author: document.and_then(|d| d.meta.author.clone()),
            url: document_url(&event.document),
        },
        topics: topics.into_iter().collect(),
    }
}

/// The events of the document at `doc` (pack order), for its page.
pub fn document_events(pack: &Pack, doc: usize) -> Vec<DocumentEventView> {
    let chronology = &pack.analysis.chronology;
    chronology.by_document[doc]
        .iter()
        .map(|&i| event_link(pack, i))
        .collect()
}

/// A link to event `index` on the timeline page.
pub fn event_link(pack: &Pack, index: usize) -> DocumentEventView {
    let chronology = &pack.analysis.chronology;
    let event = &chronology.timeline.events[index];
    DocumentEventView {
        date_label: display_date(event),
        title: event.title.clone(),
        url: if split_by_year(pack) {
            format!(
                "timeline/{}/#{}",
                event.date.year_number(),
                chronology.anchors[index]
            )
        } else {
            format!("timeline/#{}", chronology.anchors[index])
        },
        paragraph_label: event
            .paragraph
            .as_ref()
            .map(|p| format!("¶{}", p.trim_start_matches('p'))),
    }
}

/// `timeline.json` and `timeline-timelinejs.json`.
pub fn timeline_exports(pack: &Pack) -> [OutputFile; 2] {
    let timeline = &pack.analysis.chronology.timeline;
    let titles: BTreeMap<&str, &str> = pack
        .documents
        .iter()
        .map(|d| (d.slug.as_str(), d.meta.title.as_str()))
        .collect();
    let title_of = |slug: &str| titles.get(slug).map_or_else(String::new, |t| t.to_string());
    [
        OutputFile::new("timeline.json", timeline.to_json().into_bytes()),
        OutputFile::new(
            "timeline-timelinejs.json",
            timeline
                .to_timelinejs_json(&pack.config.title, &title_of)
                .into_bytes(),
        ),
    ]
}
