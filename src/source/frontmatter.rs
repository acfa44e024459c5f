//! TOML front matter between `+++` lines, as Zola and Hugo write it.

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

/// The front matter as written, before validation.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The document's title.
    pub title: Option<Spanned<String>>,
    /// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, as a TOML date or a string.
    pub date: Option<Spanned<RawDate>>,
    /// How the date was arrived at, e.g. "undated; inferred from the text".
    pub date_note: Option<String>,
    /// letter, debate, statement, report, article, …
    pub kind: Option<String>,
    /// Who wrote or said it.
    pub author: Option<String>,
    /// The author's role, e.g. "MP for Leeds Central".
    pub author_role: Option<String>,
    /// Who published it.
    pub publisher: Option<String>,
    /// Where the original can be found.
    pub source_url: Option<Spanned<String>>,
    /// The original's own title or reference.
    pub source_title: Option<String>,
    /// One or two sentences for lists and previews.
    pub summary: Option<String>,
    /// The page's name in URLs; defaults to the file name.
    pub slug: Option<Spanned<String>>,
    /// Drafts are built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Orders documents that share a date.
    #[serde(default)]
    pub weight: i64,
    /// Topic index terms.
    #[serde(default)]
    pub topics: Vec<String>,
    /// People the document is about.
    #[serde(default)]
    pub people: Vec<String>,
    /// Organisations the document is about.
    #[serde(default)]
    pub organisations: Vec<String>,
    /// Places the document is about.
    #[serde(default)]
    pub places: Vec<String>,
    /// Terms of taxonomies other than the four above, configured in `[topics]`.
    #[serde(default)]
    pub taxonomies: std::collections::BTreeMap<String, Vec<String>>,
    /// A short name for index locators and timeline entries, e.g. "Benn letter, Jan 2017".
    pub short_title: Option<String>,
    /// Curated timeline entries.
    #[serde(default)]
    pub events: Vec<RawEvent>,
    /// `false` keeps the dates this document's text mentions off the timeline.
    pub timeline: Option<bool>,
    /// Date mentions an editor rejects, by their words ("next month") or date ("2005").
    #[serde(default)]
    pub timeline_ignore: Vec<String>,
    /// Free-form values for templates (e.g. a Hansard volume for citations).
    #[serde(default)]
    pub extra: toml::Table,
}

/// A date as TOML can hold it: a bare date, a string, or a bare year.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDate {
    /// `date = 2016-10-18` (a time, if given, is ignored).
    Toml(toml::value::Datetime),
    /// `date = "2017-01"`.
    Text(String),
    /// `date = 2005`.
    Year(i64),
}

/// A curated `[[events]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvent {
    /// When it happened.
    pub date: Spanned<RawDate>,
    /// When it ended, for a span of time.
    pub end: Option<Spanned<RawDate>>,
    /// What happened.
    pub title: String,
    /// More detail.
    pub note: Option<String>,
}

/// A file split into its front matter and body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SplitSource<'a> {
    /// The TOML between the `+++` lines, if any.
    pub front_matter: Option<&'a str>,
    /// Offset of the front matter in the file.
    pub front_matter_offset: usize,
    /// Everything after the closing `+++` line.
    pub body: &'a str,
    /// Offset of the body in the file.
    pub body_offset: usize,
}

/// Splits front matter from the body. `Err` holds the span of an opening `+++` that is never
/// closed.
pub fn split_front_matter(text: &str) -> Result<SplitSource<'_>, Range<usize>> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "+++" {
        return Ok(SplitSource {
            front_matter: None,
            front_matter_offset: 0,
            body: text,
            body_offset: 0,
        });
    }
    let fm_start = (first_line_end + 1).min(text.len());
    let mut offset = fm_start;
    for line in text[fm_start..].split_inclusive('\n') {
        if line.trim_end() == "+++" {
            let body_offset = offset + line.len();
            return Ok(SplitSource {
                front_matter: Some(&text[fm_start..offset]),
                front_matter_offset: fm_start,
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(0..first_line_end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_body() {
        let split = split_front_matter("+++\ntitle = \"x\"\n+++\nBody\n").unwrap();
        assert_eq!(split.front_matter, Some("title = \"x\"\n"));
        assert_eq!(split.front_matter_offset, 4);
        assert_eq!(split.body, "Body\n");
        assert_eq!(split.body_offset, 20);
    }

    #[test]
    fn no_front_matter_means_all_body() {
        let split = split_front_matter("Just text\n").unwrap();
        assert_eq!(split.front_matter, None);
        assert_eq!(split.body, "Just text\n");
    }

    #[test]
    fn unterminated_front_matter_points_at_the_opening_line() {
        assert_eq!(split_front_matter("+++\ntitle = \"x\"\n"), Err(0..3));
        assert_eq!(split_front_matter("+++"), Err(0..3));
    }

    #[test]
    fn closing_line_may_be_the_last_without_newline() {
        let split = split_front_matter("+++\n+++").unwrap();
        assert_eq!(split.front_matter, Some(""));
        assert_eq!(split.body, "");
    }
}
