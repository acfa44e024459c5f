//! Rendering the pack into the files of the site, through the theme's templates.

mod cache;
mod data;
mod documents;
mod feeds;
mod handoff;
mod layout;
mod pages;
mod print;
mod reuse;
mod search;
mod shared;
mod site;
mod splice;
mod theme;
mod timeline;
mod topics;
mod views;
mod watchdog;

pub use cache::{KeptExports, PageInputs, RenderCache};
pub use documents::DocumentPages;
pub use handoff::{Handoff, KeepFiles};
pub use layout::{document_anchor, edition_layout};
pub use print::{PRINT_PATH, pages_print_reads};
pub use reuse::EarlierRender;
pub use site::{Generation, RenderOptions, Rendered, render_pack_files, render_pages};
pub use theme::{TEMPLATE_NAMES, Theme, load_theme};
pub use views::{DateView, DocumentSummary, DocumentView, PageView, SiteView, document_url};
