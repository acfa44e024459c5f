//! JSON documents that are mostly one long list (`index.json`, `timeline.json`): hundreds of
//! megabytes on a large pack. Serialised into one growing string, such a document is copied
//! into fresh memory at every doubling; here its items are serialised side by side and
//! joined into a buffer of exactly the right size.

use rayon::prelude::*;
use serde::Serialize;

/// `open`, then `items` as the elements of a JSON array (without the brackets, which belong
/// in `open` and `close`), then `close`: the bytes `serde_json::to_string` writes for the
/// same document, since a compact JSON array is its elements joined by commas.
pub fn json_list<T: Serialize>(
    open: &str,
    items: impl IndexedParallelIterator<Item = T>,
    close: &str,
) -> String {
    let pieces: Vec<String> = items
        .map(|item| serde_json::to_string(&item).expect("list items serialise to JSON"))
        .collect();
    let commas = pieces.len().saturating_sub(1);
    let length = open.len() + pieces.iter().map(String::len).sum::<usize>() + commas + close.len();
    let mut json = String::with_capacity(length);
    json.push_str(open);
    for (i, piece) in pieces.iter().enumerate() {
        if i > 0 {
            json.push(',');
        }
        json.push_str(piece);
    }
    json.push_str(close);
    json
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
            assert_eq!(listed, whole, "{n} entries");
        }
    }

    #[test]
    fn holds_no_spare_capacity() {
        let json = json_list("[", entries(500).into_par_iter(), "]");
        assert_eq!(json.capacity(), json.len());
    }
}
