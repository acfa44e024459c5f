//! The `[limits]` section of `config.toml`: how big a document may be, how deeply its
//! elements may nest, and how long one page may take to render.
//!
//! A pack is assembled from material scraped off the web, so a build must end with a clear
//! error on input no editor meant to write (a 50 MB export, ten thousand nested quotes, a
//! template that never stops) instead of running out of memory, overflowing the stack or
//! hanging. The defaults are far beyond any real briefing pack; each can be changed.

use std::time::Duration;

use serde::de::{Deserializer, Error as _, Unexpected};
use serde::{Deserialize, Serialize};

/// The deepest nesting `max_nesting_depth` may allow. Every stage but one handles any depth
/// (they do not recurse); minify-html recurses once per element, and in a debug build on a
/// 2 MiB worker thread (the size rayon gives its threads) it overflowed the stack on a
/// document of 481 nested block quotes (480 built), some 490 elements deep with the theme's
/// own. 200 leaves room for a theme that nests more and for raw HTML, which is counted less
/// exactly than Markdown.
pub const MAX_NESTING_CEILING: usize = 200;

/// Resource limits, deserialised from `[limits]`; every key is optional.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct LimitsConfig {
    /// The largest source file, in bytes. Bigger files are errors (they are not even read).
    #[serde(deserialize_with = "positive_u64")]
    pub max_document_bytes: u64,
    /// How deeply elements may nest in a document's body: block quotes, lists and their
    /// items, emphasis, links, tables and raw HTML tags all count. At most
    /// [`MAX_NESTING_CEILING`].
    #[serde(deserialize_with = "nesting_depth")]
    pub max_nesting_depth: usize,
    /// How long one page's template may take to render, in seconds, before the build stops
    /// it with an error.
    #[serde(deserialize_with = "positive_u64")]
    pub max_render_seconds: u64,
}

impl Default for LimitsConfig {
    fn default() -> Self {
        Self {
            max_document_bytes: 10 * 1024 * 1024,
            max_nesting_depth: 100,
            max_render_seconds: 60,
        }
    }
}

impl LimitsConfig {
    /// [`max_render_seconds`](Self::max_render_seconds) as a duration.
    pub fn render_time(&self) -> Duration {
        Duration::from_secs(self.max_render_seconds)
    }
}

fn positive_u64<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let value = u64::deserialize(deserializer)?;
    if value == 0 {
        return Err(D::Error::invalid_value(
            Unexpected::Unsigned(0),
            &"a number above 0",
        ));
    }
    Ok(value)
}

fn nesting_depth<'de, D: Deserializer<'de>>(deserializer: D) -> Result<usize, D::Error> {
    let value = u64::deserialize(deserializer)?;
    match usize::try_from(value) {
        Ok(depth) if (1..=MAX_NESTING_CEILING).contains(&depth) => Ok(depth),
        _ => Err(D::Error::invalid_value(
            Unexpected::Unsigned(value),
            &format!("a depth from 1 to {MAX_NESTING_CEILING}").as_str(),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::config::parse_config;

    #[test]
    fn defaults_apply_and_keys_can_be_set() {
        let config = parse_config("", Path::new("config.toml")).unwrap();
        assert_eq!(config.limits.max_document_bytes, 10_485_760);
        assert_eq!(config.limits.max_nesting_depth, 100);
        assert_eq!(config.limits.max_render_seconds, 60);
        let text =
            "[limits]\nmax_document_bytes = 1000\nmax_nesting_depth = 5\nmax_render_seconds = 2\n";
        let limits = parse_config(text, Path::new("config.toml")).unwrap().limits;
        assert_eq!(
            (
                limits.max_document_bytes,
                limits.max_nesting_depth,
                limits.render_time().as_secs()
            ),
            (1000, 5, 2)
        );
    }

    #[test]
    fn a_depth_above_the_ceiling_is_an_error_at_its_value() {
        let text = "[limits]\nmax_nesting_depth = 10000\n";
        let error = parse_config(text, Path::new("config.toml")).unwrap_err();
        assert_eq!(&text[error.span.clone().unwrap()], "10000");
        assert_eq!(
            error.kind.to_string(),
            "invalid value: integer `10000`, expected a depth from 1 to 200"
        );
    }

    #[test]
    fn zero_limits_and_unknown_keys_are_errors() {
        let error = parse_config(
            "[limits]\nmax_render_seconds = 0\n",
            Path::new("config.toml"),
        )
        .unwrap_err();
        assert!(error.kind.to_string().contains("expected a number above 0"));
        let error =
            parse_config("[limits]\nmax_nesting = 5\n", Path::new("config.toml")).unwrap_err();
        assert_eq!(
            error.help().as_deref(),
            Some("did you mean `max_nesting_depth`?")
        );
    }
}
