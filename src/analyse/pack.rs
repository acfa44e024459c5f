//! Combining per-document analyses into the pack's topic index.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::index::{DocumentInput, TermId, TopicIndex, Vocabulary, build_index};
use super::{Chronology, DocumentAnalysis};
use crate::error::{ContentError, ContentErrorKind};
use crate::source::Document;

/// What the pack as a whole says.
#[derive(Debug, Clone)]
pub struct PackAnalysis {
    /// The vocabulary plus the terms documents carry only in front matter.
    pub vocabulary: Vocabulary,
    /// The back-of-book index.
    pub topics: TopicIndex,
    /// The timeline.
    pub chronology: Chronology,
    /// For each document (in pack order), the terms its front matter names.
    pub tags: Vec<Vec<TermId>>,
}

/// Combines documents (in reading order) and their analyses. Front-matter terms of a
/// taxonomy the config does not have are errors naming the document.
pub fn analyse_pack(
    vocabulary: &Vocabulary,
    documents: &[Arc<Document>],
    analyses: &[Arc<DocumentAnalysis>],
) -> Result<PackAnalysis, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut all_tags = Vec::new();
    let mut seen = HashSet::new();
    for doc in documents {
        for (taxonomy, name) in doc.meta.tags() {
            if vocabulary.taxonomies().iter().any(|t| t == taxonomy) {
                if seen.insert((taxonomy, name)) {
                    all_tags.push((taxonomy.to_string(), name.to_string()));
                }
            } else {
                errors.push(ContentError::file(
                    doc.path.clone(),
                    ContentErrorKind::Vocabulary(format!(
                        "`{name}` is in the taxonomy `{taxonomy}`, which is not one of the pack's ({}); add it to [topics] taxonomies in config.toml",
                        vocabulary.taxonomies().join(", ")
                    )),
                ));
            }
        }
    }
    let vocabulary = vocabulary
        .clone()
        .with_front_matter_terms(&all_tags)
        .map_err(|errs| {
            errs.into_iter()
                .map(|e| {
                    ContentError::file(
                        documents
                            .iter()
                            .find(|d| d.meta.tags().any(|(_, n)| e.to_string().contains(n)))
                            .map_or_else(Default::default, |d| d.path.clone()),
                        ContentErrorKind::Vocabulary(e.to_string()),
                    )
                })
                .collect::<Vec<_>>()
        });
    let vocabulary = match vocabulary {
        Ok(v) if errors.is_empty() => v,
        Ok(_) => return Err(errors),
        Err(mut more) => {
            errors.append(&mut more);
            return Err(errors);
        }
    };
    let tag_ids: HashMap<(&str, &str), Option<TermId>> = seen
        .into_iter()
        .map(|(taxonomy, name)| {
            let id = vocabulary.find_by_name(taxonomy, name);
            ((taxonomy, name), id)
        })
        .collect();
    let tags: Vec<Vec<TermId>> = documents
        .iter()
        .map(|doc| {
            let mut ids: Vec<TermId> = doc
                .meta
                .tags()
                .filter_map(|tag| tag_ids.get(&tag).copied().flatten())
                .collect();
            ids.dedup();
            ids
        })
        .collect();
    let inputs: Vec<(DocumentInput, &super::index::DocumentIndex)> = documents
        .iter()
        .zip(analyses)
        .enumerate()
        .map(|(position, (doc, analysis))| {
            (
                DocumentInput {
                    slug: &doc.slug,
                    title: &doc.meta.title,
                    sort_key: position,
                    paragraphs: &doc.body.blocks,
                    tags: &tags[position],
                },
                &analysis.mentions,
            )
        })
        .collect();
    let (topics, chronology) = rayon::join(
        || build_index(&vocabulary, &inputs),
        || Chronology::new(documents, analyses),
    );
    Ok(PackAnalysis {
        vocabulary,
        topics,
        chronology,
        tags,
    })
}
