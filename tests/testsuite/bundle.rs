//! `casebook bundle --zip`: the site as a reproducible zip archive that works from file://.

use std::collections::BTreeMap;
use std::io::Read;

use crate::harness::TestPack;
use crate::html_checks::{Reading, broken_links, references};

/// The archive's files, by path inside it.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip archive");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut data = Vec::new();
            file.read_to_end(&mut data).unwrap();
            (file.name().unwrap().into_owned(), data)
        })
        .collect()
}

fn bundle(pack: &TestPack, name: &str) -> Vec<u8> {
    let path = pack.path(name);
    let run = pack.run(&["bundle", "--zip", path.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "bundle failed:\n{}", run.stderr());
    assert!(run.stdout().contains("files"), "{}", run.stdout());
    std::fs::read(path).unwrap()
}

/// The site inside the archive, with the top folder taken off.
fn site(bytes: &[u8], folder: &str) -> BTreeMap<String, Vec<u8>> {
    unzip(bytes)
        .into_iter()
        .map(|(name, data)| {
            let inner = name
                .strip_prefix(&format!("{folder}/"))
                .unwrap_or_else(|| panic!("{name} is outside {folder}/"));
            (inner.to_string(), data)
        })
        .collect()
}

#[test]
fn every_link_in_the_bundle_names_a_file_and_an_existing_paragraph() {
    let pack = TestPack::sample();
    let site = site(&bundle(&pack, "aleppo.zip"), "aleppo");
    for page in [
        "index.html",
        "documents/hansard-2016-10-18-aleppo-bombings/index.html",
        "timeline/index.html",
        "topics/index.html",
        "print/index.html",
        "404.html",
        "style.css",
        "casebook.js",
    ] {
        assert!(site.contains_key(page), "the bundle has no {page}");
    }
    let problems = broken_links(&site, Reading::Offline);
    assert!(
        problems.is_empty(),
        "broken links:\n{}",
        problems.join("\n")
    );
    let index = String::from_utf8_lossy(&site["index.html"]).into_owned();
    assert!(index.contains("href=\"documents/benn-letter-2017-01/index.html\""));
    let topics = String::from_utf8_lossy(&site["topics/index.html"]).into_owned();
    assert!(
        topics.contains("index.html#p"),
        "¶ locators name their file"
    );
    let not_found = String::from_utf8_lossy(&site["404.html"]).into_owned();
    assert!(
        not_found.contains("href=\"style.css\""),
        "the 404 page links relatively"
    );
}

#[test]
fn the_bundle_refers_to_nothing_absolute_or_remote() {
    let pack = TestPack::sample();
    let site = site(&bundle(&pack, "pack.zip"), "pack");
    for (path, bytes) in site.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for (element, attribute, value) in references(&html) {
            assert!(
                !value.starts_with('/'),
                "{path}: {attribute}={value} is absolute"
            );
            let remote = value.contains("://") || value.starts_with("//");
            // Sources are cited by their address: a link a reader may follow, never loaded.
            let source_link =
                element == "a" && html.contains(&format!("href=\"{value}\" rel=\"external"));
            assert!(
                !remote || source_link,
                "{path}: <{element} {attribute}={value}> refers to another host"
            );
        }
    }
    for script in ["casebook.js", "timeline.js"] {
        let js = String::from_utf8_lossy(&site[script]).into_owned();
        for network in ["fetch(", "XMLHttpRequest", "import(", "http"] {
            assert!(!js.contains(network), "{script} uses {network}");
        }
    }
}

#[test]
fn two_bundles_of_the_same_pack_are_byte_identical() {
    let pack = TestPack::sample();
    let first = bundle(&pack, "pack.zip");
    // Later, with the sources' modification times changed: nothing of the clock gets in.
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let source = "content/benn-letter-2017-01.txt";
    pack.write_bytes(source, &std::fs::read(pack.path(source)).unwrap());
    let second = bundle(&pack, "pack.zip");
    assert!(first == second, "two bundles differ");
    let names: Vec<String> = {
        let archive = zip::ZipArchive::new(std::io::Cursor::new(&second)).unwrap();
        archive
            .file_names()
            .map(|n| n.unwrap().into_owned())
            .collect()
    };
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "entries are in path order");
}

#[test]
fn bundling_needs_an_edition_and_leaves_the_site_alone() {
    let pack = TestPack::sample();
    let run = pack.run(&["bundle"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    bundle(&pack, "pack.zip");
    assert!(
        !pack.path("public").exists(),
        "bundle does not build public/"
    );
}

/// Regression: the two editions share one build session, and a page's fingerprint once left
/// out the single file's anchor prefix, so one edition could reuse the other's pages.
#[test]
fn both_editions_at_once_equal_each_made_alone() {
    let pack = TestPack::sample();
    std::fs::create_dir_all(pack.path("together")).unwrap();
    std::fs::create_dir_all(pack.path("alone")).unwrap();
    let path = |name: &str| pack.path(name).to_str().unwrap().to_string();
    let bundle = |args: &[&str]| {
        let run = pack.run(&[&["bundle"], args].concat());
        assert_eq!(run.code(), 0, "{}", run.stderr());
    };
    bundle(&[
        "--zip",
        &path("together/pack.zip"),
        "--single-file",
        &path("together/pack.html"),
    ]);
    bundle(&["--zip", &path("alone/pack.zip")]);
    bundle(&["--single-file", &path("alone/pack.html")]);
    let read = |name: &str| std::fs::read(pack.path(name)).unwrap();
    assert!(
        read("together/pack.zip") == read("alone/pack.zip"),
        "the zip depends on the other edition"
    );
    assert!(
        read("together/pack.html") == read("alone/pack.html"),
        "the single file depends on the other edition"
    );
}
