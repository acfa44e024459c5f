//! One definition of "the same text" shared by the vocabulary, the matcher and the suggester.
//!
//! Briefing-pack sources are pasted from many places: curly and straight apostrophes, NFC and
//! NFD accents, non-breaking hyphens and stray line breaks all turn up. Two levels of
//! normalisation keep every comparison consistent:
//!
//! * [`canon`] keeps case but unifies Unicode normalisation (NFC), apostrophes, hyphens and
//!   whitespace runs. Case-sensitive terms are compared in this form.
//! * [`fold`] is `canon` plus simple case folding. Case-insensitive comparison, look-ups by
//!   name and the matcher's automaton work in this form.
//!
//! [`FoldedText`] applies `fold` to a whole text while remembering where each folded
//! character came from, so that matches found in the folded copy map back to exact byte
//! ranges of the caller's text even when folding or composition changes byte lengths.

use unicode_normalization::char::{canonical_combining_class, is_combining_mark};
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Characters typed for an apostrophe; all compare equal to `'`.
const APOSTROPHES: [char; 5] = ['\'', '\u{2019}', '\u{2018}', '\u{02BC}', '\u{FF07}'];

/// Hyphen look-alikes that compare equal to `-` (but not dashes, which separate words).
const HYPHENS: [char; 2] = ['\u{2010}', '\u{2011}'];

/// Whether `c` is one of the apostrophe-like characters.
pub fn is_apostrophe(c: char) -> bool {
    APOSTROPHES.contains(&c)
}

/// Whether `c` can be part of a word: letters, digits and combining marks (Unicode-aware),
/// so that boundaries work for any script, not only ASCII.
pub(crate) fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_combining_mark(c)
}

/// Unifies apostrophes, hyphens and whitespace, keeping case.
fn canon_char(c: char) -> char {
    if is_apostrophe(c) {
        '\''
    } else if HYPHENS.contains(&c) {
        '-'
    } else if c.is_whitespace() {
        ' '
    } else {
        c
    }
}

/// Simple case folding of one character, always to exactly one character.
///
/// Rust's standard library offers lowercase mapping but not case folding. Single-character
/// lowercase mapping gives the same equivalence classes as Unicode simple case folding
/// except for a few characters that are already lowercase but fold elsewhere (final sigma,
/// Greek symbol variants, long s, old Cyrillic forms); those are listed here. A character
/// whose lowercase is several characters (only U+0130 'İ') has no simple folding and is kept.
pub(crate) fn fold_char(c: char) -> char {
    let c = canon_char(c);
    if c.is_ascii() {
        return c.to_ascii_lowercase();
    }
    let mut lower = c.to_lowercase();
    let lowered = match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    };
    match lowered {
        '\u{00B5}' => '\u{03BC}',
        '\u{017F}' => 's',
        '\u{0345}' | '\u{1FBE}' => '\u{03B9}',
        '\u{03C2}' => '\u{03C3}',
        '\u{03D0}' => '\u{03B2}',
        '\u{03D1}' => '\u{03B8}',
        '\u{03D5}' => '\u{03C6}',
        '\u{03D6}' => '\u{03C0}',
        '\u{03F0}' => '\u{03BA}',
        '\u{03F1}' => '\u{03C1}',
        '\u{03F5}' => '\u{03B5}',
        '\u{1E9B}' => '\u{1E61}',
        '\u{1C80}' => '\u{0432}',
        '\u{1C81}' => '\u{0434}',
        '\u{1C82}' => '\u{043E}',
        '\u{1C83}' => '\u{0441}',
        '\u{1C84}' | '\u{1C85}' => '\u{0442}',
        '\u{1C86}' => '\u{044A}',
        '\u{1C87}' => '\u{0463}',
        '\u{1C88}' => '\u{A64B}',
        other => other,
    }
}

/// NFC, unified apostrophes and hyphens, whitespace runs collapsed to one space and trimmed;
/// case is kept.
pub(crate) fn canon(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfc().map(canon_char) {
        if c == ' ' {
            pending_space = true;
            continue;
        }
        if pending_space && !out.is_empty() {
            out.push(' ');
        }
        pending_space = false;
        out.push(c);
    }
    out
}

