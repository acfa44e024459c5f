//! Recognises date phrases in the tokens of one sentence: calendar dates and ranges here,
//! phrases relative to the document or to another date in `relative.rs`.
//!
//! Each recogniser looks at a fixed number of tokens from where it starts and the scan never
//! goes back, so a sentence is read in linear time whatever it contains.

use std::ops::Range;

use chrono::Weekday;

use super::DateOrder;
use super::tokens::{Kind, Token};
use super::words::{self, MonthForm, Season, Starts, Unit};

/// The earliest year a bare number is read as: older numbers are counts or references.
const FIRST_YEAR: u32 = 1000;
/// The latest year a bare number is read as.
const LAST_YEAR: u32 = 2199;

/// Calendar fields as written; a missing year is inferred from the document date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Cal {
    /// The year, when written.
    pub year: Option<i32>,
    /// The month, when written.
    pub month: Option<u32>,
    /// The day of the month, when written.
    pub day: Option<u32>,
}

/// A signed distance in time; positive is later.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Offset {
    /// How many units, negative for earlier.
    pub amount: i32,
    /// What is counted.
    pub unit: Unit,
}

impl Offset {
    /// The same distance in the other direction.
    pub fn reversed(self) -> Self {
        Self {
            amount: -self.amount,
            unit: self.unit,
        }
    }
}

/// A date counted from the document's own date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Relative {
    /// "yesterday" is -1, "today" 0, "the day after tomorrow" 2.
    Days(i32),
    /// "last week" is -1, "this week" 0, "next week" 1. With no week precision to hand, it
    /// resolves to the month holding that Monday-to-Sunday week's Thursday (the month most of
    /// the week falls in), marked approximate: a day would claim too much.
    Week(i32),
    /// "last Tuesday" (backward) or "next Tuesday" (forward).
    Weekday {
        /// The day of the week named.
        weekday: Weekday,
        /// Whether the day is after the document date.
        forward: bool,
    },
    /// "last month" is -1.
    Months(i32),
    /// "last year" is -1.
    Years(i32),
    /// "August last year": a month in a year counted from the document's.
    MonthOfYear {
        /// The month named.
        month: u32,
        /// Years from the document's year.
        years: i32,
    },
    /// "last August" or "next August": the nearest such month before or after.
    NamedMonth {
        /// The month named.
        month: u32,
        /// Whether the month is after the document date.
        forward: bool,
    },
    /// "last summer" is -1, "this summer" 0, "next summer" 1.
    Season {
        /// The season named.
        season: Season,
        /// Which one, counted from the document date.
        step: i32,
    },
    /// "two weeks ago": a distance back from the document date.
    Ago(Offset),
}

/// What a phrase says about when, before any document date is applied.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum When {
    /// A calendar date, possibly without its year.
    Calendar(Cal),
    /// A date counted from the document date.
    Relative(Relative),
}

/// The shape of a recognised phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Shape {
    /// One date.
    Point(When),
    /// A range of dates: "between 2014 and 2015".
    Span(When, When),
    /// A distance from a date in the same phrase: "two days after 9 September".
    After {
        /// The date counted from.
        base: When,
        /// The distance.
        offset: Offset,
    },
    /// A distance from the previous date in the sentence: "ten days later".
    FromAnchor(Offset),
    /// An event a distance before or after the sentence's date: in "on 21 September, which was
    /// two days after the bombing", the bombing was on 19 September.
    Event {
        /// How far the sentence's date is from the event.
        offset: Offset,
        /// The byte range of the event phrase ("the bombing of the aid convoy").
        event: Range<usize>,
    },
}

/// A recognised phrase and where it is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Raw {
    /// What it says.
    pub shape: Shape,
    /// The byte range of its words in the paragraph.
    pub range: Range<usize>,
    /// Whether the words are fuzzy.
    pub approximate: bool,
    /// The fuzzy word to show with the date ("late", "summer").
    pub qualifier: Option<&'static str>,
}

/// A phrase recognised from a token, before its byte range is known.
pub(super) struct Hit {
    /// What it says.
    pub shape: Shape,
    /// The token just past the phrase.
    pub next: usize,
    /// Whether the words are fuzzy.
    pub approximate: bool,
    /// The fuzzy word to show with the date.
    pub qualifier: Option<&'static str>,
}

