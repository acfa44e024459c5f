//! Plain-text sources: paragraphs separated by blank lines, nothing interpreted.

use super::{BLOCK_CLOSE, Block, Body, block_id, block_open};

/// Renders plain text: each run of non-blank lines is a paragraph, line breaks inside it are
/// kept (letters end with sign-offs), and every character is escaped, never interpreted.
/// `offset` is where `text` starts in the file.
pub fn render_plain_text(text: &str, offset: usize) -> Body {
    let mut body = Body::default();
    let mut paragraph: Vec<&str> = Vec::new();
    let mut paragraph_start = offset;
    let mut position = offset;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches('\n');
        if content.trim().is_empty() {
            flush(&mut body, &mut paragraph, paragraph_start);
        } else {
            if paragraph.is_empty() {
                paragraph_start = position;
            }
            paragraph.push(content);
        }
        position += line.len();
    }
    flush(&mut body, &mut paragraph, paragraph_start);
    body
}

fn flush(body: &mut Body, lines: &mut Vec<&str>, offset: usize) {
    if lines.is_empty() {
        return;
    }
    let n = body.blocks.len() + 1;
    block_open(&mut body.html, n);
    body.html.push_str("<p>");
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            body.html.push_str("<br>\n");
        }
        escape_into(&mut body.html, line);
    }
    body.html.push_str("</p>");
    body.html.push_str(BLOCK_CLOSE);
    body.blocks.push(Block {
        id: block_id(n),
        text: lines.join("\n"),
        offset,
    });
    lines.clear();
}

/// Escapes text for HTML element content, including the link marker character.
pub(crate) fn escape_into(html: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => html.push_str("&amp;"),
            '<' => html.push_str("&lt;"),
            '>' => html.push_str("&gt;"),
            '"' => html.push_str("&quot;"),
            super::LINK_MARKER => html.push_str("&#xE000;"),
            _ => html.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs_and_line_breaks_stay() {
        let body = render_plain_text("First para.\n\nHilary Benn\nMP for Leeds Central\n", 10);
        assert_eq!(body.blocks.len(), 2);
        assert_eq!(body.blocks[1].id, "p2");
        assert_eq!(body.blocks[1].text, "Hilary Benn\nMP for Leeds Central");
        assert_eq!(body.blocks[1].offset, 23);
        assert!(body.html.contains("Hilary Benn<br>\nMP for Leeds Central"));
    }

    #[test]
    fn text_is_escaped_never_interpreted() {
        let body = render_plain_text("<script>alert(1)</script> *not em* & [x](y.md)", 0);
        assert!(
            body.html
                .contains("&lt;script&gt;alert(1)&lt;/script&gt; *not em* &amp;")
        );
        assert!(body.links.is_empty());
    }

    #[test]
    fn whitespace_only_lines_separate_paragraphs() {
        let body = render_plain_text("a\n   \nb", 0);
        assert_eq!(body.blocks.len(), 2);
    }
}
