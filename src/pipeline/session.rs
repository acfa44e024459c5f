//! A build session: the pipeline's stages plus the caches that let a rebuild redo only what
//! changed.
//!
//! Invariant: whatever sequence of changes a session has seen, its output is byte for byte
//! what a fresh session (a clean `casebook build`) produces from the same files. Caches are
//! keyed by content (file hashes, page fingerprints), never by time stamps.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use super::changes::{ChangeKind, classify_change};
use super::{BuildOptions, BuildReport, PagesWritten};
use crate::analyse::index::{Matcher, Vocabulary};
use crate::analyse::{AnalysisTimes, DocumentAnalysis, analyse_document, load_vocabulary};
use crate::config::{Config, load_config};
use crate::error::{BuildError, ContentError, ContentErrorKind};
use crate::json_list::join;
use crate::output::{
    OutputFile, StagedOutput, WriteOutcome, Writer, check_output_location, minify_files,
};
use crate::pack::Pack;
use crate::render::{
    DocumentPages, EarlierRender, Generation, Handoff, KeepFiles, KeptExports, PageInputs,
    RenderCache, RenderOptions, Rendered, Theme, document_url, load_theme, pages_print_reads,
    render_pack_files, render_pages,
};
use crate::source::{
    CONTENT_DIR, Document, ReadFailure, SourceFile, discover_sources, parse_document,
    read_source_bytes,
};
use crate::timings::Timings;

/// Config, vocabulary and theme; `generation` says which loading of them this is.
struct Loaded {
    config: Config,
    vocabulary: Vocabulary,
    matcher: Arc<Matcher>,
    theme: Theme,
    output_dir: PathBuf,
    generation: Generation,
}

/// A pack and its rendered site.
pub struct RenderedPack {
    /// The pack the site was rendered from.
    pub pack: Arc<Pack>,
    /// The site's files.
    pub rendered: Rendered,
    /// How many source files were parsed for it (the rest came from the cache).
    pub parsed: usize,
}

/// One source file's last parse and analysis, with the hash of the bytes it came from.
struct CachedSource {
    hash: u64,
    result: Result<Analysed, Vec<ContentError>>,
}

/// A parsed document and what analysis found in it.
type Analysed = (Arc<Document>, Arc<DocumentAnalysis>);

/// A pack being built, possibly many times.
pub struct Session {
    options: BuildOptions,
    loaded: Option<Loaded>,
    generation: Generation,
    stale_theme: StaleTheme,
    sources: BTreeMap<String, (SourceFile, CachedSource)>,
    discovery_errors: Vec<ContentError>,
    discovered: bool,
    pending: BTreeSet<PathBuf>,
    edited: BTreeMap<String, String>,
    /// For each source whose latest version does not parse, its last version that did: what
    /// the preview still shows, so the save that repairs it can land on what changed since.
    last_parsed: BTreeMap<String, Arc<Document>>,
    renders: RenderCache,
    /// The data exports of the last build, by what they were made from.
    exports: KeptExports,
    writer: Writer,
    /// The last render: the next build keeps its topic index and timeline when no edit
    /// could have changed them, and the fingerprints of the pages no edit reached.
    last: Option<LastRender>,
    /// The render before the last, freed only once a rebuild's pages are written and
    /// announced: freeing a large pack's model takes time the preview should not wait for.
    retired: Option<LastRender>,
}

/// How much of the loaded theme a change made stale (config and vocabulary stay).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum StaleTheme {
    /// Nothing.
    No,
    /// Its static files: copied again, no page rendered again.
    Static,
    /// Its templates: every page is rendered again, from the same pack.
    Templates,
}

/// A render's pack and page fingerprints, with what it was rendered with.
struct LastRender {
    generation: Generation,
    options: RenderOptions,
    pack: Arc<Pack>,
    inputs: PageInputs,
    documents: DocumentPages,
}

impl Session {
    /// A session that has built nothing yet.
    pub fn new(options: BuildOptions) -> Self {
        Self {
            options,
            loaded: None,
            generation: Generation::default(),
            stale_theme: StaleTheme::No,
            sources: BTreeMap::new(),
            discovery_errors: Vec::new(),
            discovered: false,
            pending: BTreeSet::new(),
            edited: BTreeMap::new(),
            last_parsed: BTreeMap::new(),
            renders: RenderCache::default(),
            exports: KeptExports::default(),
            writer: Writer::default(),
            last: None,
            retired: None,
        }
    }

    /// The output folder, once the config has been read.
    pub fn output_dir(&self) -> Option<&Path> {
        self.loaded.as_ref().map(|l| l.output_dir.as_path())
    }

