//! Writing a one-off build's files as they are made, so that the build never holds the whole
//! site in memory (on a large pack, over a gigabyte of pages and exports).
//!
//! Files go to a staging folder beside the output, never into the output itself, so a build
//! that fails halfway leaves the last good site as it was. When the output folder did not
//! exist, the staging folder becomes it. Otherwise each file is compared with the one in the
//! output as it is made, only those that differ are staged, and [`StagedOutput::finish`] moves
//! them into place (each with a rename, so a reader never sees half a file) and removes the
//! files the build no longer makes: unchanged files keep their modification times.

use std::borrow::Cow;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::compare::holds;
use super::streamed::StreamedFile;
use super::sync::{create_parent, is_safe_relative, list_files, remove_empty_parents, sibling};
use super::{OutputFile, WriteOutcome, WriteReport, refuse_shared_paths};
use crate::error::BuildError;

/// A build's output while it is being made.
#[derive(Debug)]
pub struct StagedOutput {
    output: PathBuf,
    staging: PathBuf,
    /// Whether the output folder held a site when the build began.
    existing: bool,
    /// Every file made so far, with whether it was staged (it differs from the output's).
    made: Mutex<Vec<(Arc<str>, bool)>>,
    finished: bool,
}

impl StagedOutput {
    /// Starts a build into `output`, clearing what a crashed build may have left staged.
    pub fn begin(output: &Path) -> Result<Self, BuildError> {
        let existing = output.exists();
        if existing && !output.is_dir() {
            return Err(BuildError::io(
                "the output path is not a folder",
                output,
                std::io::Error::from(std::io::ErrorKind::AlreadyExists),
            ));
        }
        let staging = sibling(output, "casebook-staging");
        if staging.exists() {
            fs::remove_dir_all(&staging).map_err(|e| BuildError::io("removing", &staging, e))?;
        }
        fs::create_dir_all(&staging).map_err(|e| BuildError::io("creating", &staging, e))?;
        Ok(Self {
            output: output.to_path_buf(),
            staging,
            existing,
            made: Mutex::new(Vec::new()),
            finished: false,
        })
    }

    /// Takes `files` into the build, side by side; the caller can then drop them.
    pub fn put_all(&self, files: &[OutputFile]) -> Result<(), BuildError> {
        let made = files
            .par_iter()
            .map(|file| {
                let staged = self.stage(&file.path, &file.bytes)?;
                Ok((Arc::clone(&file.path), staged))
            })
            .collect::<Result<Vec<_>, BuildError>>()?;
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .extend(made);
        Ok(())
    }

    /// Takes the file at `path` whose bytes are `parts` one after another, each compared or
    /// written as it comes and then let go.
    pub fn put_stream(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Cow<'_, [u8]>>,
    ) -> Result<(), BuildError> {
        refuse_unsafe(path)?;
        let old = self.existing.then(|| self.output.join(path));
        let mut file = StreamedFile::new(old.as_deref(), &self.staging.join(path));
        for part in parts {
            file.put(&part)?;
        }
        let staged = file.finish()?;
        self.made
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push((Arc::from(path), staged));
        Ok(())
    }

    /// Stages the file at `path` holding `bytes` unless the output already holds it;
    /// returns whether it was staged.
    fn stage(&self, path: &str, bytes: &[u8]) -> Result<bool, BuildError> {
        refuse_unsafe(path)?;
        if self.existing && holds(&self.output.join(path), bytes) {
            return Ok(false);
        }
        let staged = self.staging.join(path);
        create_parent(&staged)?;
        fs::write(&staged, bytes).map_err(|e| BuildError::io("writing", &staged, e))?;
        Ok(true)
    }

