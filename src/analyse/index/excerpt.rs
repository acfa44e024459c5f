//! The context line an index entry shows for each mention: the sentence around the match,
//! whitespace collapsed, cut down when long.
//!
//! A paragraph is split into sentences once, however many mentions it has, and checked once
//! for whitespace that needs collapsing; most paragraphs have none, so most excerpts are a
//! trimmed copy of their sentence rather than a rebuild character by character.

use std::ops::Range;

use super::sentence::sentences;

/// Sentence excerpts longer than this many characters are cut down around the match.
const MAX_EXCERPT_CHARS: usize = 300;

/// One paragraph, ready to give the excerpt around any match in it.
pub(crate) struct Excerpts<'a> {
    /// The paragraph.
    text: &'a str,
    /// Its sentences, covering it entirely and in order.
    bounds: Vec<Range<usize>>,
    /// Its only whitespace is single spaces, so an excerpt needs trimming but no collapsing.
    single_spaced: bool,
}

impl<'a> Excerpts<'a> {
    /// Splits `text` into sentences and checks its whitespace, once for all its matches.
    pub(crate) fn new(text: &'a str) -> Self {
        Self {
            text,
            bounds: sentences(text),
            single_spaced: single_spaced(text),
        }
    }

    /// The sentence(s) containing `range`, with whitespace runs collapsed and trimmed, cut
    /// to about [`MAX_EXCERPT_CHARS`] around the match if longer; returns the excerpt and
    /// the match's byte range within it.
    pub(crate) fn excerpt(&self, range: Range<usize>) -> (String, Range<usize>) {
        let bounds = &self.bounds;
        let first = bounds.partition_point(|b| b.end <= range.start);
        let from = bounds
            .get(first)
            .filter(|b| b.contains(&range.start))
            .map_or(0, |b| b.start);
        let last = bounds.partition_point(|b| b.end < range.end);
        let to = bounds
            .get(last)
            .filter(|b| b.start < range.end && range.end <= b.end)
            .map_or(self.text.len(), |b| b.end);
        let sentence = &self.text[from..to];
        let highlight = range.start - from..range.end - from;
        let trimmed = if self.single_spaced {
            trim(sentence, highlight.clone())
        } else {
            None
        };
        let (compact, highlight) = trimmed.unwrap_or_else(|| compact(sentence, highlight));
        shorten(compact, highlight)
    }
}

/// Whether the only whitespace in `text` is single spaces.
///
/// Three simple passes rather than one decoding every character: ASCII control whitespace
/// (a loop the compiler vectorises), double spaces (a substring search), and the few
/// non-ASCII characters that begin with a byte Unicode whitespace can begin with.
fn single_spaced(text: &str) -> bool {
    let bytes = text.as_bytes();
    let controls = bytes
        .iter()
        .fold(false, |seen, byte| seen | (b'\t'..=b'\r').contains(byte));
    if controls || text.contains("  ") {
        return false;
    }
    !bytes.iter().enumerate().any(|(at, byte)| {
        matches!(byte, 0xC2 | 0xE1 | 0xE2 | 0xE3)
            && text[at..].chars().next().is_some_and(char::is_whitespace)
    })
}

/// [`compact`] of a single-spaced `text`, which is `text` trimmed, when `highlight` starts
/// and ends next to a character that is not a space (as matches do); `None` otherwise.
fn trim(text: &str, highlight: Range<usize>) -> Option<(String, Range<usize>)> {
    let starts_on_text = text
        .get(highlight.start..)
        .and_then(|rest| rest.chars().next())
        .is_some_and(|c| c != ' ');
    let ends_on_text = text
        .get(..highlight.end)
        .is_some_and(|before| !before.ends_with(' '));
    if !(starts_on_text && ends_on_text) {
        return None;
    }
    let trimmed = text.trim_start_matches(' ');
    let lead = text.len() - trimmed.len();
    Some((
        trimmed.trim_end_matches(' ').to_string(),
        highlight.start - lead..highlight.end - lead,
    ))
}

/// Collapses whitespace runs to one space and trims, keeping `highlight` on the same text;
/// copies a word at a time.
fn compact(text: &str, highlight: Range<usize>) -> (String, Range<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut new_start = 0;
    let mut new_end = None;
    let on_boundary = |at: usize| text.is_char_boundary(at);
    let mut pos = 0;
    while let Some(word) = next_word(text, pos) {
        if (pos..=word.start).contains(&highlight.end) && on_boundary(highlight.end) {
            new_end = Some(out.len());
        }
        if !out.is_empty() {
            out.push(' ');
        }
        let at = |offset: usize| out.len() + (offset - word.start);
        if word.contains(&highlight.start) && on_boundary(highlight.start) {
            new_start = at(highlight.start);
        }
        if word.start < highlight.end && highlight.end < word.end && on_boundary(highlight.end) {
            new_end = Some(at(highlight.end));
        }
        out.push_str(&text[word.clone()]);
        pos = word.end;
    }
    let new_end = new_end.unwrap_or(out.len());
    (out, new_start..new_end)
}

