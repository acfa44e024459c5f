//! Short titles for timeline entries, made from the words around a date.
//!
//! A title is the clause that carries the date with the date words taken out ("I met Lavrov in
//! New York on 21 September" gives "Met Lavrov in New York"), or the event phrase for a date
//! counted from an event. It is cut at a word boundary and never ends on a dangling "of" or
//! comma, so the timeline reads as a list of things that happened.

use std::ops::Range;

use super::clauses::{self, Clauses};

/// The longest title, in characters.
const MAX_TITLE: usize = 80;

/// How far either side of a date a title may look, in bytes.
const REACH: usize = 240;

/// Words left dangling before a date once it is removed: "in New York on".
const BEFORE_DATE: Words = Words::new(&[
    "on",
    "in",
    "at",
    "by",
    "since",
    "until",
    "till",
    "during",
    "from",
    "of",
    "for",
    "the",
    "between",
    "around",
    "about",
    "before",
    "after",
    "throughout",
    "through",
    "circa",
    "c",
]);

/// Articles dropped from the start of an event phrase.
const ARTICLES: Words = Words::new(&["the", "a", "an"]);

/// Words that show a date opens the clause after it: "remember that in 2005, the Government…".
const SUBORDINATORS: Words = Words::new(&[
    "that", "when", "and", "but", "because", "as", "if", "since", "while", "where", "so", "then",
    "although", "though", "until", "once", "whereas",
]);

/// Words that add nothing at the start of a title.
const LEADING: Words = Words::new(&[
    "and",
    "but",
    "so",
    "then",
    "meanwhile",
    "however",
    "also",
    "even",
    "which",
    "who",
    "that",
    "when",
    "while",
    "as",
    "yet",
    "or",
    "now",
    "where",
    "although",
    "though",
    "because",
    "i",
    "only",
    "just",
]);

/// Words after "I" that keep it in a title: "I was part of" reads better than "Was part of".
const AUXILIARIES: Words = Words::new(&[
    "am", "was", "have", "had", "will", "would", "could", "should", "can", "do", "did", "may",
    "might", "must", "shall",
]);

/// Words a title must not end on.
const TRAILING: Words = Words::new(&[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "by", "for", "with",
    "from", "since", "until", "during", "that", "which", "who", "its", "their", "his", "her",
    "our", "my", "your", "is", "was", "were", "are", "be", "been", "has", "have", "had", "as",
    "than", "into", "about", "after", "before", "between", "through", "over", "under", "while",
    "when", "where", "also", "very", "most", "more", "this", "these", "those", "such", "not",
]);

/// The title for the date at `matched` in `sentence`, whose clauses are `clauses`; `dates` are
/// all the date phrases of the sentence (sorted), which are left out of the title.
pub(super) fn title(
    text: &str,
    clauses: &Clauses,
    sentence: Range<usize>,
    matched: Range<usize>,
    dates: &[Range<usize>],
) -> String {
    let window = clauses::window(text, sentence, matched.clone(), REACH);
    let clause = clauses.around(window.clone(), matched.clone());
    let words = |range: Range<usize>| drop_date_words(clauses::words(text, range, dates));
    let mut before = words(clause.start..matched.start);
    while before.last().is_some_and(|w| in_list(w, &BEFORE_DATE)) {
        before.pop();
    }
    let after = words(matched.end..clause.end);
    let introduces = after.is_empty() && before.last().is_none_or(|w| in_list(w, &SUBORDINATORS));
    let following = || words(clause.end..window.end);
    let title = if introduces {
        tidy(following())
    } else {
        tidy(before.into_iter().chain(after))
    };
    if long_enough(&title) {
        return title;
    }
    if !introduces {
        let title = tidy(following());
        if long_enough(&title) {
            return title;
        }
    }
    let whole = tidy(words(window));
    if long_enough(&whole) {
        return whole;
    }
    let own = tidy(text[matched].split_whitespace());
    if own.is_empty() { whole } else { own }
}

/// Whether a title says enough to stand alone: at least two words.
fn long_enough(title: &str) -> bool {
    title.contains(' ')
}

