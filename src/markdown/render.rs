//! Markdown to HTML with pulldown-cmark, rewriting the event stream to number blocks, anchor
//! headings, highlight code and mark internal links.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::highlight::highlight;
use super::links::push_marker;
use super::plain::escape_into;
use super::sanitize::{clean_block, clean_inline, is_safe_url, is_web_address};
use super::table::TableCells;
use super::{BLOCK_CLOSE, Block, Body, Heading, InternalLink, WebLink, block_id, block_open};
use crate::slug::slugify;

/// Choices from `[markdown]` that change the HTML.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct MarkdownOptions {
    /// Typographic quotes and dashes.
    pub smart_punctuation: bool,
    /// Publish raw HTML and link addresses as written, for packs whose sources are trusted.
    pub allow_raw_html: bool,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Renders a Markdown body. `offset` is where `text` starts in the file, so block offsets and
/// link spans point into the file.
pub fn render_markdown(text: &str, offset: usize, options: MarkdownOptions) -> Body {
    let events: Vec<Spanned> = Parser::new_ext(text, parser_options(options))
        .into_offset_iter()
        .map(|(event, range)| (event, range.start + offset..range.end + offset))
        .collect();
    let mut renderer = Renderer {
        trusted: options.allow_raw_html,
        ..Renderer::default()
    };
    // Footnotes are numbered, and their ids reserved, in order of first appearance, so a
    // reference can link to a definition further down.
    for (event, _) in &events {
        if let Event::FootnoteReference(label) | Event::Start(Tag::FootnoteDefinition(label)) =
            event
        {
            renderer.footnote(label);
        }
    }
    let mut start = 0;
    while start < events.len() {
        let end = top_level_end(&events, start);
        renderer.block(&events[start..end]);
        start = end;
    }
    renderer.body
}

/// The Markdown extensions the renderer (and anything that must parse as it does) uses.
pub(super) fn parser_options(options: MarkdownOptions) -> Options {
    let mut parser_options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    if options.smart_punctuation {
        parser_options |= Options::ENABLE_SMART_PUNCTUATION;
    }
    parser_options
}

/// The index just past the top-level block starting at `start`.
fn top_level_end(events: &[Spanned], start: usize) -> usize {
    if !matches!(events[start].0, Event::Start(_)) {
        return start + 1;
    }
    let mut depth = 0usize;
    for (i, (event, _)) in events.iter().enumerate().skip(start) {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return i + 1;
                }
            }
            _ => {}
        }
    }
    events.len()
}

#[derive(Default)]
struct Renderer {
    body: Body,
    /// Every id given to a heading or a footnote; paragraph ids are never among them.
    ids: HashSet<String>,
    /// Footnotes by their label as CommonMark compares labels.
    footnotes: HashMap<String, Footnote>,
    trusted: bool,
}

/// A footnote's number as shown, the id of its definition, and whether that definition has
/// been written (a label defined twice gives the id to the first definition only).
struct Footnote {
    number: usize,
    id: String,
    defined: bool,
}

