//! Assembling a pack after an edit from the pack assembled before it.
//!
//! Most rebuilds change a few documents in place: the same files, in the same reading order.
//! Sorting every document, checking every slug and resolving every link again would redo what
//! the earlier pack already holds, so the documents are laid out in the earlier pack's order,
//! and only the places of the changed ones are checked.

use std::sync::Arc;

use rustc_hash::FxHashMap;

use super::links::DocumentLinks;
use super::{Pack, reading_order};
use crate::analyse::DocumentAnalysis;
use crate::source::Document;

/// A parsed document and its analysis.
pub(super) type Entry = (Arc<Document>, Arc<DocumentAnalysis>);

/// Past this many changed files the documents are simply sorted again.
const MOST_CHANGED: usize = 64;

/// A pack's documents in the earlier pack's order, which an edit kept.
pub(super) struct InPlace {
    /// The documents and their analyses, in reading order.
    pub entries: Vec<Entry>,
    /// For each place, whether its document is a new version of the earlier one.
    changed: Vec<bool>,
}

impl InPlace {
    /// Lays `entries` out in the order of `earlier` when they are the same files, each a
    /// document of the earlier pack or a new version of one (at most [`MOST_CHANGED`]), and
    /// every new version keeps its place in reading order. Otherwise gives `entries` back.
    pub fn new(earlier: &Pack, entries: Vec<Entry>) -> Result<Self, Vec<Entry>> {
        let count = earlier.documents.len();
        if entries.len() != count {
            return Err(entries);
        }
        let places: FxHashMap<*const Document, usize> = earlier
            .documents
            .iter()
            .enumerate()
            .map(|(place, doc)| (Arc::as_ptr(doc), place))
            .collect();
        let mut slots: Vec<Option<Entry>> = vec![None; count];
        let mut changed = vec![false; count];
        let mut new_versions = Vec::new();
        for entry in entries {
            match places.get(&Arc::as_ptr(&entry.0)) {
                Some(&place) if slots[place].is_none() => {
                    changed[place] = !Arc::ptr_eq(&entry.1, &earlier.analyses[place]);
                    slots[place] = Some(entry);
                }
                _ => new_versions.push(entry),
            }
        }
        if new_versions.len() > MOST_CHANGED {
            return Err(given_back(slots, new_versions));
        }
        let mut free: Vec<usize> = (0..count).filter(|&p| slots[p].is_none()).collect();
        while let Some(entry) = new_versions.pop() {
            let path = &entry.0.content_path;
            let Some(found) = free
                .iter()
                .position(|&p| earlier.documents[p].content_path == *path)
            else {
                new_versions.push(entry);
                return Err(given_back(slots, new_versions));
            };
            let place = free.swap_remove(found);
            changed[place] = true;
            slots[place] = Some(entry);
        }
        let entries: Vec<Entry> = slots.into_iter().flatten().collect();
        let in_order =
            |a: usize, b: usize| reading_order(&entries[a].0) <= reading_order(&entries[b].0);
        let kept_order = (0..count)
            .filter(|&p| changed[p])
            .all(|p| (p == 0 || in_order(p - 1, p)) && (p + 1 == count || in_order(p, p + 1)));
        if kept_order {
            Ok(Self { entries, changed })
        } else {
            Err(entries)
        }
    }

    /// Whether every changed document kept its slug, so that no two documents can have come
    /// to claim the same page.
    pub fn kept_slugs(&self, earlier: &Pack) -> bool {
        self.changed_places()
            .all(|p| self.entries[p].0.slug == earlier.documents[p].slug)
    }

    /// For each place, the earlier pack's links when neither the document nor any document
    /// it links to changed (a target's new version may lack the anchor a link names).
    pub fn kept_links(&self, earlier: &Pack) -> Vec<Option<DocumentLinks>> {
        earlier
            .links
            .iter()
            .enumerate()
            .map(|(place, links)| {
                let kept =
                    !self.changed[place] && links.iter().all(|link| !self.changed[link.document]);
                kept.then(|| Arc::clone(links))
            })
            .collect()
    }

    fn changed_places(&self) -> impl Iterator<Item = usize> + '_ {
        (0..self.changed.len()).filter(|&p| self.changed[p])
    }
}

/// Every entry, in no particular order.
fn given_back(slots: Vec<Option<Entry>>, rest: Vec<Entry>) -> Vec<Entry> {
    slots.into_iter().flatten().chain(rest).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;
    use crate::pack::links::tests::with_link;
    use crate::pack::tests::doc;

    fn entry(doc: Arc<Document>) -> Entry {
        (doc, Arc::new(DocumentAnalysis::default()))
    }

    /// Letters a, b and c of January, February and March 2016; a links to c.
    fn letters() -> (Vec<Entry>, Pack) {
        let entries = vec![
            entry(with_link(doc("a.md", "a", Some("2016-01")), "c.md", None)),
            entry(doc("b.md", "b", Some("2016-02"))),
            entry(doc("c.md", "c", Some("2016-03"))),
        ];
        let vocabulary =
            crate::analyse::index::parse_vocabulary("", &Config::default().topics.taxonomies)
                .unwrap();
        let pack =
            Pack::assemble(Config::default(), entries.clone(), false, &vocabulary, None).unwrap();
        (entries, pack)
    }

    /// The letters, with c replaced by `c`, in the order a session would give them.
    fn with_c(entries: &[Entry], c: Arc<Document>) -> Vec<Entry> {
        vec![entry(c), entries[1].clone(), entries[0].clone()]
    }

    #[test]
    fn a_new_version_in_its_place_keeps_the_order_and_the_links_that_avoid_it() {
        let (entries, earlier) = letters();
        let edited = with_c(&entries, doc("c.md", "c", Some("2016-03")));
        let in_place = InPlace::new(&earlier, edited).ok().unwrap();
        let slugs: Vec<&str> = in_place.entries.iter().map(|e| e.0.slug.as_str()).collect();
        assert_eq!(slugs, ["a", "b", "c"]);
        assert!(in_place.kept_slugs(&earlier));
        let kept: Vec<bool> = in_place
            .kept_links(&earlier)
            .iter()
            .map(Option::is_some)
            .collect();
        assert_eq!(
            kept,
            [false, true, false],
            "a links to the new version of c"
        );
    }

    #[test]
    fn a_document_that_moves_in_reading_order_or_a_new_file_is_sorted_again() {
        let (entries, earlier) = letters();
        let earlier_dated = with_c(&entries, doc("c.md", "c", Some("2015-12")));
        assert!(InPlace::new(&earlier, earlier_dated).is_err());
        let renamed = with_c(&entries, doc("d.md", "c", Some("2016-03")));
        assert!(InPlace::new(&earlier, renamed).is_err());
        let mut added = entries.clone();
        added.push(entry(doc("d.md", "d", None)));
        assert!(InPlace::new(&earlier, added).is_err());
    }

    #[test]
    fn a_new_slug_is_checked_against_the_others() {
        let (entries, earlier) = letters();
        let reslugged = with_c(&entries, doc("c.md", "b", Some("2016-03")));
        let in_place = InPlace::new(&earlier, reslugged).ok().unwrap();
        assert!(!in_place.kept_slugs(&earlier));
    }
}