    /// Puts the build in place of the last one and says what changed.
    pub fn finish(mut self) -> Result<WriteOutcome, BuildError> {
        let made = std::mem::take(self.made.get_mut().unwrap_or_else(PoisonError::into_inner));
        refuse_shared_paths(made.iter().map(|(path, _)| &**path))?;
        self.finished = true;
        if !self.existing {
            if let Some(parent) = self.output.parent() {
                fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))?;
            }
            fs::rename(&self.staging, &self.output)
                .map_err(|e| BuildError::io("moving the new site to", &self.output, e))?;
            let mut changed_paths: Vec<String> = made.iter().map(|(p, _)| p.to_string()).collect();
            changed_paths.sort();
            return Ok(WriteOutcome {
                report: WriteReport {
                    written: made.len(),
                    ..WriteReport::default()
                },
                changed_paths,
            });
        }
        let mut outcome = WriteOutcome::default();
        for (path, staged) in &made {
            if !staged {
                outcome.report.unchanged += 1;
                continue;
            }
            let target = self.output.join(&**path);
            if target.is_dir() {
                fs::remove_dir_all(&target).map_err(|e| BuildError::io("removing", &target, e))?;
            }
            create_parent(&target)?;
            fs::rename(self.staging.join(&**path), &target)
                .map_err(|e| BuildError::io("writing", &target, e))?;
            outcome.report.written += 1;
            outcome.changed_paths.push(path.to_string());
        }
        let wanted: FxHashSet<&str> = made.iter().map(|(p, _)| &**p).collect();
        for path in list_files(&self.output)? {
            if wanted.contains(path.as_str()) {
                continue;
            }
            let full = self.output.join(&path);
            match fs::remove_file(&full) {
                Ok(()) => remove_empty_parents(&self.output, &full),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => return Err(BuildError::io("removing", &full, e)),
            }
            outcome.report.removed += 1;
            outcome.changed_paths.push(path);
        }
        fs::remove_dir_all(&self.staging)
            .map_err(|e| BuildError::io("removing", &self.staging, e))?;
        outcome.changed_paths.sort();
        Ok(outcome)
    }
}

impl Drop for StagedOutput {
    /// A build that did not finish leaves nothing behind but the last good site.
    fn drop(&mut self) {
        if !self.finished {
            let _ = fs::remove_dir_all(&self.staging);
        }
    }
}

