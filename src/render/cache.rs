//! Remembering rendered pages by the fingerprint of their inputs, so a rebuild renders only
//! pages whose inputs changed.

use std::sync::Arc;

use rustc_hash::{FxHashMap, FxHashSet};

use crate::edition::KeptDrafts;
use crate::output::{OutputFile, SharedBytes};
use crate::search::KeptWords;

/// Rendered pages by output path, with the fingerprint of what they were rendered from.
/// Every page a render makes is recorded, even one whose inputs could not be fingerprinted
/// (it is never taken from here), so that the cache holds exactly the pages made whenever it
/// holds as many.
#[derive(Debug, Default)]
pub struct RenderCache {
    pages: FxHashMap<Arc<str>, CachedPage>,
    /// The sizes of the pages forgotten by the last [`clear`](Self::clear), until the next
    /// render has made them again.
    sizes: FxHashMap<Arc<str>, usize>,
}

/// A page's bytes and the fingerprint of its inputs, if they have one.
type CachedPage = (Option<u64>, SharedBytes);

impl RenderCache {
    /// Forgets everything.
    pub fn clear(&mut self) {
        self.pages.clear();
        self.sizes.clear();
    }

    /// Forgets every page (after a config or template change, which renders them all again),
    /// keeping only its size for [`size_hint`](Self::size_hint).
    pub fn forget_pages(&mut self) {
        self.sizes = self
            .pages
            .drain()
            .map(|(path, (_, bytes))| (path, bytes.len()))
            .collect();
    }

    /// How long the page at `path` was when last rendered (0 if never), for the buffer of
    /// its next rendering: a page rendered into a buffer that grows by doubling is copied
    /// about once more on the way, and a large page's every copy lands in fresh memory.
    pub fn size_hint(&self, path: &str) -> usize {
        match self.pages.get(path) {
            Some((_, bytes)) => bytes.len(),
            None => self.sizes.get(path).copied().unwrap_or(0),
        }
    }

    /// The page at `path` if it was rendered from inputs with this fingerprint.
    pub fn get(&self, path: &str, fingerprint: u64) -> Option<SharedBytes> {
        self.pages
            .get(path)
            .filter(|(f, _)| *f == Some(fingerprint))
            .map(|(_, bytes)| Arc::clone(bytes))
    }

    /// Records a freshly rendered page, and the fingerprint of its inputs if they have one.
    pub fn insert(&mut self, path: Arc<str>, fingerprint: Option<u64>, bytes: SharedBytes) {
        self.pages.insert(path, (fingerprint, bytes));
    }

    /// Drops the pages that are not among those a render `made`, so the cache does not grow
    /// without bound. Each page made is recorded (rendered now, or recorded when it was
    /// rendered and found since), so a cache with as many pages as were made has no others:
    /// after most edits there is nothing to look up.
    pub fn keep_only(&mut self, made: &[OutputFile]) {
        debug_assert!(made.iter().all(|f| self.pages.contains_key(&*f.path)));
        self.sizes = FxHashMap::default();
        if self.pages.len() == made.len() {
            return;
        }
        let live: FxHashSet<&str> = made.iter().map(|f| &*f.path).collect();
        self.pages.retain(|path, _| live.contains(&**path));
    }
}

/// The files made from the whole pack that a rebuild takes from the last build when what
/// they are made from is unchanged (a template change, for one): the data exports, by path,
/// and the search index, all its files at once (their number and names follow the content).
#[derive(Default)]
pub struct KeptExports {
    /// `index.json` and the timeline exports.
    pub data: RenderCache,
    search: Option<(u64, Vec<OutputFile>)>,
    /// The print edition's parts as rewritten, when kept (see [`keep_for_rebuilds`]).
    ///
    /// [`keep_for_rebuilds`]: Self::keep_for_rebuilds
    pub print: Option<KeptDrafts>,
    /// The words the search index read from each document, when kept (see
    /// [`keep_for_rebuilds`]).
    ///
    /// [`keep_for_rebuilds`]: Self::keep_for_rebuilds
    pub words: Option<KeptWords>,
}

impl KeptExports {
    /// Forgets what was made under the old config or vocabulary (after either changes). The
    /// documents' words stay: they are found by all they were read from, settings included.
    pub fn clear(&mut self) {
        self.data.clear();
        self.search = None;
        if let Some(print) = &mut self.print {
            *print = KeptDrafts::default();
        }
    }

