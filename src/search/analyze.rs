//! Turning a field's text into indexable words with positions. Stop words are dropped from
//! the index but still take a position, so the words around them keep their distance and a
//! quoted phrase such as "responsibility to protect" can be matched from positions alone.

use rustc_hash::FxHashSet;

use super::tokenize::{fold, words};

/// Drops stop words while numbering every word.
pub(crate) struct Analyzer {
    stop_words: FxHashSet<String>,
}

/// One word to index: its folded surface form and its position in the field.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Token {
    pub(crate) surface: String,
    pub(crate) position: u32,
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

    /// Appends the indexable tokens of `text` to `out`, numbering words from `first`, and
    /// returns the position after the last word (so `first` plus the number of words).
    pub(crate) fn analyze(&self, text: &str, first: u32, out: &mut Vec<Token>) -> u32 {
        let mut position = first;
        for surface in words(text) {
            if !self.stop_words.contains(&surface) {
                out.push(Token { surface, position });
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

    fn default_analyzer() -> Analyzer {
        let words: Vec<String> = DEFAULT_STOP_WORDS.iter().map(|w| (*w).to_owned()).collect();
        Analyzer::new(&words)
    }

    #[test]
    fn stop_words_are_dropped_but_keep_their_positions() {
        let mut tokens = Vec::new();
        let end = default_analyzer().analyze("The responsibility to protect", 10, &mut tokens);
        assert_eq!(end, 14);
        let found: Vec<(&str, u32)> = tokens
            .iter()
            .map(|t| (t.surface.as_str(), t.position))
            .collect();
        assert_eq!(found, [("responsibility", 11), ("protect", 13)]);
    }

    #[test]
    fn configured_stop_words_are_folded() {
        let analyzer = Analyzer::new(&["THE".to_owned(), "Été".to_owned(), "…".to_owned()]);
        assert_eq!(analyzer.stop_words(), ["ete", "the"]);
        let mut tokens = Vec::new();
        analyzer.analyze("the été a", 0, &mut tokens);
        assert_eq!(
            tokens,
            [Token {
                surface: "a".to_owned(),
                position: 2
            }]
        );
    }
}
