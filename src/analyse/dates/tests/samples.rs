//! Real sentences from the sample pack, which must give exactly these events.

use super::{compact, run};

const LAVROV: &str = "I met Russian Foreign Minister Lavrov in New York on 21 September, which was two days after the bombing of the aid convoy, and we obviously focused on Syria in those discussions.";

#[test]
fn meeting_and_the_bombing_it_followed() {
    let extraction = run("2016-10-18", LAVROV);
    assert_eq!(compact(&extraction), ["2016-09-21", "2016-09-19"]);
    let [meeting, bombing] = &extraction.mentions[..] else {
        unreachable!("two mentions were just checked");
    };
    assert_eq!(meeting.matched, "21 September");
    assert_eq!(
        meeting.title,
        "Met Russian Foreign Minister Lavrov in New York"
    );
    assert_eq!(bombing.title, "Bombing of the aid convoy");
    assert_eq!(
        bombing.matched,
        "two days after the bombing of the aid convoy"
    );
    assert_eq!(meeting.sentence, LAVROV);
    assert!(extraction.unresolved.is_empty());
}

#[test]
fn european_council_yesterday() {
    let extraction = run(
        "2016-10-18",
        "The Foreign Secretary may not be its biggest fan, but even the European Council yesterday found that Russia’s use of chemical weapons and its targeting of civilians are war crimes.",
    );
    assert_eq!(compact(&extraction), ["2016-10-17"]);
    assert!(
        extraction.mentions[0]
            .title
            .starts_with("The European Council found")
    );
}

#[test]
fn hansard_heading_volume_is_not_a_date() {
    let extraction = run(
        "2016-10-18",
        "Volume 615: debated on Tuesday 18 October 2016",
    );
    assert_eq!(compact(&extraction), ["2016-10-18"]);
    assert_eq!(extraction.mentions[0].matched, "Tuesday 18 October 2016");
    assert!(extraction.unresolved.is_empty());
}

#[test]
fn question_number_is_not_a_date() {
    let extraction = run(
        "2016-10-18",
        "6. What representations he has made to his Russian counterparts on the bombings of civilian areas and humanitarian aid convoys in Aleppo. (906642)",
    );
    assert_eq!(extraction, Default::default());
}

#[test]
fn responsibility_to_protect_in_2005() {
    let extraction = run(
        "2016-10-18",
        "Does my right hon. Friend remember that in 2005, Her Majesty’s Government, along with every other member of the General Assembly of the United Nations, signed up to the responsibility to protect?",
    );
    assert_eq!(compact(&extraction), ["2005"]);
    assert_eq!(
        extraction.mentions[0].start.precision(),
        crate::date::Precision::Year
    );
    assert!(
        extraction.mentions[0]
            .title
            .starts_with("Her Majesty’s Government")
    );
}

#[test]
fn last_week_and_the_day_before_yesterday() {
    let extraction = run(
        "2016-10-18",
        "In response to this and other atrocities, the Foreign Secretary said in the Commons last week that “more kinetic options” should be considered, but then only the day before yesterday, emerging from his talks, he said there was little interest, to say the least.",
    );
    // "Last week" has no week precision to land on: it is the month of the previous week's
    // Thursday (13 October), marked approximate.
    assert_eq!(compact(&extraction), ["2016-10~", "2016-10-16"]);
    assert_eq!(extraction.mentions[0].matched, "last week");
    assert_eq!(extraction.mentions[1].matched, "the day before yesterday");
}

#[test]
fn before_christmas_in_a_january_letter() {
    let extraction = run(
        "2017-01",
        "As MPs we have repeatedly raised the issue with ministers in Parliament, and before Christmas I was part of a cross-party delegation of MPs who went to see the Russian ambassador in London to express our deep concern about what has happened.",
    );
    assert_eq!(compact(&extraction), ["2016-12~"]);
}

#[test]
fn end_of_december_ceasefire() {
    let extraction = run(
        "2017-01",
        "At the end of December Turkey and Russia announced a ceasefire involving the Syrian Government and most of the groups fighting (the jihadists of so-called Islamic State (IS/Daesh) and Jabhat Fateh al-Sham (JFS), and the Kurdish YPG militia are excluded).",
    );
    assert_eq!(compact(&extraction), ["2016-12~"]);
    assert_eq!(extraction.mentions[0].qualifier.as_deref(), Some("late"));
    assert!(
        extraction.mentions[0]
            .title
            .starts_with("Turkey and Russia announced a ceasefire")
    );
}

#[test]
fn peace_talks_next_month() {
    let extraction = run(
        "2017-01",
        "The UN Security Council has voted to back these efforts to end the fighting in Syria and hold fresh peace talks in Kazakhstan between the Syrian government and opposition next month.",
    );
    assert_eq!(compact(&extraction), ["2017-02"]);
}

#[test]
fn durations_give_nothing() {
    for (doc, text) in [
        (
            "2017-01",
            "Meanwhile, the Syrian civil war has gone on for five years now since President Assad decided to turn on his own people.",
        ),
        (
            "2016-11",
            "Humanitarian access has been deliberately blocked by the regime and its allies including Russia for five months now, leading to the 275,000 civilians in eastern Aleppo facing imminent starvation.",
        ),
        (
            "2016-11",
            "That is why the Government is supporting the recent EU effort to extend 28 new sanctions designations against the regime.",
        ),
    ] {
        assert_eq!(run(doc, text), Default::default(), "{text}");
    }
}

#[test]
fn humanitarian_plan_for_november() {
    let extraction = run(
        "2016-11",
        "Across the rest of Syria, there has been almost no progress in delivering the UN humanitarian plan for November.",
    );
    assert_eq!(compact(&extraction), ["2016-11"]);
}

#[test]
fn ignore_list_matches_words_or_iso() {
    use crate::analyse::dates::is_ignored;
    let extraction = run("2017-01", "In 2005 we agreed; the talks are next month.");
    let [in_2005, next_month] = &extraction.mentions[..] else {
        unreachable!("{:?}", extraction.mentions);
    };
    let ignore = ["2005".to_string(), "Next  Month".to_string()];
    assert!(is_ignored(in_2005, &ignore));
    assert!(is_ignored(next_month, &ignore));
    assert!(is_ignored(next_month, &["2017-02".to_string()]));
    assert!(!is_ignored(in_2005, &["2006".to_string(), String::new()]));
}

#[test]
fn long_sentences_are_cut_to_the_clause() {
    let filler = "and the committee considered the evidence at length ".repeat(12);
    let text = format!(
        "The hearing opened {filler}; the report was published on 3 October 2016, {filler}."
    );
    let extraction = run("2016-10-18", &text);
    let sentence = &extraction.mentions[0].sentence;
    assert!(sentence.chars().count() <= 302, "{sentence}");
    assert!(sentence.contains("3 October 2016"), "{sentence}");
    assert_eq!(extraction.mentions[0].title, "The report was published");
}
