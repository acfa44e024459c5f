//! The sample pack: it builds, and it quotes its sources exactly.

use crate::harness::{TestPack, blocks, decode_entities};

/// Lines of the scraped seed texts that are web-page leftovers, not part of the documents.
const LEFTOVERS: [&str; 6] = [
    "Skip to main content",
    "Do you like this post?",
    "The Labour Party will place cookies",
    "Please read this to review the updates",
    "To find out more about these cookies",
    "Aleppo Bombings",
];

const SEEDS: [(&str, &str); 3] = [
    (
        "000_115d69394423587a.txt",
        "documents/mp-reply-aleppo-november-2016/index.html",
    ),
    (
        "001_d9f4369bb76684ab.txt",
        "documents/benn-letter-2017-01/index.html",
    ),
    (
        "002_3cda5aca45e3add8.txt",
        "documents/hansard-2016-10-18-aleppo-bombings/index.html",
    ),
];

fn seed_paragraphs(name: &str) -> Vec<String> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/seeds")
        .join(name);
    std::fs::read_to_string(path)
        .unwrap()
        .split("\n\n")
        .map(|p| p.trim_matches('\n').to_string())
        .filter(|p| !p.is_empty() && !LEFTOVERS.iter().any(|l| p.starts_with(l)))
        .collect()
}

#[test]
fn every_seed_paragraph_appears_verbatim_as_one_numbered_block() {
    let pack = TestPack::sample();
    pack.build_ok();
    for (seed, page) in SEEDS {
        let html = pack.output(page);
        let texts: Vec<String> = blocks(&html)
            .into_iter()
            .map(|(_, inner)| {
                let paragraph = inner
                    .split("<p>")
                    .nth(1)
                    .unwrap()
                    .split("</p>")
                    .next()
                    .unwrap();
                decode_entities(&paragraph.replace("<br>\n", "\n"))
            })
            .collect();
        let expected = seed_paragraphs(seed);
        assert_eq!(texts, expected, "{seed} → {page}");
    }
}

#[test]
fn web_page_leftovers_are_not_published() {
    let pack = TestPack::sample();
    pack.build_ok();
    for (_, page) in SEEDS {
        let html = pack.output(page);
        for leftover in &LEFTOVERS[..5] {
            assert!(!html.contains(leftover), "{page} contains {leftover:?}");
        }
    }
}

#[test]
fn paragraph_ids_are_sequential_and_linkable() {
    let pack = TestPack::sample();
    pack.build_ok();
    for (_, page) in SEEDS {
        let html = pack.output(page);
        let ids: Vec<String> = blocks(&html).into_iter().map(|(id, _)| id).collect();
        let expected: Vec<String> = (1..=ids.len()).map(|n| format!("p{n}")).collect();
        assert_eq!(ids, expected);
        for id in ids {
            assert!(
                html.contains(&format!("href=\"#{id}\"")),
                "{page} has no link to #{id}"
            );
        }
    }
}

#[test]
fn dates_are_shown_at_the_precision_known() {
    let pack = TestPack::sample();
    pack.build_ok();
    let benn = pack.output("documents/benn-letter-2017-01/index.html");
    assert!(benn.contains("<time datetime=\"2017-01\">January 2017</time>"));
    assert!(!benn.contains("1 January 2017"));
    assert!(benn.contains("Undated; inferred from the text"));
    let hansard = pack.output("documents/hansard-2016-10-18-aleppo-bombings/index.html");
    assert!(hansard.contains("<time datetime=\"2016-10-18\">18 October 2016</time>"));
    let mp = pack.output("documents/mp-reply-aleppo-november-2016/index.html");
    assert!(mp.contains("November 2016"));
}

#[test]
fn metadata_and_citations_render() {
    let pack = TestPack::sample();
    pack.build_ok();
    let benn = pack.output("documents/benn-letter-2017-01/index.html");
    assert!(benn.contains("<dd>Hilary Benn, MP for Leeds Central</dd>"));
    assert!(benn.contains("data-citation=\"Hilary Benn, MP for Leeds Central, letter,"));
    let hansard = pack.output("documents/hansard-2016-10-18-aleppo-bombings/index.html");
    assert!(hansard.contains("data-citation=\"HC Deb 18 October 2016, vol 615\""));
}

#[test]
fn front_page_lists_documents_by_date_and_pages_link_both_ways() {
    let pack = TestPack::sample();
    pack.build_ok();
    let index = pack.output("index.html");
    let order: Vec<usize> = [
        "Aleppo Bombings",
        "Reply to constituents on the humanitarian catastrophe",
        "Hilary Benn MP to constituents",
    ]
    .iter()
    .map(|title| {
        index
            .find(title)
            .unwrap_or_else(|| panic!("{title} missing"))
    })
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]), "not in date order");
    let mp = pack.output("documents/mp-reply-aleppo-november-2016/index.html");
    assert!(
        mp.contains("rel=\"prev\" href=\"../../documents/hansard-2016-10-18-aleppo-bombings/\"")
    );
    assert!(mp.contains("rel=\"next\" href=\"../../documents/benn-letter-2017-01/\""));
}

#[test]
fn links_are_relative_so_the_site_works_under_a_sub_path() {
    let pack = TestPack::sample();
    pack.build_ok();
    for (path, bytes) in pack.output_tree() {
        if !path.ends_with(".html") || path == "404.html" {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        for attr in ["href=\"/", "src=\"/"] {
            assert!(!html.contains(attr), "{path} has a root-absolute link");
        }
    }
}

#[test]
fn a_second_build_writes_nothing_and_output_is_deterministic() {
    let pack = TestPack::sample();
    pack.build_ok();
    let first = pack.output_tree();
    let run = pack.build_ok();
    assert!(run.stdout().contains("0 written"), "{}", run.stdout());
    assert_eq!(first, pack.output_tree());
}
