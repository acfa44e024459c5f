//! Template pages remembered by a fingerprint of their whole context, so a rebuild re-renders
//! only the pages whose data changed.
//!
//! A page is a pure function of its template (fixed for a `generation` of config and theme)
//! and the values it is rendered with, so hashing those values says whether the last
//! rendering still holds. Hashing a view costs a fraction of turning it into Tera values
//! and running the template, which is what a cache hit saves; on a large pack an edit
//! touches a handful of term and timeline pages out of thousands.

use std::io;
use std::sync::Arc;

use serde::Serialize;
use tera::Context;
use xxhash_rust::xxh3::Xxh3;

use super::cache::{PageInputs, RenderCache};
use super::shared::insert_view;
use super::theme::Theme;
use super::views::{PageView, SiteView};
use crate::error::BuildError;
use crate::output::OutputFile;

/// A page of the site, whether it came from the cache, and the fingerprint of its inputs
/// when it was rendered from them.
pub(super) struct RenderedPage {
    pub file: OutputFile,
    pub origin: Origin,
    pub inputs: Option<u64>,
}

/// Where a page's bytes came from.
pub(super) enum Origin {
    Cached,
    /// Rendered now; to be remembered under this fingerprint, if it has one.
    Rendered(Option<u64>),
}

/// Renders pages that share a theme and site, consulting a cache it only reads (pages render
/// in parallel); the caller records the fresh ones with [`remember`].
pub(super) struct PageRenderer<'a> {
    pub theme: &'a Theme,
    pub site: &'a SiteView,
    pub cache: &'a RenderCache,
    /// The hash of the generation and the site, which every page's fingerprint starts from
    /// (`None` when the site cannot be serialised: then nothing is cached).
    shared: Option<u64>,
}

impl<'a> PageRenderer<'a> {
    /// A renderer for the pages of `site` in this `generation` of config and theme.
    pub fn new(
        theme: &'a Theme,
        site: &'a SiteView,
        generation: u64,
        cache: &'a RenderCache,
    ) -> Self {
        let mut hasher = HashingWriter(Xxh3::new());
        hasher.0.update(&generation.to_le_bytes());
        let shared = serde_json::to_writer(&mut hasher, site)
            .ok()
            .map(|()| hasher.0.digest());
        Self {
            theme,
            site,
            cache,
            shared,
        }
    }

    /// The page at `output` rendered from `template` with `site`, `page` and `value` under
    /// `key`, or the cached bytes when all of these are what they were.
    pub fn render<T: Serialize + ?Sized>(
        &self,
        output: String,
        template: &str,
        page: &PageView,
        key: &'static str,
        value: &T,
    ) -> Result<RenderedPage, BuildError> {
        let fingerprint = self.fingerprint(template, page, key, value);
        self.cached_or_rendered(output, template, page, fingerprint, |context| {
            if !key.is_empty() {
                insert_view(context, key, value);
            }
        })
    }

    /// Like [`render`](Self::render) for a page whose view is costly to build: `inputs`
    /// must be a fingerprint of everything `view` reads, so that on a cache hit the view is
    /// never built.
    pub fn render_from_inputs<T: Serialize>(
        &self,
        output: String,
        template: &str,
        page: &PageView,
        key: &'static str,
        inputs: u64,
        view: impl FnOnce() -> T,
    ) -> Result<RenderedPage, BuildError> {
        let fingerprint = self.fingerprint(template, page, key, &inputs);
        let mut rendered =
            self.cached_or_rendered(output, template, page, fingerprint, |context| {
                insert_view(context, key, &view());
            })?;
        rendered.inputs = Some(inputs);
        Ok(rendered)
    }

    fn cached_or_rendered(
        &self,
        output: String,
        template: &str,
        page: &PageView,
        fingerprint: Option<u64>,
        fill: impl FnOnce(&mut Context),
    ) -> Result<RenderedPage, BuildError> {
        if let Some(bytes) = fingerprint.and_then(|f| self.cache.get(&output, f)) {
            return Ok(RenderedPage {
                file: OutputFile::shared(output, bytes),
                origin: Origin::Cached,
                inputs: None,
            });
        }
        let mut context = Context::new();
        context.insert("site", self.site);
        context.insert("page", page);
        fill(&mut context);
        let capacity = self.cache.size_hint(&output);
        let html = self.theme.render_sized(template, &context, capacity)?;
        Ok(RenderedPage {
            file: OutputFile::new(output, html.into_bytes()),
            origin: Origin::Rendered(fingerprint),
            inputs: None,
        })
    }

    fn fingerprint<T: Serialize + ?Sized>(
        &self,
        template: &str,
        page: &PageView,
        key: &str,
        value: &T,
    ) -> Option<u64> {
        let mut hasher = HashingWriter(Xxh3::new());
        hasher.0.update(&self.shared?.to_le_bytes());
        // A view that cannot be serialised has no fingerprint: it is always rendered, and
        // Tera reports the problem.
        serde_json::to_writer(&mut hasher, &(template, page, key, value)).ok()?;
        Some(hasher.0.digest())
    }
}

/// Records the pages rendered afresh, counting them in `rendered`, and the inputs of those
/// rendered from inputs, and returns the files in their original order.
pub(super) fn remember(
    cache: &mut RenderCache,
    inputs: &mut PageInputs,
    pages: Vec<RenderedPage>,
    rendered: &mut usize,
) -> Vec<OutputFile> {
    pages
        .into_iter()
        .map(|page| {
            if let Some(fingerprint) = page.inputs {
                inputs.insert(page.file.path.clone(), fingerprint);
            }
            if let Origin::Rendered(fingerprint) = page.origin {
                *rendered += 1;
                let bytes = Arc::clone(&page.file.bytes);
                cache.insert(page.file.path.clone(), fingerprint, bytes);
            }
            page.file
        })
        .collect()
}

/// Feeds serialised bytes straight into a hash, so no copy of the view is kept.
struct HashingWriter(Xxh3);

impl io::Write for HashingWriter {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        self.0.update(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}
