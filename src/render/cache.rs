//! Remembering rendered pages by the fingerprint of their inputs, so a rebuild renders only
//! pages whose inputs changed.

use std::sync::Arc;

use rustc_hash::FxHashMap;

/// Rendered pages by output path, with the fingerprint of what they were rendered from.
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: FxHashMap<String, (u64, Arc<[u8]>)>,
}

impl RenderCache {
    /// Forgets everything (after a config or template change).
    pub fn clear(&mut self) {
        self.pages.clear();
    }

    /// The page at `path` if it was rendered from inputs with this fingerprint.
    pub fn get(&self, path: &str, fingerprint: u64) -> Option<Arc<[u8]>> {
        self.pages
            .get(path)
            .filter(|(f, _)| *f == fingerprint)
            .map(|(_, bytes)| Arc::clone(bytes))
    }

    /// Records a freshly rendered page.
    pub fn insert(&mut self, path: String, fingerprint: u64, bytes: Arc<[u8]>) {
        self.pages.insert(path, (fingerprint, bytes));
    }

    /// Drops pages that are no longer produced, so the cache does not grow without bound.
    pub fn retain(&mut self, keep: impl Fn(&str) -> bool) {
        self.pages.retain(|path, _| keep(path));
    }
}

/// The input fingerprints of one render's pages that are fingerprinted from their inputs
/// (term and year pages), by output path. Computing them reads every mention and event of
/// the pack; a rebuild takes those of the pages an edit cannot have touched from here.
#[derive(Debug, Default, Clone)]
pub struct PageInputs(FxHashMap<String, u64>);

impl PageInputs {
    /// The inputs fingerprint recorded for the page at `path`.
    pub fn get(&self, path: &str) -> Option<u64> {
        self.0.get(path).copied()
    }

    /// Records the inputs fingerprint of the page at `path`.
    pub fn insert(&mut self, path: String, inputs: u64) {
        self.0.insert(path, inputs);
    }
}
