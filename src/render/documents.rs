//! One page per document.
//!
//! A document's page shows the document, its neighbours' summaries (previous/next), the
//! slugs of the documents it links to and the names of its front-matter terms. After an edit
//! in place, a page none of those reach is the earlier render's, taken without computing its
//! fingerprint again: on a large pack that is most of the work of a rebuild.

use std::sync::Arc;

use rayon::prelude::*;

use super::cache::RenderCache;
use super::shared::insert_view;
use super::site::{RenderOptions, base_context, page_view, render};
use super::theme::Theme;
use super::timeline::{document_events, split_by_year};
use super::topics::TermLinks;
use super::views::{DocumentSummary, DocumentView, SiteView, document_url};
use crate::error::BuildError;
use crate::fingerprint::Fingerprint;
use crate::markdown::resolve_link_markers;
use crate::output::OutputFile;
use crate::pack::Pack;

/// What a render made of each document, in pack order, for the next render to keep.
#[derive(Debug, Clone, Default)]
pub struct DocumentPages {
    /// The digest of each document's summary ([`DocumentSummary::digest`]).
    pub summaries: Vec<u64>,
    /// The fingerprint of each page's inputs ([`document_fingerprint`]).
    fingerprints: Vec<u64>,
    /// The pages.
    pub files: Vec<OutputFile>,
}

/// The document pages of the last render with the same config, theme and options, and the
/// pack they were made from.
#[derive(Clone, Copy)]
pub struct EarlierPages<'a> {
    /// The pack.
    pub pack: &'a Pack,
    /// Its pages.
    pub pages: &'a DocumentPages,
}

/// Each document's page, rendered in parallel unless the cache or `earlier` has it; also
/// returns how many were rendered.
pub(super) fn render_document_pages(
    pack: &Pack,
    theme: &Theme,
    site: &SiteView,
    options: &RenderOptions,
    generation: u64,
    cache: &mut RenderCache,
    earlier: Option<EarlierPages<'_>>,
) -> Result<(DocumentPages, usize), BuildError> {
    let earlier = earlier.filter(|e| {
        e.pack.documents.len() == pack.documents.len()
            && split_by_year(e.pack) == split_by_year(pack)
            && Arc::ptr_eq(&e.pack.analysis.tags, &pack.analysis.tags)
            && Arc::ptr_eq(&e.pack.analysis.vocabulary, &pack.analysis.vocabulary)
    });
    let same_document =
        |i: usize| earlier.is_some_and(|e| Arc::ptr_eq(&e.pack.documents[i], &pack.documents[i]));
    let summaries: Vec<u64> = (0..pack.documents.len())
        .into_par_iter()
        .map(|i| match earlier {
            Some(e) if same_document(i) => e.pages.summaries[i],
            _ => DocumentSummary::digest(&pack.documents[i]),
        })
        .collect();
    let kept = |i: usize| {
        let e = earlier?;
        let same_summary = |n: Option<usize>| {
            n.is_none_or(|n| n >= summaries.len() || summaries[n] == e.pages.summaries[n])
        };
        let same_targets = pack.links[i] == e.pack.links[i]
            && pack.links[i].iter().all(|link| {
                let t = link.document;
                same_document(t) || pack.documents[t].slug == e.pack.documents[t].slug
            });
        let kept = same_document(i)
            && same_summary(i.checked_sub(1))
            && same_summary(Some(i + 1))
            && same_targets;
        kept.then(|| (e.pages.fingerprints[i], e.pages.files[i].clone()))
    };
    let links = TermLinks::new(&pack.analysis.vocabulary);
    let pages: Vec<(u64, OutputFile, bool)> = (0..pack.documents.len())
        .into_par_iter()
        .map(|i| {
            if let Some((fingerprint, file)) = kept(i) {
                return Ok((fingerprint, file, false));
            }
            let fingerprint = document_fingerprint(pack, i, &summaries, generation, options);
            let path = format!("{}index.html", document_url(&pack.documents[i].slug));
            Ok(match cache.get(&path, fingerprint) {
                Some(bytes) => (fingerprint, OutputFile::shared(path, bytes), false),
                None => {
                    let capacity = cache.size_hint(&path);
                    let html = render_document(pack, i, &links, theme, site, options, capacity)?;
                    let file = OutputFile::new(path, html.into_bytes());
                    (fingerprint, file, true)
                }
            })
        })
        .collect::<Result<_, BuildError>>()?;
    let mut rendered = 0;
    let mut fingerprints = Vec::with_capacity(pages.len());
    let mut files = Vec::with_capacity(pages.len());
    for (fingerprint, file, fresh) in pages {
        if fresh {
            rendered += 1;
            cache.insert(
                file.path.clone(),
                Some(fingerprint),
                Arc::clone(&file.bytes),
            );
        }
        fingerprints.push(fingerprint);
        files.push(file);
    }
    let pages = DocumentPages {
        summaries,
        fingerprints,
        files,
    };
    Ok((pages, rendered))
}

