//! Moving pages of the site into one page: their ids get the part's prefix so they cannot
//! clash, and every link is pointed at its new place.

use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::html::{StartTag, Token, tokenize};
use super::paths::{Link, page_of, relative_from, resolve};
use super::{Layout, Part};
use crate::fingerprint::Fingerprint;

/// Attributes whose values are ids (or space-separated lists of ids) on the same page.
const ID_REFERENCES: [&str; 7] = [
    "for",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "headers",
    "list",
];

/// Where links to pages that are not in the edition go.
pub enum Outside<'a> {
    /// The edition is a page of the site at this path (`print/`): such links stay links,
    /// made relative to it.
    Page(&'a str),
    /// The edition is one file on its own: links to other pages become plain text, and the
    /// files a page loads (stylesheets, scripts, images) are put inside it.
    Inline(&'a (dyn Fn(&str) -> Option<&'a [u8]> + Sync)),
}

/// Rewrites the pages of one edition.
pub struct Rewriter<'a> {
    targets: HashMap<&'a str, (&'a str, Option<&'a str>)>,
    /// The edition's ids: the page's, each part's anchor and, once the parts are rewritten,
    /// every id in them with its part's prefix.
    ids: HashSet<String>,
    outside: Outside<'a>,
    scripts: Vec<String>,
}

/// How a rewrite treats a link to an id in the edition.
#[derive(Clone, Copy)]
enum Ids {
    /// Assume the id exists: the parts' ids are being learnt as they are rewritten.
    Assumed,
    /// Keep the link to the id only if [`Rewriter::ids`] has it, else link to the part.
    Known,
}

/// The first passes of an edition's parts, kept for the next edition of the same layout
/// (the print edition of a preview): after a template change that leaves `<main>` alone,
/// or an edit to one document, nearly every part comes out as it was, and rewriting one is
/// reading all of its HTML. Holds the last edition's parts only.
#[derive(Default)]
pub struct KeptDrafts {
    /// The layout and page the drafts were made for (see [`layout_key`]).
    layout: u64,
    /// Each part's draft, by a fingerprint of its path, anchor and content.
    drafts: FxHashMap<u64, Arc<Draft>>,
}

/// A part's first pass and what it found.
struct Draft {
    html: Arc<String>,
    found: Found,
}

/// Everything a part's first pass reads besides the part: where every page of the layout
/// went, and the page the edition is.
fn layout_key(layout: &Layout, page: &str) -> u64 {
    let mut key = Fingerprint::default().text(page);
    for part in &layout.parts {
        key = key.text(&part.path).text(&part.anchor);
    }
    for alias in &layout.aliases {
        let fragment = alias.fragment.as_deref().unwrap_or("\u{0}");
        key = key.text(&alias.path).text(&alias.anchor).text(fragment);
    }
    key.finish()
}

/// What a rewrite found besides its HTML.
#[derive(Default)]
struct Found {
    /// Scripts taken out, in order.
    scripts: Vec<String>,
    /// The ids of the part, with its prefix (with [`Ids::Assumed`]).
    ids: Vec<String>,
    /// The ids its links were assumed to reach (with [`Ids::Assumed`]).
    assumed: Vec<String>,
}

impl<'a> Rewriter<'a> {
    /// A rewriter for `layout`; `page_ids` are ids of the page around the parts.
    pub fn new(layout: &'a Layout, page_ids: Vec<String>, outside: Outside<'a>) -> Self {
        let mut targets = HashMap::new();
        let mut ids: HashSet<String> = page_ids.into_iter().collect();
        for part in &layout.parts {
            targets.insert(part.path.as_str(), (part.anchor.as_str(), None));
            ids.insert(part.anchor.clone());
        }
        for alias in &layout.aliases {
            targets
                .entry(alias.path.as_str())
                .or_insert((alias.anchor.as_str(), alias.fragment.as_deref()));
        }
        Self {
            targets,
            ids,
            outside,
            scripts: Vec::new(),
        }
    }

    /// The scripts taken out of the pages (paths from the site root, in order of first use),
    /// for an [`Outside::Inline`] edition to put back inline.
    pub fn scripts(&self) -> &[String] {
        &self.scripts
    }

