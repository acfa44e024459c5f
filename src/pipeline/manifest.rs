//! The record of the last build into an output folder, so that `casebook build` with
//! nothing changed can say so without parsing or rendering anything.
//!
//! The record holds one hash of everything the build reads (the program itself, the build's
//! options, config.toml, the vocabulary, and every file under content/, templates/, themes/
//! and static/, by content) and the size and modification time of every file the build left
//! in the output folder. When the inputs hash the same and the output folder holds exactly
//! those files untouched, a build would write nothing, so it is skipped. Anything else (a
//! changed source, a file edited or deleted in the output, a new binary, an unreadable
//! record) means a full build.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, UNIX_EPOCH};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use xxhash_rust::xxh3::xxh3_64;

use super::{BuildOptions, BuildReport, UnresolvedDate};
use crate::config::{CACHE_DIR, CONFIG_FILE, Config, load_config};
use crate::fingerprint::Fingerprint;
use crate::output::WriteReport;
use crate::source::CONTENT_DIR;
use crate::timings::Timings;

/// Bumped whenever the record's meaning changes, so an old record is never trusted.
const FORMAT: u64 = 1;

/// The folders of a pack whose files a build reads.
const INPUT_FOLDERS: [&str; 4] = [CONTENT_DIR, "templates", "themes", "static"];

/// What `--timings` calls the work this module adds to a build.
const CHECK_STAGE: &str = "compare with the last build";
const RECORD_STAGE: &str = "record the build for the next one";

/// What the last successful build into one output folder read and wrote.
#[derive(Debug, Serialize, Deserialize)]
struct Manifest {
    inputs: u64,
    documents: usize,
    outputs: Vec<OutputStamp>,
    unresolved_dates: Vec<UnresolvedDate>,
}

/// One output file as the build left it: path, size, modification time (ns since 1970).
#[derive(Debug, Serialize, Deserialize, PartialEq, Eq)]
struct OutputStamp(String, u64, u128);

/// The state of the inputs before a build, compared with the record of the last build.
pub struct LastBuild {
    record: PathBuf,
    inputs: u64,
    output_dir: PathBuf,
    started: Instant,
    inspected: Duration,
}

impl LastBuild {
    /// Hashes the inputs as they are now. Hashing before the build, not after, means a
    /// file saved while the build runs makes the next build's hash differ from the record,
    /// so that build is not skipped. `None` when the inputs cannot all be read (the build
    /// will report why).
    pub fn inspect(options: &BuildOptions) -> Option<Self> {
        let started = Instant::now();
        let config = load_config(&options.root).ok()?;
        let output_dir = match &options.output {
            Some(path) => path.clone(),
            None => options.root.join(&config.output_dir),
        };
        Some(Self {
            record: record_path(&options.root, &output_dir),
            inputs: input_hash(options, &config, &output_dir)?,
            output_dir,
            started,
            inspected: started.elapsed(),
        })
    }

    /// The report of the last build when nothing it read has changed since and its output
    /// folder holds exactly the files it left, untouched; `None` when a build is needed.
    pub fn unchanged(&self) -> Option<BuildReport> {
        let manifest: Manifest = serde_json::from_slice(&fs::read(&self.record).ok()?).ok()?;
        if manifest.inputs != self.inputs {
            return None;
        }
        if output_stamps(&self.output_dir, &list_files(&self.output_dir)?)? != manifest.outputs {
            return None;
        }
        let mut timings = Timings::default();
        timings.add(CHECK_STAGE, self.started.elapsed());
        Some(BuildReport {
            documents: manifest.documents,
            parsed: 0,
            files: manifest.outputs.len(),
            rendered: 0,
            writes: WriteReport {
                unchanged: manifest.outputs.len(),
                ..WriteReport::default()
            },
            changed_paths: Vec::new(),
            edited: Default::default(),
            unresolved_dates: manifest.unresolved_dates,
            suggested_terms: Vec::new(),
            output_dir: self.output_dir.clone(),
            elapsed: self.started.elapsed(),
            timings,
        })
    }

