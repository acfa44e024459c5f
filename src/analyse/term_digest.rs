//! One number per term a document mentions, for everything the document says about it.
//!
//! A term's page lists every document mentioning it: the document's title, date and kind,
//! the term's mentions in context, and the dates found in the same paragraphs. A digest of
//! exactly that, made when the document is read, lets a rebuild tell which term pages an edit
//! reached: editing one paragraph leaves alone the pages of terms mentioned only elsewhere.

use std::collections::BTreeSet;

use super::DocumentAnalysis;
use super::index::TermId;
use crate::fingerprint::Fingerprint;
use crate::markdown::BlockNumber;
use crate::source::Document;

/// For each term `analysis` finds in `doc`, in term order, the digest of the document's
/// slug, title, date and kind, its mentions of the term (paragraph, sentence, highlight) and
/// every date found in the paragraphs that mention it.
pub fn term_digests(doc: &Document, analysis: &DocumentAnalysis) -> Vec<(TermId, u64)> {
    let terms: BTreeSet<TermId> = analysis.mentions.mentions.iter().map(|m| m.term).collect();
    let about_document = Fingerprint::default()
        .text(&doc.slug)
        .text(&doc.meta.title)
        .hashed(&(doc.meta.date, &doc.meta.kind))
        .finish();
    terms
        .into_iter()
        .map(|term| {
            let mut fingerprint = Fingerprint::default().number(about_document);
            let mut paragraphs: Vec<BlockNumber> = Vec::new();
            for mention in analysis.mentions.mentions.iter().filter(|m| m.term == term) {
                fingerprint = fingerprint.hashed(mention);
                if paragraphs.last() != Some(&mention.paragraph) {
                    paragraphs.push(mention.paragraph);
                }
            }
            for (paragraph, date) in &analysis.dates {
                let number = BlockNumber::of_id(paragraph);
                if number.is_some_and(|number| paragraphs.contains(&number)) {
                    fingerprint = fingerprint.text(paragraph).hashed(date);
                }
            }
            (term, fingerprint.finish())
        })
        .collect()
}
