//! One source file to one parsed [`Document`]: a pure function of its bytes.

use std::ops::Range;
use std::path::PathBuf;

use serde::Serialize;
use toml::Spanned;

use super::discover::{SourceFile, SourceFormat};
use super::frontmatter::{FrontMatter, RawDate, RawEvent, split_front_matter};
use super::text::normalize_text;
use crate::config::Config;
use crate::date::{DateError, PartialDate};
use crate::error::{ContentError, ContentErrorKind, toml_error};
use crate::markdown::{
    Body, MarkdownOptions, WebLink, check_nesting, is_web_address, render_markdown,
    render_plain_text,
};
use crate::slug::{is_valid_slug, slugify};

/// A parsed source document: validated metadata and the rendered body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// Path relative to the pack root, for messages.
    pub path: PathBuf,
    /// Path relative to `content/`, the name other documents link to.
    pub content_path: String,
    /// The page's folder name under `documents/`.
    pub slug: String,
    /// What the front matter says.
    pub meta: Metadata,
    /// The rendered text.
    pub body: Body,
    /// A hash of the file's path and bytes: equal fingerprints, equal documents (for a given
    /// config). The path is included because the slug, and so every link to the document,
    /// derives from it.
    pub fingerprint: u64,
}

/// Validated front matter.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Metadata {
    /// The title.
    pub title: String,
    /// The document's date, at the precision written.
    pub date: Option<PartialDate>,
    /// How the date was arrived at.
    pub date_note: Option<String>,
    /// letter, debate, statement, …
    pub kind: Option<String>,
    /// Who wrote or said it.
    pub author: Option<String>,
    /// The author's role.
    pub author_role: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where the original is.
    pub source_url: Option<String>,
    /// The original's title or reference.
    pub source_title: Option<String>,
    /// A short summary.
    pub summary: Option<String>,
    /// Built only with `--drafts`.
    pub draft: bool,
    /// Orders documents of the same date.
    pub weight: i64,
    /// Topics.
    pub topics: Vec<String>,
    /// People.
    pub people: Vec<String>,
    /// Organisations.
    pub organisations: Vec<String>,
    /// Places.
    pub places: Vec<String>,
    /// Terms of other configured taxonomies.
    pub taxonomies: std::collections::BTreeMap<String, Vec<String>>,
    /// A short name for index locators and timeline entries.
    pub short_title: Option<String>,
    /// Curated timeline entries.
    pub events: Vec<CuratedEvent>,
    /// Whether the dates the text mentions go on the timeline.
    pub timeline: bool,
    /// Date mentions an editor rejects.
    pub timeline_ignore: Vec<String>,
    /// Free-form values for templates, as JSON.
    pub extra: serde_json::Value,
}

impl Metadata {
    /// Every (taxonomy, term) the front matter names: the four built-in taxonomies, then the
    /// `[taxonomies]` table.
    pub fn tags(&self) -> impl Iterator<Item = (&str, &str)> {
        [
            ("topics", &self.topics),
            ("people", &self.people),
            ("organisations", &self.organisations),
            ("places", &self.places),
        ]
        .into_iter()
        .chain(self.taxonomies.iter().map(|(k, v)| (k.as_str(), v)))
        .flat_map(|(taxonomy, names)| names.iter().map(move |n| (taxonomy, n.as_str())))
    }

    /// The short name for locators: `short_title`, or the title with the short date.
    pub fn label(&self) -> String {
        match (&self.short_title, self.date) {
            (Some(short), _) => short.clone(),
            (None, Some(date)) => format!("{}, {}", self.title, date.short()),
            (None, None) => self.title.clone(),
        }
    }
}

/// A timeline entry written by an editor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CuratedEvent {
    /// When it happened.
    pub date: PartialDate,
    /// When it ended.
    pub end: Option<PartialDate>,
    /// What happened.
    pub title: String,
    /// More detail.
    pub note: Option<String>,
}

