//! The HTML site: front page, one page per document, 404 page, feeds, data and assets.

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use tera::Context;

use super::cache::{KeptExports, PageInputs, RenderCache};
use super::data::{PACK_JSON, pack_json};
use super::documents::{DocumentPages, EarlierPages, render_document_pages};
use super::feeds::{atom_feed, robots, sitemap};
use super::handoff::Handoff;
use super::pages::{PageRenderer, RenderedPage, remember};
use super::print::{PRINT_PATH, render_print};
use super::reuse::{EarlierRender, Reuse};
use super::search::{kind_options, search_files};
use super::theme::Theme;
use super::timeline::{
    EventLookup, TIMELINE_EXPORTS, split_by_year, timeline_exports, timeline_page_inputs,
    timeline_page_view, timeline_pages,
};
use super::topics::{
    INDEX_JSON, TermPageSources, index_json, index_page_inputs, index_view, term_page_inputs,
    term_page_view, term_url,
};
use super::views::{DocumentSummary, PageView, SiteView};
use crate::edition::KeptDrafts;
use crate::error::BuildError;
use crate::fingerprint::Fingerprint;
use crate::markdown::syntax_css;
use crate::output::OutputFile;
use crate::pack::Pack;
use crate::timings::Timings;

/// Choices that change how pages link to each other and what they carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Appended to folder links: empty for hosting, `index.html` for opening from file://.
    pub index_file: String,
    /// Build the search index and the search box (when the config has search on).
    pub search: bool,
    /// For pages merged into one file: search results link to the edition's in-page
    /// anchors (`#doc-<slug>-p3`), which start with this.
    pub anchor_prefix: Option<String>,
}

impl RenderOptions {
    /// For a web server, which shows `index.html` for a folder's address.
    pub fn hosted() -> Self {
        Self {
            index_file: String::new(),
            search: true,
            anchor_prefix: None,
        }
    }

    /// For reading from a folder (file://), where nothing resolves a folder to its
    /// `index.html`, so every link names its file.
    pub fn offline() -> Self {
        Self {
            index_file: "index.html".into(),
            search: true,
            anchor_prefix: None,
        }
    }

    /// For the pages merged into the single-file edition: offline links, and search results
    /// that point at the edition's own anchors.
    pub fn single_file() -> Self {
        Self {
            anchor_prefix: Some(super::layout::DOCUMENT_ANCHOR_PREFIX.to_string()),
            ..Self::offline()
        }
    }

    fn is_offline(&self) -> bool {
        !self.index_file.is_empty()
    }
}

/// Counters of what a render is made from besides the sources: each goes up when that input
/// is loaded again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Generation {
    /// Config and vocabulary: the pack model and the data exports drawn from it (a template
    /// change leaves both as they were).
    pub pack: u64,
    /// Config, vocabulary and theme: every page.
    pub pages: u64,
}

/// The files of a site and how many pages had to be rendered for it.
#[derive(Debug, Clone)]
pub struct Rendered {
    /// Every file, in a fixed order.
    pub files: Vec<OutputFile>,
    /// Pages rendered now rather than taken from the cache.
    pub rendered: usize,
    /// The input fingerprints of the term and year pages, for the next render to reuse.
    pub inputs: PageInputs,
    /// The document pages (also in `files`), for the next render to keep.
    pub documents: DocumentPages,
    /// What the data exports are made from.
    pub data_keys: DataKeys,
}

/// Fingerprints of everything `index.json`, the two timeline exports, `pack.json` and the
/// search index are made from. The first two are drawn from the page inputs the render
/// computed anyway: every term page's inputs cover all `index.json` says of its term, and
/// every year page's inputs all the timeline says of its events. `pack.json` and the search
/// index read documents only, so their key is every document's fingerprint (path and
/// bytes), in reading order. With `generation.pack` (config and vocabulary, not the theme)
/// added in, a rebuild whose keys are unchanged, a template change included, takes those
/// files (hundreds of megabytes on a large pack) from the last build.
#[derive(Debug, Clone, Copy, Default)]
pub struct DataKeys {
    index: u64,
    /// `None` when the timeline is one page, which is fingerprinted by its view.
    timeline: Option<u64>,
    documents: u64,
}

