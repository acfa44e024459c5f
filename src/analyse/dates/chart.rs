//! An overview of the timeline as an inline SVG bar chart, drawn at build time.
//!
//! The site must work without JavaScript, so the chart is plain SVG: one bar per month with
//! events across the pack's whole span (empty months stay visible as gaps), a tick for each
//! document date, `<title>` tooltips and an `aria-label` for screen readers. Colours come from
//! the site's CSS through the classes `tl-bar`, `tl-doc`, `tl-axis` and `tl-label`. Spans of
//! more than 15 years are drawn a bar per year so the chart stays legible and
//! its size linear.

use std::fmt::Write;

use super::timeline::Timeline;
use crate::date::{PartialDate, month_name};

/// The longest span, in years, drawn a bar per month.
const MAX_MONTHLY_YEARS: i32 = 15;
/// Width of one bin (bar and gap), in viewBox units.
const BIN: i32 = 10;
/// Width of a bar.
const BAR: i32 = 8;
/// Left and right margins.
const MARGIN: i32 = 10;
/// Top of the plot area.
const TOP: i32 = 10;
/// The axis line, where bars stand.
const BASELINE: i32 = 70;
/// The band under the axis for events whose month is not known.
const YEAR_BAND: i32 = 80;
/// Where year labels sit.
const LABEL_Y: i32 = 98;
/// Total height.
const HEIGHT: i32 = 104;

/// How the span is cut into bars.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Bins {
    /// A bar per month, counting months from year 0 (`year * 12 + month - 1`).
    Monthly,
    /// A bar per year.
    Yearly,
}

/// The overview chart of `timeline`, with a tick for each of `document_dates`.
///
/// Deterministic (the same input gives the same bytes) and O(months + events).
pub fn overview_svg(timeline: &Timeline, document_dates: &[PartialDate]) -> String {
    let all = || {
        timeline
            .events
            .iter()
            .map(|e| e.date)
            .chain(document_dates.iter().copied())
    };
    let (Some(first), Some(last)) = (all().min(), all().max()) else {
        return format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tl-overview\" viewBox=\"0 0 {w} {HEIGHT}\" role=\"img\" aria-label=\"Timeline overview: no dated events\"><title>Timeline overview: no dated events</title></svg>",
            w = 2 * MARGIN
        );
    };
    let years = last.year_number() - first.year_number() + 1;
    let bins = if years > MAX_MONTHLY_YEARS {
        Bins::Yearly
    } else {
        Bins::Monthly
    };
    let index = |date: PartialDate, end: bool| -> i32 {
        match (bins, date.month_number()) {
            (Bins::Yearly, _) => date.year_number(),
            (Bins::Monthly, Some(month)) => date.year_number() * 12 + month as i32 - 1,
            (Bins::Monthly, None) => date.year_number() * 12 + if end { 11 } else { 0 },
        }
    };
    let start = all().map(|d| index(d, false)).min().unwrap_or(0);
    let stop = all().map(|d| index(d, true)).max().unwrap_or(0);
    let count = usize::try_from(stop - start + 1).unwrap_or(1);
    let mut bars = vec![0usize; count];
    let unknown_years = if bins == Bins::Monthly { years } else { 0 };
    let mut unknown_month = vec![0usize; usize::try_from(unknown_years).unwrap_or(0)];
    for event in &timeline.events {
        if bins == Bins::Monthly && event.date.month_number().is_none() {
            unknown_month[(event.date.year_number() - first.year_number()) as usize] += 1;
        } else {
            bars[(index(event.date, false) - start) as usize] += 1;
        }
    }
    let width = 2 * MARGIN + count as i32 * BIN;
    let x_of = |bin: i32| MARGIN + (bin - start) * BIN;
    let label_of = |bin: i32| match bins {
        Bins::Yearly => bin.to_string(),
        Bins::Monthly => format!("{} {}", month_name((bin % 12 + 1) as u32), bin / 12),
    };
    let summary = format!(
        "Timeline overview: {} from {} to {}",
        plural(timeline.events.len(), "event"),
        label_of(start),
        label_of(stop)
    );
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"tl-overview\" viewBox=\"0 0 {width} {HEIGHT}\" role=\"img\" aria-label=\"{summary}\">\n<title>{summary}</title>\n"
    );
    let tallest = bars.iter().copied().max().unwrap_or(0).max(1);
    for (offset, &events) in bars.iter().enumerate() {
        if events == 0 {
            continue;
        }
        let bin = start + offset as i32;
        let height = ((events * (BASELINE - TOP) as usize) / tallest).max(2) as i32;
        let _ = writeln!(
            svg,
            "<rect class=\"tl-bar\" x=\"{}\" y=\"{}\" width=\"{BAR}\" height=\"{height}\"><title>{}: {}</title></rect>",
            x_of(bin) + 1,
            BASELINE - height,
            label_of(bin),
            plural(events, "event")
        );
    }
    for (offset, &events) in unknown_month.iter().enumerate() {
        if events == 0 {
            continue;
        }
        let year = first.year_number() + offset as i32;
        let from = (year * 12).max(start);
        let to = (year * 12 + 11).min(stop);
        let _ = writeln!(
            svg,
            "<rect class=\"tl-bar tl-bar-year\" x=\"{}\" y=\"{YEAR_BAND}\" width=\"{}\" height=\"4\"><title>{year}: {}, month not known</title></rect>",
            x_of(from) + 1,
            (to - from + 1) * BIN - (BIN - BAR),
            plural(events, "event")
        );
    }
    let _ = writeln!(
        svg,
        "<line class=\"tl-axis\" x1=\"{MARGIN}\" y1=\"{BASELINE}\" x2=\"{}\" y2=\"{BASELINE}\"/>",
        width - MARGIN
    );
    for bin in start..=stop {
        let (labelled, text) = match bins {
            Bins::Monthly => (
                bin % 12 == 0 || (bin == start && bin % 12 < 8),
                (bin / 12).to_string(),
            ),
            Bins::Yearly => (bin % year_step(years) == 0 || bin == start, bin.to_string()),
        };
        if labelled {
            let _ = writeln!(
                svg,
                "<line class=\"tl-axis\" x1=\"{x}\" y1=\"{BASELINE}\" x2=\"{x}\" y2=\"{}\"/>\n<text class=\"tl-label\" x=\"{x}\" y=\"{LABEL_Y}\">{text}</text>",
                BASELINE + 4,
                x = x_of(bin)
            );
        }
    }
    let mut dates = document_dates.to_vec();
    dates.sort();
    for group in dates.chunk_by(|a, b| a == b) {
        let date = group[0];
        let bin = index(date, false);
        let within = match (bins, date.day_number()) {
            (Bins::Monthly, Some(day)) => (day as i32 - 1) * BAR / 31,
            _ => BAR / 2,
        };
        let x = x_of(bin) + 1 + within;
        let what = if group.len() == 1 {
            "Document".to_string()
        } else {
            format!("{} documents", group.len())
        };
        let _ = writeln!(
            svg,
            "<line class=\"tl-doc\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"><title>{what} dated {}</title></line>",
            BASELINE + 1,
            BASELINE + 7,
            date.long()
        );
    }
    svg.push_str("</svg>\n");
    svg
}

/// Years between labels on a yearly chart, so labels never crowd: at least 5 and at most
/// about 15 labels.
fn year_step(years: i32) -> i32 {
    [5, 10, 20, 50, 100, 200, 500, 1000]
        .into_iter()
        .find(|step| years / step <= MAX_MONTHLY_YEARS)
        .unwrap_or(2000)
}

fn plural(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}
