//! The pack model: every document of the build, in reading order, with links resolved.
//!
//! This is the one model every renderer reads (the HTML site now; exports later), so it holds
//! plain data and answers questions about the pack as a whole: the order of documents, which
//! document a link points at, and whether two documents claim the same page.

mod in_place;
mod links;

pub use links::{DocumentLinks, ResolvedLink};

use std::collections::HashMap;
use std::sync::Arc;

use in_place::InPlace;

use crate::analyse::index::{DocumentInput, Matcher, Suggestion, Vocabulary, suggest_terms};
use crate::analyse::{DocumentAnalysis, EarlierPack, PackAnalysis, analyse_pack};
use crate::config::Config;
use crate::error::{ContentError, ContentErrorKind};
use crate::pipeline::UnresolvedDate;
use crate::source::Document;

/// All documents of a build and what is known about them together.
#[derive(Debug, Clone)]
pub struct Pack {
    /// The settings the pack was built with.
    pub config: Config,
    /// Documents in reading order: by date (undated last), then weight, then title.
    pub documents: Vec<Arc<Document>>,
    /// What each document says (same order as `documents`).
    pub analyses: Vec<Arc<DocumentAnalysis>>,
    /// For each document, where each of its internal links points.
    pub links: Vec<DocumentLinks>,
    /// What the pack says as a whole: the topic index.
    pub analysis: PackAnalysis,
}

impl Pack {
    /// Orders the documents, drops drafts unless asked for, and checks what can only be
    /// checked across documents (slugs, links). All problems are returned together.
    ///
    /// `earlier` is the pack last assembled with the same config and vocabulary file, if any.
    /// When an edit changed documents in place (same files, same reading order), the order,
    /// slugs and links of the earlier pack are kept except around the changed documents; and
    /// the parts of its analysis that this pack's documents would make again are kept (see
    /// [`analyse_pack`]).
    pub fn assemble(
        config: Config,
        mut entries: Vec<(Arc<Document>, Arc<DocumentAnalysis>)>,
        include_drafts: bool,
        vocabulary: &Vocabulary,
        earlier: Option<&Pack>,
    ) -> Result<Self, Vec<ContentError>> {
        if !include_drafts {
            entries.retain(|(d, _)| !d.meta.draft);
        }
        let arranged = match earlier {
            Some(earlier) => InPlace::new(earlier, entries).map(|in_place| {
                let kept_slugs = in_place.kept_slugs(earlier);
                let kept_links = in_place.kept_links(earlier);
                (in_place.entries, kept_slugs, kept_links)
            }),
            None => Err(entries),
        };
        let (entries, kept_slugs, kept_links) = arranged.unwrap_or_else(|mut entries| {
            entries.sort_by_cached_key(|(doc, _)| reading_order(doc));
            let unknown = vec![None; entries.len()];
            (entries, false, unknown)
        });
        let (documents, analyses): (Vec<_>, Vec<_>) = entries.into_iter().unzip();
        let mut errors = if kept_slugs {
            Vec::new()
        } else {
            duplicate_slugs(&documents)
        };
        let links = links::resolve_all(&documents, kept_links, &mut errors);
        let earlier = earlier.map(|pack| EarlierPack {
            documents: &pack.documents,
            analyses: &pack.analyses,
            analysis: &pack.analysis,
        });
        let analysis = match analyse_pack(vocabulary, &documents, &analyses, earlier) {
            Ok(analysis) => Some(analysis),
            Err(mut more) => {
                errors.append(&mut more);
                None
            }
        };
        match analysis {
            Some(analysis) if errors.is_empty() => Ok(Self {
                config,
                documents,
                analyses,
                links,
                analysis,
            }),
            _ => {
                errors.sort_by_key(|e| (e.path.clone(), e.span.as_ref().map(|s| s.start)));
                Err(errors)
            }
        }
    }
}

impl Pack {
    /// Date-like phrases the timeline left out, for editors to curate.
    pub fn unresolved_dates(&self) -> Vec<UnresolvedDate> {
        self.documents
            .iter()
            .zip(&self.analyses)
            .flat_map(|(doc, analysis)| {
                analysis
                    .unresolved
                    .iter()
                    .map(|(paragraph, unresolved)| UnresolvedDate {
                        path: doc.path.clone(),
                        paragraph: paragraph.clone(),
                        offset: doc
                            .body
                            .blocks
                            .iter()
                            .find(|b| b.id == *paragraph)
                            .map_or(0, |b| b.offset),
                        words: unresolved.matched.clone(),
                        reason: unresolved.reason.clone(),
                    })
            })
            .collect()
    }

