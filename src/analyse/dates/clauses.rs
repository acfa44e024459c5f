//! Clauses and bounded windows of text around a date.
//!
//! Titles and long sentences are cut down to the clause that carries a date. Every search here
//! is confined to a window of fixed size around the date, so the work per date stays constant
//! however long the paragraph is.

use std::ops::Range;

/// Stands for a date in the output of [`words`], so callers can tidy the words around it.
pub(super) const DATE_MARK: &str = "\u{1}";

/// The largest character boundary at or before `pos`.
pub(super) fn floor(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos -= 1;
    }
    pos
}

/// The smallest character boundary at or after `pos`.
pub(super) fn ceil(text: &str, pos: usize) -> usize {
    let mut pos = pos.min(text.len());
    while !text.is_char_boundary(pos) {
        pos += 1;
    }
    pos
}

/// The position just past the character at `pos` (which must be a boundary).
pub(super) fn skip_char(text: &str, pos: usize) -> usize {
    pos + text[pos..].chars().next().map_or(0, char::len_utf8)
}

/// `focus` widened by up to `reach` bytes each side, kept inside `bounds` and on boundaries.
pub(super) fn window(
    text: &str,
    bounds: Range<usize>,
    focus: Range<usize>,
    reach: usize,
) -> Range<usize> {
    let start = ceil(text, focus.start.saturating_sub(reach).max(bounds.start));
    let end = floor(text, focus.end.saturating_add(reach).min(bounds.end));
    start.min(focus.start)..end.max(focus.end)
}

/// Whether the character `c` at `pos` separates clauses.
fn separator(text: &str, pos: usize, c: char) -> bool {
    match c {
        ',' | ':' => !between_digits(text.as_bytes(), pos),
        ';' | '(' | ')' | '[' | ']' | '—' | '“' | '”' | '"' | '\n' | '?' | '!' => true,
        '–' | '-' => text[..pos].ends_with(' ') && text[skip_char(text, pos)..].starts_with(' '),
        ' ' => {
            let rest = &text.as_bytes()[pos..];
            rest.starts_with(b" but ") || rest.starts_with(b" whereas ")
        }
        _ => false,
    }
}

/// Whether the byte at `pos` has an ASCII digit on each side, as the comma of "4,400" and
/// the colon of "14:30" do.
fn between_digits(bytes: &[u8], pos: usize) -> bool {
    pos > 0 && bytes[pos - 1].is_ascii_digit() && bytes.get(pos + 1).is_some_and(u8::is_ascii_digit)
}

/// Whether a character starting with `byte` may be a separator: the ASCII ones, and the
/// first byte of `—`, `–`, `“` and `”` (all of which start with 0xE2). Letters and other bytes
/// are passed over without decoding.
fn might_separate(byte: u8) -> bool {
    matches!(
        byte,
        b',' | b';'
            | b':'
            | b'('
            | b')'
            | b'['
            | b']'
            | b'"'
            | b'\n'
            | b'?'
            | b'!'
            | b'-'
            | b' '
            | 0xE2
    )
}

/// The clause separators of one sentence, found once so that finding the clause around each
/// date costs a binary search rather than a scan.
pub(super) struct Clauses {
    /// Byte ranges of the separators, in order.
    cuts: Vec<Range<usize>>,
}

impl Clauses {
    /// The separators of `sentence`, except those inside `dates` (sorted, not overlapping),
    /// such as the comma of "October 18, 2016".
    pub fn new(text: &str, sentence: Range<usize>, dates: &[Range<usize>]) -> Self {
        let mut cuts = Vec::new();
        let mut next_date = 0;
        let bytes = text.as_bytes();
        for (i, &byte) in bytes[sentence.clone()].iter().enumerate() {
            let pos = sentence.start + i;
            let space_before_word =
                byte == b' ' && !matches!(bytes.get(pos + 1), Some(b'b' | b'w'));
            if space_before_word || !might_separate(byte) {
                continue;
            }
            while dates.get(next_date).is_some_and(|date| date.end <= pos) {
                next_date += 1;
            }
            let in_date = dates.get(next_date).is_some_and(|date| date.start <= pos);
            let c = text[pos..].chars().next().unwrap_or_default();
            if !in_date && separator(text, pos, c) {
                cuts.push(pos..pos + c.len_utf8());
            }
        }
        Self { cuts }
    }

