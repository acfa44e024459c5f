//! Properties of front-matter parsing that hold for any input: every known field written as
//! TOML reads back as the same metadata, the body after the front matter is kept exactly,
//! and broken files never panic and are reported at a line and column inside the file.

use std::collections::BTreeMap;
use std::path::Path;

use proptest::prelude::*;
use toml::Value;

use super::document::{CuratedEvent, Metadata, parse_document};
use super::frontmatter::split_front_matter;
use super::test_source as source;
use super::text::normalize_text;
use crate::config::Config;
use crate::date::PartialDate;
use crate::diagnostics::line_column;
use crate::error::{ContentError, ContentErrorKind};

/// Any printable text, or text with line breaks, tabs, quotes and backslashes, which TOML
/// must escape. A line holding only `+++` would end the front matter (as in Zola and Hugo),
/// so `+` is left out of the multi-line kind.
fn text() -> impl Strategy<Value = String> {
    prop_oneof!["\\PC{0,24}", "[ a-zA-Z\n\t\"'\\\\#=\\[\\]{}]{0,24}"]
}

fn optional_text() -> impl Strategy<Value = Option<String>> {
    prop::option::of(text())
}

fn names() -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec(text(), 0..4)
}

/// A date and one way of writing it: `"YYYY"`, a bare year, `"YYYY-MM"`, `"YYYY-MM-DD"`, a
/// bare TOML date, or a bare date and time (whose time is ignored).
fn date() -> impl Strategy<Value = (PartialDate, Value)> {
    (1i32..=9999, 1u32..=12, 1u32..=31, 0u8..6, 0u32..24).prop_filter_map(
        "a day of the calendar",
        |(y, m, d, form, hour)| {
            let day = PartialDate::day(y, m, d).ok()?;
            let year = PartialDate::year(y).ok()?;
            let bare = |text: String| Value::Datetime(text.parse().expect("a TOML date"));
            Some(match form {
                0 => (year, Value::String(format!("{y:04}"))),
                1 => (year, Value::Integer(y.into())),
                2 => (
                    PartialDate::month(y, m).ok()?,
                    Value::String(format!("{y:04}-{m:02}")),
                ),
                3 => (day, Value::String(format!("{y:04}-{m:02}-{d:02}"))),
                4 => (day, bare(format!("{y:04}-{m:02}-{d:02}"))),
                _ => (day, bare(format!("{y:04}-{m:02}-{d:02}T{hour:02}:30:00"))),
            })
        },
    )
}

/// A curated event as written and as it should read back.
fn event() -> impl Strategy<Value = (Value, CuratedEvent)> {
    (date(), prop::option::of(date()), text(), optional_text()).prop_map(
        |((start, start_value), end, title, note)| {
            let mut table = toml::Table::new();
            table.insert("date".into(), start_value);
            if let Some((_, end_value)) = &end {
                table.insert("end".into(), end_value.clone());
            }
            table.insert("title".into(), Value::String(title.clone()));
            if let Some(note) = &note {
                table.insert("note".into(), Value::String(note.clone()));
            }
            let event = CuratedEvent {
                date: start,
                end: end.map(|(end, _)| end),
                title,
                note,
            };
            (Value::Table(table), event)
        },
    )
}

/// A value of `[extra]` as TOML and as the JSON templates see.
fn extra_value() -> impl Strategy<Value = (Value, serde_json::Value)> {
    prop_oneof![
        text().prop_map(|s| (Value::String(s.clone()), serde_json::Value::String(s))),
        any::<i64>().prop_map(|n| (Value::Integer(n), serde_json::Value::from(n))),
        any::<bool>().prop_map(|b| (Value::Boolean(b), serde_json::Value::Bool(b))),
    ]
}

/// The eight optional free-text fields, in [`OPTIONAL_KEYS`] order.
type OptionalTexts = [Option<String>; 8];

const OPTIONAL_KEYS: [&str; 8] = [
    "date_note",
    "kind",
    "author",
    "author_role",
    "publisher",
    "source_title",
    "summary",
    "short_title",
];

const LIST_KEYS: [&str; 5] = [
    "topics",
    "people",
    "organisations",
    "places",
    "timeline_ignore",
];

/// Every known front-matter field, with the choice of leaving each optional one out.
#[derive(Debug, Clone)]
struct Fields {
    title: String,
    date: Option<(PartialDate, Value)>,
    optional: OptionalTexts,
    source_url: Option<String>,
    slug: Option<String>,
    draft: Option<bool>,
    weight: Option<i64>,
    lists: [Vec<String>; 5],
    taxonomies: BTreeMap<String, Vec<String>>,
    timeline: Option<bool>,
    events: Vec<(Value, CuratedEvent)>,
    extra: BTreeMap<String, (Value, serde_json::Value)>,
}

