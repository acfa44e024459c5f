//! The timeline as published: page, exports and links both ways.

use crate::harness::TestPack;

fn timeline_events(pack: &TestPack) -> Vec<serde_json::Value> {
    let json: serde_json::Value = serde_json::from_str(&pack.output("timeline.json")).unwrap();
    json["events"].as_array().unwrap().clone()
}

fn has(
    events: &[serde_json::Value],
    date: &str,
    approximate: bool,
    source: &str,
    paragraph: Option<&str>,
) -> bool {
    events.iter().any(|e| {
        e["date"] == date
            && e["approximate"] == approximate
            && e["source"] == source
            && paragraph.is_none_or(|p| e["paragraph"] == p)
    })
}

#[test]
fn the_sample_pack_timeline_has_the_events_its_texts_state() {
    let pack = TestPack::sample();
    pack.build_ok();
    let events = timeline_events(&pack);
    let expected = [
        ("2016-09-19", false, "text", Some("p3")), // the aid convoy, two days before 21 September
        ("2016-09-21", false, "text", Some("p3")), // Lavrov in New York
        ("2016-10-17", false, "text", Some("p4")), // the European Council "yesterday"
        ("2016-10-18", false, "text", Some("p1")), // the debate
        ("2005", false, "text", Some("p6")),       // responsibility to protect
        ("2016-12", true, "text", Some("p3")),     // the delegation before Christmas
        ("2016-12", true, "text", Some("p5")),     // the ceasefire at the end of December
        ("2016-10-18", false, "document-date", None),
        ("2016-11", false, "document-date", None),
        ("2017-01", false, "document-date", None),
    ];
    for (date, approximate, source, paragraph) in expected {
        assert!(
            has(&events, date, approximate, source, paragraph),
            "missing {date} {source} {paragraph:?}"
        );
    }
    let convoy = events.iter().find(|e| e["date"] == "2016-09-19").unwrap();
    assert_eq!(convoy["precision"], "day");
    assert_eq!(
        convoy["url"],
        "documents/hansard-2016-10-18-aleppo-bombings/#p3"
    );
    assert!(
        convoy["text"]
            .as_str()
            .unwrap()
            .contains("two days after the bombing of the aid convoy")
    );
    let dates: Vec<&str> = events.iter().map(|e| e["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted, "events are sorted by date");
    assert!(!dates.contains(&"0615") && !dates.iter().any(|d| d.starts_with("9066")));
}

#[test]
fn the_timeline_page_shows_dates_at_their_precision_and_links_to_paragraphs() {
    let pack = TestPack::sample();
    pack.build_ok();
    let page = pack.output("timeline/index.html");
    assert!(page.contains("<svg"), "overview chart");
    assert!(page.contains("<h3 id=\"y2016-09\">September 2016</h3>"));
    assert!(
        page.contains("<time datetime=\"2016-12\">c. "),
        "approximate dates say so"
    );
    assert!(page.contains(
        "href=\"../documents/hansard-2016-10-18-aleppo-bombings/#p3\">Aleppo Bombings, ¶3</a>"
    ));
    assert!(page.contains("id=\"hansard-2016-10-18-aleppo-bombings-p3-1\""));
    assert!(page.contains("data-kind=\"debate\""));
}

#[test]
fn document_and_term_pages_link_to_their_events() {
    let pack = TestPack::sample();
    pack.build_ok();
    let hansard = pack.output("documents/hansard-2016-10-18-aleppo-bombings/index.html");
    assert!(
        hansard.contains(
            "href=\"../../timeline/#hansard-2016-10-18-aleppo-bombings-p3-1\">19 September 2016</a>"
        ),
        "{hansard}"
    );
    let lavrov = pack.output("topics/people/sergey-lavrov/index.html");
    assert!(lavrov.contains("On the timeline"));
    assert!(lavrov.contains("21 September 2016</a>"));
}

#[test]
fn timelinejs_export_keeps_precision() {
    let pack = TestPack::sample();
    pack.build_ok();
    let json: serde_json::Value =
        serde_json::from_str(&pack.output("timeline-timelinejs.json")).unwrap();
    let events = json["events"].as_array().unwrap();
    let r2p = events
        .iter()
        .find(|e| e["start_date"]["year"] == "2005")
        .unwrap();
    assert!(r2p["start_date"].get("month").is_none());
    assert!(
        events
            .iter()
            .any(|e| e["start_date"]["month"] == "9" && e["start_date"]["day"] == "19")
    );
}

#[test]
fn curated_events_opt_outs_and_ignores() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2016-10-18\ntimeline_ignore = [\"yesterday\"]\n[[events]]\ndate = \"2016-12\"\ntitle = \"Delegation to the ambassador\"\nnote = \"Before Christmas.\"\n+++\nIt happened yesterday. And on 3 March 2012.\n",
    );
    pack.write(
        "content/b.md",
        "+++\ntitle = \"B\"\ndate = 2016-10-18\ntimeline = false\n+++\nOn 1 May 2010 nothing.\n",
    );
    pack.build_ok();
    let events = timeline_events(&pack);
    assert!(has(&events, "2016-12", false, "front-matter", None));
    assert!(has(&events, "2012-03-03", false, "text", Some("p1")));
    assert!(!has(&events, "2016-10-17", false, "text", None), "ignored");
    assert!(
        !has(&events, "2010-05-01", false, "text", None),
        "document opted out"
    );
    pack.write(
        "config.toml",
        "title = \"T\"\n[timeline]\nextract = false\n",
    );
    pack.build_ok();
    let events = timeline_events(&pack);
    assert!(events.iter().all(|e| e["source"] != "text"));
    assert_eq!(events.len(), 3);
}

#[test]
fn month_first_order_is_configurable() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2016-10-18\n+++\nSigned on 10/05/2016.\n",
    );
    pack.build_ok();
    assert!(has(
        &timeline_events(&pack),
        "2016-05-10",
        false,
        "text",
        None
    ));
    pack.write(
        "config.toml",
        "title = \"T\"\n[timeline]\norder = \"month-first\"\n",
    );
    pack.build_ok();
    assert!(has(
        &timeline_events(&pack),
        "2016-10-05",
        false,
        "text",
        None
    ));
}

