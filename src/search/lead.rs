//! Lead paragraphs: for a word with long postings, the paragraph that a search for that word
//! alone shows first. Its text is written into the word's postings shard, so the browser can
//! show the first result with its snippet as soon as it has ranked, instead of waiting for
//! the result's text shard (about 100 KB, a second round trip). Long postings are where this
//! pays: they are the words that take longest to rank.
//!
//! The choice mirrors the ranking in `static/search.js` for a query of one word: BM25 per
//! paragraph with the document's boosted title, author, kind and index-term matches added,
//! documents by their best paragraph. If the two ever disagreed the browser would only lose
//! the shortcut and wait for the text shard: it looks a lead up by document and paragraph,
//! so it never shows a wrong text.

use super::doc_table::coded_length;
use super::postings::{Slot, entries};

/// `static/search.js`'s FIELD_BOOST, K1 and B, which these must equal.
const FIELD_BOOST: [f64; 4] = [2.5, 1.0, 0.5, 1.5];
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// A word gets a lead only if its postings are at least this many times the lead's length,
/// so leads add at most a tenth to the postings of the words that have them, and words met
/// a few times (whose postings are short and quick to rank) get none.
pub(crate) const POSTINGS_PER_LEAD_BYTE: usize = 10;

/// What ranking needs to know of every paragraph in the pack.
pub(crate) struct LeadRanker {
    /// Each document's paragraphs' BM25 length normalisation, as the browser works it out.
    norms: Vec<Vec<f64>>,
    /// Paragraphs in the pack (at least one), for inverse document frequency.
    paragraphs: f64,
}

impl LeadRanker {
    /// A ranker over documents with these paragraph word counts (per document, in order).
    pub(crate) fn new(lengths: &[Vec<u32>]) -> Self {
        let count: usize = lengths.iter().map(Vec::len).sum();
        let words: u64 = lengths.iter().flatten().map(|&n| u64::from(n)).sum();
        let paragraphs = count.max(1) as f64;
        let average = match words as f64 / paragraphs {
            0.0 => 1.0,
            average => average,
        };
        let norms = lengths
            .iter()
            .map(|doc| {
                doc.iter()
                    .map(|&n| 1.0 - B + (B * coded_length(n)) / average)
                    .collect()
            })
            .collect();
        Self { norms, paragraphs }
    }

    /// The (document, paragraph index) that a search for the stem with these encoded
    /// postings shows first, or `None` when that document has no paragraphs. Documents are
    /// ranked by their best paragraph's score plus their fields' (or by their fields' alone
    /// when no paragraph matches, showing their first paragraph); ties go to the earlier
    /// document and paragraph, as in the browser.
    pub(crate) fn lead(&self, encoded: &str) -> Option<(u32, u32)> {
        let df = entries(encoded)
            .filter(|&(_, slot, _)| slot >= Slot::PARAGRAPH_BASE)
            .count() as f64;
        let idf = (1.0 + (self.paragraphs - df + 0.5) / (df + 0.5)).ln();
        let mut best: Option<(f64, u32, Option<u32>)> = None;
        let mut doc = DocScore::default();
        for (number, slot, count) in entries(encoded) {
            if number != doc.number {
                doc.offer_to(&mut best);
                doc = DocScore {
                    number,
                    ..DocScore::default()
                };
            }
            let tf = f64::from(count);
            match slot.checked_sub(Slot::PARAGRAPH_BASE) {
                None => {
                    doc.fields += (FIELD_BOOST[slot as usize] * idf * tf * (K1 + 1.0)) / (tf + K1);
                }
                Some(paragraph) => {
                    let norm = self.norms[number as usize][paragraph as usize];
                    let score = (idf * tf * (K1 + 1.0)) / (tf + K1 * norm);
                    doc.offer_paragraph(paragraph, score);
                }
            }
        }
        doc.offer_to(&mut best);
        match best? {
            (_, number, Some(paragraph)) => Some((number, paragraph)),
            (_, number, None) => (!self.norms[number as usize].is_empty()).then_some((number, 0)),
        }
    }
}

