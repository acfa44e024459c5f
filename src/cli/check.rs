//! `casebook check`: findings grouped by file, as text or JSON.

use std::path::Path;

use serde::Serialize;

use casebook::BuildOptions;
use casebook::check::{CheckReport, ExternalOptions, Finding, LinkStatus, Severity, check};
use casebook::diagnostics::line_column;

use super::Output;

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// One line per finding, grouped by file.
    Text,
    /// One JSON document, for tools.
    Json,
}

/// A finding as printed, with its line and column.
#[derive(Serialize)]
struct Located<'a> {
    file: String,
    line: Option<usize>,
    column: Option<usize>,
    severity: Severity,
    message: &'a str,
    help: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a LinkStatus>,
}

/// Checks the pack (and, with `external`, its web links) and prints what it found; succeeds
/// unless there are errors (or, with `strict`, warnings).
pub fn run(
    options: BuildOptions,
    external: Option<ExternalOptions>,
    format: Format,
    strict: bool,
    output: Output,
) -> bool {
    let root = options.root.clone();
    if external.is_some() && !output.quiet {
        eprintln!("Checking the pack and asking about its web links…");
    }
    let report = check(&options, external.as_ref());
    let located: Vec<Located> = report.findings.iter().map(|f| locate(&root, f)).collect();
    let (errors, warnings, notes) = (
        report.count(Severity::Error),
        report.count(Severity::Warning),
        report.count(Severity::Note),
    );
    match format {
        Format::Json => {
            #[derive(Serialize)]
            struct Document<'a> {
                findings: &'a [Located<'a>],
                errors: usize,
                warnings: usize,
                notes: usize,
            }
            let json = Document {
                findings: &located,
                errors,
                warnings,
                notes,
            };
            println!(
                "{}",
                serde_json::to_string_pretty(&json).expect("plain data serialises")
            );
        }
        Format::Text => print_text(&located, &report, output),
    }
    errors == 0 && !(strict && warnings > 0)
}

fn print_text(located: &[Located], report: &CheckReport, output: Output) {
    let mut previous: Option<&str> = None;
    for finding in located {
        if output.quiet && finding.severity != Severity::Error {
            continue;
        }
        if previous.is_some_and(|p| p != finding.file) {
            println!();
        }
        previous = Some(&finding.file);
        let place = match (finding.line, finding.column) {
            (Some(line), Some(column)) => format!("{}:{line}:{column}", finding.file),
            _ => finding.file.clone(),
        };
        let severity = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        println!("{place}: {severity}: {}", finding.message);
        if let Some(help) = finding.help {
            println!("  help: {help}");
        }
    }
    if previous.is_some() {
        println!();
    }
    println!(
        "{} error{}, {} warning{}, {} note{}",
        report.count(Severity::Error),
        plural(report.count(Severity::Error)),
        report.count(Severity::Warning),
        plural(report.count(Severity::Warning)),
        report.count(Severity::Note),
        plural(report.count(Severity::Note)),
    );
}

fn locate<'a>(root: &Path, finding: &'a Finding) -> Located<'a> {
    let position = finding
        .span
        .as_ref()
        .and_then(|span| line_column(root, &finding.path, span.start));
    Located {
        file: finding.path.display().to_string(),
        line: position.map(|(line, _)| line),
        column: position.map(|(_, column)| column),
        severity: finding.severity,
        message: &finding.message,
        help: finding.help.as_deref(),
        link: finding.link.as_ref(),
    }
}

/// Parses `--external-timeout`: a positive number of seconds, fractions allowed.
pub fn parse_seconds(text: &str) -> Result<std::time::Duration, String> {
    let seconds: f64 = text
        .parse()
        .map_err(|_| format!("`{text}` is not a number of seconds"))?;
    if seconds > 0.0 && seconds <= 3600.0 {
        Ok(std::time::Duration::from_secs_f64(seconds))
    } else {
        Err(format!(
            "`{text}`: the timeout must be more than 0 and at most 3600 seconds"
        ))
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
