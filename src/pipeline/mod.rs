//! The build: every stage in order, from the pack's folder to its site.
//!
//! [`Session`] holds what one build learnt (parsed documents, rendered pages, what is on
//! disk) so the next build redoes only what changed: `casebook build` runs one session once;
//! `casebook serve` keeps one alive and feeds it file changes. [`bundle`] renders the same
//! pack for reading offline.

mod bundle;
mod changes;
mod manifest;
mod session;

pub use bundle::{BundleOptions, BundleReport, bundle};
pub use changes::{ChangeKind, classify_change};
pub use session::{RenderedPack, Session};

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::time::Duration;

use manifest::LastBuild;
use serde::{Deserialize, Serialize};

use crate::analyse::index::Suggestion;
use crate::error::BuildError;
use crate::output::WriteReport;
use crate::timings::Timings;

/// What to build and where.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The pack's folder (holding config.toml and content/).
    pub root: PathBuf,
    /// Overrides `output_dir`; relative paths are taken from the current folder.
    pub output: Option<PathBuf>,
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include documents marked `draft = true`.
    pub drafts: bool,
    /// Look for recurring names the index vocabulary lacks (a pass over all text).
    pub suggest_terms: bool,
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Documents in the site.
    pub documents: usize,
    /// Documents parsed in this build (the rest came from the session's cache).
    pub parsed: usize,
    /// Files the site consists of.
    pub files: usize,
    /// Pages rendered in this build (the rest were unchanged).
    pub rendered: usize,
    /// What was written, left alone and removed.
    pub writes: WriteReport,
    /// Output paths written or removed in this build, for live reload.
    pub changed_paths: Vec<String>,
    /// For each re-parsed document's page, the first paragraph whose text changed, so the
    /// preview can land the editor on their edit.
    pub edited: BTreeMap<String, String>,
    /// Date-like phrases the timeline could not date, for editors to curate.
    pub unresolved_dates: Vec<UnresolvedDate>,
    /// Recurring proper-noun phrases missing from the vocabulary (when asked for).
    pub suggested_terms: Vec<Suggestion>,
    /// Where the site is.
    pub output_dir: PathBuf,
    /// Wall-clock time of the whole build.
    pub elapsed: Duration,
    /// Time per stage.
    pub timings: Timings,
}

/// The pages of a rebuild, written before the files drawn from the whole pack.
#[derive(Debug, Clone, Copy)]
pub struct PagesWritten<'a> {
    /// Output paths written, sorted.
    pub changed_paths: &'a [String],
    /// For each re-parsed document's page, the first paragraph whose text changed.
    pub edited: &'a BTreeMap<String, String>,
}

/// A date mention the timeline left out, and why.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct UnresolvedDate {
    /// The document, relative to the pack root.
    pub path: PathBuf,
    /// The paragraph id.
    pub paragraph: String,
    /// Where the paragraph starts in the file.
    pub offset: usize,
    /// The words.
    pub words: String,
    /// Why they could not be dated.
    pub reason: String,
}

/// Builds the pack at `options.root` into its output folder, once. When nothing it reads
/// has changed since the last build into that folder, and the folder is as that build left
/// it, nothing is parsed, rendered or written.
///
/// On any error nothing is written, so the last good site stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let last = LastBuild::inspect(options);
    if !options.suggest_terms
        && let Some(report) = last.as_ref().and_then(LastBuild::unchanged)
    {
        return Ok(report);
    }
    let mut report = Session::new(options.clone()).build_once()?;
    if let Some(last) = last {
        last.record(&mut report);
    }
    Ok(report)
}