    /// Whether a change to `path` matters to the build (it is not in the output folder, in a
    /// hidden file, or outside what a pack reads).
    pub fn reads(&self, path: &Path) -> bool {
        self.classify(path) != ChangeKind::Ignored
    }

    /// Notes that these paths changed; the next [`build`](Self::build) re-reads what they
    /// affect. Returns whether any of them matters to the build.
    pub fn invalidate(&mut self, paths: &[PathBuf]) -> bool {
        let mut relevant = false;
        for path in paths {
            match self.classify(path) {
                ChangeKind::Config => self.invalidate_all(),
                ChangeKind::Templates => self.stale_theme = StaleTheme::Templates,
                ChangeKind::Static => self.stale_theme = self.stale_theme.max(StaleTheme::Static),
                ChangeKind::Content => {
                    self.pending
                        .insert(std::path::absolute(path).unwrap_or(path.clone()));
                }
                ChangeKind::Ignored => continue,
            }
            relevant = true;
        }
        relevant
    }

    /// Forgets everything read, so the next build reads the whole pack again: for when the
    /// watcher lost track of what changed.
    pub fn invalidate_all(&mut self) {
        self.loaded = None;
        self.sources.clear();
        self.discovered = false;
    }

    fn classify(&self, path: &Path) -> ChangeKind {
        let root = std::path::absolute(&self.options.root).unwrap_or(self.options.root.clone());
        let output = self
            .output_dir()
            .map(|o| std::path::absolute(o).unwrap_or(o.to_path_buf()))
            .unwrap_or_else(|| root.join("public"));
        let absolute = std::path::absolute(path).unwrap_or(path.to_path_buf());
        classify_change(&root, &output, &absolute)
    }

    /// Builds the site, reusing whatever is still valid from earlier builds. On error nothing
    /// is written.
    pub fn build(&mut self) -> Result<BuildReport, BuildError> {
        self.build_pages_first(|_| {})
    }