/// Refuses a path that would lead out of the output folder.
fn refuse_unsafe(path: &str) -> Result<(), BuildError> {
    if is_safe_relative(path) {
        Ok(())
    } else {
        Err(BuildError::io(
            "refusing to write outside the output folder",
            path,
            std::io::Error::from(std::io::ErrorKind::InvalidInput),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::tests::files;

    fn build(out: &Path, list: &[(&str, &str)]) -> WriteOutcome {
        let staged = StagedOutput::begin(out).unwrap();
        for file in files(list) {
            staged.put_all(std::slice::from_ref(&file)).unwrap();
        }
        staged.finish().unwrap()
    }

    fn leftovers(dir: &Path) -> usize {
        fs::read_dir(dir).unwrap().count()
    }

    #[test]
    fn a_first_build_becomes_the_output_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site/public");
        let outcome = build(&out, &[("index.html", "a"), ("d/x/index.html", "b")]);
        assert_eq!(outcome.report.written, 2);
        assert_eq!(outcome.changed_paths, ["d/x/index.html", "index.html"]);
        assert_eq!(fs::read_to_string(out.join("d/x/index.html")).unwrap(), "b");
        assert_eq!(leftovers(&dir.path().join("site")), 1, "no staging folder");
    }

    #[test]
    fn a_rebuild_moves_only_changed_files_and_removes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(
            &out,
            &[("index.html", "a"), ("d/x/index.html", "b"), ("old/f", "o")],
        );
        let untouched = fs::metadata(out.join("index.html"))
            .unwrap()
            .modified()
            .unwrap();
        let outcome = build(&out, &[("index.html", "a"), ("d/x/index.html", "c")]);
        assert_eq!(
            (
                outcome.report.written,
                outcome.report.unchanged,
                outcome.report.removed
            ),
            (1, 1, 1)
        );
        assert_eq!(outcome.changed_paths, ["d/x/index.html", "old/f"]);
        assert_eq!(fs::read_to_string(out.join("d/x/index.html")).unwrap(), "c");
        assert!(!out.join("old").exists(), "emptied folders go too");
        let modified = fs::metadata(out.join("index.html"))
            .unwrap()
            .modified()
            .unwrap();
        assert_eq!(modified, untouched, "an unchanged file is not written");
        assert_eq!(leftovers(dir.path()), 1, "no staging folder");
    }

    #[test]
    fn a_build_that_does_not_finish_leaves_the_last_site_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("index.html", "a")]);
        let staged = StagedOutput::begin(&out).unwrap();
        staged
            .put_all(&files(&[("index.html", "new"), ("b.html", "b")]))
            .unwrap();
        drop(staged);
        assert_eq!(fs::read_to_string(out.join("index.html")).unwrap(), "a");
        assert!(!out.join("b.html").exists());
        assert_eq!(leftovers(dir.path()), 1, "no staging folder");
    }

    #[test]
    fn paths_that_escape_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        for bad in ["../x", "/etc/x", "a/../../x", ""] {
            let staged = StagedOutput::begin(&out).unwrap();
            assert!(staged.put_all(&files(&[(bad, "x")])).is_err(), "{bad}");
        }
        assert!(!out.exists());
        assert!(!dir.path().join("x").exists());
    }

    /// Builds `out` with one file, `index.json`, handed over in `parts`; returns what was
    /// written and left unchanged, and the file after.
    fn build_in_parts(out: &Path, parts: &[&str]) -> (usize, usize, String) {
        let staged = StagedOutput::begin(out).unwrap();
        let mut parts = parts.iter().map(|part| Cow::Borrowed(part.as_bytes()));
        staged.put_stream("index.json", &mut parts).unwrap();
        let report = staged.finish().unwrap().report;
        let after = fs::read_to_string(out.join("index.json")).unwrap();
        (report.written, report.unchanged, after)
    }

    #[test]
    fn a_file_in_parts_is_written_whole_and_compared_as_it_comes() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = build_in_parts(&out, &[r#"{"a":["#, "1", ",", "2]}"]);
        assert_eq!(first, (1, 0, r#"{"a":[1,2]}"#.into()));
        let cut_differently = build_in_parts(&out, &[r#"{"a":[1,"#, "2]}"]);
        assert_eq!(cut_differently, (0, 1, r#"{"a":[1,2]}"#.into()));
        for new in [
            [r#"{"a":[1,"#, "3]}"],
            [r#"{"a":[1,"#, "3,4]}"],
            [r#"{"a":["#, "]}"],
            [r#"{"b":["#, "]}"],
            [r#"{"b":["#, ""],
            ["", ""],
        ] {
            let rebuilt = build_in_parts(&out, &new);
            assert_eq!(rebuilt, (1, 0, new.concat()), "{new:?}");
        }
        let staging = sibling(&out, "casebook-staging");
        assert!(!staging.exists(), "nothing left staged");
    }

    #[test]
    fn two_files_at_one_path_stop_the_build_before_anything_is_moved() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        build(&out, &[("robots.txt", "made"), ("a.html", "a")]);
        let staged = StagedOutput::begin(&out).unwrap();
        staged
            .put_all(&files(&[("a.html", "new"), ("robots.txt", "made")]))
            .unwrap();
        staged.put_all(&files(&[("robots.txt", "static")])).unwrap();
        let error = staged.finish().unwrap_err();
        assert!(
            matches!(&error, BuildError::SamePath(path) if path == "robots.txt"),
            "{error}"
        );
        assert_eq!(fs::read_to_string(out.join("a.html")).unwrap(), "a");
        assert_eq!(fs::read_to_string(out.join("robots.txt")).unwrap(), "made");
        assert_eq!(leftovers(dir.path()), 1, "no staging folder");
    }
}
