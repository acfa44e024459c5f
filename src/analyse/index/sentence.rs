//! Sentences around a match: the context line an index entry shows for each mention.
//!
//! Parliamentary prose is full of "hon. Friend", "Mr Speaker" and "vol. 615", so a full stop
//! ends a sentence only when followed by whitespace and a non-lowercase character, and not
//! when it closes a known abbreviation or a single-letter initial.

use std::ops::Range;

/// Sentence excerpts longer than this many characters are cut down around the match.
const MAX_EXCERPT_CHARS: usize = 300;

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

/// Whether the word just before a full stop is an abbreviation or an initial.
fn is_abbreviation(before: &str) -> bool {
    let word = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or_default()
        .trim_start_matches(|c: char| !c.is_alphanumeric());
    let letters: String = word.chars().filter(|&c| c != '.').collect();
    let mut chars = letters.chars();
    let single_initial = chars.next().is_some_and(char::is_uppercase) && chars.next().is_none();
    single_initial || ABBREVIATIONS.contains(&letters.to_lowercase().as_str())
}

/// The sentence(s) of `text` containing `range`, with whitespace runs collapsed and trimmed,
/// cut to about [`MAX_EXCERPT_CHARS`] around the match if longer; returns the excerpt and the
/// match's byte range within it.
pub(crate) fn excerpt(
    text: &str,
    bounds: &[Range<usize>],
    range: Range<usize>,
) -> (String, Range<usize>) {
    let from = bounds
        .iter()
        .find(|b| b.contains(&range.start))
        .map_or(0, |b| b.start);
    let to = bounds
        .iter()
        .find(|b| b.start < range.end && range.end <= b.end)
        .map_or(text.len(), |b| b.end);
    let (compact, highlight) = compact(&text[from..to], range.start - from..range.end - from);
    shorten(&compact, highlight)
}

/// Collapses whitespace runs to one space and trims, keeping `highlight` on the same text.
fn compact(text: &str, highlight: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut new_start = 0;
    let mut new_end = None;
    let mut pending_space = false;
    for (at, c) in text.char_indices() {
        if at == highlight.end {
            new_end = Some(out.len());
        }
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if at == highlight.start {
            new_start = out.len();
        }
        out.push(c);
    }
    let new_end = new_end.unwrap_or(out.len());
    (out, new_start..new_end)
}

/// Cuts a long excerpt to whole words around the highlight, marking cuts with "…".
fn shorten(text: &str, highlight: Range<usize>) -> (String, Range<usize>) {
    if text.chars().count() <= MAX_EXCERPT_CHARS {
        return (text.to_string(), highlight);
    }
    let budget = MAX_EXCERPT_CHARS.saturating_sub(text[highlight.clone()].chars().count()) / 2;
    let mut start = text[..highlight.start]
        .char_indices()
        .rev()
        .nth(budget.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if start > 0 {
        start = text[start..highlight.start]
            .find(' ')
            .map_or(highlight.start, |space| start + space + 1);
    }
    let mut end = text[highlight.end..]
        .char_indices()
        .nth(budget)
        .map_or(text.len(), |(i, _)| highlight.end + i);
    if end < text.len() {
        end = text[highlight.end..end]
            .rfind(' ')
            .map_or(highlight.end, |space| highlight.end + space);
    }
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let offset = out.len();
    out.push_str(&text[start..end]);
    if end < text.len() {
        out.push('…');
    }
    (
        out,
        highlight.start - start + offset..highlight.end - start + offset,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn excerpt_is_the_sentence_with_the_highlight() {
        let text = "First one. The UN\n  Security Council met.  Last.";
        let start = text.find("UN").unwrap();
        let end = text.find(" met").unwrap();
        let (sentence, highlight) = excerpt(text, &sentences(text), start..end);
        assert_eq!(sentence, "The UN Security Council met.");
        assert_eq!(&sentence[highlight], "UN Security Council");
    }

    #[test]
    fn long_sentences_are_cut_around_the_match() {
        let text = format!("{} Aleppo {}.", "word ".repeat(200), "more ".repeat(200));
        let start = text.find("Aleppo").unwrap();
        let (sentence, highlight) = excerpt(&text, &sentences(&text), start..start + 6);
        assert_eq!(&sentence[highlight], "Aleppo");
        assert!(
            sentence.starts_with("…word") && sentence.ends_with("more…"),
            "{sentence}"
        );
        assert!(sentence.chars().count() <= MAX_EXCERPT_CHARS + 2);
    }

    #[test]
    fn long_sentences_cut_on_one_side_only_when_the_match_is_near_an_end() {
        let text = format!("Aleppo {}.", "more ".repeat(200));
        let (sentence, highlight) = excerpt(&text, &sentences(&text), 0..6);
        assert_eq!(highlight, 0..6);
        assert!(sentence.starts_with("Aleppo more") && sentence.ends_with("more…"));
    }
}