/// Parses one source file. Every problem found is returned, not just the first.
pub fn parse_document(
    source: &SourceFile,
    bytes: &[u8],
    config: &Config,
) -> Result<Document, Vec<ContentError>> {
    let error = |span: Option<Range<usize>>, kind| ContentError {
        path: source.path.clone(),
        span,
        kind,
    };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        // Spans refer to the text as the error reporter shows it: the file read as lossy
        // UTF-8 and normalised, where the bad bytes are one replacement character.
        let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or_default();
        let start = normalize_text(valid).len();
        vec![error(
            Some(start..start + char::REPLACEMENT_CHARACTER.len_utf8()),
            ContentErrorKind::InvalidUtf8 {
                offset: e.valid_up_to(),
            },
        )]
    })?;
    let text = normalize_text(text);
    let split = split_front_matter(&text)
        .map_err(|span| vec![error(Some(span), ContentErrorKind::UnterminatedFrontMatter)])?;
    let front: FrontMatter = match split.front_matter {
        Some(toml_text) => toml::from_str(toml_text)
            .map_err(|e| vec![toml_error(&source.path, split.front_matter_offset, &e)])?,
        None => FrontMatter::default(),
    };
    let shift = |span: Range<usize>| {
        span.start + split.front_matter_offset..span.end + split.front_matter_offset
    };
    let mut errors = Vec::new();

    let mut body_text = split.body;
    let mut body_offset = split.body_offset;
    let title = match (&front.title, source.format) {
        (Some(title), _) if !title.get_ref().trim().is_empty() => {
            title.get_ref().trim().to_string()
        }
        (_, SourceFormat::PlainText) => {
            let (first_line, rest_offset) = first_line(body_text);
            body_offset += rest_offset;
            body_text = &body_text[rest_offset..];
            first_line
        }
        (Some(title), SourceFormat::Markdown) => {
            errors.push(error(
                Some(shift(title.span())),
                ContentErrorKind::MissingTitle,
            ));
            String::new()
        }
        (None, SourceFormat::Markdown) => {
            errors.push(error(
                split.front_matter.map(|_| 0..3),
                ContentErrorKind::MissingTitle,
            ));
            String::new()
        }
    };
    if title.is_empty() && source.format == SourceFormat::PlainText {
        errors.push(error(None, ContentErrorKind::MissingTitle));
    }

    let mut date_of = |raw: &Spanned<RawDate>| match to_partial_date(raw.get_ref()) {
        Ok(date) => Some(date),
        Err(e) => {
            errors.push(error(
                Some(shift(raw.span())),
                ContentErrorKind::InvalidDate(e),
            ));
            None
        }
    };
    let date = front.date.as_ref().and_then(&mut date_of);
    let events = curated_events(&front.events, &mut date_of);

    let slug = match &front.slug {
        Some(slug) if is_valid_slug(slug.get_ref()) => slug.get_ref().clone(),
        Some(slug) => {
            errors.push(error(
                Some(shift(slug.span())),
                ContentErrorKind::InvalidSlug(slug.get_ref().clone()),
            ));
            String::new()
        }
        None => slug_from_path(&source.content_path),
    };
    if let Some(url) = &front.source_url
        && !is_web_address(url.get_ref())
    {
        errors.push(error(
            Some(shift(url.span())),
            ContentErrorKind::UnsafeUrl(url.get_ref().clone()),
        ));
    }
    if !errors.is_empty() {
        return Err(errors);
    }

    let options = MarkdownOptions {
        smart_punctuation: config.markdown.smart_punctuation,
        allow_raw_html: config.markdown.allow_raw_html,
    };
    let limit = config.limits.max_nesting_depth;
    let mut body = match source.format {
        SourceFormat::Markdown => {
            check_nesting(body_text, body_offset, options, limit).map_err(|at| {
                let width = text[at..].chars().next().map_or(0, char::len_utf8);
                vec![error(
                    Some(at..at + width),
                    ContentErrorKind::TooDeep { limit },
                )]
            })?;
            render_markdown(body_text, body_offset, options)
        }
        SourceFormat::PlainText => render_plain_text(body_text, body_offset),
    };
    if let Some(url) = &front.source_url {
        body.web_links.insert(
            0,
            WebLink {
                url: url.get_ref().trim().to_string(),
                span: shift(url.span()),
            },
        );
    }
    let extra = serde_json::to_value(&front.extra).unwrap_or(serde_json::Value::Null);
    Ok(Document {
        path: source.path.clone(),
        content_path: source.content_path.clone(),
        slug,
        meta: Metadata {
            title,
            date,
            date_note: non_empty(front.date_note),
            kind: non_empty(front.kind),
            author: non_empty(front.author),
            author_role: non_empty(front.author_role),
            publisher: non_empty(front.publisher),
            source_url: non_empty(front.source_url.map(Spanned::into_inner)),
            source_title: non_empty(front.source_title),
            summary: non_empty(front.summary),
            draft: front.draft,
            weight: front.weight,
            topics: front.topics,
            people: front.people,
            organisations: front.organisations,
            places: front.places,
            taxonomies: front.taxonomies,
            short_title: non_empty(front.short_title),
            events,
            timeline: front.timeline.unwrap_or(true),
            timeline_ignore: front.timeline_ignore,
            extra,
        },
        body,
        fingerprint: fingerprint(&source.content_path, bytes),
    })
}

