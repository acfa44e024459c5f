//! One document's words as the index needs them, read on their own. Reading (splitting,
//! folding, dropping stop words) is most of the cost of indexing and needs nothing from
//! other documents, so documents are read in parallel; only merging them into the pack's
//! dictionary and postings, in document order, is sequential.

use rustc_hash::FxHashMap;

use super::analyze::Analyzer;
use super::config::SearchConfig;
use super::document::SearchDocument;
use super::postings::Slot;
use super::tokenize::words;
use crate::markdown::Block;

/// Positions skipped between two index terms, so a phrase never spans two of them.
const TERM_GAP: u32 = 100;

/// The indexable words of one document.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct DocumentWords {
    /// Its distinct folded words, in the order first met, one after another: a preview
    /// keeps every document's words, and a string each costs a header and an allocation
    /// per word, more than most words' own few bytes.
    surfaces: String,
    /// Where each of `surfaces` ends.
    ends: Vec<u32>,
    /// Each slot that has words, in slot order, with its words as (number of the distinct
    /// word, position) in position order.
    pub(crate) slots: Vec<(Slot, Vec<(u32, u32)>)>,
    /// Its paragraphs' word counts (stop words included, as they take positions).
    pub(crate) lengths: Vec<u32>,
}

impl DocumentWords {
    /// Its distinct folded words, in the order first met; the slots' words number them.
    pub(crate) fn surfaces(&self) -> impl Iterator<Item = &str> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        (starts.zip(&self.ends)).map(|(start, &end)| &self.surfaces[start as usize..end as usize])
    }

    /// Reads the fields of `doc` that `config` indexes.
    pub(crate) fn read(
        doc: &SearchDocument<'_>,
        config: &SearchConfig,
        analyzer: &Analyzer,
    ) -> Self {
        let mut reader = Reader::new(analyzer);
        let metadata = [
            ("title", Slot::Title, Some(doc.title)),
            ("author", Slot::Author, doc.author),
            ("kind", Slot::Kind, doc.kind),
        ];
        for (field, slot, text) in metadata {
            if let Some(text) = text.filter(|_| config.indexes(field)) {
                reader.read_slot(slot, [text]);
            }
        }
        if config.indexes("terms") {
            reader.read_slot(Slot::Terms, doc.terms.iter().map(String::as_str));
        }
        let index_text = config.indexes("text");
        let lengths = (doc.paragraphs.iter().enumerate())
            .map(|(i, Block { text, .. })| {
                if index_text {
                    let i = u32::try_from(i).expect("fewer than 2^32 paragraphs");
                    reader.read_slot(Slot::Paragraph(i), [text.as_str()])
                } else {
                    words(text).count() as u32
                }
            })
            .collect();
        reader.finish(lengths)
    }

    /// The words of the given slots' texts, for tests of what is built from them.
    #[cfg(test)]
    pub(crate) fn of_slots(analyzer: &Analyzer, slots: &[(Slot, &str)]) -> Self {
        let mut reader = Reader::new(analyzer);
        for &(slot, text) in slots {
            reader.read_slot(slot, [text]);
        }
        reader.finish(Vec::new())
    }
}

/// Numbers a document's distinct words as they are met.
struct Reader<'a> {
    analyzer: &'a Analyzer,
    ids: FxHashMap<String, u32>,
    slots: Vec<(Slot, Vec<(u32, u32)>)>,
}

impl<'a> Reader<'a> {
    fn new(analyzer: &'a Analyzer) -> Self {
        Self {
            analyzer,
            ids: FxHashMap::default(),
            slots: Vec::new(),
        }
    }

    /// Reads texts into one slot, a gap apart, and returns the position after the last
    /// word: for a single text, its word count.
    fn read_slot<'t>(&mut self, slot: Slot, texts: impl IntoIterator<Item = &'t str>) -> u32 {
        let analyzer = self.analyzer;
        let ids = &mut self.ids;
        let mut tokens = Vec::new();
        let mut next = 0;
        for (i, text) in texts.into_iter().enumerate() {
            let start = if i == 0 { 0 } else { next + TERM_GAP };
            next = analyzer.analyze(text, start, |word, position| {
                let id = match ids.get(word) {
                    Some(&id) => id,
                    None => {
                        let id = u32::try_from(ids.len()).expect("fewer than 2^32 words");
                        ids.insert(word.to_owned(), id);
                        id
                    }
                };
                tokens.push((id, position));
            });
        }
        if !tokens.is_empty() {
            self.slots.push((slot, tokens));
        }
        next
    }

    fn finish(self, lengths: Vec<u32>) -> DocumentWords {
        let mut by_id = vec![""; self.ids.len()];
        for (surface, &id) in &self.ids {
            by_id[id as usize] = surface;
        }
        let mut surfaces = String::with_capacity(by_id.iter().map(|s| s.len()).sum());
        let ends = (by_id.iter())
            .map(|surface| {
                surfaces.push_str(surface);
                u32::try_from(surfaces.len()).expect("a document's words under 4 GB")
            })
            .collect();
        DocumentWords {
            surfaces,
            ends,
            slots: self.slots,
            lengths,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_per_document_and_keep_their_positions() {
        let analyzer = Analyzer::new(&["the".to_owned()]);
        let words = DocumentWords::of_slots(
            &analyzer,
            &[
                (Slot::Title, "The convoy"),
                (Slot::Paragraph(0), "Convoy, the convoy’s route"),
            ],
        );
        assert_eq!(words.surfaces().collect::<Vec<_>>(), ["convoy", "route"]);
        assert_eq!(
            words.slots,
            [
                (Slot::Title, vec![(0, 1)]),
                (Slot::Paragraph(0), vec![(0, 0), (0, 2), (1, 3)])
            ]
        );
    }

    #[test]
    fn index_terms_are_a_gap_apart_and_empty_slots_are_left_out() {
        let analyzer = Analyzer::new(&["the".to_owned()]);
        let terms = ["aid access".to_owned(), "Aleppo".to_owned()];
        let paragraphs = [Block {
            id: "p1".to_owned(),
            text: "The".to_owned(),
            offset: 0,
        }];
        let doc = SearchDocument {
            slug: "a",
            url: "documents/a/",
            title: "Letter",
            kind: None,
            author: None,
            date_iso: None,
            date_label: None,
            terms: &terms,
            paragraphs: &paragraphs,
        };
        let words = DocumentWords::read(&doc, &SearchConfig::default(), &analyzer);
        assert_eq!(
            words.surfaces().collect::<Vec<_>>(),
            ["letter", "aid", "access", "aleppo"]
        );
        assert_eq!(
            words.slots,
            [
                (Slot::Title, vec![(0, 0)]),
                (Slot::Terms, vec![(1, 0), (2, 1), (3, 2 + TERM_GAP)])
            ]
        );
        assert_eq!(words.lengths, [1]);
    }
}
