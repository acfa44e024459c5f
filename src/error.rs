//! The errors a build can end in.
//!
//! Library code never prints: every problem becomes a typed value that says which file it is in,
//! where (a byte span, turned into line and column only at the CLI edge where the text is at
//! hand), what was expected and how to fix it. Content errors are collected across the whole
//! pack so an editor sees every problem of a build at once.

use std::ops::Range;
use std::path::PathBuf;

use crate::config::MAX_NESTING_CEILING;
use crate::date::DateError;

/// One problem in one file of the pack.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContentError {
    /// The file, relative to the pack root (e.g. `content/letter.md`).
    pub path: PathBuf,
    /// Byte range in that file, when the problem has a place.
    pub span: Option<Range<usize>>,
    /// What is wrong.
    pub kind: ContentErrorKind,
}

/// What is wrong with a file of the pack.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ContentErrorKind {
    /// The file could not be read.
    #[error("cannot read the file: {0}")]
    Unreadable(String),
    /// The file is bigger than `[limits] max_document_bytes`.
    #[error("the file is {}, over the limit of {}", mebibytes(*.size), mebibytes(*.limit))]
    TooLarge {
        /// The file's size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// The bytes are not UTF-8.
    #[error("the file is not valid UTF-8 (first bad byte at offset {offset})")]
    InvalidUtf8 {
        /// Offset of the first invalid byte.
        offset: usize,
    },
    /// Elements nest deeper than `[limits] max_nesting_depth`.
    #[error("elements nest more than {limit} deep here")]
    TooDeep {
        /// The limit.
        limit: usize,
    },
    /// A `+++` opened front matter and no closing `+++` line followed.
    #[error("front matter opened with `+++` is never closed")]
    UnterminatedFrontMatter,
    /// The TOML could not be parsed or had the wrong type.
    #[error("{message}")]
    Toml {
        /// The parser's message, first letter lower-cased.
        message: String,
    },
    /// A key the schema does not know.
    #[error("unknown key `{key}`")]
    UnknownKey {
        /// The key as written.
        key: String,
        /// The closest valid key, if one is close.
        suggestion: Option<String>,
        /// Every valid key at that place.
        expected: Vec<String>,
    },
    /// A Markdown document without a title.
    #[error("this document has no title")]
    MissingTitle,
    /// A date that does not parse or does not exist.
    #[error("invalid date: {0}")]
    InvalidDate(DateError),
    /// Two documents would be written to the same page.
    #[error("the slug `{slug}` is also used by {other}")]
    DuplicateSlug {
        /// The shared slug.
        slug: String,
        /// The other document, relative to the pack root.
        other: String,
    },
    /// A slug that is empty or could leave its folder.
    #[error("the slug `{0}` is not allowed")]
    InvalidSlug(String),
    /// A link to a source file that is not in the pack.
    #[error("link to `{target}`, which is not a document of this pack")]
    MissingLinkTarget {
        /// The link as written.
        target: String,
    },
    /// An address that is not a web address (e.g. `javascript:`).
    #[error("`{0}` is not a web address")]
    UnsafeUrl(String),
    /// A problem in the index vocabulary or a front-matter term.
    #[error("{0}")]
    Vocabulary(String),
    /// A link to an anchor that the target document does not have.
    #[error("link to `#{anchor}` in {target}, which has no such paragraph or heading")]
    MissingAnchor {
        /// The target document, relative to the pack root.
        target: String,
        /// The anchor without `#`.
        anchor: String,
    },
}

impl ContentError {
    /// An error about a whole file.
    pub fn file(path: impl Into<PathBuf>, kind: ContentErrorKind) -> Self {
        Self {
            path: path.into(),
            span: None,
            kind,
        }
    }

    /// An error at a place in a file.
    pub fn at(path: impl Into<PathBuf>, span: Range<usize>, kind: ContentErrorKind) -> Self {
        Self {
            path: path.into(),
            span: Some(span),
            kind,
        }
    }