impl Hit {
    /// An exact phrase ending before token `next`.
    pub fn exact(shape: Shape, next: usize) -> Self {
        Self {
            shape,
            next,
            approximate: false,
            qualifier: None,
        }
    }
}

/// The tokens of one sentence and the helpers that read them.
pub(super) struct Scanner<'a> {
    /// The whole paragraph.
    pub text: &'a str,
    /// The sentence's tokens.
    pub toks: &'a [Token],
    /// How numeric dates are read.
    pub order: DateOrder,
}

/// Finds the date phrases of one sentence, left to right, never overlapping.
pub(super) fn scan(text: &str, toks: &[Token], order: DateOrder) -> Vec<Raw> {
    let scanner = Scanner { text, toks, order };
    let mut found = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match scanner.at(i) {
            Some(hit) if hit.next > i => {
                found.push(Raw {
                    shape: hit.shape,
                    range: toks[i].start..toks[hit.next - 1].end,
                    approximate: hit.approximate,
                    qualifier: hit.qualifier,
                });
                i = hit.next;
            }
            _ => i += 1,
        }
    }
    found
}

impl Scanner<'_> {
    /// The phrase starting at token `i`, trying the longest kinds of phrase first.
    /// Each recogniser is tried only when the first word can start its kind of phrase
    /// ([`words::phrase_starts`]); the others would find nothing there.
    fn at(&self, i: usize) -> Option<Hit> {
        let starts = match self.kind(i)? {
            Kind::Word => words::phrase_starts(self.text_of(i)),
            Kind::Number | Kind::Ordinal | Kind::Grouped => Starts::ALL,
            _ => return None,
        };
        if starts.contains(Starts::RANGE)
            && let Some(hit) = self.range(i)
        {
            return Some(hit);
        }
        if starts.contains(Starts::RELATIVE)
            && let Some((relative, next)) = self.doc_relative(i)
        {
            return Some(Hit::exact(Shape::Point(When::Relative(relative)), next));
        }
        if starts.contains(Starts::OFFSET)
            && let Some(hit) = self.offset(i)
        {
            return Some(hit);
        }
        if starts.contains(Starts::FUZZY)
            && let Some(hit) = self.fuzzy(i)
        {
            return Some(hit);
        }
        if !starts.contains(Starts::CALENDAR) {
            return None;
        }
        self.calendar(i, false)
            .map(|(shape, next)| Hit::exact(shape, next))
    }

    /// The text of token `i`, or "" past the end.
    pub fn text_of(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// Whether token `i` is the word `word` (ASCII), ignoring case and apostrophe style.
    ///
    /// The scanner asks this of most words many times over, so the common answers come
    /// from the lengths: a word of the same length matches only byte for byte (ignoring
    /// case), and a shorter one never does; only a longer one, which may hold a curly
    /// apostrophe, is compared character by character.
    pub fn is_word(&self, i: usize, word: &str) -> bool {
        let Some(token) = self.toks.get(i).filter(|t| t.kind == Kind::Word) else {
            return false;
        };
        let length = token.end - token.start;
        if length == word.len() {
            return self.text.as_bytes()[token.start..token.end]
                .eq_ignore_ascii_case(word.as_bytes());
        }
        length > word.len() && same_word(&self.text[token.start..token.end], word)
    }

    /// Whether token `i` is one of `list`.
    pub fn word_in(&self, i: usize, list: &[&str]) -> bool {
        list.iter().any(|word| self.is_word(i, word))
    }

    /// Whether the token before `i` is one of `list`.
    pub fn after_word_in(&self, i: usize, list: &[&str]) -> bool {
        i > 0 && self.word_in(i - 1, list)
    }

    /// Whether token `i` is one of the punctuation characters `marks`.
    pub fn is_punct(&self, i: usize, marks: &[char]) -> bool {
        self.kind(i) == Some(Kind::Punct)
            && self
                .text_of(i)
                .chars()
                .next()
                .is_some_and(|c| marks.contains(&c))
    }

    /// What token `i` is made of.
    pub fn kind(&self, i: usize) -> Option<Kind> {
        self.toks.get(i).map(|t| t.kind)
    }

    /// Whether token `i` follows the previous one with no space.
    pub fn attached(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| !t.spaced)
    }

    /// Whether token `i` starts with a capital letter.
    pub fn capitalised(&self, i: usize) -> bool {
        self.text_of(i)
            .chars()
            .next()
            .is_some_and(char::is_uppercase)
    }

    /// Whether token `i` ends the phrase: the end of the sentence or clause punctuation.
    pub fn phrase_end(&self, i: usize) -> bool {
        i >= self.toks.len() || self.is_punct(i, &[',', '.', ';', ':', '!', '?', ')', '—', '–'])
    }

    /// The value of a plain number of at most `max_digits` digits.
    fn number(&self, i: usize, max_digits: usize) -> Option<u32> {
        let text = self.text_of(i);
        (self.kind(i) == Some(Kind::Number) && text.len() <= max_digits)
            .then(|| text.parse().ok())
            .flatten()
    }

    /// A day of the month written as `21` or `21st`.
    fn day_number(&self, i: usize) -> Option<u32> {
        let text = self.text_of(i);
        let digits = match self.kind(i)? {
            Kind::Number => text,
            Kind::Ordinal => &text[..text.len() - 2],
            _ => return None,
        };
        if digits.len() > 2 {
            return None;
        }
        digits.parse().ok().filter(|d| (1..=31).contains(d))
    }

    /// A four-digit year in the range a pack can mean.
    pub fn year(&self, i: usize) -> Option<i32> {
        let value = self.number(i, 4).filter(|_| self.text_of(i).len() == 4)?;
        (FIRST_YEAR..=LAST_YEAR)
            .contains(&value)
            .then_some(value as i32)
    }

    /// The year that completes a month or day-month at `i`, and the token after it: "October
    /// 2016", "October 18, 2016". After a comma the year must not be a count ("21 September,
    /// 2000 people marched").
    pub fn year_after(&self, i: usize) -> Option<(i32, usize)> {
        let comma = self.is_punct(i, &[',']);
        let at = i + usize::from(comma);
        let year = self.year(at)?;
        (!comma || !self.count_follows(at + 1)).then_some((year, at + 1))
    }

    /// Whether token `i` makes the number before it a count: "people", "%", "troops".
    fn count_follows(&self, i: usize) -> bool {
        if self.is_punct(i, &['%']) && self.attached(i) {
            return true;
        }
        if self.kind(i) != Some(Kind::Word) || self.capitalised(i) {
            return false;
        }
        let word = self.text_of(i);
        let lower = word.to_lowercase();
        words::COUNT_WORDS.contains(&lower.as_str())
            || (lower.len() > 3
                && lower.ends_with('s')
                && !["ss", "us", "is"].iter().any(|end| lower.ends_with(end))
                && !words::NOT_PLURAL.contains(&lower.as_str()))
    }

    /// A month name at `i`, its form, and the token after it (past an abbreviation's point).
    pub fn month(&self, i: usize) -> Option<(u32, MonthForm, usize)> {
        if self.kind(i) != Some(Kind::Word) {
            return None;
        }
        let (month, form) = words::month(self.text_of(i))?;
        if form != MonthForm::Full && !self.capitalised(i) {
            return None;
        }
        if i > 0 && self.word_in(i - 1, words::HONORIFICS) {
            return None;
        }
        let next =
            if form == MonthForm::Abbrev && self.is_punct(i + 1, &['.']) && self.attached(i + 1) {
                i + 2
            } else {
                i + 1
            };
        Some((month, form, next))
    }

    /// A calendar date or range of years at `i`. With `free`, a bare month or year needs no
    /// context word before it (it is already inside a date phrase).
    pub fn calendar(&self, i: usize, free: bool) -> Option<(Shape, usize)> {
        if self.kind(i) == Some(Kind::Word) && words::weekday(self.text_of(i)).is_some() {
            let start = if self.is_punct(i + 1, &[',']) {
                i + 2
            } else {
                i + 1
            };
            return self.day_first(start).or_else(|| self.month_first(start));
        }
        self.iso(i)
            .or_else(|| self.numeric(i))
            .or_else(|| self.day_first(i))
            .or_else(|| self.month_first(i))
            .or_else(|| self.month_alone(i, free))
            .or_else(|| self.year_alone(i, free))
    }

    /// `2016-10-18`.
    fn iso(&self, i: usize) -> Option<(Shape, usize)> {
        let year = self.number(i, 4).filter(|_| self.text_of(i).len() == 4)?;
        let joined =
            |k: usize| self.is_punct(k, &['-']) && self.attached(k) && self.attached(k + 1);
        if !(joined(i + 1) && joined(i + 3) && self.text_of(i + 2).len() == 2) {
            return None;
        }
        let month = self.number(i + 2, 2)?;
        let day = self.number(i + 4, 2)?;
        let cal = Cal {
            year: Some(year as i32),
            month: Some(month),
            day: Some(day),
        };
        (1..=12)
            .contains(&month)
            .then_some((Shape::Point(When::Calendar(cal)), i + 5))
    }

    /// `18/10/2016`, `18-10-16` or `18.10.2016`, in the pack's day-month order.
    fn numeric(&self, i: usize) -> Option<(Shape, usize)> {
        let (parts, next) = if self.kind(i) == Some(Kind::Grouped) {
            let parts: Vec<&str> = self.text_of(i).split('.').collect();
            (parts, i + 1)
        } else {
            let sep = self.text_of(i + 1);
            let joined = |k: usize| {
                self.is_punct(k, &['/', '-'])
                    && self.text_of(k) == sep
                    && self.attached(k)
                    && self.attached(k + 1)
            };
            if self.kind(i) != Some(Kind::Number) || !joined(i + 1) || !joined(i + 3) {
                return None;
            }
            (
                vec![self.text_of(i), self.text_of(i + 2), self.text_of(i + 4)],
                i + 5,
            )
        };
        let [a, b, y] = parts.as_slice() else {
            return None;
        };
        let short =
            |part: &str| (1..=2).contains(&part.len()) && part.bytes().all(|c| c.is_ascii_digit());
        if !short(a)
            || !short(b)
            || !(y.len() == 2 || y.len() == 4)
            || !y.bytes().all(|c| c.is_ascii_digit())
        {
            return None;
        }
        let (a, b, y): (u32, u32, i32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
        let year = match y {
            0..=49 => 2000 + y,
            50..=99 => 1900 + y,
            _ => y,
        };
        let (day, month) = match self.order {
            DateOrder::DayFirst => (a, b),
            DateOrder::MonthFirst => (b, a),
        };
        if !(1..=12).contains(&month) || !(1..=31).contains(&day) || year < FIRST_YEAR as i32 {
            return None;
        }
        let cal = Cal {
            year: Some(year),
            month: Some(month),
            day: Some(day),
        };
        Some((Shape::Point(When::Calendar(cal)), next))
    }

    /// `18 October 2016`, `24th of October`, `21 Sept.`, and day ranges `18–20 October 2016`.
    fn day_first(&self, i: usize) -> Option<(Shape, usize)> {
        let day = self.day_number(i)?;
        if self.attached(i) && i > 0 && !self.is_punct(i - 1, &['(', '[', '“', '"', '‘']) {
            return None;
        }
        if self.is_punct(i + 1, &['–', '-'])
            && let Some((end, next)) = self.day_month(i + 2)
            && end.day.is_some_and(|last| last > day)
        {
            let start = Cal {
                day: Some(day),
                ..end
            };
            return Some((
                Shape::Span(When::Calendar(start), When::Calendar(end)),
                next,
            ));
        }
        let (cal, next) = self.day_month(i)?;
        Some((Shape::Point(When::Calendar(cal)), next))
    }

    /// A day, a month and perhaps a year at `i`, without looking for a range.
    fn day_month(&self, i: usize) -> Option<(Cal, usize)> {
        let day = self.day_number(i)?;
        let of = usize::from(self.is_word(i + 1, "of"));
        let (month, _, mut next) = self.month(i + 1 + of)?;
        let mut year = None;
        if let Some((y, after)) = self.year_after(next) {
            year = Some(y);
            next = after;
        }
        let cal = Cal {
            year,
            month: Some(month),
            day: Some(day),
        };
        Some((cal, next))
    }

    /// `October 18, 2016`, `September 21st`, `March 2012`.
    fn month_first(&self, i: usize) -> Option<(Shape, usize)> {
        let (month, _, next) = self.month(i)?;
        if let Some((year, after)) = self.year_after(next) {
            let cal = Cal {
                year: Some(year),
                month: Some(month),
                day: None,
            };
            return Some((Shape::Point(When::Calendar(cal)), after));
        }
        let day = self.day_number(next)?;
        if self.count_follows(next + 1)
            || (self.is_punct(next + 1, &[':', '.'])
                && self.attached(next + 1)
                && self.attached(next + 2))
        {
            return None;
        }
        let mut end = next + 1;
        let mut year = None;
        if let Some((y, after)) = self.year_after(end) {
            year = Some(y);
            end = after;
        }
        let cal = Cal {
            year,
            month: Some(month),
            day: Some(day),
        };
        Some((Shape::Point(When::Calendar(cal)), end))
    }

    /// A month name alone, after a word that makes it a date: "in November", "for November".
    fn month_alone(&self, i: usize, free: bool) -> Option<(Shape, usize)> {
        let (month, form, next) = self.month(i)?;
        let context = free
            || (self.after_word_in(i, words::MONTH_CONTEXT)
                && (form == MonthForm::Full || !self.after_word_in(i, words::WEAK_MONTH_CONTEXT)));
        if form == MonthForm::Abbrev || !context {
            return None;
        }
        let cal = Cal {
            year: None,
            month: Some(month),
            day: None,
        };
        Some((Shape::Point(When::Calendar(cal)), next))
    }

    /// A year alone, after a word that makes it a date ("in 2005"), or a range "2014–15".
    fn year_alone(&self, i: usize, free: bool) -> Option<(Shape, usize)> {
        let year = self.year(i)?;
        if !(free || self.after_word_in(i, words::YEAR_CONTEXT)) {
            return None;
        }
        let as_year = |y: i32| {
            When::Calendar(Cal {
                year: Some(y),
                ..Cal::default()
            })
        };
        if self.is_punct(i + 1, &['–', '-', '/']) {
            let end = self.year(i + 2).or_else(|| {
                let short = self
                    .number(i + 2, 2)
                    .filter(|_| self.text_of(i + 2).len() == 2)? as i32;
                let end = year - year % 100 + short;
                (end > year).then_some(end)
            });
            if let Some(end) = end.filter(|&end| end > year)
                && !self.count_follows(i + 3)
            {
                return Some((Shape::Span(as_year(year), as_year(end)), i + 3));
            }
        }
        if self.count_follows(i + 1) {
            return None;
        }
        Some((Shape::Point(as_year(year)), i + 1))
    }

    /// "between 2014 and 2015", "from March to May 2012", "between 14 and 18 October".
    fn range(&self, i: usize) -> Option<Hit> {
        if !self.word_in(i, &["between", "from"]) {
            return None;
        }
        let connector = |k: usize| {
            self.word_in(k, &["and", "to", "until", "till", "through"])
                || self.is_punct(k, &['–', '-'])
        };
        let (first, after_first) = match self.day_number(i + 1) {
            Some(day) if connector(i + 2) && self.kind(i + 1) == Some(Kind::Number) => (
                Cal {
                    day: Some(day),
                    ..Cal::default()
                },
                i + 2,
            ),
            _ => match self.calendar(i + 1, true)? {
                (Shape::Point(When::Calendar(cal)), next) => (cal, next),
                _ => return None,
            },
        };
        if !connector(after_first) {
            return None;
        }
        let (Shape::Point(When::Calendar(last)), next) = self.calendar(after_first + 1, true)?
        else {
            return None;
        };
        let first = fill_start(first, last)?;
        Some(Hit::exact(
            Shape::Span(When::Calendar(first), When::Calendar(last)),
            next,
        ))
    }
}

