//! Resolving links between source files to the documents they name.

use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use crate::error::{ContentError, ContentErrorKind};
use crate::source::Document;

/// Where an internal link points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedLink {
    /// Index of the target in the pack's documents.
    pub document: usize,
    /// The anchor in that document, if any.
    pub fragment: Option<String>,
}

/// The resolved links of one document, shared between packs that keep them.
pub type DocumentLinks = Arc<[ResolvedLink]>;

/// Resolves every internal link of every document, except where `kept` already has a
/// document's links; problems are pushed to `errors`.
pub(super) fn resolve_all(
    documents: &[Arc<Document>],
    kept: Vec<Option<DocumentLinks>>,
    errors: &mut Vec<ContentError>,
) -> Vec<DocumentLinks> {
    let by_path: OnceLock<FxHashMap<&str, usize>> = OnceLock::new();
    let by_path = || {
        by_path.get_or_init(|| {
            documents
                .iter()
                .enumerate()
                .map(|(i, d)| (d.content_path.as_str(), i))
                .collect()
        })
    };
    let (links, found): (Vec<DocumentLinks>, Vec<Vec<ContentError>>) = kept
        .into_par_iter()
        .enumerate()
        .map(|(index, kept)| match kept {
            Some(links) => (links, Vec::new()),
            None => resolve(documents, by_path(), index),
        })
        .unzip();
    errors.extend(found.into_iter().flatten());
    links
}

/// The links of the document at `index`, and the problems with them.
fn resolve(
    documents: &[Arc<Document>],
    by_path: &FxHashMap<&str, usize>,
    index: usize,
) -> (DocumentLinks, Vec<ContentError>) {
    let doc = &documents[index];
    let mut errors = Vec::new();
    let links = doc
        .body
        .links
        .iter()
        .filter_map(|link| {
            let target = if link.target.is_empty() {
                index
            } else {
                let path = join_relative(&doc.content_path, &link.target);
                match path.as_deref().and_then(|p| by_path.get(p)) {
                    Some(&target) => target,
                    None => {
                        errors.push(ContentError::at(
                            doc.path.clone(),
                            link.span.clone(),
                            ContentErrorKind::MissingLinkTarget {
                                target: link.target.clone(),
                            },
                        ));
                        return None;
                    }
                }
            };
            if let Some(anchor) = &link.fragment
                && !has_anchor(&documents[target], anchor)
            {
                errors.push(ContentError::at(
                    doc.path.clone(),
                    link.span.clone(),
                    ContentErrorKind::MissingAnchor {
                        target: documents[target].path.display().to_string(),
                        anchor: anchor.clone(),
                    },
                ));
                return None;
            }
            Some(ResolvedLink {
                document: target,
                fragment: link.fragment.clone(),
            })
        })
        .collect();
    (links, errors)
}

/// Whether a document has a paragraph or heading with this id.
pub(crate) fn has_anchor(doc: &Document, anchor: &str) -> bool {
    doc.body.blocks.iter().any(|b| b.id == anchor)
        || doc.body.headings.iter().any(|h| h.id == anchor)
}

/// Joins a relative link to the folder of the linking file, inside `content/`. Returns `None`
/// for a path that climbs out of `content/`.
fn join_relative(from: &str, link: &str) -> Option<String> {
    let decoded = link.replace("%20", " ");
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            other => parts.push(other),
        }
    }
    Some(parts.join("/"))
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::markdown::InternalLink;
    use crate::pack::tests::doc;

    pub(crate) fn with_link(
        mut d: std::sync::Arc<Document>,
        target: &str,
        fragment: Option<&str>,
    ) -> std::sync::Arc<Document> {
        std::sync::Arc::make_mut(&mut d)
            .body
            .links
            .push(InternalLink {
                target: target.into(),
                fragment: fragment.map(Into::into),
                span: 5..10,
            });
        d
    }

    #[test]
    fn relative_paths_are_joined_to_the_linking_folder() {
        assert_eq!(join_relative("a/b.md", "c.md").as_deref(), Some("a/c.md"));
        assert_eq!(join_relative("a/b.md", "../c.md").as_deref(), Some("c.md"));
        assert_eq!(join_relative("b.md", "./x/c.md").as_deref(), Some("x/c.md"));
        assert_eq!(join_relative("b.md", "../c.md"), None);
    }

    #[test]
    fn missing_targets_and_anchors_are_errors_naming_both_files() {
        let mut target = doc("t.md", "t", None);
        std::sync::Arc::make_mut(&mut target)
            .body
            .blocks
            .push(crate::markdown::Block {
                id: "p1".into(),
                text: String::new(),
                offset: 0,
            });
        let docs = vec![
            with_link(doc("a.md", "a", None), "t.md", Some("p1")),
            with_link(doc("b.md", "b", None), "t.md", Some("p9")),
            with_link(doc("c.md", "c", None), "missing.md", None),
            target,
        ];
        let mut errors = Vec::new();
        let links = resolve_all(&docs, vec![None; docs.len()], &mut errors);
        assert_eq!(
            *links[0],
            [ResolvedLink {
                document: 3,
                fragment: Some("p1".into())
            }]
        );
        assert_eq!(errors.len(), 2);
        assert!(errors[0].to_string().contains("content/b.md"));
        assert!(errors[0].to_string().contains("content/t.md"));
        assert!(errors[1].to_string().contains("missing.md"));
    }
}
