//! Tests of whole builds: the files written, their payloads, sharding and determinism, on
//! real briefing-pack text (`tests/fixtures/aleppo.json`) and on generated packs.

use std::collections::HashMap;

use serde::Deserialize;
use serde_json::Value;

use super::postings::tests::{Entry, decode};
use super::script::tests::unwrap_registration;
use super::{SearchConfig, SearchDocument, build_search_index};
use crate::markdown::Block;

#[derive(Deserialize)]
struct FixtureDoc {
    slug: String,
    url: String,
    title: String,
    kind: Option<String>,
    author: Option<String>,
    date_iso: Option<String>,
    date_label: Option<String>,
    terms: Vec<String>,
    paragraphs: Vec<(String, String)>,
    #[serde(skip)]
    blocks: Vec<Block>,
}

impl FixtureDoc {
    fn with_blocks(mut self) -> Self {
        self.blocks = self
            .paragraphs
            .iter()
            .map(|(id, text)| Block {
                id: id.clone(),
                text: text.clone(),
                offset: 0,
            })
            .collect();
        self
    }

    fn as_search(&self) -> SearchDocument<'_> {
        SearchDocument {
            slug: &self.slug,
            url: &self.url,
            title: &self.title,
            kind: self.kind.as_deref(),
            author: self.author.as_deref(),
            date_iso: self.date_iso.as_deref(),
            date_label: self.date_label.as_deref(),
            terms: &self.terms,
            paragraphs: &self.blocks,
        }
    }
}

fn aleppo() -> Vec<FixtureDoc> {
    let docs: Vec<FixtureDoc> =
        serde_json::from_str(include_str!("../../tests/fixtures/search/aleppo.json")).unwrap();
    docs.into_iter().map(FixtureDoc::with_blocks).collect()
}

/// A built index read back: every file's payload by path, plus lookups over them.
struct Built {
    payloads: HashMap<String, Value>,
}

impl Built {
    fn new(docs: &[FixtureDoc], config: &SearchConfig) -> Self {
        let search_docs: Vec<SearchDocument<'_>> = docs.iter().map(FixtureDoc::as_search).collect();
        let payloads = build_search_index(&search_docs, config)
            .into_files()
            .into_iter()
            .map(|(path, script)| {
                let (kind, number, payload) = unwrap_registration(&script);
                let expected = if kind == "index" {
                    "search/index.js".to_owned()
                } else {
                    format!("search/{kind}-{number}.js")
                };
                assert_eq!(path, expected);
                (path, payload)
            })
            .collect();
        Self { payloads }
    }

    fn index(&self) -> &Value {
        &self.payloads["search/index.js"]
    }

    /// Surface form → stem id, decoded from `words` and the delta-coded `stems`.
    fn dictionary(&self) -> HashMap<String, u32> {
        let index = self.index();
        let mut stem = 0;
        let words = index["words"].as_str().unwrap();
        let deltas = index["stems"].as_array().unwrap();
        words
            .split(' ')
            .filter(|w| !w.is_empty())
            .zip(deltas)
            .map(|(word, delta)| {
                stem += delta.as_i64().unwrap();
                (word.to_owned(), u32::try_from(stem).unwrap())
            })
            .collect()
    }

    fn postings(&self, surface: &str) -> Vec<Entry> {
        let stem = self.dictionary()[surface] as usize;
        let starts = self.index()["postingShards"].as_array().unwrap();
        let shard = starts
            .iter()
            .rposition(|s| s.as_u64().unwrap() as usize <= stem)
            .unwrap();
        let payload = &self.payloads[&format!("search/postings-{shard}.js")];
        let first = payload["first"].as_u64().unwrap() as usize;
        decode(payload["stems"][stem - first].as_str().unwrap())
    }
}

/// Slot of paragraph `i` (0-based), as `postings::Slot` numbers them.
fn paragraph(i: u32) -> u32 {
    4 + i
}

