//! The timeline model, its JSON, its groups, its date labels and the overview chart.

use serde_json::Value;

use crate::analyse::dates::chart::overview_svg;
use crate::analyse::dates::timeline::{
    EventSource, Timeline, TimelineEvent, compare, display_date,
};
use crate::date::PartialDate;

fn date(iso: &str) -> PartialDate {
    PartialDate::parse(iso).expect("test date")
}

fn event(
    iso: &str,
    source: EventSource,
    document: &str,
    paragraph: Option<&str>,
    title: &str,
) -> TimelineEvent {
    TimelineEvent {
        date: date(iso),
        end: None,
        approximate: false,
        qualifier: None,
        title: title.to_string(),
        text: format!("{title}."),
        source,
        document: document.to_string(),
        paragraph: paragraph.map(str::to_string),
        url: TimelineEvent::url_for(document, paragraph),
    }
}

fn sample() -> Vec<TimelineEvent> {
    vec![
        event(
            "2016-10-18",
            EventSource::Text,
            "debate",
            Some("p10"),
            "Later paragraph",
        ),
        event(
            "2016-10-18",
            EventSource::Text,
            "debate",
            Some("p2"),
            "Earlier paragraph",
        ),
        event(
            "2016-10-18",
            EventSource::DocumentDate,
            "debate",
            None,
            "Debate",
        ),
        event(
            "2016-10",
            EventSource::FrontMatter,
            "letter",
            None,
            "Letter",
        ),
        event(
            "2016-09-19",
            EventSource::Text,
            "debate",
            Some("p1"),
            "Bombing of the aid convoy",
        ),
        event("2016", EventSource::Text, "letter", Some("p4"), "Year only"),
        event(
            "2005",
            EventSource::Text,
            "debate",
            Some("p3"),
            "Responsibility to protect",
        ),
        event(
            "2016-10-18",
            EventSource::FrontMatter,
            "debate",
            None,
            "Front matter",
        ),
        event(
            "2016-10-18",
            EventSource::Text,
            "allies",
            Some("p9"),
            "Another document",
        ),
    ]
}

fn titles(timeline: &Timeline) -> Vec<&str> {
    timeline.events.iter().map(|e| e.title.as_str()).collect()
}

#[test]
fn events_sort_by_date_source_document_paragraph_and_title() {
    let timeline = Timeline::new(sample());
    assert_eq!(
        titles(&timeline),
        [
            "Responsibility to protect",
            "Year only",
            "Bombing of the aid convoy",
            "Letter",
            "Debate",
            "Front matter",
            "Another document",
            "Earlier paragraph",
            "Later paragraph",
        ]
    );
}

#[test]
fn order_does_not_depend_on_input_order() {
    let expected = Timeline::new(sample());
    let mut events = sample();
    for rotation in 0..events.len() {
        events.rotate_left(1);
        let mut reversed = events.clone();
        reversed.reverse();
        assert_eq!(
            Timeline::new(events.clone()),
            expected,
            "rotation {rotation}"
        );
        assert_eq!(
            Timeline::new(reversed).to_json().into_string(),
            expected.to_json().into_string()
        );
    }
}