    /// Builds like [`build`](Self::build), but when the output folder holds this session's
    /// last build, writes the pages as soon as they are rendered and calls `pages_written`,
    /// before making the files drawn from the whole pack (search index, print edition, data
    /// exports, feeds), which take longer: a preview can reload the edited page meanwhile.
    pub fn build_pages_first(
        &mut self,
        pages_written: impl FnOnce(&PagesWritten<'_>),
    ) -> Result<BuildReport, BuildError> {
        let started = Instant::now();
        let mut timings = Timings::default();
        let options = RenderOptions::hosted();
        let RenderedPack {
            pack,
            mut rendered,
            parsed,
        } = self.render_pages(&options, &mut timings)?;
        let minify = pack.config.output.minify;
        let minified = |files: Vec<OutputFile>, timings: &mut Timings| {
            if minify {
                timings.time("minify", || minify_files(files))
            } else {
                Ok(files)
            }
        };
        // The print edition reads the pages as the templates made them; unminified, they are
        // also what is written.
        let minified_pages = if minify {
            Some(minified(rendered.files.clone(), &mut timings)?)
        } else {
            None
        };
        let pages = minified_pages.as_deref().unwrap_or(&rendered.files);
        let loaded = self.loaded.as_ref().expect("loaded by render");
        let early = timings.time("write pages", || {
            self.writer.write_some(&loaded.output_dir, pages)
        })?;
        if let Some(early) = &early {
            pages_written(&PagesWritten {
                changed_paths: &early.changed_paths,
                edited: &self.edited,
            });
        }
        self.retired = None;
        self.exports.keep_for_rebuilds();
        let more = render_pack_files(
            &pack,
            &loaded.theme,
            &options,
            &mut rendered,
            &mut self.exports,
            &KeepFiles,
            &mut timings,
        )?;
        let mut files = minified_pages.unwrap_or_else(|| std::mem::take(&mut rendered.files));
        files.extend(minified(more, &mut timings)?);
        let mut writes = timings.time("write", || self.writer.write(&loaded.output_dir, &files))?;
        if let Some(early) = early {
            writes.report.written += early.report.written;
            writes.report.unchanged -= early.report.written;
            writes.changed_paths.extend(early.changed_paths);
            writes.changed_paths.sort();
        }
        Ok(self.report(&pack, parsed, rendered.rendered, writes, started, timings))
    }

    /// Builds once, writing each file as soon as it is made and keeping only the pages the
    /// print edition is made from, until it is made: memory then holds the pack and the
    /// files being made rather than the whole site, and nothing is kept for a next build that
    /// will not come. The files are staged beside the output folder until the build has
    /// succeeded (see [`StagedOutput`]).
    pub fn build_once(mut self) -> Result<BuildReport, BuildError> {
        let started = Instant::now();
        let mut timings = Timings::default();
        let options = RenderOptions::hosted();
        let RenderedPack {
            pack,
            mut rendered,
            parsed,
        } = self.render_pages(&options, &mut timings)?;
        self.last = None;
        self.retired = None;
        self.renders.clear();
        let loaded = self.loaded.as_ref().expect("loaded by render");
        let output = StagedOutput::begin(&loaded.output_dir)?;
        let write = WriteAsMade {
            output: &output,
            minify: pack.config.output.minify,
        };
        timings.time("write pages", || write.files(rendered.files.clone()))?;
        // The print edition reads its pages as the templates made them; no other page is
        // needed again.
        let print_reads = pages_print_reads(&pack, &loaded.theme);
        rendered
            .files
            .retain(|file| print_reads.contains(&*file.path));
        let more = render_pack_files(
            &pack,
            &loaded.theme,
            &options,
            &mut rendered,
            &mut self.exports,
            &write,
            &mut timings,
        )?;
        timings.time("write", || write.files(more))?;
        let writes = timings.time("put the new site in place", || output.finish())?;
        Ok(self.report(&pack, parsed, rendered.rendered, writes, started, timings))
    }

    /// What a build that parsed `parsed` sources and rendered `rendered` pages anew did.
    fn report(
        &mut self,
        pack: &Pack,
        parsed: usize,
        rendered: usize,
        writes: WriteOutcome,
        started: Instant,
        timings: Timings,
    ) -> BuildReport {
        let suggested_terms = if self.options.suggest_terms {
            pack.candidate_terms()
        } else {
            Vec::new()
        };
        BuildReport {
            documents: pack.documents.len(),
            parsed,
            files: writes.report.written + writes.report.unchanged,
            rendered,
            changed_paths: writes.changed_paths,
            edited: std::mem::take(&mut self.edited),
            writes: writes.report,
            unresolved_dates: pack.unresolved_dates(),
            suggested_terms,
            output_dir: self.output_dir().map(Path::to_path_buf).unwrap_or_default(),
            elapsed: started.elapsed(),
            timings,
        }
    }

    /// Renders the site in memory, as the templates make it (not yet minified), reusing
    /// whatever is still valid from earlier builds.
    pub fn render(
        &mut self,
        options: &RenderOptions,
        timings: &mut Timings,
    ) -> Result<RenderedPack, BuildError> {
        let mut rendered = self.render_pages(options, timings)?;
        let loaded = self.loaded.as_ref().expect("loaded by render_pages");
        self.exports.keep_for_rebuilds();
        let more = render_pack_files(
            &rendered.pack,
            &loaded.theme,
            options,
            &mut rendered.rendered,
            &mut self.exports,
            &KeepFiles,
            timings,
        )?;
        rendered.rendered.files.extend(more);
        self.retired = None;
        Ok(rendered)
    }

    /// Brings the pack up to date and renders its pages (not the files drawn from the whole
    /// pack).
    fn render_pages(
        &mut self,
        options: &RenderOptions,
        timings: &mut Timings,
    ) -> Result<RenderedPack, BuildError> {
        timings.time("load config, vocabulary and theme", || self.load())?;
        let parsed = self.sync_sources(timings);
        let documents = self.documents()?;
        let loaded = self.loaded.as_ref().expect("loaded above");
        let last = self.last.as_ref();
        let same_pack = last.filter(|last| last.generation.pack == loaded.generation.pack);
        let pack = timings
            .time("assemble pack, timeline and topic index", || {
                Pack::assemble(
                    loaded.config.clone(),
                    documents,
                    self.options.drafts,
                    &loaded.vocabulary,
                    same_pack.map(|last| last.pack.as_ref()),
                )
            })
            .map_err(BuildError::Content)?;
        let earlier = last
            .filter(|last| last.generation.pack == loaded.generation.pack)
            .filter(|last| last.options == *options)
            .map(|last| EarlierRender {
                pack: &last.pack,
                inputs: &last.inputs,
                documents: (last.generation.pages == loaded.generation.pages)
                    .then_some(&last.documents),
            });
        let mut rendered = render_pages(
            &pack,
            &loaded.theme,
            options,
            loaded.generation,
            &mut self.renders,
            earlier,
            timings,
        )?;
        let pack = Arc::new(pack);
        self.retired = self.last.replace(LastRender {
            generation: loaded.generation,
            options: options.clone(),
            pack: Arc::clone(&pack),
            inputs: std::mem::take(&mut rendered.inputs),
            documents: std::mem::take(&mut rendered.documents),
        });
        Ok(RenderedPack {
            pack,
            rendered,
            parsed,
        })
    }

    /// Loads config and theme if a change (or the first build) requires it.
    fn load(&mut self) -> Result<(), BuildError> {
        if let Some(loaded) = &mut self.loaded {
            if self.stale_theme > StaleTheme::No {
                loaded.theme = load_theme(
                    &self.options.root,
                    &loaded.config.theme,
                    loaded.config.limits.render_time(),
                )?;
                if self.stale_theme == StaleTheme::Templates {
                    self.generation.pages += 1;
                    loaded.generation = self.generation;
                    self.renders.forget_pages();
                }
                self.stale_theme = StaleTheme::No;
            }
            return Ok(());
        }
        let mut config = load_config(&self.options.root)?;
        if let Some(base_url) = &self.options.base_url {
            config.base_url = base_url.clone();
        }
        let output_dir = match &self.options.output {
            Some(path) => path.clone(),
            None => self.options.root.join(&config.output_dir),
        };
        check_output_location(&self.options.root, &output_dir)?;
        let (vocabulary, matcher) =
            load_vocabulary(&self.options.root, &config).map_err(BuildError::Content)?;
        let theme = load_theme(
            &self.options.root,
            &config.theme,
            config.limits.render_time(),
        )?;
        self.generation.pack += 1;
        self.generation.pages += 1;
        self.stale_theme = StaleTheme::No;
        self.renders.forget_pages();
        self.exports.clear();
        self.loaded = Some(Loaded {
            config,
            vocabulary,
            matcher: Arc::new(matcher),
            theme,
            output_dir,
            generation: self.generation,
        });
        Ok(())
    }

    /// Brings the parsed sources up to date; returns how many files were parsed.
    fn sync_sources(&mut self, timings: &mut Timings) -> usize {
        let started = Instant::now();
        let root = self.options.root.clone();
        let loaded = self.loaded.as_ref().expect("loaded");
        let config = loaded.config.clone();
        let matcher = Arc::clone(&loaded.matcher);
        let pending = std::mem::take(&mut self.pending);
        let targeted = self.discovered && pending.iter().all(|p| is_source_path(p));
        let candidates: Vec<SourceFile> = if targeted {
            let content = std::path::absolute(root.join(CONTENT_DIR)).unwrap_or_default();
            pending
                .iter()
                .filter_map(|p| source_for(&content, p))
                .collect()
        } else {
            let (sources, errors) = discover_sources(&root);
            self.discovery_errors = errors;
            let keep: BTreeSet<&str> = sources.iter().map(|s| s.content_path.as_str()).collect();
            self.sources.retain(|path, _| keep.contains(path.as_str()));
            self.last_parsed
                .retain(|path, _| keep.contains(path.as_str()));
            self.discovered = true;
            sources
        };
        timings.add("discover", started.elapsed());
        let started = Instant::now();
        let results: Vec<(SourceFile, Option<CachedSource>, DocumentTimes)> = candidates
            .into_par_iter()
            .map(|source| {
                let cached = self.sources.get(&source.content_path).map(|(_, c)| c.hash);
                let mut times = DocumentTimes::default();
                let refreshed = read_source(&root, &source, &config, &matcher, cached, &mut times);
                (source, refreshed, times)
            })
            .collect();
        timings.add("read, parse and analyse (wall)", started.elapsed());
        let mut parsed = 0;
        for (source, refreshed, times) in results {
            times.add_to(timings);
            match refreshed {
                Some(cached) if cached.hash == MISSING => {
                    self.sources.remove(&source.content_path);
                    self.last_parsed.remove(&source.content_path);
                }
                Some(cached) => {
                    parsed += 1;
                    let path = &source.content_path;
                    let before = self
                        .sources
                        .get(path)
                        .and_then(|(_, old)| old.result.as_ref().ok())
                        .map(|(doc, _)| Arc::clone(doc));
                    match &cached.result {
                        Ok((new, _)) => {
                            let old = before.or_else(|| self.last_parsed.remove(path));
                            if let Some(block) = old.and_then(|old| first_changed_block(&old, new))
                            {
                                self.edited.insert(
                                    format!("{}index.html", document_url(&new.slug)),
                                    block,
                                );
                            }
                        }
                        Err(_) => {
                            if let Some(old) = before {
                                self.last_parsed.insert(path.clone(), old);
                            }
                        }
                    }
                    self.sources.insert(path.clone(), (source, cached));
                }
                None => {}
            }
        }
        parsed
    }

    /// The parsed documents, or every error found in them.
    fn documents(&self) -> Result<Vec<Analysed>, BuildError> {
        let mut errors = self.discovery_errors.clone();
        let mut documents = Vec::with_capacity(self.sources.len());
        for (_, cached) in self.sources.values() {
            match &cached.result {
                Ok((doc, analysis)) => documents.push((Arc::clone(doc), Arc::clone(analysis))),
                Err(errs) => errors.extend(errs.iter().cloned()),
            }
        }
        if errors.is_empty() {
            Ok(documents)
        } else {
            Err(BuildError::Content(errors))
        }
    }
}

/// Writes each file of a one-off build as it is made, keeping none.
struct WriteAsMade<'a> {
    output: &'a StagedOutput,
    minify: bool,
}

