//! Finding every vocabulary term in a text in one pass.
//!
//! # How matching works
//!
//! The text is first [folded](super::folded::FoldedText): NFC, unified apostrophes and
//! hyphens, whitespace runs collapsed, simple case folding, with a map from each folded
//! character back to its byte offset in the caller's text. Every name and alias is folded
//! the same way and put into one trie (aho-corasick's contiguous NFA, walked anchored), so
//! byte-length changes made by folding or composition never distort the reported ranges.
//!
//! A match must start on a word boundary unless its form starts with a character that is not
//! part of a word, so no match can start inside a run of word characters: the search walks
//! the trie once from each other position, left to right, collecting every form that starts
//! there, whatever the number of terms. (An unanchored automaton would report every
//! short alias inside longer words, "es" in "measures", each to be rejected and searched
//! past again.)
//!
//! A candidate from the automaton is accepted when
//! * it starts and ends on word boundaries (no letter, digit or combining mark on either
//!   side; an apostrophe is a boundary only as a possessive `'s`, a closing quote or an
//!   opening quote, so "don't" and "O'Brien" stay single words), and
//! * for a case-sensitive form, the original text equals the form up to apostrophe style,
//!   Unicode normalisation and spacing.
//!
//! When the longest candidate at a position fails, shorter forms starting at the same
//! position are tried, then the search moves on by one character. Each position is thus
//! examined by one walk no longer than the longest form, which keeps the work linear in the
//! text's length.
//!
//! A possessive is never part of the range: "Russia's" and "Russia’s" give `Russia` with
//! the range covering "Russia". An alias written with a possessive of another form of the
//! same term is therefore redundant and not searched for.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::automaton::{Automaton, StateID};
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

use super::folded::FoldedText;
use super::normalise::{canon, canon_is, fold, is_word_char};
use super::vocabulary::{CaseRule, Origin, TermId, Vocabulary};

/// One occurrence of a term in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// The term found.
    pub term: TermId,
    /// Byte range in the searched text, on character boundaries, without any possessive.
    pub range: Range<usize>,
}

/// A term form that folds to a given automaton pattern.
#[derive(Clone, Debug)]
struct Candidate {
    term: TermId,
    /// The form in [`canon`] form when it is case-sensitive; `None` when any case matches.
    exact: Option<String>,
}

/// A distinct folded pattern and the forms behind it.
#[derive(Clone, Debug)]
struct Pattern {
    /// Case-sensitive forms first, so an exact match is preferred to a case-blind one.
    candidates: Vec<Candidate>,
    /// Whether a word boundary is required before the pattern (it starts with a word char).
    bounded_start: bool,
    /// Whether a word boundary is required after the pattern.
    bounded_end: bool,
}

/// A multi-pattern searcher built once from a vocabulary and reused for every paragraph.
#[derive(Clone, Debug)]
pub struct Matcher {
    /// The trie of every folded pattern, searched anchored at one position at a time.
    automaton: NFA,
    /// Where every walk of the trie starts.
    start: StateID,
    /// Whether some pattern starts with each byte, so most positions need no walk at all.
    first_bytes: [bool; 256],
    patterns: Vec<Pattern>,
}

impl Matcher {
    /// Builds the automaton from every name and alias of the vocabulary's `index.toml` terms
    /// (front-matter-only terms are not searched for; see [`Origin::FrontMatter`]).
    ///
    /// # Panics
    /// Only if the automaton exceeds aho-corasick's internal size limits, which takes
    /// millions of patterns, far beyond any vocabulary.
    pub fn new(vocabulary: &Vocabulary) -> Self {
        let (folded_patterns, patterns) = patterns(vocabulary);
        let automaton = NFA::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .prefilter(false)
            .build(&folded_patterns)
            .expect("a vocabulary's patterns fit aho-corasick's size limits");
        let start = automaton
            .start_state(Anchored::Yes)
            .expect("an NFA supports anchored searches");
        let mut first_bytes = [false; 256];
        for pattern in &folded_patterns {
            if let Some(&byte) = pattern.as_bytes().first() {
                first_bytes[usize::from(byte)] = true;
            }
        }
        Matcher {
            automaton,
            start,
            first_bytes,
            patterns,
        }
    }

