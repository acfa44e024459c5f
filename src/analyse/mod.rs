//! Analyses over the parsed documents: what the texts themselves say about dates and topics.
//!
//! Analysis comes in two steps, like indexing a book: [`analyse_document`] reads one document
//! (pure, so a session caches it per document), and [`analyse_pack`] combines every
//! document's results into the pack-wide timeline and topic index.

mod chronology;
pub mod dates;
mod event_digest;
pub mod index;
mod pack;
mod term_digest;
#[cfg(test)]
pub(crate) mod test_support;
mod vocabulary_file;

pub use chronology::Chronology;
pub use pack::{EarlierPack, PackAnalysis, analyse_pack};
pub use vocabulary_file::load_vocabulary;

use dates::{DateMention, ExtractOptions, Unresolved, extract, is_ignored};
use index::{DocumentIndex, DocumentInput, Matcher, TermId, index_document};

use std::time::{Duration, Instant};

use crate::config::Config;
use crate::source::Document;

/// What one document says, found by reading its text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DocumentAnalysis {
    /// Every mention of a vocabulary term, paragraph by paragraph.
    pub mentions: DocumentIndex,
    /// Every date the text mentions, with its paragraph id, in text order.
    pub dates: Vec<(String, DateMention)>,
    /// Date-like phrases that could not be dated honestly, with their paragraph id.
    pub unresolved: Vec<(String, Unresolved)>,
    /// For each term mentioned, in term order, a digest of all the document says about it
    /// (see [`term_digest`]): what a rebuild compares to tell which term pages an edit
    /// reached.
    pub term_digests: Vec<(TermId, u64)>,
    /// For each event the document puts on the timeline, in timeline order, a digest of what
    /// a timeline page shows of it (see [`event_digest`]).
    pub event_digests: Vec<u64>,
}

impl DocumentAnalysis {
    /// The digest of what the document says about `term` (0 when it does not mention it).
    pub fn term_digest(&self, term: TermId) -> u64 {
        self.term_digests
            .binary_search_by_key(&term, |&(t, _)| t)
            .map_or(0, |found| self.term_digests[found].1)
    }

    /// Whether two versions of a document mention the same terms in the same paragraphs, in
    /// the same order: all the topic index's structure (entries, counts, related terms) takes
    /// from a document.
    pub fn mentions_same_places(&self, other: &Self) -> bool {
        let (new, old) = (&self.mentions.mentions, &other.mentions.mentions);
        new.len() == old.len()
            && new
                .iter()
                .zip(old)
                .all(|(n, o)| n.term == o.term && n.paragraph == o.paragraph)
    }
}

/// CPU time spent analysing, for `--timings`.
#[derive(Debug, Clone, Copy, Default)]
pub struct AnalysisTimes {
    /// Finding dates.
    pub dates: Duration,
    /// Finding index terms.
    pub index: Duration,
}

/// Reads one document; a pure function of the document, the config and the vocabulary's
/// matcher (`times` only records how long it took).
pub fn analyse_document(
    doc: &Document,
    matcher: &Matcher,
    config: &Config,
    times: &mut AnalysisTimes,
) -> DocumentAnalysis {
    let started = Instant::now();
    let input = DocumentInput {
        slug: &doc.slug,
        title: &doc.meta.title,
        sort_key: 0,
        paragraphs: &doc.body.blocks,
        tags: &[],
    };
    let mut analysis = DocumentAnalysis {
        mentions: index_document(matcher, &input),
        ..DocumentAnalysis::default()
    };
    times.index += started.elapsed();
    let started = Instant::now();
    if config.timeline.extract && doc.meta.timeline {
        let options = ExtractOptions {
            order: config.timeline.order,
        };
        for block in &doc.body.blocks {
            let found = extract(&block.text, doc.meta.date, &options);
            analysis.dates.extend(
                found
                    .mentions
                    .into_iter()
                    .filter(|m| !is_ignored(m, &doc.meta.timeline_ignore))
                    .map(|m| (block.id.clone(), m)),
            );
            analysis
                .unresolved
                .extend(found.unresolved.into_iter().map(|u| (block.id.clone(), u)));
        }
    }
    times.dates += started.elapsed();
    analysis.term_digests = term_digest::term_digests(doc, &analysis);
    analysis.event_digests = event_digest::event_digests(doc, &analysis);
    analysis
}