#[test]
fn json_has_the_documented_shape_and_key_order() {
    let mut events = sample();
    events.push(TimelineEvent {
        end: Some(date("2015")),
        approximate: true,
        qualifier: Some("late".to_string()),
        ..event("2014", EventSource::Text, "letter", Some("p7"), "Range")
    });
    let json = Timeline::new(events).to_json().into_string();
    let value: Value = serde_json::from_str(&json).expect("valid JSON");
    let events = value["events"].as_array().expect("events array");
    assert_eq!(events.len(), 10);
    let bombing = events
        .iter()
        .find(|e| e["title"] == "Bombing of the aid convoy")
        .expect("bombing event");
    assert_eq!(bombing["date"], "2016-09-19");
    assert_eq!(bombing["end"], Value::Null);
    assert_eq!(bombing["precision"], "day");
    assert_eq!(bombing["approximate"], false);
    assert_eq!(bombing["source"], "text");
    assert_eq!(bombing["document"], "debate");
    assert_eq!(bombing["paragraph"], "p1");
    assert_eq!(bombing["url"], "documents/debate/#p1");
    let range = events
        .iter()
        .find(|e| e["title"] == "Range")
        .expect("range event");
    assert_eq!(range["end"], "2015");
    assert_eq!(range["precision"], "year");
    assert_eq!(range["qualifier"], "late");
    let letter = events
        .iter()
        .find(|e| e["title"] == "Letter")
        .expect("letter event");
    assert_eq!(letter["source"], "front-matter");
    assert_eq!(letter["paragraph"], Value::Null);
    assert_eq!(letter["url"], "documents/letter/");
    let debate = events
        .iter()
        .find(|e| e["title"] == "Debate")
        .expect("debate event");
    assert_eq!(debate["source"], "document-date");
    let keys = [
        "\"date\"",
        "\"end\"",
        "\"precision\"",
        "\"approximate\"",
        "\"qualifier\"",
        "\"title\"",
        "\"text\"",
        "\"source\"",
        "\"document\"",
        "\"paragraph\"",
        "\"url\"",
    ];
    let positions: Vec<usize> = keys.iter().map(|k| json.find(k).expect("key")).collect();
    assert!(positions.windows(2).all(|w| w[0] < w[1]), "{json}");
    assert!(!json.contains('\n'), "written compactly");
}

#[test]
fn timelinejs_json_leaves_out_what_is_not_known() {
    let mut events = sample();
    events.push(TimelineEvent {
        end: Some(date("2016-10-20")),
        ..event(
            "2016-10-18",
            EventSource::Text,
            "conference",
            Some("p1"),
            "Conference <&>",
        )
    });
    let timeline = Timeline::new(events);
    let names = |slug: &str| format!("Title of {slug}");
    let json = timeline
        .to_timelinejs_json("Syria & Russia", &names)
        .into_string();
    let value: Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(value["title"]["text"]["headline"], "Syria &amp; Russia");
    let events = value["events"].as_array().expect("events");
    assert_eq!(events.len(), 10);
    let year_only = &events[0];
    assert_eq!(year_only["start_date"]["year"], "2005");
    assert!(year_only["start_date"].get("month").is_none());
    assert!(year_only["start_date"].get("day").is_none());
    assert!(year_only.get("end_date").is_none());
    assert_eq!(year_only["display_date"], "2005");
    assert_eq!(year_only["group"], "Title of debate");
    let bombing = &events[2];
    assert_eq!(bombing["start_date"]["month"], "9");
    assert_eq!(bombing["start_date"]["day"], "19");
    assert_eq!(bombing["text"]["headline"], "Bombing of the aid convoy");
    let text = bombing["text"]["text"].as_str().expect("text");
    assert!(
        text.contains("<a href=\"documents/debate/#p1\">Title of debate</a>"),
        "{text}"
    );
    let conference = events
        .iter()
        .find(|e| e["group"] == "Title of conference")
        .expect("conference");
    assert_eq!(conference["end_date"]["day"], "20");
    assert_eq!(conference["text"]["headline"], "Conference &lt;&amp;&gt;");
    assert_eq!(conference["display_date"], "18–20 October 2016");
    let ids: std::collections::BTreeSet<String> =
        events.iter().map(|e| e["unique_id"].to_string()).collect();
    assert_eq!(ids.len(), events.len(), "unique ids");
}

#[test]
fn groups_by_year_then_month_with_unknown_months_first() {
    let timeline = Timeline::new(sample());
    let groups = timeline.by_year_and_month();
    let years: Vec<i32> = groups.iter().map(|g| g.year).collect();
    assert_eq!(years, [2005, 2016]);
    let labels: Vec<&str> = groups[1].months.iter().map(|m| m.label.as_str()).collect();
    assert_eq!(
        labels,
        ["2016 (month not known)", "September 2016", "October 2016"]
    );
    assert_eq!(groups[1].months[0].month, None);
    assert_eq!(groups[1].months[2].month, Some(10));
    assert_eq!(groups[1].months[2].events.len(), 6);
    let total: usize = groups
        .iter()
        .flat_map(|g| &g.months)
        .map(|m| m.events.len())
        .sum();
    assert_eq!(total, timeline.events.len());
    assert!(Timeline::new(Vec::new()).by_year_and_month().is_empty());
}