    /// Every term occurrence in `text`, left to right, non-overlapping; at each position the
    /// longest acceptable form wins ("UN Security Council" over "Security Council" over
    /// "UN"). Linear in the length of `text`.
    pub fn find(&self, text: &str) -> Vec<TermMatch> {
        let folded = FoldedText::new(text);
        let haystack = folded.text.as_str();
        let bytes = haystack.as_bytes();
        let mut found = Vec::new();
        let mut starting_here = Vec::new();
        let mut position = 0;
        let mut after_word = false;
        while let Some(&byte) = bytes.get(position) {
            let (word, width) = if byte.is_ascii() {
                (byte.is_ascii_alphanumeric(), 1)
            } else {
                let c = haystack[position..].chars().next().unwrap_or_default();
                (is_word_char(c), c.len_utf8())
            };
            if !(word && after_word)
                && self.first_bytes[usize::from(byte)]
                && let Some((term_match, end)) =
                    self.accept_at(text, &folded, position, &mut starting_here)
            {
                found.push(term_match);
                after_word = haystack[..end]
                    .chars()
                    .next_back()
                    .is_some_and(is_word_char);
                position = end;
                continue;
            }
            after_word = word;
            position += width;
        }
        found
    }

    /// The longest acceptable match starting at folded offset `start`, and its folded end.
    /// `starting_here` is scratch space for the (end, pattern) of every form found there.
    fn accept_at(
        &self,
        text: &str,
        folded: &FoldedText,
        start: usize,
        starting_here: &mut Vec<(usize, usize)>,
    ) -> Option<(TermMatch, usize)> {
        let trie = &self.automaton;
        let mut state = self.start;
        starting_here.clear();
        for (length, &byte) in (1..).zip(&folded.text.as_bytes()[start..]) {
            state = trie.next_state(Anchored::Yes, state, byte);
            if trie.is_dead(state) {
                break;
            }
            if !trie.is_match(state) {
                continue;
            }
            for index in 0..trie.match_len(state) {
                let pattern = trie.match_pattern(state, index);
                if trie.pattern_len(pattern) == length {
                    starting_here.push((start + length, pattern.as_usize()));
                }
            }
        }
        starting_here.iter().rev().find_map(|&(end, pattern)| {
            self.accept(text, folded, start..end, pattern)
                .map(|term_match| (term_match, end))
        })
    }

    /// Checks word boundaries and the case rule of one candidate.
    fn accept(
        &self,
        text: &str,
        folded: &FoldedText,
        range: Range<usize>,
        pattern: usize,
    ) -> Option<TermMatch> {
        let pattern = &self.patterns[pattern];
        let haystack = folded.text.as_str();
        if pattern.bounded_start && !boundary_before(&haystack[..range.start]) {
            return None;
        }
        if pattern.bounded_end && !boundary_after(&haystack[range.end..]) {
            return None;
        }
        let original = folded.original(range.start)?..folded.original(range.end)?;
        pattern
            .candidates
            .iter()
            .find(|candidate| match &candidate.exact {
                None => true,
                Some(exact) => canon_is(&text[original.clone()], exact),
            })
            .map(|candidate| TermMatch {
                term: candidate.term,
                range: original,
            })
    }
}

/// The distinct folded forms of the vocabulary's `index.toml` terms, in the order the
/// automaton numbers them, with the terms and case rules behind each.
fn patterns(vocabulary: &Vocabulary) -> (Vec<String>, Vec<Pattern>) {
    let mut folded_patterns: Vec<String> = Vec::new();
    let mut patterns: Vec<Pattern> = Vec::new();
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for term in vocabulary.terms() {
        if term.origin == Origin::FrontMatter {
            continue;
        }
        let folded_forms: Vec<String> = term.forms().map(fold).collect();
        for form in term.forms() {
            let folded = fold(form);
            if is_redundant_possessive(&folded, &folded_forms) {
                continue;
            }
            let exact = match term.case_for(form) {
                CaseRule::Sensitive => Some(canon(form)),
                CaseRule::Insensitive => None,
            };
            let index = *index_of.entry(folded.clone()).or_insert_with(|| {
                patterns.push(Pattern {
                    candidates: Vec::new(),
                    bounded_start: folded.chars().next().is_some_and(is_word_char),
                    bounded_end: folded.chars().next_back().is_some_and(is_word_char),
                });
                folded_patterns.push(folded);
                patterns.len() - 1
            });
            let candidates = &mut patterns[index].candidates;
            if !candidates
                .iter()
                .any(|c| c.term == term.id && c.exact == exact)
            {
                candidates.push(Candidate {
                    term: term.id,
                    exact,
                });
            }
        }
    }
    for pattern in &mut patterns {
        pattern.candidates.sort_by_key(|c| c.exact.is_none());
    }
    (folded_patterns, patterns)
}

