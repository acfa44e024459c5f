//! Parses any bytes as a source file, both as Markdown and as plain text, and checks that
//! every error points inside the file (so `file:line:column` can be printed) and every parsed
//! document has a title, a usable slug and a well-formed body.

#![no_main]

use std::path::PathBuf;

use casebook::config::Config;
use casebook::error::ContentErrorKind;
use casebook::slug::is_valid_slug;
use casebook::source::{SourceFile, SourceFormat, normalize_text, parse_document};
use casebook_fuzz::{assert_body, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let config = Config::default();
    for (name, format) in [
        ("doc.md", SourceFormat::Markdown),
        ("doc.txt", SourceFormat::PlainText),
    ] {
        let source = SourceFile {
            path: PathBuf::from("content").join(name),
            content_path: name.to_string(),
            format,
        };
        match parse_document(&source, data, &config) {
            Ok(document) => {
                let text = std::str::from_utf8(data).expect("a parsed file is UTF-8");
                let text = normalize_text(text);
                assert!(!document.meta.title.is_empty());
                assert_eq!(document.meta.title.trim(), document.meta.title);
                assert!(is_valid_slug(&document.slug), "{:?}", document.slug);
                assert_body(&document.body, &text, 0);
                html::assert_safe(&document.body.html);
                html::assert_block_ids(&document.body.html, document.body.blocks.len());
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                // Spans refer to the file as the error reporter shows it.
                let shown = normalize_text(&String::from_utf8_lossy(data)).into_owned();
                for error in &errors {
                    assert_eq!(error.path, source.path);
                    assert!(!error.kind.to_string().is_empty());
                    let Some(span) = error.span.clone() else {
                        continue;
                    };
                    assert!(
                        span.start <= span.end && span.end <= shown.len(),
                        "{error:?} outside {} bytes",
                        shown.len()
                    );
                    assert!(
                        shown.is_char_boundary(span.start) && shown.is_char_boundary(span.end),
                        "{error:?} splits a character"
                    );
                    if let ContentErrorKind::InvalidUtf8 { offset } = error.kind {
                        assert!(std::str::from_utf8(&data[..offset]).is_ok());
                        assert!(std::str::from_utf8(&data[..=offset]).is_err());
                        assert_eq!(&shown[span], "\u{FFFD}", "{error:?}");
                    }
                }
            }
        }
    }
});
