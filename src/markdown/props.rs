//! Properties of the Markdown renderer that hold for any input: it never panics, blocks are
//! numbered `p1`, `p2`, … in the order of their wrappers, every paragraph's text is published
//! escaped, and raw HTML cannot bring a script in unless the pack allows raw HTML, nor any
//! `style` attribute, which the pages' Content-Security-Policy would block.

use proptest::prelude::*;

use super::{Body, LINK_MARKER, MarkdownOptions, render_markdown};

fn options() -> impl Strategy<Value = MarkdownOptions> {
    (any::<bool>(), any::<bool>()).prop_map(|(smart_punctuation, allow_raw_html)| MarkdownOptions {
        smart_punctuation,
        allow_raw_html,
    })
}

/// Markdown and HTML pieces, put together at random.
const FRAGMENTS: &[&str] = &[
    "\n",
    "\n\n",
    "# ",
    "## ",
    " {#p1}",
    "> ",
    "- ",
    "1. ",
    "[x] ",
    "```",
    "```rust\n",
    "    ",
    "| a | b | c |\n|--:|:-:|---|\n",
    "[^1]",
    "[^1]: ",
    "[link](other.md#p3)",
    "[web](https://example.org/)",
    "[bad](javascript:alert(1))",
    "![i](data:image/png;base64,AA)",
    "*",
    "_",
    "`",
    "~~",
    "\\",
    "&amp;",
    "word",
    "Aleppo",
    "é日本",
    "\u{E000}0\u{E000}",
    "<div>",
    "</div>",
    "<div class=\"block\" id=\"p9\">",
    "<sup>",
    "</sup>",
    "<script>alert(1)</script>",
    "<SCRIPT SRC=//evil.js>",
    "<scr<script>ipt>",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "<iframe src=//evil></iframe>",
    "<!--",
    "-->",
    "<a href='javascript:alert(1)'>",
];

fn markdown() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        prop::collection::vec(prop::sample::select(FRAGMENTS), 0..32).prop_map(|p| p.concat()),
    ]
}

/// The ids of the numbered block wrappers, in the order they appear in the HTML.
fn wrapper_ids(html: &str) -> Vec<String> {
    html.split("<div class=\"block\" id=\"")
        .skip(1)
        .map(|rest| rest.split('"').next().unwrap_or_default().to_string())
        .collect()
}

fn check_numbering(body: &Body) -> Result<(), TestCaseError> {
    let expected: Vec<String> = (1..=body.blocks.len()).map(|n| format!("p{n}")).collect();
    let ids: Vec<String> = body.blocks.iter().map(|b| b.id.clone()).collect();
    prop_assert_eq!(&ids, &expected);
    let markers = body.html.matches(LINK_MARKER).count();
    prop_assert_eq!(markers, 2 * body.links.len());
    Ok(())
}

/// Plain words and the punctuation HTML must escape, never Markdown syntax.
fn paragraph() -> impl Strategy<Value = String> {
    let word = "[A-Za-z0-9]{1,8}";
    let gap = prop::sample::select(vec![" ", ", ", " & ", " < ", " > ", " \" ", "'"]);
    (word, prop::collection::vec((gap, word), 0..8)).prop_map(|(first, rest)| {
        let mut text = first;
        for (gap, word) in rest {
            text.push_str(gap);
            text.push_str(&word);
        }
        text
    })
}

/// Text as HTML element content: quotes need no escaping there.
fn escaped(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn blocks_are_numbered_in_order_whatever_the_input(text in markdown(), options in options()) {
        let body = render_markdown(&text, 0, options);
        check_numbering(&body)?;
        if !options.allow_raw_html {
            let expected: Vec<String> =
                (1..=body.blocks.len()).map(|n| format!("p{n}")).collect();
            prop_assert_eq!(wrapper_ids(&body.html), expected, "{}", body.html);
        }
    }

    #[test]
    fn untrusted_raw_html_brings_no_script_or_frame(text in markdown()) {
        let body = render_markdown(&text, 0, MarkdownOptions::default());
        let html = body.html.to_ascii_lowercase();
        for bad in ["<script", "<iframe", "<svg", "javascript:alert(1)'>", "style="] {
            prop_assert!(!html.contains(bad), "{} in {}", bad, body.html);
        }
    }

    #[test]
    fn every_paragraph_is_published_escaped_in_its_block(
        paragraphs in prop::collection::vec(paragraph(), 1..6),
        options in options(),
    ) {
        let text = paragraphs.join("\n\n");
        let body = render_markdown(&text, 0, MarkdownOptions { smart_punctuation: false, ..options });
        prop_assert_eq!(body.blocks.len(), paragraphs.len());
        for (i, (block, paragraph)) in body.blocks.iter().zip(&paragraphs).enumerate() {
            prop_assert_eq!(&block.text, paragraph);
            let html = format!(
                "<div class=\"block\" id=\"p{n}\"><a class=\"pilcrow\" href=\"#p{n}\" \
                 aria-label=\"Paragraph {n}\" data-para=\"{n}\">¶{n}</a><p>{}</p>\n</div>",
                escaped(paragraph),
                n = i + 1,
            );
            prop_assert!(body.html.contains(&html), "{} not in {}", html, body.html);
        }
    }
}
