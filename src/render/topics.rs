//! The topic index pages: `/topics/` (A–Z by taxonomy, with locators down to the paragraph),
//! one page per term, and `index.json`.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use rayon::prelude::*;
use serde::Serialize;
use tera::Value;

use super::handoff::Handoff;
use super::shared::{Shared, template_value};
use super::timeline::{DocumentEventView, event_link, split_by_year, topic_key};
use super::views::{DateView, document_url};
use crate::analyse::PackAnalysis;
use crate::analyse::index::{IndexEntry, Term, TermId, Vocabulary};
use crate::error::BuildError;
use crate::fingerprint::Fingerprint;
use crate::markdown::BlockNumber;
use crate::output::OutputFile;
use crate::pack::Pack;

/// The A–Z index lists at most this many documents per entry (then "and N more", linking to
/// the entry's page), so it stays readable and its size does not grow with the pack.
pub const INDEX_LOCATOR_LIMIT: usize = 10;

/// An entry's page quotes at most this many mentions in context; further mentions are
/// listed by paragraph.
pub const QUOTED_MENTION_LIMIT: usize = 50;

/// A term page lists at most this many of the events dated in the paragraphs that mention
/// the term; the rest are counted by year, each year linking to the timeline filtered to the
/// term. A term mentioned all through a large pack would otherwise repeat most of the
/// timeline on its page, and re-render it on every edit.
pub const TERM_EVENT_LIMIT: usize = 30;

/// A link to a term's page.
#[derive(Debug, Clone, Serialize)]
pub struct TermLink {
    /// The term's name.
    pub name: String,
    /// Its page from the site root.
    pub url: String,
}

impl TermLink {
    /// The link to a term.
    pub fn new(term: &Term) -> Self {
        Self {
            name: term.name.clone(),
            url: term_url(term),
        }
    }
}

/// What every page linking to a term shows of it, its name and page, made into template
/// values once per render (see [`super::shared`]), with the terms' A–Z order: a large pack's
/// document pages list hundreds of thousands of terms, a few hundred distinct ones.
pub struct TermLinks<'a> {
    vocabulary: &'a Vocabulary,
    links: Vec<OnceLock<SharedTermLink>>,
    /// Each term's place in A–Z order (by lower-cased name, then vocabulary order).
    ranks: Vec<usize>,
}

/// A term's page path and its name and path as template values.
struct SharedTermLink {
    url: String,
    values: [Value; 2],
}

/// A link to a term, as template values made once per render, for a view to take apart
/// into its own fields (a flattened struct would cost Tera a string for each key).
#[derive(Debug, Clone, Copy)]
pub struct SharedLinkView<'a> {
    /// The term's name.
    pub name: Shared<'a, str>,
    /// Its page from the site root.
    pub url: Shared<'a, str>,
}

impl<'a> TermLinks<'a> {
    /// Nothing made yet; the A–Z order worked out.
    pub fn new(vocabulary: &'a Vocabulary) -> Self {
        let terms = vocabulary.terms();
        let mut order: Vec<usize> = (0..terms.len()).collect();
        order.sort_by_cached_key(|&i| terms[i].name.to_lowercase());
        let mut ranks = vec![0; terms.len()];
        for (rank, i) in order.into_iter().enumerate() {
            ranks[i] = rank;
        }
        Self {
            vocabulary,
            links: terms.iter().map(|_| OnceLock::new()).collect(),
            ranks,
        }
    }

    /// The link to the term `id`.
    pub fn link(&self, id: TermId) -> SharedLinkView<'_> {
        let term = self.vocabulary.get(id);
        let shared = self.links[id.0].get_or_init(|| {
            let url = term_url(term);
            let values = [template_value(&term.name), template_value(&url)];
            SharedTermLink { url, values }
        });
        SharedLinkView {
            name: Shared::new(&term.name, &shared.values[0]),
            url: Shared::new(&shared.url, &shared.values[1]),
        }
    }

    /// The term's place in A–Z order, by its name lower-cased.
    pub fn rank(&self, id: TermId) -> usize {
        self.ranks[id.0]
    }
}