    /// What the editor should do about it, when there is something specific to say.
    pub fn help(&self) -> Option<String> {
        use ContentErrorKind::*;
        match &self.kind {
            UnterminatedFrontMatter => {
                Some("end the front matter with a line holding only `+++`".into())
            }
            UnknownKey {
                suggestion: Some(s),
                ..
            } => Some(format!("did you mean `{s}`?")),
            UnknownKey { expected, .. } if !expected.is_empty() => {
                Some(format!("valid keys here: {}", expected.join(", ")))
            }
            UnknownKey { .. } => None,
            MissingTitle => Some("add `title = \"…\"` to the front matter".into()),
            InvalidDate(_) => {
                Some("write `date = 2016-10-18`, `date = \"2016-10\"` or `date = \"2016\"`".into())
            }
            DuplicateSlug { .. } => {
                Some("give one of them another `slug = \"…\"` in its front matter".into())
            }
            InvalidSlug(_) => {
                Some("use letters, digits and hyphens, e.g. `slug = \"benn-letter\"`".into())
            }
            InvalidUtf8 { .. } => Some("save the file as UTF-8".into()),
            TooDeep { .. } => Some(format!(
                "block quotes, lists and their items, emphasis, links and HTML tags each add a \
                 level; nest less deeply, or raise `[limits] max_nesting_depth` in config.toml \
                 (at most {MAX_NESTING_CEILING})"
            )),
            TooLarge { size, .. } => Some(format!(
                "split it into several documents, or raise the limit in config.toml: \
                 `[limits] max_document_bytes = {size}`"
            )),
            MissingLinkTarget { .. } => Some(
                "link to another source file by its path relative to this one, e.g. `other.md#p3`"
                    .into(),
            ),
            MissingAnchor { .. } => {
                Some("paragraph anchors are `#p1`, `#p2`, …; check the number".into())
            }
            UnsafeUrl(_) => Some("source_url must start with https:// or http://".into()),
            Vocabulary(_) => {
                Some("see the README's topic index section for the vocabulary format".into())
            }
            Unreadable(_) | Toml { .. } => None,
        }
    }
}

impl std::fmt::Display for ContentError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.kind)
    }
}

impl std::error::Error for ContentError {}

/// Why a build did not produce a site.
#[derive(Debug, thiserror::Error)]
pub enum BuildError {
    /// The pack's own files have problems; all of them are listed.
    #[error("the pack has {} error(s)", .0.len())]
    Content(Vec<ContentError>),
    /// The theme named in config.toml does not exist.
    #[error("theme `{name}` not found: looked in {looked_in}")]
    MissingTheme {
        /// The theme's name.
        name: String,
        /// Where it was looked for.
        looked_in: String,
    },
    /// A template does not parse or failed while rendering.
    #[error("template `{template}`: {report}")]
    Template {
        /// The template's name (e.g. `document.html`).
        template: String,
        /// Tera's report, with the line and a pointer to the fault.
        report: String,
    },
    /// A page took longer to render than `[limits] max_render_seconds` and was stopped.
    #[error(
        "template `{template}` took longer than {limit:?} to render a page (with the templates it extends and includes), so it was stopped"
    )]
    TemplateTimeout {
        /// The template of the page (e.g. `index.html`).
        template: String,
        /// The limit.
        limit: std::time::Duration,
    },
    /// The output folder is the pack's root, a folder above it, or one of its own folders.
    #[error("the output folder {} would overwrite the pack's own files", .0.display())]
    OutputOverlapsPack(PathBuf),
    /// A CSS file (of the theme or the pack's `static/`) could not be minified.
    #[error("cannot minify {path}: {message}")]
    Minify {
        /// The file's path in the site.
        path: String,
        /// What the CSS parser reported.
        message: String,
    },
    /// A page could not be merged into the print or single-file edition.
    #[error("cannot put {page} into the {edition}: {reason}")]
    Edition {
        /// "print edition" or "single-file edition".
        edition: &'static str,
        /// The page's path in the site.
        page: String,
        /// What is missing or wrong (e.g. a template without a `<main>` element).
        reason: String,
    },
    /// The zip archive could not be made.
    #[error("cannot write the archive {path}: {message}")]
    Archive {
        /// The archive being written.
        path: PathBuf,
        /// What the zip writer reported.
        message: String,
    },
    /// Two files of the site would have the same path: a file in a `static/` folder (the
    /// pack's or the theme's) is named like one Casebook makes.
    #[error(
        "two files of the site would be at {0}: a file in static/ has the path of a file Casebook makes (its pages, robots.txt, sitemap.xml, atom.xml, syntax.css, the data exports, search/); rename or move it"
    )]
    SamePath(String),
    /// Reading or writing outside the pack's content failed.
    #[error("{action} {path}: {source}")]
    Io {
        /// What was being done.
        action: &'static str,
        /// The path concerned.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
}

