//! `pack.json`: the pack as data, for others to reuse.

use serde::Serialize;

use super::handoff::Handoff;
use super::views::document_url;
use crate::error::BuildError;
use crate::json_list::json_list;
use crate::output::OutputFile;
use crate::pack::Pack;
use crate::source::Metadata;

#[derive(Serialize)]
struct PackHead<'a> {
    title: &'a str,
    description: &'a str,
    base_url: String,
    language: &'a str,
    author: &'a str,
    publisher: &'a str,
    generator: String,
}

#[derive(Serialize)]
struct DocumentData<'a> {
    slug: &'a str,
    url: String,
    source_file: &'a str,
    date_precision: Option<crate::date::Precision>,
    #[serde(flatten)]
    meta: &'a Metadata,
    paragraphs: Vec<ParagraphData<'a>>,
}

#[derive(Serialize)]
struct ParagraphData<'a> {
    id: &'a str,
    text: &'a str,
}

/// The path of [`pack_json`]'s file.
pub const PACK_JSON: &str = "pack.json";

/// The pack's metadata and every document's metadata and ¶-numbered text, in reading order:
/// `{"title",…,"generator","documents":[…]}`.
pub fn pack_json(pack: &Pack, handoff: &dyn Handoff) -> Result<Vec<OutputFile>, BuildError> {
    let config = &pack.config;
    let head = PackHead {
        title: &config.title,
        description: &config.description,
        base_url: config.base_url_with_slash(),
        language: &config.language,
        author: &config.author,
        publisher: &config.publisher,
        generator: format!("Casebook {}", env!("CARGO_PKG_VERSION")),
    };
    let head = serde_json::to_string(&head).expect("pack data serialises");
    let open = format!(
        r#"{},"documents":["#,
        head.strip_suffix('}').unwrap_or(&head)
    );
    let list = json_list(
        &open,
        &pack.documents,
        |_, doc| DocumentData {
            slug: &doc.slug,
            url: document_url(&doc.slug),
            source_file: &doc.content_path,
            date_precision: doc.meta.date.map(|d| d.precision()),
            meta: &doc.meta,
            paragraphs: doc
                .body
                .blocks
                .iter()
                .map(|b| ParagraphData {
                    id: &b.id,
                    text: &b.text,
                })
                .collect(),
        },
        "]}",
    );
    handoff.stream(PACK_JSON, &mut list.parts())
}