/// A term's page path from the site root.
pub fn term_url(term: &Term) -> String {
    format!(
        "topics/{}/{}/",
        crate::slug::slugify(&term.taxonomy),
        term.slug
    )
}

/// The display name of a taxonomy: `topics` → "Topics".
pub fn taxonomy_label(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// One document's share of a term's mentions.
#[derive(Debug, Clone, Serialize)]
pub struct LocatorView {
    /// The document's short name ("Hansard, 18 Oct 2016").
    pub label: String,
    /// The document's page.
    pub url: String,
    /// The paragraphs' numbers, in order: ¶3 is at `#p3` of the document's page. Numbers,
    /// not links, since the A–Z index lists thousands: the template writes the links.
    pub paragraphs: Vec<BlockNumber>,
}

/// A term as the A–Z index lists it.
#[derive(Debug, Clone, Serialize)]
pub struct EntryView {
    /// The term.
    pub name: String,
    /// Its page.
    pub url: String,
    /// Its slug, for anchors.
    pub slug: String,
    /// Its description.
    pub description: Option<String>,
    /// How many times the texts mention it.
    pub mention_count: usize,
    /// Where (the first documents in date order).
    pub locators: Vec<LocatorView>,
    /// Documents beyond `locators`, listed on the entry's page.
    pub more_documents: usize,
    /// Documents whose front matter names it.
    pub tagged: Vec<LocatorView>,
    /// Other terms to look at.
    pub see_also: Vec<TermLink>,
}

/// Entries starting with one letter.
#[derive(Debug, Clone, Serialize)]
pub struct LetterGroup {
    /// "A", … or "#".
    pub letter: String,
    /// The entries, A–Z.
    pub entries: Vec<EntryView>,
}

/// One taxonomy of the index.
#[derive(Debug, Clone, Serialize)]
pub struct TaxonomyIndexView {
    /// `topics`.
    pub name: String,
    /// "Topics".
    pub label: String,
    /// Number of entries.
    pub count: usize,
    /// The entries by first letter.
    pub letters: Vec<LetterGroup>,
}

/// A mention shown in context: the sentence, with the matched words marked.
#[derive(Debug, Clone, Serialize)]
pub struct MentionView<'a> {
    /// The paragraph's number: ¶3 is at `#p3` of the document's page.
    pub paragraph: BlockNumber,
    /// The sentence before the match.
    pub before: &'a str,
    /// The matched words.
    pub matched: &'a str,
    /// The sentence after the match.
    pub after: &'a str,
}

/// A document's mentions on a term page. What every term page listing the document shows
/// alike is worked out, and made into template values, once per render
/// ([`TermPageSources`]).
#[derive(Debug, Clone, Serialize)]
pub struct TermDocumentView<'a> {
    /// The title.
    pub title: Shared<'a, str>,
    /// The page, from the site root.
    pub url: Shared<'a, str>,
    /// The page as a term page links to it (the site root's address from a term page, the
    /// page, and the index file when the site is read without a server): one template
    /// lookup per link where the three parts took three.
    pub href: Shared<'a, str>,
    /// The date.
    pub date: Option<Shared<'a, DateView>>,
    /// The kind.
    pub kind: Option<Shared<'a, str>>,
    /// The mentions quoted in context, in text order.
    pub mentions: Vec<MentionView<'a>>,
    /// The numbers of the paragraphs with mentions not quoted (beyond the page's quota), as
    /// in [`LocatorView::paragraphs`].
    pub paragraphs: &'a [BlockNumber],
}

/// A related term and how many paragraphs it shares.
#[derive(Debug, Clone, Serialize)]
pub struct RelatedView<'a> {
    /// The term's name.
    pub name: Shared<'a, str>,
    /// Its page from the site root.
    pub url: Shared<'a, str>,
    /// Shared paragraphs.
    pub shared: usize,
}

/// How many of a term's events fall in one year, with the timeline page that shows them.
#[derive(Debug, Clone, Serialize)]
pub struct EventYearView {
    /// The year.
    pub year: i32,
    /// The term's events dated in it.
    pub count: usize,
    /// The timeline page holding that year, from the site root (`timeline/2016/`).
    pub url: String,
    /// The year's heading on that page, when the timeline is one page (`#y2016-heading`).
    pub fragment: String,
}

