//! Writing the rendered site to the output folder, without ever damaging the last good site.
//!
//! A one-off build hands each file to a [`StagedOutput`] as soon as it is made: files go to a
//! staging folder beside the output and are put in place only when the whole build has
//! succeeded. A session that builds again and again ([`Writer`]) renders in memory, keeps what
//! it wrote, and updates the folder in place once the build has succeeded. Both write only
//! files whose bytes changed (each through a rename, so a reader never sees half a page) and
//! remove files no longer produced, which keeps unchanged files' modification times and
//! makes a rebuild with no change write nothing.

mod archive;
mod compare;
mod location;
mod minify;
mod staged;
mod streamed;
mod sync;

pub use archive::zip_archive;
pub use location::check_output_location;
pub use minify::{minify_files, minify_html};
pub use staged::StagedOutput;
pub use sync::{WriteOutcome, Writer, write_file};

use std::sync::Arc;

use rustc_hash::FxHashSet;

use crate::error::BuildError;

/// One file of the site: its path in the output (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `documents/x/index.html`; shared, so that
    /// keeping a page from one rebuild to the next copies no text.
    pub path: Arc<str>,
    /// The content, shared with the render cache so unchanged pages cost no copy.
    pub bytes: SharedBytes,
}

/// A file's bytes, shared. An `Arc<Vec<u8>>` rather than an `Arc<[u8]>`: it takes over the
/// buffer a page or export was made in as it is, where an `Arc<[u8]>` copies it into fresh
/// memory (on a large pack, gigabytes copied, and fresh memory is costly to fault in).
pub type SharedBytes = Arc<Vec<u8>>;

impl OutputFile {
    /// A file at `path` (relative, `/`-separated).
    pub fn new(path: impl Into<Arc<str>>, bytes: impl Into<Vec<u8>>) -> Self {
        Self {
            path: path.into(),
            bytes: Arc::new(bytes.into()),
        }
    }

    /// A file at `path` whose bytes another file (one kept from an earlier build) holds too.
    pub fn shared(path: impl Into<Arc<str>>, bytes: SharedBytes) -> Self {
        Self {
            path: path.into(),
            bytes,
        }
    }
}

/// An error naming the first path two of `paths` share: which of two files made at one path
/// would be written is not a choice a build should leave to chance.
fn refuse_shared_paths<'a>(paths: impl IntoIterator<Item = &'a str>) -> Result<(), BuildError> {
    let mut seen = FxHashSet::default();
    match paths.into_iter().find(|path| !seen.insert(*path)) {
        Some(path) => Err(BuildError::SamePath(path.to_string())),
        None => Ok(()),
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

#[cfg(test)]
pub(crate) mod tests {
    use super::OutputFile;

    /// Files from (path, text) pairs.
    pub(crate) fn files(list: &[(&str, &str)]) -> Vec<OutputFile> {
        list.iter()
            .map(|(p, b)| OutputFile::new(*p, b.as_bytes().to_vec()))
            .collect()
    }
}