impl DataKeys {
    /// The key of the export at `path`, if it is one that can be kept.
    fn of(&self, path: &str) -> Option<u64> {
        if path == INDEX_JSON {
            Some(self.index)
        } else if TIMELINE_EXPORTS.contains(&path) {
            self.timeline
        } else if path == PACK_JSON {
            Some(self.documents)
        } else {
            None
        }
    }
}

fn site_view(pack: &Pack, options: &RenderOptions) -> SiteView {
    let mut site = SiteView::new(&pack.config);
    site.search &= options.search;
    site
}

/// Renders the site's pages: documents, front page, topic index and term pages, timeline,
/// search and 404. Pages whose inputs are unchanged since they were cached (same
/// `generation.pages` of config and theme, same fingerprints) are reused; the rest are
/// rendered in parallel. The result is in a fixed order so output never depends on timing.
///
/// `earlier` is the last render with the same `generation.pack` and `options`, if any: the
/// term and year pages no changed document reaches are looked up by the fingerprints it
/// recorded (after a template change, all of them), and its document pages are kept where
/// they still hold.
pub fn render_pages(
    pack: &Pack,
    theme: &Theme,
    options: &RenderOptions,
    generation: Generation,
    cache: &mut RenderCache,
    earlier: Option<EarlierRender<'_>>,
    timings: &mut Timings,
) -> Result<Rendered, BuildError> {
    let started = Instant::now();
    let site = site_view(pack, options);
    let earlier_pages = earlier.and_then(|earlier| {
        Some(EarlierPages {
            pack: earlier.pack,
            pages: earlier.documents?,
        })
    });
    let (documents, mut rendered) = render_document_pages(
        pack,
        theme,
        &site,
        options,
        generation.pages,
        cache,
        earlier_pages,
    )?;
    timings.add("render document pages", started.elapsed());

    let renderer = PageRenderer::new(theme, &site, generation.pages, cache);
    let reuse = earlier.and_then(|earlier| Reuse::new(pack, earlier));
    let mut pages = vec![render_index(
        pack,
        &documents.summaries,
        &renderer,
        options,
    )?];
    let (topics, index_key) = timings.time("render topic index pages", || {
        render_topics(pack, &renderer, reuse.as_ref(), options)
    })?;
    pages.extend(topics);
    let (timeline, timeline_key) = timings.time("render timeline pages", || {
        render_timeline(pack, &renderer, reuse.as_ref(), options)
    })?;
    pages.extend(timeline);
    if site.search {
        pages.push(render_search_page(pack, &renderer, options)?);
    }
    pages.push(render_not_found(&renderer, options)?);
    let mut inputs = PageInputs::default();
    let mut files = remember(cache, &mut inputs, pages, &mut rendered);
    files.extend(documents.files.iter().cloned());
    cache.keep_only(&files);
    let key = |inputs: u64| {
        Fingerprint::default()
            .number(generation.pack)
            .number(inputs)
    };
    Ok(Rendered {
        files,
        rendered,
        inputs,
        documents,
        data_keys: DataKeys {
            index: key(index_key).finish(),
            timeline: timeline_key.map(|inputs| key(inputs).finish()),
            documents: pack
                .documents
                .iter()
                .fold(key(0), |key, doc| key.number(doc.fingerprint))
                .finish(),
        },
    })
}