    /// The clause within `window` that holds `focus`.
    pub fn around(&self, window: Range<usize>, focus: Range<usize>) -> Range<usize> {
        let before = self.cuts.partition_point(|cut| cut.end <= focus.start);
        let start = match before.checked_sub(1) {
            Some(index) => self.cuts[index].end.max(window.start),
            None => window.start,
        };
        let after = self.cuts.partition_point(|cut| cut.start < focus.end);
        let end = self
            .cuts
            .get(after)
            .map_or(window.end, |cut| cut.start.min(window.end));
        start.min(focus.start)..end.max(focus.end)
    }
}

/// `cut` shrunk to whole words, except where it already meets the edges of `within`.
pub(super) fn word_bounds(text: &str, cut: Range<usize>, within: Range<usize>) -> Range<usize> {
    let mut start = cut.start;
    if start > within.start
        && let Some(space) = text[start..cut.end].find(' ')
    {
        start += space + 1;
    }
    let mut end = cut.end;
    if end < within.end
        && let Some(space) = text[start..end].rfind(' ')
    {
        end = start + space;
    }
    start..end
}

/// The words of `range`, with [`DATE_MARK`] standing for each part inside `dates` (sorted).
pub(super) fn words<'a>(
    text: &'a str,
    range: Range<usize>,
    dates: &[Range<usize>],
) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut pos = range.start;
    let first = dates.partition_point(|date| date.end <= range.start);
    for date in &dates[first..] {
        if date.start >= range.end {
            break;
        }
        if date.start > pos {
            push_words(&mut out, &text[pos..date.start]);
        }
        out.push(DATE_MARK);
        pos = pos.max(date.end);
    }
    if pos < range.end {
        push_words(&mut out, &text[pos..range.end]);
    }
    out
}

/// Appends the words of `text` to `out` as `split_whitespace` gives them, reading ASCII a
/// byte at a time.
fn push_words<'a>(out: &mut Vec<&'a str>, text: &'a str) {
    let bytes = text.as_bytes();
    let mut word_start = None;
    let mut pos = 0;
    while let Some(&byte) = bytes.get(pos) {
        let c = if byte.is_ascii() {
            char::from(byte)
        } else {
            text[pos..].chars().next().unwrap_or_default()
        };
        match (c.is_whitespace(), word_start) {
            (true, Some(start)) => {
                out.push(&text[start..pos]);
                word_start = None;
            }
            (false, None) => word_start = Some(pos),
            _ => {}
        }
        pos += c.len_utf8();
    }
    if let Some(start) = word_start {
        out.push(&text[start..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The separators as first found, decoding every character of the sentence.
    fn cuts_by_characters(
        text: &str,
        sentence: Range<usize>,
        dates: &[Range<usize>],
    ) -> Vec<Range<usize>> {
        let mut cuts = Vec::new();
        let mut next_date = 0;
        for (i, c) in text[sentence.clone()].char_indices() {
            let pos = sentence.start + i;
            while dates.get(next_date).is_some_and(|date| date.end <= pos) {
                next_date += 1;
            }
            let in_date = dates.get(next_date).is_some_and(|date| date.start <= pos);
            if !in_date && separator(text, pos, c) {
                cuts.push(pos..pos + c.len_utf8());
            }
        }
        cuts
    }

    proptest! {
        #[test]
        fn words_are_split_as_split_whitespace_splits_them(text in any::<String>()) {
            let mut words = Vec::new();
            push_words(&mut words, &text);
            prop_assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }

        #[test]
        fn words_of_spaced_text_are_split_as_split_whitespace_splits_them(
            text in "[a-z’ \t\n\u{a0}\u{2028}\u{3000}é]{0,40}"
        ) {
            let mut words = Vec::new();
            push_words(&mut words, &text);
            prop_assert_eq!(words, text.split_whitespace().collect::<Vec<_>>());
        }

        #[test]
        fn byte_scan_finds_the_separators_the_character_scan_found(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "word", " ", ", ", ";", ":", "(", ")", "[", "]", "—", "–", " – ", " - ", "-",
                    "“", "”", "\"", "\n", "?", "!", " but ", " whereas ", "’", "é", "…", "x", "4",
                ]),
                0..20,
            ),
            cut in 0usize..4,
        ) {
            let text = pieces.concat();
            let bounds: Vec<usize> = (0..=text.len()).filter(|&i| text.is_char_boundary(i)).collect();
            let dates: Vec<Range<usize>> = bounds
                .chunks(3 + cut)
                .filter_map(|chunk| Some(*chunk.first()?..*chunk.last()?))
                .step_by(2)
                .collect();
            let sentence = 0..text.len();
            prop_assert_eq!(
                Clauses::new(&text, sentence.clone(), &dates).cuts,
                cuts_by_characters(&text, sentence, &dates)
            );
        }
    }
}
