//! Text normalisation shared by the parser and the error reporter.

use std::borrow::Cow;

/// Drops a UTF-8 byte-order mark, turns CRLF and lone CR line endings into LF, and replaces
/// NUL characters with U+FFFD (as CommonMark requires, for safety).
///
/// Files saved on any system then parse alike, and byte offsets in errors refer to this
/// normalised text, which the error reporter rebuilds the same way.
pub fn normalize_text(text: &str) -> Cow<'_, str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.contains(['\r', '\0']) {
        Cow::Owned(
            text.replace("\r\n", "\n")
                .replace('\r', "\n")
                .replace('\0', "\u{FFFD}"),
        )
    } else {
        Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_endings_and_bom_are_normalised() {
        assert_eq!(normalize_text("\u{feff}a\r\nb\rc\n"), "a\nb\nc\n");
        assert!(matches!(normalize_text("plain\n"), Cow::Borrowed(_)));
    }

    /// Regression: a NUL byte in a source was written into the page as it was.
    #[test]
    fn nul_characters_become_replacement_characters() {
        assert_eq!(normalize_text("a\0b"), "a\u{FFFD}b");
    }
}
