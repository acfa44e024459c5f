//! The print edition, `/print/`: every document on one page, for printing and PDFs.

use std::collections::BTreeSet;

use crate::harness::{TestPack, blocks};
use crate::html_checks::{Reading, broken_links, duplicate_ids, ids};

const SLUGS: [&str; 3] = [
    "hansard-2016-10-18-aleppo-bombings",
    "mp-reply-aleppo-november-2016",
    "benn-letter-2017-01",
];

#[test]
fn the_print_edition_has_every_document_in_order_with_contents() {
    let pack = TestPack::sample();
    pack.build_ok();
    let html = pack.output("print/index.html");
    assert!(html.contains("<title>Print edition · Aleppo 2016: the siege in the record</title>"));
    let toc =
        &html[html.find("class=\"print-toc\"").unwrap()..html.find("</nav>\n  </header>").unwrap()];
    let mut last = 0;
    for slug in SLUGS {
        assert!(
            toc.contains(&format!("href=\"#doc-{slug}\"")),
            "the contents list {slug}"
        );
        let at = html
            .find(&format!("<section class=\"print-part\" id=\"doc-{slug}\""))
            .unwrap_or_else(|| panic!("{slug} is not in the print edition"));
        assert!(at > last, "documents are in pack order");
        last = at;
        let page = pack.output(&format!("documents/{slug}/index.html"));
        let paragraphs = blocks(&page);
        assert!(!paragraphs.is_empty());
        for (id, inner) in paragraphs {
            let n = id.trim_start_matches('p');
            assert!(html.contains(&format!("id=\"doc-{slug}-{id}\"")));
            assert!(inner.contains(&format!("¶{n}")), "the ¶ number is kept");
        }
    }
    let timeline = html.find("id=\"timeline\"").unwrap();
    let topics = html.find("id=\"topics\"").unwrap();
    assert!(
        last < timeline && timeline < topics,
        "the timeline and the index come last"
    );
    assert!(
        html.contains("href=\"#doc-hansard-2016-10-18-aleppo-bombings-p3\""),
        "locators point within the page"
    );
    assert!(
        duplicate_ids(&html).is_empty(),
        "{:?}",
        duplicate_ids(&html)
    );
    let site = pack.output_tree();
    let problems = broken_links(&site, Reading::Hosted);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_print_stylesheet_makes_a4_pages_and_every_page_links_to_the_edition() {
    let pack = TestPack::sample();
    pack.build_ok();
    let css = pack.output("style.css");
    assert!(css.contains("@page { size: A4;"));
    assert!(css.contains("break-before: page"));
    assert!(
        css.contains("a[href^=\"http\"]::after"),
        "source addresses are printed"
    );
    for page in [
        "index.html",
        "timeline/index.html",
        "documents/mp-reply-aleppo-november-2016/index.html",
    ] {
        assert!(
            pack.output(page).contains("print/\">Print edition</a>"),
            "{page}"
        );
    }
    let sections: BTreeSet<String> = ids(&pack.output("print/index.html")).into_iter().collect();
    assert!(sections.contains("print-toc-heading"));
}

#[test]
fn a_theme_without_a_print_template_has_no_print_edition() {
    let pack = TestPack::sample();
    pack.write("config.toml", "title = \"T\"\ntheme = \"mine\"\n");
    let repo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    for entry in walkdir::WalkDir::new(&repo) {
        let entry = entry.unwrap();
        let relative = entry
            .path()
            .strip_prefix(&repo)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        if entry.file_type().is_file() && relative != "templates/print.html" {
            pack.write_bytes(
                &format!("themes/mine/{relative}"),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
    }
    pack.build_ok();
    assert!(pack.path("public/index.html").exists());
    assert!(!pack.path("public/print/index.html").exists());
}

/// The default template only shows each part, so it runs with markers in place of the parts'
/// HTML; these templates do more with it and must see the HTML itself.
#[test]
fn a_print_template_that_uses_the_parts_html_sees_the_html_itself() {
    let repeated = "{% extends \"base.html\" %}{% block main %}{% for doc in documents %}<section id=\"{{ doc.anchor }}\">{{ doc.html | safe }}</section><section>{{ doc.html | safe }}</section>{% endfor %}{% endblock main %}";
    let measured = "{% extends \"base.html\" %}{% block main %}{% for doc in documents %}<section id=\"{{ doc.anchor }}\" data-length=\"{{ doc.html | length }}\">{{ doc.html | safe }}</section>{% endfor %}{% endblock main %}";
    let pack = TestPack::sample();
    pack.build_ok();
    let default = pack.output("print/index.html");
    assert!(
        !default.contains("<!--casebook-part:"),
        "markers are spliced"
    );
    let part = |html: &str, slug: &str| {
        let open = format!("<section class=\"print-part\" id=\"doc-{slug}\" aria-label=\"");
        let start = html.find(&open).unwrap();
        let start = start + html[start..].find(">\n").unwrap() + 2;
        html[start..start + html[start..].find("\n  </section>").unwrap()].to_string()
    };
    let slug = SLUGS[1];
    let expected = part(&default, slug);
    assert!(expected.contains(&format!("id=\"doc-{slug}-p1\"")));

    pack.write("templates/print.html", repeated);
    pack.build_ok();
    let html = pack.output("print/index.html");
    assert!(!html.contains("<!--casebook-part:"));
    assert_eq!(html.matches(&expected).count(), 2, "each part shown twice");

    pack.write("templates/print.html", measured);
    pack.build_ok();
    let html = pack.output("print/index.html");
    assert!(!html.contains("<!--casebook-part:"));
    let length = expected.chars().count();
    assert!(
        html.contains(&format!("data-length=\"{length}\">{expected}</section>")),
        "the length is the part's, not a marker's"
    );
}
