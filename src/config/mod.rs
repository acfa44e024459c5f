//! The pack's settings, read from `config.toml` at the pack root.
//!
//! Every key has a default, so a config holding only `title` is a working pack. Unknown keys
//! are errors, with the closest valid key suggested: a misspelt setting that is silently
//! ignored is worse than none.

mod limits;
mod load;

pub use limits::{LimitsConfig, MAX_NESTING_CEILING};
pub use load::{CACHE_DIR, CONFIG_FILE, load_config, parse_config};

use serde::{Deserialize, Serialize};

use crate::analyse::dates::DateOrder;
use crate::search::SearchConfig;

/// Everything `config.toml` can say.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Config {
    /// The pack's title, shown on every page.
    pub title: String,
    /// One or two sentences on what the pack is about.
    pub description: String,
    /// Where the site will be hosted, e.g. `https://example.org/aleppo/`; used for canonical
    /// links and citations only, never for links between pages.
    pub base_url: String,
    /// The pack's language as a BCP 47 tag, e.g. `en-GB`.
    pub language: String,
    /// The theme's folder name under `themes/`; `default` is built in.
    pub theme: String,
    /// Where the site is written, relative to the pack root.
    pub output_dir: String,
    /// Who compiled the pack.
    pub author: String,
    /// Who publishes the pack.
    pub publisher: String,
    /// How Markdown is rendered.
    pub markdown: MarkdownConfig,
    /// The topic index.
    pub topics: TopicsConfig,
    /// The timeline.
    pub timeline: TimelineConfig,
    /// Full-text search.
    pub search: SearchConfig,
    /// What the written files look like.
    pub output: OutputConfig,
    /// How big, deep and slow the pack's inputs may be.
    pub limits: LimitsConfig,
}

/// The `[output]` section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct OutputConfig {
    /// Minify every HTML page and CSS file. Off by default: readable output is easier to check
    /// and to diff, and the sites are small; hosts that charge by the byte can turn it on.
    pub minify: bool,
}

/// The `[timeline]` section.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TimelineConfig {
    /// Find the dates the texts mention (documents can opt out with `timeline = false`).
    pub extract: bool,
    /// How to read numeric dates like 18/10/2016: `day-first` or `month-first`.
    pub order: DateOrder,
}

impl Default for TimelineConfig {
    fn default() -> Self {
        Self {
            extract: true,
            order: DateOrder::DayFirst,
        }
    }
}

/// The `[topics]` section.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct TopicsConfig {
    /// The taxonomies of the index, in display order. `topics`, `people`, `organisations` and
    /// `places` are front-matter keys; any other name is given in a document's
    /// `[taxonomies]` table.
    pub taxonomies: Vec<String>,
    /// The vocabulary file, relative to the pack root; a pack without it indexes only its
    /// front-matter terms.
    pub vocabulary: String,
    /// Suggest recurring proper-noun phrases found in at least this many documents.
    pub suggest_min_documents: usize,
}

impl Default for TopicsConfig {
    fn default() -> Self {
        Self {
            taxonomies: ["topics", "people", "organisations", "places"]
                .map(String::from)
                .to_vec(),
            vocabulary: "index.toml".into(),
            suggest_min_documents: 2,
        }
    }
}

/// The `[markdown]` section.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Turn straight quotes, `--` and `...` into typographic ones. Off by default because a
    /// briefing pack quotes sources exactly.
    pub smart_punctuation: bool,
    /// The syntect theme whose colours style fenced code (e.g. `InspiredGitHub`).
    pub highlight_theme: String,
    /// The syntect theme used when the reader prefers a dark colour scheme.
    pub highlight_theme_dark: String,
    /// Publish raw HTML and link addresses in Markdown as written, without sanitising. Only
    /// for packs whose every source is trusted.
    pub allow_raw_html: bool,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            title: "Untitled pack".into(),
            description: String::new(),
            base_url: String::new(),
            language: "en".into(),
            theme: "default".into(),
            output_dir: "public".into(),
            author: String::new(),
            publisher: String::new(),
            markdown: MarkdownConfig::default(),
            topics: TopicsConfig::default(),
            timeline: TimelineConfig::default(),
            search: SearchConfig::default(),
            output: OutputConfig::default(),
            limits: LimitsConfig::default(),
        }
    }
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        Self {
            smart_punctuation: false,
            highlight_theme: "InspiredGitHub".into(),
            highlight_theme_dark: "base16-ocean.dark".into(),
            allow_raw_html: false,
        }
    }
}

impl Config {
    /// `base_url` with exactly one trailing slash, or empty when none is set.
    pub fn base_url_with_slash(&self) -> String {
        let trimmed = self.base_url.trim().trim_end_matches('/');
        if trimmed.is_empty() {
            String::new()
        } else {
            format!("{trimmed}/")
        }
    }
}
