//! The timeline page (`/timeline/`), with its overview chart, and the timeline exports.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write;
use std::sync::OnceLock;

use serde::Serialize;
use tera::Value;

use super::handoff::Handoff;
use super::shared::{Shared, template_value};
use super::views::document_url;
use crate::analyse::dates::chart::overview_svg;
use crate::analyse::dates::timeline::{
    EventSource, MonthGroup, TimelineEvent, by_month, display_date,
};
use crate::analyse::index::TermId;
use crate::error::BuildError;
use crate::fingerprint::Fingerprint;
use crate::markdown::BlockNumber;
use crate::output::OutputFile;
use crate::pack::Pack;

/// Up to this many events, the timeline is one page; beyond, it has a page per year so no
/// page grows with the whole pack.
pub const SINGLE_PAGE_EVENTS: usize = 1000;

/// Whether the pack's timeline has a page per year.
pub fn split_by_year(pack: &Pack) -> bool {
    pack.analysis.chronology.timeline.events.len() > SINGLE_PAGE_EVENTS
}

/// An event as the timeline page shows it, borrowing what the pack holds as it is shown.
#[derive(Debug, Clone, Serialize)]
pub struct EventView<'a> {
    /// Its anchor on the timeline page.
    pub anchor: &'a str,
    /// The date at its precision ("c. December 2016").
    pub date_label: String,
    /// ISO 8601 at its precision, for `<time datetime>`.
    pub iso: String,
    /// Whether the date is an approximation.
    pub approximate: bool,
    /// A short title.
    pub title: &'a str,
    /// The sentence it came from, or the editor's note.
    pub text: &'a str,
    /// `text`, `front-matter` or `document-date`.
    pub source: &'static str,
    /// Where to read it: the paragraph, or the document.
    pub url: &'a str,
    /// The paragraph's part of `url` (`#p3`), or empty: a link is `document.url`, the page's
    /// `index_file`, then this, with no template filter run per event.
    pub fragment: &'a str,
    /// "¶3", when it came from a paragraph.
    pub paragraph_label: Option<String>,
    /// The document it comes from.
    pub document: EventDocumentView<'a>,
    /// The index terms of the event's paragraph and document, for filtering, as positions
    /// (from 1) in the page's topic filter: a term's full name (`topics/aleppo`) repeated on
    /// every event would make up a third of a timeline page. Space-separated, ready for the
    /// `data-topics` attribute.
    pub topics: String,
}

/// The source document of an event: one of the pack's, shared by all its events (a year's
/// page lists thousands of events from hundreds of documents), or an event's own.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum EventDocumentView<'a> {
    /// A document of the pack, made into template values once per render.
    Shared(Shared<'a, EventDocument<'a>>),
    /// A document the pack does not have.
    Own(EventDocument<'a>),
}

/// The source document of an event.
#[derive(Debug, Clone, Serialize)]
pub struct EventDocument<'a> {
    /// Its slug, for filtering.
    pub slug: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its kind.
    pub kind: Option<&'a str>,
    /// Its author.
    pub author: Option<&'a str>,
    /// Its page.
    pub url: String,
}

/// A month (or a year whose month is unknown) on the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct MonthView<'a> {
    /// "October 2016".
    pub label: String,
    /// The anchor of the month's heading.
    pub anchor: String,
    /// Its events.
    pub events: Vec<EventView<'a>>,
}

/// A year on the timeline page.
#[derive(Debug, Clone, Serialize)]
pub struct YearView<'a> {
    /// The year.
    pub year: i32,
    /// Its months.
    pub months: Vec<MonthView<'a>>,
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
pub struct TimelineView<'a> {
    /// Number of events in the whole timeline.
    pub count: usize,
    /// On a year's page, the year.
    pub year: Option<i32>,
    /// On the overview of a split timeline, the years with their pages.
    pub year_pages: Vec<YearLink>,
    /// The overview chart, an SVG drawn at build time.
    pub chart: String,
    /// Events by year and month.
    pub years: Vec<YearView<'a>>,
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

/// A page of the timeline, known before its view is built so the render cache can be asked
/// first.
pub struct TimelinePage<'a> {
    /// Its path from the site root.
    pub path: String,
    /// On a year's page, the year.
    pub year: Option<i32>,
    /// On a year's page, its events, in timeline order.
    events: &'a [TimelineEvent],
}

/// The timeline's pages: one page, or (past [`SINGLE_PAGE_EVENTS`]) an overview and a page
/// per year.
pub fn timeline_pages(pack: &Pack) -> Vec<TimelinePage<'_>> {
    let overview = TimelinePage {
        path: "timeline/".into(),
        year: None,
        events: &[],
    };
    if !split_by_year(pack) {
        return vec![overview];
    }
    let chronology = &pack.analysis.chronology;
    std::iter::once(overview)
        .chain(chronology.years.iter().map(|(year, events)| TimelinePage {
            path: format!("timeline/{year}/"),
            year: Some(*year),
            events: &chronology.timeline.events[events.clone()],
        }))
        .collect()
}

