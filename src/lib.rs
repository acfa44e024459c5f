//! Casebook builds public briefing packs: source documents (letters, debate transcripts,
//! statements, reports) rendered into a static site that readers can search, cite to the
//! paragraph and share, with a timeline and a topic index drawn from the texts themselves.
//!
//! The build is a pipeline of small stages over plain data:
//!
//! 1. [`config`]: `config.toml` → [`config::Config`]
//! 2. [`source`]: `content/` → source files → parsed [`source::Document`]s (front matter and
//!    a body rendered by [`markdown`] into numbered blocks). Pure per file, so cacheable.
//! 3. [`pack`]: all documents → the [`pack::Pack`] model (ordering, slugs, links resolved)
//! 4. [`render`]: the pack → pages through the theme's templates
//! 5. [`output`]: pages → the output folder, replaced only when the whole build succeeded
//!
//! [`pipeline::build`] runs them in order; `src/main.rs` is a thin CLI over it.

pub mod analyse;
pub mod check;
pub mod config;
pub mod date;
pub mod diagnostics;
pub mod edition;
pub mod error;
pub mod fingerprint;
pub mod init;
pub mod json_list;
pub mod markdown;
pub mod output;
pub mod pack;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub mod slug;
pub mod source;
pub mod timings;

pub use pipeline::{BuildOptions, BuildReport, Session, build};
