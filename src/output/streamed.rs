//! Staging a file that comes in parts (a JSON export made a few megabytes at a time), so that
//! no part need be kept once it is handed over, and an export the output already holds is
//! not written at all.

use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::{Path, PathBuf};

use super::compare::{COMPARE_BUFFER, next_bytes_are};
use super::sync::create_parent;
use crate::error::BuildError;

/// A file being staged part by part. While the parts agree with the start of the output's
/// file at the same path nothing is written; at the first part that differs, the staged file
/// is begun with the start they agreed on, copied from the old file, and every part from then
/// on is written.
pub(super) struct StreamedFile {
    staged: PathBuf,
    /// The old file, while the parts agree with its start.
    agreeing: Option<Agreeing>,
    writer: Option<BufWriter<File>>,
}

/// An old file the parts so far agree with.
struct Agreeing {
    path: PathBuf,
    reader: BufReader<File>,
    length: u64,
    /// How many of its bytes the parts so far were.
    matched: u64,
}

impl StreamedFile {
    /// Stages a file at `staged`, compared as it comes with `old` when that is a file.
    pub(super) fn new(old: Option<&Path>, staged: &Path) -> Self {
        let agreeing = old.and_then(|old| {
            let file = File::open(old).ok()?;
            let metadata = file.metadata().ok().filter(|m| m.is_file())?;
            Some(Agreeing {
                path: old.to_path_buf(),
                reader: BufReader::with_capacity(COMPARE_BUFFER, file),
                length: metadata.len(),
                matched: 0,
            })
        });
        Self {
            staged: staged.to_path_buf(),
            agreeing,
            writer: None,
        }
    }

    /// Takes the next part.
    pub(super) fn put(&mut self, part: &[u8]) -> Result<(), BuildError> {
        if let Some(old) = &mut self.agreeing
            && old.matched + part.len() as u64 <= old.length
            && next_bytes_are(&mut old.reader, part)
        {
            old.matched += part.len() as u64;
            return Ok(());
        }
        self.writer()?
            .write_all(part)
            .map_err(|e| BuildError::io("writing", &self.staged, e))
    }

    /// Finishes the file; returns whether it was staged (it differs from the old file).
    pub(super) fn finish(mut self) -> Result<bool, BuildError> {
        if self
            .agreeing
            .as_ref()
            .is_some_and(|old| old.matched == old.length)
        {
            return Ok(false);
        }
        self.writer()?;
        if let Some(writer) = self.writer.take() {
            writer
                .into_inner()
                .map_err(|e| BuildError::io("writing", &self.staged, e.into_error()))?;
        }
        Ok(true)
    }

    /// The staged file's writer, begun (with what the parts agreed with of the old file) at
    /// the first call.
    fn writer(&mut self) -> Result<&mut BufWriter<File>, BuildError> {
        if self.writer.is_none() {
            create_parent(&self.staged)?;
            let file = File::create(&self.staged)
                .map_err(|e| BuildError::io("writing", &self.staged, e))?;
            let mut writer = BufWriter::with_capacity(COMPARE_BUFFER, file);
            if let Some(old) = self.agreeing.take() {
                copy_start(&old.path, old.matched, &mut writer)
                    .map_err(|e| BuildError::io("copying", &old.path, e))?;
            }
            self.writer = Some(writer);
        }
        Ok(self.writer.as_mut().expect("begun above"))
    }
}

/// Copies the first `length` bytes of the file at `path` to `to`.
fn copy_start(path: &Path, length: u64, to: &mut impl Write) -> io::Result<()> {
    let copied = io::copy(&mut File::open(path)?.take(length), to)?;
    if copied == length {
        Ok(())
    } else {
        Err(io::Error::from(io::ErrorKind::UnexpectedEof))
    }
}
