//! Related terms: what else is discussed in the same paragraphs.
//!
//! A reader looking up "veto" usually also wants "UN Security Council" and "Russia"; the
//! terms sharing the most paragraphs with an entry are the best such pointers, and cost
//! nothing to curate.

use std::collections::{BTreeSet, HashMap};

use super::aggregate::DocumentIndex;
use super::vocabulary::{TermId, Vocabulary};

/// For each mentioned term, up to `limit` other terms with the number of paragraphs they
/// share with it, most shared first, ties by name.
///
/// Work is proportional to the sum over paragraphs of (distinct terms in the paragraph)²,
/// i.e. mentions × terms per paragraph, never vocabulary size squared.
pub(crate) fn related_terms<'a>(
    vocabulary: &Vocabulary,
    indexes: impl IntoIterator<Item = &'a DocumentIndex>,
    limit: usize,
) -> HashMap<TermId, Vec<(TermId, usize)>> {
    let mut shared: HashMap<TermId, HashMap<TermId, usize>> = HashMap::new();
    for index in indexes {
        let mut by_paragraph: HashMap<&str, BTreeSet<TermId>> = HashMap::new();
        for mention in &index.mentions {
            by_paragraph
                .entry(mention.paragraph.as_str())
                .or_default()
                .insert(mention.term);
        }
        for terms in by_paragraph.values() {
            for &term in terms {
                let counts = shared.entry(term).or_default();
                for &other in terms.iter().filter(|&&other| other != term) {
                    *counts.entry(other).or_default() += 1;
                }
            }
        }
    }
    // Each term's sort key is made once, not once per pair of terms sharing a paragraph.
    let keys: Vec<_> = vocabulary.terms().iter().map(|t| t.sort_key()).collect();
    let order = |a: &(TermId, usize), b: &(TermId, usize)| {
        b.1.cmp(&a.1).then_with(|| keys[a.0.0].cmp(&keys[b.0.0]))
    };
    shared
        .into_iter()
        .map(|(term, counts)| {
            let mut ranked: Vec<(TermId, usize)> = counts.into_iter().collect();
            if ranked.len() > limit {
                ranked.select_nth_unstable_by(limit, order);
                ranked.truncate(limit);
            }
            ranked.sort_unstable_by(order);
            (term, ranked)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::aggregate::Mention;
    use super::super::test_support::vocabulary;
    use super::*;

    fn mention(term: usize, paragraph: &str) -> Mention {
        Mention {
            term: TermId(term),
            paragraph: paragraph.to_string(),
            sentence: String::new(),
            highlight: 0..0,
            matched: String::new(),
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
        let related = related_terms(&v, [&first, &second], 2);
        assert_eq!(related[&TermId(0)], [(TermId(3), 2), (TermId(1), 1)]);
        assert_eq!(related[&TermId(1)], [(TermId(2), 1), (TermId(0), 1)]);
        assert_eq!(related[&TermId(4)], []);
    }
}
