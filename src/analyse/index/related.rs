//! Related terms: what else is discussed in the same paragraphs.
//!
//! A reader looking up "veto" usually also wants "UN Security Council" and "Russia"; the
//! terms sharing the most paragraphs with an entry are the best such pointers, and cost
//! nothing to curate.

use rayon::prelude::*;

use super::aggregate::DocumentIndex;
use super::vocabulary::{TermId, Vocabulary};
use crate::markdown::BlockNumber;

/// For each term of the vocabulary (indexed by [`TermId`]), up to `limit` other terms with
/// the number of paragraphs they share with it, most shared first, ties by name.
///
/// Work is proportional to the sum over paragraphs of (distinct terms in the paragraph)²,
/// i.e. mentions × terms per paragraph, never vocabulary size squared. Each term's partners
/// are counted in a dense scratch row, terms on all cores: no hashing per pair.
pub(crate) fn related_terms(
    vocabulary: &Vocabulary,
    indexes: &[&DocumentIndex],
    limit: usize,
) -> Vec<Vec<(TermId, usize)>> {
    let term_count = vocabulary.terms().len();
    let paragraphs = Paragraphs::of(indexes);
    let containing = paragraphs.containing(term_count);
    let rank = name_ranks(vocabulary);
    let order = |a: &(TermId, usize), b: &(TermId, usize)| {
        b.1.cmp(&a.1).then_with(|| rank[a.0.0].cmp(&rank[b.0.0]))
    };
    (0..term_count)
        .into_par_iter()
        .map_init(
            || (vec![0usize; term_count], Vec::new()),
            |(shared, partners), term| {
                for &paragraph in containing.of(term) {
                    for &other in paragraphs.terms(paragraph as usize) {
                        let other = other as usize;
                        if other != term {
                            if shared[other] == 0 {
                                partners.push(other);
                            }
                            shared[other] += 1;
                        }
                    }
                }
                let mut ranked: Vec<(TermId, usize)> = partners
                    .drain(..)
                    .map(|other| (TermId(other), std::mem::take(&mut shared[other])))
                    .collect();
                if ranked.len() > limit {
                    ranked.select_nth_unstable_by(limit, order);
                    ranked.truncate(limit);
                }
                ranked.sort_unstable_by(order);
                ranked
            },
        )
        .collect()
}

/// Each term's place in name order, so ranking compares numbers, not strings.
fn name_ranks(vocabulary: &Vocabulary) -> Vec<usize> {
    let mut by_name: Vec<_> = vocabulary.terms().iter().map(|t| t.sort_key()).collect();
    by_name.sort_unstable();
    let mut rank = vec![0; by_name.len()];
    for (place, (_, _, id)) in by_name.iter().enumerate() {
        rank[id.0] = place;
    }
    rank
}

/// Every paragraph of the pack mentioning at least one term, as its distinct terms, stored
/// flat.
struct Paragraphs {
    terms: Vec<u32>,
    ends: Vec<usize>,
}

impl Paragraphs {
    fn of(indexes: &[&DocumentIndex]) -> Self {
        let per_document: Vec<Self> = indexes.par_iter().map(|i| Self::of_one(i)).collect();
        let mut all = Self {
            terms: Vec::with_capacity(per_document.iter().map(|p| p.terms.len()).sum()),
            ends: Vec::with_capacity(per_document.iter().map(|p| p.ends.len()).sum()),
        };
        for part in per_document {
            let offset = all.terms.len();
            all.terms.extend(part.terms);
            all.ends
                .extend(part.ends.into_iter().map(|end| end + offset));
        }
        all
    }

    /// One document's paragraphs; a paragraph id in another document is another paragraph.
    fn of_one(index: &DocumentIndex) -> Self {
        let mut mentioned: Vec<(BlockNumber, u32)> = index
            .mentions
            .iter()
            .map(|m| (m.paragraph, m.term.0 as u32))
            .collect();
        mentioned.sort_unstable();
        mentioned.dedup();
        let mut paragraphs = Self {
            terms: Vec::with_capacity(mentioned.len()),
            ends: Vec::new(),
        };
        for (i, &(paragraph, term)) in mentioned.iter().enumerate() {
            paragraphs.terms.push(term);
            if mentioned.get(i + 1).is_none_or(|next| next.0 != paragraph) {
                paragraphs.ends.push(paragraphs.terms.len());
            }
        }
        paragraphs
    }

    fn terms(&self, paragraph: usize) -> &[u32] {
        let start = paragraph.checked_sub(1).map_or(0, |p| self.ends[p]);
        &self.terms[start..self.ends[paragraph]]
    }

    /// For each term, the paragraphs mentioning it.
    fn containing(&self, term_count: usize) -> Containing {
        let mut starts = vec![0usize; term_count + 1];
        for &term in &self.terms {
            starts[term as usize + 1] += 1;
        }
        for i in 1..starts.len() {
            starts[i] += starts[i - 1];
        }
        let mut next = starts.clone();
        let mut paragraphs = vec![0u32; self.terms.len()];
        for paragraph in 0..self.ends.len() {
            for &term in self.terms(paragraph) {
                paragraphs[next[term as usize]] = paragraph as u32;
                next[term as usize] += 1;
            }
        }
        Containing { starts, paragraphs }
    }
}

/// Paragraph numbers grouped by term.
struct Containing {
    starts: Vec<usize>,
    paragraphs: Vec<u32>,
}

impl Containing {
    fn of(&self, term: usize) -> &[u32] {
        &self.paragraphs[self.starts[term]..self.starts[term + 1]]
    }
}

#[cfg(test)]
mod tests {
    use super::super::aggregate::Mention;
    use super::super::test_support::vocabulary;
    use super::*;

    fn mention(term: usize, paragraph: &str) -> Mention {
        Mention {
            term: TermId(term),
            paragraph: BlockNumber::of_id(paragraph).expect("a block id"),
            sentence: String::new(),
            highlight: 0..0,
        }
    }

    #[test]
    fn counts_shared_paragraphs_and_ranks_them() {
        let mut toml = String::new();
        for name in ["Zeta", "alpha", "Beta", "Gamma", "Delta"] {
            toml.push_str(&format!(
                "[[terms]]\nname = \"{name}\"\ntaxonomy = \"topics\"\n"
            ));
        }
        let v = vocabulary(&toml);
        let first = DocumentIndex {
            mentions: vec![
                // p1: Zeta twice with alpha and Beta: counted once per paragraph.
                mention(0, "p1"),
                mention(1, "p1"),
                mention(0, "p1"),
                mention(2, "p1"),
                mention(0, "p2"),
                mention(3, "p2"),
            ],
        };
        let second = DocumentIndex {
            // The same paragraph id in another document is another paragraph.
            mentions: vec![mention(0, "p1"), mention(3, "p1"), mention(4, "p9")],
        };
        let related = related_terms(&v, &[&first, &second], 2);
        assert_eq!(related[0], [(TermId(3), 2), (TermId(1), 1)]);
        assert_eq!(related[1], [(TermId(2), 1), (TermId(0), 1)]);
        assert_eq!(related[4], []);
    }
}
