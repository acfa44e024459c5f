//! The topic index as published: pages, locators and index.json.

use crate::harness::{TestPack, blocks, decode_entities};

fn index_json(pack: &TestPack) -> serde_json::Value {
    serde_json::from_str(&pack.output("index.json")).expect("index.json is JSON")
}

fn term<'a>(index: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    index["terms"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == name)
        .unwrap_or_else(|| panic!("no term {name}"))
}

#[test]
fn every_locator_really_mentions_its_term() {
    let pack = TestPack::sample();
    pack.build_ok();
    let index = index_json(&pack);
    let mut checked = 0;
    for term in index["terms"].as_array().unwrap() {
        for mention in term["mentions"].as_array().unwrap() {
            let url = mention["url"].as_str().unwrap();
            let (page, anchor) = url.split_once('#').unwrap();
            let html = pack.output(&format!("{page}index.html"));
            let block = blocks(&html)
                .into_iter()
                .find(|(id, _)| id == anchor)
                .unwrap_or_else(|| panic!("{url} has no paragraph"));
            let text = decode_entities(&block.1.replace("<br>\n", " "));
            let sentence = mention["text"].as_str().unwrap().trim_matches('…');
            let probe: String = sentence.chars().take(40).collect();
            assert!(
                text.contains(&probe),
                "{url}: {probe:?} not in the paragraph"
            );
            checked += 1;
        }
    }
    assert!(checked > 80, "only {checked} mentions");
}

#[test]
fn the_index_page_lists_locators_down_to_the_paragraph() {
    let pack = TestPack::sample();
    pack.build_ok();
    let page = pack.output("topics/index.html");
    let icc = page
        .split("id=\"organisations-international-criminal-court\"")
        .nth(1)
        .unwrap()
        .split("</li>")
        .next()
        .unwrap();
    assert!(icc.contains(">Hansard, 18 Oct 2016</a>"), "{icc}");
    assert!(
        icc.contains("href=\"../documents/hansard-2016-10-18-aleppo-bombings/#p7\">¶7</a>"),
        "{icc}"
    );
    assert!(
        icc.contains("href=\"../documents/mp-reply-aleppo-november-2016/#p5\">¶5</a>"),
        "{icc}"
    );
    assert!(page.contains("<h2 id=\"people-heading\">People</h2>"));
}

#[test]
fn term_pages_show_mentions_in_context_with_related_terms() {
    let pack = TestPack::sample();
    pack.build_ok();
    let russia = pack.output("topics/places/russia/index.html");
    assert!(
        russia.contains("found that <mark>Russia</mark>’s use of chemical weapons"),
        "curly possessive"
    );
    assert!(russia.contains("href=\"../../../documents/hansard-2016-10-18-aleppo-bombings/#p4\""));
    assert!(russia.contains("Discussed together with"));
    let lavrov = pack.output("topics/people/sergey-lavrov/index.html");
    assert!(lavrov.contains("<mark>Lavrov</mark> in New York"));
}

#[test]
fn document_pages_link_their_terms() {
    let pack = TestPack::sample();
    pack.build_ok();
    let benn = pack.output("documents/benn-letter-2017-01/index.html");
    assert!(benn.contains("<a href=\"../../topics/places/idlib/\">Idlib</a>"));
    assert!(benn.contains("In the topic index"));
    assert!(benn.contains("<a href=\"../../topics/people/staffan-de-mistura/\">Staffan de Mistura</a> <span class=\"count\">(1)</span>"));
}

#[test]
fn index_json_has_terms_with_aliases_and_mentions() {
    let pack = TestPack::sample();
    pack.build_ok();
    let index = index_json(&pack);
    let russia = term(&index, "Russia");
    assert_eq!(russia["taxonomy"], "places");
    assert!(
        russia["aliases"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "Russian")
    );
    let mentions = russia["mentions"].as_array().unwrap();
    assert!(
        mentions
            .iter()
            .any(|m| m["url"] == "documents/hansard-2016-10-18-aleppo-bombings/#p4")
    );
    let icc = term(&index, "International Criminal Court");
    let urls: Vec<&str> = icc["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "documents/hansard-2016-10-18-aleppo-bombings/#p7",
            "documents/mp-reply-aleppo-november-2016/#p5"
        ]
    );
}

