//! Turns recognised phrases into dates, using the document's own date and the other dates of
//! the sentence, and says why when it cannot.
//!
//! The rule throughout is honesty: a date is never more precise than the words and the
//! document date allow. "Yesterday" in a letter dated only "January 2017" is reported, not
//! guessed; "last week" becomes the month that week fell in, marked approximate, because the
//! model has no week precision and a day would claim too much.

use chrono::{Datelike, Days, NaiveDate};

use super::patterns::{Cal, Offset, Raw, Relative, Shape, When};
use super::words::Unit;
use crate::date::{PartialDate, Precision, month_name};

/// A date with the flags the timeline shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Dated {
    /// The date or the start of the range.
    pub start: PartialDate,
    /// The end of a range.
    pub end: Option<PartialDate>,
    /// Whether the date is the nearest honest reading of fuzzy words.
    pub approximate: bool,
    /// The fuzzy word to show with the date.
    pub qualifier: Option<&'static str>,
}

impl Dated {
    fn point(start: PartialDate) -> Self {
        Self {
            start,
            end: None,
            approximate: false,
            qualifier: None,
        }
    }
}

/// What became of one phrase.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum Outcome {
    /// It gave a date.
    Dated(Dated),
    /// It could not be dated, for this reason.
    Unresolved(String),
    /// It counts from a date that the sentence gives later, so it adds nothing.
    Skip,
}

/// Resolves the phrases of one sentence, in order.
pub(super) fn sentence(raws: &[Raw], doc: Option<PartialDate>) -> Vec<Outcome> {
    let mut outcomes: Vec<Outcome> = raws
        .iter()
        .map(|raw| match &raw.shape {
            Shape::FromAnchor(_) | Shape::Event { .. } => Outcome::Skip,
            shape => match independent(shape, doc) {
                Ok(mut dated) => {
                    dated.approximate |= raw.approximate;
                    dated.qualifier = raw.qualifier.or(dated.qualifier);
                    Outcome::Dated(dated)
                }
                Err(reason) => Outcome::Unresolved(reason),
            },
        })
        .collect();
    let mut following = vec![None; raws.len()];
    let mut next = None;
    for index in (0..raws.len()).rev() {
        following[index] = next;
        if let Outcome::Dated(dated) = outcomes[index] {
            next = Some(dated);
        }
    }
    let mut previous: Option<Dated> = None;
    for (index, raw) in raws.iter().enumerate() {
        let result = match &raw.shape {
            Shape::FromAnchor(offset) => previous.map(|anchor| {
                let from = if offset.amount >= 0 {
                    anchor.end.unwrap_or(anchor.start)
                } else {
                    anchor.start
                };
                (anchor, shift(from, *offset))
            }),
            Shape::Event { offset, .. } => previous
                .or(following[index])
                .map(|anchor| (anchor, shift(anchor.start, offset.reversed()))),
            _ => {
                if let Outcome::Dated(dated) = outcomes[index] {
                    previous = Some(dated);
                }
                continue;
            }
        };
        outcomes[index] = match result {
            Some((anchor, Ok(start))) => {
                let dated = Dated {
                    start,
                    end: None,
                    approximate: anchor.approximate || raw.approximate,
                    qualifier: None,
                };
                if matches!(raw.shape, Shape::FromAnchor(_)) {
                    previous = Some(dated);
                }
                Outcome::Dated(dated)
            }
            Some((_, Err(reason))) => Outcome::Unresolved(reason),
            None if following[index].is_some() => Outcome::Skip,
            None => Outcome::Unresolved(
                "it counts from a date, but the sentence gives no date to count from".into(),
            ),
        };
    }
    outcomes
}

/// A phrase that needs nothing but the document date.
fn independent(shape: &Shape, doc: Option<PartialDate>) -> Result<Dated, String> {
    match shape {
        Shape::Point(when) => point(when, doc),
        Shape::Span(first, last) => {
            let first = point(first, doc)?;
            let last = point(last, doc)?;
            let (start, end) = if last.start < first.start {
                (last.start, first.start)
            } else {
                (first.start, last.start)
            };
            Ok(Dated {
                start,
                end: (end != start).then_some(end),
                approximate: first.approximate || last.approximate,
                qualifier: None,
            })
        }
        Shape::After { base, offset } => {
            let base = point(base, doc)?;
            Ok(Dated {
                start: shift(base.start, *offset)?,
                ..base
            })
        }
        Shape::FromAnchor(_) | Shape::Event { .. } => {
            Err("it counts from another date in the sentence".into())
        }
    }
}

