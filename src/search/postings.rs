//! Postings: for each stem, where it occurs, as (document, slot, positions). A slot is a
//! metadata field of the document or one of its paragraphs (see [`Slot`]), so results can
//! land on a paragraph and titles can still boost them.
//!
//! Each stem's postings are one flat, delta-coded list of numbers, written in [`vlq`] form as
//! the pack is read (documents in order, slots in order), so building is linear in the
//! corpus size:
//!
//! ```text
//! entry     = doc_delta, slot_or_delta, count, position_delta × count
//! doc_delta = document − previous document (the first "previous" is −1), 0 for the same one
//! slot      = absolute when doc_delta > 0, else the difference from the previous slot
//! positions = the first absolute, then differences
//! ```

use super::dictionary::Dictionary;
use super::document_words::DocumentWords;
use super::vlq;

/// Where in a document a word was found. Metadata fields take the first slots and paragraph
/// `i` (0-based) takes `PARAGRAPH_BASE + i`; `static/search.js` relies on these numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Slot {
    /// The document title.
    Title,
    /// The document's author.
    Author,
    /// The document's kind ("letter", "debate").
    Kind,
    /// The document's index terms.
    Terms,
    /// A paragraph, by 0-based index.
    Paragraph(u32),
}

impl Slot {
    /// The slot number of the first paragraph.
    pub(crate) const PARAGRAPH_BASE: u32 = 4;

    fn number(self) -> u32 {
        match self {
            Slot::Title => 0,
            Slot::Author => 1,
            Slot::Kind => 2,
            Slot::Terms => 3,
            Slot::Paragraph(i) => Self::PARAGRAPH_BASE + i,
        }
    }
}

/// Accumulates the delta-coded postings of every stem.
pub(crate) struct Postings {
    lists: Vec<StemList>,
    /// Scratch space reused for each slot: (provisional stem id, position).
    slot_tokens: Vec<(u32, u32)>,
}

#[derive(Default)]
struct StemList {
    encoded: String,
    last: Option<(u32, u32)>,
}

impl Postings {
    /// Empty postings.
    pub(crate) fn new() -> Self {
        Self {
            lists: Vec::new(),
            slot_tokens: Vec::new(),
        }
    }

    /// Records the words of document `doc`. Calls must come in document order.
    pub(crate) fn add(&mut self, doc: u32, words: &DocumentWords, dictionary: &mut Dictionary) {
        let stems: Vec<u32> = (words.surfaces())
            .map(|surface| dictionary.stem_id(surface))
            .collect();
        self.lists
            .resize_with(dictionary.stem_count(), StemList::default);
        for (slot, tokens) in &words.slots {
            self.slot_tokens.clear();
            self.slot_tokens.extend(
                (tokens.iter()).map(|&(surface, position)| (stems[surface as usize], position)),
            );
            // Stable, so each stem's positions stay in ascending order.
            self.slot_tokens.sort_by_key(|&(stem, _)| stem);
            for group in self.slot_tokens.chunk_by(|a, b| a.0 == b.0) {
                let list = &mut self.lists[group[0].0 as usize];
                list.push_entry(
                    doc,
                    slot.number(),
                    group.iter().map(|&(_, position)| position),
                );
            }
        }
    }

    /// The encoded lists, reordered so list `i` belongs to final stem id `i`.
    pub(crate) fn into_lists(self, final_ids: &[u32]) -> Vec<String> {
        let mut lists = vec![String::new(); self.lists.len()];
        for (provisional, list) in self.lists.into_iter().enumerate() {
            lists[final_ids[provisional] as usize] = list.encoded;
        }
        lists
    }
}