/// Everything a document page is rendered from, as one number: the document itself, its
/// neighbours' summaries (for previous/next, by their digests in `summaries`), the documents
/// it links to, the names of its terms, and config, vocabulary and theme (`generation`). Its
/// timeline events and index mentions derive from the document alone.
fn document_fingerprint(
    pack: &Pack,
    index: usize,
    summaries: &[u64],
    generation: u64,
    options: &RenderOptions,
) -> u64 {
    let docs = &pack.documents;
    let neighbour = |i: Option<usize>| i.and_then(|i| summaries.get(i)).map_or(0, |&d| d);
    let mut fingerprint = Fingerprint::default()
        .number(generation)
        .number(u64::from(split_by_year(pack)))
        .text(&options.index_file)
        .number(u64::from(options.search))
        .text(options.anchor_prefix.as_deref().unwrap_or(""))
        .number(docs[index].fingerprint)
        .number(neighbour(index.checked_sub(1)))
        .number(neighbour(Some(index + 1)));
    for link in pack.links[index].iter() {
        fingerprint = fingerprint.text(&docs[link.document].slug);
    }
    // A front-matter term's shown name can come from whichever document named it first.
    let vocabulary = &pack.analysis.vocabulary;
    for &id in &pack.analysis.tags[index] {
        fingerprint = fingerprint.text(&vocabulary.get(id).name);
    }
    fingerprint.finish()
}

fn render_document(
    pack: &Pack,
    index: usize,
    term_links: &TermLinks,
    theme: &Theme,
    site: &SiteView,
    options: &RenderOptions,
    capacity: usize,
) -> Result<String, BuildError> {
    let doc = &pack.documents[index];
    let path = document_url(&doc.slug);
    let description = doc.meta.summary.clone().unwrap_or_default();
    let page = page_view(site, &path, &doc.meta.title, &description, options);
    let view = DocumentView::new(pack, index, term_links);
    let links = &pack.links[index];
    let body = resolve_link_markers(&doc.body.html, |i| match links.get(i) {
        Some(link) => {
            let fragment = link
                .fragment
                .as_ref()
                .map(|f| format!("#{f}"))
                .unwrap_or_default();
            if link.document == index {
                fragment
            } else {
                let target = &pack.documents[link.document].slug;
                format!("../{target}/{}{fragment}", options.index_file)
            }
        }
        None => String::new(),
    });
    let mut context = base_context(site, &page);
    insert_view(&mut context, "document", &view);
    insert_view(&mut context, "events", &document_events(pack, index));
    let citation = render(theme, "citation.txt", &context)?;
    context.insert("citation", citation.trim());
    context.insert("body", &body);
    let summary = |i: usize| pack.documents.get(i).map(|d| DocumentSummary::new(d));
    context.insert("previous", &index.checked_sub(1).and_then(summary));
    context.insert("next", &summary(index + 1));
    theme.render_sized("document.html", &context, capacity)
}