/// The first run of characters other than whitespace at or after byte `from`.
fn next_word(text: &str, from: usize) -> Option<Range<usize>> {
    let mut start = from;
    loop {
        let (space, width) = char_at(text, start)?;
        if !space {
            break;
        }
        start += width;
    }
    let mut end = start;
    while let Some((false, width)) = char_at(text, end) {
        end += width;
    }
    Some(start..end)
}

/// Whether the character at byte `at` is whitespace, and its width; decoded only when it
/// is not ASCII.
fn char_at(text: &str, at: usize) -> Option<(bool, usize)> {
    let &byte = text.as_bytes().get(at)?;
    if byte.is_ascii() {
        return Some((char::from(byte).is_whitespace(), 1));
    }
    let c = text[at..].chars().next()?;
    Some((c.is_whitespace(), c.len_utf8()))
}

/// Cuts a long excerpt to whole words around the highlight, marking cuts with "…".
fn shorten(text: String, highlight: Range<usize>) -> (String, Range<usize>) {
    if text.chars().count() <= MAX_EXCERPT_CHARS {
        return (text, highlight);
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

    #[test]
    fn excerpt_is_the_sentence_with_the_highlight() {
        let text = "First one. The UN\n  Security Council met.  Last.";
        let start = text.find("UN").unwrap();
        let end = text.find(" met").unwrap();
        let (sentence, highlight) = Excerpts::new(text).excerpt(start..end);
        assert_eq!(sentence, "The UN Security Council met.");
        assert_eq!(&sentence[highlight], "UN Security Council");
    }

    /// The collapsing as first written, a character at a time.
    fn compact_by_characters(text: &str, highlight: Range<usize>) -> (String, Range<usize>) {
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

    const TEXTS: [&str; 16] = [
        "",
        " ",
        "One two",
        " One two",
        "One two ",
        " Leading and trailing spaces. ",
        "Søren Aalto’s view – “quoted”",
        "One  two",
        "One\ttwo",
        "One\ntwo",
        "Søren\u{a0}Aalto",
        "Line\u{2028}break",
        "Ideographic\u{3000}space",
        "\u{b}vertical tab",
        "\n\tLeading and trailing breaks.\u{a0}",
        "a\u{a0} \u{a0}\u{301}é \n",
    ];

    #[test]
    fn compacting_by_words_is_compacting_by_characters() {
        for text in TEXTS {
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    assert_eq!(
                        compact(text, start..end),
                        compact_by_characters(text, start..end),
                        "{text:?} {start}..{end}"
                    );
                }
            }
        }
    }

    #[test]
    fn trimming_a_single_spaced_sentence_is_compacting_it() {
        for text in TEXTS {
            for start in 0..=text.len() {
                for end in start..=text.len() {
                    let fast = single_spaced(text)
                        .then(|| trim(text, start..end))
                        .flatten();
                    if let Some(fast) = fast {
                        assert_eq!(fast, compact(text, start..end), "{text:?} {start}..{end}");
                    }
                }
            }
        }
    }

    #[test]
    fn non_ascii_whitespace_begins_with_the_bytes_single_spaced_decodes() {
        for c in (0x80..=0x10FFFF).filter_map(char::from_u32) {
            if c.is_whitespace() {
                let first = c.to_string().as_bytes()[0];
                assert!(
                    matches!(first, 0xC2 | 0xE1 | 0xE2 | 0xE3),
                    "U+{:04X}",
                    c as u32
                );
            }
        }
    }

    #[test]
    fn single_spaced_allows_nothing_but_single_spaces() {
        assert!(single_spaced(" Søren Aalto’s view – “quoted” "));
        assert!(single_spaced(""));
        for text in [
            "One  two",
            "One\ntwo",
            "Søren\u{a0}Aalto",
            "a\u{3000}b",
            "\u{b}",
        ] {
            assert!(!single_spaced(text), "{text:?}");
        }
    }

    #[test]
    fn long_sentences_are_cut_around_the_match() {
        let text = format!("{} Aleppo {}.", "word ".repeat(200), "more ".repeat(200));
        let start = text.find("Aleppo").unwrap();
        let (sentence, highlight) = Excerpts::new(&text).excerpt(start..start + 6);
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
        let (sentence, highlight) = Excerpts::new(&text).excerpt(0..6);
        assert_eq!(highlight, 0..6);
        assert!(sentence.starts_with("Aleppo more") && sentence.ends_with("more…"));
    }
}
