//! Builds the search index of `tests/fixtures/search/aleppo.json` (real Hansard and letter
//! text) into `tests/fixtures/search/site/search/`, where `tests/js/search.test.js` loads it.
//! The files are checked in so `node --test tests/js/` runs on its own; this test fails when
//! they are stale. Refresh them with
//! `CASEBOOK_UPDATE_FIXTURES=1 cargo test --test search_fixture`.

use std::fs;
use std::path::Path;

use casebook::markdown::Block;
use casebook::search::{SearchConfig, SearchDocument, build_search_index};
use serde::Deserialize;

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
}

#[test]
fn the_browser_fixture_matches_the_current_build() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/search");
    let json = fs::read_to_string(fixtures.join("aleppo.json")).unwrap();
    let docs: Vec<FixtureDoc> = serde_json::from_str(&json).unwrap();
    let blocks: Vec<Vec<Block>> = docs
        .iter()
        .map(|d| {
            d.paragraphs
                .iter()
                .map(|(id, text)| Block {
                    id: id.clone(),
                    text: text.clone(),
                    offset: 0,
                })
                .collect()
        })
        .collect();
    let search_docs: Vec<SearchDocument<'_>> = docs
        .iter()
        .zip(&blocks)
        .map(|(d, blocks)| SearchDocument {
            slug: &d.slug,
            url: &d.url,
            title: &d.title,
            kind: d.kind.as_deref(),
            author: d.author.as_deref(),
            date_iso: d.date_iso.as_deref(),
            date_label: d.date_label.as_deref(),
            terms: &d.terms,
            paragraphs: blocks,
        })
        .collect();
    let files = build_search_index(&search_docs, &SearchConfig::default()).files();
    let site = fixtures.join("site");
    let update = std::env::var_os("CASEBOOK_UPDATE_FIXTURES").is_some();
    for (path, contents) in files {
        let target = site.join(&path);
        if update {
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(&target, &contents).unwrap();
        } else {
            let checked_in = fs::read_to_string(&target).unwrap_or_default();
            assert!(
                checked_in == contents,
                "{path} is stale: run CASEBOOK_UPDATE_FIXTURES=1 cargo test --test js_fixture"
            );
        }
    }
}
