//! A small HTML tokenizer for rewriting attributes of the pages Casebook itself rendered.
//!
//! It knows just enough HTML to find every tag and attribute safely: quoted and unquoted
//! attribute values, comments and doctypes, and the raw text of `<script>` and `<style>` (whose
//! `<` are not tags). A tag that is not changed is written back byte for byte, so rewriting a
//! page touches only what it has to.

use std::borrow::Cow;

/// One piece of an HTML text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text, or the raw content of a `<script>` or `<style>` element.
    Text(&'a str),
    /// A start tag, with its attributes.
    Start(StartTag<'a>),
    /// An end tag; `name` is lower case.
    End {
        /// The element's name.
        name: Cow<'a, str>,
        /// The tag as written.
        raw: &'a str,
    },
    /// A comment, doctype or processing instruction, kept as written.
    Markup(&'a str),
}

/// A start tag that can be changed and written back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag<'a> {
    name: Cow<'a, str>,
    attributes: Vec<Attribute<'a>>,
    self_closing: bool,
    raw: &'a str,
    changed: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Attribute<'a> {
    /// Lower case.
    name: Cow<'a, str>,
    /// The attribute as written (`href="x"`), or empty for one added by a rewrite.
    raw: &'a str,
    /// The value with character references decoded.
    value: Option<Cow<'a, str>>,
    /// Set when a rewrite changed the value.
    replaced: bool,
}

impl<'a> StartTag<'a> {
    /// The element's name, lower case.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The tag as it was written in the input.
    pub fn source(&self) -> &'a str {
        self.raw
    }

    /// Whether the tag ends with `/>`.
    pub fn is_self_closing(&self) -> bool {
        self.self_closing
    }

    /// An attribute's value (decoded); `Some("")` for a bare attribute.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|a| a.name == name)
            .map(|a| a.value.as_deref().unwrap_or(""))
    }

    /// Sets an attribute, replacing its value or adding it at the end.
    pub fn set(&mut self, name: &str, value: String) {
        self.changed = true;
        match self.attributes.iter_mut().find(|a| a.name == name) {
            Some(attribute) => {
                attribute.value = Some(Cow::Owned(value));
                attribute.replaced = true;
            }
            None => self.attributes.push(Attribute {
                name: Cow::Owned(name.to_string()),
                raw: "",
                value: Some(Cow::Owned(value)),
                replaced: true,
            }),
        }
    }

    /// Removes an attribute.
    pub fn remove(&mut self, name: &str) {
        let before = self.attributes.len();
        self.attributes.retain(|a| a.name != name);
        self.changed |= self.attributes.len() != before;
    }

    /// Gives the element another name (`a` → `span`).
    pub fn rename(&mut self, name: &str) {
        self.name = Cow::Owned(name.to_string());
        self.changed = true;
    }

    /// Appends the tag as HTML: as written when unchanged.
    pub fn write_to(&self, out: &mut String) {
        if !self.changed {
            out.push_str(self.raw);
            return;
        }
        out.push('<');
        out.push_str(&self.name);
        for attribute in &self.attributes {
            out.push(' ');
            if attribute.replaced {
                out.push_str(&attribute.name);
                out.push_str("=\"");
                out.push_str(&escape_attribute(attribute.value.as_deref().unwrap_or("")));
                out.push('"');
            } else {
                out.push_str(attribute.raw);
            }
        }
        if self.self_closing {
            out.push_str(" /");
        }
        out.push('>');
    }
}

/// Escapes text for a double-quoted attribute value.
pub fn escape_attribute(value: &str) -> Cow<'_, str> {
    if value.contains(['&', '"', '<']) {
        Cow::Owned(
            value
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('<', "&lt;"),
        )
    } else {
        Cow::Borrowed(value)
    }
}

/// Splits HTML into tokens, one at a time: a page is rewritten as it is read, with no list
/// of its tokens (a year of the timeline is a page of megabytes). Never fails: anything that
/// is not a well-formed tag is text.
pub fn tokenize(html: &str) -> Tokens<'_> {
    Tokens {
        html,
        next: 0,
        text_start: 0,
        tag: None,
        raw_text: None,
    }
}

/// The tokens of an HTML text, in order (see [`tokenize`]).
pub struct Tokens<'a> {
    html: &'a str,
    /// Where to look for the next `<`.
    next: usize,
    /// Where the text not yet handed out begins.
    text_start: usize,
    /// A tag found after a text: handed out after it.
    tag: Option<Token<'a>>,
    /// The raw content of the `<script>` or `<style>` just found: handed out after its tag.
    raw_text: Option<std::ops::Range<usize>>,
}

impl<'a> Iterator for Tokens<'a> {
    type Item = Token<'a>;

