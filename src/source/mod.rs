//! Finding and parsing the pack's source documents.
//!
//! Discovery lists the files; parsing turns one file's bytes into a [`Document`]. Parsing is a
//! pure function of the bytes, the file's path and the config, so its result can be cached and
//! redone for one file at a time.

mod discover;
mod document;
mod frontmatter;
mod read;
mod text;

#[cfg(test)]
mod props;

pub use discover::{CONTENT_DIR, SourceFile, SourceFormat, discover_sources, source_file};
pub use document::{CuratedEvent, Document, Metadata, parse_document};
pub use frontmatter::{FrontMatter, split_front_matter};
pub use read::{ReadFailure, read_source_bytes};
pub use text::normalize_text;

/// A source file as discovery would describe `content/<name>`, for tests.
#[cfg(test)]
pub(crate) fn test_source(name: &str) -> SourceFile {
    SourceFile {
        path: std::path::PathBuf::from("content").join(name),
        content_path: name.to_string(),
        format: if name.ends_with(".md") {
            SourceFormat::Markdown
        } else {
            SourceFormat::PlainText
        },
    }
}