/// Everything a term page shows.
#[derive(Debug, Clone, Serialize)]
pub struct TermPageView<'a> {
    /// The name.
    pub name: &'a str,
    /// `topics`.
    pub taxonomy: &'a str,
    /// "Topics".
    pub taxonomy_label: String,
    /// The description.
    pub description: Option<&'a str>,
    /// Other names the term is found by.
    pub aliases: &'a [String],
    /// Mentions in the texts.
    pub mention_count: usize,
    /// Mentions grouped by document, in date order.
    pub documents: Vec<TermDocumentView<'a>>,
    /// Documents whose front matter names the term.
    pub tagged: Vec<TermLink>,
    /// Terms mentioned in the same paragraphs.
    pub related: Vec<RelatedView<'a>>,
    /// See also.
    pub see_also: Vec<TermLink>,
    /// The first [`TERM_EVENT_LIMIT`] timeline events dated in paragraphs that mention the
    /// term, in timeline order.
    pub events: Vec<DocumentEventView>,
    /// All such events.
    pub event_count: usize,
    /// All such events counted by year, when there are more than `events` shows.
    pub event_years: Vec<EventYearView>,
    /// The term as the timeline's topic filter names it (`topics/aleppo`).
    pub filter: String,
}

/// The A–Z index, one group per taxonomy in configured order.
pub fn index_view(pack: &Pack) -> Vec<TaxonomyIndexView> {
    let analysis = &pack.analysis;
    let vocabulary = &analysis.vocabulary;
    vocabulary
        .taxonomies()
        .iter()
        .map(|taxonomy| {
            let mut letters: BTreeMap<String, Vec<EntryView>> = BTreeMap::new();
            let entries = analysis
                .topics
                .entries
                .iter()
                .filter(|e| vocabulary.get(e.term).taxonomy == *taxonomy);
            let mut count = 0;
            for entry in entries {
                count += 1;
                let view = entry_view(pack, entry);
                letters.entry(initial(&view.name)).or_default().push(view);
            }
            TaxonomyIndexView {
                name: taxonomy.clone(),
                label: taxonomy_label(taxonomy),
                count,
                letters: letters
                    .into_iter()
                    .map(|(letter, entries)| LetterGroup { letter, entries })
                    .collect(),
            }
        })
        .collect()
}

fn entry_view(pack: &Pack, entry: &IndexEntry) -> EntryView {
    let vocabulary = &pack.analysis.vocabulary;
    let term = vocabulary.get(entry.term);
    EntryView {
        name: term.name.clone(),
        url: term_url(term),
        slug: term.slug.clone(),
        description: term.description.clone(),
        mention_count: entry.mention_count,
        more_documents: entry.locators.len().saturating_sub(INDEX_LOCATOR_LIMIT),
        locators: entry
            .locators
            .iter()
            .take(INDEX_LOCATOR_LIMIT)
            .map(|locator| {
                let doc = &pack.documents[locator.document];
                let url = document_url(&doc.slug);
                LocatorView {
                    label: doc.meta.label(),
                    paragraphs: locator.paragraphs.clone(),
                    url,
                }
            })
            .collect(),
        tagged: entry
            .tagged_documents
            .iter()
            .map(|&i| {
                let doc = &pack.documents[i];
                LocatorView {
                    label: doc.meta.label(),
                    url: document_url(&doc.slug),
                    paragraphs: Vec::new(),
                }
            })
            .collect(),
        see_also: links(vocabulary, &term.see_also),
    }
}