    /// Rewrites `html` from the page at `page`; with a `part`, its ids get the part's prefix.
    /// Links into the parts keep their fragment only if the part has that id, so the parts
    /// must have been rewritten first.
    pub fn rewrite(&mut self, html: &str, page: &str, part: Option<&Part>) -> String {
        let mut found = Found::default();
        let out = self.rewrite_shared(html, page, part, Ids::Known, &mut found);
        self.note_scripts(found.scripts);
        out
    }

    /// Rewrites the parts of the layout (`contents[i]` is the `<main>` content of
    /// `layout.parts[i]`), side by side: an edition has a part per document. The scripts
    /// they hold are noted after those noted before.
    ///
    /// Each part is read once: it is rewritten as if every id its links reach existed, and
    /// its ids are learnt on the way. Only a part one of whose links reaches an id that no
    /// part has is rewritten again, pointing that link at the part instead.
    pub fn rewrite_parts(&mut self, layout: &Layout, contents: &[&str]) -> Vec<String> {
        let drafts = layout
            .parts
            .par_iter()
            .zip(contents)
            .map(|(part, html)| Arc::new(self.draft(part, html)))
            .collect();
        let parts = self.finish_parts(layout, contents, drafts);
        parts.into_iter().map(Arc::unwrap_or_clone).collect()
    }

    /// [`rewrite_parts`](Self::rewrite_parts), taking each part's first pass from `kept`
    /// when its content is what it was in the last edition of the same layout, and leaving
    /// this edition's there; the parts come shared with `kept`, not copied. An edition that
    /// puts the files its pages load inline reads those files too, and keeps nothing.
    pub fn rewrite_parts_keeping(
        &mut self,
        layout: &Layout,
        contents: &[&str],
        kept: &mut KeptDrafts,
    ) -> Vec<Arc<String>> {
        let Outside::Page(page) = self.outside else {
            let parts = self.rewrite_parts(layout, contents);
            return parts.into_iter().map(Arc::new).collect();
        };
        let key = layout_key(layout, page);
        if kept.layout != key {
            kept.layout = key;
            kept.drafts.clear();
        }
        let (keys, drafts): (Vec<u64>, Vec<Arc<Draft>>) = layout
            .parts
            .par_iter()
            .zip(contents)
            .map(|(part, html)| {
                let key = Fingerprint::default()
                    .text(&part.path)
                    .text(&part.anchor)
                    .text(html)
                    .finish();
                let draft = match kept.drafts.get(&key) {
                    Some(draft) => Arc::clone(draft),
                    None => Arc::new(self.draft(part, html)),
                };
                (key, draft)
            })
            .unzip();
        kept.drafts = keys.into_iter().zip(drafts.iter().cloned()).collect();
        self.finish_parts(layout, contents, drafts)
    }

    /// A part's first pass: rewritten as if every id its links reach existed.
    fn draft(&self, part: &Part, html: &str) -> Draft {
        let mut found = Found::default();
        let html = self.rewrite_shared(html, &part.path, Some(part), Ids::Assumed, &mut found);
        Draft {
            html: Arc::new(html),
            found,
        }
    }

    /// Learns the parts' ids from their first passes, then rewrites again each part one of
    /// whose links reaches an id no part has.
    fn finish_parts(
        &mut self,
        layout: &Layout,
        contents: &[&str],
        mut drafts: Vec<Arc<Draft>>,
    ) -> Vec<Arc<String>> {
        for draft in &mut drafts {
            match Arc::get_mut(draft) {
                Some(draft) => self.ids.extend(std::mem::take(&mut draft.found.ids)),
                None => self.ids.extend(draft.found.ids.iter().cloned()),
            }
        }
        let (parts, scripts): (Vec<Arc<String>>, Vec<Vec<String>>) = drafts
            .into_par_iter()
            .zip(&layout.parts)
            .zip(contents)
            .map(|((draft, part), html)| {
                if draft.found.assumed.iter().all(|id| self.ids.contains(id)) {
                    return (Arc::clone(&draft.html), draft.found.scripts.clone());
                }
                let mut again = Found::default();
                let out = self.rewrite_shared(html, &part.path, Some(part), Ids::Known, &mut again);
                (Arc::new(out), again.scripts)
            })
            .unzip();
        for found in scripts {
            self.note_scripts(found);
        }
        parts
    }

