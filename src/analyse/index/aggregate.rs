//! From matches to a back-of-book index.
//!
//! Indexing is split in two so that the expensive part can be cached: [`index_document`]
//! depends on one document and the matcher only, and [`build_index`] cheaply combines the
//! per-document results into entries with locators down to the paragraph.

use std::ops::Range;

use super::excerpt::Excerpts;
use super::matcher::Matcher;
use super::related::related_terms;
use super::vocabulary::{TermId, Vocabulary};
use crate::markdown::{Block, BlockNumber};

/// How many related terms an entry lists.
const RELATED_LIMIT: usize = 8;

/// What the index needs to know about one document.
#[derive(Clone, Copy, Debug)]
pub struct DocumentInput<'a> {
    /// The document's URL slug.
    pub slug: &'a str,
    /// Its title, for entry pages.
    pub title: &'a str,
    /// Its place in the caller's date order; locators follow it.
    pub sort_key: usize,
    /// The document's numbered blocks (id and plain text), in document order.
    pub paragraphs: &'a [Block],
    /// Terms the document is tagged with in its front matter.
    pub tags: &'a [TermId],
}

/// The mentions found in one document, in text order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DocumentIndex {
    /// Every term occurrence, paragraph by paragraph, left to right.
    pub mentions: Vec<Mention>,
}

/// One occurrence of a term, with the context to show for it.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Mention {
    /// The term mentioned.
    pub term: TermId,
    /// The paragraph, the locator's target.
    pub paragraph: BlockNumber,
    /// The sentence containing the match, whitespace collapsed, cut around the match with
    /// "…" when longer than about 300 characters.
    pub sentence: String,
    /// The byte range of the match within `sentence`.
    pub highlight: Range<usize>,
}

impl Mention {
    /// The text that matched, as shown. Not kept as a string of its own: a large pack has
    /// over a million mentions.
    pub fn matched(&self) -> &str {
        &self.sentence[self.highlight.clone()]
    }
}

/// Finds the mentions of one document; pure, so it can be cached per document.
pub fn index_document(matcher: &Matcher, doc: &DocumentInput<'_>) -> DocumentIndex {
    let mut mentions = Vec::new();
    for (position, Block { text, .. }) in doc.paragraphs.iter().enumerate() {
        let found = matcher.find(text);
        if found.is_empty() {
            continue;
        }
        let excerpts = Excerpts::new(text);
        for found in found {
            let (sentence, highlight) = excerpts.excerpt(found.range);
            mentions.push(Mention {
                term: found.term,
                paragraph: BlockNumber::at(position),
                sentence,
                highlight,
            });
        }
    }
    DocumentIndex { mentions }
}

/// The whole pack's index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TopicIndex {
    /// One entry per term with mentions or tags, by taxonomy order, then A–Z by name
    /// (case-insensitive, ignoring a leading "the").
    pub entries: Vec<IndexEntry>,
}

/// Everything the index says about one term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IndexEntry {
    /// The term.
    pub term: TermId,
    /// Where it is mentioned, one locator per document, in the caller's date order.
    pub locators: Vec<Locator>,
    /// Positions (in the `docs` given to [`build_index`]) of documents tagged with it, in
    /// date order.
    pub tagged_documents: Vec<usize>,
    /// Terms mentioned in the same paragraphs most often, with the number of shared
    /// paragraphs; at most 8, ties broken by name.
    pub related: Vec<(TermId, usize)>,
    /// The number of mentions across all documents.
    pub mention_count: usize,
}

/// A term's mentions within one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locator {
    /// The document's position in the `docs` given to [`build_index`].
    pub document: usize,
    /// The paragraphs mentioning the term, unique, in order.
    pub paragraphs: Vec<BlockNumber>,
    /// Indices into that document's [`DocumentIndex::mentions`].
    pub mentions: Vec<usize>,
}

