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
//! [`FoldedText`](super::folded::FoldedText) applies `fold` to a whole text while remembering
//! where each folded character came from.

use unicode_normalization::char::is_combining_mark;
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
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
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
    Canon::new(text.nfc()).collect()
}

/// Whether [`canon`] of `text` is `canonical` (itself in canon form), without building it:
/// the matcher asks this of every case-sensitive match. Text written exactly as the form
/// (most of it) is canon already, since canon is idempotent; other text already in NFC needs
/// no normalisation pass.
pub(crate) fn canon_is(text: &str, canonical: &str) -> bool {
    if text == canonical {
        return true;
    }
    if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Canon::new(text.chars()).eq(canonical.chars())
    } else {
        Canon::new(text.nfc()).eq(canonical.chars())
    }
}

/// The characters of [`canon`], from the characters of a text already in NFC.
struct Canon<I> {
    chars: I,
    /// A space was seen since the last character given.
    pending_space: bool,
    /// A character has been given, so a space may follow.
    started: bool,
    /// The character to give after the space that goes before it.
    held: Option<char>,
}

impl<I: Iterator<Item = char>> Canon<I> {
    fn new(chars: I) -> Self {
        Self {
            chars,
            pending_space: false,
            started: false,
            held: None,
        }
    }
}

impl<I: Iterator<Item = char>> Iterator for Canon<I> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        if let Some(c) = self.held.take() {
            return Some(c);
        }
        loop {
            let c = canon_char(self.chars.next()?);
            if c == ' ' {
                self.pending_space = true;
                continue;
            }
            let space = std::mem::take(&mut self.pending_space) && self.started;
            self.started = true;
            if space {
                self.held = Some(c);
                return Some(' ');
            }
            return Some(c);
        }
    }
}

/// [`canon`] followed by simple case folding: the key under which names are compared.
pub(crate) fn fold(text: &str) -> String {
    canon(text).chars().map(fold_char).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn canon_unifies_apostrophes_hyphens_space_and_nfc() {
        assert_eq!(
            canon("  Assad\u{2019}s \n al\u{2011}Sham  Gene\u{300}ve "),
            "Assad's al-Sham Genève"
        );
    }

    #[test]
    fn canon_is_agrees_with_canon() {
        let texts = [
            "",
            " ",
            "Assad",
            "  Assad\u{2019}s \n al\u{2011}Sham  Gene\u{300}ve ",
            "Gene\u{300}ve",
            "Genève",
            "People\u{2019}s  Protection\tUnits",
            "\u{958}x",
            "ΟΔΥΣΣΕΎΣ",
        ];
        for text in texts {
            for other in texts {
                assert_eq!(
                    canon_is(text, &canon(other)),
                    canon(text) == canon(other),
                    "{text:?} against {other:?}"
                );
            }
        }
    }

    proptest! {
        #[test]
        fn canon_is_idempotent(text in any::<String>()) {
            let once = canon(&text);
            prop_assert_eq!(canon(&once), once.clone());
            prop_assert!(canon_is(&once, &once));
            prop_assert!(canon_is(&text, &once));
        }

        #[test]
        fn canon_is_idempotent_on_marks_after_mapped_characters(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "\u{2019}", "\u{2018}", "\u{2BC}", "\u{FF07}", "\u{2010}", "\u{2011}",
                    "\u{a0}", "\u{3000}", " ", "\n", "'", "-", "\u{301}", "\u{308}", "\u{338}",
                    "\u{345}", "e", "A", "\u{3b1}",
                ]),
                0..10,
            )
        ) {
            let once = canon(&pieces.concat());
            prop_assert_eq!(canon(&once), once);
        }
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
}
