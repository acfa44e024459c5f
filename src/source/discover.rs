//! Listing the source documents under `content/`.

use std::path::{Path, PathBuf};

use crate::error::{ContentError, ContentErrorKind};

/// The folder of source documents inside a pack.
pub const CONTENT_DIR: &str = "content";

/// How a source file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SourceFormat {
    /// CommonMark with tables, footnotes and the like.
    Markdown,
    /// Plain text: blank lines separate paragraphs; nothing is interpreted.
    PlainText,
}

/// One source document found on disk.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct SourceFile {
    /// Path relative to the pack root, for messages (`content/letters/benn.md`).
    pub path: PathBuf,
    /// Path relative to `content/` with `/` separators, the name links use (`letters/benn.md`).
    pub content_path: String,
    /// Markdown or plain text, from the extension.
    pub format: SourceFormat,
}

/// Lists every `*.md` and `*.txt` under `content/`, sorted by path so builds do not depend on
/// the order the file system lists them in. Hidden files and folders are skipped.
pub fn discover_sources(root: &Path) -> (Vec<SourceFile>, Vec<ContentError>) {
    let content = root.join(CONTENT_DIR);
    let mut sources = Vec::new();
    let mut errors = Vec::new();
    let walker = walkdir::WalkDir::new(&content)
        .follow_links(true)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| entry.depth() == 0 || !is_hidden(entry.file_name()));
    for entry in walker {
        match entry {
            Ok(entry) if entry.file_type().is_file() => {
                if let Some(source) = source_file(&content, entry.path()) {
                    sources.push(source);
                }
            }
            Ok(_) => {}
            Err(error) if error.depth() == 0 && is_not_found(&error) => {}
            Err(error) => errors.push(walk_error(root, &error)),
        }
    }
    sources.sort_by(|a, b| a.content_path.cmp(&b.content_path));
    (sources, errors)
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

fn is_not_found(error: &walkdir::Error) -> bool {
    error
        .io_error()
        .is_some_and(|e| e.kind() == std::io::ErrorKind::NotFound)
}

/// The source file at `path` under the `content` folder, if it is a `.md` or `.txt` document
/// outside hidden folders.
pub fn source_file(content: &Path, path: &Path) -> Option<SourceFile> {
    let format = match path.extension()?.to_str()? {
        "md" => SourceFormat::Markdown,
        "txt" => SourceFormat::PlainText,
        _ => return None,
    };
    let relative = path.strip_prefix(content).ok()?;
    if relative.components().any(|c| is_hidden(c.as_os_str())) {
        return None;
    }
    let content_path = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/");
    Some(SourceFile {
        path: Path::new(CONTENT_DIR).join(relative),
        content_path,
        format,
    })
}

fn walk_error(root: &Path, error: &walkdir::Error) -> ContentError {
    let path = error
        .path()
        .map(|p| p.strip_prefix(root).unwrap_or(p).to_path_buf())
        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
    let message = match error.loop_ancestor() {
        Some(ancestor) => format!(
            "symbolic link loop back to {}",
            ancestor.strip_prefix(root).unwrap_or(ancestor).display()
        ),
        None => error
            .io_error()
            .map(ToString::to_string)
            .unwrap_or_else(|| error.to_string()),
    };
    ContentError::file(path, ContentErrorKind::Unreadable(message))
}