/// Combines per-document results into entries. `docs` positions are what locators and
/// `tagged_documents` refer to; order within an entry follows each document's `sort_key`,
/// then its position, so the output is deterministic.
pub fn build_index(
    vocabulary: &Vocabulary,
    docs: &[(DocumentInput<'_>, &DocumentIndex)],
) -> TopicIndex {
    let indexes: Vec<&DocumentIndex> = docs.iter().map(|(_, index)| *index).collect();
    let (entries, mut related) = rayon::join(
        || collect_entries(vocabulary.terms().len(), docs),
        || related_terms(vocabulary, &indexes, RELATED_LIMIT),
    );
    let mut entries: Vec<IndexEntry> = entries
        .into_iter()
        .map(|mut entry| {
            entry.related = std::mem::take(&mut related[entry.term.0]);
            entry
        })
        .collect();
    let taxonomy_rank = |term: TermId| {
        let taxonomy = &vocabulary.get(term).taxonomy;
        vocabulary
            .taxonomies()
            .iter()
            .position(|t| t == taxonomy)
            .unwrap_or(usize::MAX)
    };
    entries.sort_by_cached_key(|entry| {
        (
            taxonomy_rank(entry.term),
            vocabulary.get(entry.term).sort_key(),
        )
    });
    TopicIndex { entries }
}

/// Each mentioned or tagged term's entry, without related terms, in term order.
fn collect_entries(
    term_count: usize,
    docs: &[(DocumentInput<'_>, &DocumentIndex)],
) -> Vec<IndexEntry> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&position| (docs[position].0.sort_key, position));
    let mut entries: Vec<Option<IndexEntry>> = vec![None; term_count];
    for &position in &order {
        let (input, index) = &docs[position];
        for (number, mention) in index.mentions.iter().enumerate() {
            let entry = entries[mention.term.0].get_or_insert_with(|| empty_entry(mention.term));
            entry.mention_count += 1;
            if entry.locators.last().is_none_or(|l| l.document != position) {
                entry.locators.push(Locator {
                    document: position,
                    paragraphs: Vec::new(),
                    mentions: Vec::new(),
                });
            }
            let locator = entry.locators.last_mut().expect("pushed above if missing");
            locator.mentions.push(number);
            if locator.paragraphs.last() != Some(&mention.paragraph) {
                locator.paragraphs.push(mention.paragraph);
            }
        }
        for &term in input.tags {
            let entry = entries[term.0].get_or_insert_with(|| empty_entry(term));
            if entry.tagged_documents.last() != Some(&position) {
                entry.tagged_documents.push(position);
            }
        }
    }
    let mut entries: Vec<IndexEntry> = entries.into_iter().flatten().collect();
    for locator in entries.iter_mut().flat_map(|e| e.locators.iter_mut()) {
        if !locator.paragraphs.is_sorted() {
            locator.paragraphs.sort_unstable();
            locator.paragraphs.dedup();
        }
    }
    entries
}

fn empty_entry(term: TermId) -> IndexEntry {
    IndexEntry {
        term,
        locators: Vec::new(),
        tagged_documents: Vec::new(),
        related: Vec::new(),
        mention_count: 0,
    }
}

/// Sorts "p2" before "p10"; ids without a number come after, alphabetically.
#[cfg(test)]
mod tests {
    use super::super::test_support::{paragraphs, vocabulary};
    use super::*;

    const VOCABULARY: &str = r#"
[[terms]]
name = "Russia"
taxonomy = "places"
aliases = ["Russian"]

[[terms]]
name = "Syria"
taxonomy = "places"

[[terms]]
name = "The Hague"
taxonomy = "places"

[[terms]]
name = "Aleppo"
taxonomy = "places"

[[terms]]
name = "Ceasefire"
taxonomy = "topics"
case = "insensitive"

[[terms]]
name = "Hilary Benn"
taxonomy = "people"
"#;

    fn id(vocabulary: &Vocabulary, name: &str) -> TermId {
        vocabulary
            .terms()
            .iter()
            .find(|t| t.name == name)
            .map(|t| t.id)
            .unwrap()
    }

    #[test]
    fn mentions_carry_paragraph_sentence_and_highlight() {
        let v = vocabulary(VOCABULARY);
        let paragraphs = paragraphs(&["Intro. The Russian\nenvoy spoke.  Then Syria.", "None."]);
        let doc = DocumentInput {
            slug: "d",
            title: "D",
            sort_key: 0,
            paragraphs: &paragraphs,
            tags: &[],
        };
        let index = index_document(&Matcher::new(&v), &doc);
        let [russian, syria] = &index.mentions[..] else {
            panic!("{index:#?}")
        };
        assert_eq!(russian.term, id(&v, "Russia"));
        assert_eq!(russian.paragraph, BlockNumber(1));
        assert_eq!(russian.sentence, "The Russian envoy spoke.");
        assert_eq!(russian.matched(), "Russian");
        assert_eq!(&russian.sentence[russian.highlight.clone()], "Russian");
        assert_eq!(syria.sentence, "Then Syria.");
        assert_eq!(syria.highlight, 5..10);
    }

    #[test]
    fn entries_are_sorted_and_locators_grouped_in_date_order() {
        let v = vocabulary(VOCABULARY);
        let matcher = Matcher::new(&v);
        let later_paragraphs = paragraphs(&["Russia and Aleppo.", "Russia, Russia and Syria."]);
        let earlier_paragraphs = paragraphs(&["A ceasefire in Aleppo.", "Russia agreed."]);
        let hague = [id(&v, "The Hague"), id(&v, "Russia"), id(&v, "The Hague")];
        let later = DocumentInput {
            slug: "later",
            title: "Later",
            sort_key: 5,
            paragraphs: &later_paragraphs,
            tags: &[],
        };
        let earlier = DocumentInput {
            slug: "earlier",
            title: "Earlier",
            sort_key: 1,
            paragraphs: &earlier_paragraphs,
            tags: &hague,
        };
        let (later_index, earlier_index) = (
            index_document(&matcher, &later),
            index_document(&matcher, &earlier),
        );
        let docs = [(later, &later_index), (earlier, &earlier_index)];
        let index = build_index(&v, &docs);
        let names: Vec<&str> = index
            .entries
            .iter()
            .map(|e| v.get(e.term).name.as_str())
            .collect();
        assert_eq!(
            names,
            ["Ceasefire", "Aleppo", "The Hague", "Russia", "Syria"]
        );

        let russia = &index.entries[3];
        assert_eq!(russia.mention_count, 4);
        assert_eq!(
            russia.locators,
            [
                Locator {
                    document: 1,
                    paragraphs: vec![BlockNumber(2)],
                    mentions: vec![2],
                },
                Locator {
                    document: 0,
                    paragraphs: vec![BlockNumber(1), BlockNumber(2)],
                    mentions: vec![0, 2, 3],
                },
            ]
        );
        assert_eq!(russia.tagged_documents, [1]);

        let the_hague = &index.entries[2];
        assert!(the_hague.locators.is_empty());
        assert_eq!(the_hague.tagged_documents, [1]);
        assert_eq!(the_hague.mention_count, 0);
        assert!(the_hague.related.is_empty());

        let aleppo = &index.entries[1];
        assert_eq!(
            aleppo.related,
            [(id(&v, "Ceasefire"), 1), (id(&v, "Russia"), 1)]
        );
    }

    #[test]
    fn no_documents_no_entries() {
        let v = vocabulary(VOCABULARY);
        assert!(build_index(&v, &[]).entries.is_empty());
    }
}