#[test]
fn custom_taxonomies_come_from_config_and_front_matter() {
    let pack = TestPack::new();
    pack.write(
        "config.toml",
        "title = \"T\"\n[topics]\ntaxonomies = [\"topics\", \"legislation\"]\n",
    );
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ntopics = [\"Sanctions\"]\n[taxonomies]\nlegislation = [\"Magnitsky Act\"]\n+++\nText.\n",
    );
    pack.build_ok();
    let page = pack.output("documents/a/index.html");
    assert!(page.contains("<dt>Legislation</dt>"));
    assert!(page.contains("href=\"../../topics/legislation/magnitsky-act/\""));
    assert!(
        pack.output("topics/legislation/magnitsky-act/index.html")
            .contains("Magnitsky Act")
    );
}

#[test]
fn a_term_in_an_unconfigured_taxonomy_is_an_error_naming_the_document() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n[taxonomies]\nlaws = [\"X\"]\n+++\n",
    );
    let run = pack.run(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("content/a.md"), "{}", run.stderr());
    assert!(run.stderr().contains("taxonomy `laws`"), "{}", run.stderr());
}

#[test]
fn vocabulary_errors_name_the_term_file_and_line() {
    let pack = TestPack::new();
    pack.write("content/a.md", "+++\ntitle = \"A\"\n+++\nText.\n");
    pack.write(
        "index.toml",
        "[[terms]]\nname = \"Russia\"\ntaxonomy = \"places\"\naliases = [\"Moscow\"]\n\n[[terms]]\nname = \"Kremlin\"\ntaxonomy = \"organisations\"\naliases = [\"Moscow\"]\nsee_also = [\"Nowhere\"]\n",
    );
    let run = pack.run(&["build"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("index.toml:9:"), "{err}");
    assert!(err.contains("Moscow"), "{err}");
    assert!(err.contains("Nowhere"), "{err}");
}

#[test]
fn a_term_page_lists_its_first_events_and_counts_the_rest_by_year() {
    let pack = TestPack::new();
    pack.write(
        "index.toml",
        "[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"places\"\n",
    );
    // 40 events in paragraphs that mention Aleppo: 25 in 2015 and 15 in 2016.
    let paragraphs: Vec<String> = (0..40)
        .map(|i| {
            let (day, year) = if i < 25 {
                (i + 1, 2015)
            } else {
                (i - 24, 2016)
            };
            format!("Shelling in Aleppo was reported on {day} March {year}.")
        })
        .collect();
    pack.write(
        "content/a.md",
        &format!(
            "+++\ntitle = \"A\"\ndate = 2017-01-01\n+++\n{}\n",
            paragraphs.join("\n\n")
        ),
    );
    pack.build_ok();
    let page = pack.output("topics/places/aleppo/index.html");
    let section = &page[page.find("id=\"events-heading\"").expect("events section")..];
    let section = &section[..section.find("</section>").unwrap()];
    assert_eq!(
        section.matches("Shelling in Aleppo").count(),
        30,
        "{section}"
    );
    assert!(section.contains("The first 30 of 40 events."), "{section}");
    assert!(section.contains("1 March 2015"));
    assert!(
        !section.contains("15 March 2016"),
        "the 40th event is not listed"
    );
    assert!(
        section.contains(
            "href=\"../../../timeline/?topic=places/aleppo#y2015-heading\">2015</a> <span class=\"count\">(25)</span>"
        ),
        "{section}"
    );
    assert!(section.contains("#y2016-heading\">2016</a> <span class=\"count\">(15)</span>"));
    let timeline = pack.output("timeline/index.html");
    assert!(
        timeline.contains("<option value=\"places/aleppo\">"),
        "the filter the link names exists"
    );
}
