//! Suggesting vocabulary additions: recurring proper-noun phrases the vocabulary misses.
//!
//! Curating `index.toml` by reading every document does not scale; this lists the
//! capitalised phrases ("Foreign Secretary", "General Assembly", "White House") that recur
//! in the pack but are not covered by any term, most frequent first, for an editor to accept
//! or ignore.

use std::collections::{BTreeSet, HashMap};
use std::ops::Range;

use super::aggregate::DocumentInput;
use super::matcher::Matcher;
use super::normalise::{canon, fold, is_apostrophe, is_word_char};
use super::sentence::sentences;
use crate::markdown::Block;

/// A phrase worth considering as a term.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Suggestion {
    /// The phrase, normalised (single spaces, straight apostrophes, no trailing possessive).
    pub phrase: String,
    /// How often it occurs.
    pub count: usize,
    /// In how many documents.
    pub documents: usize,
}

/// Lowercase words allowed inside a proper-noun phrase ("Leader of the House", "Staffan de
/// Mistura"); never at its ends.
const CONNECTORS: [&str; 19] = [
    "of", "the", "de", "du", "des", "del", "della", "di", "da", "la", "le", "von", "van", "der",
    "den", "bin", "ibn", "al", "el",
];

/// Lowercase prefixes of capitalised name parts ("al-Sham", "d'Estaing").
const NAME_PREFIXES: [&str; 6] = ["al-", "el-", "ad-", "ash-", "d'", "l'"];

/// Words capitalised only because they start a sentence (or, for "I", always).
const COMMON_WORDS: [&str; 96] = [
    "a",
    "about",
    "across",
    "after",
    "all",
    "also",
    "although",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "can",
    "could",
    "dear",
    "did",
    "do",
    "does",
    "during",
    "each",
    "either",
    "even",
    "every",
    "for",
    "from",
    "furthermore",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "indeed",
    "is",
    "it",
    "its",
    "many",
    "may",
    "meanwhile",
    "might",
    "more",
    "moreover",
    "most",
    "much",
    "must",
    "my",
    "neither",
    "no",
    "not",
    "now",
    "of",
    "on",
    "one",
    "or",
    "our",
    "please",
    "she",
    "should",
    "since",
    "so",
    "some",
    "such",
    "thank",
    "thanks",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "to",
    "we",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "why",
    "yes",
];

/// Days and months: capitalised but not index terms.
const CALENDAR_WORDS: [&str; 19] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "may",
];