    fn next(&mut self) -> Option<Token<'a>> {
        if let Some(tag) = self.tag.take() {
            return Some(tag);
        }
        let html = self.html;
        if let Some(range) = self.raw_text.take() {
            return Some(Token::Text(&html[range]));
        }
        while let Some(offset) = html[self.next..].find('<') {
            let at = self.next + offset;
            let Some((token, end)) = tag_at(html, at) else {
                self.next = at + 1;
                continue;
            };
            let resume = match &token {
                Token::Start(tag)
                    if matches!(tag.name(), "script" | "style") && !tag.self_closing =>
                {
                    let close_tag = format!("</{}", tag.name);
                    let close =
                        find_ascii_case_insensitive(&html.as_bytes()[end..], close_tag.as_bytes())
                            .map_or(html.len(), |p| end + p);
                    if end < close {
                        self.raw_text = Some(end..close);
                    }
                    close
                }
                _ => end,
            };
            let text = &html[self.text_start..at];
            self.next = resume;
            self.text_start = resume;
            if text.is_empty() {
                return Some(token);
            }
            self.tag = Some(token);
            return Some(Token::Text(text));
        }
        self.next = html.len();
        let text = &html[self.text_start..];
        self.text_start = html.len();
        (!text.is_empty()).then_some(Token::Text(text))
    }
}

/// A name in lower case, borrowed when it already is (as nearly all are): a large pack's
/// editions hold millions of tags.
fn lower_case(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// The token starting with the `<` at `at`, and where it ends.
fn tag_at(html: &str, at: usize) -> Option<(Token<'_>, usize)> {
    let rest = &html[at..];
    if let Some(comment) = rest.strip_prefix("<!--") {
        let end = comment.find("-->").map_or(html.len(), |p| at + 4 + p + 3);
        return Some((Token::Markup(&html[at..end]), end));
    }
    if rest.starts_with("<!") || rest.starts_with("<?") {
        let end = rest.find('>').map_or(html.len(), |p| at + p + 1);
        return Some((Token::Markup(&html[at..end]), end));
    }
    if let Some(after) = rest.strip_prefix("</") {
        let name_len = name_length(after);
        if name_len == 0 {
            return None;
        }
        let end = rest.find('>').map_or(html.len(), |p| at + p + 1);
        let name = lower_case(&after[..name_len]);
        return Some((
            Token::End {
                name,
                raw: &html[at..end],
            },
            end,
        ));
    }
    let after = &rest[1..];
    let name_len = name_length(after);
    if name_len == 0 {
        return None;
    }
    let name = lower_case(&after[..name_len]);
    let mut pos = at + 1 + name_len;
    let mut attributes = Vec::new();
    let bytes = html.as_bytes();
    let mut self_closing = false;
    loop {
        while pos < bytes.len() && bytes[pos].is_ascii_whitespace() {
            pos += 1;
        }
        match bytes.get(pos) {
            None => return None,
            Some(b'>') => {
                pos += 1;
                break;
            }
            Some(b'/') => {
                self_closing = bytes.get(pos + 1) == Some(&b'>');
                pos += 1;
                continue;
            }
            Some(_) => {}
        }
        let (attribute, end) = attribute_at(html, pos);
        attributes.push(attribute);
        pos = end;
    }
    let tag = StartTag {
        name,
        attributes,
        self_closing,
        raw: &html[at..pos],
        changed: false,
    };
    Some((Token::Start(tag), pos))
}

/// One attribute starting at `start` (not whitespace), and where it ends.
fn attribute_at(html: &str, start: usize) -> (Attribute<'_>, usize) {
    let bytes = html.as_bytes();
    let ends_name = |pos: usize| match bytes.get(pos) {
        None | Some(b'=' | b'>') => true,
        Some(b'/') => bytes.get(pos + 1) == Some(&b'>'),
        Some(b) => b.is_ascii_whitespace(),
    };
    let mut pos = start;
    while !ends_name(pos) {
        pos += 1;
    }
    pos = pos.max(start + 1).min(bytes.len());
    let name = lower_case(&html[start..pos]);
    let mut end = pos;
    while end < bytes.len() && bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    if bytes.get(end) != Some(&b'=') {
        let attribute = Attribute {
            name,
            raw: &html[start..pos],
            value: None,
            replaced: false,
        };
        return (attribute, pos);
    }
    end += 1;
    while end < bytes.len() && bytes[end].is_ascii_whitespace() {
        end += 1;
    }
    let (value, after) = match bytes.get(end) {
        Some(&quote @ (b'"' | b'\'')) => {
            let close = html[end + 1..]
                .find(quote as char)
                .map_or(html.len(), |p| end + 1 + p);
            (&html[end + 1..close], (close + 1).min(html.len()))
        }
        _ => {
            let mut stop = end;
            while stop < bytes.len() && !bytes[stop].is_ascii_whitespace() && bytes[stop] != b'>' {
                stop += 1;
            }
            (&html[end..stop], stop)
        }
    };
    let attribute = Attribute {
        name,
        raw: &html[start..after],
        value: Some(decode_references(value)),
        replaced: false,
    };
    (attribute, after)
}

/// How many bytes of `text` make a tag name (ASCII letter, then letters, digits, `-`, `:`).
fn name_length(text: &str) -> usize {
    let bytes = text.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return 0;
    }
    bytes
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
        .count()
}

