//! Renders any text as Markdown and checks the numbered blocks, the link markers and, unless
//! raw HTML is allowed, that the HTML can run no script and every `#pN` lands on its block.
//!
//! The first byte chooses the options: bit 0 smart punctuation, bit 1 `allow_raw_html`.

#![no_main]

use casebook::markdown::{MarkdownOptions, render_markdown};
use casebook_fuzz::{assert_body, html};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&flags, rest)) = data.split_first() else {
        return;
    };
    let options = MarkdownOptions {
        smart_punctuation: flags & 1 != 0,
        allow_raw_html: flags & 2 != 0,
    };
    let text = String::from_utf8_lossy(rest);
    let offset = usize::from(flags);
    let body = render_markdown(&text, offset, options);
    assert_body(&body, &text, offset);
    if !options.allow_raw_html {
        html::assert_safe(&body.html);
        html::assert_block_ids(&body.html, body.blocks.len());
    }
});