/// `words` with each [`clauses::DATE_MARK`] taken out together with the preposition left
/// dangling before it: "agreed on ⟨date⟩ but" gives "agreed but". Works in place.
fn drop_date_words(mut words: Vec<&str>) -> Vec<&str> {
    let mut kept = 0;
    for read in 0..words.len() {
        let word = words[read];
        if word == clauses::DATE_MARK {
            while kept > 0 && in_list(words[kept - 1], &BEFORE_DATE) {
                kept -= 1;
            }
        } else {
            words[kept] = word;
            kept += 1;
        }
    }
    words.truncate(kept);
    words
}

/// The title for a date counted from an event: "the bombing of the aid convoy" gives
/// "Bombing of the aid convoy".
pub(super) fn event_title(text: &str, event: Range<usize>) -> String {
    let words: Vec<&str> = text[event].split_whitespace().collect();
    let articles = words
        .iter()
        .take_while(|w| in_list(w, &ARTICLES))
        .count()
        .min(words.len().saturating_sub(1));
    tidy(words.into_iter().skip(articles))
}

/// Whether `word`, without punctuation at either end, is in `list`, ignoring case.
fn in_list(word: &str, list: &Words) -> bool {
    if word.len() > 16 {
        return false;
    }
    let word = word.trim_matches(|c: char| !c.is_alphanumeric());
    list.has_length(word.len()) && list.words.iter().any(|w| word.eq_ignore_ascii_case(w))
}

/// A list of lower-case ASCII words and the set of their lengths: titles test every word
/// they keep against these lists, and most words have a length none of the list has.
struct Words {
    words: &'static [&'static str],
    /// Bit `n` is set when a word of `n` bytes is in the list.
    lengths: u64,
}

impl Words {
    const fn new(words: &'static [&'static str]) -> Self {
        let mut lengths = 0;
        let mut index = 0;
        while index < words.len() {
            lengths |= 1 << words[index].len();
            index += 1;
        }
        Self { words, lengths }
    }

    fn has_length(&self, length: usize) -> bool {
        length < 64 && self.lengths & (1 << length) != 0
    }
}

/// Single spaces, no stray punctuation or filler at either end, at most [`MAX_TITLE`]
/// characters at a word boundary, balanced brackets and a capital first letter.
///
/// Every dated mention gets a title, so the words are read only as far as the title can
/// reach, and the one String is built once the words are chosen.
fn tidy<'a>(words: impl IntoIterator<Item = &'a str>) -> String {
    let mut words = words.into_iter().filter(|w| has_alphanumeric(w));
    // Every word takes at least two characters of the title with its space, so no more than
    // this many fit.
    let mut kept = [""; MAX_TITLE / 2 + 1];
    let mut count = 0;
    let mut next = words.next();
    while let Some(word) = next {
        next = words.next();
        let filler = in_list(word, &LEADING)
            && !(word == "I" && next.is_some_and(|after| in_list(after, &AUXILIARIES)));
        if !(filler && next.is_some()) {
            kept[0] = word.trim_start_matches(|c: char| !c.is_alphanumeric());
            count = 1;
            break;
        }
    }
    let mut length = kept[0].chars().count();
    if length > MAX_TITLE {
        count = 0;
    }
    while let Some(word) = next.filter(|_| count > 0) {
        let size = word.chars().count() + 1;
        if length + size > MAX_TITLE {
            break;
        }
        length += size;
        kept[count] = word;
        count += 1;
        next = words.next();
    }
    while count > 0 {
        let last = kept[count - 1].trim_end_matches(|c: char| !c.is_alphanumeric());
        if count == 1 || !in_list(last, &TRAILING) {
            kept[count - 1] = last;
            break;
        }
        count -= 1;
    }
    let mut title = kept[..count].join(" ");
    balance(&mut title);
    let trimmed = title.trim();
    if trimmed.len() == title.len() && title.as_bytes().first().is_some_and(u8::is_ascii) {
        title[..1].make_ascii_uppercase();
        return title;
    }
    capitalise(trimmed)
}

