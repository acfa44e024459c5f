//! How deeply a Markdown body's elements nest, checked before the body is rendered.
//!
//! Markdown nests without bound (`>>>>>>…`, `- - - - …`), and so does raw HTML. Our own
//! stages do not recurse, but the HTML minifier does, once per element, and the sanitiser's
//! HTML parser slows down with depth (ten thousand nested `<div>`s took it seconds). So a
//! body deeper than `[limits] max_nesting_depth` is an error at the place it gets too deep,
//! found in one pass over pulldown-cmark's events before anything is rendered or sanitised.
//!
//! Every Markdown element counts a level (a block quote, a list and each of its items,
//! emphasis, a link, a table's parts). Raw HTML tags count as the browser would nest them:
//! void elements do not, and an element whose end tag HTML lets authors leave out (`<li>`,
//! `<p>`, `<td>`, …) closes an open one of its kind. Without `allow_raw_html`, each HTML block
//! is sanitised on its own (so its elements end with it), and inline tags that the sanitiser
//! would show as text do not count.

use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag};

use super::render::{MarkdownOptions, parser_options};
use super::sanitize::is_inline_tag;
use crate::edition::html::{Token, tokenize};

/// Elements that never have content, so never nest.
const VOID_ELEMENTS: [&str; 17] = [
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track",
];

/// Groups of elements whose end tag may be left out: opening one closes an open one of the
/// same group (`<li>a<li>b` is two items side by side, not one inside the other).
const IMPLIED_END_GROUPS: [&[&str]; 9] = [
    &["li"],
    &["dt", "dd"],
    &["p"],
    &["option"],
    &["optgroup"],
    &["tr"],
    &["td", "th"],
    &["thead", "tbody", "tfoot"],
    &["rb", "rt", "rtc", "rp"],
];

/// Checks that no element of a Markdown body nests deeper than `limit`. `offset` is where
/// `text` starts in the file; the error is the file offset where the limit is first passed.
pub fn check_nesting(
    text: &str,
    offset: usize,
    options: MarkdownOptions,
    limit: usize,
) -> Result<(), usize> {
    let mut depth = Depth {
        markdown: 0,
        html: Vec::new(),
        limit,
    };
    let mut block: Option<HtmlBlock> = None;
    for (event, range) in Parser::new_ext(text, parser_options(options)).into_offset_iter() {
        let range = range.start + offset..range.end + offset;
        if let Some(html) = block.as_mut() {
            match event {
                Event::Html(t) | Event::Text(t) => html.push(&t, &range),
                Event::End(_) => {
                    let open_before = depth.html.len();
                    let html = block.take().unwrap_or_default();
                    depth.html_tags(&html.text, |at| html.file_offset(at), options, false)?;
                    if !options.allow_raw_html {
                        depth.html.truncate(open_before);
                    }
                }
                _ => {}
            }
            continue;
        }
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(HtmlBlock::default()),
            Event::Start(_) => {
                depth.markdown += 1;
                depth.check(range.start)?;
            }
            Event::End(_) => depth.markdown = depth.markdown.saturating_sub(1),
            Event::InlineHtml(t) | Event::Html(t) => {
                depth.html_tags(&t, |at| range.start + at, options, true)?;
            }
            _ => {}
        }
    }
    Ok(())
}

/// The open elements at the current point of the body.
struct Depth {
    /// Markdown elements open.
    markdown: usize,
    /// Raw HTML elements open, by name.
    html: Vec<String>,
    limit: usize,
}

impl Depth {
    fn check(&self, file_offset: usize) -> Result<(), usize> {
        if self.markdown + self.html.len() > self.limit {
            Err(file_offset)
        } else {
            Ok(())
        }
    }

    /// Opens and closes the elements of the raw HTML `html`; `file_offset` maps an offset in
    /// it to the file. `inline` says the HTML is a lone inline tag.
    fn html_tags(
        &mut self,
        html: &str,
        file_offset: impl Fn(usize) -> usize,
        options: MarkdownOptions,
        inline: bool,
    ) -> Result<(), usize> {
        for token in tokenize(html) {
            match token {
                Token::Start(tag) => {
                    let name = tag.name();
                    let shown_as_text = inline && !options.allow_raw_html && !is_inline_tag(name);
                    let in_foreign = self.html.iter().any(|n| n == "svg" || n == "math");
                    if shown_as_text
                        || VOID_ELEMENTS.contains(&name)
                        || (tag.is_self_closing() && in_foreign)
                    {
                        continue;
                    }
                    if let Some(group) = IMPLIED_END_GROUPS.iter().find(|g| g.contains(&name))
                        && self
                            .html
                            .last()
                            .is_some_and(|open| group.contains(&open.as_str()))
                    {
                        self.html.pop();
                    }
                    self.html.push(name.to_string());
                    let at = tag.source().as_ptr() as usize - html.as_ptr() as usize;
                    self.check(file_offset(at))?;
                }
                Token::End { name, .. } => {
                    if let Some(open) = self.html.iter().rposition(|n| *n == name) {
                        self.html.truncate(open);
                    }
                }
                Token::Text(_) | Token::Markup(_) => {}
            }
        }
        Ok(())
    }
}

