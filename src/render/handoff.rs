//! What becomes of the files made from the whole pack (search index, print edition, data
//! exports) once each is made: hundreds of megabytes each on a large pack, which a one-off
//! build writes at once and a session keeps for its next build.

use std::borrow::Cow;

use crate::error::BuildError;
use crate::json_list::join;
use crate::output::OutputFile;

/// Takes each file made from the whole pack as soon as it is made.
pub trait Handoff: Sync {
    /// Takes `files`; returns those the render should still return.
    fn files(&self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError>;

    /// Whether the pages a render was given are still wanted once the print edition has been
    /// made from them: a session writes them with the rest, a one-off build has written them
    /// already.
    fn keeps_pages(&self) -> bool;

    /// Takes the file at `path` whose bytes are `parts` one after another (a JSON export made
    /// a few megabytes at a time, the print edition's pieces), which a writer can write as
    /// they come, never holding the whole file; returns what the render should still return.
    fn stream(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Cow<'_, [u8]>>,
    ) -> Result<Vec<OutputFile>, BuildError>;
}

/// Keeps every file for the render to return, joining parts into one buffer of exactly their
/// size.
pub struct KeepFiles;

impl Handoff for KeepFiles {
    fn keeps_pages(&self) -> bool {
        true
    }

    fn files(&self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError> {
        Ok(files)
    }

    fn stream(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Cow<'_, [u8]>>,
    ) -> Result<Vec<OutputFile>, BuildError> {
        Ok(vec![OutputFile::new(path, join(parts))])
    }
}
