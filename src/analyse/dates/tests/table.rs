//! A table of sentences and the dates they must give.

use super::{compact, run};

const DAY: &str = "2016-10-18";
const JAN: &str = "2017-01";
const NOV: &str = "2016-11";
const NONE: &str = "-";

/// (document date, sentence, expected mentions in the form of [`compact`], unresolved count).
const CASES: &[(&str, &str, &[&str], usize)] = &[
    // Full dates.
    (
        DAY,
        "The debate took place on 18 October 2016.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The letter was dated Tuesday 18 October 2016.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The letter was dated Tuesday, 18 October 2016.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The vote is on the 24th of October 2016.",
        &["2016-10-24"],
        0,
    ),
    (
        DAY,
        "The report was published October 18, 2016 by the committee.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The report was published on Tuesday, October 18, 2016.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The form was signed 18/10/2016 in London.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The form was signed 18.10.2016 in London.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The form was signed 18-10-16 in London.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The dataset was updated 2016-10-18.",
        &["2016-10-18"],
        0,
    ),
    (
        DAY,
        "The talks began on 3 Oct. 2016 and ended on 5 Sept. 2016.",
        &["2016-10-03", "2016-09-05"],
        0,
    ),
    (DAY, "It was signed on 1st March 2015.", &["2015-03-01"], 0),
    (
        DAY,
        "Some 5 May 2016 elections; May 5, 2016; 5th May.",
        &["2016-05-05", "2016-05-05", "2016-05-05"],
        0,
    ),
    (
        NONE,
        "The order was made on 2 February 2014.",
        &["2014-02-02"],
        0,
    ),
    // Day and month without a year.
    (DAY, "We met on 21 September.", &["2016-09-21"], 0),
    (
        JAN,
        "The letter of 28 December set this out.",
        &["2016-12-28"],
        0,
    ),
    (JAN, "We will meet on 3 February.", &["2017-02-03"], 0),
    (DAY, "We met on September 21st.", &["2016-09-21"], 0),
    (NONE, "We met on 21 September.", &[], 1),
    ("2016", "We met on 21 September.", &[], 1),
    // Month and year, month alone, year alone.
    (DAY, "The plan was agreed in March 2012.", &["2012-03"], 0),
    (DAY, "The plan was agreed in Sept 2012.", &["2012-09"], 0),
    (DAY, "Nothing happened in November.", &["2016-11"], 0),
    (JAN, "Nothing happened in November.", &["2016-11"], 0),
    (NONE, "Nothing happened in November.", &[], 1),
    (DAY, "You may wish to march in May.", &["2016-05"], 0),
    (DAY, "They may march on Westminster.", &[], 0),
    (DAY, "Theresa May said so; we will vote for May.", &[], 0),
    (DAY, "This happened in Sept.", &[], 0),
    (DAY, "The treaty was signed in 2005.", &["2005"], 0),
    (DAY, "Violence has risen since 2011.", &["2011"], 0),
    (
        DAY,
        "By 2020 the target will be met; the 2005 agreement stands.",
        &["2020"],
        0,
    ),
    (
        DAY,
        "The fighting continued between 2014 and 2015.",
        &["2014/2015"],
        0,
    ),
    (
        DAY,
        "The programme ran from 2014 to 2016.",
        &["2014/2016"],
        0,
    ),
    (DAY, "In 2014-15 the budget rose.", &["2014/2015"], 0),
    (
        DAY,
        "Between October 2015 and March 2016 the siege held.",
        &["2015-10/2016-03"],
        0,
    ),
    (
        DAY,
        "Between 14 and 18 October the city was bombed.",
        &["2016-10-14/2016-10-18"],
        0,
    ),
    (
        DAY,
        "The siege lasted from December to March 2016.",
        &["2015-12/2016-03"],
        0,
    ),
    (
        DAY,
        "The conference, held on 18–20 October 2016, was a success.",
        &["2016-10-18/2016-10-20"],
        0,
    ),
    // Numbers that are not dates.
    (DAY, "See Volume 615, Column 145, ref. 906642.", &[], 0),
    (
        DAY,
        "There were 275,000 civilians and 2,000 people in the city.",
        &[],
        0,
    ),
    (
        DAY,
        "The Council passed Resolution 2118 on chemical weapons.",
        &[],
        0,
    ),
    (DAY, "They sent in 1500 troops.", &[], 0),
    (DAY, "There are 28 new designations.", &[], 0),
    (DAY, "He died in the 1990s, not in (2016).", &[], 0),
    (DAY, "Prices rose by 3.5 per cent in 2,000 homes.", &[], 0),
    (
        DAY,
        "On 21 September, 2000 people marched.",
        &["2016-09-21"],
        0,
    ),
    // Relative to the document date.
    (
        DAY,
        "Yesterday the Prime Minister spoke.",
        &["2016-10-17"],
        0,
    ),
    (DAY, "Today we debate Syria.", &["2016-10-18"], 0),
    (NOV, "Today we debate Syria.", &["2016-11"], 0),
    (NOV, "Yesterday was hard.", &[], 1),
    (NONE, "Yesterday was hard.", &[], 1),
    (DAY, "The talks end tomorrow.", &["2016-10-19"], 0),
    (DAY, "I spoke to him last Tuesday.", &["2016-10-11"], 0),
    (DAY, "We will meet next Tuesday.", &["2016-10-25"], 0),
    (DAY, "The summit was last month.", &["2016-09"], 0),
    (NOV, "The summit is next month.", &["2016-12"], 0),
    (NONE, "The summit is next month.", &[], 1),
    (DAY, "Elections were held last year.", &["2015"], 0),
    (DAY, "Elections will be held this year.", &["2016"], 0),
    (
        DAY,
        "The offensive began in August last year.",
        &["2015-08"],
        0,
    ),
    (DAY, "It happened last May.", &["2016-05"], 0),
    (DAY, "The bombing started two weeks ago.", &["2016-10~"], 0),
    (DAY, "The war began three years ago.", &["2013~"], 0),
    (DAY, "The raid was five days ago.", &["2016-10-13"], 0),
    (
        DAY,
        "This morning I met him; last night I called.",
        &["2016-10-18", "2016-10-17"],
        0,
    ),
    (DAY, "Last week's vote mattered.", &["2016-10~"], 0),
    (NOV, "Last week's vote mattered.", &[], 1),
    // Relative to another date in the sentence.
    (
        DAY,
        "A ceasefire was agreed on 9 September but collapsed ten days later.",
        &["2016-09-09", "2016-09-19"],
        0,
    ),
    (
        DAY,
        "The ceasefire was agreed on 9 September; about two weeks later it collapsed.",
        &["2016-09-09", "2016-09-23~"],
        0,
    ),
    (
        DAY,
        "The ceasefire was agreed on 9 September and collapsed twenty-one days later.",
        &["2016-09-09", "2016-09-30"],
        0,
    ),
    (
        DAY,
        "We met on 3 October and again a week later.",
        &["2016-10-03", "2016-10-10"],
        0,
    ),
    (
        DAY,
        "The strike was on 3 October and the following day the convoy moved.",
        &["2016-10-03", "2016-10-04"],
        0,
    ),
    (
        DAY,
        "The talks resumed the day after 9 September.",
        &["2016-09-10"],
        0,
    ),
    (
        DAY,
        "The talks resumed three days before 9 September.",
        &["2016-09-06"],
        0,
    ),
    (
        DAY,
        "On 9 September, the ceasefire was agreed; the day after, it collapsed.",
        &["2016-09-09", "2016-09-10"],
        0,
    ),
    (
        DAY,
        "The vote on 12 October came three days before the summit.",
        &["2016-10-12", "2016-10-15"],
        0,
    ),
    (
        DAY,
        "Two days after the bombing of the aid convoy, on 21 September, I met Lavrov.",
        &["2016-09-19", "2016-09-21"],
        0,
    ),
    (
        DAY,
        "The talks began in March 2016 and ended two months later.",
        &["2016-03", "2016-05"],
        0,
    ),
    (
        DAY,
        "In early 2016 the talks began; two months later they failed.",
        &["2016~"],
        1,
    ),
    (DAY, "Ten days later, the ceasefire collapsed.", &[], 1),
    (DAY, "It was 2 years after the war.", &[], 1),
    // Fuzzy phrases.
    (
        JAN,
        "At the end of December Turkey and Russia announced a ceasefire.",
        &["2016-12~"],
        0,
    ),
    (DAY, "Talks are expected by the end of 2016.", &["2016~"], 0),
    (
        DAY,
        "The early 2016 talks failed; talks in late 2015 also failed, and in mid-2014 too.",
        &["2016~", "2015~", "2014~"],
        0,
    ),
    (
        DAY,
        "It rained in the summer of 2012 and the spring of 2013.",
        &["2012~", "2013~"],
        0,
    ),
    (DAY, "It rained last summer.", &["2016~"], 0),
    (JAN, "It rained last summer.", &["2016~"], 0),
    (
        DAY,
        "We meet in early October, mid-October and late last year.",
        &["2016-10~", "2016-10~", "2015~"],
        0,
    ),
    (
        DAY,
        "At the beginning of next month, we will decide.",
        &["2016-11~"],
        0,
    ),
    (DAY, "He arrived on Christmas Day.", &["2016-12-25"], 0),
    (DAY, "We met at Christmas 2015.", &["2015-12~"], 0),
    (JAN, "We met before Christmas.", &["2016-12~"], 0),
    (DAY, "We will meet after Christmas.", &[], 0),
    // Durations are not dates.
    (DAY, "The war has gone on for five years.", &[], 0),
    (DAY, "We must act in the months and years ahead.", &[], 0),
    (
        DAY,
        "The strikes continued for two weeks after the vote.",
        &[],
        0,
    ),
    (
        DAY,
        "In the last five years, 400,000 people have died.",
        &[],
        0,
    ),
    (
        DAY,
        "Over the next year, we will act; over the last year we acted.",
        &[],
        0,
    ),
    (DAY, "Since the summer, things have changed.", &[], 0),
    (DAY, "On Monday we met.", &[], 0),
    // Sentence splitting keeps abbreviations, initials and numbers whole.
    (
        DAY,
        "Mr. Smith met Dr. Jones on 3 October. St. Paul's was closed on 4 October.",
        &["2016-10-03", "2016-10-04"],
        0,
    ),
    (
        DAY,
        "The case (No. 12) was heard on 5 October, i.e. on a Wednesday.",
        &["2016-10-05"],
        0,
    ),
    (
        DAY,
        "Mr J. R. Smith wrote on 3 October. Two days later he rang.",
        &["2016-10-03"],
        1,
    ),
    (
        DAY,
        "The sign-off\nYours sincerely,\nJane Smith MP\n18 October 2016",
        &["2016-10-18"],
        0,
    ),
];

