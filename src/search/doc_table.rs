//! The document table in `search/index.js`: what the browser needs to filter, rank and show
//! a result before any text shard is loaded. One JSON array per document:
//!
//! ```text
//! [slug, title, kind, author, date_iso, date_label, lengths, url?, paragraph_ids?]
//! ```
//!
//! Missing values are `null`. `lengths` has one character per paragraph coding its word
//! count (see [`length_code`]); its length is the paragraph count. `url` is given only when
//! it is not `documents/<slug>/`, and `paragraph_ids` only when the ids are not
//! `p1`, `p2`, … in order; trailing omitted values are dropped.

use serde_json::{Value, json};

use super::document::SearchDocument;

/// 64 characters that need no escaping in JSON; `static/search.js` has the same list.
const LENGTH_DIGITS: &[u8; 64] =
    b"0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/// The table entry of one document, given its paragraphs' word counts.
pub(crate) fn doc_entry(doc: &SearchDocument<'_>, lengths: &[u32]) -> Value {
    let text = |s: Option<&str>| s.map_or(Value::Null, |s| Value::String(s.to_owned()));
    let mut entry = vec![
        Value::String(doc.slug.to_owned()),
        Value::String(doc.title.to_owned()),
        text(doc.kind),
        text(doc.author),
        text(doc.date_iso),
        text(doc.date_label),
        Value::String(lengths.iter().map(|&n| length_code(n)).collect()),
    ];
    let url = (doc.url != format!("documents/{}/", doc.slug)).then(|| json!(doc.url));
    let standard_ids = doc
        .paragraphs
        .iter()
        .enumerate()
        .all(|(i, block)| block.id == format!("p{}", i + 1));
    let ids =
        (!standard_ids).then(|| Value::Array(doc.paragraphs.iter().map(|b| json!(b.id)).collect()));
    if url.is_some() || ids.is_some() {
        entry.push(url.unwrap_or(Value::Null));
    }
    entry.extend(ids);
    Value::Array(entry)
}

/// A paragraph's word count in one character: four steps per doubling, which is precise
/// enough for length normalisation and keeps the table to a byte per paragraph. Integer
/// arithmetic only, so every platform writes the same bytes. The browser decodes code `c`
/// as `(4 + c % 4) × 2^(c / 4 − 2) − 1`.
pub(crate) fn length_code(words: u32) -> char {
    let v = words.saturating_add(1).min(0xFFFF);
    let exponent = 31 - v.leading_zeros();
    let fraction = ((v << 2) >> exponent) & 3;
    char::from(LENGTH_DIGITS[(4 * exponent + fraction) as usize])
}

/// The word count the browser reads from [`length_code`]`(words)`:
/// `(4 + c % 4) × 2^(c / 4 − 2) − 1`, exactly as `static/search.js` works it out, so that
/// lengths used in ranking here (see `lead`) are the browser's.
pub(crate) fn coded_length(words: u32) -> f64 {
    let code = length_code(words);
    let c = LENGTH_DIGITS
        .iter()
        .position(|&d| char::from(d) == code)
        .expect("a length digit") as i32;
    f64::from(4 + c % 4) * 2f64.powi(c / 4 - 2) - 1.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::markdown::Block;

    #[test]
    fn length_codes_round_trip_within_a_fifth() {
        for words in [0, 1, 2, 3, 7, 40, 100, 333, 5000, 70000] {
            let decoded = coded_length(words);
            let expected = f64::from(words.min(0xFFFE));
            assert!(
                (decoded - expected).abs() <= expected * 0.2 + 0.01,
                "{words} → {decoded}"
            );
        }
        assert_eq!(length_code(0), '0');
        assert_eq!(length_code(u32::MAX), '_');
    }

    fn block(id: &str) -> Block {
        Block {
            id: id.to_owned(),
            text: String::new(),
            offset: 0,
        }
    }

    fn doc<'a>(url: &'a str, paragraphs: &'a [Block]) -> SearchDocument<'a> {
        SearchDocument {
            slug: "a-letter",
            url,
            title: "A Letter",
            kind: Some("letter"),
            author: None,
            date_iso: Some("2016-11"),
            date_label: Some("November 2016"),
            terms: &[],
            paragraphs,
        }
    }

    #[test]
    fn standard_urls_and_ids_are_left_out() {
        let paragraphs = [block("p1"), block("p2")];
        let entry = doc_entry(&doc("documents/a-letter/", &paragraphs), &[0, 100]);
        assert_eq!(
            entry,
            json!([
                "a-letter",
                "A Letter",
                "letter",
                null,
                "2016-11",
                "November 2016",
                "0Q"
            ])
        );
    }

    #[test]
    fn unusual_urls_and_ids_are_kept() {
        let paragraphs = [block("p5")];
        let entry = doc_entry(&doc("documents/a-letter/", &paragraphs), &[3]);
        assert_eq!(entry[7], Value::Null);
        assert_eq!(entry[8], json!(["p5"]));
        let entry = doc_entry(&doc("letters/a/", &paragraphs), &[3]);
        assert_eq!(entry[7], json!("letters/a/"));
        assert_eq!(entry[8], json!(["p5"]));
        let standard = [block("p1")];
        let entry = doc_entry(&doc("letters/a/", &standard), &[3]);
        assert_eq!(entry.as_array().unwrap().len(), 8);
    }
}
