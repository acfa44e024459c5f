//! What templates see: small serialisable views of the pack.
//!
//! A page's context holds only what that page shows (a document and summaries of its
//! neighbours), never the whole pack, so rendering stays linear in the pack's size.

use serde::Serialize;

use std::collections::BTreeMap;

use super::shared::Shared;
use super::topics::{TermLink, TermLinks, taxonomy_label};
use crate::analyse::index::TermId;
use crate::config::Config;
use crate::date::{PartialDate, Precision};
use crate::fingerprint::Fingerprint;
use crate::pack::Pack;
use crate::source::Document;

/// The pack as a whole, the same on every page.
#[derive(Debug, Clone, Serialize)]
pub struct SiteView {
    /// The pack's title.
    pub title: String,
    /// What it is about.
    pub description: String,
    /// Where it is hosted, with a trailing slash, or empty.
    pub base_url: String,
    /// BCP 47 language tag.
    pub language: String,
    /// Who compiled it.
    pub author: String,
    /// Who publishes it.
    pub publisher: String,
    /// `Casebook x.y.z`, for the generator meta tag.
    pub generator: String,
    /// Whether pages carry the search box.
    pub search: bool,
}

impl SiteView {
    /// The site view of a config.
    pub fn new(config: &Config) -> Self {
        Self {
            title: config.title.clone(),
            description: config.description.clone(),
            base_url: config.base_url_with_slash(),
            language: config.language.clone(),
            author: config.author.clone(),
            publisher: config.publisher.clone(),
            generator: format!("Casebook {}", env!("CARGO_PKG_VERSION")),
            search: config.search.enabled,
        }
    }
}

/// Where the page being rendered sits, so its links can be relative.
#[derive(Debug, Clone, Serialize)]
pub struct PageView {
    /// The way back to the site root from this page: `""`, `"../../"`.
    pub root: String,
    /// The page's path from the root (`documents/x/`).
    pub path: String,
    /// The file name to append to folder links: empty for hosting, `index.html` for file://.
    pub index_file: String,
    /// In the single-file edition, what in-page document anchors start with.
    pub anchor_prefix: Option<String>,
    /// The absolute URL when `base_url` is set, else empty.
    pub canonical: String,
    /// The page's title for `<title>`.
    pub title: String,
    /// The page's description for meta tags.
    pub description: String,
    /// Open Graph type: `article` for documents, `website` for the rest.
    pub og_type: &'static str,
}

/// A date as templates show it.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct DateView {
    /// ISO 8601 at its precision, for `<time datetime>`.
    pub iso: String,
    /// "18 October 2016", "January 2017", "2005".
    pub long: String,
    /// "18 Oct 2016".
    pub short: String,
    /// "day", "month" or "year".
    pub precision: Precision,
}

impl From<PartialDate> for DateView {
    fn from(date: PartialDate) -> Self {
        Self {
            iso: date.iso(),
            long: date.long(),
            short: date.short(),
            precision: date.precision(),
        }
    }
}

/// A document in a list: enough to link to it and say what it is.
#[derive(Debug, Clone, Hash, Serialize)]
pub struct DocumentSummary {
    /// The title.
    pub title: String,
    /// Its page from the site root (`documents/x/`).
    pub url: String,
    /// letter, debate, …
    pub kind: Option<String>,
    /// Who wrote or said it.
    pub author: Option<String>,
    /// Their role.
    pub author_role: Option<String>,
    /// Its date.
    pub date: Option<DateView>,
    /// How the date was arrived at.
    pub date_note: Option<String>,
    /// A short summary.
    pub summary: Option<String>,
    /// Number of ¶-numbered blocks.
    pub paragraphs: usize,
}

impl DocumentSummary {
    /// The summary of a document.
    pub fn new(doc: &Document) -> Self {
        Self {
            title: doc.meta.title.clone(),
            url: document_url(&doc.slug),
            kind: doc.meta.kind.clone(),
            author: doc.meta.author.clone(),
            author_role: doc.meta.author_role.clone(),
            date: doc.meta.date.map(DateView::from),
            date_note: doc.meta.date_note.clone(),
            summary: doc.meta.summary.clone(),
            paragraphs: doc.body.blocks.len(),
        }
    }

