//! Optional minification of the site's HTML pages and CSS files (`[output] minify = true`).
//!
//! Only transformations that keep the page's meaning are used: whitespace that cannot show,
//! optional closing tags and attribute quotes go; text, ids and links stay exactly as they
//! were. Both minifiers are pure functions of their input, so a minified build is as
//! reproducible as a plain one.

use lightningcss::stylesheet::{MinifyOptions, ParserOptions, PrinterOptions, StyleSheet};
use rayon::prelude::*;

use super::OutputFile;
use crate::error::BuildError;

/// Minifies every `.html` and `.css` file in `files`, in parallel; other files pass through.
pub fn minify_files(files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError> {
    files.into_par_iter().map(minify_file).collect()
}

/// Minifies one file if it is HTML or CSS.
fn minify_file(file: OutputFile) -> Result<OutputFile, BuildError> {
    if file.path.ends_with(".html") {
        let bytes = minify_html(&file.bytes);
        Ok(OutputFile::new(file.path, bytes))
    } else if file.path.ends_with(".css") {
        let text = String::from_utf8_lossy(&file.bytes);
        let css = minify_css(&text).map_err(|message| BuildError::Minify {
            path: file.path.to_string(),
            message,
        })?;
        Ok(OutputFile::new(file.path, css.into_bytes()))
    } else {
        Ok(file)
    }
}

/// Minifies an HTML document, and the CSS in its `<style>` elements, keeping to what the
/// HTML standard allows (no non-compliant shortcuts).
pub fn minify_html(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    minify_html::minify(html, &cfg)
}

/// Minifies a stylesheet; the error says what could not be parsed, and where.
pub fn minify_css(css: &str) -> Result<String, String> {
    let mut sheet = StyleSheet::parse(css, ParserOptions::default()).map_err(|e| e.to_string())?;
    sheet
        .minify(MinifyOptions::default())
        .map_err(|e| e.to_string())?;
    let printed = sheet
        .to_css(PrinterOptions {
            minify: true,
            ..PrinterOptions::default()
        })
        .map_err(|e| e.to_string())?;
    Ok(printed.code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_loses_whitespace_but_keeps_ids_and_text() {
        let html = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<title>T</title>\n</head>\n<body>\n  <div class=\"block\" id=\"p1\">\n    <p>Some   text.</p>\n  </div>\n</body>\n</html>\n";
        let out = String::from_utf8(minify_html(html.as_bytes())).unwrap();
        assert!(out.len() < html.len());
        assert!(out.contains("id=p1"));
        assert!(out.contains("Some text."));
    }

    #[test]
    fn css_is_minified_and_bad_css_is_an_error() {
        let css = "a {\n  color: #ff0000;\n}\n\n/* note */\nb { margin: 0px; }\n";
        let out = minify_css(css).unwrap();
        assert!(!out.contains('\n'));
        assert!(out.contains("a{color:red}"), "{out}");
        assert!(minify_css("a { color: red; ").is_ok());
        assert!(minify_css("@media (").is_err());
    }

    #[test]
    fn minifying_twice_gives_the_same_bytes() {
        let html = b"<p class=\"x\">a  b</p>\n<p>c</p>";
        assert_eq!(minify_html(html), minify_html(html));
    }
}