    /// Takes the scripts noted so far, leaving none.
    pub fn take_scripts(&mut self) -> Vec<String> {
        std::mem::take(&mut self.scripts)
    }

    /// Notes scripts, after those noted before, in order of first use.
    pub fn note_scripts(&mut self, found: Vec<String>) {
        for path in found {
            if !self.scripts.contains(&path) {
                self.scripts.push(path);
            }
        }
    }

    /// [`rewrite`](Self::rewrite) without touching the rewriter: what it finds goes in
    /// `found`.
    fn rewrite_shared(
        &self,
        html: &str,
        page: &str,
        part: Option<&Part>,
        ids: Ids,
        found: &mut Found,
    ) -> String {
        let mut out = String::with_capacity(html.len() + html.len() / 8);
        let mut open_span = false;
        let mut skipping_script = false;
        for token in tokenize(html) {
            match token {
                Token::Text(text) | Token::Markup(text) => {
                    if !skipping_script {
                        out.push_str(text);
                    }
                }
                Token::End { name, raw } => {
                    if skipping_script && name == "script" {
                        skipping_script = false;
                    } else if open_span && name == "a" {
                        out.push_str("</span>");
                        open_span = false;
                    } else {
                        out.push_str(raw);
                    }
                }
                Token::Start(mut tag) => {
                    if let Some(part) = part {
                        if let (Ids::Assumed, Some(id)) = (ids, tag.get("id")) {
                            found.ids.push(prefixed(&part.anchor, id));
                        }
                        prefix_ids(&mut tag, &part.anchor);
                    }
                    match self.rewrite_tag(&mut tag, page, part, ids, found) {
                        TagFate::Keep => tag.write_to(&mut out),
                        TagFate::Span => {
                            tag.write_to(&mut out);
                            open_span = true;
                        }
                        TagFate::Replace(html) => out.push_str(&html),
                        TagFate::DropScript => skipping_script = true,
                    }
                }
            }
        }
        out
    }

    fn rewrite_tag(
        &self,
        tag: &mut StartTag<'_>,
        page: &str,
        part: Option<&Part>,
        ids: Ids,
        found: &mut Found,
    ) -> TagFate {
        if let Some(href) = tag.get("href").map(str::to_string)
            && let Some(fate) = self.rewrite_href(tag, "href", &href, (page, part), ids, found)
        {
            return fate;
        }
        if let Some(href) = tag.get("xlink:href").map(str::to_string) {
            self.rewrite_href(tag, "xlink:href", &href, (page, part), ids, found);
        }
        if let Some(src) = tag.get("src").map(str::to_string) {
            return self.rewrite_src(tag, &src, page, &mut found.scripts);
        }
        TagFate::Keep
    }

    /// Points `attribute` (an `href`) of the page at `page` (in `part`, if it is one) at its
    /// target's new place; returns what becomes of the tag when it cannot stay as it is.
    fn rewrite_href(
        &self,
        tag: &mut StartTag<'_>,
        attribute: &str,
        href: &str,
        (page, part): (&str, Option<&Part>),
        ids: Ids,
        found: &mut Found,
    ) -> Option<TagFate> {
        match resolve(page, href) {
            Link::Fragment("") | Link::Elsewhere => None,
            Link::Fragment(fragment) => {
                if let Some(part) = part {
                    let id = self.existing(&part.anchor, Some(fragment), ids, found);
                    tag.set(attribute, fragment_link(&id));
                }
                None
            }
            Link::Site {
                path,
                query,
                fragment,
            } => {
                if let Some(&(anchor, alias)) = self.targets.get(page_of(&path)) {
                    let id = match (alias, fragment) {
                        (Some(alias), _) => self.existing(anchor, Some(alias), ids, found),
                        (None, fragment) => self.existing(anchor, fragment, ids, found),
                    };
                    tag.set(attribute, fragment_link(&id));
                    return None;
                }
                match &self.outside {
                    Outside::Page(from) => {
                        let mut target = relative_from(from, &path);
                        target.push_str(query);
                        if let Some(fragment) = fragment {
                            target.push('#');
                            target.push_str(fragment);
                        }
                        tag.set(attribute, target);
                        None
                    }
                    Outside::Inline(files) => match tag.name() {
                        "link" => {
                            let rel = tag.get("rel").unwrap_or_default().to_ascii_lowercase();
                            let rel: Vec<&str> = rel.split_whitespace().collect();
                            match files(&path) {
                                Some(css) if rel.contains(&"stylesheet") => Some(TagFate::Replace(
                                    inline_element("style", &String::from_utf8_lossy(css)),
                                )),
                                Some(icon) if rel.contains(&"icon") => {
                                    tag.set(attribute, super::data_uri::data_uri(&path, icon));
                                    None
                                }
                                _ => Some(TagFate::Replace(String::new())),
                            }
                        }
                        "a" => {
                            tag.remove(attribute);
                            tag.rename("span");
                            Some(TagFate::Span)
                        }
                        _ => {
                            tag.remove(attribute);
                            None
                        }
                    },
                }
            }
        }
    }

