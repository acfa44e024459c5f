//! Sentence boundaries, and the sentence text shown beside a timeline entry.
//!
//! Sentences bound the search for the date a relative phrase counts from ("ten days later"),
//! so a false break loses dates and a missed break borrows them from elsewhere. Parliamentary
//! text is full of full stops that end nothing ("my right hon. Friend", "No. 10", "e.g."), and
//! quotations carry their own full stops, so the splitter knows about both.

use std::ops::Range;

use super::clauses::{self, Clauses};
use super::tokens::{Kind, Token};

/// Abbreviations that never end a sentence.
const ABBREVIATIONS: &[&str] = &[
    "hon", "rt", "mr", "mrs", "ms", "dr", "st", "prof", "sr", "jr", "gen", "capt", "lt", "sgt",
    "rev", "cllr", "esq", "messrs", "maj", "brig", "adm", "gov", "sen", "vs", "cf", "approx", "ca",
    "viz", "al",
];

/// Abbreviations that do not end a sentence when a number follows: "No. 10", "Oct. 2016".
const NUMBER_ABBREVIATIONS: &[&str] = &[
    "no", "nos", "ref", "vol", "para", "paras", "p", "pp", "art", "arts", "cl", "s", "ss", "fig",
    "col", "sec", "ch", "c", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec",
];

/// How many tokens an opening quote or bracket may hold a sentence open, so one stray mark
/// cannot glue a whole paragraph together.
const QUOTE_REACH: usize = 80;

/// Characters longer than which a sentence is cut down to the clause around a date.
const LONG_SENTENCE: usize = 300;

/// Splits the tokens of a paragraph into sentences, as ranges of token indices.
pub(super) fn split(text: &str, tokens: &[Token]) -> Vec<Range<usize>> {
    let mut sentences = Vec::new();
    let mut start = 0;
    let mut depth = 0usize;
    let mut opened_at = 0;
    let mut i = 0;
    while i < tokens.len() {
        let token = tokens[i];
        if i > start && (token.breaks >= 2 || (token.breaks == 1 && !starts_lowercase(text, token)))
        {
            sentences.push(start..i);
            start = i;
            depth = 0;
        }
        if token.kind != Kind::Punct {
            i += 1;
            continue;
        }
        match first_char(text, token) {
            '(' | '[' | '“' => {
                if depth == 0 {
                    opened_at = i;
                }
                depth += 1;
            }
            ')' | ']' | '”' => depth = depth.saturating_sub(1),
            '"' if token.spaced => {
                if depth == 0 {
                    opened_at = i;
                }
                depth += 1;
            }
            '"' => depth = depth.saturating_sub(1),
            '.' | '!' | '?' | '…' => {
                let mut next = i + 1;
                while next < tokens.len()
                    && !tokens[next].spaced
                    && tokens[next].kind == Kind::Punct
                {
                    match first_char(text, tokens[next]) {
                        '.' | '!' | '?' | '…' | '’' | '\'' => {}
                        ')' | ']' | '”' | '"' => depth = depth.saturating_sub(1),
                        _ => break,
                    }
                    next += 1;
                }
                let quoted = depth > 0 && i - opened_at < QUOTE_REACH;
                if next < tokens.len()
                    && tokens[next].spaced
                    && !quoted
                    && opens_sentence(text, tokens[next])
                    && !abbreviation(text, tokens, i, next)
                {
                    sentences.push(start..next);
                    start = next;
                    depth = 0;
                }
                i = next;
                continue;
            }
            _ => {}
        }
        i += 1;
    }
    if start < tokens.len() {
        sentences.push(start..tokens.len());
    }
    sentences
}

fn first_char(text: &str, token: Token) -> char {
    text[token.start..token.end].chars().next().unwrap_or(' ')
}

fn starts_lowercase(text: &str, token: Token) -> bool {
    first_char(text, token).is_lowercase()
}

fn opens_sentence(text: &str, token: Token) -> bool {
    let c = first_char(text, token);
    c.is_uppercase() || c.is_ascii_digit() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[')
}

/// Whether the full stop at `stop` ends an abbreviation or an initial rather than a sentence.
fn abbreviation(text: &str, tokens: &[Token], stop: usize, next: usize) -> bool {
    if first_char(text, tokens[stop]) != '.' || stop == 0 || tokens[stop].spaced {
        return false;
    }
    let before = tokens[stop - 1];
    if before.kind != Kind::Word {
        return false;
    }
    let word = &text[before.start..before.end];
    let in_list = |list: &[&str]| list.iter().any(|a| word.eq_ignore_ascii_case(a));
    word.chars().count() == 1
        || in_list(ABBREVIATIONS)
        || (in_list(NUMBER_ABBREVIATIONS)
            && matches!(
                tokens[next].kind,
                Kind::Number | Kind::Ordinal | Kind::Grouped
            ))
}

/// The sentence as shown beside a date: whole when short, else the clause around the date.
pub(super) fn display(
    text: &str,
    clauses: &Clauses,
    sentence: Range<usize>,
    matched: Range<usize>,
) -> String {
    let whole = text[sentence.clone()].trim();
    if whole.len() <= LONG_SENTENCE
        || (whole.len() <= 4 * LONG_SENTENCE && whole.chars().count() <= LONG_SENTENCE)
    {
        return whole.to_string();
    }
    let window = clauses::window(text, sentence, matched.clone(), 2 * LONG_SENTENCE);
    let mut clause = clauses.around(window.clone(), matched.clone());
    for _ in 0..2 {
        let after = clauses::skip_char(text, clause.end);
        if clause.len() >= LONG_SENTENCE / 4 || after >= window.end {
            break;
        }
        clause.end = clauses.around(window.clone(), after..after).end.max(after);
    }
    let shown = text[clause.clone()].trim();
    if shown.len() <= LONG_SENTENCE || shown.chars().count() <= LONG_SENTENCE {
        return shown.to_string();
    }
    let cut = clauses::window(text, clause.clone(), matched, LONG_SENTENCE / 2);
    let cut = clauses::word_bounds(text, cut, clause.clone());
    let mut out = String::new();
    if cut.start > clause.start {
        out.push('…');
    }
    out.push_str(text[cut.clone()].trim());
    if cut.end < clause.end {
        out.push('…');
    }
    out
}