/// One document's matches while its entries are read. Its fields' slots come before its
/// paragraphs' in the postings, so `fields` is complete when the first paragraph is met.
#[derive(Default)]
struct DocScore {
    number: u32,
    /// The summed scores of its title, author, kind and index terms.
    fields: f64,
    /// Its best paragraph so far with the fields' score added, (value, paragraph index):
    /// the first of equals.
    top: Option<(f64, u32)>,
}

impl DocScore {
    fn offer_paragraph(&mut self, paragraph: u32, score: f64) {
        let value = score + self.fields;
        if self.top.is_none_or(|(top_value, _)| value > top_value) {
            self.top = Some((value, paragraph));
        }
    }

    /// Replaces `best` (score, document, best paragraph if any matched) if this document
    /// scores higher; a document with no entries scores nothing.
    fn offer_to(&self, best: &mut Option<(f64, u32, Option<u32>)>) {
        let (value, paragraph) = (self.top).map_or((self.fields, None), |(v, p)| (v, Some(p)));
        if value > 0.0 && best.is_none_or(|(best_value, _, _)| value > best_value) {
            *best = Some((value, self.number, paragraph));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::vlq;

    /// Postings with these (document, slot, occurrences) entries, positions made up.
    fn list(found: &[(u32, u32, u32)]) -> String {
        let mut out = String::new();
        let mut last: Option<(u32, u32)> = None;
        for &(doc, slot, count) in found {
            let (doc_delta, slot_or_delta) = match last {
                Some((d, s)) if d == doc => (0, slot - s),
                Some((d, _)) => (doc - d, slot),
                None => (doc + 1, slot),
            };
            last = Some((doc, slot));
            for n in [doc_delta, slot_or_delta, count] {
                vlq::push(&mut out, n);
            }
            for _ in 0..count {
                vlq::push(&mut out, 1);
            }
        }
        out
    }

    const TITLE: u32 = 0;

    fn paragraph(i: u32) -> u32 {
        Slot::PARAGRAPH_BASE + i
    }

    #[test]
    fn more_occurrences_in_a_shorter_paragraph_lead() {
        let ranker = LeadRanker::new(&[vec![200, 200], vec![30, 30, 30]]);
        let postings = list(&[(0, paragraph(1), 1), (1, paragraph(2), 3)]);
        assert_eq!(ranker.lead(&postings), Some((1, 2)));
    }

    #[test]
    fn a_title_match_lifts_its_document() {
        let ranker = LeadRanker::new(&[vec![50, 50], vec![50, 50]]);
        let postings = list(&[(0, paragraph(0), 1), (1, TITLE, 1), (1, paragraph(1), 1)]);
        assert_eq!(ranker.lead(&postings), Some((1, 1)));
    }

    #[test]
    fn ties_go_to_the_earlier_document_and_paragraph() {
        let ranker = LeadRanker::new(&[vec![40, 40, 40], vec![40, 40, 40]]);
        let postings = list(&[
            (0, paragraph(0), 1),
            (0, paragraph(2), 2),
            (1, paragraph(1), 2),
            (1, paragraph(2), 2),
        ]);
        assert_eq!(ranker.lead(&postings), Some((0, 2)));
        let postings = list(&[(1, paragraph(1), 2), (1, paragraph(2), 2)]);
        assert_eq!(ranker.lead(&postings), Some((1, 1)));
    }

    #[test]
    fn a_document_found_by_its_fields_alone_leads_with_its_first_paragraph() {
        let ranker = LeadRanker::new(&[vec![40], vec![40, 40], vec![]]);
        assert_eq!(ranker.lead(&list(&[(1, TITLE, 1)])), Some((1, 0)));
        assert_eq!(ranker.lead(&list(&[(2, TITLE, 1)])), None, "no paragraphs");
        assert_eq!(ranker.lead(""), None);
    }
}
