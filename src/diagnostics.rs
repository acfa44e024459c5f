//! Presenting build errors to a person: file, line, column, the offending line, and what to
//! do about it.
//!
//! This is the only place that turns errors into text for the terminal. It re-reads each file
//! named in an error (normalised exactly as the parser saw it) to show the line in question.

use std::path::Path;

use codespan_reporting::diagnostic::{Diagnostic, Label};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, Config as TermConfig};

use crate::error::{BuildError, ContentError};
use crate::source::normalize_text;

/// Renders every problem of a failed build; `color` adds terminal colours.
pub fn render_build_error(root: &Path, error: &BuildError, color: bool) -> String {
    let mut out = Vec::new();
    {
        let mut writer = writer(&mut out, color);
        match error {
            BuildError::Content(errors) => {
                let mut files = SimpleFiles::new();
                for content_error in errors {
                    let diagnostic = content_diagnostic(root, content_error, &mut files);
                    let _ = term::emit_to_write_style(
                        &mut *writer,
                        &TermConfig::default(),
                        &files,
                        &diagnostic,
                    );
                }
            }
            other => {
                let diagnostic: Diagnostic<usize> = Diagnostic::error()
                    .with_message(other.to_string())
                    .with_notes(build_error_help(other).into_iter().collect());
                let files = SimpleFiles::<String, String>::new();
                let _ = term::emit_to_write_style(
                    &mut *writer,
                    &TermConfig::default(),
                    &files,
                    &diagnostic,
                );
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn writer<'a>(out: &'a mut Vec<u8>, color: bool) -> Box<dyn term::WriteStyle + 'a> {
    if color {
        Box::new(term::termcolor::Ansi::new(out))
    } else {
        Box::new(term::termcolor::NoColor::new(out))
    }
}

fn content_diagnostic(
    root: &Path,
    error: &ContentError,
    files: &mut SimpleFiles<String, String>,
) -> Diagnostic<usize> {
    let name = error.path.display().to_string();
    let mut diagnostic = Diagnostic::error().with_message(error.kind.to_string());
    // Only an error with a place needs the file's text (and a file too large to build is not
    // read again).
    let text = error.span.as_ref().and_then(|_| {
        std::fs::read(root.join(&error.path))
            .ok()
            .map(|bytes| normalize_text(&String::from_utf8_lossy(&bytes)).into_owned())
    });
    match (&error.span, text) {
        (Some(span), Some(text)) if span.start <= text.len() => {
            let end = span.end.clamp(span.start, text.len());
            let start = floor_char_boundary(&text, span.start);
            let end = floor_char_boundary(&text, end);
            let id = files.add(name, text);
            diagnostic = diagnostic.with_labels(vec![Label::primary(id, start..end)]);
        }
        _ => {
            diagnostic = diagnostic.with_notes(vec![format!("in {name}")]);
        }
    }
    if let Some(help) = error.help() {
        diagnostic.notes.push(format!("help: {help}"));
    }
    diagnostic
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn build_error_help(error: &BuildError) -> Option<String> {
    match error {
        BuildError::MissingTheme { .. } => Some(
            "help: set `theme = \"default\"` in config.toml, or put the theme's folder in themes/"
                .into(),
        ),
        BuildError::Template { .. } => {
            Some("help: fix the template in templates/ (or the theme), then build again".into())
        }
        BuildError::TemplateTimeout { .. } => Some(
            "help: a loop in the template may never end; fix it, or raise \
             `[limits] max_render_seconds` in config.toml"
                .into(),
        ),
        BuildError::OutputOverlapsPack(_) => Some(
            "help: set `output_dir` in config.toml (or pass --output) to a folder of its own, \
             outside content/, templates/, static/ and themes/, such as `public`"
                .into(),
        ),
        BuildError::Minify { .. } => {
            Some("help: fix the CSS, or set `[output] minify = false` in config.toml".into())
        }
        BuildError::Edition { .. } => Some(
            "help: the theme's templates must put each page's content in one <main> element".into(),
        ),
        _ => None,
    }
}

/// The 1-based line and column of byte `offset` in the file at `path` (relative to the pack
/// root), counted in the text as the parser saw it; `None` if the file cannot be read.
pub fn line_column(root: &Path, path: &Path, offset: usize) -> Option<(usize, usize)> {
    let bytes = std::fs::read(root.join(path)).ok()?;
    let text = normalize_text(&String::from_utf8_lossy(&bytes)).into_owned();
    let offset = floor_char_boundary(&text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, column))
}