impl Handoff for WriteAsMade<'_> {
    fn keeps_pages(&self) -> bool {
        false
    }

    fn files(&self, files: Vec<OutputFile>) -> Result<Vec<OutputFile>, BuildError> {
        let files = if self.minify {
            minify_files(files)?
        } else {
            files
        };
        self.output.put_all(&files)?;
        Ok(Vec::new())
    }

    fn stream(
        &self,
        path: &str,
        parts: &mut dyn Iterator<Item = Cow<'_, [u8]>>,
    ) -> Result<Vec<OutputFile>, BuildError> {
        if self.minify {
            return self.files(vec![OutputFile::new(path, join(parts))]);
        }
        self.output.put_stream(path, parts)?;
        Ok(Vec::new())
    }
}

/// The id of the first block whose text differs between two versions of a document.
fn first_changed_block(old: &Document, new: &Document) -> Option<String> {
    let old_blocks = &old.body.blocks;
    new.body
        .blocks
        .iter()
        .enumerate()
        .find(|(i, block)| old_blocks.get(*i).is_none_or(|o| o.text != block.text))
        .map(|(_, block)| block.id.clone())
}

/// CPU time one document spent in each per-document stage.
#[derive(Default)]
struct DocumentTimes {
    parse: Duration,
    analysis: AnalysisTimes,
}