/// One date, from the calendar or counted from the document date.
fn point(when: &When, doc: Option<PartialDate>) -> Result<Dated, String> {
    match when {
        When::Calendar(cal) => calendar(*cal, doc).map(Dated::point),
        When::Relative(relative) => relative_to(*relative, doc),
    }
}

fn calendar(cal: Cal, doc: Option<PartialDate>) -> Result<PartialDate, String> {
    let year = match (cal.year, cal.month) {
        (Some(year), _) => year,
        (None, Some(month)) => infer_year(month, cal.day, doc)?,
        (None, None) => return Err("the words give no month or year".into()),
    };
    let date = match (cal.month, cal.day) {
        (Some(month), Some(day)) => PartialDate::day(year, month, day),
        (Some(month), None) => PartialDate::month(year, month),
        (None, _) => PartialDate::year(year),
    };
    date.map_err(|error| error.to_string())
}

/// The year that puts a day or month nearest the document date: a letter dated January 2017
/// that mentions "28 December" means December 2016. Ties go to the past, which is what
/// briefing documents mostly report on.
fn infer_year(month: u32, day: Option<u32>, doc: Option<PartialDate>) -> Result<i32, String> {
    let doc = need(doc, Precision::Month, "the year")?;
    let year = doc.year_number();
    let doc_month = doc.month_number().unwrap_or(1);
    let reference = NaiveDate::from_ymd_opt(year, doc_month, doc.day_number().unwrap_or(15))
        .ok_or("the document date is out of range")?;
    let mut best: Option<(i64, i32)> = None;
    for candidate in year - 1..=year + 1 {
        let Some(date) = NaiveDate::from_ymd_opt(candidate, month, day.unwrap_or(15)) else {
            continue;
        };
        let distance = (date - reference).num_days().abs();
        if best.is_none_or(|(least, _)| distance < least) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, year)| year).ok_or_else(|| {
        format!(
            "there is no {} {} near the document date",
            day.unwrap_or(0),
            month_name(month)
        )
    })
}

/// The document date, if it is known at least to `precision`; `what` names what it is for.
fn need(doc: Option<PartialDate>, precision: Precision, what: &str) -> Result<PartialDate, String> {
    let level = match precision {
        Precision::Day => "day",
        Precision::Month => "month",
        Precision::Year => "year",
    };
    match doc {
        None => Err(format!(
            "the document is undated, so {what} cannot be worked out"
        )),
        Some(doc) if doc.precision() < precision => Err(format!(
            "the document is dated only {}, so {what} cannot be worked out (it needs a date known to the {level})",
            doc.iso()
        )),
        Some(doc) => Ok(doc),
    }
}