    /// Keeps the print edition's parts and the search index's words of each document from
    /// now on, for a session that will build again: hundreds of megabytes on a large pack,
    /// which a one-off build does not hold.
    pub fn keep_for_rebuilds(&mut self) {
        self.print.get_or_insert_with(KeptDrafts::default);
        self.words.get_or_insert_with(KeptWords::default);
    }

    /// The search index's files if they were made under `key`.
    pub fn search(&self, key: u64) -> Option<Vec<OutputFile>> {
        let (kept, files) = self.search.as_ref()?;
        (*kept == key).then(|| files.clone())
    }

    /// Records the search index's files, made under `key`.
    pub fn keep_search(&mut self, key: u64, files: &[OutputFile]) {
        self.search = Some((key, files.to_vec()));
    }
}

/// The input fingerprints of one render's pages that are fingerprinted from their inputs
/// (term and year pages), by output path. Computing them reads every mention and event of
/// the pack; a rebuild takes those of the pages an edit cannot have touched from here.
#[derive(Debug, Default, Clone)]
pub struct PageInputs(FxHashMap<Arc<str>, u64>);

impl PageInputs {
    /// The inputs fingerprint recorded for the page at `path`.
    pub fn get(&self, path: &str) -> Option<u64> {
        self.0.get(path).copied()
    }

    /// Records the inputs fingerprint of the page at `path`.
    pub fn insert(&mut self, path: Arc<str>, inputs: u64) {
        self.0.insert(path, inputs);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(path: &str) -> OutputFile {
        OutputFile::new(path, path.as_bytes().to_vec())
    }

    fn record(cache: &mut RenderCache, file: &OutputFile, fingerprint: Option<u64>) {
        cache.insert(file.path.clone(), fingerprint, Arc::clone(&file.bytes));
    }

    #[test]
    fn a_page_is_taken_only_for_the_fingerprint_it_was_rendered_from() {
        let mut cache = RenderCache::default();
        let (a, b) = (page("a.html"), page("b.html"));
        record(&mut cache, &a, Some(1));
        record(&mut cache, &b, None);
        assert_eq!(
            cache.get("a.html", 1).as_deref().map(Vec::as_slice),
            Some(&b"a.html"[..])
        );
        assert_eq!(cache.get("a.html", 2), None);
        assert_eq!(cache.get("b.html", 1), None, "no fingerprint, never taken");
    }

    #[test]
    fn the_search_index_is_kept_for_its_key_until_cleared() {
        let mut exports = KeptExports::default();
        assert!(exports.search(1).is_none());
        let files = [page("search/a.js"), page("search/b.js")];
        exports.keep_search(1, &files);
        let kept = exports.search(1).expect("kept under key 1");
        assert_eq!(kept.len(), 2);
        assert!(
            Arc::ptr_eq(&kept[1].bytes, &files[1].bytes),
            "shared, not copied"
        );
        assert!(exports.search(2).is_none());
        exports.clear();
        assert!(exports.search(1).is_none());
    }

    #[test]
    fn pages_no_longer_made_are_dropped_and_those_made_kept() {
        let mut cache = RenderCache::default();
        let (a, b, c) = (page("a.html"), page("b.html"), page("c.html"));
        for file in [&a, &b, &c] {
            record(&mut cache, file, Some(1));
        }
        cache.keep_only(&[a.clone(), b.clone(), c.clone()]);
        assert_eq!(cache.pages.len(), 3);
        // c is no longer made; d is new, and made without a fingerprint.
        let d = page("d.html");
        record(&mut cache, &d, None);
        cache.keep_only(&[a, b, d]);
        assert_eq!(cache.get("c.html", 1), None);
        assert_eq!(
            cache.get("a.html", 1).as_deref().map(Vec::as_slice),
            Some(&b"a.html"[..])
        );
        assert_eq!(cache.pages.len(), 3);
    }

    #[test]
    fn forgotten_pages_leave_their_sizes_until_made_again() {
        let mut cache = RenderCache::default();
        let a = page("a.html");
        record(&mut cache, &a, Some(1));
        cache.forget_pages();
        assert_eq!(cache.get("a.html", 1), None);
        assert_eq!(cache.size_hint("a.html"), "a.html".len());
        assert_eq!(cache.size_hint("b.html"), 0);
        record(&mut cache, &a, Some(2));
        cache.keep_only(std::slice::from_ref(&a));
        cache.clear();
        assert_eq!(cache.size_hint("a.html"), 0, "clear forgets sizes too");
    }
}