fn fields() -> impl Strategy<Value = Fields> {
    let scalars = (
        text().prop_filter("a title", |t| !t.trim().is_empty()),
        prop::option::of(date()),
        prop::array::uniform8(optional_text()),
        prop::option::of("https?://example\\.org/[a-z0-9/._-]{0,12}"),
        prop::option::of("[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}"),
        prop::option::of(any::<bool>()),
        prop::option::of(any::<i64>()),
        prop::option::of(any::<bool>()),
    );
    let collections = (
        prop::array::uniform5(names()),
        prop::collection::btree_map("[a-z_]{1,10}", names(), 0..3),
        prop::collection::vec(event(), 0..3),
        prop::collection::btree_map("[a-z_]{1,8}", extra_value(), 0..3),
    );
    (scalars, collections).prop_map(
        |(
            (title, date, optional, source_url, slug, draft, weight, timeline),
            (lists, taxonomies, events, extra),
        )| Fields {
            title,
            date,
            optional,
            source_url,
            slug,
            draft,
            weight,
            lists,
            taxonomies,
            timeline,
            events,
            extra,
        },
    )
}

impl Fields {
    /// The front matter as TOML, written by the `toml` crate so that any string is quoted
    /// and escaped correctly.
    fn to_toml(&self) -> String {
        let mut table = toml::Table::new();
        table.insert("title".into(), Value::String(self.title.clone()));
        if let Some((_, value)) = &self.date {
            table.insert("date".into(), value.clone());
        }
        for (key, value) in OPTIONAL_KEYS.iter().zip(&self.optional) {
            if let Some(value) = value {
                table.insert((*key).into(), Value::String(value.clone()));
            }
        }
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                table.insert(key.into(), value);
            }
        };
        put("source_url", self.source_url.clone().map(Value::String));
        put("slug", self.slug.clone().map(Value::String));
        put("draft", self.draft.map(Value::Boolean));
        put("weight", self.weight.map(Value::Integer));
        put("timeline", self.timeline.map(Value::Boolean));
        for (key, names) in LIST_KEYS.iter().zip(&self.lists) {
            table.insert((*key).into(), Value::from(names.clone()));
        }
        let taxonomies: toml::Table = self
            .taxonomies
            .iter()
            .map(|(k, v)| (k.clone(), Value::from(v.clone())))
            .collect();
        table.insert("taxonomies".into(), Value::Table(taxonomies));
        let events: Vec<Value> = self.events.iter().map(|(v, _)| v.clone()).collect();
        table.insert("events".into(), Value::Array(events));
        let extra: toml::Table = self
            .extra
            .iter()
            .map(|(k, (v, _))| (k.clone(), v.clone()))
            .collect();
        table.insert("extra".into(), Value::Table(extra));
        toml::to_string(&table).expect("a table serialises")
    }

    /// The metadata the README promises for these fields: the title trimmed, blank optional
    /// texts absent, defaults for what is left out, everything else as written.
    fn expected(&self) -> Metadata {
        let given = |i: usize| {
            self.optional[i]
                .clone()
                .filter(|text| !text.trim().is_empty())
        };
        Metadata {
            title: self.title.trim().to_string(),
            date: self.date.as_ref().map(|(date, _)| *date),
            date_note: given(0),
            kind: given(1),
            author: given(2),
            author_role: given(3),
            publisher: given(4),
            source_title: given(5),
            summary: given(6),
            short_title: given(7),
            source_url: self.source_url.clone(),
            draft: self.draft.unwrap_or(false),
            weight: self.weight.unwrap_or(0),
            topics: self.lists[0].clone(),
            people: self.lists[1].clone(),
            organisations: self.lists[2].clone(),
            places: self.lists[3].clone(),
            timeline_ignore: self.lists[4].clone(),
            taxonomies: self.taxonomies.clone(),
            timeline: self.timeline.unwrap_or(true),
            events: self.events.iter().map(|(_, e)| e.clone()).collect(),
            extra: serde_json::Value::Object(
                self.extra
                    .iter()
                    .map(|(k, (_, json))| (k.clone(), json.clone()))
                    .collect(),
            ),
        }
    }
}

/// Pieces of broken and unusual source files, put together at random.
const FRAGMENTS: &[&str] = &[
    "+++",
    "+++\n",
    "\n",
    "\r\n",
    "\r",
    "\u{feff}",
    "\0",
    "title = ",
    "date = ",
    "slug = ",
    "source_url = ",
    "weight = ",
    "topics = ",
    "[[events]]\n",
    "[extra]\n",
    "[taxonomies]\n",
    "sumary = ",
    "\"",
    "\"\"\"",
    "'",
    "\"A\"",
    "\"é日本\"",
    "2016-02-30",
    "\"0000-00\"",
    "2016-10-18",
    "\"../../etc\"",
    "\"javascript:alert(1)\"",
    "99999999999999999999",
    "[",
    "]",
    "=",
    "{",
    "}",
    ",",
    "# x",
    "Body text.",
    "\\u00",
];

