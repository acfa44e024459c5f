//! JSON documents that are mostly one long list (`index.json`, `timeline.json`): hundreds of
//! megabytes on a large pack. Serialised into one growing string, such a document is copied
//! into fresh memory at every doubling; here its items are serialised side by side and kept
//! as pieces, which a one-off build writes one after another and a session joins into a
//! buffer of exactly the right size.

use rayon::prelude::*;
use serde::Serialize;

/// A JSON document held as its pieces: an opening, the list's items, a closing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonList {
    open: String,
    items: Vec<String>,
    close: String,
}

impl JsonList {
    /// The document's bytes in order (commas between the items included), unjoined.
    pub fn pieces(&self) -> Vec<&[u8]> {
        let mut pieces = Vec::with_capacity(2 * self.items.len() + 2);
        pieces.push(self.open.as_bytes());
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                pieces.push(b",");
            }
            pieces.push(item.as_bytes());
        }
        pieces.push(self.close.as_bytes());
        pieces
    }

    /// The whole document, in a buffer of exactly its size.
    pub fn into_string(self) -> String {
        String::from_utf8(self.pieces().concat()).expect("pieces of strings")
    }
}

/// `open`, then `items` as the elements of a JSON array (without the brackets, which belong
/// in `open` and `close`), then `close`: the bytes `serde_json::to_string` writes for the
/// same document, since a compact JSON array is its elements joined by commas.
pub fn json_list<T: Serialize>(
    open: &str,
    items: impl IndexedParallelIterator<Item = T>,
    close: &str,
) -> JsonList {
    JsonList {
        open: open.to_string(),
        items: items
            .map(|item| serde_json::to_string(&item).expect("list items serialise to JSON"))
            .collect(),
        close: close.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Serialize)]
    struct Entry<'a> {
        name: &'a str,
        quote: &'a str,
    }

    #[derive(Serialize)]
    struct Document<'a> {
        entries: Vec<Entry<'a>>,
    }

    fn entries(n: usize) -> Vec<Entry<'static>> {
        (0..n)
            .map(|i| Entry {
                name: ["Aleppo", "Idlib", "“Homs”"][i % 3],
                quote: "He said \"no\",\nthen left.",
            })
            .collect()
    }

    #[test]
    fn writes_what_serde_json_writes_for_the_whole_document() {
        for n in [0, 1, 2, 1000] {
            let whole = serde_json::to_string(&Document {
                entries: entries(n),
            })
            .unwrap();
            let listed = json_list(r#"{"entries":["#, entries(n).into_par_iter(), "]}");
            assert_eq!(listed.pieces().concat(), whole.as_bytes(), "{n} entries");
            assert_eq!(listed.into_string(), whole, "{n} entries");
        }
    }

    #[test]
    fn holds_no_spare_capacity() {
        let json = json_list("[", entries(500).into_par_iter(), "]").into_string();
        assert_eq!(json.capacity(), json.len());
    }
}
