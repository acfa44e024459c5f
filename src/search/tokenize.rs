//! Splitting text into folded words. `static/search.js` mirrors these rules exactly (its
//! `WORD` pattern and `fold`), because the browser looks up what the reader typed among the
//! surface forms this module produced: any drift would make words unfindable.
//!
//! A word is a run of letters, digits and combining marks, where an apostrophe (`'`, `’` or
//! `ʼ`) between two such characters joins them ("Russia’s", "don't"). Folding lowercases,
//! decomposes (NFKD), drops combining marks ("Genève" → "geneve"), removes a possessive
//! "'s" ("Russia’s" → "russia") and then every apostrophe and every character that is not a
//! letter or digit ("don't" → "dont"; `ʼ` counts as a letter in Unicode, hence the apostrophes). A word that folds to nothing is skipped and takes no position.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// The folded words of `text`, in order.
pub(crate) fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    RawWords { rest: text }
        .map(fold)
        .filter(|word| !word.is_empty())
}

/// Folds one raw word to the form stored in the dictionary; see the module docs.
pub(crate) fn fold(raw: &str) -> String {
    let mut folded = if raw.is_ascii() {
        raw.to_ascii_lowercase()
    } else {
        let unmarked: String = raw
            .to_lowercase()
            .nfkd()
            .filter(|c| !is_combining_mark(*c))
            .collect();
        unmarked.to_lowercase()
    };
    if let Some(stem) = folded.strip_suffix('s')
        && stem.ends_with(is_apostrophe)
    {
        let apostrophe_len = stem.chars().next_back().map_or(0, char::len_utf8);
        folded.truncate(stem.len() - apostrophe_len);
    }
    folded.retain(|c| c.is_alphanumeric() && !is_apostrophe(c));
    folded
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{02BC}')
}

/// Raw (unfolded) words of a text, borrowed from it.
struct RawWords<'a> {
    rest: &'a str,
}

impl<'a> Iterator for RawWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let start = self.rest.find(is_word_char)?;
        let text = &self.rest[start..];
        let mut end = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let joins = is_apostrophe(c) && chars.peek().is_some_and(|&(_, n)| is_word_char(n));
            if !is_word_char(c) && !joins {
                break;
            }
            end = i + c.len_utf8();
        }
        self.rest = &text[end..];
        Some(&text[..end])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn all(text: &str) -> Vec<String> {
        words(text).collect()
    }

    #[test]
    fn lowercases_and_splits_on_punctuation_and_hyphens() {
        assert_eq!(
            all("Anglo-Russian talks, 21 September (U.K.)"),
            ["anglo", "russian", "talks", "21", "september", "u", "k"]
        );
    }

    #[test]
    fn folds_diacritics_and_compatibility_forms() {
        assert_eq!(all("Genève Škoda naïve"), ["geneve", "skoda", "naive"]);
        assert_eq!(all("ﬁnal ２０１６ Ⅻ"), ["final", "2016", "xii"]);
        assert_eq!(all("İstanbul"), ["istanbul"]);
    }

    #[test]
    fn possessives_lose_their_s_with_either_apostrophe() {
        assert_eq!(
            all("Russia’s Russia's Russiaʼs"),
            ["russia", "russia", "russia"]
        );
        assert_eq!(
            all("Her Majesty’s Government"),
            ["her", "majesty", "government"]
        );
    }

    #[test]
    fn inner_apostrophes_join_and_outer_ones_split() {
        assert_eq!(all("don't o’clock donʼt"), ["dont", "oclock", "dont"]);
        assert_eq!(
            all("'quoted' members' rights"),
            ["quoted", "members", "rights"]
        );
    }

    #[test]
    fn words_that_fold_to_nothing_are_skipped() {
        assert_eq!(all("a \u{301}\u{301} b"), ["a", "b"]);
        assert!(all("— … ¶ ” “").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics_and_yields_clean_stable_words(text in "\\PC{0,80}") {
            for word in words(&text) {
                prop_assert!(!word.is_empty());
                prop_assert!(word.chars().all(char::is_alphanumeric));
                prop_assert_eq!(fold(&word), word.clone());
                prop_assert_eq!(all(&word), vec![word.clone()]);
            }
        }

        #[test]
        fn never_panics_on_arbitrary_chars(text in any::<String>()) {
            prop_assert!(words(&text).all(|w| !w.is_empty()));
        }
    }
}
