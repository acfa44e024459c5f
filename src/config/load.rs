//! Reading `config.toml` into a [`Config`], with located errors.

use std::path::Path;

use super::Config;
use crate::error::{BuildError, ContentError, ContentErrorKind, toml_error};
use crate::markdown::check_highlight_theme;

/// The config file's name at the pack root.
pub const CONFIG_FILE: &str = "config.toml";

/// The pack's folder for what a build remembers for the next one; hidden, so neither the
/// build nor the watcher treats it as a source.
pub const CACHE_DIR: &str = ".casebook";

/// Parses config text; `path` is only used to name the file in errors.
pub fn parse_config(text: &str, path: &Path) -> Result<Config, ContentError> {
    let config: Config = toml::from_str(text).map_err(|e| toml_error(path, 0, &e))?;
    let error_at = |key: &str, kind| ContentError {
        path: path.to_path_buf(),
        span: find_value_span(text, key),
        kind,
    };
    if let Err(kind) = check_theme_name(&config.theme) {
        return Err(error_at("theme", kind));
    }
    let markdown = &config.markdown;
    for (key, name) in [
        ("highlight_theme", &markdown.highlight_theme),
        ("highlight_theme_dark", &markdown.highlight_theme_dark),
    ] {
        if let Err(e) = check_highlight_theme(name) {
            let message = e.to_string();
            return Err(error_at(key, ContentErrorKind::Toml { message }));
        }
    }
    Ok(config)
}

/// Reads `config.toml` from the pack root. A pack without one is an error: the root was most
/// likely mistyped.
pub fn load_config(root: &Path) -> Result<Config, BuildError> {
    let path = root.join(super::CONFIG_FILE);
    let bytes = std::fs::read(&path).map_err(|e| {
        BuildError::Content(vec![ContentError::file(
            CONFIG_FILE,
            ContentErrorKind::Unreadable(format!(
                "{e}; is `{}` a Casebook pack? (`casebook init DIR` makes one)",
                root.display()
            )),
        )])
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| {
        let offset = e.valid_up_to();
        BuildError::Content(vec![ContentError::at(
            CONFIG_FILE,
            offset..offset + 1,
            ContentErrorKind::InvalidUtf8 { offset },
        )])
    })?;
    parse_config(text, Path::new(CONFIG_FILE)).map_err(|e| BuildError::Content(vec![e]))
}

fn check_theme_name(name: &str) -> Result<(), ContentErrorKind> {
    let safe = !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if safe {
        Ok(())
    } else {
        Err(ContentErrorKind::Toml {
            message: format!("theme `{name}` must be a folder name (letters, digits, - and _)"),
        })
    }
}

/// The line setting `key` (the first; keys of different tables are not told apart).
fn find_value_span(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let sets_key = line
            .trim_start()
            .strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with('='));
        if sets_key {
            return Some(offset..offset + line.trim_end().len());
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_config_gets_defaults() {
        let config = parse_config("", Path::new("config.toml")).unwrap();
        assert_eq!(config.theme, "default");
        assert_eq!(config.output_dir, "public");
        assert!(!config.markdown.smart_punctuation);
    }

    #[test]
    fn unknown_key_names_the_line_and_suggests() {
        let text = "title = \"x\"\ndescripton = \"y\"\n";
        let error = parse_config(text, Path::new("config.toml")).unwrap_err();
        let span = error.span.clone().unwrap();
        assert_eq!(&text[span], "descripton");
        assert_eq!(error.help().as_deref(), Some("did you mean `description`?"));
    }

    #[test]
    fn unknown_key_in_a_section_is_found_too() {
        let text = "[markdown]\nsmart_punctuaton = true\n";
        let error = parse_config(text, Path::new("config.toml")).unwrap_err();
        assert_eq!(
            error.help().as_deref(),
            Some("did you mean `smart_punctuation`?")
        );
    }

    #[test]
    fn wrong_type_is_an_error_with_a_place() {
        let error = parse_config("title = 3\n", Path::new("config.toml")).unwrap_err();
        assert!(error.span.is_some());
        assert!(matches!(error.kind, ContentErrorKind::Toml { .. }));
    }

    /// Regression: a config.toml with a Latin-1 byte was reported as unreadable, asking
    /// whether the folder was a Casebook pack at all.
    #[test]
    fn a_config_that_is_not_utf8_is_an_encoding_error_at_its_place() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(CONFIG_FILE), b"title = \"Caf\xe9\"\n").unwrap();
        let Err(BuildError::Content(errors)) = load_config(dir.path()) else {
            panic!("not a content error");
        };
        assert_eq!(errors[0].kind, ContentErrorKind::InvalidUtf8 { offset: 12 });
        assert_eq!(errors[0].span, Some(12..13));
    }

    /// Regression: an unknown highlight theme was reported at render time as a problem of a
    /// template `syntax.css`, with advice to fix the templates.
    #[test]
    fn an_unknown_highlight_theme_is_an_error_on_its_line() {
        let text = "[markdown]\nhighlight_theme_dark = \"base16-ocean.dark\"\nhighlight_theme = \"Nope\"\n";
        let error = parse_config(text, Path::new("config.toml")).unwrap_err();
        assert_eq!(
            &text[error.span.clone().unwrap()],
            "highlight_theme = \"Nope\""
        );
        assert!(
            error
                .to_string()
                .contains("highlight theme `Nope` does not exist")
        );
    }

    #[test]
    fn theme_name_cannot_leave_the_themes_folder() {
        let error = parse_config("theme = \"../x\"\n", Path::new("config.toml")).unwrap_err();
        assert!(error.to_string().contains("folder name"));
    }
}
