//! Invariants shared by Casebook's fuzz targets.
//!
//! Each target feeds one stage arbitrary input and then checks, besides "no panic", the
//! promises the rest of the build relies on: positions inside the input and on character
//! boundaries, paragraph ids numbered in order, and, for untrusted input, HTML that cannot
//! run script.

pub mod html;
pub mod vocabulary;

use casebook::markdown::{Body, LINK_MARKER};

/// Panics unless `body`, rendered from `text` that starts at byte `offset` of its file, has
/// blocks `p1` … `pN` starting in order at character boundaries of the text, link spans
/// inside the text, and one link marker per link, numbered in order.
pub fn assert_body(body: &Body, text: &str, offset: usize) {
    let mut previous_start = None;
    for (i, block) in body.blocks.iter().enumerate() {
        assert_eq!(block.id, format!("p{}", i + 1));
        let start = block.offset.checked_sub(offset);
        let start = start.expect("a block starts before the text");
        assert!(start <= text.len(), "block {} at {start}", block.id);
        assert!(
            text.is_char_boundary(start),
            "block {} at {start}",
            block.id
        );
        assert!(
            previous_start.is_none_or(|p| p < start),
            "block {} starts at {start}, before the previous one",
            block.id
        );
        previous_start = Some(start);
    }
    for link in &body.links {
        assert!(link.span.start >= offset, "link before the text: {link:?}");
        let span = link.span.start - offset..link.span.end - offset;
        assert!(span.start <= span.end && span.end <= text.len(), "{span:?}");
        assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
    }
    let markers: Vec<&str> = body.html.split(LINK_MARKER).skip(1).step_by(2).collect();
    let expected: Vec<String> = (0..body.links.len()).map(|i| i.to_string()).collect();
    assert_eq!(markers, expected, "link markers in {:?}", body.html);
}