#[test]
fn a_small_pack_gives_one_file_of_each_kind() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    let mut paths: Vec<&str> = built.payloads.keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "search/index.js",
            "search/postings-0.js",
            "search/text-0.js"
        ]
    );
    let index = built.index();
    assert_eq!(index["version"], 1);
    assert_eq!(index["paragraphCount"], 4);
    assert_eq!(index["postingShards"], serde_json::json!([0]));
    assert_eq!(index["textShards"], serde_json::json!([0]));
}

#[test]
fn the_document_table_keeps_what_results_show() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    let docs = &built.index()["docs"];
    assert_eq!(docs[0][0], "hansard-2016-10-18-aleppo-bombings");
    assert_eq!(docs[0][1], "Aleppo Bombings");
    assert_eq!(docs[0][2], "debate");
    assert_eq!(docs[0][4], "2016-10-18");
    assert_eq!(docs[0][5], "18 October 2016");
    assert_eq!(docs[0][6].as_str().unwrap().len(), 3);
    assert_eq!(docs[0][8], serde_json::json!(["p3", "p6", "p7"]));
    assert_eq!(docs[1][2], "letter");
    assert_eq!(docs[1][8], serde_json::json!(["p5"]));
}

#[test]
fn texts_are_stored_per_document_for_snippets() {
    let docs = aleppo();
    let built = Built::new(&docs, &SearchConfig::default());
    let texts = &built.payloads["search/text-0.js"];
    assert_eq!(texts["first"], 0);
    assert_eq!(texts["docs"][0][1], docs[0].paragraphs[1].1.as_str());
    assert!(
        texts["docs"][0][1]
            .as_str()
            .unwrap()
            .contains("Majesty\u{2019}s")
    );
}

#[test]
fn the_dictionary_maps_surface_forms_to_shared_stems() {
    let dictionary = Built::new(&aleppo(), &SearchConfig::default()).dictionary();
    assert_eq!(dictionary["bombings"], dictionary["bombing"]);
    assert_eq!(dictionary["responsibility"], dictionary["responsible"]);
    assert_ne!(dictionary["lavrov"], dictionary["russia"]);
    assert!(dictionary.contains_key("majesty"), "possessive folded away");
    assert!(!dictionary.contains_key("majestys"));
    for stop_word in ["the", "to", "of", "is"] {
        assert!(!dictionary.contains_key(stop_word), "{stop_word}");
    }
}

#[test]
fn the_word_list_is_sorted_for_binary_search() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    let words: Vec<&str> = built.index()["words"]
        .as_str()
        .unwrap()
        .split(' ')
        .collect();
    assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted and unique");
}

#[test]
fn postings_land_on_paragraphs_with_positions() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    assert_eq!(built.postings("lavrov"), [(0, paragraph(0), vec![5])]);
    let bomb = built.postings("bombing");
    assert_eq!(bomb[0], (0, 0, vec![1]), "the title is slot 0");
    assert_eq!(bomb[1].1, paragraph(0));
    let crime = built.postings("crime");
    assert_eq!(crime, [(1, paragraph(0), vec![22])]);
}

#[test]
fn positions_support_phrases_across_stop_words() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    let responsibility = built.postings("responsibility");
    let protect = built.postings("protect");
    let phrase_starts: Vec<(u32, u32, u32)> = responsibility
        .iter()
        .flat_map(|(doc, slot, positions)| positions.iter().map(move |p| (*doc, *slot, *p)))
        .filter(|&(doc, slot, p)| {
            protect
                .iter()
                .any(|(d, s, ps)| (*d, *s) == (doc, slot) && ps.contains(&(p + 2)))
        })
        .collect();
    assert_eq!(phrase_starts.len(), 2);
    assert!(
        phrase_starts
            .iter()
            .all(|&(doc, slot, _)| (doc, slot) == (0, paragraph(1)))
    );
    assert!(
        responsibility
            .iter()
            .any(|(_, slot, _)| *slot == paragraph(2)),
        "\"responsible\" in p7 shares the stem but is no phrase match"
    );
}

#[test]
fn index_terms_are_a_gap_apart() {
    let built = Built::new(&aleppo(), &SearchConfig::default());
    assert!(built.postings("syria").contains(&(0, 3, vec![0])));
    assert_eq!(built.postings("nations")[0], (0, 3, vec![102]));
}

