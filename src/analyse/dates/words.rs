//! The English vocabulary the extractor knows, in one place so it can be reviewed and extended.

use chrono::Weekday;

/// How a month is written, which decides how much context it needs to count as a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum MonthForm {
    /// A full name that is only ever a month: `October`.
    Full,
    /// A full name that is also an everyday word (`May`, `March`, `August`): it must be
    /// capitalised and, on its own, needs a stronger context.
    Ambiguous,
    /// An abbreviation (`Oct`, `Sept`): capitalised, and only with a day or a year.
    Abbrev,
}

/// Runs `find` on `word` in ASCII lower case. A word longer than 16 bytes is none of the
/// words below; a word that is not ASCII keeps bytes that none of them has.
fn lookup<T>(word: &str, find: impl FnOnce(&[u8]) -> Option<T>) -> Option<T> {
    let mut buffer = [0u8; 16];
    let lower = buffer.get_mut(..word.len())?;
    for (slot, byte) in lower.iter_mut().zip(word.bytes()) {
        *slot = byte.to_ascii_lowercase();
    }
    find(lower)
}

/// The month a word names, and how it is written.
pub(super) fn month(word: &str) -> Option<(u32, MonthForm)> {
    lookup(word, month_of)
}

fn month_of(lower: &[u8]) -> Option<(u32, MonthForm)> {
    Some(match lower {
        b"january" => (1, MonthForm::Full),
        b"february" => (2, MonthForm::Full),
        b"march" => (3, MonthForm::Ambiguous),
        b"april" => (4, MonthForm::Full),
        b"may" => (5, MonthForm::Ambiguous),
        b"june" => (6, MonthForm::Full),
        b"july" => (7, MonthForm::Full),
        b"august" => (8, MonthForm::Ambiguous),
        b"september" => (9, MonthForm::Full),
        b"october" => (10, MonthForm::Full),
        b"november" => (11, MonthForm::Full),
        b"december" => (12, MonthForm::Full),
        b"jan" => (1, MonthForm::Abbrev),
        b"feb" => (2, MonthForm::Abbrev),
        b"mar" => (3, MonthForm::Abbrev),
        b"apr" => (4, MonthForm::Abbrev),
        b"jun" => (6, MonthForm::Abbrev),
        b"jul" => (7, MonthForm::Abbrev),
        b"aug" => (8, MonthForm::Abbrev),
        b"sep" | b"sept" => (9, MonthForm::Abbrev),
        b"oct" => (10, MonthForm::Abbrev),
        b"nov" => (11, MonthForm::Abbrev),
        b"dec" => (12, MonthForm::Abbrev),
        _ => return None,
    })
}

/// The weekday a word names.
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    lookup(word, weekday_of)
}

