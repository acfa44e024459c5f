//! Documents' words kept by a preview between rebuilds. Reading words is most of the cost
//! of the index, so after an edit only the documents whose indexed fields changed are read
//! again; merging and writing, which need the whole pack in order, are done as in a full
//! build and so give the same bytes.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::analyze::Analyzer;
use super::config::SearchConfig;
use super::document::SearchDocument;
use super::document_words::DocumentWords;
use crate::fingerprint::Fingerprint;

/// The words of each document the last build read, by the fingerprint of what they were
/// read from (its indexed fields and the settings that read them), so a document is found
/// again whatever its place in the pack, and a changed one never is.
#[derive(Default)]
pub struct KeptWords {
    by_input: FxHashMap<u64, Arc<DocumentWords>>,
}

impl KeptWords {
    /// The words of `docs`, in order: kept ones taken, the others read. Keeps these and
    /// only these for the next build.
    pub(crate) fn read(
        &mut self,
        docs: &[SearchDocument<'_>],
        config: &SearchConfig,
        analyzer: &Analyzer,
    ) -> Vec<Arc<DocumentWords>> {
        let settings = Fingerprint::default()
            .hashed(&config.fields)
            .hashed(&config.stop_words)
            .finish();
        let kept = &self.by_input;
        let read: Vec<(u64, Arc<DocumentWords>)> = (docs.par_iter())
            .map(|doc| {
                let input = read_from(doc, settings);
                let words = kept.get(&input).map_or_else(
                    || Arc::new(DocumentWords::read(doc, config, analyzer)),
                    Arc::clone,
                );
                (input, words)
            })
            .collect();
        self.by_input = (read.iter())
            .map(|(input, words)| (*input, Arc::clone(words)))
            .collect();
        read.into_iter().map(|(_, words)| words).collect()
    }
}

/// The fingerprint of everything [`DocumentWords::read`] reads of `doc`.
fn read_from(doc: &SearchDocument<'_>, settings: u64) -> u64 {
    let fingerprint = Fingerprint::default()
        .number(settings)
        .text(doc.title)
        .hashed(&doc.author)
        .hashed(&doc.kind)
        .hashed(&doc.terms)
        .number(doc.paragraphs.len() as u64);
    (doc.paragraphs.iter())
        .fold(fingerprint, |fingerprint, block| {
            fingerprint.text(&block.text)
        })
        .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Block;
    use crate::search::{build_search_index, build_search_index_keeping};

    fn paragraphs(texts: &[&str]) -> Vec<Block> {
        (texts.iter().enumerate())
            .map(|(i, text)| Block {
                id: format!("p{}", i + 1),
                text: (*text).to_owned(),
                offset: 0,
            })
            .collect()
    }

    fn doc<'a>(slug: &'a str, paragraphs: &'a [Block]) -> SearchDocument<'a> {
        SearchDocument {
            slug,
            url: "",
            title: slug,
            kind: None,
            author: None,
            date_iso: None,
            date_label: None,
            terms: &[],
            paragraphs,
        }
    }

    #[test]
    fn unchanged_documents_are_taken_and_the_index_is_as_a_full_build_makes_it() {
        let config = SearchConfig::default();
        let analyzer = Analyzer::new(&config.stop_words);
        let (a, b) = (
            paragraphs(&["Aleppo convoy"]),
            paragraphs(&["Siege of Aleppo"]),
        );
        let edited = paragraphs(&["Siege of eastern Aleppo"]);
        let mut kept = KeptWords::default();
        let first = kept.read(&[doc("a", &a), doc("b", &b)], &config, &analyzer);

        // b is edited and moves before a, and c is new.
        let docs = [doc("b", &edited), doc("a", &a), doc("c", &b)];
        let second = kept.read(&docs, &config, &analyzer);
        assert!(Arc::ptr_eq(&second[1], &first[0]), "a is taken");
        assert!(
            !Arc::ptr_eq(&second[0], &first[1]),
            "edited b is read again"
        );
        assert_eq!(kept.by_input.len(), 3);
        assert_eq!(
            build_search_index_keeping(&docs, &config, &mut kept),
            build_search_index(&docs, &config)
        );

        let fewer = SearchConfig {
            fields: vec!["text".to_owned()],
            ..SearchConfig::default()
        };
        let third = kept.read(&docs[1..2], &fewer, &analyzer);
        assert!(
            !Arc::ptr_eq(&third[0], &second[1]),
            "other settings read again"
        );
        assert_eq!(
            kept.by_input.len(),
            1,
            "only the last build's documents kept"
        );
    }
}
