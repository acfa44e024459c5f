//! `casebook bundle --single-file`: the whole pack in one HTML file with nothing external.

use std::collections::BTreeSet;

use crate::harness::{TestPack, blocks};
use crate::html_checks::{duplicate_ids, ids, references};

fn single_file(pack: &TestPack) -> String {
    let path = pack.path("pack.html");
    let run = pack.run(&["bundle", "--single-file", path.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "bundle failed:\n{}", run.stderr());
    std::fs::read_to_string(path).unwrap()
}

/// The page's markup with the bodies of its inline scripts taken out, so text inside a
/// script (such as a comment quoting a tag) is not mistaken for markup; also the bodies.
fn split_scripts(html: &str) -> (String, Vec<&str>) {
    let mut markup = String::new();
    let mut bodies = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script>") {
        let body_start = start + "<script>".len();
        let end = rest[body_start..].find("</script>").expect("closed script") + body_start;
        markup.push_str(&rest[..body_start]);
        bodies.push(&rest[body_start..end]);
        rest = &rest[end..];
    }
    markup.push_str(rest);
    (markup, bodies)
}

#[test]
fn the_single_file_refers_to_no_other_file() {
    let pack = TestPack::sample();
    let (html, _) = split_scripts(&single_file(&pack));
    assert_eq!(
        html.matches("<link").count(),
        html.matches("<link rel=\"icon\" type=\"image/svg+xml\" href=\"data:")
            .count(),
        "stylesheets are inline, the icon a data: URI, feeds left out"
    );
    assert!(html.contains("<style>"));
    let ids: BTreeSet<String> = ids(&html).into_iter().collect();
    for (element, attribute, value) in references(&html) {
        match value.strip_prefix('#') {
            Some(id) => assert!(
                id.is_empty() || ids.contains(id),
                "<{element} {attribute}={value}> points to no id"
            ),
            None => assert!(
                (element == "a" && value.starts_with("https://"))
                    || (element == "link" && value.starts_with("data:image/svg+xml;base64,")),
                "<{element} {attribute}={value}> refers to another file"
            ),
        }
    }
    assert!(
        duplicate_ids(&html).is_empty(),
        "{:?}",
        duplicate_ids(&html)
    );
}

#[test]
fn the_single_file_holds_every_page_of_the_pack() {
    let pack = TestPack::sample();
    pack.build_ok();
    let html = single_file(&pack);
    assert_eq!(html.matches("<html").count(), 1);
    assert_eq!(html.matches("<main").count(), 1);
    for part in ["front", "timeline", "topics"] {
        assert!(html.contains(&format!("<section class=\"edition-part\" id=\"{part}\">")));
    }
    let slugs = [
        "hansard-2016-10-18-aleppo-bombings",
        "mp-reply-aleppo-november-2016",
        "benn-letter-2017-01",
    ];
    let mut last = 0;
    for slug in slugs {
        let at = html
            .find(&format!("id=\"doc-{slug}\""))
            .unwrap_or_else(|| panic!("no part for {slug}"));
        assert!(at > last, "documents are in pack order");
        last = at;
        let page = pack.output(&format!("documents/{slug}/index.html"));
        for (id, _) in blocks(&page) {
            let prefixed = format!("id=\"doc-{slug}-{id}\"");
            assert!(html.contains(&prefixed), "{prefixed} is missing");
            assert!(html.contains(&format!("href=\"#doc-{slug}-{id}\"")));
        }
        assert!(
            html.contains(&format!("<a href=\"#doc-{slug}\">")),
            "the front page links in place"
        );
    }
    assert!(html.find("id=\"timeline\"").unwrap() > last);
    assert!(html.contains("href=\"#timeline\""));
    assert!(
        html.contains("href=\"#topics-places-russia\""),
        "term links go to their index entry"
    );
    assert!(
        html.contains("<a href=\"#front\">Print edition</a>"),
        "the file is its own print edition"
    );
    let (markup, scripts) = split_scripts(&html);
    assert_eq!(
        scripts.len(),
        6,
        "casebook.js, search.js, timeline.js and the search index's three files"
    );
    assert!(scripts[1].contains("Casebook search"));
    assert!(scripts[2].contains("timeline filters"));
    assert!(
        scripts[3].starts_with("\nwindow.casebookSearch.register(\"index\""),
        "the index registers after the search script"
    );
    assert!(!markup.contains("<script src"));
    assert!(
        markup.contains("data-anchor-prefix=\"doc-\""),
        "results link in the page"
    );
}