    /// Recurring proper-noun phrases the vocabulary lacks, most frequent first (a pass over
    /// all the text).
    pub fn candidate_terms(&self) -> Vec<Suggestion> {
        let matcher = Matcher::new(&self.analysis.vocabulary);
        let inputs = self.index_inputs();
        suggest_terms(&matcher, &inputs, self.config.topics.suggest_min_documents)
    }

    /// Each document as the topic index reads it, in reading order, with its front-matter
    /// terms.
    pub fn index_inputs(&self) -> Vec<DocumentInput<'_>> {
        self.documents
            .iter()
            .enumerate()
            .map(|(position, doc)| DocumentInput {
                slug: &doc.slug,
                title: &doc.meta.title,
                sort_key: position,
                paragraphs: &doc.body.blocks,
                tags: &self.analysis.tags[position],
            })
            .collect()
    }
}

/// The sort key of a document: dated before undated, then date, weight, title and path.
pub(crate) fn reading_order(doc: &Document) -> impl Ord + use<> {
    (
        doc.meta.date.is_none(),
        doc.meta.date,
        doc.meta.weight,
        doc.meta.title.to_lowercase(),
        doc.content_path.clone(),
    )
}

fn duplicate_slugs(documents: &[Arc<Document>]) -> Vec<ContentError> {
    let mut seen: HashMap<&str, &Document> = HashMap::new();
    let mut errors = Vec::new();
    let mut by_path: Vec<&Document> = documents.iter().map(|d| d.as_ref()).collect();
    by_path.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    for doc in by_path {
        if let Some(first) = seen.get(doc.slug.as_str()) {
            errors.push(ContentError::file(
                doc.path.clone(),
                ContentErrorKind::DuplicateSlug {
                    slug: doc.slug.clone(),
                    other: first.path.display().to_string(),
                },
            ));
        } else {
            seen.insert(&doc.slug, doc);
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::PartialDate;
    use crate::source::Metadata;
    use std::path::PathBuf;

    pub(crate) fn doc(path: &str, slug: &str, date: Option<&str>) -> Arc<Document> {
        Arc::new(Document {
            path: PathBuf::from("content").join(path),
            content_path: path.to_string(),
            slug: slug.to_string(),
            meta: Metadata {
                title: slug.to_string(),
                date: date.map(|d| PartialDate::parse(d).unwrap()),
                ..Metadata::default()
            },
            body: Default::default(),
            fingerprint: 0,
        })
    }

    fn assemble(docs: Vec<Arc<Document>>, drafts: bool) -> Result<Pack, Vec<ContentError>> {
        let vocabulary =
            crate::analyse::index::parse_vocabulary("", &Config::default().topics.taxonomies)
                .unwrap();
        let entries = docs
            .into_iter()
            .map(|d| (d, Arc::new(DocumentAnalysis::default())))
            .collect();
        Pack::assemble(Config::default(), entries, drafts, &vocabulary, None)
    }

    #[test]
    fn documents_are_ordered_by_date_with_undated_last() {
        let pack = assemble(
            vec![
                doc("c.md", "c", None),
                doc("b.md", "b", Some("2017-01")),
                doc("a.md", "a", Some("2016-10-18")),
            ],
            false,
        )
        .unwrap();
        let slugs: Vec<&str> = pack.documents.iter().map(|d| d.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b", "c"]);
    }

    #[test]
    fn duplicate_slugs_name_both_files() {
        let errors = assemble(
            vec![doc("a.md", "same", None), doc("b.md", "same", None)],
            false,
        )
        .unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].path, PathBuf::from("content/b.md"));
        assert!(errors[0].to_string().contains("content/a.md"));
    }

    #[test]
    fn drafts_are_left_out_unless_asked_for() {
        let mut draft = doc("d.md", "d", None);
        Arc::make_mut(&mut draft).meta.draft = true;
        let pack = assemble(vec![draft.clone()], false).unwrap();
        assert!(pack.documents.is_empty());
        let pack = assemble(vec![draft], true).unwrap();
        assert_eq!(pack.documents.len(), 1);
    }
}
