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

use bytes::Bytes;

/// One file of the site: its path in the output (with `/`) and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFile {
    /// Path relative to the output folder, e.g. `documents/x/index.html`; shared, so that
    /// keeping a page from one rebuild to the next copies no text.
    pub path: Arc<str>,
    /// The content, shared with the render cache so unchanged pages cost no copy. `Bytes`
    /// rather than `Arc<[u8]>` because it takes over a rendered `Vec` as it is, where an
    /// `Arc<[u8]>` must copy it: on a large pack, a gigabyte and a half of pages copied once
    /// more into fresh memory.
    pub bytes: Bytes,
}

impl OutputFile {
    /// A file at `path` (relative, `/`-separated). The buffer's spare capacity is given back
    /// first (in place, for a large buffer), so a file holds no more memory than its length.
    pub fn new(path: impl Into<Arc<str>>, bytes: impl Into<Vec<u8>>) -> Self {
        let mut bytes = bytes.into();
        bytes.shrink_to_fit();
        Self {
            path: path.into(),
            bytes: Bytes::from(bytes),
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