/// The page of one index entry.
pub fn term_page_view<'a>(
    pack: &'a Pack,
    entry: &'a IndexEntry,
    sources: &'a TermPageSources<'a>,
) -> TermPageView<'a> {
    let vocabulary = &pack.analysis.vocabulary;
    let term = vocabulary.get(entry.term);
    let mut quota = QUOTED_MENTION_LIMIT;
    let events = term_events(entry, sources);
    TermPageView {
        name: &term.name,
        taxonomy: &term.taxonomy,
        taxonomy_label: taxonomy_label(&term.taxonomy),
        description: term.description.as_deref(),
        aliases: &term.aliases,
        mention_count: entry.mention_count,
        documents: entry
            .locators
            .iter()
            .map(|locator| {
                let doc = &pack.documents[locator.document];
                let listed = sources.document(locator.document);
                let mentions = &pack.analyses[locator.document].mentions.mentions;
                let quoted = locator.mentions.len().min(quota);
                quota -= quoted;
                let values = &listed.values;
                TermDocumentView {
                    title: Shared::new(&doc.meta.title, &values.title),
                    url: Shared::new(&listed.url, &values.url),
                    href: Shared::new(&listed.href, &values.href),
                    date: listed.date.as_ref().map(|d| Shared::new(d, &values.date)),
                    kind: doc
                        .meta
                        .kind
                        .as_deref()
                        .map(|k| Shared::new(k, &values.kind)),
                    paragraphs: if quoted == 0 {
                        &locator.paragraphs
                    } else {
                        &[]
                    },
                    mentions: locator
                        .mentions
                        .iter()
                        .take(quoted)
                        .map(|&m| {
                            let mention = &mentions[m];
                            let s = &mention.sentence;
                            let h = mention.highlight.clone();
                            MentionView {
                                paragraph: mention.paragraph,
                                before: &s[..h.start],
                                matched: mention.matched(),
                                after: &s[h.end..],
                            }
                        })
                        .collect(),
                }
            })
            .collect(),
        tagged: entry
            .tagged_documents
            .iter()
            .map(|&i| TermLink {
                name: pack.documents[i].meta.title.clone(),
                url: document_url(&pack.documents[i].slug),
            })
            .collect(),
        related: entry
            .related
            .iter()
            .map(|&(id, shared)| {
                let link = sources.links.link(id);
                RelatedView {
                    name: link.name,
                    url: link.url,
                    shared,
                }
            })
            .collect(),
        see_also: links(vocabulary, &term.see_also),
        event_count: events.len(),
        event_years: if events.len() > TERM_EVENT_LIMIT {
            event_years(pack, &events)
        } else {
            Vec::new()
        },
        events: events
            .iter()
            .take(TERM_EVENT_LIMIT)
            .map(|&i| event_link(pack, i))
            .collect(),
        filter: topic_key(&term.taxonomy, &term.slug),
    }
}

/// Everything [`term_page_view`] reads, as one number, computed without building the view:
/// the term and the terms it links to, the entry's counts, for each document it lists the
/// document's digest of what it says about the term ([`DocumentAnalysis::term_digest`]:
/// title, date, kind, mentions and the dates beside them), and the titles of the documents
/// tagged with it. Config and vocabulary are covered by the render generation.
///
/// [`DocumentAnalysis::term_digest`]: crate::analyse::DocumentAnalysis::term_digest
pub fn term_page_inputs(pack: &Pack, entry: &IndexEntry) -> u64 {
    let vocabulary = &pack.analysis.vocabulary;
    let term = vocabulary.get(entry.term);
    let link = |fingerprint: Fingerprint, id: TermId| term_link(fingerprint, vocabulary, id);
    let mut fingerprint = link(Fingerprint::default(), entry.term)
        .number(u64::from(split_by_year(pack)))
        .text(term.description.as_deref().unwrap_or("\u{0}"))
        .number(term.aliases.len() as u64)
        .number(entry.mention_count as u64);
    for alias in &term.aliases {
        fingerprint = fingerprint.text(alias);
    }
    for &id in &term.see_also {
        fingerprint = link(fingerprint, id);
    }
    for locator in &entry.locators {
        fingerprint = fingerprint
            .text(&pack.documents[locator.document].slug)
            .number(pack.analyses[locator.document].term_digest(entry.term))
            .number(locator.mentions.len() as u64);
    }
    for &i in &entry.tagged_documents {
        let doc = &pack.documents[i];
        fingerprint = fingerprint.text(&doc.slug).text(&doc.meta.title);
    }
    for &(id, shared) in &entry.related {
        fingerprint = link(fingerprint, id).number(shared as u64);
    }
    fingerprint.finish()
}

