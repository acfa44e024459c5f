//! `casebook bundle`: the pack for reading offline, as a zip of the site whose links all
//! work from a folder (file://), and as one self-contained HTML file.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{BuildOptions, RenderedPack, Session};
use crate::edition::{files_by_path, single_file};
use crate::error::BuildError;
use crate::output::{check_output_location, minify_files, minify_html, write_file, zip_archive};
use crate::render::{RenderOptions, edition_layout};
use crate::timings::Timings;

/// What to make.
#[derive(Debug, Clone, Default)]
pub struct BundleOptions {
    /// Where to write the zip archive of the site.
    pub zip: Option<PathBuf>,
    /// Where to write the single-file edition.
    pub single_file: Option<PathBuf>,
}

/// What `bundle` wrote.
#[derive(Debug, Clone)]
pub struct BundleReport {
    /// Documents in the pack.
    pub documents: usize,
    /// The archive, the number of files in it and its size in bytes.
    pub zip: Option<(PathBuf, usize, u64)>,
    /// The single file and its size in bytes.
    pub single_file: Option<(PathBuf, u64)>,
    /// Wall-clock time.
    pub elapsed: Duration,
}

/// Renders the pack with links that name their files (`documents/x/index.html#p3`) and
/// writes the editions asked for. Nothing is written unless everything rendered.
pub fn bundle(build: &BuildOptions, options: &BundleOptions) -> Result<BundleReport, BuildError> {
    let started = Instant::now();
    for path in options.zip.iter().chain(&options.single_file) {
        check_output_location(&build.root, path)?;
    }
    // One session for both editions: the second render reuses the first one's parsing and
    // analysis, and only pages whose links differ are rendered again.
    let mut session = Session::new(build.clone());
    let mut timings = Timings::default();
    let mut documents = 0;
    let single = match &options.single_file {
        Some(path) => {
            let RenderedPack { pack, rendered, .. } =
                session.render(&RenderOptions::single_file(), &mut timings)?;
            documents = pack.documents.len();
            let layout = edition_layout(&pack, true);
            let html = single_file(&layout, &files_by_path(&rendered.files))?;
            let bytes = if pack.config.output.minify {
                minify_html(html.as_bytes())
            } else {
                html.into_bytes()
            };
            Some((path, bytes))
        }
        None => None,
    };
    let archive = match &options.zip {
        Some(path) => {
            let RenderedPack { pack, rendered, .. } =
                session.render(&RenderOptions::offline(), &mut timings)?;
            documents = pack.documents.len();
            let files = if pack.config.output.minify {
                minify_files(rendered.files)?
            } else {
                rendered.files
            };
            Some((
                path,
                files.len(),
                zip_archive(&files, &folder_name(path), path)?,
            ))
        }
        None => None,
    };
    let mut report = BundleReport {
        documents,
        zip: None,
        single_file: None,
        elapsed: Duration::ZERO,
    };
    if let Some((path, bytes)) = single {
        write_file(path, &bytes)?;
        report.single_file = Some((path.clone(), bytes.len() as u64));
    }
    if let Some((path, count, bytes)) = archive {
        write_file(path, &bytes)?;
        report.zip = Some((path.clone(), count, bytes.len() as u64));
    }
    report.elapsed = started.elapsed();
    Ok(report)
}

/// The folder the archive unpacks into: its file name without `.zip`.
fn folder_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty() && s != "." && s != "..")
        .unwrap_or_else(|| "pack".into())
}
