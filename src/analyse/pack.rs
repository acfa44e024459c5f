//! Combining per-document analyses into the pack's topic index.

use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::chronology::document_events;
use super::index::{DocumentInput, TermId, TopicIndex, Vocabulary, build_index};
use super::{Chronology, DocumentAnalysis};
use crate::error::{ContentError, ContentErrorKind};
use crate::source::Document;

/// What the pack as a whole says.
#[derive(Debug, Clone)]
pub struct PackAnalysis {
    /// The vocabulary plus the terms documents carry only in front matter (shared with the
    /// next build when no document's front-matter terms changed).
    pub vocabulary: Arc<Vocabulary>,
    /// The back-of-book index (shared with the next build when its inputs are unchanged).
    pub topics: Arc<TopicIndex>,
    /// The timeline (shared likewise).
    pub chronology: Arc<Chronology>,
    /// For each document (in pack order), the terms its front matter names (shared likewise).
    pub tags: Arc<Vec<Vec<TermId>>>,
}

/// The documents, analyses and result of an earlier [`analyse_pack`] with the same config, so
/// that a rebuild after an edit can keep the parts of the result the edit cannot have changed.
#[derive(Clone, Copy)]
pub struct EarlierPack<'a> {
    /// Its documents, in reading order.
    pub documents: &'a [Arc<Document>],
    /// Their analyses.
    pub analyses: &'a [Arc<DocumentAnalysis>],
    /// What it made of them.
    pub analysis: &'a PackAnalysis,
}

/// Combines documents (in reading order) and their analyses. Front-matter terms of a
/// taxonomy the config does not have are errors naming the document.
///
/// With an `earlier` pack, its topic index is kept when every document in the same place has
/// the same terms in the same paragraphs and tags, and the vocabulary is the same; its
/// timeline is kept when every document in the same place has the same slug and events. The
/// result is then what a fresh call gives, without the work: editing prose that adds no term
/// and no date changes neither.
pub fn analyse_pack(
    vocabulary: &Vocabulary,
    documents: &[Arc<Document>],
    analyses: &[Arc<DocumentAnalysis>],
    earlier: Option<EarlierPack<'_>>,
) -> Result<PackAnalysis, Vec<ContentError>> {
    let kept = earlier
        .filter(|e| same_front_matter_terms(e, documents))
        .map(|e| {
            (
                Arc::clone(&e.analysis.vocabulary),
                Arc::clone(&e.analysis.tags),
            )
        });
    let (vocabulary, tags) = match kept {
        Some(kept) => kept,
        None => front_matter_terms(vocabulary, documents)?,
    };
    let kept_topics = earlier
        .filter(|e| same_index_inputs(e, &vocabulary, analyses, &tags))
        .map(|e| Arc::clone(&e.analysis.topics));
    let kept_chronology = earlier
        .filter(|e| same_timeline_inputs(e, documents, analyses))
        .map(|e| Arc::clone(&e.analysis.chronology));
    let (topics, chronology) = rayon::join(
        || {
            kept_topics
                .unwrap_or_else(|| Arc::new(index_of(&vocabulary, documents, analyses, &tags)))
        },
        || kept_chronology.unwrap_or_else(|| Arc::new(Chronology::new(documents, analyses))),
    );
    Ok(PackAnalysis {
        vocabulary,
        topics,
        chronology,
        tags,
    })
}

/// The topic index of documents in pack order, with their front-matter terms.
fn index_of(
    vocabulary: &Vocabulary,
    documents: &[Arc<Document>],
    analyses: &[Arc<DocumentAnalysis>],
    tags: &[Vec<TermId>],
) -> TopicIndex {
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
    build_index(vocabulary, &inputs)
}

/// The vocabulary with the front-matter terms, and each document's front-matter terms.
type FrontMatterTerms = (Arc<Vocabulary>, Arc<Vec<Vec<TermId>>>);

/// The vocabulary plus the terms only front matter names (in order of first appearance), and
/// each document's front-matter terms. Terms of a taxonomy the config does not have are
/// errors naming the document.
fn front_matter_terms(
    vocabulary: &Vocabulary,
    documents: &[Arc<Document>],
) -> Result<FrontMatterTerms, Vec<ContentError>> {
    let mut errors = Vec::new();
    let mut all_tags = Vec::new();
    let mut seen = FxHashSet::default();
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
    let tag_ids: FxHashMap<(&str, &str), Option<TermId>> = seen
        .into_iter()
        .map(|(taxonomy, name)| {
            let id = vocabulary.find_by_name(taxonomy, name);
            ((taxonomy, name), id)
        })
        .collect();
    let tags: Vec<Vec<TermId>> = documents
        .par_iter()
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
    Ok((Arc::new(vocabulary), Arc::new(tags)))
}

/// Whether every document in the same place names the same front-matter terms as in the
/// earlier pack, so that [`front_matter_terms`] would give what it gave then.
fn same_front_matter_terms(earlier: &EarlierPack<'_>, documents: &[Arc<Document>]) -> bool {
    earlier.documents.len() == documents.len()
        && documents
            .iter()
            .zip(earlier.documents)
            .all(|(new, old)| Arc::ptr_eq(new, old) || new.meta.tags().eq(old.meta.tags()))
}