#[test]
fn display_dates_show_the_precision_known() {
    let plain = |iso: &str| event(iso, EventSource::Text, "d", None, "t");
    assert_eq!(display_date(&plain("2016-10-18")), "18 October 2016");
    assert_eq!(display_date(&plain("2016-09")), "September 2016");
    assert_eq!(display_date(&plain("2005")), "2005");
    let fuzzy = |iso: &str, qualifier: Option<&str>| TimelineEvent {
        approximate: true,
        qualifier: qualifier.map(str::to_string),
        ..plain(iso)
    };
    assert_eq!(display_date(&fuzzy("2016-12", None)), "c. December 2016");
    assert_eq!(
        display_date(&fuzzy("2016-12", Some("late"))),
        "c. late December 2016"
    );
    assert_eq!(
        display_date(&fuzzy("2012", Some("summer"))),
        "c. summer 2012"
    );
    assert_eq!(
        display_date(&fuzzy("2016-10-13", Some("late"))),
        "c. 13 October 2016"
    );
    let range = |start: &str, end: &str| TimelineEvent {
        end: Some(date(end)),
        ..plain(start)
    };
    assert_eq!(display_date(&range("2014", "2015")), "2014–2015");
    assert_eq!(
        display_date(&range("2016-10-18", "2016-10-20")),
        "18–20 October 2016"
    );
    assert_eq!(
        display_date(&range("2016-10-30", "2016-11-02")),
        "30 October – 2 November 2016"
    );
    assert_eq!(display_date(&range("2016-03", "2016-05")), "March–May 2016");
    assert_eq!(
        display_date(&range("2015-12", "2016-03")),
        "December 2015 – March 2016"
    );
}

#[test]
fn events_from_mentions_link_to_their_paragraph() {
    let extraction = super::run("2016-10-18", "We met on 21 September.");
    let event = TimelineEvent::from_mention(&extraction.mentions[0], "letter-1", "p3");
    assert_eq!(event.url, "documents/letter-1/#p3");
    assert_eq!(event.date, date("2016-09-21"));
    assert_eq!(event.source, EventSource::Text);
    assert_eq!(event.text, "We met on 21 September.");
    assert_eq!(event.title, "We met");
}

/// Checks that every tag the SVG opens is closed in order, and returns the tag names.
fn tags(svg: &str) -> Vec<String> {
    let mut open: Vec<String> = Vec::new();
    let mut all = Vec::new();
    for piece in svg.split('<').skip(1) {
        let tag = piece.split('>').next().expect("a tag ends");
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect();
        if tag.starts_with('/') {
            assert_eq!(open.pop().as_deref(), Some(name.as_str()), "{svg}");
        } else if !tag.ends_with('/') {
            open.push(name.clone());
        }
        all.push(name);
    }
    assert!(open.is_empty(), "unclosed {open:?}");
    all
}

