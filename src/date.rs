//! Dates that are only as precise as their source.
//!
//! A briefing pack must not invent precision: a letter dated "January 2017" is not dated
//! "1 January 2017". [`PartialDate`] keeps the year, and the month and day only when they are
//! known, and every place that shows or sorts a date goes through it.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// How much of a date is known.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    /// Only the year, e.g. `2005`.
    Year,
    /// Year and month, e.g. `2017-01`.
    Month,
    /// A calendar day, e.g. `2016-10-18`.
    Day,
}

/// A calendar date known to year, month or day precision.
///
/// Ordering puts a less precise date before the more precise dates it contains
/// (`2016` < `2016-10` < `2016-10-01`), which keeps timelines stable and readable.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PartialDate {
    year: i32,
    month: Option<u8>,
    day: Option<u8>,
}

/// Why a date was rejected.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    /// The text is not `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
    #[error("`{0}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")]
    Format(String),
    /// The year is outside the range a briefing pack can mean.
    #[error("year {0} is out of range (1 to 9999)")]
    Year(i32),
    /// The month is not 1 to 12.
    #[error("month {0} does not exist (months are 01 to 12)")]
    Month(u32),
    /// The day does not exist in that month.
    #[error("day {day} does not exist in {month_name} {year}")]
    Day {
        /// The year of the rejected date.
        year: i32,
        /// The month's English name.
        month_name: &'static str,
        /// The rejected day.
        day: u32,
    },
}

/// The English month names, January first.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of a month numbered 1 to 12.
pub fn month_name(month: u32) -> &'static str {
    MONTH_NAMES[(month.clamp(1, 12) - 1) as usize]
}

impl PartialDate {
    /// A date known only to the year.
    pub fn year(year: i32) -> Result<Self, DateError> {
        if !(1..=9999).contains(&year) {
            return Err(DateError::Year(year));
        }
        Ok(Self {
            year,
            month: None,
            day: None,
        })
    }

    /// A date known to the month.
    pub fn month(year: i32, month: u32) -> Result<Self, DateError> {
        let mut date = Self::year(year)?;
        if !(1..=12).contains(&month) {
            return Err(DateError::Month(month));
        }
        date.month = Some(month as u8);
        Ok(date)
    }

    /// A calendar day; rejects days that do not exist, such as 30 February.
    pub fn day(year: i32, month: u32, day: u32) -> Result<Self, DateError> {
        let mut date = Self::month(year, month)?;
        if day == 0 || day > days_in_month(year, month) {
            return Err(DateError::Day {
                year,
                month_name: month_name(month),
                day,
            });
        }
        date.day = Some(day as u8);
        Ok(date)
    }

    /// Parses `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, keeping the precision written.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let format_error = || DateError::Format(text.to_string());
        let parts: Vec<&str> = text.trim().split('-').collect();
        let number = |part: &str, width: usize| -> Result<u32, DateError> {
            if part.len() == width && part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().map_err(|_| format_error())
            } else {
                Err(format_error())
            }
        };
        match parts.as_slice() {
            [y] => Self::year(number(y, 4)? as i32),
            [y, m] => Self::month(number(y, 4)? as i32, number(m, 2)?),
            [y, m, d] => Self::day(number(y, 4)? as i32, number(m, 2)?, number(d, 2)?),
            _ => Err(format_error()),
        }
    }

    /// The date of a known calendar day.
    pub fn from_naive(date: NaiveDate) -> Self {
        Self {
            year: date.year(),
            month: Some(date.month() as u8),
            day: Some(date.day() as u8),
        }
    }

    /// The calendar day, when the date is known to the day.
    pub fn to_naive(self) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(self.year, self.month? as u32, self.day? as u32)
    }

    /// How much of the date is known.
    pub fn precision(self) -> Precision {
        match (self.month, self.day) {
            (Some(_), Some(_)) => Precision::Day,
            (Some(_), None) => Precision::Month,
            _ => Precision::Year,
        }
    }

    /// The year.
    pub fn year_number(self) -> i32 {
        self.year
    }

    /// The month (1 to 12), when known.
    pub fn month_number(self) -> Option<u32> {
        self.month.map(u32::from)
    }

    /// The day of the month, when known.
    pub fn day_number(self) -> Option<u32> {
        self.day.map(u32::from)
    }

    /// The same date cut down to a coarser precision (never made finer).
    pub fn truncate(self, precision: Precision) -> Self {
        let keep = precision.min(self.precision());
        Self {
            year: self.year,
            month: if keep >= Precision::Month {
                self.month
            } else {
                None
            },
            day: if keep >= Precision::Day {
                self.day
            } else {
                None
            },
        }
    }

    /// ISO 8601 truncated to the precision: `2016-10-18`, `2017-01`, `2005`.
    pub fn iso(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{:02}-{:02}", self.year, m, d),
            (Some(m), None) => format!("{:04}-{:02}", self.year, m),
            _ => format!("{:04}", self.year),
        }
    }

    /// The date as a reader writes it: `18 October 2016`, `January 2017`, `2005`.
    pub fn long(self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {} {}", d, month_name(m.into()), self.year),
            (Some(m), None) => format!("{} {}", month_name(m.into()), self.year),
            _ => self.year.to_string(),
        }
    }

    /// A compact form for locators and lists: `18 Oct 2016`, `Jan 2017`, `2005`.
    pub fn short(self) -> String {
        let abbrev = |m: u8| &month_name(m.into())[..3];
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{} {} {}", d, abbrev(m), self.year),
            (Some(m), None) => format!("{} {}", abbrev(m), self.year),
            _ => self.year.to_string(),
        }
    }
}

/// The number of days in a month of a (proleptic Gregorian) year.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.iso())
    }
}

impl Serialize for PartialDate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.iso())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_precision_and_keeps_it() {
        let day = PartialDate::parse("2016-10-18").unwrap();
        assert_eq!(day.precision(), Precision::Day);
        assert_eq!(day.long(), "18 October 2016");
        let month = PartialDate::parse("2017-01").unwrap();
        assert_eq!(month.precision(), Precision::Month);
        assert_eq!(month.long(), "January 2017");
        assert_eq!(month.iso(), "2017-01");
        let year = PartialDate::parse("2005").unwrap();
        assert_eq!(year.short(), "2005");
    }

    #[test]
    fn rejects_days_that_do_not_exist() {
        assert!(matches!(
            PartialDate::parse("2016-13-40"),
            Err(DateError::Month(13))
        ));
        assert!(matches!(
            PartialDate::parse("2016-02-30"),
            Err(DateError::Day { day: 30, .. })
        ));
        assert!(PartialDate::parse("2016-02-29").is_ok());
        assert!(PartialDate::parse("2015-02-29").is_err());
        assert!(PartialDate::parse("0000-00").is_err());
        assert!(PartialDate::parse("16-10-18").is_err());
        assert!(PartialDate::parse("2016/10/18").is_err());
    }

    #[test]
    fn coarser_dates_sort_before_the_days_they_contain() {
        let mut dates: Vec<PartialDate> = ["2016-10-18", "2016", "2016-10", "2005"]
            .iter()
            .map(|d| PartialDate::parse(d).unwrap())
            .collect();
        dates.sort();
        let isos: Vec<String> = dates.iter().map(|d| d.iso()).collect();
        assert_eq!(isos, ["2005", "2016", "2016-10", "2016-10-18"]);
    }

    #[test]
    fn truncation_never_adds_precision() {
        let month = PartialDate::parse("2017-01").unwrap();
        assert_eq!(month.truncate(Precision::Day), month);
        assert_eq!(month.truncate(Precision::Year).iso(), "2017");
    }
}
