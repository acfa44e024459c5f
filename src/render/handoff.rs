//! What becomes of the files made from the whole pack (search index, print edition, data
//! exports) once each is made: hundreds of megabytes each on a large pack, which a one-off
//! build writes at once and a session keeps for its next build.

use crate::error::BuildError;
use crate::output::OutputFile;

/// Takes each file made from the whole pack as soon as it is made.
pub trait Handoff: Sync {
    /// Takes `files`; returns those the render should still return.
    fn files(&self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError>;

    /// Takes the file at `path` whose bytes are `pieces` one after another (a JSON list's
    /// items, the print edition's parts), which a writer can write without ever joining
    /// them into one buffer; returns what the render should still return.
    fn pieces(&self, path: &str, pieces: &[&[u8]]) -> Result<Vec<OutputFile>, BuildError>;
}

/// Keeps every file for the render to return, joining pieces into one buffer of exactly their
/// size.
pub struct KeepFiles;

impl Handoff for KeepFiles {
    fn files(&self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError> {
        Ok(files)
    }

    fn pieces(&self, path: &str, pieces: &[&[u8]]) -> Result<Vec<OutputFile>, BuildError> {
        Ok(vec![OutputFile::new(path, pieces.concat())])
    }
}
