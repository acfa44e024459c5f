//! One number per timeline event of a document, for everything a year's timeline page shows
//! of the event that the document alone decides.
//!
//! A year's page lists tens of thousands of events on a large pack. Fingerprinting it from
//! the events themselves (their sentences, their documents, the terms of their paragraphs)
//! reads most of the pack; from digests made when each document is read, it is a pass over
//! numbers, and an edit costs only the edited document's digests.

use super::DocumentAnalysis;
use super::chronology::document_events;
use super::dates::timeline::Timeline;
use crate::fingerprint::Fingerprint;
use crate::markdown::BlockNumber;
use crate::source::Document;

/// For each event `doc` puts on the timeline, in timeline order, the digest of the event, the
/// index terms its paragraph mentions (in text order), and what the page shows of the
/// document and uses to order its document filter: slug, path, title, label, kind, author,
/// date and weight.
///
/// The order is the timeline's: [`Timeline::new`] orders one document's events among
/// themselves the same way whatever other documents are in the pack, so the digests line up
/// with the document's events in the pack's timeline.
pub fn event_digests(doc: &Document, analysis: &DocumentAnalysis) -> Vec<u64> {
    let meta = &doc.meta;
    let about_document = Fingerprint::default()
        .text(&doc.slug)
        .text(&doc.content_path)
        .text(&meta.title)
        .text(&meta.label())
        .hashed(&(&meta.kind, &meta.author, meta.date, meta.weight))
        .finish();
    let mentions = &analysis.mentions.mentions;
    Timeline::new(document_events(doc, analysis).collect())
        .events
        .iter()
        .map(|event| {
            let mut fingerprint = Fingerprint::default().number(about_document).hashed(event);
            if let Some(paragraph) = event.paragraph.as_deref().and_then(BlockNumber::of_id) {
                for mention in mentions.iter().filter(|m| m.paragraph == paragraph) {
                    fingerprint = fingerprint.number(mention.term.0 as u64);
                }
            }
            fingerprint.finish()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::Chronology;
    use crate::analyse::test_support::analysed;

    #[test]
    fn a_documents_digests_line_up_with_its_events_in_the_packs_timeline() {
        let letters = [
            analysed(
                "b.md",
                "Aleppo was shelled on 3 March 2016 and again on 3 March 2016.\n\nTalks began in Homs on 1 February 2016.",
            ),
            analysed(
                "a.md",
                "Aid reached Aleppo on 3 March 2016.\n\nThe siege began in July 2016, after talks on 1 February 2016.",
            ),
        ];
        let (documents, analyses): (Vec<_>, Vec<_>) = letters.iter().cloned().unzip();
        let chronology = Chronology::new(&documents, &analyses);
        for (place, (doc, analysis)) in letters.iter().enumerate() {
            let alone = Timeline::new(document_events(doc, analysis).collect()).events;
            let in_pack: Vec<_> = chronology.by_document[place]
                .iter()
                .map(|&i| chronology.timeline.events[i].clone())
                .collect();
            assert!(in_pack.len() >= 3, "{in_pack:#?}");
            assert_eq!(alone, in_pack);
            assert_eq!(analysis.event_digests.len(), in_pack.len());
        }
    }

    #[test]
    fn digests_change_with_what_the_timeline_shows_of_an_event_and_only_then() {
        let digests = |name: &str, body: &str| analysed(name, body).1.event_digests.clone();
        let first = digests("a.md", "Aid reached Aleppo on 3 March 2016.\n\nNo news.");
        assert_eq!(
            first,
            digests(
                "a.md",
                "Aid reached Aleppo on 3 March 2016.\n\nNo news yet."
            )
        );
        let retermed = digests("a.md", "Aid reached Homs on 3 March 2016.\n\nNo news.");
        assert_eq!(first.len(), 2, "the mentioned date and the document's own");
        let changed = first.iter().zip(&retermed).filter(|(a, b)| a != b).count();
        assert_eq!(changed, 1, "only the event of the edited paragraph");
        let renamed = digests("b.md", "Aid reached Aleppo on 3 March 2016.\n\nNo news.");
        assert!(first.iter().zip(&renamed).all(|(a, b)| a != b));
    }
}