/// A document of the long-timeline pack: `paragraphs` dated sentences in `year`.
fn dated_document(i: usize, year: i32, paragraphs: usize, wording: &str) -> String {
    let kind = ["letter", "debate"][i % 2];
    let body: Vec<String> = (0..paragraphs)
        .map(|p| {
            format!(
                "On {} March {year}, the council {wording} item {p}.",
                p % 28 + 1
            )
        })
        .collect();
    format!(
        "+++\ntitle = \"Doc {i}\"\ndate = \"{year}-01-01\"\nkind = \"{kind}\"\n+++\n{}\n",
        body.join("\n\n")
    )
}

/// 42 documents of 30 dated paragraphs, spread over 2001–2003: more events than one page
/// holds.
fn long_timeline_pack() -> TestPack {
    let pack = TestPack::new();
    for i in 0..42 {
        pack.write(
            &format!("content/doc{i:02}.md"),
            &dated_document(i, 2001 + (i % 3) as i32, 30, "met about"),
        );
    }
    pack
}

#[test]
fn a_long_timeline_has_a_page_per_year_each_filtering_only_what_it_shows() {
    let pack = long_timeline_pack();
    pack.build_ok();
    let overview = pack.output("timeline/index.html");
    for year in ["2001", "2002", "2003"] {
        assert!(
            overview.contains(&format!("timeline/{year}/")),
            "{overview}"
        );
    }
    assert!(!overview.contains("class=\"timeline-filters\""));
    let page = pack.output("timeline/2001/index.html");
    // 14 documents of 2001, each dated itself and with 30 dated paragraphs.
    assert!(page.contains("434 dated events"), "the year's own count");
    assert!(page.contains("value=\"doc00\""));
    assert!(
        !page.contains("value=\"doc01\""),
        "the document filter lists only the documents on the page"
    );
    let events = page.matches("class=\"event ").count();
    assert_eq!(events, 434);
}

/// Options for building `pack` into its folder `output`.
/// Builds `pack` into `out` in a session, then rewrites `doc01` as `edited` and rebuilds.
fn rebuilt_with_doc01(pack: &TestPack, edited: &str) -> casebook::BuildReport {
    let mut session = casebook::Session::new(pack.options_into("out"));
    session.build().unwrap();
    pack.write("content/doc01.md", edited);
    session.invalidate(&[pack.path("content/doc01.md")]);
    session.build().unwrap()
}