/// Whether `word` has a letter or digit; ASCII is checked byte by byte.
fn has_alphanumeric(word: &str) -> bool {
    word.bytes().any(|b| b.is_ascii_alphanumeric())
        || (!word.is_ascii() && word.chars().any(char::is_alphanumeric))
}

/// Removes both marks of each kind of bracket that is not balanced, and all straight double
/// quotes when their number is odd.
fn balance(title: &mut String) {
    const MARKS: [char; 7] = ['(', ')', '[', ']', '“', '”', '"'];
    let bytes = title.as_bytes();
    let marked = bytes.iter().enumerate().any(|(at, &byte)| match byte {
        b'(' | b')' | b'[' | b']' | b'"' => true,
        0xE2 => {
            bytes[at + 1..].starts_with(&[0x80, 0x9C]) || bytes[at + 1..].starts_with(&[0x80, 0x9D])
        }
        _ => false,
    });
    if !marked {
        return;
    }
    let mut counts = [0usize; MARKS.len()];
    for c in title.chars() {
        if let Some(at) = MARKS.iter().position(|&mark| mark == c) {
            counts[at] += 1;
        }
    }
    for pair in 0..3 {
        if counts[2 * pair] != counts[2 * pair + 1] {
            let (open, close) = (MARKS[2 * pair], MARKS[2 * pair + 1]);
            title.retain(|c| c != open && c != close);
        }
    }
    if counts[6] % 2 == 1 {
        title.retain(|c| c != '"');
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    let Some(first) = chars.next() else {
        return String::new();
    };
    let mut upper = first.to_uppercase();
    match (upper.next(), upper.next()) {
        (Some(capital), None) => std::iter::once(capital).chain(chars).collect(),
        _ => text.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Tidying as first written, with a vector of kept words joined at the end.
    fn tidy_by_joining(words: &[&str]) -> String {
        let mut words: Vec<&str> = words
            .iter()
            .copied()
            .filter(|w| w.chars().any(char::is_alphanumeric))
            .collect();
        let filler = words
            .iter()
            .enumerate()
            .take_while(|&(index, w)| {
                in_list(w, &LEADING)
                    && !(*w == "I"
                        && words
                            .get(index + 1)
                            .is_some_and(|next| in_list(next, &AUXILIARIES)))
            })
            .count();
        words.drain(..filler.min(words.len().saturating_sub(1)));
        let mut kept = Vec::new();
        let mut length = 0;
        for (index, word) in words.into_iter().enumerate() {
            let word = if index == 0 {
                word.trim_start_matches(|c: char| !c.is_alphanumeric())
            } else {
                word
            };
            let size = word.chars().count() + usize::from(index > 0);
            if length + size > MAX_TITLE {
                break;
            }
            length += size;
            kept.push(word);
        }
        while let Some(last) = kept.pop() {
            let last = last.trim_end_matches(|c: char| !c.is_alphanumeric());
            if kept.is_empty() || !in_list(last, &TRAILING) {
                kept.push(last);
                break;
            }
        }
        let mut title = kept.join(" ");
        for (open, close) in [('(', ')'), ('[', ']'), ('“', '”')] {
            if title.matches(open).count() != title.matches(close).count() {
                title.retain(|c| c != open && c != close);
            }
        }
        if title.matches('"').count() % 2 == 1 {
            title.retain(|c| c != '"');
        }
        capitalise(title.trim())
    }

    proptest! {
        #[test]
        fn tidy_agrees_with_joining_the_kept_words(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "and", "I", "was", "the", "of", "Met", "Lavrov", "(in", "York)", "[sic", "“so",
                    "called”", "\"quoted", "word\"", "—", ",", "’s", "élan", "ßtraße", "ǆemal", "42",
                    "a-very-long-hyphenated-word-that-takes-up-room", "on", "with", "x", ")",
                ]),
                0..30,
            )
        ) {
            prop_assert_eq!(tidy(words.iter().copied()), tidy_by_joining(&words));
        }
    }
}
