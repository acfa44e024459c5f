//! The print edition, `/print/`: every document in pack order on one page, with a table of
//! contents, then the timeline and the topic index, for printing or saving as a PDF.

use std::borrow::Cow;
use std::sync::Arc;

use rustc_hash::FxHashSet;
use serde::Serialize;
use tera::Context;

use super::handoff::Handoff;
use super::layout::{document_anchor, edition_layout};
use super::splice::{marker, splice};
use super::theme::{PRINT_TEMPLATE, Theme};
use super::views::{DocumentSummary, PageView, SiteView};
use crate::edition::{KeptDrafts, Layout, Outside, Rewriter, files_by_path, part_contents};
use crate::error::BuildError;
use crate::output::OutputFile;
use crate::pack::Pack;

/// The print edition's path from the site root.
pub const PRINT_PATH: &str = "print/";

/// A part of the print edition: its anchor and its HTML.
#[derive(Debug, Clone, Serialize)]
pub struct PrintPart {
    /// The part's id on the page.
    pub anchor: String,
    /// The page's `<main>` content, its ids prefixed and its links pointed within the page.
    pub html: String,
}

/// A document in the print edition.
#[derive(Debug, Clone, Serialize)]
pub struct PrintDocument {
    /// For the table of contents.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// The document's part.
    #[serde(flatten)]
    pub part: PrintPart,
}

/// Renders `print/index.html` from the already rendered pages in `files`, through the
/// theme's `print.html`, which sees `documents`, `timeline` and `topics`. A template that only
/// shows each part's HTML runs with a marker for it, and the HTML is spliced in afterwards
/// (see [`splice`]), the page going to `handoff` in pieces; any other template, or one whose
/// markers did not come out once each and in order, runs with the HTML itself. The parts'
/// rewriting is taken from, and left in, `kept` when there is one.
pub fn render_print(
    pack: &Pack,
    theme: &Theme,
    site: &SiteView,
    page: &PageView,
    files: &[OutputFile],
    kept: Option<&mut KeptDrafts>,
    handoff: &dyn Handoff,
) -> Result<Vec<OutputFile>, BuildError> {
    let layout = edition_layout(pack, false);
    let files = files_by_path(files);
    let contents = part_contents(&layout, &files, "print edition")?;
    let mut rewriter = Rewriter::new(&layout, Vec::new(), Outside::Page(PRINT_PATH));
    let htmls: Vec<Arc<String>> = match kept {
        Some(kept) => rewriter.rewrite_parts_keeping(&layout, &contents, kept),
        None => {
            let parts = rewriter.rewrite_parts(&layout, &contents);
            parts.into_iter().map(Arc::new).collect()
        }
    };
    let path = format!("{PRINT_PATH}index.html");
    if theme.print_shows_parts_only {
        let markers = (0..htmls.len()).map(marker).collect();
        let rendered = render_parts(pack, theme, site, page, &layout, markers)?;
        let parts: Vec<&str> = htmls.iter().map(|html| html.as_str()).collect();
        if let Some(pieces) = splice(&rendered, &parts) {
            return handoff.stream(&path, &mut pieces.into_iter().map(Cow::Borrowed));
        }
    }
    let htmls = htmls.into_iter().map(Arc::unwrap_or_clone).collect();
    let html = render_parts(pack, theme, site, page, &layout, htmls)?;
    handoff.files(vec![OutputFile::new(path, html.into_bytes())])
}

/// The pages the print edition is made from (none when the theme has no print template),
/// by output path.
pub fn pages_print_reads(pack: &Pack, theme: &Theme) -> FxHashSet<String> {
    if !theme.has_print {
        return FxHashSet::default();
    }
    edition_layout(pack, false)
        .parts
        .into_iter()
        .map(|part| format!("{}index.html", part.path))
        .collect()
}

/// The print template rendered with `htmls` as the parts' HTML, in layout order.
fn render_parts(
    pack: &Pack,
    theme: &Theme,
    site: &SiteView,
    page: &PageView,
    layout: &Layout,
    htmls: Vec<String>,
) -> Result<String, BuildError> {
    let mut parts = layout
        .parts
        .iter()
        .zip(htmls)
        .map(|(part, html)| PrintPart {
            anchor: part.anchor.clone(),
            html,
        });
    let documents: Vec<PrintDocument> = pack
        .documents
        .iter()
        .zip(parts.by_ref())
        .map(|(doc, part)| {
            debug_assert_eq!(part.anchor, document_anchor(&doc.slug));
            PrintDocument {
                summary: DocumentSummary::new(doc),
                part,
            }
        })
        .collect();
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("page", page);
    context.insert("documents", &documents);
    context.insert("timeline", &parts.next());
    context.insert("topics", &parts.next());
    theme.render(PRINT_TEMPLATE, &context)
}
