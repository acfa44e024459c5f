//! The search index files and the search page.

use std::collections::BTreeSet;

use serde::Serialize;

use super::topics::taxonomy_label;
use super::views::document_url;
use crate::output::OutputFile;
use crate::pack::Pack;
use crate::search::{KeptWords, SearchDocument, build_search_index, build_search_index_keeping};

/// A kind of document, for the search page's filter.
#[derive(Debug, Clone, Serialize)]
pub struct KindOption {
    /// The kind as documents give it.
    pub value: String,
    /// "Letter".
    pub label: String,
}

/// The `search/*.js` files of the pack's index (none when search is off), reading again
/// only the documents not in `kept` when a preview keeps documents' words between builds.
pub fn search_files(pack: &Pack, kept: Option<&mut KeptWords>) -> Vec<OutputFile> {
    if !pack.config.search.enabled {
        return Vec::new();
    }
    let vocabulary = &pack.analysis.vocabulary;
    let urls: Vec<String> = pack
        .documents
        .iter()
        .map(|d| document_url(&d.slug))
        .collect();
    let dates: Vec<(Option<String>, Option<String>)> = pack
        .documents
        .iter()
        .map(|d| (d.meta.date.map(|x| x.iso()), d.meta.date.map(|x| x.long())))
        .collect();
    let terms: Vec<Vec<String>> = pack
        .analysis
        .tags
        .iter()
        .zip(&pack.analyses)
        .map(|(tags, analysis)| {
            let ids: BTreeSet<_> = tags
                .iter()
                .copied()
                .chain(analysis.mentions.mentions.iter().map(|m| m.term))
                .collect();
            ids.into_iter()
                .map(|id| vocabulary.get(id).name.clone())
                .collect()
        })
        .collect();
    let documents: Vec<SearchDocument> = pack
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| SearchDocument {
            slug: &doc.slug,
            url: &urls[i],
            title: &doc.meta.title,
            kind: doc.meta.kind.as_deref(),
            author: doc.meta.author.as_deref(),
            date_iso: dates[i].0.as_deref(),
            date_label: dates[i].1.as_deref(),
            terms: &terms[i],
            paragraphs: &doc.body.blocks,
        })
        .collect();
    let config = &pack.config.search;
    let index = match kept {
        Some(kept) => build_search_index_keeping(&documents, config, kept),
        None => build_search_index(&documents, config),
    };
    index
        .into_files()
        .into_iter()
        .map(|(path, text)| OutputFile::new(path, text.into_bytes()))
        .collect()
}

/// The kinds of document in the pack, for the search filters.
pub fn kind_options(pack: &Pack) -> Vec<KindOption> {
    let kinds: BTreeSet<&str> = pack
        .documents
        .iter()
        .filter_map(|d| d.meta.kind.as_deref())
        .collect();
    kinds
        .into_iter()
        .map(|k| KindOption {
            value: k.to_string(),
            label: taxonomy_label(k),
        })
        .collect()
}
