//! Writing the rendered site to the output folder.
//!
//! Everything is rendered in memory first; this stage runs only when the whole build has
//! succeeded, so a failed build never touches the last good site. A first build goes to a
//! temporary folder beside the output and is renamed into place. Later builds update the
//! folder in place, writing only files whose bytes changed (each through a temporary file and
//! a rename, so a reader never sees half a page) and removing files no longer produced, which
//! keeps unchanged files' modification times and makes a no-change rebuild write nothing.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use crate::error::BuildError;

/// One file of the site: its path in the output (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `documents/x/index.html`.
    pub path: String,
    /// The content.
    pub bytes: Vec<u8>,
}

impl OutputFile {
    /// A file at `path` (relative, `/`-separated).
    pub fn new(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        Self {
            path: path.into(),
            bytes,
        }
    }
}

/// What writing the output did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteReport {
    /// Files created or changed.
    pub written: usize,
    /// Files whose bytes were already right.
    pub unchanged: usize,
    /// Stale files removed.
    pub removed: usize,
}

/// Makes `output` hold exactly `files`.
pub fn write_output(output: &Path, files: &[OutputFile]) -> Result<WriteReport, BuildError> {
    for file in files {
        if !is_safe_relative(&file.path) {
            return Err(BuildError::io(
                "refusing to write outside the output folder",
                &file.path,
                std::io::Error::from(std::io::ErrorKind::InvalidInput),
            ));
        }
    }
    if output.exists() {
        sync_in_place(output, files)
    } else {
        write_fresh(output, files)
    }
}

fn write_fresh(output: &Path, files: &[OutputFile]) -> Result<WriteReport, BuildError> {
    let staging = sibling(output, "casebook-staging");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| BuildError::io("removing", &staging, e))?;
    }
    for file in files {
        let path = staging.join(&file.path);
        create_parent(&path)?;
        fs::write(&path, &file.bytes).map_err(|e| BuildError::io("writing", &path, e))?;
    }
    if let Some(parent) = output.parent() {
        fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))?;
    }
    fs::rename(&staging, output)
        .map_err(|e| BuildError::io("moving the new site to", output, e))?;
    Ok(WriteReport {
        written: files.len(),
        ..WriteReport::default()
    })
}

fn sync_in_place(output: &Path, files: &[OutputFile]) -> Result<WriteReport, BuildError> {
    if !output.is_dir() {
        return Err(BuildError::io(
            "the output path is not a folder",
            output,
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    let mut report = WriteReport::default();
    let wanted: BTreeSet<PathBuf> = files.iter().map(|f| output.join(&f.path)).collect();
    for file in files {
        let path = output.join(&file.path);
        if fs::read(&path).is_ok_and(|existing| existing == file.bytes) {
            report.unchanged += 1;
            continue;
        }
        if path.is_dir() {
            fs::remove_dir_all(&path).map_err(|e| BuildError::io("removing", &path, e))?;
        }
        create_parent(&path)?;
        let temporary = sibling(&path, "casebook-tmp");
        fs::write(&temporary, &file.bytes).map_err(|e| BuildError::io("writing", &temporary, e))?;
        fs::rename(&temporary, &path).map_err(|e| BuildError::io("writing", &path, e))?;
        report.written += 1;
    }
    report.removed = remove_stale(output, &wanted)?;
    Ok(report)
}

/// Removes files under `output` that are not wanted, then folders left empty.
fn remove_stale(output: &Path, wanted: &BTreeSet<PathBuf>) -> Result<usize, BuildError> {
    let mut removed = 0;
    let mut folders = Vec::new();
    for entry in walkdir::WalkDir::new(output).min_depth(1) {
        let entry = entry.map_err(|e| BuildError::io("listing", output, e.into()))?;
        let path = entry.path();
        if entry.file_type().is_dir() {
            folders.push(path.to_path_buf());
        } else if !wanted.contains(path) {
            fs::remove_file(path).map_err(|e| BuildError::io("removing", path, e))?;
            removed += 1;
        }
    }
    for folder in folders.iter().rev() {
        if fs::read_dir(folder).is_ok_and(|mut d| d.next().is_none()) {
            fs::remove_dir(folder).map_err(|e| BuildError::io("removing", folder, e))?;
        }
    }
    Ok(removed)
}

fn create_parent(path: &Path) -> Result<(), BuildError> {
    match path.parent() {
        Some(parent) => {
            fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))
        }
        None => Ok(()),
    }
}

/// `dir/.name.suffix`, beside `path`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}"))
}

/// A relative path with no `..`, no root and no empty parts.
fn is_safe_relative(path: &str) -> bool {
    !path.is_empty()
        && !path.starts_with('/')
        && !path.contains('\\')
        && path
            .split('/')
            .all(|p| !p.is_empty() && p != "." && p != "..")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter()
            .map(|(p, b)| OutputFile::new(*p, b.as_bytes().to_vec()))
            .collect()
    }

    #[test]
    fn first_write_then_only_changes_then_removals() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let report = write_output(
            &out,
            &files(&[("index.html", "a"), ("d/x/index.html", "b")]),
        )
        .unwrap();
        assert_eq!(report.written, 2);
        let report = write_output(
            &out,
            &files(&[("index.html", "a"), ("d/x/index.html", "c")]),
        )
        .unwrap();
        assert_eq!((report.written, report.unchanged), (1, 1));
        let report = write_output(&out, &files(&[("index.html", "a")])).unwrap();
        assert_eq!(report.removed, 1);
        assert!(!out.join("d").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or temporary files remain");
    }

    #[test]
    fn paths_that_escape_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(write_output(&out, &files(&[(bad, "x")])).is_err(), "{bad}");
        }
        assert!(!out.exists());
    }
}
