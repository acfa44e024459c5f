//! `[output] minify = true`: smaller pages that keep every id, link and word.

use std::collections::BTreeSet;

use crate::harness::{TestPack, assert_same_tree};
use crate::html_checks::{Reading, broken_links, ids};

fn with_minify(pack: &TestPack) {
    let config = std::fs::read_to_string(pack.path("config.toml")).unwrap();
    pack.write(
        "config.toml",
        &format!("{config}\n[output]\nminify = true\n"),
    );
}

#[test]
fn a_minified_site_is_smaller_and_keeps_every_id_and_link() {
    let pack = TestPack::sample();
    pack.build_ok();
    let plain = pack.output_tree();
    with_minify(&pack);
    pack.build_ok();
    let minified = pack.output_tree();
    assert_eq!(
        plain.keys().collect::<Vec<_>>(),
        minified.keys().collect::<Vec<_>>(),
        "the same files"
    );
    let size = |tree: &std::collections::BTreeMap<String, Vec<u8>>, ext: &str| -> usize {
        tree.iter()
            .filter(|(p, _)| p.ends_with(ext))
            .map(|(_, b)| b.len())
            .sum()
    };
    assert!(size(&minified, ".html") < size(&plain, ".html") * 9 / 10);
    assert!(size(&minified, ".css") < size(&plain, ".css"));
    for (path, bytes) in plain.iter().filter(|(p, _)| p.ends_with(".html")) {
        let before: BTreeSet<String> = ids(&String::from_utf8_lossy(bytes)).into_iter().collect();
        let after: BTreeSet<String> = ids(&String::from_utf8_lossy(&minified[path]))
            .into_iter()
            .collect();
        assert_eq!(before, after, "{path} keeps its ids");
    }
    let page =
        String::from_utf8_lossy(&minified["documents/benn-letter-2017-01/index.html"]).into_owned();
    assert!(page.contains("id=p8"), "every ¶ id is there");
    assert!(page.contains("Many constituents have contacted me about the horror of Aleppo."));
    let problems = broken_links(&minified, Reading::Hosted);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(
        plain["timeline.json"], minified["timeline.json"],
        "data files are untouched"
    );
}

#[test]
fn minified_builds_are_reproducible_and_off_by_default() {
    let pack = TestPack::sample();
    pack.build_ok();
    assert!(
        pack.output("style.css").contains('\n'),
        "readable by default"
    );
    with_minify(&pack);
    pack.build_ok();
    let first = pack.output_tree();
    std::fs::remove_dir_all(pack.path("public")).unwrap();
    pack.build_ok();
    assert_same_tree(&pack.output_tree(), &first, "a second minified build");
}

#[test]
fn minified_bundles_still_work() {
    let pack = TestPack::sample();
    with_minify(&pack);
    let path = pack.path("pack.html");
    let run = pack.run(&["bundle", "--single-file", path.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let html = std::fs::read_to_string(path).unwrap();
    assert!(html.contains("id=doc-benn-letter-2017-01-p8"));
}