/// Whether a folded form is another folded form of the same term plus a possessive, which
/// the boundary rules already match.
fn is_redundant_possessive(folded: &str, all_forms: &[String]) -> bool {
    let stem = folded
        .strip_suffix("'s")
        .or_else(|| folded.strip_suffix('\'').filter(|s| s.ends_with('s')));
    stem.is_some_and(|stem| all_forms.iter().any(|form| form == stem))
}

/// Whether a match may start right after `before` (folded text).
fn boundary_before(before: &str) -> bool {
    let mut previous = before.chars().rev();
    match previous.next() {
        None => true,
        Some('\'') => !previous.next().is_some_and(is_word_char),
        Some(c) => !is_word_char(c),
    }
}

/// Whether a match may end right before `after` (folded text): a non-word character, or an
/// apostrophe that is a possessive `'s` or a closing quote.
fn boundary_after(after: &str) -> bool {
    let mut next = after.chars();
    match next.next() {
        None => true,
        Some('\'') => match next.next() {
            None => true,
            Some('s') => !next.next().is_some_and(is_word_char),
            Some(c) => !is_word_char(c),
        },
        Some(c) => !is_word_char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::vocabulary;
    use super::*;
    use proptest::prelude::*;
    use std::time::{Duration, Instant};

    /// (name of the term, matched text) for each match.
    fn found(vocabulary: &Vocabulary, text: &str) -> Vec<(String, String)> {
        Matcher::new(vocabulary)
            .find(text)
            .into_iter()
            .map(|m| {
                (
                    vocabulary.get(m.term).name.clone(),
                    text[m.range].to_string(),
                )
            })
            .collect()
    }

    fn pairs(expected: &[(&str, &str)]) -> Vec<(String, String)> {
        expected
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    const SAMPLE: &str = r#"
[[terms]]
name = "Russia"
taxonomy = "places"
aliases = ["Russian", "Russia's", "Moscow"]

[[terms]]
name = "Assad regime"
taxonomy = "organisations"
aliases = ["Assad", "President Assad", "regime", "Syrian regime"]

[[terms]]
name = "Turkey"
taxonomy = "places"

[[terms]]
name = "Ceasefire"
taxonomy = "topics"
aliases = ["ceasefire", "truce"]

[[terms]]
name = "Court"
taxonomy = "organisations"

[[terms]]
name = "International Criminal Court"
taxonomy = "organisations"

[[terms]]
name = "UN"
taxonomy = "organisations"
aliases = ["United Nations"]

[[terms]]
name = "Security Council"
taxonomy = "organisations"

[[terms]]
name = "UN Security Council"
taxonomy = "organisations"

[[terms]]
name = "Jabhat Fateh al-Sham"
taxonomy = "organisations"
aliases = ["JFS"]

[[terms]]
name = "Genève"
taxonomy = "places"
aliases = ["Алеппо"]

[[terms]]
name = "YPG"
taxonomy = "organisations"
aliases = ["People’s Protection Units"]

[[terms]]
name = "war crimes"
taxonomy = "topics"
aliases = ["war crime"]
"#;

    #[test]
    fn aliases_map_to_their_term() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(&v, "Moscow and the Russian envoy; President Assad."),
            pairs(&[
                ("Russia", "Moscow"),
                ("Russia", "Russian"),
                ("Assad regime", "President Assad"),
            ])
        );
    }

    #[test]
    fn possessives_with_straight_and_curly_apostrophes() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "Russia's veto, Russia’s veto, Assad’s forces, Turkey' and 'Turkey'."
            ),
            pairs(&[
                ("Russia", "Russia"),
                ("Russia", "Russia"),
                ("Assad regime", "Assad"),
                ("Turkey", "Turkey"),
                ("Turkey", "Turkey"),
            ])
        );
        assert_eq!(found(&v, "Russia'n Turkey'd O'Turkey"), pairs(&[]));
    }

    #[test]
    fn case_rules() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "Ceasefire talks: a CEASEFIRE, a ceasefire, a Truce. The court, the Court."
            ),
            pairs(&[
                ("Ceasefire", "Ceasefire"),
                ("Ceasefire", "CEASEFIRE"),
                ("Ceasefire", "ceasefire"),
                ("Ceasefire", "Truce"),
                ("Court", "Court"),
            ])
        );
        assert_eq!(
            found(&v, "the Regime, the REGIME, turkey, RUSSIA"),
            pairs(&[("Assad regime", "Regime"), ("Assad regime", "REGIME")])
        );
    }

    #[test]
    fn explicit_case_rule_overrides_the_default() {
        let v = vocabulary(
            "[[terms]]\nname = \"Aid\"\ntaxonomy = \"topics\"\ncase = \"insensitive\"\n\
             [[terms]]\nname = \"gov\"\ntaxonomy = \"topics\"\ncase = \"sensitive\"\n",
        );
        assert_eq!(
            found(&v, "aid AID gov GOV"),
            pairs(&[("Aid", "aid"), ("Aid", "AID"), ("gov", "gov")])
        );
    }

    #[test]
    fn longest_match_wins() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "the International Criminal Court; the UN Security Council; the Security Council; the UN."
            ),
            pairs(&[
                (
                    "International Criminal Court",
                    "International Criminal Court"
                ),
                ("UN Security Council", "UN Security Council"),
                ("Security Council", "Security Council"),
                ("UN", "UN"),
            ])
        );
    }

    #[test]
    fn a_failed_longer_match_falls_back_to_a_shorter_one() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "UN Security Councillors; the Syrian regimes; un Security Council"
            ),
            pairs(&[("UN", "UN"), ("Security Council", "Security Council"),])
        );
    }

    #[test]
    fn hyphenated_and_accented_names() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "Jabhat Fateh al-Sham (JFS) and Jabhat Fateh al\u{2011}Sham"
            ),
            pairs(&[
                ("Jabhat Fateh al-Sham", "Jabhat Fateh al-Sham"),
                ("Jabhat Fateh al-Sham", "JFS"),
                ("Jabhat Fateh al-Sham", "Jabhat Fateh al\u{2011}Sham"),
            ])
        );
        let nfd = "talks in Gene\u{300}ve and Genève, not Geneva or Genèveois; Алеппо";
        assert_eq!(
            found(&v, nfd),
            pairs(&[
                ("Genève", "Gene\u{300}ve"),
                ("Genève", "Genève"),
                ("Genève", "Алеппо"),
            ])
        );
    }

    #[test]
    fn nfd_vocabulary_matches_nfc_text() {
        let v = vocabulary("[[terms]]\nname = \"Gene\u{300}ve\"\ntaxonomy = \"places\"\n");
        assert_eq!(v.terms()[0].name, "Genève");
        assert_eq!(found(&v, "in Genève"), pairs(&[("Genève", "Genève")]));
    }

    #[test]
    fn apostrophe_style_in_aliases_does_not_matter() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "the People's Protection Units and the People’s Protection Units"
            ),
            pairs(&[
                ("YPG", "People's Protection Units"),
                ("YPG", "People’s Protection Units"),
            ])
        );
    }

    #[test]
    fn whole_words_only() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(
                &v,
                "Russians, Turkeys, Turkeyish, preRussia, Russia2, war crimesx, UNSC"
            ),
            pairs(&[])
        );
        assert_eq!(
            found(
                &v,
                "Turkey–Russia, anti-Assad, (Russia), war\ncrimes, “Turkey”"
            ),
            pairs(&[
                ("Turkey", "Turkey"),
                ("Russia", "Russia"),
                ("Assad regime", "Assad"),
                ("Russia", "Russia"),
                ("war crimes", "war\ncrimes"),
                ("Turkey", "Turkey"),
            ])
        );
    }

    #[test]
    fn plurals_only_through_aliases() {
        let v = vocabulary(SAMPLE);
        assert_eq!(
            found(&v, "a war crime, two war crimes, many Courts"),
            pairs(&[("war crimes", "war crime"), ("war crimes", "war crimes")])
        );
    }

    #[test]
    fn redundant_possessive_aliases_are_not_patterns() {
        assert!(is_redundant_possessive("russia's", &["russia".into()]));
        assert!(is_redundant_possessive("kurds'", &["kurds".into()]));
        assert!(!is_redundant_possessive(
            "her majesty's",
            &["government".into()]
        ));
    }

    #[test]
    fn ranges_refer_to_the_original_text_after_length_changing_folds() {
        let v = vocabulary("[[terms]]\nname = \"kelvin\"\ntaxonomy = \"topics\"\n");
        let text = "ẞ \u{212A}ELVIN and kelvin";
        let matches = Matcher::new(&v).find(text);
        let ranges: Vec<&str> = matches.iter().map(|m| &text[m.range.clone()]).collect();
        assert_eq!(ranges, ["\u{212A}ELVIN", "kelvin"]);
    }

    #[test]
    fn thousands_of_terms_over_a_megabyte_is_fast() {
        let mut toml = String::new();
        for i in 0..3000 {
            toml.push_str(&format!(
                "[[terms]]\nname = \"Term{i} Zeta\"\ntaxonomy = \"topics\"\naliases = [\"alias{i}\"]\n"
            ));
        }
        let v = vocabulary(&toml);
        let matcher = Matcher::new(&v);
        let filler = "Some ordinary words, then Term17 Zeta and alias2999’s role; ";
        let text = filler.repeat(1_000_000 / filler.len() + 1);
        let started = Instant::now();
        let matches = matcher.find(&text);
        let elapsed = started.elapsed();
        let repeats = text.len() / filler.len();
        assert_eq!(matches.len(), 2 * repeats);
        assert!(elapsed < Duration::from_secs(10), "took {elapsed:?}");
    }

    /// The search as first written: an unanchored leftmost-longest automaton, each rejected
    /// candidate followed by anchored searches for shorter forms, then a step of one
    /// character. The anchored walk from each possible word start must find the same.
    fn find_unanchored(vocabulary: &Vocabulary, text: &str) -> Vec<TermMatch> {
        use aho_corasick::{AhoCorasick, Input, StartKind};
        let matcher = Matcher::new(vocabulary);
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .start_kind(StartKind::Both)
            .build(patterns(vocabulary).0)
            .unwrap();
        let folded = FoldedText::new(text);
        let haystack = folded.text.as_str();
        let mut found = Vec::new();
        let mut position = 0;
        while let Some(first) = automaton.find(Input::new(haystack).span(position..haystack.len()))
        {
            let (start, mut end, mut pattern) =
                (first.start(), first.end(), first.pattern().as_usize());
            let accepted = loop {
                if let Some(term_match) = matcher.accept(text, &folded, start..end, pattern) {
                    break Some((term_match, end));
                }
                let shorter = Input::new(haystack)
                    .span(start..end - 1)
                    .anchored(Anchored::Yes);
                let Some(shorter) = automaton.find(shorter) else {
                    break None;
                };
                (end, pattern) = (shorter.end(), shorter.pattern().as_usize());
            };
            position = match accepted {
                Some((term_match, end)) => {
                    found.push(term_match);
                    end
                }
                None => start + haystack[start..].chars().next().map_or(1, char::len_utf8),
            };
        }
        found
    }

    /// Forms that start or end with characters outside words, and short aliases that occur
    /// inside longer words.
    const TRICKY: &str = r##"