impl DocumentTimes {
    fn add_to(&self, timings: &mut Timings) {
        timings.add("  parse and render Markdown (CPU)", self.parse);
        timings.add("  dates (CPU)", self.analysis.dates);
        timings.add("  index terms (CPU)", self.analysis.index);
    }
}

/// The hash recorded for a file that no longer exists.
const MISSING: u64 = 0;

/// Reads and parses a source unless its bytes hash to `cached_hash`. `None` means the cache
/// is still right; a result with hash [`MISSING`] means the file is gone.
fn read_source(
    root: &Path,
    source: &SourceFile,
    config: &Config,
    matcher: &Matcher,
    cached_hash: Option<u64>,
    times: &mut DocumentTimes,
) -> Option<CachedSource> {
    let path = root.join(&source.path);
    let limit = config.limits.max_document_bytes;
    let bytes = match read_source_bytes(&path, limit) {
        Ok(bytes) => bytes,
        Err(ReadFailure::Io(e))
            if e.kind() == std::io::ErrorKind::NotFound && !path.is_symlink() =>
        {
            return Some(CachedSource {
                hash: MISSING,
                result: Err(Vec::new()),
            });
        }
        Err(failure) => {
            let kind = match failure {
                ReadFailure::Io(e) => ContentErrorKind::Unreadable(e.to_string()),
                ReadFailure::TooLarge(size) => ContentErrorKind::TooLarge { size, limit },
            };
            return Some(CachedSource {
                hash: u64::MAX,
                result: Err(vec![ContentError::file(source.path.clone(), kind)]),
            });
        }
    };
    let hash = xxhash_rust::xxh3::xxh3_64(&bytes).max(1);
    if cached_hash == Some(hash) {
        return None;
    }
    Some(CachedSource {
        hash,
        result: {
            let started = Instant::now();
            let parsed = parse_document(source, &bytes, config);
            times.parse += started.elapsed();
            parsed.map(|doc| {
                let analysis = analyse_document(&doc, matcher, config, &mut times.analysis);
                (Arc::new(doc), Arc::new(analysis))
            })
        },
    })
}

/// Whether a changed path can be handled by re-reading just that file (a `.md` or `.txt`
/// that is a file or is gone); folders and other changes need a full discovery.
fn is_source_path(path: &Path) -> bool {
    let source_like = matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("md" | "txt")
    );
    source_like && !path.is_dir() && !path.is_symlink()
}

fn source_for(content: &Path, path: &Path) -> Option<SourceFile> {
    let relative = path.strip_prefix(content).ok()?;
    crate::source::source_file(content, &content.join(relative))
}