impl Renderer {
    fn block(&mut self, events: &[Spanned]) {
        let (first, range) = &events[0];
        match first {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let explicit = id.as_ref().map(|id| id.to_string());
                self.heading(events, *level as u8, explicit);
            }
            Event::Start(
                Tag::Paragraph
                | Tag::List(_)
                | Tag::BlockQuote(_)
                | Tag::Table(_)
                | Tag::CodeBlock(_)
                | Tag::DefinitionList,
            ) => {
                let n = self.body.blocks.len() + 1;
                block_open(&mut self.body.html, n);
                self.push_events(events);
                self.body.html.push_str(BLOCK_CLOSE);
                self.body.blocks.push(Block {
                    id: block_id(n),
                    text: plain_text(events),
                    offset: range.start,
                });
            }
            _ => self.push_events(events),
        }
    }

    fn heading(&mut self, events: &[Spanned], level: u8, explicit: Option<String>) {
        let text = plain_text(events);
        let base = explicit.unwrap_or_else(|| match slugify(&text) {
            s if s.is_empty() => "section".to_string(),
            s => s,
        });
        let id = unique_id(&mut self.ids, base);
        // An explicit id is written as the editor gave it, so it is escaped like any text.
        let mut attribute = String::new();
        escape_into(&mut attribute, &id);
        self.body
            .html
            .push_str(&format!("<h{level} id=\"{attribute}\">"));
        self.push_events(&events[1..events.len() - 1]);
        self.body.html.push_str(&format!(
            " <a class=\"anchor\" href=\"#{attribute}\" aria-label=\"Link to this section\">#</a></h{level}>\n"
        ));
        self.body.headings.push(Heading { id, text, level });
    }

    /// The opening tag of a heading inside another block (a quotation, a list, a footnote):
    /// its explicit id, if any, made unique and escaped; like a top-level heading's, its
    /// classes and other `{…}` attributes are dropped.
    fn nested_heading(&mut self, level: HeadingLevel, explicit: Option<&str>) -> String {
        let mut open = format!("<{level}");
        if let Some(explicit) = explicit {
            let id = unique_id(&mut self.ids, explicit.to_string());
            open.push_str(" id=\"");
            escape_into(&mut open, &id);
            open.push('"');
        }
        open.push('>');
        open
    }

    /// The footnote labelled `label` (compared as CommonMark compares labels), numbered and
    /// given an id on first sight.
    fn footnote(&mut self, label: &str) -> &mut Footnote {
        let key = label
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase();
        let number = self.footnotes.len() + 1;
        let ids = &mut self.ids;
        self.footnotes.entry(key).or_insert_with(|| Footnote {
            number,
            id: unique_id(ids, format!("fn-{}", slugify(label))),
            defined: false,
        })
    }

    /// The opening of a footnote's definition; only the first definition of a label gets
    /// the id its references link to.
    fn footnote_definition(&mut self, label: &str) -> String {
        let note = self.footnote(label);
        let first = !std::mem::replace(&mut note.defined, true);
        let id_attribute = if first {
            format!(" id=\"{}\"", note.id)
        } else {
            String::new()
        };
        format!(
            "<div class=\"footnote-definition\"{id_attribute}>\
             <sup class=\"footnote-definition-label\">{}</sup>",
            note.number
        )
    }

    /// Renders events, replacing code blocks, nested headings, footnotes, table cells, internal
    /// links and stray marker characters.
    fn push_events(&mut self, events: &[Spanned]) {
        let mut out: Vec<Event> = Vec::with_capacity(events.len());
        let mut code: Option<(String, String)> = None;
        let mut html_block: Option<String> = None;
        let mut link_depth: Vec<LinkKind> = Vec::new();
        let mut dropped_images = 0usize;
        let mut table = TableCells::default();
        for (event, range) in events {
            if let Some(buffer) = html_block.as_mut() {
                match event {
                    Event::Html(t) | Event::Text(t) => buffer.push_str(t),
                    Event::End(TagEnd::HtmlBlock) => {
                        let html = html_block.take().unwrap_or_default();
                        let html = if self.trusted {
                            html
                        } else {
                            clean_block(&html)
                        };
                        out.push(Event::Html(
                            html.replace(super::LINK_MARKER, "&#xE000;").into(),
                        ));
                    }
                    _ => {}
                }
                continue;
            }
            if let Some((language, buffer)) = code.as_mut() {
                match event {
                    Event::Text(t) => buffer.push_str(t),
                    Event::End(TagEnd::CodeBlock) => {
                        out.push(Event::Html(code_html(language, buffer).into()));
                        code = None;
                    }
                    _ => {}
                }
                continue;
            }
            match event {
                Event::Start(Tag::HtmlBlock) => html_block = Some(String::new()),
                Event::Start(Tag::Heading { level, id, .. }) => {
                    out.push(Event::Html(
                        self.nested_heading(*level, id.as_deref()).into(),
                    ));
                }
                Event::End(TagEnd::Heading(level)) => {
                    out.push(Event::Html(format!("</{level}>\n").into()));
                }
                Event::Start(Tag::Table(alignments)) => {
                    table = TableCells::new(alignments);
                    out.push(event.clone());
                }
                Event::Start(Tag::TableHead | Tag::TableRow) => {
                    table.start_row(matches!(event, Event::Start(Tag::TableHead)));
                    out.push(event.clone());
                }
                Event::Start(Tag::TableCell) => {
                    out.push(Event::InlineHtml(table.open_cell().into()));
                }
                Event::FootnoteReference(label) => {
                    let note = self.footnote(label);
                    out.push(Event::InlineHtml(
                        format!(
                            "<sup class=\"footnote-reference\"><a href=\"#{}\">{}</a></sup>",
                            note.id, note.number
                        )
                        .into(),
                    ));
                }
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    out.push(Event::Html(self.footnote_definition(label).into()));
                }
                Event::End(TagEnd::FootnoteDefinition) => out.push(Event::Html("</div>\n".into())),
                Event::InlineHtml(t) if !self.trusted => {
                    out.push(Event::InlineHtml(
                        clean_inline(t)
                            .replace(super::LINK_MARKER, "&#xE000;")
                            .into(),
                    ));
                }
                Event::Start(Tag::Image { dest_url, .. })
                    if !self.trusted && !is_safe_url(dest_url) =>
                {
                    dropped_images += 1;
                }
                Event::End(TagEnd::Image) if dropped_images > 0 => dropped_images -= 1,
                Event::Start(Tag::CodeBlock(kind)) => {
                    let language = match kind {
                        CodeBlockKind::Fenced(info) => {
                            info.split_whitespace().next().unwrap_or("").to_string()
                        }
                        CodeBlockKind::Indented => String::new(),
                    };
                    code = Some((language, String::new()));
                }
                Event::Start(Tag::Link {
                    dest_url, title, ..
                }) => match internal_link(dest_url) {
                    Some((target, fragment)) => {
                        let mut open = String::from("<a href=\"");
                        push_marker(&mut open, self.body.links.len());
                        open.push('"');
                        if !title.is_empty() {
                            open.push_str(" title=\"");
                            escape_into(&mut open, title);
                            open.push('"');
                        }
                        open.push('>');
                        out.push(Event::InlineHtml(open.into()));
                        self.body.links.push(InternalLink {
                            target,
                            fragment,
                            span: range.clone(),
                        });
                        link_depth.push(LinkKind::Internal);
                    }
                    None if !self.trusted && !is_safe_url(dest_url) => {
                        link_depth.push(LinkKind::Dropped);
                    }
                    None => {
                        if is_web_address(dest_url) {
                            self.body.web_links.push(WebLink {
                                url: dest_url.trim().to_string(),
                                span: range.clone(),
                            });
                        }
                        out.push(event.clone());
                        link_depth.push(LinkKind::External);
                    }
                },
                Event::End(TagEnd::Link) => match link_depth.pop() {
                    Some(LinkKind::Internal) => out.push(Event::InlineHtml("</a>".into())),
                    Some(LinkKind::Dropped) => {}
                    _ => out.push(event.clone()),
                },
                Event::Text(t) | Event::Code(t) if t.contains(super::LINK_MARKER) => {
                    let mut escaped = String::new();
                    if matches!(event, Event::Code(_)) {
                        escaped.push_str("<code>");
                        escape_into(&mut escaped, t);
                        escaped.push_str("</code>");
                    } else {
                        escape_into(&mut escaped, t);
                    }
                    out.push(Event::InlineHtml(escaped.into()));
                }
                Event::Html(t) | Event::InlineHtml(t) if t.contains(super::LINK_MARKER) => {
                    let cleaned = t.replace(super::LINK_MARKER, "&#xE000;");
                    out.push(Event::InlineHtml(cleaned.into()));
                }
                _ => out.push(event.clone()),
            }
        }
        html::push_html(&mut self.body.html, out.into_iter());
    }
}

