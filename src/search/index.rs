//! Building the index from the pack's documents and writing it out as scripts.

use rayon::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::analyze::Analyzer;
use super::config::SearchConfig;
use super::dictionary::Dictionary;
use super::doc_table::doc_entry;
use super::document::SearchDocument;
use super::document_words::DocumentWords;
use super::kept::KeptWords;
use super::lead::{LeadRanker, POSTINGS_PER_LEAD_BYTE};
use super::postings::Postings;
use super::script::registration;
use super::shard::{shard_range, shard_starts};

/// About 200 KB of postings per shard: one or two round trips per looked-up word.
const POSTINGS_SHARD_BYTES: usize = 200_000;
/// About 100 KB of text per shard: results from ten documents should not cost megabytes.
const TEXT_SHARD_BYTES: usize = 100_000;

/// The search index of a pack, ready to be written under the site root.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchIndex {
    files: Vec<(String, String)>,
}

impl SearchIndex {
    /// The files to write, as (path under the site root, contents): `search/index.js`, then
    /// `search/postings-N.js`, then `search/text-N.js`. Empty when search is disabled, so the
    /// caller can write whatever this returns.
    pub fn into_files(self) -> Vec<(String, String)> {
        self.files
    }
}

/// Documents read at a time by a one-off build before their words are merged and dropped:
/// enough to keep both cores busy, few enough that a large pack's words are never all held.
const READ_BATCH: usize = 256;