/// Gives the start of a range the parts it leaves to the end: "14" in "between 14 and 18
/// October" is 14 October, and "December" in "from December to March 2016" is December 2015.
fn fill_start(mut first: Cal, last: Cal) -> Option<Cal> {
    if first.month.is_none() && first.day.is_some() {
        first.month = Some(last.month?);
        last.day?;
    }
    if first.year.is_none() && first.month.is_some() {
        first.year = last.year;
        if let (Some(year), Some(m1), Some(m2)) = (last.year, first.month, last.month)
            && (m1, first.day) > (m2, last.day)
        {
            first.year = Some(year - 1);
        }
    }
    Some(first)
}

/// Compares words ignoring ASCII case and the style of apostrophe.
pub(super) fn same_word(text: &str, word: &str) -> bool {
    let mut a = text.chars().map(|c| if c == '’' { '\'' } else { c });
    let mut b = word.chars();
    loop {
        match (a.next(), b.next()) {
            (None, None) => return true,
            (Some(x), Some(y)) if x.eq_ignore_ascii_case(&y) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analyse::dates::tokens::tokenize;
    use proptest::prelude::*;

    /// First words of every kind of phrase, in several cases, the words that follow them, and
    /// whole phrases.
    const WORDS: &[&str] = &[
        "between",
        "From",
        "yesterday",
        "Today",
        "tonight",
        "tomorrow",
        "the",
        "The",
        "last",
        "this",
        "next",
        "about",
        "around",
        "some",
        "roughly",
        "approximately",
        "nearly",
        "almost",
        "end",
        "beginning",
        "start",
        "middle",
        "early",
        "late",
        "mid",
        "spring",
        "Summer",
        "autumn",
        "fall",
        "winter",
        "before",
        "by",
        "at",
        "over",
        "until",
        "till",
        "Christmas",
        "new",
        "New",
        "Year's",
        "Year’s",
        "Day",
        "Eve",
        "day",
        "week",
        "weeks",
        "month",
        "year",
        "of",
        "and",
        "to",
        "after",
        "later",
        "ago",
        "earlier",
        "night",
        "morning",
        "a",
        "an",
        "two",
        "twenty",
        "-",
        "one",
        "January",
        "May",
        "Sept",
        ".",
        "Tuesday",
        "2016",
        "2014",
        "21",
        "21st",
        "18/10/2016",
        "2016-10-18",
        "in",
        "on",
        "people",
        "Mr",
        "bombing",
        ",",
        "the end of",
        "the summer of",
        "the day before",
        "the day after",
        "the following",
        "the next",
        "a week",
        "two days",
        "before Christmas",
        "New Year's Eve",
        "about two weeks",
        "the middle of",
        "last week",
        "this year",
        "between 2014 and",
        "from March to",
        "Tuesday 18 October",
        "21 September",
        "early 2016",
        "mid-2014",
        "spring 2013",
        "the day before yesterday",
        "the day after tomorrow",
    ];

    proptest! {
        #[test]
        fn recognisers_a_word_cannot_start_find_nothing_there(
            pieces in proptest::collection::vec(proptest::sample::select(WORDS), 1..8)
        ) {
            let text = pieces.join(" ");
            let toks = tokenize(&text);
            let scanner = Scanner { text: &text, toks: &toks, order: DateOrder::DayFirst };
            for i in (0..toks.len()).filter(|&i| scanner.kind(i) == Some(Kind::Word)) {
                let starts = words::phrase_starts(scanner.text_of(i));
                if !starts.contains(Starts::RANGE) {
                    prop_assert!(scanner.range(i).is_none(), "range at {} in {:?}", i, text);
                }
                if !starts.contains(Starts::RELATIVE) {
                    prop_assert!(scanner.doc_relative(i).is_none(), "relative at {} in {:?}", i, text);
                }
                if !starts.contains(Starts::OFFSET) {
                    prop_assert!(scanner.offset(i).is_none(), "offset at {} in {:?}", i, text);
                }
                if !starts.contains(Starts::FUZZY) {
                    prop_assert!(scanner.fuzzy(i).is_none(), "fuzzy at {} in {:?}", i, text);
                }
                if !starts.contains(Starts::CALENDAR) {
                    prop_assert!(scanner.calendar(i, false).is_none(), "calendar at {} in {:?}", i, text);
                }
            }
        }
    }
}
