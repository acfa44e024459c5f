//! `casebook check`: everything a build validates, without writing the site, plus what an
//! editor should look at before publishing: documents without a date, a source or a summary,
//! duplicate titles, dates the timeline could not place, and names the index vocabulary lacks.
//! With [`ExternalOptions`], links to web addresses are asked about too (see [`external`]).

pub mod external;

use std::collections::HashMap;
use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;

use crate::error::BuildError;
use crate::pack::Pack;
use crate::pipeline::{BuildOptions, RenderedPack, Session};
use crate::render::RenderOptions;
use crate::timings::Timings;

pub use external::ExternalOptions;

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The pack does not build.
    Error,
    /// The pack builds, but a reader will miss something.
    Warning,
    /// A suggestion.
    Note,
}

/// One thing `check` found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The file, relative to the pack root.
    pub path: PathBuf,
    /// Where in the file, when known.
    pub span: Option<Range<usize>>,
    /// How serious.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// What to do about it.
    pub help: Option<String>,
    /// For a finding about a web link: the address and its answer.
    pub link: Option<LinkStatus>,
}

/// A web link `check --external` asked about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LinkStatus {
    /// The address as written in the document.
    pub url: String,
    /// The HTTP status it answered with, if it answered.
    pub status: Option<u16>,
}

/// Everything `check` found, sorted by file and place.
#[derive(Debug, Clone, Default)]
pub struct CheckReport {
    /// The findings.
    pub findings: Vec<Finding>,
}

impl CheckReport {
    /// How many findings have this severity.
    pub fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.severity == severity)
            .count()
    }
}

/// Checks the pack: renders it in memory (so templates are checked too) and writes nothing.
/// With `external`, the web links of a pack that builds are asked about as well; without it,
/// nothing touches the network.
pub fn check(options: &BuildOptions, external: Option<&ExternalOptions>) -> CheckReport {
    let mut findings = match Session::new(options.clone())
        .render(&RenderOptions::hosted(), &mut Timings::default())
    {
        Ok(RenderedPack { pack, .. }) => {
            let mut findings = advice(&pack);
            if let Some(external) = external {
                findings.extend(external::check_links(&web_links(&pack), external));
            }
            findings
        }
        Err(BuildError::Content(errors)) => errors
            .into_iter()
            .map(|e| Finding {
                help: e.help(),
                message: e.kind.to_string(),
                path: e.path,
                span: e.span,
                severity: Severity::Error,
                link: None,
            })
            .collect(),
        Err(other) => vec![Finding {
            path: PathBuf::from(match &other {
                BuildError::Template { template, .. }
                | BuildError::TemplateTimeout { template, .. } => template.as_str(),
                _ => crate::config::CONFIG_FILE,
            }),
            span: None,
            severity: Severity::Error,
            message: other.to_string(),
            help: None,
            link: None,
        }],
    };
    findings.sort_by(|a, b| {
        (&a.path, a.span.as_ref().map(|s| s.start), a.severity).cmp(&(
            &b.path,
            b.span.as_ref().map(|s| s.start),
            b.severity,
        ))
    });
    CheckReport { findings }
}

/// Every web link of every document, where it is.
fn web_links(pack: &Pack) -> Vec<external::LinkUse> {
    pack.documents
        .iter()
        .flat_map(|doc| {
            doc.body.web_links.iter().map(|link| external::LinkUse {
                path: doc.path.clone(),
                span: link.span.clone(),
                url: link.url.clone(),
            })
        })
        .collect()
}

/// Warnings and notes for a pack that builds.
fn advice(pack: &Pack) -> Vec<Finding> {
    let mut findings = Vec::new();
    let warn = |path: &PathBuf, message: &str, help: &str| Finding {
        path: path.clone(),
        span: None,
        severity: Severity::Warning,
        message: message.to_string(),
        help: Some(help.to_string()),
        link: None,
    };
    let mut titles: HashMap<String, &PathBuf> = HashMap::new();
    for doc in &pack.documents {
        let meta = &doc.meta;
        if meta.date.is_none() {
            findings.push(warn(
                &doc.path,
                "the document has no date, so it is listed last and not on the timeline",
                "add `date = \"YYYY-MM-DD\"` (or YYYY-MM, YYYY) and a date_note if it is inferred",
            ));
        }
        if meta.source_url.is_none() && meta.source_title.is_none() {
            findings.push(warn(
                &doc.path,
                "the document does not say where it comes from",
                "add `source_url` or `source_title`",
            ));
        }
        if meta.summary.is_none() {
            findings.push(warn(
                &doc.path,
                "the document has no summary for lists and previews",
                "add `summary = \"…\"`",
            ));
        }
        match titles.get(&meta.title.to_lowercase()) {
            Some(first) => findings.push(warn(
                &doc.path,
                &format!(
                    "the title “{}” is also the title of {}",
                    meta.title,
                    first.display()
                ),
                "give each document a title a reader can tell apart",
            )),
            None => {
                titles.insert(meta.title.to_lowercase(), &doc.path);
            }
        }
    }
    for date in pack.unresolved_dates() {
        findings.push(Finding {
            path: date.path,
            span: Some(date.offset..date.offset + 1),
            severity: Severity::Warning,
            message: format!(
                "“{}” in {} is not on the timeline: {}",
                date.words, date.paragraph, date.reason
            ),
            help: Some(
                "add an [[events]] entry with the date, or list the words in timeline_ignore"
                    .into(),
            ),
            link: None,
        });
    }
    let vocabulary = PathBuf::from(&pack.config.topics.vocabulary);
    for term in pack.candidate_terms() {
        findings.push(Finding {
            path: vocabulary.clone(),
            span: None,
            severity: Severity::Note,
            message: format!(
                "“{}” recurs ({} mentions in {} documents) but is not in the index vocabulary",
                term.phrase, term.count, term.documents
            ),
            help: Some("add it as a term (or an alias of one) if readers will look for it".into()),
            link: None,
        });
    }
    findings
}