/// [`canon`] followed by simple case folding: the key under which names are compared.
pub(crate) fn fold(text: &str) -> String {
    canon(text).chars().map(fold_char).collect()
}

/// Whether `c` begins a new normalisation unit: NFC of a text is the concatenation of NFC
/// of its pieces when every piece begins with such a character (a starter that is NFC-stable
/// and never composes with what precedes it, UAX #15 "normalization boundary").
fn starts_piece(c: char) -> bool {
    c.is_ascii()
        || c.is_whitespace()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Marks a folded byte offset that has no exact counterpart in the original text (inside a
/// composed cluster or inside a multi-byte character).
const NO_ORIGIN: usize = usize::MAX;

/// A text in [`fold`]ed form that remembers, for each folded character, where it began in
/// the original text.
pub(crate) struct FoldedText {
    /// The folded text that the automaton searches.
    pub(crate) text: String,
    /// For each byte offset of `text` (plus its end), the original byte offset, or
    /// [`NO_ORIGIN`].
    origin: Vec<usize>,
}

impl FoldedText {
    /// Folds `input` piece by piece (see [`starts_piece`]); the work and memory are linear
    /// in the input's length.
    pub(crate) fn new(input: &str) -> Self {
        let mut folded = FoldedText {
            text: String::with_capacity(input.len()),
            origin: Vec::with_capacity(input.len() + 1),
        };
        let mut chars = input.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                while chars.next_if(|&(_, n)| n.is_whitespace()).is_some() {}
                folded.push(' ', start);
                continue;
            }
            let mut end = start + c.len_utf8();
            while let Some((i, n)) = chars.next_if(|&(_, n)| !starts_piece(n)) {
                end = i + n.len_utf8();
            }
            if end == start + c.len_utf8() && starts_piece(c) {
                folded.push(fold_char(c), start);
            } else {
                for (k, composed) in input[start..end].nfc().enumerate() {
                    folded.push(fold_char(composed), if k == 0 { start } else { NO_ORIGIN });
                }
            }
        }
        folded.origin.push(input.len());
        folded
    }

    fn push(&mut self, c: char, origin: usize) {
        self.text.push(c);
        self.origin.push(origin);
        for _ in 1..c.len_utf8() {
            self.origin.push(NO_ORIGIN);
        }
    }

    /// The original byte offset of folded offset `at`, or `None` when `at` is not a place
    /// where the original text can be cut (inside a composed character cluster).
    pub(crate) fn original(&self, at: usize) -> Option<usize> {
        self.origin
            .get(at)
            .copied()
            .filter(|&offset| offset != NO_ORIGIN)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canon_unifies_apostrophes_hyphens_space_and_nfc() {
        assert_eq!(
            canon("  Assad\u{2019}s \n al\u{2011}Sham  Gene\u{300}ve "),
            "Assad's al-Sham Genève"
        );
    }

    #[test]
    fn fold_is_case_insensitive_for_any_script() {
        assert_eq!(fold("CEASEFIRE"), "ceasefire");
        assert_eq!(fold("ΟΔΥΣΣΕΎΣ"), fold("οδυσσεύς"));
        assert_eq!(fold("АЛЕППО"), "алеппо");
        assert_eq!(fold("\u{212A}elvin"), "kelvin");
        assert_eq!(fold("GENE\u{300}VE"), fold("genève"));
    }

    #[test]
    fn fold_char_is_idempotent_everywhere() {
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let once = fold_char(c);
            assert_eq!(fold_char(once), once, "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn word_chars_cover_letters_digits_and_marks() {
        assert!(is_word_char('é'));
        assert!(is_word_char('\u{301}'));
        assert!(is_word_char('7'));
        assert!(is_word_char('Ж'));
        assert!(!is_word_char('-'));
        assert!(!is_word_char('\''));
        assert!(!is_word_char(' '));
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
}
