//! Making the output folder hold exactly the rendered files, touching as little as possible.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::compare::holds;
use super::{OutputFile, SharedBytes, WriteReport, refuse_shared_paths};
use crate::error::BuildError;

/// Writes builds to an output folder, remembering what it wrote so the next build of the same
/// session can skip unchanged files without reading them back.
#[derive(Debug, Default)]
pub struct Writer {
    last: Option<(PathBuf, Written)>,
}

/// The files last written, by path.
type Written = FxHashMap<Arc<str>, SharedBytes>;

/// What one write did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteOutcome {
    /// Counts.
    pub report: WriteReport,
    /// Output paths written or removed, sorted.
    pub changed_paths: Vec<String>,
}

impl Writer {
    /// Makes `output` hold exactly `files`.
    pub fn write(
        &mut self,
        output: &Path,
        files: &[OutputFile],
    ) -> Result<WriteOutcome, BuildError> {
        refuse_unsafe_paths(files)?;
        refuse_shared_paths(files.iter().map(|file| &*file.path))?;
        let outcome = if !output.exists() {
            write_fresh(output, files)?
        } else {
            let known = match &self.last {
                Some((dir, known)) if dir == output => Some(known),
                _ => None,
            };
            sync_in_place(output, files, known)?
        };
        let record = files
            .iter()
            .map(|f| (f.path.clone(), Arc::clone(&f.bytes)))
            .collect();
        self.last = Some((output.to_path_buf(), record));
        Ok(outcome)
    }

    /// Writes those of `files` whose bytes differ from what this writer last put in
    /// `output`, and touches nothing else, so that a rebuild's pages can be shown before the
    /// rest of it is made; a later [`write`](Self::write) of the whole site completes it.
    /// Writes nothing and returns `None` when this writer has not filled `output` before (a
    /// first build goes into place whole).
    pub fn write_some(
        &mut self,
        output: &Path,
        files: &[OutputFile],
    ) -> Result<Option<WriteOutcome>, BuildError> {
        refuse_unsafe_paths(files)?;
        let known = match &mut self.last {
            Some((dir, known)) if dir == output && output.is_dir() => known,
            _ => return Ok(None),
        };
        let mut outcome = WriteOutcome::default();
        for file in files {
            if known
                .get(&file.path)
                .is_some_and(|old| same_bytes(old, &file.bytes))
            {
                outcome.report.unchanged += 1;
                continue;
            }
            write_file(&output.join(&*file.path), &file.bytes)?;
            known.insert(file.path.clone(), Arc::clone(&file.bytes));
            outcome.report.written += 1;
            outcome.changed_paths.push(file.path.to_string());
        }
        outcome.changed_paths.sort();
        Ok(Some(outcome))
    }
}

fn refuse_unsafe_paths(files: &[OutputFile]) -> Result<(), BuildError> {
    match files.iter().find(|f| !is_safe_relative(&f.path)) {
        Some(bad) => Err(BuildError::io(
            "refusing to write outside the output folder",
            &*bad.path,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        )),
        None => Ok(()),
    }
}

fn same_bytes(old: &SharedBytes, new: &SharedBytes) -> bool {
    Arc::ptr_eq(old, new) || **old == **new
}

fn write_fresh(output: &Path, files: &[OutputFile]) -> Result<WriteOutcome, BuildError> {
    let staging = sibling(output, "casebook-staging");
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| BuildError::io("removing", &staging, e))?;
    }
    let folders: BTreeSet<&Path> = files
        .iter()
        .filter_map(|f| Path::new(&*f.path).parent())
        .collect();
    for folder in folders {
        let path = staging.join(folder);
        fs::create_dir_all(&path).map_err(|e| BuildError::io("creating", &path, e))?;
    }
    // Writing is mostly the kernel copying bytes into the page cache, which both cores can
    // do at once.
    files.par_iter().try_for_each(|file| {
        let path = staging.join(&*file.path);
        fs::write(&path, file.bytes.as_slice()).map_err(|e| BuildError::io("writing", &path, e))
    })?;
    if let Some(parent) = output.parent() {
        fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))?;
    }
    fs::rename(&staging, output)
        .map_err(|e| BuildError::io("moving the new site to", output, e))?;
    let mut changed_paths: Vec<String> = files.iter().map(|f| f.path.to_string()).collect();
    changed_paths.sort();
    Ok(WriteOutcome {
        report: WriteReport {
            written: files.len(),
            ..WriteReport::default()
        },
        changed_paths,
    })
}