fn weekday_of(lower: &[u8]) -> Option<Weekday> {
    Some(match lower {
        b"monday" => Weekday::Mon,
        b"tuesday" => Weekday::Tue,
        b"wednesday" => Weekday::Wed,
        b"thursday" => Weekday::Thu,
        b"friday" => Weekday::Fri,
        b"saturday" => Weekday::Sat,
        b"sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A season: the month it starts in and the word shown as the date's qualifier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Season {
    /// The first month; winter starts in December and runs into the next year.
    pub start_month: u32,
    /// The name shown to readers ("autumn" also for "fall").
    pub name: &'static str,
}

/// The season a word names.
pub(super) fn season(word: &str) -> Option<Season> {
    let (start_month, name) = match () {
        _ if word.eq_ignore_ascii_case("spring") => (3, "spring"),
        _ if word.eq_ignore_ascii_case("summer") => (6, "summer"),
        _ if word.eq_ignore_ascii_case("autumn") || word.eq_ignore_ascii_case("fall") => {
            (9, "autumn")
        }
        _ if word.eq_ignore_ascii_case("winter") => (12, "winter"),
        _ => return None,
    };
    Some(Season { start_month, name })
}

/// The value of a number word from "a" and "one" to "thirty".
pub(super) fn number_word(word: &str) -> Option<u32> {
    lookup(word, number_of)
}

fn number_of(lower: &[u8]) -> Option<u32> {
    Some(match lower {
        b"a" | b"an" | b"one" => 1,
        b"two" => 2,
        b"three" => 3,
        b"four" => 4,
        b"five" => 5,
        b"six" => 6,
        b"seven" => 7,
        b"eight" => 8,
        b"nine" => 9,
        b"ten" => 10,
        b"eleven" => 11,
        b"twelve" => 12,
        b"thirteen" => 13,
        b"fourteen" => 14,
        b"fifteen" => 15,
        b"sixteen" => 16,
        b"seventeen" => 17,
        b"eighteen" => 18,
        b"nineteen" => 19,
        b"twenty" => 20,
        b"thirty" => 30,
        _ => return None,
    })
}

/// Units of time an offset can be counted in, with their length in the base unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Unit {
    /// Calendar days.
    Day,
    /// Weeks of seven days; kept apart from days because "two weeks ago" is looser than
    /// "fourteen days ago".
    Week,
    /// Calendar months.
    Month,
    /// Calendar years.
    Year,
}

/// The unit a word names and how many base units one of it is.
pub(super) fn unit(word: &str) -> Option<(Unit, i32)> {
    lookup(word, |lower| {
        Some(match lower {
            b"day" | b"days" => (Unit::Day, 1),
            b"week" | b"weeks" => (Unit::Week, 1),
            b"fortnight" | b"fortnights" => (Unit::Week, 2),
            b"month" | b"months" => (Unit::Month, 1),
            b"year" | b"years" => (Unit::Year, 1),
            _ => return None,
        })
    })
}

/// Words before a bare year that make it a date: "in 2005", "since 2011".
pub(super) const YEAR_CONTEXT: &[&str] = &[
    "in",
    "since",
    "until",
    "till",
    "by",
    "during",
    "from",
    "of",
    "before",
    "after",
    "between",
    "around",
    "circa",
    "c",
    "year",
    "throughout",
    "through",
    "for",
    "early",
    "late",
    "mid",
];

/// Words before a lone month name that make it a date: "in November", "for November".
pub(super) const MONTH_CONTEXT: &[&str] = &[
    "in",
    "on",
    "by",
    "since",
    "until",
    "till",
    "during",
    "of",
    "from",
    "before",
    "after",
    "for",
    "through",
    "throughout",
    "between",
    "early",
    "late",
    "mid",
];

/// Context words too weak for a month name that is also an everyday word ("vote for May").
pub(super) const WEAK_MONTH_CONTEXT: &[&str] = &["for", "of"];

/// Words before a name that make "May" or "March" a person rather than a month.
pub(super) const HONORIFICS: &[&str] = &[
    "mr", "mrs", "ms", "miss", "dr", "sir", "dame", "lady", "lord", "theresa", "brian",
];

/// Words after a number that make it a count, not a year: "1500 troops", "2,000 people".
pub(super) const COUNT_WORDS: &[&str] = &[
    "people",
    "men",
    "women",
    "children",
    "million",
    "billion",
    "thousand",
    "hundred",
    "per",
    "percent",
    "new",
    "more",
    "other",
    "extra",
    "additional",
];

/// Words ending in "s" that are not plural nouns, so do not make a number a count.
pub(super) const NOT_PLURAL: &[&str] = &[
    "this",
    "thus",
    "always",
    "perhaps",
    "whereas",
    "towards",
    "afterwards",
    "besides",
    "sometimes",
    "was",
    "has",
    "does",
    "says",
    "goes",
    "means",
    "news",
    "its",
    "yes",
    "his",
];

/// Words before a count of days or years that make it a duration, not a date: "for two
/// weeks after", "the last five years".
pub(super) const DURATION_WORDS: &[&str] = &[
    "for", "within", "over", "past", "last", "next", "first", "further", "another", "than", "the",
    "every", "each", "of", "these", "those", "few", "several", "many", "all", "in", "after",
    "about", "around",
];

/// Words that make an offset approximate: "about two weeks later".
pub(super) const APPROXIMATE_WORDS: &[&str] = &[
    "about",
    "around",
    "some",
    "roughly",
    "approximately",
    "nearly",
    "almost",
];

/// Words that end an event phrase: "the bombing of the aid convoy, and …".
pub(super) const EVENT_STOPS: &[&str] = &[
    "and", "but", "which", "when", "where", "while", "who", "whom", "whose", "so", "because",
    "then", "although", "though",
];

/// The kinds of phrase a word can start, found with one look-up per word, so the scanner
/// skips ordinary words cheaply and tries only the recognisers that can match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Starts(u8);

impl Starts {
    /// No date phrase starts with the word.
    pub const NONE: Self = Self(0);
    /// A range: "between", "from".
    pub const RANGE: Self = Self(1);
    /// A date counted from the document's: "yesterday", "last", "the" (day before), a month.
    pub const RELATIVE: Self = Self(1 << 1);
    /// A distance: "about", "the" (day after), a number word.
    pub const OFFSET: Self = Self(1 << 2);
    /// A fuzzy date: "the" (end of), "early", a season, "before" (Christmas).
    pub const FUZZY: Self = Self(1 << 3);
    /// A calendar date: a month or a weekday.
    pub const CALENDAR: Self = Self(1 << 4);
    /// A number may start any of them.
    pub const ALL: Self = Self(0b1_1111);

    /// Whether the word may start a phrase of `kind`.
    pub fn contains(self, kind: Self) -> bool {
        self.0 & kind.0 != 0
    }

    const fn with(self, kind: Self) -> Self {
        Self(self.0 | kind.0)
    }
}

/// The kinds of date phrase `word` may start: the first word of every phrase the scanner
/// knows, by recogniser.
pub(super) fn phrase_starts(word: &str) -> Starts {
    lookup(word, |lower| {
        let mut starts = match lower {
            b"between" | b"from" => Starts::RANGE,
            b"yesterday" | b"today" | b"tonight" | b"tomorrow" | b"last" | b"this" | b"next" => {
                Starts::RELATIVE
            }
            b"the" => Starts::RELATIVE.with(Starts::OFFSET).with(Starts::FUZZY),
            b"about" | b"around" | b"some" | b"roughly" | b"approximately" | b"nearly"
            | b"almost" => Starts::OFFSET,
            b"end" | b"beginning" | b"start" | b"middle" | b"early" | b"late" | b"mid"
            | b"spring" | b"summer" | b"autumn" | b"fall" | b"winter" | b"before" | b"by"
            | b"at" | b"over" | b"until" | b"till" | b"christmas" | b"new" => Starts::FUZZY,
            _ => Starts::NONE,
        };
        if month_of(lower).is_some() {
            starts = starts.with(Starts::RELATIVE).with(Starts::CALENDAR);
        }
        if weekday_of(lower).is_some() {
            starts = starts.with(Starts::CALENDAR);
        }
        if number_of(lower).is_some() {
            starts = starts.with(Starts::OFFSET);
        }
        Some(starts)
    })
    .unwrap_or(Starts::NONE)
}
