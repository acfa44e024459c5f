//! Reading the pack's vocabulary file.

use std::path::Path;

use super::index::{Matcher, Vocabulary, parse_vocabulary};
use crate::config::Config;
use crate::error::{ContentError, ContentErrorKind};
use crate::source::normalize_text;

/// Loads the vocabulary named in `[topics] vocabulary` (an empty one when the file does not
/// exist) and builds its matcher. All problems in the file are returned together.
pub fn load_vocabulary(
    root: &Path,
    config: &Config,
) -> Result<(Vocabulary, Matcher), Vec<ContentError>> {
    let relative = Path::new(&config.topics.vocabulary);
    let text = match std::fs::read(root.join(relative)) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => normalize_text(&text).into_owned(),
            Err(e) => {
                let offset = e.utf8_error().valid_up_to();
                return Err(vec![ContentError::at(
                    relative,
                    offset..offset + 1,
                    ContentErrorKind::InvalidUtf8 { offset },
                )]);
            }
        },
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(vec![ContentError::file(
                relative,
                ContentErrorKind::Unreadable(e.to_string()),
            )]);
        }
    };
    let vocabulary = parse_vocabulary(&text, &config.topics.taxonomies).map_err(|errors| {
        errors
            .into_iter()
            .map(|e| ContentError {
                path: relative.to_path_buf(),
                span: e.span(),
                kind: ContentErrorKind::Vocabulary(e.to_string()),
            })
            .collect::<Vec<_>>()
    })?;
    let matcher = Matcher::new(&vocabulary);
    Ok((vocabulary, matcher))
}