impl BuildError {
    /// An I/O error with the path it happened on.
    pub fn io(action: &'static str, path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Self::Io {
            action,
            path: path.into(),
            source,
        }
    }
}

/// Turns serde's `unknown field` message into a typed error with a suggestion.
///
/// serde words this message the same way for every format (`unknown field `x`, expected one
/// of `a`, `b``), so reading it back is reliable and spares a second schema.
pub fn unknown_key_from_message(message: &str) -> Option<ContentErrorKind> {
    let rest = message.split("unknown field `").nth(1)?;
    let (key, tail) = rest.split_once('`')?;
    let expected: Vec<String> = tail
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_string)
        .collect();
    let suggestion = closest(key, expected.iter().map(String::as_str));
    Some(ContentErrorKind::UnknownKey {
        key: key.to_string(),
        suggestion,
        expected,
    })
}

/// The candidate closest to `word`, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<String> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(score, _)| *score > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c.to_string())
}

/// Converts a TOML error into a content error located in `path`, shifting its span by
/// `offset` (front matter starts after the opening `+++`).
pub fn toml_error(path: &std::path::Path, offset: usize, error: &toml::de::Error) -> ContentError {
    let message = error.message().trim();
    let kind = unknown_key_from_message(message).unwrap_or_else(|| ContentErrorKind::Toml {
        message: lower_first(&in_toml_terms(message)),
    });
    ContentError {
        path: path.to_path_buf(),
        span: error
            .span()
            .map(|span| span.start + offset..span.end + offset),
        kind,
    }
}

/// A file size as people read it: in MiB with one decimal from 1 MiB up, else in bytes.
fn mebibytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB {
        format!("{:.1} MiB ({bytes} bytes)", bytes as f64 / MIB as f64)
    } else {
        format!("{bytes} bytes")
    }
}

/// serde's type expectations, which name Rust types (`expected struct RawEvent`, `expected
/// u64`), reworded in the terms of the TOML an editor writes.
fn in_toml_terms(message: &str) -> String {
    let Some((before, expected)) = message.rsplit_once(", expected ") else {
        return message.to_string();
    };
    let reworded = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "a whole number",
        "a sequence" => "an array",
        _ if expected.starts_with("struct ") || expected == "a map" => "a table",
        _ => return message.to_string(),
    };
    format!("{before}, expected {reworded}")
}

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_gets_the_closest_suggestion() {
        let kind =
            unknown_key_from_message("unknown field `titel`, expected one of `title`, `date`")
                .unwrap();
        assert_eq!(
            kind,
            ContentErrorKind::UnknownKey {
                key: "titel".into(),
                suggestion: Some("title".into()),
                expected: vec!["title".into(), "date".into()],
            }
        );
    }

    /// Regression: type errors named Rust types, e.g. "expected struct RawEvent".
    #[test]
    fn type_errors_are_worded_in_toml_terms() {
        let cases = [
            (
                "invalid type: string \"x\", expected struct RawEvent",
                "invalid type: string \"x\", expected a table",
            ),
            (
                "invalid type: string \"10 MB\", expected u64",
                "invalid type: string \"10 MB\", expected a whole number, 0 or more",
            ),
            (
                "invalid type: string \"x\", expected a sequence",
                "invalid type: string \"x\", expected an array",
            ),
            (
                "invalid type: integer `3`, expected a string",
                "invalid type: integer `3`, expected a string",
            ),
        ];
        for (message, reworded) in cases {
            assert_eq!(in_toml_terms(message), reworded);
        }
    }

    #[test]
    fn sizes_are_shown_in_mebibytes_from_one_up() {
        assert_eq!(mebibytes(47), "47 bytes");
        assert_eq!(mebibytes(52_428_800), "50.0 MiB (52428800 bytes)");
    }

    #[test]
    fn no_suggestion_for_a_word_far_from_every_key() {
        let kind = unknown_key_from_message("unknown field `zzz`, expected `title`").unwrap();
        assert!(matches!(
            kind,
            ContentErrorKind::UnknownKey {
                suggestion: None,
                ..
            }
        ));
    }
}
