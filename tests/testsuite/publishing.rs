//! Files for hosting and reuse: the feed, sitemap, robots.txt, Open Graph meta and pack.json.

use crate::harness::TestPack;

#[test]
fn the_atom_feed_lists_dated_documents_newest_first() {
    let pack = TestPack::sample();
    pack.build_ok();
    let feed: atom_syndication::Feed = pack.output("atom.xml").parse().expect("valid Atom");
    let titles: Vec<&str> = feed.entries().iter().map(|e| e.title().as_str()).collect();
    assert_eq!(
        titles,
        [
            "Hilary Benn MP to constituents on the horror of Aleppo",
            "Reply to constituents on the humanitarian catastrophe in Aleppo",
            "Aleppo Bombings",
        ]
    );
    assert_eq!(
        feed.entries()[2].links()[0].href(),
        "documents/hansard-2016-10-18-aleppo-bombings/"
    );
}

#[test]
fn the_sitemap_needs_a_base_url_and_then_lists_every_page() {
    let pack = TestPack::sample();
    pack.build_ok();
    assert!(!pack.path("public/sitemap.xml").exists());
    assert_eq!(pack.output("robots.txt"), "User-agent: *\nAllow: /\n");
    let run = pack.run(&["build", "--base-url", "https://example.org/aleppo"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let sitemap = pack.output("sitemap.xml");
    assert!(sitemap.contains("<loc>https://example.org/aleppo/</loc>"));
    assert!(sitemap.contains(
        "<loc>https://example.org/aleppo/documents/hansard-2016-10-18-aleppo-bombings/</loc><lastmod>2016-10-18</lastmod>"
    ));
    assert!(
        pack.output("robots.txt")
            .contains("Sitemap: https://example.org/aleppo/sitemap.xml")
    );
    let feed: atom_syndication::Feed = pack.output("atom.xml").parse().unwrap();
    assert_eq!(
        feed.entries()[0].id(),
        "https://example.org/aleppo/documents/benn-letter-2017-01/"
    );
}

#[test]
fn pages_carry_description_and_open_graph_meta() {
    let pack = TestPack::sample();
    pack.run(&["build", "--base-url", "https://example.org/aleppo/"]);
    let html = pack.output("documents/benn-letter-2017-01/index.html");
    assert!(html.contains("<meta property=\"og:type\" content=\"article\">"));
    assert!(html.contains("<meta property=\"og:title\" content=\"Hilary Benn MP to constituents on the horror of Aleppo\">"));
    assert!(html.contains("<meta property=\"og:url\" content=\"https://example.org/aleppo/documents/benn-letter-2017-01/\">"));
    assert!(html.contains("<meta name=\"description\" content=\"Hilary Benn describes"));
}

#[test]
fn pack_json_has_every_paragraph_as_published() {
    let pack = TestPack::sample();
    pack.build_ok();
    let data: serde_json::Value = serde_json::from_str(&pack.output("pack.json")).unwrap();
    assert_eq!(data["title"], "Aleppo 2016: the siege in the record");
    let docs = data["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 3);
    let hansard = &docs[0];
    assert_eq!(hansard["slug"], "hansard-2016-10-18-aleppo-bombings");
    assert_eq!(hansard["date"], "2016-10-18");
    assert_eq!(hansard["date_precision"], "day");
    assert_eq!(hansard["extra"]["volume"], "615");
    let paragraphs = hansard["paragraphs"].as_array().unwrap();
    assert_eq!(paragraphs.len(), 9);
    assert_eq!(paragraphs[0]["id"], "p1");
    assert_eq!(
        paragraphs[0]["text"],
        "Volume 615: debated on Tuesday 18 October 2016"
    );
    assert_eq!(docs[2]["date"], "2017-01");
    assert_eq!(docs[2]["date_precision"], "month");
}

#[test]
fn every_page_carries_a_content_security_policy() {
    let pack = TestPack::sample();
    pack.build_ok();
    for (path, bytes) in pack.output_tree() {
        if path.ends_with(".html") {
            let html = String::from_utf8(bytes).unwrap();
            assert!(
                html.contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'self'; script-src 'self'; style-src 'self';"),
                "{path} has no policy"
            );
        }
    }
}
