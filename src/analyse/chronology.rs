//! The pack's timeline: document dates, editors' events and the dates the texts mention.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use rayon::prelude::*;

use super::DocumentAnalysis;
use super::dates::timeline::{EventSource, Timeline, TimelineEvent};
use crate::source::Document;

/// The timeline and how its events map back to documents.
#[derive(Debug, Clone, Default)]
pub struct Chronology {
    /// Every event, sorted.
    pub timeline: Timeline,
    /// For each event, its anchor on the timeline page. Anchors are made from the document,
    /// the paragraph and the event's rank within that paragraph, so they stay put when other
    /// documents change.
    pub anchors: Vec<String>,
    /// For each document (pack order), its events' indices in `timeline.events`.
    pub by_document: Vec<Vec<usize>>,
    /// For each event, its document's position in the pack and its rank among the
    /// document's events.
    pub places: Vec<(usize, usize)>,
    /// Each year with events, and the range of its events in `timeline.events`.
    pub years: Vec<(i32, Range<usize>)>,
}

impl Chronology {
    /// Builds the timeline of documents in pack order.
    pub fn new(documents: &[Arc<Document>], analyses: &[Arc<DocumentAnalysis>]) -> Self {
        let events: Vec<TimelineEvent> = documents
            .par_iter()
            .zip(analyses)
            .flat_map_iter(|(doc, analysis)| document_events(doc, analysis))
            .collect();
        let timeline = Timeline::new(events);
        let position: HashMap<&str, usize> = documents
            .iter()
            .enumerate()
            .map(|(i, d)| (d.slug.as_str(), i))
            .collect();
        let mut by_document = vec![Vec::new(); documents.len()];
        for (index, event) in timeline.events.iter().enumerate() {
            if let Some(&doc) = position.get(event.document.as_str()) {
                by_document[doc].push(index);
            }
        }
        let mut places = vec![(0, 0); timeline.events.len()];
        for (doc, events) in by_document.iter().enumerate() {
            for (rank, &event) in events.iter().enumerate() {
                places[event] = (doc, rank);
            }
        }
        let mut years: Vec<(i32, Range<usize>)> = Vec::new();
        for (index, event) in timeline.events.iter().enumerate() {
            let year = event.date.year_number();
            match years.last_mut() {
                Some((last, range)) if *last == year => range.end = index + 1,
                _ => years.push((year, index..index + 1)),
            }
        }
        let mut anchors = vec![String::new(); timeline.events.len()];
        let named: Vec<Vec<(usize, String)>> = by_document
            .par_iter()
            .map(|indices| anchors_of(&timeline.events, indices))
            .collect();
        for (index, anchor) in named.into_iter().flatten() {
            anchors[index] = anchor;
        }
        Self {
            timeline,
            anchors,
            by_document,
            places,
            years,
        }
    }
}

/// Anchors for one document's events (`indices`, in timeline order): the paragraph and the
/// event's rank within it, counted in timeline order.
fn anchors_of(events: &[TimelineEvent], indices: &[usize]) -> Vec<(usize, String)> {
    let mut ranks: HashMap<&str, usize> = HashMap::new();
    indices
        .iter()
        .map(|&index| {
            let event = &events[index];
            let paragraph = event.paragraph.as_deref().unwrap_or(match event.source {
                EventSource::DocumentDate => "date",
                _ => "note",
            });
            let rank = ranks.entry(paragraph).or_default();
            *rank += 1;
            (index, format!("{}-{paragraph}-{rank}", event.document))
        })
        .collect()
}

/// The events one document puts on the timeline: its own date, its editors' events and the
/// dates its text mentions.
pub(super) fn document_events<'a>(
    doc: &'a Document,
    analysis: &'a DocumentAnalysis,
) -> impl Iterator<Item = TimelineEvent> + 'a {
    let own = doc.meta.date.map(|date| TimelineEvent {
        date,
        end: None,
        approximate: false,
        qualifier: None,
        title: doc.meta.title.clone(),
        text: doc
            .meta
            .date_note
            .clone()
            .or_else(|| doc.meta.summary.clone())
            .unwrap_or_default(),
        source: EventSource::DocumentDate,
        document: doc.slug.clone(),
        paragraph: None,
        url: TimelineEvent::url_for(&doc.slug, None),
    });
    let curated = doc.meta.events.iter().map(|event| TimelineEvent {
        date: event.date,
        end: event.end,
        approximate: false,
        qualifier: None,
        title: event.title.clone(),
        text: event.note.clone().unwrap_or_default(),
        source: EventSource::FrontMatter,
        document: doc.slug.clone(),
        paragraph: None,
        url: TimelineEvent::url_for(&doc.slug, None),
    });
    let mentioned = analysis
        .dates
        .iter()
        .map(|(paragraph, mention)| TimelineEvent::from_mention(mention, &doc.slug, paragraph));
    own.into_iter().chain(curated).chain(mentioned)
}