#[test]
fn an_edit_re_renders_only_the_year_pages_its_events_are_on() {
    let pack = long_timeline_pack();
    let edit = rebuilt_with_doc01(&pack, &dated_document(1, 2002, 30, "argued about"));
    let changed = &edit.changed_paths;
    assert!(
        changed.contains(&"timeline/2002/index.html".to_string()),
        "{changed:?}"
    );
    for year in ["2001", "2003"] {
        assert!(
            !changed.contains(&format!("timeline/{year}/index.html")),
            "{changed:?}"
        );
    }
    // The document, its two neighbours, the 2002 page; the overview's data did not change.
    assert!(edit.rendered <= 5, "{} pages rendered", edit.rendered);

    pack.assert_matches_a_clean_build("out", "the edited session against a clean build");
}

#[test]
fn an_edit_to_one_paragraph_re_renders_only_the_years_of_its_events() {
    use casebook::Session;
    let pack = long_timeline_pack();
    let with_2003 = |wording: &str| {
        let document = dated_document(1, 2002, 30, "met about");
        format!("{document}\nOn 5 May 2003, the council {wording} the budget.\n")
    };
    pack.write("content/doc01.md", &with_2003("argued about"));
    let mut session = Session::new(pack.options_into("out"));
    session.build().unwrap();
    pack.write("content/doc01.md", &with_2003("agreed on"));
    session.invalidate(&[pack.path("content/doc01.md")]);
    let edit = session.build().unwrap();
    assert!(
        edit.changed_paths
            .contains(&"timeline/2003/index.html".to_string()),
        "{:?}",
        edit.changed_paths
    );
    // The document and the 2003 page: the document's 2002 events are as they were, so
    // their page is not rendered again, nor are its neighbours, whose previous/next links
    // show only its summary.
    assert_eq!(edit.rendered, 2, "{:?}", edit.changed_paths);

    pack.assert_matches_a_clean_build("out", "the edited session against a clean build");
}

#[test]
fn an_edit_that_moves_events_to_another_year_updates_the_overview() {
    let pack = long_timeline_pack();
    let edit = rebuilt_with_doc01(&pack, &dated_document(1, 2004, 30, "met about"));
    for page in ["timeline/index.html", "timeline/2002/index.html"] {
        assert!(
            edit.changed_paths.contains(&page.to_string()),
            "{:?}",
            edit.changed_paths
        );
    }
    let overview = std::fs::read_to_string(pack.path("out/timeline/index.html")).unwrap();
    assert!(overview.contains("timeline/2004/"), "{overview}");

    pack.assert_matches_a_clean_build("out", "the edited session against a clean build");
}

#[test]
fn events_name_their_topics_by_position_in_the_topic_filter() {
    let pack = TestPack::new();
    pack.write(
        "index.toml",
        "[[terms]]\nname = \"Aleppo\"\ntaxonomy = \"places\"\n\n[[terms]]\nname = \"Ceasefire\"\ntaxonomy = \"topics\"\ncase = \"insensitive\"\n",
    );
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ntopics = [\"Ceasefire\"]\n+++\nAleppo was shelled on 3 March 2015.\n\nNothing else happened on 4 March 2015.\n",
    );
    pack.build_ok();
    let page = pack.output("timeline/index.html");
    let select = &page[page.find("<select name=\"topic\">").unwrap()..];
    let select = &select[..select.find("</select>").unwrap()];
    assert!(
        select.contains("<option value=\"\">All topics</option><option value=\"places/aleppo\">Aleppo</option><option value=\"topics/ceasefire\">Ceasefire</option>"),
        "{select}"
    );
    assert!(
        page.contains("id=\"a-p1-1\" data-kind=\"\" data-document=\"a\" data-topics=\"1 2\""),
        "the paragraph's term and the document's"
    );
    assert!(
        page.contains("id=\"a-p2-1\" data-kind=\"\" data-document=\"a\" data-topics=\"2\""),
        "the document's term only"
    );
}
