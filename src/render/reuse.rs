//! What a rebuild can take from the last render instead of reading the whole pack again.
//!
//! A term page is drawn from the documents that mention or tag its term, and a year page
//! from the documents with events that year (see [`term_page_inputs`] and
//! [`timeline_page_inputs`]). So when the vocabulary and the timeline's layout are the same,
//! the pages of terms and years that no changed document has, before or after the edit, are
//! made from exactly what they were made from last time, and their input fingerprints are
//! the ones recorded then. Comparing the two packs document by document costs a hash per
//! document; computing every fingerprint again reads every mention and event.
//!
//! [`term_page_inputs`]: super::topics::term_page_inputs
//! [`timeline_page_inputs`]: super::timeline::timeline_page_inputs

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use super::cache::PageInputs;
use super::documents::DocumentPages;
use super::timeline::split_by_year;
use crate::analyse::index::TermId;
use crate::pack::{Pack, reading_order};

/// The last render made with the same config and vocabulary and the same render options.
#[derive(Clone, Copy)]
pub struct EarlierRender<'a> {
    /// The pack it rendered.
    pub pack: &'a Pack,
    /// The input fingerprints of its pages: what each page read of the pack, whatever the
    /// templates made of it.
    pub inputs: &'a PageInputs,
    /// Its document pages, when it was rendered with the same templates too.
    pub documents: Option<&'a DocumentPages>,
}

/// The terms and years whose pages may differ from the earlier render's.
#[derive(Debug, Default, PartialEq, Eq)]
struct Touched {
    terms: HashSet<TermId>,
    years: HashSet<i32>,
    /// Whether a document was added or removed, moved in reading order, or changed what the
    /// A–Z index shows of the documents it names (title, short title, date).
    index_documents: bool,
}

impl Touched {
    /// Marks the terms and years of the document at `doc` in `pack`.
    fn add(&mut self, pack: &Pack, doc: usize) {
        let mentions = &pack.analyses[doc].mentions.mentions;
        self.terms.extend(mentions.iter().map(|m| m.term));
        self.terms.extend(pack.analysis.tags[doc].iter().copied());
        let chronology = &pack.analysis.chronology;
        self.years.extend(
            chronology.by_document[doc]
                .iter()
                .map(|&i| chronology.timeline.events[i].date.year_number()),
        );
    }

    /// Marks what an edit changed in one document, at `old` in `before` and at `doc` in
    /// `pack`. When the document kept its place in reading order, its title and tags, and
    /// the paragraphs each term is mentioned in, every other document's share of every page
    /// is as it was and the pages' shape is too (entries, counts, related terms, order): only
    /// the terms whose digest changed and the years whose events changed are marked. An edit
    /// to prose that names no term and no date marks nothing. Otherwise every term and year
    /// of the document, before and after, is marked.
    fn add_edit(&mut self, before: &Pack, old: usize, pack: &Pack, doc: usize) {
        let (was, is) = (&before.documents[old], &pack.documents[doc]);
        let (was_read, is_read) = (&before.analyses[old], &pack.analyses[doc]);
        let same_place = reading_order(was) == reading_order(is);
        self.index_documents |= !same_place
            || was.meta.title != is.meta.title
            || was.meta.short_title != is.meta.short_title;
        let same_frame = same_place
            && was.meta.title == is.meta.title
            && before.analysis.tags[old] == pack.analysis.tags[doc]
            && is_read.mentions_same_places(was_read);
        if !same_frame {
            self.add(before, old);
            self.add(pack, doc);
            return;
        }
        let digests: HashSet<&(TermId, u64)> = was_read.term_digests.iter().collect();
        let changed = is_read.term_digests.iter().filter(|d| !digests.contains(d));
        self.terms.extend(changed.map(|&(term, _)| term));
        let (was_years, is_years) = (event_shares(before, old), event_shares(pack, doc));
        let years = was_years.keys().chain(is_years.keys());
        let changed = years.filter(|year| was_years.get(year) != is_years.get(year));
        self.years.extend(changed.copied());
    }
}

