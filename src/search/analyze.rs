//! Turning a field's text into indexable words with positions. Stop words are dropped from
//! the index but still take a position, so the words around them keep their distance and a
//! quoted phrase such as "responsibility to protect" can be matched from positions alone.

use rustc_hash::FxHashSet;

use super::tokenize::{fold, fold_into, raw_words};

/// Drops stop words while numbering every word.
pub(crate) struct Analyzer {
    stop_words: FxHashSet<String>,
}

impl Analyzer {
    /// Folds the configured stop words the way text is folded, so "The" and "the" agree.
    pub(crate) fn new(stop_words: &[String]) -> Self {
        let stop_words = stop_words
            .iter()
            .map(|w| fold(w))
            .filter(|w| !w.is_empty())
            .collect();
        Self { stop_words }
    }

    /// The folded stop words, sorted, for the browser to skip in queries and phrases.
    pub(crate) fn stop_words(&self) -> Vec<String> {
        let mut sorted: Vec<String> = self.stop_words.iter().cloned().collect();
        sorted.sort_unstable();
        sorted
    }

    /// Calls `each(folded word, position)` for the indexable words of `text`, numbering
    /// words from `first`, and returns the position after the last word (so `first` plus the
    /// number of words). The word is lent, not given: most are met before and need no copy.
    pub(crate) fn analyze(&self, text: &str, first: u32, mut each: impl FnMut(&str, u32)) -> u32 {
        let mut position = first;
        let mut folded = String::new();
        for raw in raw_words(text) {
            fold_into(raw, &mut folded);
            if folded.is_empty() {
                continue;
            }
            if !self.stop_words.contains(folded.as_str()) {
                each(&folded, position);
            }
            position += 1;
        }
        position
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::config::DEFAULT_STOP_WORDS;

    fn analyzed(analyzer: &Analyzer, text: &str, first: u32) -> (Vec<(String, u32)>, u32) {
        let mut tokens = Vec::new();
        let end = analyzer.analyze(text, first, |word, position| {
            tokens.push((word.to_owned(), position));
        });
        (tokens, end)
    }

    fn default_analyzer() -> Analyzer {
        let words: Vec<String> = DEFAULT_STOP_WORDS.iter().map(|w| (*w).to_owned()).collect();
        Analyzer::new(&words)
    }

    #[test]
    fn stop_words_are_dropped_but_keep_their_positions() {
        let (tokens, end) = analyzed(&default_analyzer(), "The responsibility to protect", 10);
        assert_eq!(end, 14);
        assert_eq!(
            tokens,
            [
                ("responsibility".to_owned(), 11),
                ("protect".to_owned(), 13)
            ]
        );
    }

    #[test]
    fn configured_stop_words_are_folded() {
        let analyzer = Analyzer::new(&["THE".to_owned(), "Été".to_owned(), "…".to_owned()]);
        assert_eq!(analyzer.stop_words(), ["ete", "the"]);
        let (tokens, _) = analyzed(&analyzer, "the été a", 0);
        assert_eq!(tokens, [("a".to_owned(), 2)]);
    }

    #[test]
    fn words_that_fold_to_nothing_take_no_position() {
        let (tokens, end) = analyzed(&default_analyzer(), "Aleppo \u{301}\u{301} convoy", 0);
        assert_eq!(end, 2);
        assert_eq!(tokens, [("aleppo".to_owned(), 0), ("convoy".to_owned(), 1)]);
    }
}