/// The files made from the whole pack and its `rendered` pages: the search index, the print
/// edition, the data exports, feeds, and the theme's assets. The first three, and the
/// assets, go to `handoff` as each is made. The search index and the index and timeline
/// exports are taken from `exports` when their [`DataKeys`] are unchanged; the rest change
/// with any document.
///
/// The print edition reads the pages of its layout (see [`pages_print_reads`](super::print::pages_print_reads)) from
/// `rendered.files`, which need hold no other page, and are left empty when `handoff` does
/// not keep pages.
pub fn render_pack_files(
    pack: &Pack,
    theme: &Theme,
    options: &RenderOptions,
    rendered: &mut Rendered,
    exports: &mut KeptExports,
    handoff: &dyn Handoff,
    timings: &mut Timings,
) -> Result<Vec<OutputFile>, BuildError> {
    let pages = rendered.files.as_slice();
    let keys = rendered.data_keys;
    let site = site_view(pack, options);
    let started = Instant::now();
    let mut kept_print = exports.print.take();
    let mut kept_words = exports.words.take();
    let mut search_index = || {
        let started = Instant::now();
        let search = if site.search {
            let kept = exports.search(keys.documents);
            handoff.files(kept.unwrap_or_else(|| search_files(pack, kept_words.as_mut())))
        } else {
            Ok(Vec::new())
        };
        (search, started.elapsed())
    };
    let mut print_and_data = || {
        rayon::join(
            || {
                let started = Instant::now();
                let print = if theme.has_print {
                    let kept = kept_print.as_mut();
                    print_edition(pack, theme, &site, options, pages, kept, handoff)
                } else {
                    Ok(Vec::new())
                };
                (print, started.elapsed())
            },
            || {
                let started = Instant::now();
                let data = data_files(pack, theme, keys, &exports.data, handoff);
                (data, started.elapsed())
            },
        )
    };
    // The search index, the print edition and the data files each read the whole pack and
    // nothing of each other, so they are made side by side; unless the pages are not wanted
    // after the print edition: then it comes first, and its pages are dropped before the
    // search index is made, whose memory would otherwise come on top of theirs.
    let ((search, search_time), ((print, print_time), (data, data_time))) = if handoff.keeps_pages()
    {
        rayon::join(search_index, print_and_data)
    } else {
        let print_and_data = print_and_data();
        rendered.files = Vec::new();
        (search_index(), print_and_data)
    };
    exports.print = kept_print;
    exports.words = kept_words;
    timings.add("search index", search_time);
    timings.add("print edition", print_time);
    timings.add("data exports", data_time);
    let mut files = search?;
    if !files.is_empty() {
        exports.keep_search(keys.documents, &files);
    }
    let (data, assets) = data?;
    for file in data.iter().chain(&assets) {
        if let Some(key) = keys.of(&file.path) {
            exports
                .data
                .insert(file.path.clone(), Some(key), Arc::clone(&file.bytes));
        }
    }
    files.extend(data);
    files.extend(print?);
    files.push(atom_feed(pack));
    let print_pages: &[&str] = if theme.has_print { &[PRINT_PATH] } else { &[] };
    files.extend(sitemap(pack, print_pages));
    files.push(robots(pack));
    files.extend(assets);
    timings.add(
        "search index, print edition, feeds, data and assets",
        started.elapsed(),
    );
    Ok(files)
}

/// The print edition: every page of the site (`files`) merged into one.
fn print_edition(
    pack: &Pack,
    theme: &Theme,
    site: &SiteView,
    options: &RenderOptions,
    files: &[OutputFile],
    kept: Option<&mut KeptDrafts>,
    handoff: &dyn Handoff,
) -> Result<Vec<OutputFile>, BuildError> {
    let print_page = page_view(
        site,
        PRINT_PATH,
        "Print edition",
        "Every document of the pack on one page, with the timeline and the topic index.",
        options,
    );
    render_print(pack, theme, site, &print_page, files, kept, handoff)
}

/// The pack as data (`timeline.json`, its TimelineJS twin, `index.json`), and after the
/// feeds, `pack.json` (each from `exports` when made from the same `keys`), the syntax
/// colours and the theme's static files.
fn data_files(
    pack: &Pack,
    theme: &Theme,
    keys: DataKeys,
    exports: &RenderCache,
    handoff: &dyn Handoff,
) -> Result<(Vec<OutputFile>, Vec<OutputFile>), BuildError> {
    let kept = |path: &str| {
        let bytes = keys.of(path).and_then(|key| exports.get(path, key))?;
        Some(OutputFile {
            path: path.into(),
            bytes,
        })
    };
    let timeline_files = || match TIMELINE_EXPORTS.map(kept) {
        [Some(json), Some(timelinejs)] => handoff.files(vec![json, timelinejs]),
        _ => timeline_exports(pack, handoff),
    };
    let index_file = || match kept(INDEX_JSON) {
        Some(index) => handoff.files(vec![index]),
        None => index_json(pack, handoff),
    };
    let pack_file = || match kept(PACK_JSON) {
        Some(file) => handoff.files(vec![file]),
        None => pack_json(pack, handoff),
    };
    let (timeline, (index, pack_data)) =
        rayon::join(timeline_files, || rayon::join(index_file, pack_file));
    let mut exports = timeline?;
    exports.extend(index?);
    let mut assets = pack_data?;
    let markdown = &pack.config.markdown;
    let css =
        syntax_css(&markdown.highlight_theme, &markdown.highlight_theme_dark).map_err(|e| {
            BuildError::Template {
                template: "syntax.css".into(),
                report: format!("{e} (set [markdown] highlight_theme in config.toml)"),
            }
        })?;
    assets.push(OutputFile::new("syntax.css", css.into_bytes()));
    assets.extend(
        theme
            .static_files
            .iter()
            .map(|(path, bytes)| OutputFile::new(path.as_str(), bytes.as_slice())),
    );
    Ok((exports, handoff.files(assets)?))
}