#[test]
fn table_gives_the_expected_dates() {
    assert!(CASES.len() >= 70, "the table must stay broad");
    let mut failures = Vec::new();
    for &(doc, text, expected, unresolved) in CASES {
        let extraction = run(doc, text);
        let got = compact(&extraction);
        if got != expected || extraction.unresolved.len() != unresolved {
            failures.push(format!(
                "{text:?} (document {doc}): got {got:?} with {} unresolved {:?}, expected {expected:?} with {unresolved}",
                extraction.unresolved.len(),
                extraction.unresolved
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// (document date, sentence, index of the mention, expected title).
const TITLES: &[(&str, &str, usize, &str)] = &[
    (
        DAY,
        "A ceasefire was agreed on 9 September but collapsed ten days later.",
        0,
        "A ceasefire was agreed",
    ),
    (
        DAY,
        "A ceasefire was agreed on 9 September but collapsed ten days later.",
        1,
        "A ceasefire was agreed but collapsed",
    ),
    (
        DAY,
        "The debate took place on 18 October 2016.",
        0,
        "The debate took place",
    ),
    (
        DAY,
        "The report was published October 18, 2016 by the committee.",
        0,
        "The report was published by the committee",
    ),
    (
        DAY,
        "The vote on 12 October came three days before the summit.",
        1,
        "Summit",
    ),
    (
        DAY,
        "Two days after the bombing of the aid convoy, on 21 September, I met Lavrov.",
        1,
        "Met Lavrov",
    ),
    (JAN, "We met before Christmas.", 0, "We met"),
    (
        DAY,
        "The fighting continued between 2014 and 2015.",
        0,
        "The fighting continued",
    ),
    (
        DAY,
        "The sign-off\nYours sincerely,\nJane Smith MP\n18 October 2016",
        0,
        "18 October 2016",
    ),
    // A comma or colon between digits is part of a number or a time, not a clause break.
    (
        DAY,
        "The office reported 98 households in 1998, up from 4,400 families a year earlier.",
        1,
        "Up from 4,400 families",
    ),
    (
        DAY,
        "By 14:30 on 18 October 2016 the convoy had left.",
        0,
        "By 14:30 the convoy had left",
    ),
];

#[test]
fn titles_are_the_clause_without_the_date() {
    for &(doc, text, index, title) in TITLES {
        let extraction = run(doc, text);
        assert_eq!(extraction.mentions[index].title, title, "{text:?}");
    }
}

#[test]
fn qualifiers_keep_the_fuzzy_word() {
    let extraction = run(
        JAN,
        "At the end of December, and in the summer of 2012, and in mid-2014.",
    );
    let qualifiers: Vec<_> = extraction
        .mentions
        .iter()
        .map(|m| m.qualifier.as_deref())
        .collect();
    assert_eq!(qualifiers, [Some("late"), Some("summer"), Some("mid")]);
}

#[test]
fn month_first_order_reads_american_dates() {
    let options = crate::analyse::dates::ExtractOptions {
        order: crate::analyse::dates::DateOrder::MonthFirst,
    };
    let doc = crate::date::PartialDate::parse(DAY).ok();
    let extraction = crate::analyse::dates::extract("Signed 10/18/2016.", doc, &options);
    assert_eq!(super::compact(&extraction), ["2016-10-18"]);
    assert!(run(DAY, "Signed 10/18/2016.").mentions.is_empty());
}

#[test]
fn unresolved_phrases_say_why() {
    let extraction = run(NONE, "Yesterday, we met.");
    let unresolved = &extraction.unresolved[0];
    assert_eq!(unresolved.matched, "Yesterday");
    assert_eq!(unresolved.range, 0..9);
    assert!(
        unresolved.reason.contains("undated"),
        "{}",
        unresolved.reason
    );
    let extraction = run(DAY, "The attack on 31 September 2016 was denied.");
    assert!(extraction.mentions.is_empty());
    assert!(extraction.unresolved[0].reason.contains("does not exist"));
}

#[test]
fn options_read_from_pack_settings() {
    use crate::analyse::dates::{DateOrder, ExtractOptions};
    assert_eq!(ExtractOptions::default().order, DateOrder::DayFirst);
    let parsed: ExtractOptions =
        serde_json::from_str(r#"{"order": "month-first"}"#).expect("valid options");
    assert_eq!(parsed.order, DateOrder::MonthFirst);
    let empty: ExtractOptions = serde_json::from_str("{}").expect("defaults");
    assert_eq!(empty.order, DateOrder::DayFirst);
    assert_eq!(
        serde_json::to_string(&DateOrder::DayFirst).expect("serialises"),
        r#""day-first""#
    );
}