fn fingerprint(content_path: &str, bytes: &[u8]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(content_path.as_bytes());
    hasher.update(&[0]);
    hasher.update(bytes);
    hasher.digest()
}

fn curated_events(
    raw: &[RawEvent],
    date_of: &mut impl FnMut(&Spanned<RawDate>) -> Option<PartialDate>,
) -> Vec<CuratedEvent> {
    raw.iter()
        .filter_map(|event| {
            let date = date_of(&event.date);
            let end = event.end.as_ref().and_then(&mut *date_of);
            Some(CuratedEvent {
                date: date?,
                end,
                title: event.title.clone(),
                note: event.note.clone(),
            })
        })
        .collect()
}

fn to_partial_date(raw: &RawDate) -> Result<PartialDate, DateError> {
    match raw {
        RawDate::Toml(datetime) => match datetime.date {
            Some(d) => PartialDate::day(d.year.into(), d.month.into(), d.day.into()),
            None => Err(DateError::Format(datetime.to_string())),
        },
        RawDate::Text(text) => PartialDate::parse(text),
        RawDate::Year(year) => PartialDate::year(
            i32::try_from(*year).map_err(|_| DateError::Format(year.to_string()))?,
        ),
    }
}

/// The first non-blank line (trimmed) and the offset just past it.
fn first_line(text: &str) -> (String, usize) {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        if !line.trim().is_empty() {
            return (line.trim().to_string(), offset);
        }
    }
    (String::new(), offset)
}

fn slug_from_path(content_path: &str) -> String {
    let stem = content_path
        .rsplit('/')
        .next()
        .unwrap_or(content_path)
        .rsplit_once('.')
        .map_or(content_path, |(stem, _)| stem);
    slugify(stem)
}

