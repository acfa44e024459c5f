//! Writing the rendered site to the output folder.
//!
//! Everything is rendered in memory first; this stage runs only when the whole build has
//! succeeded, so a failed build never touches the last good site. A first build goes to a
//! temporary folder beside the output and is renamed into place. Later builds update the
//! folder in place, writing only files whose bytes changed (each through a temporary file and
//! a rename, so a reader never sees half a page) and removing files no longer produced, which
//! keeps unchanged files' modification times and makes a no-change rebuild write nothing.

mod archive;
mod location;
mod minify;
mod sync;

pub use archive::zip_archive;
pub use location::check_output_location;
pub use minify::{minify_files, minify_html};
pub use sync::{WriteOutcome, Writer, write_file};

use std::sync::Arc;

/// One file of the site: its path in the output (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `documents/x/index.html`; shared, so that
    /// keeping a page from one rebuild to the next copies no text.
    pub path: Arc<str>,
    /// The content, shared with the render cache so unchanged pages cost no copy.
    pub bytes: Arc<[u8]>,
}

impl OutputFile {
    /// A file at `path` (relative, `/`-separated).
    pub fn new(path: impl Into<Arc<str>>, bytes: impl Into<Arc<[u8]>>) -> Self {
        Self {
            path: path.into(),
            bytes: bytes.into(),
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
