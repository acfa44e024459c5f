//! The tokenizer and the word tests take shortcuts for ASCII and for words of the wrong
//! length; these tests compare them with the character-by-character versions they replaced.

use proptest::prelude::*;

use crate::analyse::dates::DateOrder;
use crate::analyse::dates::patterns::{Scanner, same_word};
use crate::analyse::dates::tokens::{Kind, Token, tokenize};
use crate::analyse::dates::words::{Starts, month, number_word, phrase_starts, unit, weekday};

/// The tokenizer as first written, a character at a time.
fn tokenize_by_characters(text: &str) -> Vec<Token> {
    let run_end = |mut pos: usize| {
        let mut chars = text[pos..].chars().peekable();
        while let Some(c) = chars.next() {
            let apostrophe =
                (c == '\'' || c == '’') && chars.peek().is_some_and(|n| n.is_alphabetic());
            if !(c.is_alphanumeric() || apostrophe) {
                break;
            }
            pos += c.len_utf8();
        }
        pos
    };
    let group_end = |mut pos: usize| {
        let bytes = text.as_bytes();
        while pos + 1 < bytes.len()
            && (bytes[pos] == b',' || bytes[pos] == b'.')
            && bytes[pos + 1].is_ascii_digit()
        {
            pos += 1;
            while pos < bytes.len() && bytes[pos].is_ascii_digit() {
                pos += 1;
            }
        }
        pos
    };
    let classify = |run: &str| {
        let digits = run.bytes().take_while(u8::is_ascii_digit).count();
        if digits == run.len() {
            return Kind::Number;
        }
        if digits > 0
            && ["st", "nd", "rd", "th"]
                .iter()
                .any(|s| run[digits..].eq_ignore_ascii_case(s))
        {
            return Kind::Ordinal;
        }
        if run.chars().any(char::is_numeric) {
            Kind::Mixed
        } else {
            Kind::Word
        }
    };
    let mut tokens = Vec::new();
    let (mut pos, mut spaced, mut breaks) = (0, true, 0u8);
    while let Some(c) = text[pos..].chars().next() {
        if c.is_whitespace() {
            spaced = true;
            if c == '\n' {
                breaks = (breaks + 1).min(2);
            }
            pos += c.len_utf8();
            continue;
        }
        let start = pos;
        let kind = if c.is_alphanumeric() {
            pos = run_end(pos);
            let mut kind = classify(&text[start..pos]);
            if kind == Kind::Number && group_end(pos) > pos {
                pos = group_end(pos);
                kind = Kind::Grouped;
            }
            kind
        } else {
            pos += c.len_utf8();
            Kind::Punct
        };
        tokens.push(Token {
            start,
            end: pos,
            kind,
            spaced,
            breaks,
        });
        spaced = false;
        breaks = 0;
    }
    tokens
}

/// `is_word` as first written: any word compared character by character unless ASCII.
fn is_word_by_characters(scanner: &Scanner<'_>, i: usize, word: &str) -> bool {
    if scanner.kind(i) != Some(Kind::Word) {
        return false;
    }
    let text = scanner.text_of(i);
    if text.is_ascii() {
        text.eq_ignore_ascii_case(word)
    } else {
        same_word(text, word)
    }
}

const WORDS: &[&str] = &[
    "year's",
    "year",
    "the",
    "The",
    "THE",
    "May",
    "a",
    "an",
    "day",
    "Christmas",
    "new",
    "of",
];

const PIECES: &[&str] = &[
    "year",
    "Year",
    "YEAR",
    "’s",
    "'s",
    "’",
    "'",
    "the",
    "Thé",
    "May",
    "a",
    "An",
    "day",
    "days",
    "21",
    "21st",
    "2,000",
    "3.5",
    "18.10.2016",
    "1990s",
    "A4",
    "²",
    "٣",
    " ",
    "\n",
    "\n\n",
    "\t",
    "\u{a0}",
    ",",
    ".",
    "–",
    "x",
    "é",
    "e\u{301}",
    "Ω",
    "Christmas",
    "new",
];

proptest! {
    #[test]
    fn tokenize_agrees_with_the_character_scan_on_any_text(text in any::<String>()) {
        prop_assert_eq!(tokenize(&text), tokenize_by_characters(&text));
    }

    #[test]
    fn tokenize_agrees_with_the_character_scan_on_words_and_numbers(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..16)
    ) {
        let text = pieces.concat();
        prop_assert_eq!(tokenize(&text), tokenize_by_characters(&text));
    }

    #[test]
    fn is_word_agrees_with_the_character_comparison(
        pieces in proptest::collection::vec(proptest::sample::select(PIECES), 0..8)
    ) {
        let text = pieces.concat();
        let toks = tokenize(&text);
        let scanner = Scanner { text: &text, toks: &toks, order: DateOrder::DayFirst };
        for i in 0..=toks.len() {
            for word in WORDS {
                prop_assert_eq!(
                    scanner.is_word(i, word),
                    is_word_by_characters(&scanner, i, word),
                    "token {} of {:?}, {:?}", i, text, word
                );
            }
        }
    }
}

#[test]
fn word_tables_ignore_case_and_reject_other_scripts_and_long_words() {
    assert_eq!(month("SEPT").map(|(m, _)| m), Some(9));
    assert_eq!(month("sEpTeMbEr").map(|(m, _)| m), Some(9));
    assert_eq!(month("Mäy"), None);
    assert_eq!(weekday("TUESDAY"), Some(chrono::Weekday::Tue));
    assert_eq!(weekday("Tuesdays"), None);
    assert_eq!(number_word("Twenty"), Some(20));
    assert_eq!(number_word("twenty-one"), None);
    assert_eq!(unit("Fortnights").map(|(_, size)| size), Some(2));
    for word in ["The", "APPROXIMATELY", "May", "sunday", "An", "Christmas"] {
        assert_ne!(phrase_starts(word), Starts::NONE, "{word}");
    }
    for word in ["approximatelyy", "Thé", "", "twentyone", "ordinary"] {
        assert_eq!(phrase_starts(word), Starts::NONE, "{word}");
    }
    assert!(phrase_starts("May").contains(Starts::CALENDAR));
    assert!(phrase_starts("the").contains(Starts::FUZZY));
    assert!(!phrase_starts("the").contains(Starts::CALENDAR));
}
