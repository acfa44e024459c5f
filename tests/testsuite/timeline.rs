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