/// Everything [`index_view`] reads, as one number, computed without building it (on a
/// large pack the A–Z index is megabytes of views): for each entry its term and see-also
/// terms, its counts, and the slug, label and paragraphs of each document it names.
pub fn index_page_inputs(pack: &Pack) -> u64 {
    let vocabulary = &pack.analysis.vocabulary;
    let document = |fingerprint: Fingerprint, doc: usize| {
        let document = &pack.documents[doc];
        let meta = &document.meta;
        fingerprint
            .text(&document.slug)
            .text(&meta.title)
            .text(meta.short_title.as_deref().unwrap_or("\u{0}"))
            .hashed(&meta.date)
    };
    let entry_inputs = |entry: &IndexEntry| {
        let term = vocabulary.get(entry.term);
        let mut fingerprint = term_link(Fingerprint::default(), vocabulary, entry.term)
            .text(term.description.as_deref().unwrap_or("\u{0}"))
            .number(entry.mention_count as u64)
            .number(entry.locators.len() as u64)
            .number(entry.tagged_documents.len() as u64)
            .number(term.see_also.len() as u64);
        for &id in &term.see_also {
            fingerprint = term_link(fingerprint, vocabulary, id);
        }
        for locator in entry.locators.iter().take(INDEX_LOCATOR_LIMIT) {
            fingerprint =
                document(fingerprint, locator.document).number(locator.paragraphs.len() as u64);
            for paragraph in &locator.paragraphs {
                fingerprint = fingerprint.number(u64::from(paragraph.0));
            }
        }
        for &doc in &entry.tagged_documents {
            fingerprint = document(fingerprint, doc);
        }
        fingerprint.finish()
    };
    let entries: Vec<u64> = pack
        .analysis
        .topics
        .entries
        .par_iter()
        .map(entry_inputs)
        .collect();
    entries
        .into_iter()
        .fold(Fingerprint::default(), Fingerprint::number)
        .finish()
}

/// Adds what a link to term `id` shows: its name, taxonomy and slug.
fn term_link(fingerprint: Fingerprint, vocabulary: &Vocabulary, id: TermId) -> Fingerprint {
    let term = vocabulary.get(id);
    fingerprint
        .text(&term.name)
        .text(&term.taxonomy)
        .text(&term.slug)
}

/// What the term pages show of each document alike (its address and date) and the timeline
/// events of each of its paragraphs. The term pages render in parallel and a document is
/// listed on the page of every term it mentions, so each document's share is worked out the
/// first time a page lists it, and only then: a rebuild after an edit renders a few pages.
pub struct TermPageSources<'a> {
    pack: &'a Pack,
    /// What a term page puts around a page's address to link to it: the way up to the site
    /// root, and the index file (empty when a server supplies it).
    link_root: &'a str,
    index_file: &'a str,
    documents: Vec<OnceLock<ListedDocument>>,
    links: TermLinks<'a>,
}

/// One document as the term pages list it.
struct ListedDocument {
    /// Its page from the site root.
    url: String,
    /// Its page from a term page.
    href: String,
    date: Option<DateView>,
    /// The title, page, date and kind as template values.
    values: ListedValues,
    /// The timeline indices of the events dated in its paragraphs, sorted by paragraph.
    events: Vec<(BlockNumber, usize)>,
}

/// The template values of what every term page shows of a document.
struct ListedValues {
    title: Value,
    url: Value,
    href: Value,
    date: Value,
    kind: Value,
}

impl<'a> TermPageSources<'a> {
    /// Nothing worked out yet, for term pages `link_root` below the site root, linking to
    /// pages with `index_file` after their folder.
    pub fn new(pack: &'a Pack, link_root: &'a str, index_file: &'a str) -> Self {
        Self {
            pack,
            link_root,
            index_file,
            documents: pack.documents.iter().map(|_| OnceLock::new()).collect(),
            links: TermLinks::new(&pack.analysis.vocabulary),
        }
    }