fn find_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window.eq_ignore_ascii_case(needle))
}

/// Decodes the character references that attribute values of URLs and ids use.
fn decode_references(value: &str) -> Cow<'_, str> {
    if !value.contains('&') {
        return Cow::Borrowed(value);
    }
    Cow::Owned(
        value
            .replace("&quot;", "\"")
            .replace("&#34;", "\"")
            .replace("&#39;", "'")
            .replace("&#x27;", "'")
            .replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&amp;", "&"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn starts(html: &str) -> Vec<StartTag<'_>> {
        tokenize(html)
            .filter_map(|t| match t {
                Token::Start(tag) => Some(tag),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn attributes_in_every_quoting_style() {
        let tags = starts("<a href=\"x.html#p1\" class='c' data-n=3 hidden>t</a>");
        assert_eq!(tags.len(), 1);
        let a = &tags[0];
        assert_eq!(a.name(), "a");
        assert_eq!(a.get("href"), Some("x.html#p1"));
        assert_eq!(a.get("class"), Some("c"));
        assert_eq!(a.get("data-n"), Some("3"));
        assert_eq!(a.get("hidden"), Some(""));
        assert_eq!(a.get("id"), None);
    }

    #[test]
    fn unchanged_html_is_written_back_exactly() {
        let html = "<!DOCTYPE html>\n<!-- <a href=x> -->\n<p class=\"a\" data-x='1'>a &lt; b<br/></p>\n<script>if (a<b) {}</script>";
        let mut out = String::new();
        for token in tokenize(html) {
            match token {
                Token::Text(t) | Token::Markup(t) | Token::End { raw: t, .. } => out.push_str(t),
                Token::Start(tag) => tag.write_to(&mut out),
            }
        }
        assert_eq!(out, html);
    }

    #[test]
    fn names_are_lower_case_and_borrowed_when_already_so() {
        let tokens: Vec<_> =
            tokenize("<DIV ID=\"x\" class=c>t</Div><SCRIPT>a<b</script>").collect();
        let Token::Start(tag) = &tokens[0] else {
            panic!("{tokens:?}")
        };
        assert_eq!(
            (tag.name(), tag.get("id"), tag.get("class")),
            ("div", Some("x"), Some("c"))
        );
        assert!(matches!(&tokens[2], Token::End { name, .. } if name == "div"));
        assert!(matches!(&tokens[4], Token::Text("a<b")), "{tokens:?}");
        assert!(matches!(lower_case("div"), Cow::Borrowed("div")));
    }

    #[test]
    fn script_content_is_not_tags() {
        let hrefs: Vec<_> = tokenize("<script>var s = \"<a href='x'>\";</script><a href=y>")
            .filter_map(|t| match t {
                Token::Start(tag) => tag.get("href").map(str::to_string),
                _ => None,
            })
            .collect();
        assert_eq!(hrefs, ["y"]);
    }

    #[test]
    fn changed_tags_are_written_with_escaped_values() {
        let mut tag = starts("<a href='x' title=\"a &amp; b\">").remove(0);
        tag.set("href", "#a\"b".into());
        tag.set("id", "n".into());
        tag.rename("span");
        tag.remove("title");
        let mut out = String::new();
        tag.write_to(&mut out);
        assert_eq!(out, "<span href=\"#a&quot;b\" id=\"n\">");
    }

    #[test]
    fn references_in_values_are_decoded() {
        let tags = starts("<a href=\"?a=1&amp;b=2\">");
        assert_eq!(tags[0].get("href"), Some("?a=1&b=2"));
    }

    #[test]
    fn a_lone_angle_bracket_is_text() {
        let tokens: Vec<_> = tokenize("a < b <3 </ c").collect();
        assert_eq!(tokens, [Token::Text("a < b <3 </ c")]);
    }

    #[test]
    fn text_tag_and_raw_text_come_in_order() {
        fn raw<'a>(token: &Token<'a>) -> &'a str {
            match token {
                Token::Text(text) | Token::Markup(text) | Token::End { raw: text, .. } => text,
                Token::Start(tag) => tag.source(),
            }
        }
        let html = "a<b>b</b>c<style>p<q{}</style>d<script>x<y";
        let tokens: Vec<_> = tokenize(html).collect();
        assert_eq!(
            tokens.iter().map(raw).collect::<Vec<_>>(),
            [
                "a", "<b>", "b", "</b>", "c", "<style>", "p<q{}", "</style>", "d", "<script>",
                "x<y"
            ]
        );
        assert!(matches!(&tokens[6], Token::Text(_)));
        assert!(
            matches!(&tokens[10], Token::Text(_)),
            "an unclosed script runs to the end"
        );
        assert_eq!(tokenize("").count(), 0);
        assert_eq!(tokenize("<p></p>").count(), 2);
    }
}