/// Indexes `docs` (in pack order, which is kept as the document numbering) per `config`.
/// The same input always gives the same bytes, and time grows linearly with the words.
pub fn build_search_index(docs: &[SearchDocument<'_>], config: &SearchConfig) -> SearchIndex {
    if !config.enabled {
        return SearchIndex { files: Vec::new() };
    }
    let analyzer = Analyzer::new(&config.stop_words);
    let mut merged = Merged::with_capacity(docs.len());
    for batch in docs.chunks(READ_BATCH) {
        let read: Vec<DocumentWords> = (batch.par_iter())
            .map(|doc| DocumentWords::read(doc, config, &analyzer))
            .collect();
        read.iter().for_each(|words| merged.add(words));
    }
    merged.write(docs, &analyzer)
}

/// [`build_search_index`], taking the words of documents read by the last build from `kept`
/// and leaving there those of this one: after an edit, only the edited document is read.
/// The index is the same as [`build_search_index`] makes.
pub fn build_search_index_keeping(
    docs: &[SearchDocument<'_>],
    config: &SearchConfig,
    kept: &mut KeptWords,
) -> SearchIndex {
    if !config.enabled {
        return SearchIndex { files: Vec::new() };
    }
    let analyzer = Analyzer::new(&config.stop_words);
    let mut merged = Merged::with_capacity(docs.len());
    for words in kept.read(docs, config, &analyzer) {
        merged.add(&words);
    }
    merged.write(docs, &analyzer)
}

/// The documents' words merged, in document order, into the dictionary and postings.
struct Merged {
    dictionary: Dictionary,
    postings: Postings,
    /// Each document's paragraphs' word counts.
    lengths: Vec<Vec<u32>>,
}

impl Merged {
    fn with_capacity(documents: usize) -> Self {
        Self {
            dictionary: Dictionary::new(),
            postings: Postings::new(),
            lengths: Vec::with_capacity(documents),
        }
    }

    /// Merges the next document's words.
    fn add(&mut self, words: &DocumentWords) {
        let number = u32::try_from(self.lengths.len()).expect("fewer than 2^32 documents");
        self.postings.add(number, words, &mut self.dictionary);
        self.lengths.push(words.lengths.clone());
    }

    /// Writes the index's files, once every document of `docs` is merged.
    fn write(self, docs: &[SearchDocument<'_>], analyzer: &Analyzer) -> SearchIndex {
        let Merged {
            dictionary,
            postings,
            lengths: doc_lengths,
        } = self;
        let paragraph_count = doc_lengths.iter().map(|lengths| lengths.len() as u64).sum();
        let word_count = (doc_lengths.iter().flatten()).map(|&n| u64::from(n)).sum();
        let doc_entries: Vec<Value> = (docs.par_iter().zip(&doc_lengths))
            .map(|(doc, lengths)| doc_entry(doc, lengths))
            .collect();
        let stop_words = analyzer.stop_words();
        let dictionary = dictionary.into_sorted();
        let encoded = postings.into_lists(&dictionary.final_ids);
        let ranker = LeadRanker::new(&doc_lengths);
        let leads: Vec<Option<String>> = (encoded.par_iter().enumerate())
            .map(|(stem, list)| lead_json(stem, list, &ranker, docs))
            .collect();
        let lists: Vec<String> = encoded.par_iter().map(to_json).collect();
        let texts: Vec<String> = (docs.par_iter())
            .map(|doc| to_json(&paragraph_texts(doc)))
            .collect();
        let index = IndexPayload {
            version: 1,
            docs: doc_entries,
            words: (dictionary.surfaces.iter())
                .map(|(surface, _)| surface.as_str())
                .collect::<Vec<_>>()
                .join(" "),
            stems: stem_deltas(&dictionary.surfaces),
            posting_shards: shard_starts(lists.iter().map(String::len), POSTINGS_SHARD_BYTES),
            text_shards: shard_starts(texts.iter().map(String::len), TEXT_SHARD_BYTES),
            paragraph_count,
            word_count,
            stop_words,
        };
        let mut files = vec![(
            "search/index.js".to_owned(),
            registration("index", 0, &to_json(&index)),
        )];
        files.extend(shard_files(
            "postings",
            "stems",
            &index.posting_shards,
            &lists,
            |range| {
                let shard_leads: Vec<&str> =
                    leads[range].iter().flatten().map(String::as_str).collect();
                format!(",\"leads\":[{}]", shard_leads.join(","))
            },
        ));
        files.extend(shard_files(
            "text",
            "docs",
            &index.text_shards,
            &texts,
            |_| String::new(),
        ));
        SearchIndex { files }
    }
}

/// `[stem, document, paragraph, "text"]` for the stem's lead paragraph (see `lead`), if it
/// has one and its postings are long enough to be worth it.
fn lead_json(
    stem: usize,
    list: &str,
    ranker: &LeadRanker,
    docs: &[SearchDocument<'_>],
) -> Option<String> {
    let (doc, paragraph) = ranker.lead(list)?;
    let text = &docs[doc as usize].paragraphs[paragraph as usize].text;
    (list.len() >= POSTINGS_PER_LEAD_BYTE * text.len())
        .then(|| to_json(&(stem, doc, paragraph, text)))
}

/// Each surface form's stem id minus the previous one's: mostly 0 or 1, as both are sorted.
fn stem_deltas(surfaces: &[(String, u32)]) -> Vec<i64> {
    let mut previous = 0;
    surfaces
        .iter()
        .map(|&(_, stem)| {
            let delta = i64::from(stem) - previous;
            previous = i64::from(stem);
            delta
        })
        .collect()
}

/// The payload of `search/index.js`; `static/search.js` reads these names.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct IndexPayload {
    /// Bumped when the format changes, so a stale cached client can notice.
    version: u32,
    /// The document table, see `doc_table`.
    docs: Vec<Value>,
    /// Every surface form, in UTF-16 order, separated by spaces.
    words: String,
    /// For each surface form, its stem id minus the previous form's stem id.
    stems: Vec<i64>,
    /// The first stem id of each postings shard.
    posting_shards: Vec<usize>,
    /// The first document of each text shard.
    text_shards: Vec<usize>,
    /// Paragraphs in the pack, for inverse document frequency.
    paragraph_count: u64,
    /// Words in all paragraphs, for the average paragraph length.
    word_count: u64,
    /// The folded stop words, which queries skip while keeping phrase distances.
    stop_words: Vec<String>,
}

fn paragraph_texts<'a>(doc: &'a SearchDocument<'_>) -> Vec<&'a str> {
    doc.paragraphs
        .iter()
        .map(|block| block.text.as_str())
        .collect()
}

/// One file per shard: `search/<kind>-N.js` registering `{"first": …, "<key>": [items]…}`,
/// where `more(items)` gives any further members (`,"name":value`) for the shard's items.
fn shard_files<'a>(
    kind: &'a str,
    key: &'a str,
    starts: &'a [usize],
    items: &'a [String],
    more: impl Fn(std::ops::Range<usize>) -> String + 'a,
) -> impl Iterator<Item = (String, String)> + 'a {
    (0..starts.len()).map(move |n| {
        let range = shard_range(starts, n, items.len());
        let first = range.start;
        let payload = format!(
            "{{\"first\":{first},\"{key}\":[{}]{}}}",
            items[range.clone()].join(","),
            more(range)
        );
        (
            format!("search/{kind}-{n}.js"),
            registration(kind, n, &payload),
        )
    })
}

fn to_json<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_string(value).expect("index payloads serialise")
}
