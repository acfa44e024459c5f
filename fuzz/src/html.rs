//! Reading rendered HTML the way a browser tokenises it, to check what a reader would get.
//!
//! A substring search cannot tell `<script>` from the text `title="<script>"` inside an
//! attribute, so the checks walk html5ever's tokens, switching to raw text after `<script>`,
//! `<style>`, `<textarea>` and the like exactly as a browser's tree builder would.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, StartTag, Tag, TagToken, Token, TokenSink, TokenSinkResult, Tokenizer,
};

/// One start tag: its name and its attributes with their values decoded.
#[derive(Debug)]
pub struct StartTagInfo {
    /// The element's name, lower-cased by the tokeniser.
    pub name: String,
    /// `(name, value)` pairs, entity references decoded.
    pub attributes: Vec<(String, String)>,
}

impl StartTagInfo {
    /// The value of attribute `name`, if present.
    pub fn attribute(&self, name: &str) -> Option<&str> {
        self.attributes
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }
}

struct Collect(RefCell<Vec<StartTagInfo>>);

impl TokenSink for Collect {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let TagToken(Tag {
            kind: StartTag,
            name,
            attrs,
            ..
        }) = token
        else {
            return TokenSinkResult::Continue;
        };
        let name = name.to_string();
        let result = match name.as_str() {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" | "noscript" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        };
        self.0.borrow_mut().push(StartTagInfo {
            name,
            attributes: attrs
                .into_iter()
                .map(|a| (a.name.local.to_string(), a.value.to_string()))
                .collect(),
        });
        result
    }
}

/// Every start tag of `html`, in order.
pub fn start_tags(html: &str) -> Vec<StartTagInfo> {
    let input = BufferQueue::default();
    input.push_back(StrTendril::from(html));
    let tokenizer = Tokenizer::new(Collect(RefCell::new(Vec::new())), Default::default());
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.0.take()
}

/// Elements that run script, load other documents or restyle the page.
const FORBIDDEN_ELEMENTS: [&str; 15] = [
    "script", "style", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "link",
    "meta", "form", "svg", "math", "template",
];

/// Attributes whose value is an address the browser may follow or load.
const ADDRESS_ATTRIBUTES: [&str; 7] = [
    "href",
    "src",
    "action",
    "formaction",
    "srcset",
    "poster",
    "xlink:href",
];

/// Panics if HTML written by an untrusted source could run script or load a script or data
/// address: a forbidden element, an event-handler or `style` attribute, or a `javascript:`,
/// `vbscript:` or `data:` address.
pub fn assert_safe(html: &str) {
    for tag in start_tags(html) {
        assert!(
            !FORBIDDEN_ELEMENTS.contains(&tag.name.as_str()),
            "<{}> in {html:?}",
            tag.name
        );
        for (name, value) in &tag.attributes {
            assert!(
                !name.starts_with("on") && name != "style",
                "attribute {name} on <{}> in {html:?}",
                tag.name
            );
            if ADDRESS_ATTRIBUTES.contains(&name.as_str()) {
                // As the URL standard reads a scheme: C0 controls and spaces trimmed from
                // both ends, tabs and newlines removed anywhere. Any other control character
                // inside (`java\u{f}script:`) makes the address a relative path.
                let address: String = value
                    .trim_matches(|c: char| c <= ' ')
                    .chars()
                    .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
                    .collect::<String>()
                    .to_ascii_lowercase();
                for scheme in ["javascript:", "vbscript:", "data:"] {
                    assert!(
                        !address.starts_with(scheme),
                        "{name}={value:?} on <{}> in {html:?}",
                        tag.name
                    );
                }
            }
        }
    }
}

/// Panics unless the numbered block wrappers are exactly `p1` … `p{count}` in order, no
/// other element claims an id of that form, and no two elements share an id: every `#pN`
/// citation must land on its paragraph.
pub fn assert_block_ids(html: &str, count: usize) {
    let tags = start_tags(html);
    let blocks: Vec<&str> = tags
        .iter()
        .filter(|t| t.name == "div" && t.attribute("class") == Some("block"))
        .filter_map(|t| t.attribute("id"))
        .collect();
    let expected: Vec<String> = (1..=count).map(|n| format!("p{n}")).collect();
    assert_eq!(blocks, expected, "block wrappers in {html:?}");
    let mut ids: Vec<&str> = tags.iter().filter_map(|t| t.attribute("id")).collect();
    let paragraph_ids = ids.iter().filter(|id| is_paragraph_id(id)).count();
    assert_eq!(paragraph_ids, count, "paragraph-like ids in {html:?}");
    ids.sort_unstable();
    let total = ids.len();
    ids.dedup();
    assert_eq!(ids.len(), total, "duplicate ids in {html:?}");
}

fn is_paragraph_id(id: &str) -> bool {
    id.strip_prefix('p')
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}
