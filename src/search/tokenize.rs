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
    raw_words(text).map(fold).filter(|word| !word.is_empty())
}

/// The raw (unfolded) words of `text`, borrowed from it, for [`fold_into`].
pub(crate) fn raw_words(text: &str) -> impl Iterator<Item = &str> + '_ {
    RawWords { rest: text }
}

/// Folds one raw word to the form stored in the dictionary; see the module docs.
pub(crate) fn fold(raw: &str) -> String {
    let mut folded = String::new();
    fold_into(raw, &mut folded);
    folded
}

/// [`fold`] into a buffer the caller reuses, so a pack's millions of words do not each
/// allocate a string of their own. The buffer is cleared first.
pub(crate) fn fold_into(raw: &str, folded: &mut String) {
    folded.clear();
    if raw.is_ascii() {
        // The same steps for the common case in one pass: the only apostrophe is `'`.
        let bytes = raw.as_bytes();
        let body = match bytes {
            [body @ .., b'\'', b's' | b'S'] => body,
            _ => bytes,
        };
        folded.push_str(&raw[..body.len()]);
        folded.make_ascii_lowercase();
        if !folded.bytes().all(|b| b.is_ascii_alphanumeric()) {
            folded.retain(|c| c.is_ascii_alphanumeric());
        }
        return;
    }
    let unmarked: String = raw
        .to_lowercase()
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .collect();
    folded.push_str(&unmarked.to_lowercase());
    if let Some(stem) = folded.strip_suffix('s')
        && stem.ends_with(is_apostrophe)
    {
        let apostrophe_len = stem.chars().next_back().map_or(0, char::len_utf8);
        folded.truncate(stem.len() - apostrophe_len);
    }
    folded.retain(|c| c.is_alphanumeric() && !is_apostrophe(c));
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
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
        let text = self.rest;
        let mut start = 0;
        loop {
            let (c, len) = char_at(text, start)?;
            if is_word_char(c) {
                break;
            }
            start += len;
        }
        let mut end = start;
        while let Some((c, len)) = char_at(text, end) {
            let joins = is_apostrophe(c)
                && char_at(text, end + len).is_some_and(|(next, _)| is_word_char(next));
            if !is_word_char(c) && !joins {
                break;
            }
            end += len;
        }
        self.rest = &text[end..];
        Some(&text[start..end])
    }
}

/// The character at byte `at` of `text` (a character boundary) and its length in bytes,
/// decoding UTF-8 only for characters that are not ASCII, which most text is.
fn char_at(text: &str, at: usize) -> Option<(char, usize)> {
    let &byte = text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c, c.len_utf8()))
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

    #[test]
    fn ascii_and_unicode_folding_agree() {
        for (raw, folded) in [
            ("Russia's", "russia"),
            ("RUSSIA'S", "russia"),
            ("'s", ""),
            ("s", "s"),
            ("o'clock", "oclock"),
            ("U.K.", "uk"),
        ] {
            assert_eq!(fold(raw), folded, "{raw}");
            let with_unicode = format!("\u{E9}{raw}");
            assert_eq!(fold(&with_unicode), format!("e{}", fold(raw)), "{raw}");
        }
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
