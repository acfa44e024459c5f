//! Phrases counted from the document date ("yesterday", "last month"), fuzzy phrases ("before
//! Christmas", "early 2016") and distances from another date ("two days after", "ten days
//! later").

use super::patterns::{Cal, Hit, Offset, Relative, Scanner, Shape, When};
use super::words::{self, MonthForm};

/// The most words an event phrase may have: "the bombing of the aid convoy".
const EVENT_WORDS: usize = 10;

/// Words before "the next year" or "the following week" that make it a duration.
const THE_DURATION: &[&str] = &[
    "over",
    "for",
    "within",
    "during",
    "throughout",
    "through",
    "past",
];

/// Words dropped from the end of an event phrase: "the vote on" before a date.
const EVENT_TAIL: &[&str] = &[
    "on", "in", "at", "of", "the", "a", "an", "by", "from", "to", "for", "with",
];

impl Scanner<'_> {
    /// A phrase counted from the document date, and the token after it.
    pub fn doc_relative(&self, i: usize) -> Option<(Relative, usize)> {
        if self.is_word(i, "yesterday") {
            return Some((Relative::Days(-1), i + 1));
        }
        if self.word_in(i, &["today", "tonight"]) {
            return Some((Relative::Days(0), i + 1));
        }
        if self.is_word(i, "tomorrow") {
            return Some((Relative::Days(1), i + 1));
        }
        if self.is_word(i, "the") && self.is_word(i + 1, "day") {
            if self.is_word(i + 2, "before") && self.is_word(i + 3, "yesterday") {
                return Some((Relative::Days(-2), i + 4));
            }
            if self.is_word(i + 2, "after") && self.is_word(i + 3, "tomorrow") {
                return Some((Relative::Days(2), i + 4));
            }
            return None;
        }
        if self.is_word(i, "last") && self.is_word(i + 1, "night") {
            return Some((Relative::Days(-1), i + 2));
        }
        if self.is_word(i, "this") && self.word_in(i + 1, &["morning", "afternoon", "evening"]) {
            return Some((Relative::Days(0), i + 2));
        }
        let step = match () {
            _ if self.is_word(i, "last") => -1,
            _ if self.is_word(i, "next") => 1,
            _ if self.is_word(i, "this") => 0,
            _ => return self.month_of_year(i),
        };
        if step != 0 && self.after_word_in(i, &["the"]) {
            return None;
        }
        let k = i + 1;
        let relative = if self.word_in(k, &["week", "week's"]) {
            Relative::Week(step)
        } else if self.word_in(k, &["month", "month's"]) {
            Relative::Months(step)
        } else if self.word_in(k, &["year", "year's"]) {
            Relative::Years(step)
        } else if let Some(weekday) = words::weekday(self.text_of(k)).filter(|_| step != 0) {
            Relative::Weekday {
                weekday,
                forward: step > 0,
            }
        } else if let Some((month, form, next)) = self.month(k) {
            if form == MonthForm::Abbrev {
                return None;
            }
            let relative = if step == 0 {
                Relative::MonthOfYear { month, years: 0 }
            } else {
                Relative::NamedMonth {
                    month,
                    forward: step > 0,
                }
            };
            return Some((relative, next));
        } else {
            Relative::Season {
                season: words::season(self.text_of(k))?,
                step,
            }
        };
        Some((relative, k + 1))
    }

    /// "August last year", "May this year".
    fn month_of_year(&self, i: usize) -> Option<(Relative, usize)> {
        let (month, form, k) = self.month(i)?;
        let years = match () {
            _ if self.is_word(k, "last") => -1,
            _ if self.is_word(k, "next") => 1,
            _ if self.is_word(k, "this") => 0,
            _ => return None,
        };
        (form != MonthForm::Abbrev && self.word_in(k + 1, &["year", "year's"]))
            .then_some((Relative::MonthOfYear { month, years }, k + 2))
    }

    /// A distance: "two days after …", "ten days later", "the day before", "five years ago".
    pub fn offset(&self, i: usize) -> Option<Hit> {
        let approximate = self.word_in(i, words::APPROXIMATE_WORDS);
        let k = i + usize::from(approximate);
        if self.is_word(k, "the") {
            let hit = self.the_offset(k + 1, approximate)?;
            return (!self.after_word_in(k, THE_DURATION)).then_some(hit);
        }
        let (count, k) = self.count(k)?;
        let (unit, size) = words::unit(self.text_of(k))?;
        if self.after_word_in(i, words::DURATION_WORDS) {
            return None;
        }
        if self.word_in(k - 1, &["a", "an"]) && self.text_of(k).ends_with('s') {
            return None;
        }
        let offset = Offset {
            amount: count * size,
            unit,
        };
        let k = k + 1;
        let hit = |shape, next| Hit {
            shape,
            next,
            approximate,
            qualifier: None,
        };
        if self.is_word(k, "ago") {
            let relative = Relative::Ago(offset.reversed());
            return Some(hit(Shape::Point(When::Relative(relative)), k + 1));
        }
        if self.word_in(k, &["later", "afterwards"])
            || (self.is_word(k, "on") && self.phrase_end(k + 1))
        {
            return Some(hit(Shape::FromAnchor(offset), k + 1));
        }
        if self.word_in(k, &["earlier", "previously"]) {
            return Some(hit(Shape::FromAnchor(offset.reversed()), k + 1));
        }
        if self.word_in(k, &["after", "before"]) {
            return self.after_before(k, offset, approximate);
        }
        None
    }

    /// After "the": "the day after …", "the following week".
    fn the_offset(&self, k: usize, approximate: bool) -> Option<Hit> {
        let singular =
            |at: usize| words::unit(self.text_of(at)).filter(|_| !self.text_of(at).ends_with('s'));
        if let Some((unit, size)) = singular(k)
            && self.word_in(k + 1, &["after", "before"])
        {
            return self.after_before(k + 1, Offset { amount: size, unit }, approximate);
        }
        let sign = match () {
            _ if self.word_in(k, &["next", "following"]) => 1,
            _ if self.word_in(k, &["previous", "preceding"]) => -1,
            _ => return None,
        };
        let (unit, size) = singular(k + 1)?;
        Some(Hit {
            shape: Shape::FromAnchor(Offset {
                amount: sign * size,
                unit,
            }),
            next: k + 2,
            approximate,
            qualifier: None,
        })
    }

    /// A count from 1 to 999 in digits or words ("a", "two", "twenty-one").
    fn count(&self, k: usize) -> Option<(i32, usize)> {
        let text = self.text_of(k);
        if self.kind(k) == Some(super::tokens::Kind::Number) && text.len() <= 3 {
            let n: i32 = text.parse().ok()?;
            return (n > 0).then_some((n, k + 1));
        }
        if self.kind(k) != Some(super::tokens::Kind::Word) {
            return None;
        }
        let n = words::number_word(text)? as i32;
        if n == 20
            && self.is_punct(k + 1, &['-'])
            && self.attached(k + 1)
            && self.attached(k + 2)
            && let Some(units) =
                words::number_word(self.text_of(k + 2)).filter(|u| (1..=9).contains(u))
        {
            return Some((n + units as i32, k + 3));
        }
        Some((n, k + 1))
    }

    /// What follows "after" or "before" at `k`: a date, the end of the clause, or an event.
    fn after_before(&self, k: usize, offset: Offset, approximate: bool) -> Option<Hit> {
        let offset = if self.is_word(k, "before") {
            offset.reversed()
        } else {
            offset
        };
        let hit = |shape, next| Hit {
            shape,
            next,
            approximate,
            qualifier: None,
        };
        let j = k + 1;
        let base = match self.calendar(j, true) {
            Some((Shape::Point(base), next)) => Some((base, next)),
            _ => self
                .doc_relative(j)
                .map(|(r, next)| (When::Relative(r), next)),
        };
        if let Some((base, next)) = base {
            return Some(hit(Shape::After { base, offset }, next));
        }
        if self.word_in(j, &["that", "this", "then"]) {
            return Some(hit(Shape::FromAnchor(offset), j + 1));
        }
        if self.phrase_end(j) {
            return Some(hit(Shape::FromAnchor(offset), j));
        }
        let mut end = j;
        while end < self.toks.len()
            && end - j < EVENT_WORDS
            && !self.phrase_end(end)
            && !self.is_punct(end, &['(', '[', '“', '”', '"'])
            && !self.word_in(end, words::EVENT_STOPS)
            && self.calendar(end, false).is_none()
            && self.doc_relative(end).is_none()
        {
            end += 1;
        }
        while end > j + 1 && self.word_in(end - 1, EVENT_TAIL) {
            end -= 1;
        }
        if end == j {
            return None;
        }
        let event = self.toks[j].start..self.toks[end - 1].end;
        Some(hit(Shape::Event { offset, event }, end))
    }

    /// A fuzzy phrase: "the end of December", "early 2016", "the summer of 2012", "before
    /// Christmas".
    pub fn fuzzy(&self, i: usize) -> Option<Hit> {
        self.part_of(i)
            .or_else(|| self.early_or_late(i))
            .or_else(|| self.season_of(i))
            .or_else(|| self.festival(i))
    }

    /// "the end of December", "the beginning of 2016", "the middle of last year".
    fn part_of(&self, i: usize) -> Option<Hit> {
        let k = i + usize::from(self.is_word(i, "the"));
        let qualifier = match () {
            _ if self.is_word(k, "end") => "late",
            _ if self.word_in(k, &["beginning", "start"]) => "early",
            _ if self.is_word(k, "middle") => "mid",
            _ => return None,
        };
        if !self.is_word(k + 1, "of") {
            return None;
        }
        let (when, next) = self.fuzzy_inner(k + 2)?;
        Some(fuzzy_hit(when, next, Some(qualifier)))
    }

    /// "early 2016", "late October", "mid-2014".
    fn early_or_late(&self, i: usize) -> Option<Hit> {
        let qualifier = match () {
            _ if self.is_word(i, "early") => "early",
            _ if self.is_word(i, "late") => "late",
            _ if self.is_word(i, "mid") => "mid",
            _ => return None,
        };
        let joined = self.is_punct(i + 1, &['-']) && self.attached(i + 1) && self.attached(i + 2);
        let (when, next) = self.fuzzy_inner(i + 1 + usize::from(joined))?;
        Some(fuzzy_hit(when, next, Some(qualifier)))
    }

    /// What a fuzzy word qualifies: a month, a year, or "last year" and the like.
    fn fuzzy_inner(&self, k: usize) -> Option<(When, usize)> {
        if let Some((month, form, next)) = self.month(k) {
            let (year, next) = match self.year_after(next) {
                Some((year, after)) => (Some(year), after),
                None if form != MonthForm::Abbrev => (None, next),
                None => return None,
            };
            let cal = Cal {
                year,
                month: Some(month),
                day: None,
            };
            return Some((When::Calendar(cal), next));
        }
        if let Some(year) = self.year(k) {
            let cal = Cal {
                year: Some(year),
                ..Cal::default()
            };
            return Some((When::Calendar(cal), k + 1));
        }
        match self.doc_relative(k)? {
            (
                relative @ (Relative::Months(_)
                | Relative::Years(_)
                | Relative::MonthOfYear { .. }
                | Relative::NamedMonth { .. }),
                next,
            ) => Some((When::Relative(relative), next)),
            _ => None,
        }
    }

    /// "the summer of 2012", "spring 2013".
    fn season_of(&self, i: usize) -> Option<Hit> {
        let k = i + usize::from(self.is_word(i, "the"));
        if self.kind(k) != Some(super::tokens::Kind::Word) {
            return None;
        }
        let season = words::season(self.text_of(k))?;
        let year_at = if self.is_word(k + 1, "of") {
            k + 2
        } else if self.is_word(k, "fall") {
            return None;
        } else {
            k + 1
        };
        let year = self.year(year_at)?;
        let cal = Cal {
            year: Some(year),
            ..Cal::default()
        };
        Some(fuzzy_hit(
            When::Calendar(cal),
            year_at + 1,
            Some(season.name),
        ))
    }

    /// "before Christmas", "Christmas Day", "New Year’s Eve 2015".
    fn festival(&self, i: usize) -> Option<Hit> {
        let preposition = self.word_in(i, &["before", "by", "at", "over", "until", "till"]);
        let k = i + usize::from(preposition);
        let (month, day, after) = if self.is_word(k, "christmas") && self.capitalised(k) {
            match () {
                _ if !preposition && self.is_word(k + 1, "day") => (12, Some(25), k + 2),
                _ if !preposition && self.is_word(k + 1, "eve") => (12, Some(24), k + 2),
                _ => (12, None, k + 1),
            }
        } else if !preposition
            && self.is_word(k, "new")
            && self.capitalised(k)
            && self.is_word(k + 1, "year's")
        {
            match () {
                _ if self.is_word(k + 2, "day") => (1, Some(1), k + 3),
                _ if self.is_word(k + 2, "eve") => (12, Some(31), k + 3),
                _ => return None,
            }
        } else {
            return None;
        };
        let year = self.year(after);
        if day.is_none() && !preposition && year.is_none() {
            return None;
        }
        let cal = Cal {
            year,
            month: Some(month),
            day,
        };
        let next = after + usize::from(year.is_some());
        let shape = Shape::Point(When::Calendar(cal));
        Some(match day {
            Some(_) => Hit::exact(shape, next),
            None => Hit {
                shape,
                next,
                approximate: true,
                qualifier: None,
            },
        })
    }
}

fn fuzzy_hit(when: When, next: usize, qualifier: Option<&'static str>) -> Hit {
    Hit {
        shape: Shape::Point(when),
        next,
        approximate: true,
        qualifier,
    }
}