/// Everything a year's page reads, as one number, without building its view: each of its
/// events with its anchor, the document's digest of what the page shows of the event
/// ([`DocumentAnalysis::event_digests`]) and the document's front-matter terms. An edit
/// elsewhere in a document leaves the years of its other events alone. The overview of a
/// split timeline is fingerprinted by [`overview_inputs`]; a timeline on one page has `None`,
/// and is fingerprinted by its view.
///
/// [`DocumentAnalysis::event_digests`]: crate::analyse::DocumentAnalysis::event_digests
pub fn timeline_page_inputs(pack: &Pack, page: &TimelinePage, lookup: &EventLookup) -> Option<u64> {
    let Some(year) = page.year else {
        return split_by_year(pack).then(|| overview_inputs(pack));
    };
    let mut fingerprint = Fingerprint::default().number(year as u64);
    for event in page.events {
        let index = event_index(pack, event);
        fingerprint = fingerprint.text(&pack.analysis.chronology.anchors[index]);
        let digest = lookup.place_of(index).and_then(|(doc, rank)| {
            let digest = pack.analyses[doc].event_digests.get(rank)?;
            Some((doc, *digest))
        });
        fingerprint = match digest {
            Some((doc, digest)) => fingerprint.number(digest).number(lookup.document_tags(doc)),
            None => fingerprint.hashed(event),
        };
    }
    Some(fingerprint.finish())
}

/// Everything the overview of a split timeline reads, as one number: the date of every event
/// (its chart and its count of events per year) and of every document (the chart's range).
fn overview_inputs(pack: &Pack) -> u64 {
    let events = &pack.analysis.chronology.timeline.events;
    let mut fingerprint = Fingerprint::default().number(events.len() as u64);
    for event in events {
        fingerprint = fingerprint.hashed(&event.date);
    }
    for document in &pack.documents {
        fingerprint = fingerprint.hashed(&document.meta.date);
    }
    fingerprint.finish()
}

/// The view of a timeline page. A year's page counts and offers as filters only what is on
/// it; the overview of a split timeline lists the years and has no filters.
pub fn timeline_page_view<'a>(
    pack: &'a Pack,
    page: &TimelinePage<'a>,
    lookup: &'a EventLookup,
) -> TimelineView<'a> {
    let timeline = &pack.analysis.chronology.timeline;
    match page.year {
        None if split_by_year(pack) => {
            let document_dates: Vec<_> =
                pack.documents.iter().filter_map(|d| d.meta.date).collect();
            TimelineView {
                count: timeline.events.len(),
                year: None,
                year_pages: timeline
                    .by_year_and_month()
                    .iter()
                    .map(|y| YearLink {
                        year: y.year,
                        count: y.months.iter().map(|m| m.events.len()).sum(),
                        url: format!("timeline/{}/", y.year),
                    })
                    .collect(),
                chart: overview_svg(timeline, &document_dates),
                years: Vec::new(),
                kinds: Vec::new(),
                documents: Vec::new(),
                topics: Vec::new(),
            }
        }
        None => {
            let document_dates: Vec<_> =
                pack.documents.iter().filter_map(|d| d.meta.date).collect();
            let years = timeline.by_year_and_month();
            let groups: Vec<(i32, &[MonthGroup])> = years
                .iter()
                .map(|y| (y.year, y.months.as_slice()))
                .collect();
            TimelineView {
                chart: overview_svg(timeline, &document_dates),
                ..events_view(pack, &groups, lookup)
            }
        }
        Some(year) => events_view(pack, &[(year, &by_month(page.events))], lookup),
    }
}