/// What became of a link's opening tag, so its closing tag can match.
#[derive(Clone, Copy, PartialEq, Eq)]
enum LinkKind {
    /// A link to a source file, written with a marker.
    Internal,
    /// A web link, kept as written.
    External,
    /// A link to an unsafe address: only its text is kept.
    Dropped,
}

/// `base`, or `base-1`, `base-2`, … if an element already has it; never a paragraph id.
fn unique_id(ids: &mut HashSet<String>, base: String) -> String {
    let base = if is_paragraph_id(&base) {
        format!("{base}-heading")
    } else {
        base
    };
    let mut id = base.clone();
    let mut n = 1;
    while !ids.insert(id.clone()) {
        id = format!("{base}-{n}");
        n += 1;
    }
    id
}

fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

fn code_html(language: &str, code: &str) -> String {
    let mut html = String::new();
    let highlighted = if language.is_empty() {
        None
    } else {
        highlight(code, language)
    };
    match highlighted {
        Some(inner) => {
            html.push_str("<pre class=\"code\" data-lang=\"");
            escape_into(&mut html, language);
            html.push_str("\"><code>");
            // syntect escapes markup but not the link marker, which would become an address.
            html.push_str(&inner.replace(super::LINK_MARKER, "&#xE000;"));
        }
        None => {
            html.push_str("<pre class=\"code\"><code>");
            escape_into(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    html
}

/// Splits a link into (source path, fragment) when it points into the pack: a relative path
/// to a `.md` or `.txt` file, or a bare `#fragment`.
fn internal_link(dest: &CowStr) -> Option<(String, Option<String>)> {
    let dest = dest.as_ref();
    if dest.contains("://") || dest.starts_with("//") || dest.starts_with('/') {
        return None;
    }
    if dest.contains(':') && !dest.starts_with('#') {
        return None;
    }
    let (path, fragment) = match dest.split_once('#') {
        Some((path, fragment)) => (path, Some(fragment.to_string())),
        None => (dest, None),
    };
    let is_source = path.ends_with(".md") || path.ends_with(".txt");
    if path.is_empty() && fragment.is_some() || is_source {
        Some((path.to_string(), fragment))
    } else {
        None
    }
}

/// The text of a run of events without markup; blocks inside it are separated by newlines.
fn plain_text(events: &[Spanned]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak => text.push(' '),
            Event::HardBreak => text.push('\n'),
            Event::End(
                TagEnd::Paragraph
                | TagEnd::Item
                | TagEnd::TableCell
                | TagEnd::TableRow
                | TagEnd::TableHead
                | TagEnd::CodeBlock,
            ) if !text.is_empty() => {
                if matches!(event, Event::End(TagEnd::TableCell)) {
                    if !text.ends_with(['\n', ' ']) {
                        text.push(' ');
                    }
                } else {
                    if text.ends_with(' ') {
                        text.pop();
                    }
                    if !text.ends_with('\n') {
                        text.push('\n');
                    }
                }
            }
            _ => {}
        }
    }
    text.trim_end().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(text: &str) -> Body {
        render_markdown(text, 0, MarkdownOptions::default())
    }

    #[test]
    fn top_level_blocks_are_numbered_in_order() {
        let body =
            render("# Title\n\nOne.\n\n- a\n- b\n\n> quoted\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        let ids: Vec<&str> = body.blocks.iter().map(|b| b.id.as_str()).collect();
        assert_eq!(ids, ["p1", "p2", "p3", "p4"]);
        assert_eq!(body.blocks[1].text, "a\nb");
        assert_eq!(body.blocks[3].text, "a b\n1 2");
        assert!(body.html.contains("<div class=\"block\" id=\"p2\">"));
        assert!(body.html.contains("<h1 id=\"title\">Title"));
    }

    #[test]
    fn nested_paragraphs_do_not_get_their_own_numbers() {
        let body = render("> one\n>\n> two\n\n1. x\n\n   y\n");
        assert_eq!(body.blocks.len(), 2);
        assert_eq!(body.blocks[0].text, "one\ntwo");
    }

    #[test]
    fn duplicate_headings_get_unique_ids() {
        let body = render("## Notes\n\n## Notes\n\n## p1\n");
        let ids: Vec<&str> = body.headings.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["notes", "notes-1", "p1-heading"]);
    }

    /// Every `id="…"` of the HTML, in order.
    fn ids(html: &str) -> Vec<&str> {
        html.split(" id=\"")
            .skip(1)
            .map(|rest| rest.split('"').next().unwrap_or_default())
            .collect()
    }

    /// Every element id on the page appears once, and exactly the blocks have paragraph ids.
    fn assert_ids_unique_and_paragraphs_numbered(body: &Body) {
        let mut seen = ids(&body.html);
        let paragraph_ids = seen.iter().filter(|id| is_paragraph_id(id)).count();
        assert_eq!(paragraph_ids, body.blocks.len(), "{}", body.html);
        seen.sort_unstable();
        let count = seen.len();
        seen.dedup();
        assert_eq!(seen.len(), count, "duplicate ids in {}", body.html);
    }

    /// Regression (found by fuzzing): footnotes took their labels as ids, so a footnote
    /// defined inside another with the same label, or labelled like a paragraph (`[^p1]`) or
    /// a heading, gave two elements one id, and a citation of `#p1` could land on a footnote.
    #[test]
    fn footnote_ids_are_unique_and_never_paragraph_or_heading_ids() {
        for text in [
            "[^1]:[^1]:",
            "Text[^p1].\n\n[^p1]: The note.\n",
            "# Notes\n\nText[^notes] and[^fn-notes].\n\n[^notes]: One.\n\n[^fn-notes]: Two.\n",
        ] {
            let body = render(text);
            assert_ids_unique_and_paragraphs_numbered(&body);
        }
    }

    #[test]
    fn footnote_references_link_to_their_definitions() {
        let body = render("One[^a] and two[^b].\n\n[^b]: Bee.\n\n[^a]: Ay.\n");
        assert!(
            body.html
                .contains("<sup class=\"footnote-reference\"><a href=\"#fn-a\">1</a></sup>")
        );
        assert!(body.html.contains(
            "<div class=\"footnote-definition\" id=\"fn-a\"><sup class=\"footnote-definition-label\">1</sup>"
        ));
        assert!(body.html.contains("<a href=\"#fn-b\">2</a>"));
    }

    /// Regression: an explicit heading id was written into the page unescaped, so
    /// `{#x"onmouseover="alert(1)}` added an event handler to the heading.
    #[test]
    fn explicit_heading_ids_cannot_add_attributes() {
        let body = render("# Title {#x\"onmouseover=\"alert(1)}\n");
        assert!(!body.html.contains("\"onmouseover"), "{}", body.html);
        assert_eq!(ids(&body.html).len(), 1, "{}", body.html);
    }

    /// Regression (found by fuzzing): a heading inside a quotation, list or footnote was
    /// written by pulldown-cmark with its explicit id as given, so it could repeat another
    /// element's id or take a paragraph's, and with its `{…}` attributes, event handlers
    /// included.
    #[test]
    fn headings_inside_blocks_get_unique_ids_and_no_attributes() {
        let body = render(
            "# Title {#custom}\n\n> ## Quoted {#custom}\n\n- ### Item {#p1 .x onclick=alert(1)}\n",
        );
        for bad in ["onclick", "class=\"x\""] {
            assert!(!body.html.contains(bad), "{bad} in {}", body.html);
        }
        assert_ids_unique_and_paragraphs_numbered(&body);
        assert!(
            body.html.contains("<h2 id=\"custom-1\">Quoted</h2>"),
            "{}",
            body.html
        );
    }

    #[test]
    fn internal_links_become_markers_external_stay() {
        let body =
            render("See [the debate](hansard.md#p3), [web](https://x.org/a.md) and [here](#p1).");
        assert_eq!(body.links.len(), 2);
        assert_eq!(body.links[0].target, "hansard.md");
        assert_eq!(body.links[0].fragment.as_deref(), Some("p3"));
        assert_eq!(body.links[1].target, "");
        assert!(body.html.contains("href=\"https://x.org/a.md\""));
        assert_eq!(body.html.matches(super::super::LINK_MARKER).count(), 4);
    }

    #[test]
    fn web_links_are_listed_with_their_places() {
        let text = "[a](https://x.org/a) <http://y.org/> [m](mailto:a@b.c) [s](other.md)";
        let body = render_markdown(text, 10, MarkdownOptions::default());
        let links: Vec<(&str, &str)> = body
            .web_links
            .iter()
            .map(|l| (l.url.as_str(), &text[l.span.start - 10..l.span.end - 10]))
            .collect();
        assert_eq!(
            links,
            [
                ("https://x.org/a", "[a](https://x.org/a)"),
                ("http://y.org/", "<http://y.org/>"),
            ]
        );
    }

    #[test]
    fn link_spans_point_into_the_file() {
        let text = "Intro.\n\n[x](other.md)";
        let body = render_markdown(text, 100, MarkdownOptions::default());
        let span = body.links[0].span.clone();
        assert_eq!(&text[span.start - 100..span.end - 100], "[x](other.md)");
    }

    #[test]
    fn marker_characters_in_text_are_neutralised() {
        let body = render("odd \u{E000}0\u{E000} text");
        assert!(!body.html.contains(super::super::LINK_MARKER));
        assert!(body.html.contains("&#xE000;"));
    }

    /// Regression (found by fuzzing): a link marker character in highlighted code was kept
    /// as it was, so the page showed a link's address instead of the quoted text.
    #[test]
    fn marker_characters_in_highlighted_code_are_neutralised() {
        let body = render("```rust\nlet s = \"\u{E000}0\u{E000}\";\n```\n");
        assert!(body.html.contains("data-lang=\"rust\""), "{}", body.html);
        assert!(
            !body.html.contains(super::super::LINK_MARKER),
            "{}",
            body.html
        );
        assert_eq!(body.html.matches("&#xE000;").count(), 2, "{}", body.html);
    }

    /// Regression (found by fuzzing): column alignment was a `style` attribute, which the
    /// pages' Content-Security-Policy blocks, so aligned columns lost their alignment.
    #[test]
    fn table_alignment_is_a_class_not_a_style() {
        let body = render("| a | b | c | d |\n|:--|:-:|--:|---|\n| 1 | 2 | 3 | 4 |\n");
        assert!(!body.html.contains("style="), "{}", body.html);
        assert!(
            body.html.contains(
                "<thead><tr><th class=\"align-left\">a</th><th class=\"align-center\">b</th>\
             <th class=\"align-right\">c</th><th>d</th></tr></thead>"
            ),
            "{}",
            body.html
        );
        assert!(
            body.html.contains(
                "<tr><td class=\"align-left\">1</td><td class=\"align-center\">2</td>\
             <td class=\"align-right\">3</td><td>4</td></tr>"
            ),
            "{}",
            body.html
        );
    }

    #[test]
    fn fenced_code_is_highlighted_with_classes() {
        let body = render("```rust\nfn main() {}\n```\n\n```\n<plain>\n```\n");
        assert_eq!(body.blocks.len(), 2);
        assert!(
            body.html
                .contains("<pre class=\"code\" data-lang=\"rust\"><code><span class=\"hl-")
        );
        assert!(body.html.contains("&lt;plain&gt;"));
    }

    #[test]
    fn extensions_are_on() {
        let body = render("~~gone~~ [^1]\n\n[^1]: note\n\n- [x] done\n");
        assert!(body.html.contains("<del>gone</del>"));
        assert!(body.html.contains("footnote-definition"));
        assert!(body.html.contains("type=\"checkbox\""));
    }

    #[test]
    fn smart_punctuation_only_when_asked() {
        let plain = render("\"quoted\" -- yes");
        assert!(plain.html.contains("\"quoted\" -- yes"), "{}", plain.html);
        let smart = render_markdown(
            "\"quoted\" -- yes",
            0,
            MarkdownOptions {
                smart_punctuation: true,
                ..MarkdownOptions::default()
            },
        );
        assert!(smart.html.contains("“quoted” – yes"));
    }

    #[test]
    fn raw_html_is_sanitised_unless_trusted() {
        let text = "<div onclick=\"steal()\"><script>alert(1)</script>kept</div>\n\nA <sup class=\"x\">1</sup> and <img src=x onerror=alert(2)> and [bad](javascript:alert(3)) and ![i](data:image/png;base64,AA).\n";
        let body = render(text);
        for bad in [
            "onclick",
            "<script",
            "onerror=alert(2)>",
            "javascript:",
            "data:image",
        ] {
            assert!(!body.html.contains(bad), "{bad} in {}", body.html);
        }
        assert!(body.html.contains("kept"));
        assert!(body.html.contains("A <sup>1</sup>"));
        assert!(body.html.contains("&lt;img src=x onerror=alert(2)&gt;"));
        assert!(
            body.html.contains(" and bad and "),
            "unsafe link keeps only its text"
        );
        let trusted = render_markdown(
            text,
            0,
            MarkdownOptions {
                allow_raw_html: true,
                ..MarkdownOptions::default()
            },
        );
        assert!(trusted.html.contains("<script>alert(1)</script>"));
    }
}