#[test]
fn unindexed_fields_are_left_out() {
    let config = SearchConfig {
        fields: vec!["title".to_owned()],
        ..SearchConfig::default()
    };
    let built = Built::new(&aleppo(), &config);
    let dictionary = built.dictionary();
    assert!(dictionary.contains_key("aleppo"));
    assert!(!dictionary.contains_key("lavrov"));
    assert!(!dictionary.contains_key("debate"));
    assert_eq!(built.index()["docs"][0][6].as_str().unwrap().len(), 3);
}

#[test]
fn a_disabled_index_writes_nothing() {
    let config = SearchConfig {
        enabled: false,
        ..SearchConfig::default()
    };
    let docs = aleppo();
    let search_docs: Vec<SearchDocument<'_>> = docs.iter().map(FixtureDoc::as_search).collect();
    assert!(
        build_search_index(&search_docs, &config)
            .into_files()
            .is_empty()
    );
}

#[test]
fn an_empty_pack_still_gives_a_valid_index() {
    let built = Built::new(&[], &SearchConfig::default());
    assert_eq!(built.payloads.len(), 1);
    assert_eq!(built.index()["words"], "");
    assert_eq!(built.index()["postingShards"], serde_json::json!([]));
}

/// A pack of `count` documents of made-up words, large enough to need several shards.
fn generated(count: usize) -> Vec<FixtureDoc> {
    let mut seed = 0x2545_F491_u64;
    let mut word = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        format!("w{}", seed % 5000)
    };
    (0..count)
        .map(|d| FixtureDoc {
            slug: format!("doc-{d}"),
            url: format!("documents/doc-{d}/"),
            title: format!("Document {d}"),
            kind: Some("letter".to_owned()),
            author: None,
            date_iso: None,
            date_label: None,
            terms: Vec::new(),
            paragraphs: (1..=6)
                .map(|p| {
                    (
                        format!("p{p}"),
                        (0..60).map(|_| word()).collect::<Vec<_>>().join(" "),
                    )
                })
                .collect(),
            blocks: Vec::new(),
        })
        .map(FixtureDoc::with_blocks)
        .collect()
}

/// A pack of `count` documents of short paragraphs in which a few words are common (each
/// about one word in sixteen) and the rest rare, so that the common words get leads.
fn common_words(count: usize) -> Vec<FixtureDoc> {
    const COMMON: [&str; 5] = ["water", "rationing", "border", "harbour", "council"];
    let mut seed = 0x9E37_79B9_u64;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let mut word = move || match next() % 48 {
        n @ 0..=14 => COMMON[(n / 3) as usize].to_owned(),
        n => format!("w{}", (n * 7919 + next() % 3000) % 3000),
    };
    (0..count)
        .map(|d| FixtureDoc {
            slug: format!("doc-{d}"),
            url: format!("documents/doc-{d}/"),
            title: if d % 9 == 0 {
                format!("Water {d}")
            } else {
                format!("Document {d}")
            },
            kind: Some(if d % 2 == 0 { "letter" } else { "debate" }.to_owned()),
            author: None,
            date_iso: None,
            date_label: None,
            terms: Vec::new(),
            paragraphs: (1..=5)
                .map(|p| {
                    let words: Vec<String> = (0..4 + (d + p) % 7).map(|_| word()).collect();
                    (format!("p{p}"), words.join(" "))
                })
                .collect(),
            blocks: Vec::new(),
        })
        .map(FixtureDoc::with_blocks)
        .collect()
}