/// Recurring capitalised phrases not covered by any vocabulary match.
///
/// A phrase qualifies when it occurs at least twice and in at least `min_documents`
/// documents (so `min_documents = 1` means "twice anywhere"). A sentence-initial common word
/// ("The", "However", "Thank") is dropped from the front of a phrase, and a phrase that is
/// only such a word is skipped. Sorted by count, then documents (both descending), then
/// phrase, so the output is deterministic.
pub fn suggest_terms(
    matcher: &Matcher,
    docs: &[DocumentInput<'_>],
    min_documents: usize,
) -> Vec<Suggestion> {
    let mut tally: HashMap<String, (usize, BTreeSet<usize>)> = HashMap::new();
    for (position, doc) in docs.iter().enumerate() {
        for Block { text, .. } in doc.paragraphs {
            let covered: Vec<Range<usize>> =
                matcher.find(text).into_iter().map(|m| m.range).collect();
            for phrase in phrases(text, &covered) {
                let (count, documents) = tally.entry(phrase).or_default();
                *count += 1;
                documents.insert(position);
            }
        }
    }
    let mut suggestions: Vec<Suggestion> = tally
        .into_iter()
        .filter(|(_, (count, documents))| *count >= 2 && documents.len() >= min_documents)
        .map(|(phrase, (count, documents))| Suggestion {
            phrase,
            count,
            documents: documents.len(),
        })
        .collect();
    suggestions.sort_by_cached_key(|s| {
        (
            std::cmp::Reverse(s.count),
            std::cmp::Reverse(s.documents),
            fold(&s.phrase),
            s.phrase.clone(),
        )
    });
    suggestions
}

/// A word of the text.
#[derive(Clone, Debug)]
struct Word {
    range: Range<usize>,
    /// The end without a possessive `'s`, used when the word ends a phrase.
    stem_end: usize,
    kind: Kind,
    sentence_initial: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Capitalised,
    Connector,
    Other,
}

/// The capitalised phrases of one paragraph, in order; `covered` are vocabulary matches.
fn phrases(text: &str, covered: &[Range<usize>]) -> Vec<String> {
    let words = words(text, covered);
    let mut found = Vec::new();
    let mut run: Vec<&Word> = Vec::new();
    for word in &words {
        let joined = run.last().is_some_and(|last| {
            text[last.range.end..word.range.start]
                .chars()
                .all(char::is_whitespace)
        });
        let extends = joined && word.kind != Kind::Other;
        if !extends {
            found.extend(phrase(text, &run));
            run.clear();
        }
        if word.kind == Kind::Capitalised || (extends && word.kind == Kind::Connector) {
            run.push(word);
        }
    }
    found.extend(phrase(text, &run));
    found
}

/// Turns a run of words into a phrase, or `None` if nothing proper is left.
fn phrase(text: &str, run: &[&Word]) -> Option<String> {
    let mut run = run;
    if let [first, rest @ ..] = run
        && first.sentence_initial
        && COMMON_WORDS.contains(&fold(&text[first.range.clone()]).as_str())
    {
        run = rest;
    }
    while let [first, rest @ ..] = run
        && first.kind != Kind::Capitalised
    {
        run = rest;
    }
    while let [rest @ .., last] = run
        && last.kind != Kind::Capitalised
    {
        run = rest;
    }
    let (first, last) = (run.first()?, run.last()?);
    if run.len() == 1 {
        let word = fold(&text[first.range.clone()]);
        if word == "i" || CALENDAR_WORDS.contains(&word.as_str()) {
            return None;
        }
    }
    Some(canon(&text[first.range.start..last.stem_end]))
}

/// Splits a paragraph into words: runs of word characters, joined across inner hyphens and
/// apostrophes ("al-Sham", "Majesty's"). Words overlapping a vocabulary match count as
/// [`Kind::Other`] so that phrases stop at them.
fn words(text: &str, covered: &[Range<usize>]) -> Vec<Word> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let sentence_starts: Vec<usize> = sentences(text).into_iter().map(|s| s.start).collect();
    let mut next_sentence = 0;
    let mut words = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !is_word_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = chars[i].0;
        let mut j = i + 1;
        while j < chars.len() {
            let joiner = chars[j].1 == '-' || is_apostrophe(chars[j].1);
            if is_word_char(chars[j].1)
                || (joiner && chars.get(j + 1).is_some_and(|&(_, c)| is_word_char(c)))
            {
                j += 1;
            } else {
                break;
            }
        }
        let end = chars.get(j).map_or(text.len(), |&(at, _)| at);
        let word = &text[start..end];
        let stem_end = possessive_stem(word).map_or(end, |stem| start + stem.len());
        let mut sentence_initial = false;
        while next_sentence < sentence_starts.len() && sentence_starts[next_sentence] <= start {
            sentence_initial = true;
            next_sentence += 1;
        }
        let overlaps = covered.iter().any(|c| c.start < end && start < c.end);
        words.push(Word {
            range: start..end,
            stem_end,
            kind: if overlaps { Kind::Other } else { kind(word) },
            sentence_initial,
        });
        i = j;
    }
    words
}

/// The word without a trailing possessive `'s` (any apostrophe), if it has one.
fn possessive_stem(word: &str) -> Option<&str> {
    let stem = word.strip_suffix(['s', 'S'])?;
    let apostrophe = stem.chars().next_back().filter(|&c| is_apostrophe(c))?;
    Some(&stem[..stem.len() - apostrophe.len_utf8()])
}

