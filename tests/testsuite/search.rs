//! The search index and page as published.

use crate::harness::TestPack;

#[test]
fn the_index_is_loaded_by_script_tags_and_every_page_has_the_box() {
    let pack = TestPack::sample();
    pack.build_ok();
    let index = pack.output("search/index.js");
    assert!(
        index.starts_with("window.casebookSearch"),
        "registered by a plain script"
    );
    assert!(index.contains("hansard-2016-10-18-aleppo-bombings"));
    assert!(
        pack.output("search/postings-0.js")
            .contains("register(\"postings\"")
    );
    assert!(pack.output("search/text-0.js").contains("Lavrov"));
    for page in [
        "index.html",
        "documents/benn-letter-2017-01/index.html",
        "timeline/index.html",
    ] {
        let html = pack.output(page);
        assert!(
            html.contains("<form class=\"search-form\" role=\"search\""),
            "{page}"
        );
        assert!(
            html.contains("<label for=\"search-q\">Search the pack</label>"),
            "{page}"
        );
        assert!(html.contains("search.js\" defer></script>"), "{page}");
    }
    let search = pack.output("search/index.html");
    assert!(search.contains("<noscript><p>Search needs JavaScript"));
    assert!(search.contains("value=\"debate\""));
    assert_eq!(
        search.matches("id=\"search-q\"").count(),
        1,
        "one search box on the search page"
    );
}

#[test]
fn search_can_be_turned_off() {
    let pack = TestPack::sample();
    let config = std::fs::read_to_string(pack.path("config.toml")).unwrap();
    pack.write(
        "config.toml",
        &format!("{config}\n[search]\nenabled = false\n"),
    );
    pack.build_ok();
    assert!(!pack.path("public/search").exists());
    assert!(!pack.output("index.html").contains("search-form"));
}

#[test]
fn unknown_search_fields_are_errors() {
    let pack = TestPack::sample();
    pack.write(
        "config.toml",
        "title = \"T\"\n[search]\nfields = [\"titel\"]\n",
    );
    let run = pack.run(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("config.toml:3:"), "{}", run.stderr());
}