/// The 1-based line and column of `offset`, counted as an editor would in the normalised text.
fn position(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

/// Where the editor should be sent for `error`: its span's start, or for bytes that are not
/// UTF-8 the place of the first bad byte in the text as the parser saw it.
fn expected_offset(bytes: &[u8], error: &ContentError) -> Option<usize> {
    match error.kind {
        ContentErrorKind::InvalidUtf8 { offset } => {
            let prefix = std::str::from_utf8(&bytes[..offset]).ok()?;
            Some(normalize_text(prefix).len())
        }
        _ => error.span.as_ref().map(|span| span.start),
    }
}

/// Writes `bytes` as `content/<name>` under `root` and checks every error of parsing it.
fn check_errors_are_located(root: &Path, name: &str, bytes: &[u8]) -> Result<(), TestCaseError> {
    let source = source(name);
    std::fs::write(root.join(&source.path), bytes).expect("writing a temporary file");
    let Err(errors) = parse_document(&source, bytes, &Config::default()) else {
        return Ok(());
    };
    prop_assert!(!errors.is_empty());
    let text = normalize_text(&String::from_utf8_lossy(bytes)).into_owned();
    for error in &errors {
        prop_assert_eq!(&error.path, &source.path);
        let Some(span) = error.span.clone() else {
            continue;
        };
        prop_assert!(
            span.start <= span.end && span.end <= text.len(),
            "{:?}",
            error
        );
        prop_assert!(text.is_char_boundary(span.start), "{:?}", error);
        prop_assert!(text.is_char_boundary(span.end), "{:?}", error);
        let expected = expected_offset(bytes, error);
        prop_assert!(expected.is_some(), "{:?}", error);
        let expected = position(&text, expected.unwrap_or_default());
        let (line, column) = line_column(root, &source.path, span.start).expect("the file");
        prop_assert_eq!((line, column), expected, "{:?} in {:?}", error, text);
        let line_text = text.split('\n').nth(line - 1);
        prop_assert!(line_text.is_some(), "line {} of {:?}", line, text);
        prop_assert!(column <= line_text.unwrap_or_default().chars().count() + 1);
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn known_fields_read_back_as_the_same_metadata(fields in fields()) {
        let toml = fields.to_toml();
        let file = format!("+++\n{toml}+++\nBody.\n");
        let doc = parse_document(&source("doc.md"), file.as_bytes(), &Config::default())
            .map_err(|errors| TestCaseError::fail(format!("{errors:?} in\n{file}")))?;
        prop_assert_eq!(doc.meta, fields.expected(), "{}", file);
        prop_assert_eq!(doc.slug, fields.slug.clone().unwrap_or_else(|| "doc".into()));
        prop_assert_eq!(doc.body.blocks.len(), 1);
    }

    #[test]
    fn any_body_after_well_formed_front_matter_is_kept_exactly(
        front in "(title = \"[^\"\\\\\n\r]{0,10}\"\n)?(weight = [0-9]{1,3}\n)?",
        body in any::<String>(),
    ) {
        let file = format!("+++\n{front}+++\n{body}");
        let split = split_front_matter(&file).expect("closed front matter");
        prop_assert_eq!(split.front_matter, Some(front.as_str()));
        prop_assert_eq!(split.body, body.as_str());
        prop_assert_eq!(split.body_offset, file.len() - body.len());
    }

    #[test]
    fn every_line_of_a_plain_text_body_is_published_escaped(
        body in any::<String>().prop_map(|s| s.replace(['\r', '\0'], "\n")),
    ) {
        let file = format!("+++\ntitle = \"T\"\n+++\n{body}");
        let doc = parse_document(&source("doc.txt"), file.as_bytes(), &Config::default())
            .map_err(|errors| TestCaseError::fail(format!("{errors:?}")))?;
        let lines: Vec<&str> = body.split('\n').filter(|l| !l.trim().is_empty()).collect();
        let published: Vec<&str> = doc.body.blocks.iter().flat_map(|b| b.text.split('\n')).collect();
        prop_assert_eq!(&published, &lines);
        for line in lines {
            let escaped = line
                .replace('&', "&amp;")
                .replace('<', "&lt;")
                .replace('>', "&gt;")
                .replace('"', "&quot;")
                .replace(crate::markdown::LINK_MARKER, "&#xE000;");
            prop_assert!(doc.body.html.contains(&escaped), "{:?} in {}", escaped, doc.body.html);
        }
    }

    #[test]
    fn broken_files_never_panic_and_errors_are_located_in_the_file(
        pieces in prop::collection::vec(prop::sample::select(FRAGMENTS), 0..24),
        tail in prop::collection::vec(any::<u8>(), 0..4),
    ) {
        let root = tempfile::tempdir().expect("a temporary folder");
        std::fs::create_dir(root.path().join("content")).expect("content/");
        let mut bytes = pieces.concat().into_bytes();
        bytes.extend(tail);
        check_errors_are_located(root.path(), "doc.md", &bytes)?;
        check_errors_are_located(root.path(), "doc.txt", &bytes)?;
    }
}