pub(super) fn page_view(
    site: &SiteView,
    path: &str,
    title: &str,
    description: &str,
    options: &RenderOptions,
) -> PageView {
    PageView {
        root: root_of(path),
        path: path.to_string(),
        index_file: options.index_file.clone(),
        anchor_prefix: options.anchor_prefix.clone(),
        canonical: if site.base_url.is_empty() {
            String::new()
        } else {
            format!("{}{}", site.base_url, path)
        },
        title: title.to_string(),
        description: description.to_string(),
        og_type: if path.starts_with("documents/") {
            "article"
        } else {
            "website"
        },
    }
}

/// The way up to the site root from the page at `path` (`documents/x/` → `../../`).
fn root_of(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

pub(super) fn render(
    theme: &Theme,
    template: &str,
    context: &Context,
) -> Result<String, BuildError> {
    theme.render(template, context)
}

pub(super) fn base_context(site: &SiteView, page: &PageView) -> Context {
    let mut context = Context::new();
    context.insert("site", site);
    context.insert("page", page);
    context
}

/// The front page, listing every document: `summaries` are the digests of what it shows of
/// each ([`DocumentSummary::digest`]).
fn render_index(
    pack: &Pack,
    summaries: &[u64],
    renderer: &PageRenderer,
    options: &RenderOptions,
) -> Result<RenderedPage, BuildError> {
    let site = renderer.site;
    let page = page_view(site, "", &site.title, &site.description, options);
    let inputs = summaries
        .iter()
        .fold(Fingerprint::default(), |f, &digest| f.number(digest))
        .finish();
    renderer.render_from_inputs(
        "index.html".into(),
        "index.html",
        &page,
        "documents",
        inputs,
        || {
            pack.documents
                .par_iter()
                .map(|d| DocumentSummary::new(d))
                .collect::<Vec<_>>()
        },
    )
}

/// `/search/`: the search page, whose address with `?q=…` can be shared.
fn render_search_page(
    pack: &Pack,
    renderer: &PageRenderer,
    options: &RenderOptions,
) -> Result<RenderedPage, BuildError> {
    let page = page_view(
        renderer.site,
        "search/",
        "Search",
        "Search the pack's documents.",
        options,
    );
    renderer.render(
        "search/index.html".into(),
        "search.html",
        &page,
        "kinds",
        &kind_options(pack),
    )
}

/// `/timeline/`, and a page per year when the timeline is long.
///
/// Returns the pages and, for a timeline split by year, a fingerprint of all its year pages'
/// inputs.
fn render_timeline(
    pack: &Pack,
    renderer: &PageRenderer,
    reuse: Option<&Reuse>,
    options: &RenderOptions,
) -> Result<(Vec<RenderedPage>, Option<u64>), BuildError> {
    let lookup = EventLookup::new(pack);
    let pages: Vec<RenderedPage> = timeline_pages(pack)
        .par_iter()
        .map(|timeline_page| {
            let path = &timeline_page.path;
            let title = match timeline_page.year {
                Some(year) => format!("Timeline: {year}"),
                None => "Timeline".to_string(),
            };
            let page = page_view(
                renderer.site,
                path,
                &title,
                "What happened when, and which document says so, to the paragraph.",
                options,
            );
            let output = format!("{path}index.html");
            let view = || timeline_page_view(pack, timeline_page, &lookup);
            let recorded = reuse.and_then(|reuse| match timeline_page.year {
                Some(year) => reuse.year_inputs(year, &output),
                None => reuse.overview_inputs(&output),
            });
            let inputs = recorded.or_else(|| timeline_page_inputs(pack, timeline_page, &lookup));
            match inputs {
                Some(inputs) => renderer.render_from_inputs(
                    output,
                    "timeline.html",
                    &page,
                    "timeline",
                    inputs,
                    view,
                ),
                None => renderer.render(output, "timeline.html", &page, "timeline", &view()),
            }
        })
        .collect::<Result<_, _>>()?;
    let key = split_by_year(pack).then(|| {
        let years = pages.iter().filter_map(|page| page.inputs);
        years
            .fold(Fingerprint::default(), Fingerprint::number)
            .finish()
    });
    Ok((pages, key))
}

/// `/topics/` and a page per index entry, rendered in parallel; returns the pages and a
/// fingerprint of all the entries' page inputs.
fn render_topics(
    pack: &Pack,
    renderer: &PageRenderer,
    reuse: Option<&Reuse>,
    options: &RenderOptions,
) -> Result<(Vec<RenderedPage>, u64), BuildError> {
    let site = renderer.site;
    let page = page_view(
        site,
        "topics/",
        "Topic index",
        "Every topic, person, organisation and place in the pack, down to the paragraph.",
        options,
    );
    let vocabulary = &pack.analysis.vocabulary;
    let entries = &pack.analysis.topics.entries;
    let outputs: Vec<String> = entries
        .iter()
        .map(|entry| format!("{}index.html", term_url(vocabulary.get(entry.term))))
        .collect();
    let inputs: Vec<u64> = entries
        .par_iter()
        .zip(&outputs)
        .map(|(entry, output)| {
            reuse
                .and_then(|reuse| reuse.term_inputs(entry.term, output))
                .unwrap_or_else(|| term_page_inputs(pack, entry))
        })
        .collect();
    let index = "topics/index.html";
    let index_inputs = reuse
        .and_then(|reuse| reuse.index_inputs(index))
        .unwrap_or_else(|| index_page_inputs(pack));
    let key = inputs
        .iter()
        .copied()
        .fold(Fingerprint::default(), Fingerprint::number)
        .finish();
    // The A–Z index is one large page: made alongside the term pages rather than before
    // them, it does not leave a core idle.
    let (index, terms) = rayon::join(
        || {
            renderer.render_from_inputs(
                index.into(),
                "topics.html",
                &page,
                "taxonomies",
                index_inputs,
                || index_view(pack),
            )
        },
        || {
            // Every term page is as deep as the first ([`term_url`]), so the documents they
            // list have one address from all of them.
            let link_root = entries
                .first()
                .map_or_else(String::new, |e| root_of(&term_url(vocabulary.get(e.term))));
            let sources = TermPageSources::new(pack, &link_root, &options.index_file);
            entries
                .par_iter()
                .zip(outputs)
                .zip(inputs)
                .map(|((entry, output), inputs)| {
                    let term = vocabulary.get(entry.term);
                    let path = term_url(term);
                    let description = term.description.clone().unwrap_or_default();
                    let page = page_view(site, &path, &term.name, &description, options);
                    debug_assert_eq!(page.root, link_root);
                    renderer.render_from_inputs(output, "term.html", &page, "term", inputs, || {
                        term_page_view(pack, entry, &sources)
                    })
                })
                .collect::<Result<Vec<RenderedPage>, BuildError>>()
        },
    );
    let mut files = vec![index?];
    files.extend(terms?);
    Ok((files, key))
}

fn render_not_found(
    renderer: &PageRenderer,
    options: &RenderOptions,
) -> Result<RenderedPage, BuildError> {
    let site = renderer.site;
    let mut page = page_view(site, "404.html", "Page not found", "", options);
    // A server shows the 404 page at any depth, so there its links cannot be relative; read
    // from a folder it is only ever opened where it is, at the root, so there they must be.
    page.root = if options.is_offline() {
        String::new()
    } else if site.base_url.is_empty() {
        "/".into()
    } else {
        site.base_url.clone()
    };
    renderer.render("404.html".into(), "404.html", &page, "", &())
}
