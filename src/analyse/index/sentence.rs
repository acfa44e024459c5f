//! Sentence boundaries, for the context line an index entry shows for each mention.
//!
//! Parliamentary prose is full of "hon. Friend", "Mr Speaker" and "vol. 615", so a full stop
//! ends a sentence only when followed by whitespace and a non-lowercase character, and not
//! when it closes a known abbreviation or a single-letter initial.

use std::ops::Range;

/// Abbreviations (lowercased, without dots) after which a full stop does not end a sentence.
const ABBREVIATIONS: [&str; 30] = [
    "hon", "mr", "mrs", "ms", "dr", "st", "rt", "vol", "gen", "col", "lt", "sgt", "prof", "sen",
    "rep", "gov", "jr", "sr", "eg", "ie", "cf", "approx", "para", "paras", "cl", "art", "cmnd",
    "deb", "cols", "pp",
];

/// Closing quotes and brackets that may follow sentence-ending punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | ')' | ']' | '»')
}

/// The byte ranges of the sentences of `text`, covering it entirely and in order.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut bounds = Vec::new();
    let mut start = 0;
    let mut from = 0;
    while let Some((at, c)) = next_stop(text, from) {
        let mut end = at + c.len_utf8();
        end += text[end..]
            .chars()
            .take_while(|&n| is_closer(n) || n == '.')
            .map(char::len_utf8)
            .sum::<usize>();
        from = end;
        let rest = &text[end..];
        let next_visible = rest.trim_start().chars().next();
        let followed_by_space = rest.starts_with(char::is_whitespace);
        if !followed_by_space || next_visible.is_none_or(char::is_lowercase) {
            continue;
        }
        if c == '.' && is_abbreviation(&text[start..at]) {
            continue;
        }
        bounds.push(start..end);
        start = end;
    }
    if start < text.len() || bounds.is_empty() {
        bounds.push(start..text.len());
    }
    bounds
}

/// The next `.`, `!`, `?` or `…` at or after byte `from`, with its offset; found by bytes,
/// since these are rare among the characters of a paragraph.
fn next_stop(text: &str, from: usize) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut pos = from;
    loop {
        let found = bytes
            .get(pos..)?
            .iter()
            .position(|&b| matches!(b, b'.' | b'!' | b'?' | 0xE2))?;
        let at = pos + found;
        match bytes[at] {
            0xE2 if text[at..].starts_with('…') => return Some((at, '…')),
            0xE2 => pos = at + 1,
            mark => return Some((at, char::from(mark))),
        }
    }
}

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let mut letters = word.chars().filter(|&c| c != '.');
    let single_initial = letters.next().is_some_and(char::is_uppercase) && letters.next().is_none();
    single_initial || is_listed_abbreviation(word)
}

/// Whether `word`, without its full stops, is one of [`ABBREVIATIONS`] in any case; ASCII
/// words (all but a few) are compared without building a lowercase copy.
fn is_listed_abbreviation(word: &str) -> bool {
    if !word.is_ascii() {
        let letters: String = word.chars().filter(|&c| c != '.').collect();
        return ABBREVIATIONS.contains(&letters.to_lowercase().as_str());
    }
    let mut lower = [0u8; 8];
    let mut length = 0;
    for byte in word.bytes().filter(|&b| b != b'.') {
        let Some(slot) = lower.get_mut(length) else {
            return false;
        };
        *slot = byte.to_ascii_lowercase();
        length += 1;
    }
    ABBREVIATIONS
        .iter()
        .any(|abbreviation| abbreviation.as_bytes() == &lower[..length])
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The splitting as first written, a character at a time.
    fn sentences_by_characters(text: &str) -> Vec<Range<usize>> {
        let mut bounds = Vec::new();
        let mut start = 0;
        let mut chars = text.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if !matches!(c, '.' | '!' | '?' | '…') {
                continue;
            }
            let mut end = at + c.len_utf8();
            while let Some((i, closer)) = chars.next_if(|&(_, n)| is_closer(n) || n == '.') {
                end = i + closer.len_utf8();
            }
            let rest = &text[end..];
            let next_visible = rest.trim_start().chars().next();
            let followed_by_space = rest.starts_with(char::is_whitespace);
            if !followed_by_space || next_visible.is_none_or(char::is_lowercase) {
                continue;
            }
            if c == '.' && is_abbreviation(&text[start..at]) {
                continue;
            }
            bounds.push(start..end);
            start = end;
        }
        if start < text.len() || bounds.is_empty() {
            bounds.push(start..text.len());
        }
        bounds
    }

    proptest! {
        #[test]
        fn byte_search_splits_like_the_character_scan(
            text in "[a-zA-Z .!?…’”“\"')\\]»\n–—éÉ]{0,80}"
        ) {
            prop_assert_eq!(sentences(&text), sentences_by_characters(&text));
        }

        #[test]
        fn byte_search_splits_any_text_like_the_character_scan(text in any::<String>()) {
            prop_assert_eq!(sentences(&text), sentences_by_characters(&text));
        }
    }

    fn split(text: &str) -> Vec<&str> {
        sentences(text)
            .into_iter()
            .map(|r| text[r].trim())
            .collect()
    }

    #[test]
    fn splits_on_sentence_punctuation() {
        assert_eq!(
            split("It worked. Did it? Yes! “Quoted.” Next one"),
            ["It worked.", "Did it?", "Yes!", "“Quoted.”", "Next one"]
        );
    }

    #[test]
    fn keeps_abbreviations_initials_and_lowercase_continuations() {
        assert_eq!(
            split("The hon. Lady and my right hon. Friend met J. Smith, e.g. here. Done."),
            [
                "The hon. Lady and my right hon. Friend met J. Smith, e.g. here.",
                "Done."
            ]
        );
        assert_eq!(
            split("HC Deb. 18 Oct, vol. 615. Then."),
            ["HC Deb. 18 Oct, vol. 615.", "Then."]
        );
        assert_eq!(split("A 1.5 rise. ok"), ["A 1.5 rise. ok"]);
    }

    #[test]
    fn covers_the_whole_text() {
        for text in ["", "No stop", "Ends. ", "One. Two."] {
            let bounds = sentences(text);
            assert_eq!(bounds.first().map(|b| b.start), Some(0));
            assert_eq!(bounds.last().map(|b| b.end), Some(text.len()));
            assert!(bounds.windows(2).all(|w| w[0].end == w[1].start));
        }
    }

    #[test]
    fn abbreviations_are_found_in_any_case_with_or_without_full_stops() {
        for word in ["hon", "Hon", "HON", "e.g", "E.G", "i.e", "Approx", "cols"] {
            assert!(is_listed_abbreviation(word), "{word}");
        }
        for word in ["honour", "x", "", "approximately", "ég", "hoN\u{301}"] {
            assert!(!is_listed_abbreviation(word), "{word}");
        }
    }
}
