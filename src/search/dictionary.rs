//! The surface-form dictionary: every folded word as it appears in the pack, mapped to the
//! id of its English stem. The browser looks typed words up here (exactly, or by prefix for
//! the word being typed) and so never needs a stemmer of its own that could disagree.
//!
//! Ids are handed out as words are met (provisional), then renumbered so stems are in sorted
//! order: neighbouring words then share postings shards, and a prefix such as "lav" touches
//! few of them.

use rustc_hash::FxHashMap;
use std::cmp::Ordering;

use rust_stemmers::{Algorithm, Stemmer};

/// Interns surface forms and stems while the pack is read.
pub(crate) struct Dictionary {
    stemmer: Stemmer,
    surfaces: FxHashMap<String, u32>,
    stems: FxHashMap<String, u32>,
}

/// The dictionary once every word has been met, in the browser's sort order.
#[derive(Debug)]
pub(crate) struct SortedDictionary {
    /// Surface forms in UTF-16 order with their final stem ids.
    pub(crate) surfaces: Vec<(String, u32)>,
    /// For each provisional stem id, its final id.
    pub(crate) final_ids: Vec<u32>,
}

impl Dictionary {
    /// An empty dictionary stemming with Snowball English (Porter 2).
    pub(crate) fn new() -> Self {
        Self {
            stemmer: Stemmer::create(Algorithm::English),
            surfaces: FxHashMap::default(),
            stems: FxHashMap::default(),
        }
    }

    /// The provisional stem id of `surface`, stemming it only the first time it is met.
    pub(crate) fn stem_id(&mut self, surface: &str) -> u32 {
        if let Some(&id) = self.surfaces.get(surface) {
            return id;
        }
        let stem = self.stemmer.stem(surface).into_owned();
        let next = u32::try_from(self.stems.len()).expect("fewer than 2^32 stems");
        let id = *self.stems.entry(stem).or_insert(next);
        self.surfaces.insert(surface.to_owned(), id);
        id
    }

    /// The number of distinct stems met so far.
    pub(crate) fn stem_count(&self) -> usize {
        self.stems.len()
    }

    /// Sorts stems and surface forms and renumbers stems in sorted order.
    pub(crate) fn into_sorted(self) -> SortedDictionary {
        let mut stems: Vec<(String, u32)> = self.stems.into_iter().collect();
        stems.sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
        let mut final_ids = vec![0; stems.len()];
        for (final_id, (_, provisional)) in stems.iter().enumerate() {
            final_ids[*provisional as usize] = final_id as u32;
        }
        let mut surfaces: Vec<(String, u32)> = self
            .surfaces
            .into_iter()
            .map(|(surface, provisional)| (surface, final_ids[provisional as usize]))
            .collect();
        surfaces.sort_unstable_by(|a, b| utf16_order(&a.0, &b.0));
        SortedDictionary {
            surfaces,
            final_ids,
        }
    }
}

/// JavaScript compares strings by UTF-16 code units; sorting the same way lets the browser
/// binary-search the word list even for characters beyond the Basic Multilingual Plane.
fn utf16_order(a: &str, b: &str) -> Ordering {
    a.encode_utf16().cmp(b.encode_utf16())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sorted(words: &[&str]) -> SortedDictionary {
        let mut dictionary = Dictionary::new();
        for word in words {
            dictionary.stem_id(word);
        }
        dictionary.into_sorted()
    }

    fn stem_of(dictionary: &SortedDictionary, surface: &str) -> u32 {
        dictionary
            .surfaces
            .iter()
            .find(|(s, _)| s == surface)
            .unwrap()
            .1
    }

    #[test]
    fn inflections_share_a_stem_and_keep_their_surface_forms() {
        let dictionary = sorted(&["bombings", "lavrov", "bombed", "bombing", "bomb"]);
        let forms: Vec<&str> = dictionary
            .surfaces
            .iter()
            .map(|(s, _)| s.as_str())
            .collect();
        assert_eq!(forms, ["bomb", "bombed", "bombing", "bombings", "lavrov"]);
        let bomb = stem_of(&dictionary, "bomb");
        for form in ["bombed", "bombing", "bombings"] {
            assert_eq!(stem_of(&dictionary, form), bomb, "{form}");
        }
        assert_ne!(stem_of(&dictionary, "lavrov"), bomb);
    }

    #[test]
    fn stem_ids_follow_the_sorted_order_of_stems() {
        let dictionary = sorted(&["zebra", "apple", "mango"]);
        let ids: Vec<u32> = dictionary.surfaces.iter().map(|(_, id)| *id).collect();
        assert_eq!(ids, [0, 1, 2]);
        assert_eq!(dictionary.final_ids, [2, 0, 1]);
    }

    #[test]
    fn responsibility_and_responsible_share_a_stem() {
        let dictionary = sorted(&["responsibility", "responsible", "protect"]);
        assert_eq!(
            stem_of(&dictionary, "responsibility"),
            stem_of(&dictionary, "responsible")
        );
    }

    #[test]
    fn sorting_follows_utf16_not_utf8() {
        // U+FF41 sorts before U+1F600 in UTF-8 bytes but after its surrogates in UTF-16.
        let dictionary = sorted(&["\u{1F600}", "\u{FF41}"]);
        assert_eq!(dictionary.surfaces[0].0, "\u{1F600}");
        assert_eq!(utf16_order("\u{FF41}", "\u{1F600}"), Ordering::Greater);
    }
}