#[test]
fn overview_draws_a_bar_per_month_with_events() {
    let timeline = Timeline::new(sample());
    let docs = [date("2016-10-18"), date("2017-01"), date("2016-10-18")];
    let svg = overview_svg(&timeline, &docs);
    tags(&svg);
    assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""));
    assert!(svg.contains("role=\"img\""));
    assert!(
        svg.contains(
            "aria-label=\"Timeline overview: 9 events from January 2005 to January 2017\""
        )
    );
    assert!(svg.contains("viewBox=\"0 0 "));
    assert!(
        !svg.contains("fill=") && !svg.contains("style="),
        "colours belong to CSS"
    );
    // 2005 and 2016 have events known only to the year: they sit in a band, not a month.
    assert_eq!(svg.matches("<rect class=\"tl-bar\"").count(), 2, "{svg}");
    assert!(svg.contains("<title>2005: 1 event, month not known</title>"));
    assert!(svg.contains("<title>October 2016: 6 events</title>"));
    assert!(svg.contains("<title>September 2016: 1 event</title>"));
    assert!(svg.contains("<title>2016: 1 event, month not known</title>"));
    assert!(svg.contains("<title>2 documents dated 18 October 2016</title>"));
    assert!(svg.contains("<title>Document dated January 2017</title>"));
    assert_eq!(svg.matches("class=\"tl-doc\"").count(), 2);
    assert!(svg.contains(">2005</text>") && svg.contains(">2016</text>"));
    assert!(svg.contains("class=\"tl-axis\""));
    assert_eq!(
        svg,
        overview_svg(&timeline, &[docs[2], docs[1], docs[0]]),
        "deterministic"
    );
}

#[test]
fn overview_of_a_long_span_bins_by_year() {
    let events = vec![
        event("1990-05-01", EventSource::Text, "a", Some("p1"), "Old"),
        event("2016-10-18", EventSource::Text, "a", Some("p2"), "New"),
        event("2016", EventSource::Text, "a", Some("p3"), "New year"),
    ];
    let svg = overview_svg(&Timeline::new(events), &[]);
    tags(&svg);
    assert_eq!(svg.matches("<rect class=\"tl-bar\"").count(), 2);
    assert!(svg.contains("<title>2016: 2 events</title>"));
    assert!(svg.contains("<title>1990: 1 event</title>"));
    assert!(!svg.contains("month not known"));
    let width: i32 = svg
        .split("viewBox=\"0 0 ")
        .nth(1)
        .and_then(|rest| rest.split(' ').next())
        .and_then(|w| w.parse().ok())
        .expect("viewBox width");
    assert_eq!(
        width,
        2 * 10 + 27 * 10,
        "one bin per year from 1990 to 2016"
    );
}

#[test]
fn overview_of_nothing_is_still_an_accessible_image() {
    let svg = overview_svg(&Timeline::default(), &[]);
    tags(&svg);
    assert!(svg.contains("role=\"img\""));
    assert!(svg.contains("no dated events"));
    let docs_only = overview_svg(&Timeline::default(), &[date("2016-10-18")]);
    tags(&docs_only);
    assert_eq!(docs_only.matches("class=\"tl-doc\"").count(), 1);
    assert_eq!(docs_only.matches("class=\"tl-bar\"").count(), 0);
}

proptest::proptest! {
    /// `Timeline::new` sorts by precomputed leading keys for speed; whatever the events, the
    /// result is what sorting by the documented order alone gives.
    #[test]
    fn fast_sort_orders_as_the_documented_comparison(
        picks in proptest::collection::vec(
            (0..4usize, 0..3usize, 0..4usize, 0..5usize, 0..3usize),
            0..60,
        )
    ) {
        const DATES: [&str; 4] = ["2016", "2016-10", "2016-10-18", "2015-02-01"];
        const SOURCES: [EventSource; 3] =
            [EventSource::DocumentDate, EventSource::FrontMatter, EventSource::Text];
        const DOCUMENTS: [&str; 4] = ["debate", "allies", "letter-2", "letter-10"];
        const PARAGRAPHS: [Option<&str>; 5] = [None, Some("p2"), Some("p10"), Some("h1"), Some("intro")];
        const TITLES: [&str; 3] = ["Siege", "Aid convoy", "siege"];
        let events: Vec<TimelineEvent> = picks
            .iter()
            .map(|&(d, s, doc, p, t)| event(DATES[d], SOURCES[s], DOCUMENTS[doc], PARAGRAPHS[p], TITLES[t]))
            .collect();
        let mut expected = events.clone();
        expected.sort_by(compare);
        proptest::prop_assert_eq!(Timeline::new(events).events, expected);
    }
}
