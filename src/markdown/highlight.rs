//! Syntax highlighting of fenced code with CSS classes (no inline styles).
//!
//! The syntax set is loaded once per process and only when a pack has fenced code, so packs of
//! prose pay nothing for it.

use std::sync::OnceLock;

use syntect::highlighting::ThemeSet;
use syntect::html::{ClassStyle, ClassedHTMLGenerator, css_for_theme_with_class_style};
use syntect::parsing::SyntaxSet;
use syntect::util::LinesWithEndings;

const CLASS_STYLE: ClassStyle = ClassStyle::SpacedPrefixed { prefix: "hl-" };

fn syntax_set() -> &'static SyntaxSet {
    static SET: OnceLock<SyntaxSet> = OnceLock::new();
    SET.get_or_init(SyntaxSet::load_defaults_newlines)
}

/// A highlight theme named in config.toml that syntect does not have.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("highlight theme `{name}` does not exist; available: {available}")]
pub struct HighlightError {
    /// The name as configured.
    pub name: String,
    /// The themes that do exist.
    pub available: String,
}

/// Highlights `code` written in `language` into class-annotated HTML, or returns `None` when
/// the language is unknown (the caller then escapes the code as it is).
pub(crate) fn highlight(code: &str, language: &str) -> Option<String> {
    let set = syntax_set();
    let syntax = set.find_syntax_by_token(language)?;
    let mut generator = ClassedHTMLGenerator::new_with_class_style(syntax, set, CLASS_STYLE);
    for line in LinesWithEndings::from(code) {
        generator
            .parse_html_for_line_which_includes_newline(line)
            .ok()?;
    }
    Some(generator.finalize())
}

fn themes() -> &'static ThemeSet {
    static THEMES: OnceLock<ThemeSet> = OnceLock::new();
    THEMES.get_or_init(ThemeSet::load_defaults)
}

/// Checks that a highlight theme exists, so a misspelt name in config.toml is reported there
/// when the config is read.
pub fn check_highlight_theme(name: &str) -> Result<(), HighlightError> {
    let themes = themes();
    if themes.themes.contains_key(name) {
        Ok(())
    } else {
        Err(HighlightError {
            name: name.to_string(),
            available: themes.themes.keys().cloned().collect::<Vec<_>>().join(", "),
        })
    }
}

/// The stylesheet for highlighted code: the light theme, and the dark one under
/// `prefers-color-scheme: dark`.
pub fn syntax_css(light: &str, dark: &str) -> Result<String, HighlightError> {
    let themes = themes();
    let css_for = |name: &str| {
        check_highlight_theme(name)?;
        let theme = &themes.themes[name];
        css_for_theme_with_class_style(theme, CLASS_STYLE).map_err(|e| HighlightError {
            name: name.to_string(),
            available: e.to_string(),
        })
    };
    let light_css = css_for(light)?;
    let dark_css = css_for(dark)?;
    Ok(format!(
        "{light_css}\n@media (prefers-color-scheme: dark) {{\n{dark_css}\n}}\n"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_language_gets_classes_unknown_gets_none() {
        let html = highlight("fn main() {}\n", "rust").unwrap();
        assert!(html.contains("class=\"hl-"));
        assert!(!html.contains("style="));
        assert!(highlight("x", "no-such-language").is_none());
    }

    #[test]
    fn unknown_theme_names_the_available_ones() {
        let error = syntax_css("Nope", "base16-ocean.dark").unwrap_err();
        assert!(error.available.contains("InspiredGitHub"));
        assert_eq!(check_highlight_theme("Nope"), Err(error));
        assert_eq!(check_highlight_theme("InspiredGitHub"), Ok(()));
    }
}
