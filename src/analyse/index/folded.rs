//! A whole text in [`fold`](super::normalise::fold)ed form, for the matcher's automaton, with
//! a way back from each folded offset to the caller's text.
//!
//! Matches are found in the folded copy but reported as byte ranges of the original, exact
//! even where folding or composition changed byte lengths (`’` is three bytes and folds to
//! the one-byte `'`; `e` and a combining grave compose to `è`). Every paragraph of a pack is
//! folded, so the common cases cost little: a run of ASCII characters that no combining mark
//! follows is copied and lowercased without a normalisation check, and the way back is kept
//! as the few places where the offsets shift, not as an offset per byte.

use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::normalise::fold_char;

/// Whether `c` begins a new normalisation unit: NFC of a text is the concatenation of NFC
/// of its pieces when every piece begins with such a character (a starter that is NFC-stable
/// and never composes with what precedes it, UAX #15 "normalization boundary").
fn starts_piece(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// The end of the run of bytes from `start` that fold by ASCII lowercasing alone: ASCII
/// characters other than whitespace that no non-ASCII character follows (it might be a
/// combining mark that composes with them), and single spaces between them.
fn plain_ascii_run(bytes: &[u8], start: usize) -> usize {
    let plain_letter = |b: u8| b.is_ascii() && !char::from(b).is_whitespace();
    let mut end = start;
    while let Some(&byte) = bytes.get(end) {
        let next = bytes.get(end + 1).copied();
        let plain = if byte == b' ' {
            next.is_some_and(plain_letter)
        } else {
            plain_letter(byte) && next.is_none_or(|n| n.is_ascii())
        };
        if !plain {
            break;
        }
        end += 1;
    }
    end
}

/// A text in folded form that remembers, for each folded character, where it began in the
/// original text.
pub(crate) struct FoldedText {
    /// The folded text that the automaton searches.
    pub(crate) text: String,
    /// (folded offset, original offset) pairs, in order, from which on one folded byte stands
    /// for one original byte until the next pair; a pair is added wherever that stops being
    /// true, and one for the end of the text.
    anchors: Vec<(usize, usize)>,
    /// Folded offsets, in order, of characters with no exact counterpart in the original (the
    /// second and later characters that composition gives for one cluster).
    detached: Vec<usize>,
}

impl FoldedText {
    /// Folds `input` piece by piece (see [`starts_piece`]); the work and memory are linear
    /// in the input's length.
    pub(crate) fn new(input: &str) -> Self {
        let mut folded = FoldedText {
            text: String::with_capacity(input.len()),
            anchors: Vec::new(),
            detached: Vec::new(),
        };
        let mut pos = 0;
        while pos < input.len() {
            let run = plain_ascii_run(input.as_bytes(), pos);
            if run > pos {
                folded.anchor(folded.text.len(), pos);
                let at = folded.text.len();
                folded.text.push_str(&input[pos..run]);
                folded.text[at..].make_ascii_lowercase();
                pos = run;
            } else {
                pos = folded.push_piece(input, pos);
            }
        }
        folded.anchor(folded.text.len(), input.len());
        folded
    }

    /// Folds the piece of `input` that starts at `start` (a whitespace run, or a character
    /// and the characters that may compose with it); returns where the next piece starts.
    fn push_piece(&mut self, input: &str, start: usize) -> usize {
        let mut rest = input[start..].chars();
        let Some(c) = rest.next() else {
            return input.len();
        };
        let mut end = start + c.len_utf8();
        if c.is_whitespace() {
            end += rest
                .take_while(|n| n.is_whitespace())
                .map(char::len_utf8)
                .sum::<usize>();
            self.push(' ', start);
            return end;
        }
        end += rest
            .take_while(|&n| !starts_piece(n))
            .map(char::len_utf8)
            .sum::<usize>();
        if end == start + c.len_utf8() && starts_piece(c) {
            self.push(fold_char(c), start);
        } else {
            for (k, composed) in input[start..end].nfc().enumerate() {
                if k == 0 {
                    self.push(fold_char(composed), start);
                } else {
                    self.detached.push(self.text.len());
                    self.text.push(fold_char(composed));
                }
            }
        }
        end
    }

    /// Appends folded character `c`, which began at byte `origin` of the original.
    fn push(&mut self, c: char, origin: usize) {
        self.anchor(self.text.len(), origin);
        self.text.push(c);
    }

    /// Records that folded offset `at` is original offset `origin`, unless the last anchor
    /// already says so.
    fn anchor(&mut self, at: usize, origin: usize) {
        let implied = self.anchors.last().map(|&(from, to)| to + (at - from));
        if implied != Some(origin) {
            self.anchors.push((at, origin));
        }
    }

    /// The original byte offset of folded offset `at`, or `None` when `at` is not a place
    /// where the original text can be cut (inside a character, or inside a composed
    /// character cluster).
    pub(crate) fn original(&self, at: usize) -> Option<usize> {
        if !self.text.is_char_boundary(at) || self.detached.binary_search(&at).is_ok() {
            return None;
        }
        let after = self.anchors.partition_point(|&(from, _)| from <= at);
        let (from, to) = self.anchors[after.checked_sub(1)?];
        Some(to + (at - from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The folding as first written: a character at a time, with an original offset for every
    /// folded byte (`usize::MAX` where there is none). The fast paths must agree with it.
    fn reference(input: &str) -> (String, Vec<usize>) {
        let mut text = String::new();
        let mut origin = Vec::new();
        let mut push = |c: char, at: usize, text: &mut String| {
            text.push(c);
            origin.push(at);
            origin.extend(std::iter::repeat_n(usize::MAX, c.len_utf8() - 1));
        };
        let mut chars = input.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                while chars.next_if(|&(_, n)| n.is_whitespace()).is_some() {}
                push(' ', start, &mut text);
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some((i, n)) = chars.next_if(|&(_, n)| !starts_piece(n)) {
                end = i + n.len_utf8();
            }
            if end == start + c.len_utf8() && starts_piece(c) {
                push(fold_char(c), start, &mut text);
            } else {
                for (k, composed) in input[start..end].nfc().enumerate() {
                    let at = if k == 0 { start } else { usize::MAX };
                    push(fold_char(composed), at, &mut text);
                }
            }
        }
        origin.push(input.len());
        (text, origin)
    }

    fn assert_agrees_with_reference(input: &str) {
        let folded = FoldedText::new(input);
        let (text, origin) = reference(input);
        assert_eq!(folded.text, text, "{input:?}");
        for at in 0..=text.len() + 1 {
            let expected = origin.get(at).copied().filter(|&o| o != usize::MAX);
            assert_eq!(folded.original(at), expected, "{input:?} at {at}");
        }
    }

    #[test]
    fn folded_text_maps_back_to_original_offsets() {
        let input = "A  \u{212A}elvin Gene\u{300}ve\n";
        let folded = FoldedText::new(input);
        assert_eq!(folded.text, "a kelvin genève ");
        let start = folded.text.find("kelvin").unwrap();
        assert_eq!(folded.original(start), Some(3));
        assert_eq!(
            folded.original(start + "kelvin".len()),
            Some(3 + "\u{212A}elvin".len())
        );
        let geneve = folded.text.find("genève").unwrap();
        let from = folded.original(geneve).unwrap();
        let to = folded.original(geneve + "genève".len()).unwrap();
        assert_eq!(&input[from..to], "Gene\u{300}ve");
        assert_eq!(folded.original(folded.text.len()), Some(input.len()));
    }

    #[test]
    fn folded_text_refuses_cuts_inside_a_composed_cluster() {
        // U+0958 decomposes into two characters that NFC does not recompose.
        let input = "\u{958}";
        let folded = FoldedText::new(input);
        assert_eq!(folded.text.chars().count(), 2);
        let second = folded.text.chars().next().unwrap().len_utf8();
        assert_eq!(folded.original(0), Some(0));
        assert_eq!(folded.original(second), None);
        assert_eq!(folded.original(folded.text.len()), Some(input.len()));
    }

    #[test]
    fn fast_paths_agree_with_the_character_by_character_folding() {
        for input in [
            "",
            " ",
            "Plain ASCII, with  double spaces\tand\r\nbreaks\u{b}\u{c} ",
            "Søren Aalto’s view of Île de Nerholm – “quoted” — Zoë’s",
            "Gene\u{300}ve and GENE\u{300}VE, e\u{301}\u{302}x, \u{301}lead, a\u{301}",
            "\u{958}\u{958}x \u{212A}ELVIN ẞ İstanbul ΟΔΥΣΣΕΎΣ",
            "al\u{2011}Sham\u{a0}\u{a0}non-breaking\u{2028}line\u{3000}end",
            "x\u{300}",
            "\u{300}",
        ] {
            assert_agrees_with_reference(input);
        }
    }

    proptest! {
        #[test]
        fn folding_agrees_with_the_reference_on_any_text(input in any::<String>()) {
            assert_agrees_with_reference(&input);
        }

        #[test]
        fn folding_agrees_with_the_reference_on_mixed_text(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "a", "E", "e\u{301}", "\u{301}", "\u{300}", "é", "’", "'", " ", "  ", "\n",
                    "\u{a0}", "\u{212A}", "ẞ", "İ", "\u{958}", "Ω", "-", "\u{2011}", "x",
                ]),
                0..24,
            )
        ) {
            assert_agrees_with_reference(&pieces.concat());
        }
    }
}
