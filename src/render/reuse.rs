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

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use super::cache::PageInputs;
use super::timeline::split_by_year;
use crate::analyse::index::TermId;
use crate::pack::Pack;

/// The last render made with the same config, theme and render options.
#[derive(Clone, Copy)]
pub struct EarlierRender<'a> {
    /// The pack it rendered.
    pub pack: &'a Pack,
    /// The input fingerprints of its pages.
    pub inputs: &'a PageInputs,
}

/// The terms and years whose pages may differ from the earlier render's.
#[derive(Debug, Default, PartialEq, Eq)]
struct Touched {
    terms: HashSet<TermId>,
    years: HashSet<i32>,
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
}

/// The earlier render's input fingerprints that still hold for the pack being rendered.
pub(super) struct Reuse<'a> {
    touched: Touched,
    /// Whether the timeline and every document's date are the same (the overview of a split
    /// timeline reads nothing else).
    same_dates: bool,
    inputs: &'a PageInputs,
}

impl<'a> Reuse<'a> {
    /// What of `earlier` holds for `pack`, or `None` when the change reaches every page: the
    /// vocabulary differs (front-matter terms are part of it), or the timeline went from
    /// one page to a page per year or back.
    pub fn new(pack: &Pack, earlier: EarlierRender<'a>) -> Option<Self> {
        let before = earlier.pack;
        let same_layout = split_by_year(pack) == split_by_year(before)
            && pack.analysis.vocabulary.taxonomies() == before.analysis.vocabulary.taxonomies()
            && pack.analysis.vocabulary.terms() == before.analysis.vocabulary.terms();
        let same_dates = Arc::ptr_eq(&pack.analysis.chronology, &before.analysis.chronology)
            && pack
                .documents
                .iter()
                .map(|d| d.meta.date)
                .eq(before.documents.iter().map(|d| d.meta.date));
        same_layout.then(|| Self {
            touched: touched(pack, before),
            same_dates,
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
    let earlier: HashMap<&str, usize> = before
        .documents
        .iter()
        .enumerate()
        .map(|(i, d)| (d.slug.as_str(), i))
        .collect();
    let mut matched = vec![false; before.documents.len()];
    let mut touched = Touched::default();
    for (doc, document) in pack.documents.iter().enumerate() {
        if let Some(&old) = earlier.get(document.slug.as_str()) {
            matched[old] = true;
            let same = Arc::ptr_eq(document, &before.documents[old])
                && Arc::ptr_eq(&pack.analyses[doc], &before.analyses[old]);
            if same {
                continue;
            }
            touched.add(before, old);
        }
        touched.add(pack, doc);
    }
    for (old, _) in matched.iter().enumerate().filter(|(_, m)| !**m) {
        touched.add(before, old);
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

    #[test]
    fn an_edit_touches_the_terms_and_years_of_the_document_before_and_after() {
        let aleppo = analysed("a.md", "Aleppo was shelled on 3 March 2015.");
        let before = pack(&[aleppo.clone(), analysed("b.md", "Homs fell on 1 May 2014.")]);
        let after = pack(&[aleppo, analysed("b.md", "Homs fell on 1 May 2013.")]);
        let touched = touched(&after, &before);
        assert_eq!(touched.terms, HashSet::from([place("Homs")]));
        assert_eq!(touched.years, HashSet::from([2013, 2014, 2016]));
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
        };
        assert_eq!(
            Reuse::new(&pack(&[]), same).map(|r| r.touched),
            Some(Touched {
                terms: HashSet::from([place("Aleppo")]),
                years: HashSet::from([2015, 2016]),
            })
        );
    }
}