/// The text of an HTML block, gathered from its lines, with where each piece is in the file
/// (lines inside a block quote lose their `>` markers, so the text is not one slice of it).
#[derive(Default)]
struct HtmlBlock {
    text: String,
    /// (offset in `text`, offset in the file) where each piece starts.
    pieces: Vec<(usize, usize)>,
}

impl HtmlBlock {
    fn push(&mut self, piece: &str, range: &Range<usize>) {
        self.pieces.push((self.text.len(), range.start));
        self.text.push_str(piece);
    }

    fn file_offset(&self, at: usize) -> usize {
        let index = self.pieces.partition_point(|(start, _)| *start <= at);
        match index.checked_sub(1).map(|i| self.pieces[i]) {
            Some((start, file)) => file + (at - start),
            None => self.pieces.first().map_or(0, |p| p.1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, limit: usize) -> Result<(), usize> {
        check_nesting(text, 0, MarkdownOptions::default(), limit)
    }

    fn trusted(text: &str, limit: usize) -> Result<(), usize> {
        let options = MarkdownOptions {
            allow_raw_html: true,
            ..MarkdownOptions::default()
        };
        check_nesting(text, 0, options, limit)
    }

    #[test]
    fn block_quotes_count_one_level_each_and_the_error_is_where_the_limit_is_passed() {
        // Three quotes and a paragraph make four levels.
        assert_eq!(check("Intro.\n\n>>> deep\n", 4), Ok(()));
        let text = "Intro.\n\n>>>>> deep\n";
        let at = check(text, 4).unwrap_err();
        assert_eq!(&text[at..], "> deep\n");
    }

    #[test]
    fn each_list_level_counts_the_list_and_its_item() {
        assert_eq!(check("- - x\n", 4), Ok(()));
        assert!(check("- - - x\n", 4).is_err());
    }

    #[test]
    fn the_offset_is_shifted_into_the_file() {
        let at = check_nesting(">> x\n", 100, MarkdownOptions::default(), 1).unwrap_err();
        assert_eq!(at, 101);
    }

    #[test]
    fn raw_html_blocks_count_their_elements() {
        let text = "<div><div><div>x</div></div></div>\n";
        assert_eq!(check(text, 3), Ok(()));
        let at = check(text, 2).unwrap_err();
        assert_eq!(&text[at..at + 5], "<div>");
        assert_eq!(at, 10);
    }

    #[test]
    fn the_place_in_an_html_block_inside_a_quote_is_found_in_the_file() {
        let text = "> <div>\n> <section>\n> </section></div>\n";
        let at = check(text, 2).unwrap_err();
        assert_eq!(&text[at..at + 9], "<section>");
    }

    #[test]
    fn void_elements_and_implied_ends_do_not_nest() {
        let text = "<ul><li>a<li>b<li>c<br><img src=x></ul>\n\n<p>one<p>two<p>three\n";
        assert_eq!(trusted(text, 2), Ok(()));
    }

    #[test]
    fn sanitised_blocks_end_their_elements_but_trusted_html_leaks_into_what_follows() {
        let text = "<div><div>\n\nText\n\n<div><div>\n";
        assert_eq!(check(text, 3), Ok(()));
        assert!(trusted(text, 3).is_err());
    }

    #[test]
    fn inline_tags_count_unless_they_would_be_shown_as_text() {
        let text = "a <sup><sup><sup>b</sup></sup></sup> <div><div><div><div> c\n";
        // A paragraph and three <sup>: four; the <div>s are shown as text unless trusted.
        assert_eq!(check(text, 4), Ok(()));
        assert!(check(text, 3).is_err());
        assert!(trusted(text, 4).is_err());
    }

    #[test]
    fn ten_thousand_levels_are_found_without_recursion() {
        let text = format!("{} deep\n", ">".repeat(10_000));
        assert!(check(&text, 100).is_err());
        let html = "<div>".repeat(10_000);
        assert!(trusted(&html, 100).is_err());
    }
}