fn kind(word: &str) -> Kind {
    let folded = fold(word);
    if CONNECTORS.contains(&folded.as_str()) && word.chars().next().is_some_and(char::is_lowercase)
    {
        return Kind::Connector;
    }
    let after_prefix = NAME_PREFIXES
        .iter()
        .find(|prefix| folded.starts_with(*prefix))
        .map_or(word, |prefix| {
            let skip: usize = word
                .chars()
                .take(prefix.chars().count())
                .map(char::len_utf8)
                .sum();
            &word[skip..]
        });
    if after_prefix.chars().next().is_some_and(char::is_uppercase) {
        Kind::Capitalised
    } else {
        Kind::Other
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{paragraphs, vocabulary};
    use super::*;

    fn suggest(texts: &[&[&str]], min_documents: usize) -> Vec<(String, usize, usize)> {
        let v = vocabulary(
            "[[terms]]\nname = \"United Nations\"\ntaxonomy = \"organisations\"\n\
             [[terms]]\nname = \"Russia\"\ntaxonomy = \"places\"\n",
        );
        let matcher = Matcher::new(&v);
        let paragraphs: Vec<Vec<Block>> = texts.iter().map(|t| paragraphs(t)).collect();
        let docs: Vec<DocumentInput> = paragraphs
            .iter()
            .map(|p| DocumentInput {
                slug: "d",
                title: "D",
                sort_key: 0,
                paragraphs: p,
                tags: &[],
            })
            .collect();
        suggest_terms(&matcher, &docs, min_documents)
            .into_iter()
            .map(|s| (s.phrase, s.count, s.documents))
            .collect()
    }

    fn triples(expected: &[(&str, usize, usize)]) -> Vec<(String, usize, usize)> {
        expected
            .iter()
            .map(|&(p, c, d)| (p.to_string(), c, d))
            .collect()
    }

    #[test]
    fn recurring_capitalised_phrases_not_in_the_vocabulary() {
        let first: &[&str] = &[
            "The Foreign Secretary met the General Assembly of the United Nations. However, the White House said no.",
            "As the Foreign Secretary’s aide told the White House, Russia's view is known. Thank you.",
        ];
        let second: &[&str] = &[
            "Thank you. The Foreign Secretary spoke on Tuesday. I agree with Leeds Central.",
            "We thank Leeds Central and the Leader of the House.",
        ];
        assert_eq!(
            suggest(&[first, second], 1),
            triples(&[
                ("Foreign Secretary", 3, 2),
                ("Leeds Central", 2, 1),
                ("White House", 2, 1),
            ])
        );
        assert_eq!(
            suggest(&[first, second], 2),
            triples(&[("Foreign Secretary", 3, 2)])
        );
    }

    #[test]
    fn connectors_prefixes_and_possessives() {
        let text: &[&str] = &[
            "Talks with Staffan de Mistura and Jabhat Fateh al-Sham; Her Majesty’s Government agreed.",
            "Staffan de Mistura’s plan. Jabhat Fateh al-Sham's fighters. They thanked Her Majesty's Government.",
        ];
        assert_eq!(
            suggest(&[text], 1),
            triples(&[
                ("Her Majesty's Government", 2, 1),
                ("Jabhat Fateh al-Sham", 2, 1),
                ("Staffan de Mistura", 2, 1),
            ])
        );
    }

    #[test]
    fn sentence_initial_common_words_and_covered_phrases_are_skipped() {
        let text: &[&str] = &[
            "However, it held. This is it. Russia agreed. In May the United Nations met.",
            "However, it held. This is it. Russia agreed. In May the United Nations met.",
        ];
        assert_eq!(suggest(&[text], 1), triples(&[]));
    }

    #[test]
    fn words_split_on_punctuation_and_keep_inner_joiners() {
        let found = words("Mr Speaker, the UK’s hon. Friend; don't", &[]);
        let texts: Vec<&str> = found
            .iter()
            .map(|w| &"Mr Speaker, the UK’s hon. Friend; don't"[w.range.clone()])
            .collect();
        assert_eq!(
            texts,
            ["Mr", "Speaker", "the", "UK’s", "hon", "Friend", "don't"]
        );
        assert!(found[0].sentence_initial && !found[5].sentence_initial);
        assert_eq!(possessive_stem("UK’s"), Some("UK"));
        assert_eq!(possessive_stem("States"), None);
    }
}
