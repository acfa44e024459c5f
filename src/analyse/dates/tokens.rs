//! Splits a paragraph into words, numbers and punctuation, keeping byte ranges.
//!
//! Every later step works on these tokens, so the ranges it reports fall on character
//! boundaries by construction, and numbers such as `275,000` or `3.5` arrive as one token that
//! can never be mistaken for a year.

/// What a token is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    /// Letters, possibly joined by apostrophes: `Russia’s`.
    Word,
    /// ASCII digits alone: `2016`.
    Number,
    /// Digits with an English ordinal suffix: `24th`.
    Ordinal,
    /// Digit groups joined by commas or points: `275,000`, `3.5`, `18.10.2016`.
    Grouped,
    /// Any other mix of letters and digits: `1990s`, `A4`.
    Mixed,
    /// A single character that is neither a letter, a digit nor a space.
    Punct,
}

/// One token and where it sits in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Token {
    /// Byte offset of the first character.
    pub start: usize,
    /// Byte offset just past the last character.
    pub end: usize,
    /// What the token is made of.
    pub kind: Kind,
    /// Whitespace (or the start of the text) comes before it.
    pub spaced: bool,
    /// Line breaks between it and the previous token, counted up to two.
    pub breaks: u8,
}

/// Tokenizes `text` in one pass. ASCII (most of any text) is read a byte at a time; other
/// characters are decoded where they occur.
pub(super) fn tokenize(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut tokens = Vec::with_capacity(text.len() / 8);
    let mut pos = 0;
    let mut spaced = true;
    let mut breaks = 0u8;
    while let Some(&byte) = bytes.get(pos) {
        let c = if byte.is_ascii() {
            char::from(byte)
        } else {
            text[pos..].chars().next().unwrap_or_default()
        };
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
            let run = Run::read(text, pos);
            pos = run.end;
            let mut kind = run.kind(&text[start..pos]);
            if kind == Kind::Number {
                let grouped = group_end(text, pos);
                if grouped > pos {
                    pos = grouped;
                    kind = Kind::Grouped;
                }
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

/// A run of letters and digits, with apostrophes between letters, and what was seen while
/// reading it, so it is classified without reading it again.
struct Run {
    /// Byte offset just past the run.
    end: usize,
    /// How many ASCII digits it starts with.
    leading_digits: usize,
    /// Whether it has an ASCII digit anywhere.
    ascii_digit: bool,
    /// Whether every character is ASCII.
    ascii: bool,
}

impl Run {
    /// Reads the run that starts at `start` (a letter or digit).
    fn read(text: &str, start: usize) -> Self {
        let bytes = text.as_bytes();
        let mut run = Run {
            end: start,
            leading_digits: 0,
            ascii_digit: false,
            ascii: true,
        };
        while let Some(&byte) = bytes.get(run.end) {
            if byte.is_ascii_digit() {
                if run.leading_digits == run.end - start {
                    run.leading_digits += 1;
                }
                run.ascii_digit = true;
                run.end += 1;
                continue;
            }
            if byte.is_ascii_alphabetic() {
                run.end += 1;
                continue;
            }
            let Some(c) = text[run.end..].chars().next() else {
                break;
            };
            let after = run.end + c.len_utf8();
            let apostrophe = (c == '\'' || c == '’')
                && text[after..]
                    .chars()
                    .next()
                    .is_some_and(char::is_alphabetic);
            if !(c.is_alphanumeric() || apostrophe) {
                break;
            }
            run.ascii &= c.is_ascii();
            run.end = after;
        }
        run
    }

    /// What the run (whose text is `run`) is made of.
    fn kind(&self, run: &str) -> Kind {
        let digits = self.leading_digits;
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
        let numeric = if self.ascii {
            self.ascii_digit
        } else {
            run.chars().any(char::is_numeric)
        };
        if numeric { Kind::Mixed } else { Kind::Word }
    }
}

/// The end of digit groups such as `,000` or `.5` that continue a number at `pos`.
fn group_end(text: &str, mut pos: usize) -> usize {
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
}