[[terms]]
name = "Estonia"
taxonomy = "places"
aliases = ["ES", "es", "EST"]

[[terms]]
name = "’t Hooft"
taxonomy = "people"
aliases = ["#MeToo", "C++", "A.N. Other", "-ism"]

[[terms]]
name = "UN"
taxonomy = "organisations"

[[terms]]
name = "UN Security Council"
taxonomy = "organisations"
aliases = ["un security"]
"##;

    proptest! {
        #[test]
        fn the_anchored_walk_finds_what_the_unanchored_search_found(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "measures", "es", "Es", "ES", "EST", "Estonia", "#MeToo", "C++", "x",
                    "’t Hooft", "'t", "Hooft", "A.N. Other", "-ism", "ism", "UN", "un",
                    " Security Council", " security", "Russia", "Russia’s", "’s", "'", " ",
                    "\n", "-", "é", "\u{301}", "Gene\u{300}ve", "Алеппо", "(", ")", ".",
                    "Jabhat Fateh al-Sham", "war", " crimes", "7",
                ]),
                0..16,
            )
        ) {
            let text = pieces.concat();
            for toml in [SAMPLE, TRICKY] {
                let v = vocabulary(toml);
                prop_assert_eq!(Matcher::new(&v).find(&text), find_unanchored(&v, &text));
            }
        }

        #[test]
        fn the_anchored_walk_finds_what_the_unanchored_search_found_in_any_text(
            text in any::<String>()
        ) {
            for toml in [SAMPLE, TRICKY] {
                let v = vocabulary(toml);
                prop_assert_eq!(Matcher::new(&v).find(&text), find_unanchored(&v, &text));
            }
        }

        #[test]
        fn find_never_panics_and_returns_char_boundaries(text in any::<String>()) {
            let v = vocabulary(SAMPLE);
            let matcher = Matcher::new(&v);
            let mut last_end = 0;
            for m in matcher.find(&text) {
                prop_assert!(text.is_char_boundary(m.range.start));
                prop_assert!(text.is_char_boundary(m.range.end));
                prop_assert!(m.range.start >= last_end && m.range.start < m.range.end);
                last_end = m.range.end;
            }
        }

        #[test]
        fn nfc_and_nfd_texts_give_the_same_terms(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Genève", "Gene\u{300}ve", "Russia", "Assad’s", "regime", " ", ", ", "é",
                    "e\u{301}", "x", "'s", "-", "\u{301}", "UN Security Council", "Ω",
                ]),
                0..12,
            )
        ) {
            use unicode_normalization::UnicodeNormalization;
            let v = vocabulary(SAMPLE);
            let matcher = Matcher::new(&v);
            let text = pieces.concat();
            let nfc: String = text.nfc().collect();
            let nfd: String = text.nfd().collect();
            let terms = |t: &str| -> Vec<(TermId, String)> {
                matcher
                    .find(t)
                    .into_iter()
                    .map(|m| (m.term, t[m.range].nfc().collect()))
                    .collect()
            };
            prop_assert_eq!(terms(&nfc), terms(&nfd));
            prop_assert_eq!(terms(&text), terms(&nfc));
        }

        #[test]
        fn every_match_is_a_form_of_its_own_term(
            pieces in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Russia", "Russian", "Russia’s", "Moscow", "UN", "United Nations",
                    "UN Security Council", "Security Council", "Council", "court", "Court",
                    "International Criminal Court", "ceasefire", "CEASEFIRE", "Truce", "Assad",
                    "Syrian regime", "Jabhat Fateh", " al\u{2011}Sham", "Gene\u{300}ve", "Алеппо",
                    "war", " crimes", " ", "\n", ", ", "'", "’s", "-", "x", "é",
                ]),
                0..16,
            )
        ) {
            let v = vocabulary(SAMPLE);
            let text = pieces.concat();
            for m in Matcher::new(&v).find(&text) {
                let term = v.get(m.term);
                let found = fold(&text[m.range.clone()]);
                prop_assert!(
                    term.forms().any(|form| fold(form) == found),
                    "{:?} reported as {:?}", &text[m.range], term.name
                );
            }
        }

        #[test]
        fn terms_embedded_in_noise_are_found(prefix in "[ -~]{0,20}", suffix in "[ -~]{0,20}") {
            let v = vocabulary(SAMPLE);
            let text = format!("{prefix} Jabhat Fateh al-Sham {suffix}");
            let hits = found(&v, &text);
            prop_assert!(hits.contains(&("Jabhat Fateh al-Sham".to_string(), "Jabhat Fateh al-Sham".to_string())));
        }
    }
}