    /// A hash of the summary of `doc`: the front page and a document's neighbours show only
    /// summaries, so an edit that leaves a summary alone need not render them again. Hashing
    /// the summary itself keeps the digest in step with whatever a summary shows.
    pub fn digest(doc: &Document) -> u64 {
        Fingerprint::default().hashed(&Self::new(doc)).finish()
    }
}

/// A taxonomy's terms on a document page.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyView {
    /// `topics`, `people`, …
    pub name: String,
    /// "Topics", "People", …
    pub label: String,
    /// The terms, linked to their index pages.
    pub terms: Vec<TermLink>,
}

/// An index term found in a document's text, with how often.
#[derive(Debug, Clone, Serialize)]
pub struct MentionedTerm<'a> {
    /// The term's name.
    pub name: Shared<'a, str>,
    /// Its page from the site root.
    pub url: Shared<'a, str>,
    /// Mentions in this document.
    pub count: usize,
}

/// Everything a document page shows.
#[derive(Debug, Clone, Serialize)]
pub struct DocumentView<'a> {
    /// The common fields.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// The page's folder name.
    pub slug: String,
    /// The source file, relative to `content/`.
    pub source_file: String,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where the original is.
    pub source_url: Option<String>,
    /// The original's title or reference.
    pub source_title: Option<String>,
    /// Terms from front matter, per taxonomy, non-empty only.
    pub taxonomies: Vec<TaxonomyView>,
    /// Index terms the text mentions, A–Z.
    pub mentioned: Vec<MentionedTerm<'a>>,
    /// Free-form front-matter values.
    pub extra: serde_json::Value,
}

impl<'a> DocumentView<'a> {
    /// The full view of the document at `index` in the pack, its links to terms from
    /// `links`.
    pub fn new(pack: &Pack, index: usize, links: &'a TermLinks) -> Self {
        let doc = &pack.documents[index];
        let meta = &doc.meta;
        let vocabulary = &pack.analysis.vocabulary;
        let taxonomies = vocabulary
            .taxonomies()
            .iter()
            .filter_map(|taxonomy| {
                let terms: Vec<TermLink> = pack.analysis.tags[index]
                    .iter()
                    .map(|&id| vocabulary.get(id))
                    .filter(|term| term.taxonomy == *taxonomy)
                    .map(TermLink::new)
                    .collect();
                (!terms.is_empty()).then(|| TaxonomyView {
                    name: taxonomy.clone(),
                    label: taxonomy_label(taxonomy),
                    terms,
                })
            })
            .collect();
        let mut counts: BTreeMap<TermId, usize> = BTreeMap::new();
        for mention in &pack.analyses[index].mentions.mentions {
            *counts.entry(mention.term).or_default() += 1;
        }
        let mut counts: Vec<(TermId, usize)> = counts.into_iter().collect();
        counts.sort_unstable_by_key(|&(id, _)| links.rank(id));
        let mentioned = counts
            .into_iter()
            .map(|(id, count)| {
                let link = links.link(id);
                MentionedTerm {
                    name: link.name,
                    url: link.url,
                    count,
                }
            })
            .collect();
        Self {
            summary: DocumentSummary::new(doc),
            slug: doc.slug.clone(),
            source_file: doc.content_path.clone(),
            publisher: meta.publisher.clone(),
            source_url: meta.source_url.clone(),
            source_title: meta.source_title.clone(),
            taxonomies,
            mentioned,
            extra: match &meta.extra {
                serde_json::Value::Null => serde_json::Value::Object(Default::default()),
                other => other.clone(),
            },
        }
    }
}

/// A document's page path from the site root.
pub fn document_url(slug: &str) -> String {
    format!("documents/{slug}/")
}
