//! JSON documents that are mostly one long list (`index.json`, `timeline.json`, `pack.json`):
//! hundreds of megabytes on a large pack. Such a document is made a few megabytes at a time
//! (the items of each part serialised side by side), so a one-off build writes each part and
//! lets it go instead of holding the whole document, and a session joins the parts into a
//! buffer of exactly the right size.

use std::borrow::Cow;

use rayon::prelude::*;
use serde::Serialize;

/// About how many bytes of items a part holds: large enough that serialising a part keeps
/// both cores busy, small enough that a part in flight is nothing beside the pack.
const PART_BYTES: usize = 4 << 20;

/// How many items the first part holds, before their size is known.
const FIRST_PART_ITEMS: usize = 64;

/// A JSON document made part by part: an opening, the list's items, a closing.
pub struct JsonList<'a> {
    open: String,
    close: String,
    len: usize,
    item: Box<dyn Fn(usize) -> String + Sync + 'a>,
}

impl<'a> JsonList<'a> {
    /// The document's bytes in order (commas between the items included): the opening, then
    /// parts of about [`PART_BYTES`] of items, each made when asked for, then the closing.
    pub fn parts(&self) -> impl Iterator<Item = Cow<'_, [u8]>> + '_ {
        let mut next = 0;
        let mut items_per_part = FIRST_PART_ITEMS;
        let items = std::iter::from_fn(move || {
            if next == self.len {
                return None;
            }
            let end = (next + items_per_part).min(self.len);
            let part = self.items(next..end);
            items_per_part = (items_per_part * PART_BYTES / part.len().max(1)).max(1);
            next = end;
            Some(Cow::Owned(part))
        });
        std::iter::once(Cow::Borrowed(self.open.as_bytes()))
            .chain(items)
            .chain(std::iter::once(Cow::Borrowed(self.close.as_bytes())))
    }

    /// The items in `range`, serialised side by side and joined, each after a comma but the
    /// list's first.
    fn items(&self, range: std::ops::Range<usize>) -> Vec<u8> {
        let first = range.start;
        let items: Vec<String> = range.into_par_iter().map(&self.item).collect();
        let length = items.iter().map(|item| item.len() + 1).sum();
        let mut part = Vec::with_capacity(length);
        for (i, item) in items.iter().enumerate() {
            if first + i > 0 {
                part.push(b',');
            }
            part.extend_from_slice(item.as_bytes());
        }
        part
    }

    /// The whole document, in a buffer of exactly its size.
    pub fn into_string(self) -> String {
        String::from_utf8(join(self.parts())).expect("parts of strings")
    }
}

/// `parts` one after another, in a buffer of exactly their size.
pub fn join<'a>(parts: impl Iterator<Item = Cow<'a, [u8]>>) -> Vec<u8> {
    let parts: Vec<Cow<'a, [u8]>> = parts.collect();
    parts.concat()
}

/// `open`, then `view` of each of `items` (with its index) as the elements of a JSON array
/// (without the brackets, which belong in `open` and `close`), then `close`: the bytes
/// `serde_json::to_string` writes for the same document, since a compact JSON array is its
/// elements joined by commas.
pub fn json_list<'a, S: Sync, T: Serialize>(
    open: &str,
    items: &'a [S],
    view: impl Fn(usize, &'a S) -> T + Sync + 'a,
    close: &str,
) -> JsonList<'a> {
    JsonList {
        open: open.to_string(),
        close: close.to_string(),
        len: items.len(),
        item: Box::new(move |i| {
            serde_json::to_string(&view(i, &items[i])).expect("list items serialise to JSON")
        }),
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

    fn entry(i: usize) -> Entry<'static> {
        Entry {
            name: ["Aleppo", "Idlib", "“Homs”"][i % 3],
            quote: "He said \"no\",\nthen left.",
        }
    }

    #[test]
    fn writes_what_serde_json_writes_for_the_whole_document() {
        for n in [0, 1, 2, FIRST_PART_ITEMS, FIRST_PART_ITEMS + 1, 1000] {
            let whole = serde_json::to_string(&Document {
                entries: (0..n).map(entry).collect(),
            })
            .unwrap();
            let indices: Vec<usize> = (0..n).collect();
            let listed = json_list(r#"{"entries":["#, &indices, |_, &i| entry(i), "]}");
            assert_eq!(join(listed.parts()), whole.as_bytes(), "{n} entries");
            assert_eq!(listed.into_string(), whole, "{n} entries");
        }
    }

    #[test]
    fn items_come_with_their_index() {
        let letters = ["a", "b", "c"];
        let listed = json_list("[", &letters, |i, letter| format!("{i}{letter}"), "]");
        assert_eq!(listed.into_string(), r#"["0a","1b","2c"]"#);
    }

    #[test]
    fn a_long_list_comes_in_parts_of_a_few_megabytes() {
        let long = "x".repeat(10_000);
        let items = vec![long.as_str(); 2_000];
        let listed = json_list("[", &items, |_, s| *s, "]");
        let sizes: Vec<usize> = listed.parts().map(|part| part.len()).collect();
        assert_eq!(sizes.iter().sum::<usize>(), 2_000 * 10_002 + 1_999 + 2);
        assert!(sizes.len() > 4, "{} parts", sizes.len());
        assert!(
            sizes.iter().all(|&size| size <= 2 * PART_BYTES),
            "{sizes:?}"
        );
    }

    #[test]
    fn holds_no_spare_capacity() {
        let indices: Vec<usize> = (0..500).collect();
        let json = json_list("[", &indices, |_, &i| entry(i), "]").into_string();
        assert_eq!(json.capacity(), json.len());
    }
}