    /// Records the build that just succeeded from these inputs. A record that cannot be
    /// written only costs the next build its shortcut, so failures are ignored once the
    /// stale record is gone.
    pub fn record(self, report: &mut BuildReport) {
        let started = Instant::now();
        report.timings.add(CHECK_STAGE, self.inspected);
        let _ = fs::remove_file(&self.record);
        let Some(outputs) = list_files(&report.output_dir)
            .and_then(|files| output_stamps(&report.output_dir, &files))
        else {
            return;
        };
        let manifest = Manifest {
            inputs: self.inputs,
            documents: report.documents,
            outputs,
            unresolved_dates: report.unresolved_dates.clone(),
        };
        if let (Some(parent), Ok(json)) = (self.record.parent(), serde_json::to_vec(&manifest)) {
            let temporary = self.record.with_extension("tmp");
            let _ = fs::create_dir_all(parent)
                .and_then(|()| fs::write(&temporary, json))
                .and_then(|()| fs::rename(&temporary, &self.record));
        }
        report.timings.add(RECORD_STAGE, started.elapsed());
        report.elapsed = self.started.elapsed();
    }
}

/// One record per output folder, in the pack's cache folder.
fn record_path(root: &Path, output_dir: &Path) -> PathBuf {
    let absolute = std::path::absolute(output_dir).unwrap_or(output_dir.to_path_buf());
    let key = xxh3_64(absolute.as_os_str().as_encoded_bytes());
    root.join(CACHE_DIR).join(format!("build-{key:016x}.json"))
}

/// One number for everything the build reads; `None` when something cannot be read (the
/// build will then report it).
fn input_hash(options: &BuildOptions, config: &Config, output_dir: &Path) -> Option<u64> {
    let root = &options.root;
    let mut inputs: Vec<PathBuf> =
        vec![root.join(CONFIG_FILE), root.join(&config.topics.vocabulary)];
    let output = std::path::absolute(output_dir).ok()?;
    for folder in INPUT_FOLDERS {
        inputs.extend(files_under(&root.join(folder), &output)?);
    }
    let hashes: Vec<u64> = inputs
        .par_iter()
        .map(|path| match fs::read(path) {
            Ok(bytes) => Some(xxh3_64(&bytes)),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some(0),
            Err(_) => None,
        })
        .collect::<Option<_>>()?;
    let mut fingerprint = Fingerprint::default()
        .number(FORMAT)
        .text(env!("CARGO_PKG_VERSION"))
        .number(program_stamp()?)
        .text(&std::path::absolute(root).ok()?.to_string_lossy())
        .text(&output.to_string_lossy())
        .text(options.base_url.as_deref().unwrap_or("\u{0}"))
        .number(u64::from(options.drafts));
    for (path, hash) in inputs.iter().zip(hashes) {
        fingerprint = fingerprint.text(&path.to_string_lossy()).number(hash);
    }
    Some(fingerprint.finish())
}

/// The running program's size and modification time: a rebuilt `casebook` may render
/// differently, so it invalidates every record.
fn program_stamp() -> Option<u64> {
    let metadata = fs::metadata(std::env::current_exe().ok()?).ok()?;
    let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
    Some(
        Fingerprint::default()
            .number(metadata.len())
            .number(modified.as_secs())
            .number(u64::from(modified.subsec_nanos()))
            .finish(),
    )
}

/// The files under `folder` (following links, skipping hidden names and the output folder),
/// in a fixed order; an empty list when the folder does not exist.
fn files_under(folder: &Path, output: &Path) -> Option<Vec<PathBuf>> {
    if !folder.exists() {
        return Some(Vec::new());
    }
    let mut files = Vec::new();
    let walk = walkdir::WalkDir::new(folder)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
            !hidden && std::path::absolute(entry.path()).is_ok_and(|p| !p.starts_with(output))
        });
    for entry in walk {
        let entry = entry.ok()?;
        if !entry.file_type().is_dir() {
            files.push(entry.into_path());
        }
    }
    Some(files)
}

/// Every file in the output folder, as sorted `/`-separated relative paths.
fn list_files(output: &Path) -> Option<Vec<String>> {
    let mut files = BTreeSet::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let entry = entry.ok()?;
        if !entry.file_type().is_dir() {
            let relative = entry.path().strip_prefix(output).ok()?;
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.insert(parts.join("/"));
        }
    }
    Some(files.into_iter().collect())
}

fn output_stamps(output: &Path, files: &[String]) -> Option<Vec<OutputStamp>> {
    files
        .par_iter()
        .map(|path| {
            let metadata = fs::symlink_metadata(output.join(path)).ok()?;
            let modified = metadata
                .modified()
                .ok()?
                .duration_since(UNIX_EPOCH)
                .unwrap_or(Duration::ZERO);
            Some(OutputStamp(
                path.clone(),
                metadata.len(),
                modified.as_nanos(),
            ))
        })
        .collect()
}