/// The (document, slot number, occurrences) of each entry of an encoded list, in order,
/// without the positions: what ranking a single word needs (see `lead`).
pub(crate) fn entries(encoded: &str) -> impl Iterator<Item = (u32, u32, u32)> + '_ {
    let mut numbers = vlq::numbers(encoded);
    let (mut doc, mut slot) = (0, 0);
    let mut first = true;
    std::iter::from_fn(move || {
        let doc_delta = numbers.next()?;
        let slot_or_delta = numbers.next()?;
        if doc_delta == 0 {
            slot += slot_or_delta;
        } else {
            doc = if first {
                doc_delta - 1
            } else {
                doc + doc_delta
            };
            slot = slot_or_delta;
        }
        first = false;
        let count = numbers.next()?;
        for _ in 0..count {
            numbers.next();
        }
        Some((doc, slot, count))
    })
}

impl StemList {
    fn push_entry(&mut self, doc: u32, slot: u32, positions: impl ExactSizeIterator<Item = u32>) {
        let (doc_delta, slot_or_delta) = match self.last {
            Some((last_doc, last_slot)) if last_doc == doc => (0, slot - last_slot),
            Some((last_doc, _)) => (doc - last_doc, slot),
            None => (doc + 1, slot),
        };
        self.last = Some((doc, slot));
        vlq::push(&mut self.encoded, doc_delta);
        vlq::push(&mut self.encoded, slot_or_delta);
        vlq::push(&mut self.encoded, positions.len() as u32);
        let mut previous = 0;
        for position in positions {
            vlq::push(&mut self.encoded, position - previous);
            previous = position;
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::search::analyze::Analyzer;
    use crate::search::document_words::DocumentWords;

    /// One decoded entry: (document, slot number, positions).
    pub(crate) type Entry = (u32, u32, Vec<u32>);

    /// Decodes a list the way `static/search.js` does.
    pub(crate) fn decode(encoded: &str) -> Vec<Entry> {
        let numbers = vlq::decode(encoded);
        let mut entries = Vec::new();
        let (mut doc, mut slot, mut i) = (-1_i64, 0, 0);
        while i < numbers.len() {
            let doc_delta = numbers[i];
            if doc_delta == 0 {
                slot += numbers[i + 1];
            } else {
                doc += i64::from(doc_delta);
                slot = numbers[i + 1];
            }
            let count = numbers[i + 2] as usize;
            let mut position = 0;
            let positions = numbers[i + 3..i + 3 + count]
                .iter()
                .map(|delta| {
                    position += delta;
                    position
                })
                .collect();
            entries.push((doc as u32, slot, positions));
            i += 3 + count;
        }
        entries
    }

    #[test]
    fn entries_are_delta_coded_and_decode_back() {
        let analyzer = Analyzer::new(&["to".to_owned()]);
        let mut dictionary = Dictionary::new();
        let mut postings = Postings::new();
        let first = DocumentWords::of_slots(
            &analyzer,
            &[
                (Slot::Title, "Aleppo bombings"),
                (Slot::Paragraph(2), "bombing to bombing"),
                (Slot::Paragraph(5), "the bombed convoy"),
            ],
        );
        let fourth = DocumentWords::of_slots(&analyzer, &[(Slot::Paragraph(0), "bomb")]);
        postings.add(0, &first, &mut dictionary);
        postings.add(3, &fourth, &mut dictionary);
        let sorted = dictionary.into_sorted();
        let bomb = sorted.surfaces.iter().find(|(s, _)| s == "bomb").unwrap().1;
        let lists = postings.into_lists(&sorted.final_ids);
        let list = &lists[bomb as usize];
        assert_eq!(
            vlq::decode(list),
            [1, 0, 1, 1, 0, 6, 2, 0, 2, 0, 3, 1, 1, 3, 4, 1, 0]
        );
        assert_eq!(
            decode(list),
            [
                (0, 0, vec![1]),
                (0, 6, vec![0, 2]),
                (0, 9, vec![1]),
                (3, 4, vec![0])
            ]
        );
        assert_eq!(
            entries(list).collect::<Vec<_>>(),
            [(0, 0, 1), (0, 6, 2), (0, 9, 1), (3, 4, 1)]
        );
    }
}