    fn rewrite_src(
        &self,
        tag: &mut StartTag<'_>,
        src: &str,
        page: &str,
        scripts: &mut Vec<String>,
    ) -> TagFate {
        let Link::Site { path, query, .. } = resolve(page, src) else {
            return TagFate::Keep;
        };
        match &self.outside {
            Outside::Page(from) => {
                tag.set("src", format!("{}{query}", relative_from(from, &path)));
                TagFate::Keep
            }
            Outside::Inline(files) => {
                if tag.name() == "script" {
                    if !scripts.contains(&path) {
                        scripts.push(path);
                    }
                    return TagFate::DropScript;
                }
                match files(&path) {
                    Some(bytes) => tag.set("src", super::data_uri::data_uri(&path, bytes)),
                    None => tag.remove("src"),
                }
                TagFate::Keep
            }
        }
    }

    /// `prefix-fragment` if the edition has that id (or, with [`Ids::Assumed`], noting in
    /// `found` that it is assumed to), else the part's own anchor.
    fn existing(
        &self,
        anchor: &str,
        fragment: Option<&str>,
        ids: Ids,
        found: &mut Found,
    ) -> String {
        let Some(fragment) = fragment else {
            return anchor.to_string();
        };
        let id = prefixed(anchor, fragment);
        match ids {
            Ids::Assumed => {
                found.assumed.push(id.clone());
                id
            }
            Ids::Known if self.ids.contains(&id) => id,
            Ids::Known => anchor.to_string(),
        }
    }
}

/// What becomes of a start tag.
enum TagFate {
    /// Written (with any changes).
    Keep,
    /// Written, and it is an `<a>` turned into a `<span>`, whose `</a>` must follow suit.
    Span,
    /// Replaced by this HTML.
    Replace(String),
    /// A `<script src>` whose element is left out (its code goes inline elsewhere).
    DropScript,
}

/// The ids of an HTML text, in order.
pub fn ids(html: &str) -> Vec<String> {
    tokenize(html)
        .filter_map(|token| match token {
            Token::Start(tag) => tag.get("id").map(str::to_string),
            _ => None,
        })
        .collect()
}

/// An element holding `content` as raw text, made safe from an early closing tag.
pub fn inline_element(name: &str, content: &str) -> String {
    let content = content.replace(&format!("</{name}"), &format!("<\\/{name}"));
    format!("<{name}>\n{}\n</{name}>", content.trim_end())
}

// Joined rather than formatted: an edition has a few of these per link, millions on a
// large pack, and `format!` grows its string piece by piece.
fn prefixed(anchor: &str, id: &str) -> String {
    [anchor, "-", id].concat()
}

fn fragment_link(id: &str) -> String {
    ["#", id].concat()
}

fn prefix_ids(tag: &mut StartTag<'_>, anchor: &str) {
    if let Some(id) = tag.get("id").map(str::to_string) {
        tag.set("id", prefixed(anchor, &id));
    }
    for attribute in ID_REFERENCES {
        if let Some(value) = tag.get(attribute).map(str::to_string) {
            let list: Vec<String> = value
                .split_whitespace()
                .map(|id| prefixed(anchor, id))
                .collect();
            tag.set(attribute, list.join(" "));
        }
    }
}