/// The view of these years' events, with filters for what they hold. Terms are handled by id
/// until the filter's options are made: a year's page has tens of thousands of events on a
/// large pack, each with a dozen terms.
fn events_view<'a>(
    pack: &'a Pack,
    years: &[(i32, &[MonthGroup<'a>])],
    lookup: &'a EventLookup,
) -> TimelineView<'a> {
    let vocabulary = &pack.analysis.vocabulary;
    let mut used_topics = vec![false; vocabulary.terms().len()];
    let mut used_documents = BTreeSet::new();
    let mut event_topics: Vec<[&[TermId]; 2]> = Vec::new();
    let mut count = 0;
    let mut years: Vec<YearView> = years
        .iter()
        .map(|&(year, months)| YearView {
            year,
            months: months
                .iter()
                .map(|month| MonthView {
                    anchor: match month.month {
                        Some(m) => format!("y{year}-{m:02}"),
                        None => format!("y{year}"),
                    },
                    label: month.label.clone(),
                    events: month
                        .events
                        .iter()
                        .map(|&event| {
                            count += 1;
                            let doc = lookup.document_of(event);
                            used_documents.extend(doc);
                            let topics = event_terms(pack, event, doc, lookup);
                            for id in topics.iter().copied().flatten() {
                                used_topics[id.0] = true;
                            }
                            event_topics.push(topics);
                            event_view(pack, event, doc, lookup)
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let kinds: BTreeSet<String> = used_documents
        .iter()
        .filter_map(|&i| pack.documents[i].meta.kind.clone())
        .collect();
    let mut topics: Vec<(TermId, FilterOption)> = vocabulary
        .terms()
        .iter()
        .filter(|t| used_topics[t.id.0])
        .map(|t| {
            let option = FilterOption {
                value: topic_key(&t.taxonomy, &t.slug),
                label: t.name.clone(),
            };
            (t.id, option)
        })
        .collect();
    topics.sort_by_cached_key(|(_, t)| t.label.to_lowercase());
    let mut positions = vec![0; vocabulary.terms().len()];
    for (position, (id, _)) in topics.iter().enumerate() {
        positions[id.0] = position + 1;
    }
    let events = years
        .iter_mut()
        .flat_map(|y| y.months.iter_mut())
        .flat_map(|m| m.events.iter_mut());
    let mut numbers: Vec<usize> = Vec::new();
    for (event, ids) in events.zip(event_topics) {
        numbers.clear();
        numbers.extend(ids.iter().copied().flatten().map(|id| positions[id.0]));
        numbers.sort_unstable();
        numbers.dedup();
        for number in &numbers {
            let separator = if event.topics.is_empty() { "" } else { " " };
            let _ = write!(event.topics, "{separator}{number}");
        }
    }
    let topics = topics.into_iter().map(|(_, option)| option).collect();
    TimelineView {
        count,
        year: None,
        year_pages: Vec::new(),
        chart: String::new(),
        years,
        kinds: kinds
            .into_iter()
            .map(|k| FilterOption {
                value: k.clone(),
                label: k,
            })
            .collect(),
        documents: used_documents
            .into_iter()
            .map(|i| {
                let d = &pack.documents[i];
                FilterOption {
                    value: d.slug.clone(),
                    label: d.meta.label(),
                }
            })
            .collect(),
        topics,
    }
}

/// A term as the timeline's topic filter names it, in its options and in the `?topic=` of a
/// link to a filtered timeline.
pub fn topic_key(taxonomy: &str, slug: &str) -> String {
    format!("{taxonomy}/{slug}")
}

/// What the timeline's pages look up about the documents their events come from: each
/// event's document, the index terms each paragraph mentions (for the topic filter and the
/// fingerprints) and what a year page shows of each document. A document's terms are read
/// the first time one of its events is needed, once for all the pages (which render in
/// parallel).
pub struct EventLookup<'a> {
    pack: &'a Pack,
    term_ids: Vec<OnceLock<HashMap<BlockNumber, Vec<TermId>>>>,
    document_tags: Vec<OnceLock<u64>>,
    documents: Vec<OnceLock<(EventDocument<'a>, Value)>>,
}

impl<'a> EventLookup<'a> {
    /// Nothing read yet.
    pub fn new(pack: &'a Pack) -> Self {
        Self {
            pack,
            term_ids: pack.documents.iter().map(|_| OnceLock::new()).collect(),
            document_tags: pack.documents.iter().map(|_| OnceLock::new()).collect(),
            documents: pack.documents.iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The document at `doc` as its events show it.
    fn event_document(&self, doc: usize) -> Shared<'_, EventDocument<'a>> {
        let (view, value) = self.documents[doc].get_or_init(|| {
            let document = &self.pack.documents[doc];
            let view = EventDocument {
                slug: &document.slug,
                title: &document.meta.title,
                kind: document.meta.kind.as_deref(),
                author: document.meta.author.as_deref(),
                url: document_url(&document.slug),
            };
            let value = template_value(&view);
            (view, value)
        });
        Shared::new(view, value)
    }

    /// The front-matter terms of the document at `doc` as a year's page shows them beside its
    /// events, as one number: their taxonomies, slugs and names, which come from the pack's
    /// vocabulary rather than from the document.
    fn document_tags(&self, doc: usize) -> u64 {
        *self.document_tags[doc].get_or_init(|| {
            let vocabulary = &self.pack.analysis.vocabulary;
            let mut fingerprint = Fingerprint::default();
            for &id in &self.pack.analysis.tags[doc] {
                let term = vocabulary.get(id);
                fingerprint = fingerprint
                    .text(&term.taxonomy)
                    .text(&term.slug)
                    .text(&term.name);
            }
            fingerprint.finish()
        })
    }

    /// The terms paragraph `paragraph` of the document at `doc` mentions, in text order.
    fn paragraph_terms(&self, doc: usize, paragraph: BlockNumber) -> &[TermId] {
        let by_paragraph = self.term_ids[doc].get_or_init(|| {
            let mut terms: HashMap<BlockNumber, Vec<TermId>> = HashMap::new();
            for mention in &self.pack.analyses[doc].mentions.mentions {
                terms
                    .entry(mention.paragraph)
                    .or_default()
                    .push(mention.term);
            }
            terms
        });
        by_paragraph.get(&paragraph).map_or(&[], Vec::as_slice)
    }

    /// The position of the document an event comes from; `event` must be one of the
    /// timeline's.
    fn document_of(&self, event: &TimelineEvent) -> Option<usize> {
        self.place_of(event_index(self.pack, event))
            .map(|(doc, _)| doc)
    }

    /// The position of the document timeline event `index` comes from, and the event's rank
    /// among that document's events.
    fn place_of(&self, index: usize) -> Option<(usize, usize)> {
        self.pack.analysis.chronology.places.get(index).copied()
    }
}

/// The index terms an event is filed under in the topic filter, maybe more than once: its
/// document's front-matter terms, and those its paragraph mentions. Borrowed, not gathered
/// into a list: a large pack's year pages have a hundred thousand events.
fn event_terms<'a>(
    pack: &'a Pack,
    event: &TimelineEvent,
    doc: Option<usize>,
    terms: &'a EventLookup,
) -> [&'a [TermId]; 2] {
    let Some(doc) = doc else {
        return [&[], &[]];
    };
    let paragraph = event.paragraph.as_deref().and_then(BlockNumber::of_id);
    let mentioned = paragraph.map_or(&[][..], |paragraph| terms.paragraph_terms(doc, paragraph));
    [&pack.analysis.tags[doc], mentioned]
}

/// An event's view; its [`EventView::topics`] are filled in once the page's filter is known.
fn event_view<'a>(
    pack: &'a Pack,
    event: &'a TimelineEvent,
    doc: Option<usize>,
    lookup: &'a EventLookup,
) -> EventView<'a> {
    EventView {
        anchor: event_anchor(pack, event),
        date_label: display_date(event),
        iso: event.date.iso(),
        approximate: event.approximate,
        title: &event.title,
        text: &event.text,
        source: match event.source {
            EventSource::DocumentDate => "document-date",
            EventSource::FrontMatter => "front-matter",
            EventSource::Text => "text",
        },
        url: &event.url,
        fragment: event.url.find('#').map_or("", |at| &event.url[at..]),
        paragraph_label: event
            .paragraph
            .as_ref()
            .map(|p| format!("¶{}", p.trim_start_matches('p'))),
        document: match doc {
            Some(doc) => EventDocumentView::Shared(lookup.event_document(doc)),
            None => EventDocumentView::Own(EventDocument {
                slug: &event.document,
                title: "",
                kind: None,
                author: None,
                url: document_url(&event.document),
            }),
        },
        topics: String::new(),
    }
}

/// An event's anchor on its timeline page; `event` must be one of the timeline's.
fn event_anchor<'a>(pack: &'a Pack, event: &TimelineEvent) -> &'a str {
    &pack.analysis.chronology.anchors[event_index(pack, event)]
}

/// An event's index in the timeline; `event` must be one of the timeline's.
fn event_index(pack: &Pack, event: &TimelineEvent) -> usize {
    let events = &pack.analysis.chronology.timeline.events;
    let offset = (event as *const TimelineEvent as usize) - (events.as_ptr() as usize);
    let index = offset / std::mem::size_of::<TimelineEvent>();
    debug_assert!(std::ptr::eq(&events[index], event));
    index
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

/// The paths of the timeline exports.
pub const TIMELINE_EXPORTS: [&str; 2] = ["timeline.json", "timeline-timelinejs.json"];

/// `timeline.json` and `timeline-timelinejs.json`, each handed to `handoff` once made.
pub fn timeline_exports(pack: &Pack, handoff: &dyn Handoff) -> Result<Vec<OutputFile>, BuildError> {
    let timeline = &pack.analysis.chronology.timeline;
    let titles: BTreeMap<&str, &str> = pack
        .documents
        .iter()
        .map(|d| (d.slug.as_str(), d.meta.title.as_str()))
        .collect();
    let title_of = |slug: &str| titles.get(slug).map_or_else(String::new, |t| t.to_string());
    let json = timeline.to_json();
    let mut files = handoff.stream(TIMELINE_EXPORTS[0], &mut json.parts())?;
    let timelinejs = timeline.to_timelinejs_json(&pack.config.title, &title_of);
    files.extend(handoff.stream(TIMELINE_EXPORTS[1], &mut timelinejs.parts())?);
    Ok(files)
}
