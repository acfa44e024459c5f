//! Wrapping a JSON payload in a call to the browser's registration function. Every index
//! file is a plain script loaded by a `<script src>` tag, because `fetch` and XHR are
//! refused on `file://` pages and a pack must work opened straight from disk.

/// What each file starts with; the payload and `);` follow.
pub(crate) const REGISTER_CALL: &str = "window.casebookSearch.register(";

/// `window.casebookSearch.register("<kind>",<number>,<payload>);` with U+2028 and U+2029
/// escaped: JSON allows them raw, but JavaScript before ES2019 ends a string at them. Written
/// in one pass into one buffer: a payload can be a hundred megabytes.
pub(crate) fn registration(kind: &str, number: usize, payload_json: &str) -> String {
    let head = format!("{REGISTER_CALL}\"{kind}\",{number},");
    let mut script = String::with_capacity(head.len() + payload_json.len() + 64);
    script.push_str(&head);
    let mut rest = payload_json;
    while let Some(at) = rest.find(['\u{2028}', '\u{2029}']) {
        script.push_str(&rest[..at]);
        let separator = rest[at..]
            .chars()
            .next()
            .expect("a character was found here");
        script.push_str(&format!("\\u{:04x}", u32::from(separator)));
        rest = &rest[at + separator.len_utf8()..];
    }
    script.push_str(rest);
    script.push_str(");\n");
    script
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The kind, number and payload of a registration call, for tests to check files with.
    pub(crate) fn unwrap_registration(script: &str) -> (String, usize, serde_json::Value) {
        let inner = script
            .strip_prefix(REGISTER_CALL)
            .and_then(|s| s.strip_suffix(");\n"))
            .expect("a registration call");
        let (kind, rest) = inner.split_once(',').expect("a kind");
        let (number, payload) = rest.split_once(',').expect("a number");
        (
            serde_json::from_str(kind).expect("a JSON string kind"),
            number.parse().expect("a shard number"),
            serde_json::from_str(payload).expect("a JSON payload"),
        )
    }

    #[test]
    fn wraps_and_escapes_line_separators() {
        let script = registration("text", 2, "[\"a\u{2028}b\u{2029}\u{2029}c\"]");
        assert_eq!(
            script,
            "window.casebookSearch.register(\"text\",2,[\"a\\u2028b\\u2029\\u2029c\"]);\n"
        );
        let (kind, number, payload) = unwrap_registration(&script);
        assert_eq!((kind.as_str(), number), ("text", 2));
        assert_eq!(payload, serde_json::json!(["a\u{2028}b\u{2029}\u{2029}c"]));
    }
}