/// A document's events by year: each with its anchor and the document's digest of it,
/// which is all a year page reads of the document besides its tags.
fn event_shares(pack: &Pack, doc: usize) -> BTreeMap<i32, Vec<(&str, u64)>> {
    let chronology = &pack.analysis.chronology;
    let digests = &pack.analyses[doc].event_digests;
    let mut shares: BTreeMap<i32, Vec<(&str, u64)>> = BTreeMap::new();
    for (rank, &event) in chronology.by_document[doc].iter().enumerate() {
        let year = chronology.timeline.events[event].date.year_number();
        let digest = digests.get(rank).copied().unwrap_or_default();
        shares
            .entry(year)
            .or_default()
            .push((&chronology.anchors[event], digest));
    }
    shares
}

/// The earlier render's input fingerprints that still hold for the pack being rendered.
pub(super) struct Reuse<'a> {
    touched: Touched,
    /// Whether the timeline and every document's date are the same (the overview of a split
    /// timeline reads nothing else).
    same_dates: bool,
    /// Whether the topic index is the earlier render's.
    same_topics: bool,
    inputs: &'a PageInputs,
}

impl<'a> Reuse<'a> {
    /// What of `earlier` holds for `pack`, or `None` when the change reaches every page: the
    /// vocabulary differs (front-matter terms are part of it), or the timeline went from
    /// one page to a page per year or back.
    pub fn new(pack: &Pack, earlier: EarlierRender<'a>) -> Option<Self> {
        let before = earlier.pack;
        let same_layout = split_by_year(pack) == split_by_year(before)
            && pack
                .analysis
                .vocabulary
                .same_terms(&before.analysis.vocabulary);
        let same_dates = Arc::ptr_eq(&pack.analysis.chronology, &before.analysis.chronology)
            && pack
                .documents
                .iter()
                .map(|d| d.meta.date)
                .eq(before.documents.iter().map(|d| d.meta.date));
        same_layout.then(|| Self {
            touched: touched(pack, before),
            same_dates,
            same_topics: Arc::ptr_eq(&pack.analysis.topics, &before.analysis.topics),
            inputs: earlier.inputs,
        })
    }

    /// The recorded inputs of the term page at `path`, when no change reached `term`.
    pub fn term_inputs(&self, term: TermId, path: &str) -> Option<u64> {
        if self.touched.terms.contains(&term) {
            None
        } else {
            self.inputs.get(path)
        }
    }

    /// The recorded inputs of the year page at `path`, when no change reached `year`.
    pub fn year_inputs(&self, year: i32, path: &str) -> Option<u64> {
        if self.touched.years.contains(&year) {
            None
        } else {
            self.inputs.get(path)
        }
    }

    /// The recorded inputs of the A–Z index at `path`, when the topic index is the earlier
    /// render's and every document it names is shown as it was, in the same place.
    pub fn index_inputs(&self, path: &str) -> Option<u64> {
        if self.same_topics && !self.touched.index_documents {
            self.inputs.get(path)
        } else {
            None
        }
    }

    /// The recorded inputs of the timeline's overview at `path`, when no date changed.
    pub fn overview_inputs(&self, path: &str) -> Option<u64> {
        if self.same_dates {
            self.inputs.get(path)
        } else {
            None
        }
    }
}

