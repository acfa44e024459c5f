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

const MONTHS: [(&str, u32, MonthForm); 24] = [
    ("january", 1, MonthForm::Full),
    ("february", 2, MonthForm::Full),
    ("march", 3, MonthForm::Ambiguous),
    ("april", 4, MonthForm::Full),
    ("may", 5, MonthForm::Ambiguous),
    ("june", 6, MonthForm::Full),
    ("july", 7, MonthForm::Full),
    ("august", 8, MonthForm::Ambiguous),
    ("september", 9, MonthForm::Full),
    ("october", 10, MonthForm::Full),
    ("november", 11, MonthForm::Full),
    ("december", 12, MonthForm::Full),
    ("jan", 1, MonthForm::Abbrev),
    ("feb", 2, MonthForm::Abbrev),
    ("mar", 3, MonthForm::Abbrev),
    ("apr", 4, MonthForm::Abbrev),
    ("jun", 6, MonthForm::Abbrev),
    ("jul", 7, MonthForm::Abbrev),
    ("aug", 8, MonthForm::Abbrev),
    ("sep", 9, MonthForm::Abbrev),
    ("sept", 9, MonthForm::Abbrev),
    ("oct", 10, MonthForm::Abbrev),
    ("nov", 11, MonthForm::Abbrev),
    ("dec", 12, MonthForm::Abbrev),
];

/// The month a word names, and how it is written.
pub(super) fn month(word: &str) -> Option<(u32, MonthForm)> {
    MONTHS
        .iter()
        .find(|(name, _, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, number, form)| (number, form))
}

const WEEKDAYS: [(&str, Weekday); 7] = [
    ("monday", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("sunday", Weekday::Sun),
];

/// The weekday a word names.
pub(super) fn weekday(word: &str) -> Option<Weekday> {
    WEEKDAYS
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, day)| day)
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

const NUMBER_WORDS: [(&str, u32); 23] = [
    ("a", 1),
    ("an", 1),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("seven", 7),
    ("eight", 8),
    ("nine", 9),
    ("ten", 10),
    ("eleven", 11),
    ("twelve", 12),
    ("thirteen", 13),
    ("fourteen", 14),
    ("fifteen", 15),
    ("sixteen", 16),
    ("seventeen", 17),
    ("eighteen", 18),
    ("nineteen", 19),
    ("twenty", 20),
    ("thirty", 30),
];

/// The value of a number word from "a" and "one" to "thirty".
pub(super) fn number_word(word: &str) -> Option<u32> {
    NUMBER_WORDS
        .iter()
        .find(|(name, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, value)| value)
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
    const UNITS: [(&str, Unit, i32); 10] = [
        ("day", Unit::Day, 1),
        ("days", Unit::Day, 1),
        ("week", Unit::Week, 1),
        ("weeks", Unit::Week, 1),
        ("fortnight", Unit::Week, 2),
        ("fortnights", Unit::Week, 2),
        ("month", Unit::Month, 1),
        ("months", Unit::Month, 1),
        ("year", Unit::Year, 1),
        ("years", Unit::Year, 1),
    ];
    UNITS
        .iter()
        .find(|(name, _, _)| word.eq_ignore_ascii_case(name))
        .map(|&(_, unit, size)| (unit, size))
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

/// Whether a date phrase can start with `word`: the first word of every phrase the scanner
/// knows. Checking this once per word lets the scanner skip ordinary words cheaply.
pub(super) fn may_start_phrase(word: &str) -> bool {
    let mut lower = [0u8; 13];
    let Some(slot) = lower.get_mut(..word.len()) else {
        return false;
    };
    slot.copy_from_slice(word.as_bytes());
    slot.make_ascii_lowercase();
    matches!(
        &*slot,
        b"between"
            | b"from"
            | b"yesterday"
            | b"today"
            | b"tonight"
            | b"tomorrow"
            | b"the"
            | b"last"
            | b"this"
            | b"next"
            | b"about"
            | b"around"
            | b"some"
            | b"roughly"
            | b"approximately"
            | b"nearly"
            | b"almost"
            | b"end"
            | b"beginning"
            | b"start"
            | b"middle"
            | b"early"
            | b"late"
            | b"mid"
            | b"spring"
            | b"summer"
            | b"autumn"
            | b"fall"
            | b"winter"
            | b"before"
            | b"by"
            | b"at"
            | b"over"
            | b"until"
            | b"till"
            | b"christmas"
            | b"new"
    ) || month(word).is_some()
        || weekday(word).is_some()
        || number_word(word).is_some()
}