/// Updates an existing folder. `known` is what this writer last put there; without it the
/// files on disk are read and compared, and files nobody asked for are found by listing.
fn sync_in_place(
    output: &Path,
    files: &[OutputFile],
    known: Option<&Written>,
) -> Result<WriteOutcome, BuildError> {
    if !output.is_dir() {
        return Err(BuildError::io(
            "the output path is not a folder",
            output,
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        ));
    }
    let mut outcome = WriteOutcome::default();
    let written: Vec<Option<&str>> = files
        .par_iter()
        .map(|file| {
            let unchanged = match known {
                Some(known) => known
                    .get(&*file.path)
                    .is_some_and(|old| same_bytes(old, &file.bytes)),
                None => holds(&output.join(&*file.path), &file.bytes),
            };
            if unchanged {
                return Ok(None);
            }
            write_file(&output.join(&*file.path), &file.bytes)?;
            Ok(Some(&*file.path))
        })
        .collect::<Result<_, BuildError>>()?;
    for path in written {
        match path {
            Some(path) => {
                outcome.report.written += 1;
                outcome.changed_paths.push(path.to_string());
            }
            None => outcome.report.unchanged += 1,
        }
    }
    let wanted: BTreeSet<&str> = files.iter().map(|f| &*f.path).collect();
    let stale: Vec<String> = match known {
        Some(known) => known
            .keys()
            .filter(|p| !wanted.contains(p.as_ref()))
            .map(|p| p.to_string())
            .collect(),
        None => list_files(output)?
            .into_iter()
            .filter(|p| !wanted.contains(p.as_str()))
            .collect(),
    };
    for path in &stale {
        let full = output.join(path);
        match fs::remove_file(&full) {
            Ok(()) => remove_empty_parents(output, &full),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(BuildError::io("removing", &full, e)),
        }
        outcome.report.removed += 1;
        outcome.changed_paths.push(path.clone());
    }
    outcome.changed_paths.sort();
    Ok(outcome)
}

/// Writes one file through a temporary file and a rename, so a reader never sees half of it
/// and a failed write leaves the old file as it was.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<(), BuildError> {
    if path.is_dir() {
        fs::remove_dir_all(path).map_err(|e| BuildError::io("removing", path, e))?;
    }
    create_parent(path)?;
    let temporary = sibling(path, "casebook-tmp");
    fs::write(&temporary, bytes).map_err(|e| BuildError::io("writing", &temporary, e))?;
    fs::rename(&temporary, path).map_err(|e| BuildError::io("writing", path, e))
}

/// Every file under `dir`, as `/`-separated relative paths.
pub(super) fn list_files(dir: &Path) -> Result<Vec<String>, BuildError> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.map_err(|e| BuildError::io("listing", dir, e.into()))?;
        if !entry.file_type().is_dir() {
            let relative = entry.path().strip_prefix(dir).unwrap_or(entry.path());
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            files.push(parts.join("/"));
        }
    }
    Ok(files)
}

/// Removes the folders above `file` that became empty, up to (not including) `root`.
pub(super) fn remove_empty_parents(root: &Path, file: &Path) {
    let mut dir = file.parent();
    while let Some(current) = dir {
        if current == root || fs::remove_dir(current).is_err() {
            break;
        }
        dir = current.parent();
    }
}

pub(super) fn create_parent(path: &Path) -> Result<(), BuildError> {
    match path.parent() {
        Some(parent) => {
            fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))
        }
        None => Ok(()),
    }
}

/// `dir/.name.suffix`, beside `path`.
pub(super) fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.{suffix}"))
}

/// A relative path with no `..`, no root and no empty parts.
pub(super) fn is_safe_relative(path: &str) -> bool {
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
    use crate::output::tests::files;

    #[test]
    fn first_write_then_only_changes_then_removals() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let mut writer = Writer::default();
        let outcome = writer
            .write(
                &out,
                &files(&[("index.html", "a"), ("d/x/index.html", "b")]),
            )
            .unwrap();
        assert_eq!(outcome.report.written, 2);
        let outcome = writer
            .write(
                &out,
                &files(&[("index.html", "a"), ("d/x/index.html", "c")]),
            )
            .unwrap();
        assert_eq!((outcome.report.written, outcome.report.unchanged), (1, 1));
        assert_eq!(outcome.changed_paths, ["d/x/index.html"]);
        let outcome = writer.write(&out, &files(&[("index.html", "a")])).unwrap();
        assert_eq!(outcome.report.removed, 1);
        assert!(!out.join("d").exists());
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no staging or temporary files remain");
    }

    #[test]
    fn a_new_writer_compares_with_the_files_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        Writer::default()
            .write(&out, &files(&[("a.html", "a"), ("old.html", "x")]))
            .unwrap();
        let outcome = Writer::default()
            .write(&out, &files(&[("a.html", "a")]))
            .unwrap();
        assert_eq!(outcome.report.unchanged, 1);
        assert_eq!(outcome.report.removed, 1);
        assert!(!out.join("old.html").exists());
    }

    #[test]
    fn paths_that_escape_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            assert!(
                Writer::default()
                    .write(&out, &files(&[(bad, "x")]))
                    .is_err(),
                "{bad}"
            );
        }
        assert!(!out.exists());
    }

    #[test]
    fn two_files_at_one_path_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let error = Writer::default()
            .write(&out, &files(&[("robots.txt", "a"), ("robots.txt", "b")]))
            .unwrap_err();
        assert!(
            matches!(&error, BuildError::SamePath(path) if path == "robots.txt"),
            "{error}"
        );
        assert!(!out.exists());
    }
}