#[test]
fn common_words_carry_the_paragraph_a_search_for_them_shows_first() {
    let docs = common_words(120);
    let built = Built::new(&docs, &SearchConfig::default());
    let dictionary = built.dictionary();
    let leads: Vec<&Value> = (built.payloads.iter())
        .filter(|(path, _)| path.starts_with("search/postings-"))
        .flat_map(|(_, payload)| payload["leads"].as_array().unwrap())
        .collect();
    let stems: Vec<u64> = leads.iter().map(|l| l[0].as_u64().unwrap()).collect();
    for word in ["water", "rationing", "border", "harbour", "council"] {
        assert!(
            stems.contains(&u64::from(dictionary[word])),
            "{word} has a lead"
        );
    }
    let rare: Vec<u64> = (dictionary.iter())
        .filter(|(word, _)| word.starts_with('w') && word[1..].parse::<u32>().is_ok())
        .map(|(_, &stem)| u64::from(stem))
        .collect();
    assert!(
        stems.iter().all(|stem| !rare.contains(stem)),
        "rare words have none"
    );
    assert!(
        stems.contains(&u64::from(dictionary["document"])),
        "and a common title word has one too"
    );
    for lead in leads {
        let (doc, paragraph) = (
            lead[1].as_u64().unwrap() as usize,
            lead[2].as_u64().unwrap() as usize,
        );
        assert_eq!(lead[3], docs[doc].paragraphs[paragraph].1.as_str());
    }
}

#[test]
fn larger_packs_are_split_into_shards_that_cover_everything() {
    let docs = generated(400);
    let search_docs: Vec<SearchDocument<'_>> = docs.iter().map(FixtureDoc::as_search).collect();
    let files = build_search_index(&search_docs, &SearchConfig::default()).into_files();
    let built = Built::new(&docs, &SearchConfig::default());
    let index = built.index();
    let posting_shards = index["postingShards"].as_array().unwrap().len();
    let text_shards = index["textShards"].as_array().unwrap().len();
    assert!(
        posting_shards > 1 && text_shards > 1,
        "{posting_shards} {text_shards}"
    );
    for (path, script) in &files {
        if path != "search/index.js" {
            assert!(script.len() < 300_000, "{path}: {}", script.len());
        }
    }
    let stems = built.dictionary().values().max().copied().unwrap() as usize + 1;
    let covered: usize = (0..posting_shards)
        .map(|n| {
            built.payloads[&format!("search/postings-{n}.js")]["stems"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(covered, stems);
    let documents: usize = (0..text_shards)
        .map(|n| {
            built.payloads[&format!("search/text-{n}.js")]["docs"]
                .as_array()
                .unwrap()
                .len()
        })
        .sum();
    assert_eq!(documents, 400);
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    let docs = generated(50);
    let search_docs: Vec<SearchDocument<'_>> = docs.iter().map(FixtureDoc::as_search).collect();
    let first = build_search_index(&search_docs, &SearchConfig::default());
    let second = build_search_index(&search_docs, &SearchConfig::default());
    assert_eq!(first.into_files(), second.into_files());
}

/// The indexes of `tests/fixtures/search/aleppo.json` and of [`common_words`] are checked in
/// under `tests/fixtures/search/site/` and `common-words-site/`, where the search client's
/// Node tests (`tests/js/`) load them; this fails when they are stale. Refresh them with
/// `CASEBOOK_UPDATE_FIXTURES=1 cargo test --lib search`.
#[test]
fn the_browser_fixtures_match_the_current_build() {
    check_fixture("site", &aleppo());
    check_fixture("common-words-site", &common_words(120));
}

fn check_fixture(name: &str, docs: &[FixtureDoc]) {
    let site = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/search")
        .join(name);
    let search_docs: Vec<SearchDocument<'_>> = docs.iter().map(FixtureDoc::as_search).collect();
    let update = std::env::var_os("CASEBOOK_UPDATE_FIXTURES").is_some();
    for (path, contents) in build_search_index(&search_docs, &SearchConfig::default()).into_files()
    {
        let target = site.join(&path);
        if update {
            std::fs::create_dir_all(target.parent().unwrap()).unwrap();
            std::fs::write(&target, &contents).unwrap();
        } else {
            let checked_in = std::fs::read_to_string(&target).unwrap_or_default();
            assert!(
                checked_in == contents,
                "{name}/{path} is stale: run CASEBOOK_UPDATE_FIXTURES=1 cargo test --lib search"
            );
        }
    }
}