/// The terms and years of every document that is new, gone or different (matched by slug),
/// as it was before and as it is now.
fn touched(pack: &Pack, before: &Pack) -> Touched {
    let mut touched = Touched::default();
    let same = |doc: usize, old: usize| {
        Arc::ptr_eq(&pack.documents[doc], &before.documents[old])
            && Arc::ptr_eq(&pack.analyses[doc], &before.analyses[old])
    };
    // After an edit in place every document keeps its place, and slugs need no lookup.
    let in_place = pack.documents.len() == before.documents.len()
        && (0..pack.documents.len())
            .all(|i| same(i, i) || pack.documents[i].slug == before.documents[i].slug);
    if in_place {
        for doc in (0..pack.documents.len()).filter(|&i| !same(i, i)) {
            touched.add_edit(before, doc, pack, doc);
        }
        return touched;
    }
    let earlier: HashMap<&str, usize> = before
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    let mut matched = vec![false; before.documents.len()];
    for (doc, document) in pack.documents.iter().enumerate() {
        match earlier.get(document.slug.as_str()) {
            Some(&old) => {
                matched[old] = true;
                if !same(doc, old) {
                    touched.add_edit(before, old, pack, doc);
                }
            }
            None => {
                touched.add(pack, doc);
                touched.index_documents = true;
            }
        }
    }
    for (old, _) in matched.iter().enumerate().filter(|(_, m)| !**m) {
        touched.add(before, old);
        touched.index_documents = true;
    }
    touched
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::test_support::{Analysed, analysed, vocabulary};
    use crate::config::Config;

    fn pack(letters: &[Analysed]) -> Pack {
        Pack::assemble(
            Config::default(),
            letters.to_vec(),
            false,
            &vocabulary(),
            None,
        )
        .unwrap()
    }

    fn place(name: &str) -> TermId {
        vocabulary().find_by_name("places", name).unwrap()
    }

    /// What an edit of `b.md` from `before` to `after` touches, beside a letter about Aleppo.
    fn touched_by(before: &str, after: &str) -> Touched {
        let aleppo = analysed("a.md", "Aleppo was shelled on 3 March 2015.");
        let earlier = pack(&[aleppo.clone(), analysed("b.md", before)]);
        let later = pack(&[aleppo, analysed("b.md", after)]);
        touched(&later, &earlier)
    }

    #[test]
    fn an_edit_touches_the_terms_and_years_whose_share_of_the_document_changed() {
        let touched = touched_by(
            "Homs fell on 1 May 2014.\n\nAleppo was quiet.",
            "Homs fell on 1 May 2013.\n\nAleppo was quiet.",
        );
        assert_eq!(touched.terms, HashSet::from([place("Homs")]));
        assert_eq!(touched.years, HashSet::from([2013, 2014]));
        assert!(!touched.index_documents);
    }

    #[test]
    fn prose_naming_no_term_and_no_date_touches_nothing() {
        let touched = touched_by(
            "Homs fell on 1 May 2014.",
            "Homs fell on 1 May 2014.\n\nNothing more is known.",
        );
        assert_eq!(touched, Touched::default());
    }

    #[test]
    fn moving_a_mention_to_another_paragraph_touches_every_term_and_year_of_the_document() {
        let touched = touched_by(
            "Homs fell on 1 May 2014.\n\nAleppo was quiet.",
            "Aleppo was quiet.\n\nHoms fell on 1 May 2014.",
        );
        assert_eq!(
            touched.terms,
            HashSet::from([place("Homs"), place("Aleppo")])
        );
        assert_eq!(touched.years, HashSet::from([2014, 2016]));
    }

    #[test]
    fn documents_added_or_gone_are_touched_and_the_rest_reused() {
        let aleppo = analysed("a.md", "Aleppo was shelled on 3 March 2015.");
        let before = pack(&[aleppo.clone(), analysed("b.md", "Homs fell in 2014.")]);
        let after = pack(&[aleppo.clone(), analysed("c.md", "Homs was quiet in 2012.")]);
        let mut inputs = PageInputs::default();
        inputs.insert("topics/places/aleppo/index.html".into(), 7);
        inputs.insert("topics/places/homs/index.html".into(), 8);
        inputs.insert("timeline/2015/index.html".into(), 9);
        inputs.insert("timeline/2014/index.html".into(), 10);
        let earlier = EarlierRender {
            pack: &before,
            inputs: &inputs,
            documents: None,
        };
        let reuse = Reuse::new(&after, earlier).unwrap();
        let term = |name, path| reuse.term_inputs(place(name), path);
        assert_eq!(term("Aleppo", "topics/places/aleppo/index.html"), Some(7));
        assert_eq!(term("Homs", "topics/places/homs/index.html"), None);
        assert_eq!(reuse.year_inputs(2015, "timeline/2015/index.html"), Some(9));
        assert_eq!(reuse.year_inputs(2014, "timeline/2014/index.html"), None);
        assert_eq!(reuse.year_inputs(2012, "timeline/2012/index.html"), None);

        let unchanged = pack(&[aleppo]);
        let same = EarlierRender {
            pack: &unchanged,
            inputs: &inputs,
            documents: None,
        };
        assert_eq!(
            Reuse::new(&pack(&[]), same).map(|r| r.touched),
            Some(Touched {
                terms: HashSet::from([place("Aleppo")]),
                years: HashSet::from([2015, 2016]),
                index_documents: true,
            })
        );
    }
}