    fn document(&self, document: usize) -> &ListedDocument {
        self.documents[document].get_or_init(|| {
            let pack = self.pack;
            let doc = &pack.documents[document];
            let chronology = &pack.analysis.chronology;
            let mut events: Vec<(BlockNumber, usize)> = chronology.by_document[document]
                .iter()
                .filter_map(|&i| {
                    let paragraph = chronology.timeline.events[i].paragraph.as_deref()?;
                    Some((BlockNumber::of_id(paragraph)?, i))
                })
                .collect();
            events.sort_unstable();
            let url = document_url(&doc.slug);
            let href = format!("{}{url}{}", self.link_root, self.index_file);
            let date = doc.meta.date.map(DateView::from);
            let values = ListedValues {
                title: template_value(&doc.meta.title),
                url: template_value(&url),
                href: template_value(&href),
                date: template_value(&date),
                kind: template_value(&doc.meta.kind),
            };
            ListedDocument {
                url,
                href,
                date,
                values,
                events,
            }
        })
    }

    /// The timeline indices of the events dated in one paragraph of a document.
    fn events_in(&self, document: usize, paragraph: BlockNumber) -> impl Iterator<Item = usize> {
        let events = &self.document(document).events;
        let first = events.partition_point(|&(p, _)| p < paragraph);
        events[first..]
            .iter()
            .take_while(move |&&(p, _)| p == paragraph)
            .map(|&(_, i)| i)
    }
}

/// The timeline indices of the events dated in the paragraphs that mention the term, in
/// timeline order.
fn term_events(entry: &IndexEntry, sources: &TermPageSources) -> Vec<usize> {
    let mut indices: Vec<usize> = entry
        .locators
        .iter()
        .flat_map(|locator| {
            locator
                .paragraphs
                .iter()
                .flat_map(|&p| sources.events_in(locator.document, p))
        })
        .collect();
    indices.sort_unstable();
    indices
}

/// `events` (timeline indices, in order) counted by year.
fn event_years(pack: &Pack, events: &[usize]) -> Vec<EventYearView> {
    let split = split_by_year(pack);
    let mut years: Vec<EventYearView> = Vec::new();
    for &i in events {
        let year = pack.analysis.chronology.timeline.events[i]
            .date
            .year_number();
        match years.last_mut() {
            Some(last) if last.year == year => last.count += 1,
            _ => years.push(EventYearView {
                year,
                count: 1,
                url: if split {
                    format!("timeline/{year}/")
                } else {
                    "timeline/".to_string()
                },
                fragment: if split {
                    String::new()
                } else {
                    format!("#y{year}-heading")
                },
            }),
        }
    }
    years
}

fn links(vocabulary: &Vocabulary, ids: &[TermId]) -> Vec<TermLink> {
    ids.iter()
        .map(|&id| TermLink::new(vocabulary.get(id)))
        .collect()
}

/// The letter an entry is filed under: its first letter, ignoring a leading "the", or "#".
fn initial(name: &str) -> String {
    let lower = name.to_lowercase();
    let name = lower.strip_prefix("the ").unwrap_or(&lower);
    deunicode::deunicode(name)
        .chars()
        .find(|c| c.is_alphanumeric())
        .filter(char::is_ascii_alphabetic)
        .map_or_else(|| "#".to_string(), |c| c.to_ascii_uppercase().to_string())
}

/// The path of the index export.
pub const INDEX_JSON: &str = "index.json";

/// `index.json`: every term with taxonomy, aliases and its mentions, handed to `handoff`.
pub fn index_json(pack: &Pack, handoff: &dyn Handoff) -> Result<Vec<OutputFile>, BuildError> {
    let analysis: &PackAnalysis = &pack.analysis;
    let inputs: Vec<_> = pack
        .index_inputs()
        .into_iter()
        .zip(pack.analyses.iter().map(|found| &found.mentions))
        .collect();
    let json = analysis.topics.to_json(&analysis.vocabulary, &inputs);
    handoff.stream(INDEX_JSON, &mut json.parts())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_filed_under_their_initial() {
        assert_eq!(initial("Aleppo"), "A");
        assert_eq!(initial("the Assad regime"), "A");
        assert_eq!(initial("Ídlib"), "I");
        assert_eq!(initial("2005 summit"), "#");
    }
}
