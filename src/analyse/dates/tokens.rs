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
    let mut tokens = Vec::with_capacity(text.len() / 4);
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
            pos = run_end(text, pos);
            let mut kind = classify(&text[start..pos]);
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

/// The end of a run of letters and digits, allowing apostrophes between letters.
fn run_end(text: &str, mut pos: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(pos) {
        if byte.is_ascii_alphanumeric() {
            pos += 1;
            continue;
        }
        let Some(c) = text[pos..].chars().next() else {
            break;
        };
        let after = pos + c.len_utf8();
        let apostrophe = (c == '\'' || c == '’')
            && text[after..]
                .chars()
                .next()
                .is_some_and(char::is_alphabetic);
        if !(c.is_alphanumeric() || apostrophe) {
            break;
        }
        pos = after;
    }
    pos
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

fn classify(run: &str) -> Kind {
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
    let numeric = if run.is_ascii() {
        digits > 0 || run.bytes().any(|b| b.is_ascii_digit())
    } else {
        run.chars().any(char::is_numeric)
    };
    if numeric { Kind::Mixed } else { Kind::Word }
}