/// Whether [`build_index`] would make the earlier pack's index from these inputs: it reads the
/// vocabulary, and for each document place its tags and the term and paragraph of each
/// mention (not the quoted sentences).
fn same_index_inputs(
    earlier: &EarlierPack<'_>,
    vocabulary: &Vocabulary,
    analyses: &[Arc<DocumentAnalysis>],
    tags: &Arc<Vec<Vec<TermId>>>,
) -> bool {
    earlier.analyses.len() == analyses.len()
        && (Arc::ptr_eq(&earlier.analysis.tags, tags) || earlier.analysis.tags == *tags)
        && earlier.analysis.vocabulary.same_terms(vocabulary)
        && analyses
            .iter()
            .zip(earlier.analyses)
            .all(|(new, old)| Arc::ptr_eq(new, old) || new.mentions_same_places(old))
}

/// Whether [`Chronology::new`] would make the earlier pack's timeline from these inputs: it
/// reads, for each document place, the slug and the events.
fn same_timeline_inputs(
    earlier: &EarlierPack<'_>,
    documents: &[Arc<Document>],
    analyses: &[Arc<DocumentAnalysis>],
) -> bool {
    earlier.documents.len() == documents.len()
        && documents
            .iter()
            .zip(analyses)
            .zip(earlier.documents.iter().zip(earlier.analyses))
            .all(|((doc, analysis), (old_doc, old_analysis))| {
                (Arc::ptr_eq(doc, old_doc) && Arc::ptr_eq(analysis, old_analysis))
                    || (doc.slug == old_doc.slug
                        && document_events(doc, analysis)
                            .eq(document_events(old_doc, old_analysis)))
            })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::test_support::{Analysed, analysed, vocabulary};

    struct Built {
        documents: Vec<Arc<Document>>,
        analyses: Vec<Arc<DocumentAnalysis>>,
        analysis: PackAnalysis,
    }

    fn build(entries: &[Analysed], earlier: Option<&Built>) -> Built {
        let (documents, analyses): (Vec<_>, Vec<_>) = entries.iter().cloned().unzip();
        let earlier = earlier.map(|built| EarlierPack {
            documents: &built.documents,
            analyses: &built.analyses,
            analysis: &built.analysis,
        });
        let analysis = analyse_pack(&vocabulary(), &documents, &analyses, earlier).unwrap();
        Built {
            documents,
            analyses,
            analysis,
        }
    }

    /// What a fresh build gives must be what keeping the earlier parts gives.
    fn assert_as_fresh(kept: &Built, entries: &[Analysed]) {
        let fresh = build(entries, None).analysis;
        assert_eq!(*kept.analysis.topics, *fresh.topics);
        assert_eq!(
            format!("{:?}", kept.analysis.chronology),
            format!("{:?}", fresh.chronology)
        );
    }

    /// A letter that stays as it is, and the first build of it with a note about aid.
    fn first_build() -> (Analysed, Built) {
        let letter = analysed("a.md", "Aleppo was shelled on 3 March 2016.");
        let first = build(
            &[letter.clone(), analysed("b.md", "Aid reached Aleppo.")],
            None,
        );
        (letter, first)
    }

    #[test]
    fn prose_adding_no_term_and_no_date_keeps_the_vocabulary_index_and_timeline() {
        let (letter, first) = first_build();
        let edited = [letter, analysed("b.md", "Aid reached Aleppo, slowly.")];
        let second = build(&edited, Some(&first));
        assert!(Arc::ptr_eq(
            &first.analysis.vocabulary,
            &second.analysis.vocabulary
        ));
        assert!(Arc::ptr_eq(&first.analysis.tags, &second.analysis.tags));
        assert!(Arc::ptr_eq(&first.analysis.topics, &second.analysis.topics));
        assert!(Arc::ptr_eq(
            &first.analysis.chronology,
            &second.analysis.chronology
        ));
        assert_as_fresh(&second, &edited);
    }

    #[test]
    fn a_new_date_or_another_term_makes_them_again() {
        let (letter, first) = first_build();

        let dated = [
            letter.clone(),
            analysed("b.md", "Aid reached Aleppo on 5 March 2016."),
        ];
        let second = build(&dated, Some(&first));
        assert!(Arc::ptr_eq(&first.analysis.topics, &second.analysis.topics));
        assert!(!Arc::ptr_eq(
            &first.analysis.chronology,
            &second.analysis.chronology
        ));
        assert_as_fresh(&second, &dated);

        let retermed = [
            letter,
            analysed("b.md", "Aid reached Homs on 5 March 2016."),
        ];
        let third = build(&retermed, Some(&second));
        assert!(!Arc::ptr_eq(
            &second.analysis.topics,
            &third.analysis.topics
        ));
        assert_as_fresh(&third, &retermed);
    }
}