/// A date counted from the document date.
fn relative_to(relative: Relative, doc: Option<PartialDate>) -> Result<Dated, String> {
    let purpose = "the date";
    let day_of_doc = || -> Result<NaiveDate, String> {
        need(doc, Precision::Day, purpose)?
            .to_naive()
            .ok_or_else(|| "the document date is out of range".into())
    };
    let approximate = |start| Dated {
        start,
        end: None,
        approximate: true,
        qualifier: None,
    };
    Ok(match relative {
        Relative::Days(0) => Dated::point(need(doc, Precision::Year, purpose)?),
        Relative::Days(days) => Dated::point(add_days(day_of_doc()?, days)?),
        Relative::Week(weeks) => {
            let doc = day_of_doc()?;
            let monday = doc.weekday().num_days_from_monday() as i32;
            let thursday = add_days(doc, weeks * 7 - monday + 3)?;
            approximate(thursday.truncate(Precision::Month))
        }
        Relative::Weekday { weekday, forward } => {
            let doc = day_of_doc()?;
            let gap = if forward {
                (weekday.num_days_from_monday() + 7 - doc.weekday().num_days_from_monday()) % 7
            } else {
                (doc.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7
            };
            let gap = if gap == 0 { 7 } else { gap as i32 };
            Dated::point(add_days(doc, if forward { gap } else { -gap })?)
        }
        Relative::Months(months) => {
            let doc = need(doc, Precision::Month, purpose)?;
            Dated::point(add_months(doc.truncate(Precision::Month), months)?)
        }
        Relative::Years(years) => {
            let doc = need(doc, Precision::Year, purpose)?;
            Dated::point(year(doc.year_number() + years)?)
        }
        Relative::MonthOfYear { month, years } => {
            let doc = need(doc, Precision::Year, purpose)?;
            Dated::point(
                PartialDate::month(doc.year_number() + years, month).map_err(|e| e.to_string())?,
            )
        }
        Relative::NamedMonth { month, forward } => {
            let doc = need(doc, Precision::Month, purpose)?;
            let doc_month = doc.month_number().unwrap_or(1);
            let year = match (forward, month > doc_month, month < doc_month) {
                (true, true, _) | (false, _, true) => doc.year_number(),
                (true, false, _) => doc.year_number() + 1,
                (false, _, false) => doc.year_number() - 1,
            };
            Dated::point(PartialDate::month(year, month).map_err(|e| e.to_string())?)
        }
        Relative::Season { season, step } => {
            let doc = need(doc, Precision::Month, purpose)?;
            let now = doc.year_number() * 12 + doc.month_number().unwrap_or(1) as i32;
            let start_of = |year: i32| year * 12 + season.start_month as i32;
            let candidates = doc.year_number() - 2..=doc.year_number() + 1;
            let found = match step {
                s if s < 0 => candidates.rev().find(|&y| start_of(y) + 2 < now),
                0 => candidates.rev().find(|&y| start_of(y) <= now),
                _ => candidates.into_iter().find(|&y| start_of(y) > now),
            };
            let start = year(found.ok_or("the season is out of range")?)?;
            Dated {
                qualifier: Some(season.name),
                ..approximate(start)
            }
        }
        Relative::Ago(offset) => match offset.unit {
            Unit::Week => {
                approximate(add_days(day_of_doc()?, offset.amount * 7)?.truncate(Precision::Month))
            }
            Unit::Day => Dated::point(add_days(day_of_doc()?, offset.amount)?),
            Unit::Month => {
                let doc = need(doc, Precision::Month, purpose)?;
                approximate(add_months(doc.truncate(Precision::Month), offset.amount)?)
            }
            Unit::Year => {
                let doc = need(doc, Precision::Year, purpose)?;
                approximate(year(doc.year_number() + offset.amount)?)
            }
        },
    })
}

/// `date` moved by `offset`, keeping its precision; days need a date known to the day.
fn shift(date: PartialDate, offset: Offset) -> Result<PartialDate, String> {
    match offset.unit {
        Unit::Day | Unit::Week => {
            let day = date.to_naive().ok_or_else(|| {
                format!(
                    "it counts in days from {}, which is not known to the day",
                    date.long()
                )
            })?;
            let days = if offset.unit == Unit::Week {
                offset.amount * 7
            } else {
                offset.amount
            };
            add_days(day, days)
        }
        Unit::Month => {
            if date.precision() < Precision::Month {
                return Err(format!(
                    "it counts in months from {}, which is not known to the month",
                    date.long()
                ));
            }
            let moved = add_months(date.truncate(Precision::Month), offset.amount)?;
            with_day(moved, date.day_number())
        }
        Unit::Year => {
            let moved = year(date.year_number() + offset.amount)?;
            match date.month_number() {
                Some(month) => with_day(
                    PartialDate::month(moved.year_number(), month).map_err(|e| e.to_string())?,
                    date.day_number(),
                ),
                None => Ok(moved),
            }
        }
    }
}

/// A month given back its day, moved to the month's last day when it has fewer.
fn with_day(month: PartialDate, day: Option<u32>) -> Result<PartialDate, String> {
    let (Some(day), Some(m)) = (day, month.month_number()) else {
        return Ok(month);
    };
    let year = month.year_number();
    PartialDate::day(year, m, day.min(crate::date::days_in_month(year, m)))
        .map_err(|e| e.to_string())
}

fn add_days(date: NaiveDate, days: i32) -> Result<PartialDate, String> {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs().into()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs().into()))
    };
    let moved = moved.ok_or("the date is out of range")?;
    PartialDate::day(moved.year(), moved.month(), moved.day()).map_err(|e| e.to_string())
}

fn add_months(month: PartialDate, months: i32) -> Result<PartialDate, String> {
    let index = month.year_number() * 12 + month.month_number().unwrap_or(1) as i32 - 1 + months;
    PartialDate::month(index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
        .map_err(|e| e.to_string())
}

fn year(year: i32) -> Result<PartialDate, String> {
    PartialDate::year(year).map_err(|e| e.to_string())
}