fn non_empty(value: Option<String>) -> Option<String> {
    value.filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::date::Precision;
    use crate::source::test_source as source;

    fn parse(name: &str, text: &str) -> Result<Document, Vec<ContentError>> {
        parse_document(&source(name), text.as_bytes(), &Config::default())
    }

    #[test]
    fn front_matter_fields_are_read_with_date_precision() {
        let doc = parse(
            "a.md",
            "+++\ntitle = \"A\"\ndate = \"2017-01\"\nkind = \"letter\"\ntopics = [\"Ceasefire\"]\n+++\nText.\n",
        )
        .unwrap();
        assert_eq!(doc.meta.title, "A");
        assert_eq!(doc.meta.date.unwrap().precision(), Precision::Month);
        assert_eq!(doc.meta.kind.as_deref(), Some("letter"));
        assert_eq!(doc.slug, "a");
        assert_eq!(doc.body.blocks.len(), 1);
    }

    #[test]
    fn the_source_url_is_the_first_web_link() {
        let text = "+++\ntitle = \"A\"\nsource_url = \"https://x.org/s\"\n+++\nSee [b](https://y.org/b).\n";
        let doc = parse("a.md", text).unwrap();
        let links: Vec<(&str, &str)> = doc
            .body
            .web_links
            .iter()
            .map(|l| (l.url.as_str(), &text[l.span.clone()]))
            .collect();
        assert_eq!(
            links,
            [
                ("https://x.org/s", "\"https://x.org/s\""),
                ("https://y.org/b", "[b](https://y.org/b)"),
            ]
        );
    }

    #[test]
    fn bare_toml_dates_and_years_are_accepted() {
        let doc = parse("a.md", "+++\ntitle = \"A\"\ndate = 2016-10-18\n+++\n").unwrap();
        assert_eq!(doc.meta.date.unwrap().iso(), "2016-10-18");
        let doc = parse("a.md", "+++\ntitle = \"A\"\ndate = 2005\n+++\n").unwrap();
        assert_eq!(doc.meta.date.unwrap().iso(), "2005");
    }

    #[test]
    fn plain_text_without_front_matter_takes_its_title_from_the_first_line() {
        let doc = parse("note.txt", "\nA Title\n\nFirst paragraph.\n").unwrap();
        assert_eq!(doc.meta.title, "A Title");
        assert_eq!(doc.body.blocks.len(), 1);
        assert_eq!(doc.body.blocks[0].text, "First paragraph.");
    }

    #[test]
    fn several_errors_are_reported_together() {
        let text = "+++\ndate = \"2016-13-40\"\nslug = \"../../etc\"\n+++\n";
        let errors = parse("a.md", text).unwrap_err();
        assert_eq!(errors.len(), 3, "{errors:?}");
        let date_error = errors
            .iter()
            .find(|e| matches!(e.kind, ContentErrorKind::InvalidDate(_)))
            .unwrap();
        assert_eq!(&text[date_error.span.clone().unwrap()], "\"2016-13-40\"");
    }

    #[test]
    fn unknown_front_matter_key_is_located_and_suggested() {
        let text = "+++\ntitle = \"A\"\nauthr = \"B\"\n+++\n";
        let errors = parse("a.md", text).unwrap_err();
        assert_eq!(&text[errors[0].span.clone().unwrap()], "authr");
        assert_eq!(errors[0].help().as_deref(), Some("did you mean `author`?"));
    }

    #[test]
    fn invalid_utf8_names_the_offset() {
        let errors = parse_document(&source("a.md"), b"ok \xff", &Config::default()).unwrap_err();
        assert_eq!(errors[0].kind, ContentErrorKind::InvalidUtf8 { offset: 3 });
    }

    /// Regression (found by the front-matter property test): the span of bad UTF-8 was its
    /// byte offset in the file, but the reporter shows the normalised text, so after a
    /// byte-order mark or CRLF lines it pointed at the wrong line and column, and it ended
    /// inside the replacement character.
    #[test]
    fn invalid_utf8_after_bom_and_crlf_is_located_in_the_normalised_text() {
        let bytes = b"\xef\xbb\xbf+++\r\ntitle = \"A\"\r\n+++\r\nok \xff\r\n";
        let errors = parse_document(&source("a.md"), bytes, &Config::default()).unwrap_err();
        assert_eq!(errors[0].kind, ContentErrorKind::InvalidUtf8 { offset: 29 });
        let shown = normalize_text(&String::from_utf8_lossy(bytes)).into_owned();
        let bad = shown.find(char::REPLACEMENT_CHARACTER).unwrap();
        assert_eq!(errors[0].span, Some(bad..bad + 3));
    }

    #[test]
    fn crlf_and_bom_files_parse() {
        let doc = parse(
            "a.md",
            "\u{feff}+++\r\ntitle = \"A\"\r\n+++\r\nOne.\r\n\r\nTwo.\r\n",
        )
        .unwrap();
        assert_eq!(doc.body.blocks.len(), 2);
    }

    #[test]
    fn nesting_deeper_than_the_limit_is_an_error_at_its_place() {
        let text = "+++\ntitle = \"A\"\n+++\nFine.\n\n>>> deep\n";
        let mut config = Config::default();
        config.limits.max_nesting_depth = 3;
        let errors = parse_document(&source("a.md"), text.as_bytes(), &config).unwrap_err();
        assert_eq!(errors[0].kind, ContentErrorKind::TooDeep { limit: 3 });
        assert_eq!(&text[errors[0].span.clone().unwrap()], "d");
        config.limits.max_nesting_depth = 4;
        assert!(parse_document(&source("a.md"), text.as_bytes(), &config).is_ok());
    }

    #[test]
    fn slug_defaults_to_the_file_name() {
        let doc = parse("letters/Benn Letter.md", "+++\ntitle = \"A\"\n+++\n").unwrap();
        assert_eq!(doc.slug, "benn-letter");
    }
}
