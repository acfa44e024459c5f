//! The build: every stage in order, from the pack's folder to its site.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::config::{Config, load_config};
use crate::error::{BuildError, ContentError, ContentErrorKind};
use crate::output::{WriteReport, write_output};
use crate::pack::Pack;
use crate::render::{RenderOptions, load_theme, render_site};
use crate::source::{Document, SourceFile, discover_sources, parse_document};

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
}

/// What a successful build did.
#[derive(Debug, Clone)]
pub struct BuildReport {
    /// Documents in the site.
    pub documents: usize,
    /// Files the site consists of.
    pub files: usize,
    /// What was written, left alone and removed.
    pub writes: WriteReport,
    /// Where the site is.
    pub output_dir: PathBuf,
    /// Wall-clock time of the whole build.
    pub elapsed: Duration,
}

/// Builds the pack at `options.root` into its output folder.
///
/// On any error nothing is written, so the last good site stays as it was.
pub fn build(options: &BuildOptions) -> Result<BuildReport, BuildError> {
    let started = Instant::now();
    let mut config = load_config(&options.root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.clone();
    }
    let output_dir = match &options.output {
        Some(path) => path.clone(),
        None => options.root.join(&config.output_dir),
    };
    check_output_location(&options.root, &output_dir)?;
    let documents = parse_pack(&options.root, &config)?;
    let pack = Pack::assemble(config, documents, options.drafts).map_err(BuildError::Content)?;
    let theme = load_theme(&options.root, &pack.config.theme)?;
    let files = render_site(&pack, &theme, &RenderOptions::default())?;
    let writes = write_output(&output_dir, &files)?;
    Ok(BuildReport {
        documents: pack.documents.len(),
        files: files.len(),
        writes,
        output_dir,
        elapsed: started.elapsed(),
    })
}

/// Discovers and parses every source document, in parallel; all errors are collected.
pub fn parse_pack(root: &Path, config: &Config) -> Result<Vec<Document>, BuildError> {
    let (sources, mut errors) = discover_sources(root);
    let results: Vec<Result<Document, Vec<ContentError>>> = sources
        .par_iter()
        .map(|source| read_and_parse(root, source, config))
        .collect();
    let mut documents = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(doc) => documents.push(doc),
            Err(mut errs) => errors.append(&mut errs),
        }
    }
    if errors.is_empty() {
        Ok(documents)
    } else {
        Err(BuildError::Content(errors))
    }
}

fn read_and_parse(
    root: &Path,
    source: &SourceFile,
    config: &Config,
) -> Result<Document, Vec<ContentError>> {
    let bytes = std::fs::read(root.join(&source.path)).map_err(|e| {
        vec![ContentError::file(
            source.path.clone(),
            ContentErrorKind::Unreadable(e.to_string()),
        )]
    })?;
    parse_document(source, &bytes, config)
}

/// Refuses an output folder that would overwrite the pack itself.
fn check_output_location(root: &Path, output: &Path) -> Result<(), BuildError> {
    let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
    let root = absolute(root);
    let output = absolute(output);
    let protected = ["content", "templates", "static", "themes"];
    let clashes = root.starts_with(&output)
        || protected
            .iter()
            .any(|dir| output.starts_with(root.join(dir)));
    if clashes {
        return Err(BuildError::io(
            "the output folder would overwrite the pack's own files",
            output,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ));
    }
    Ok(())
}
