//! Reading built pages the way a browser would: their ids and the links and files they point
//! to, through the library's own tokenizer (which also reads minified, unquoted HTML).

use std::collections::{BTreeMap, BTreeSet};

use casebook::edition::html::{Token, tokenize};
use casebook::edition::paths::{Link, resolve};

/// Every id on a page.
pub fn ids(html: &str) -> Vec<String> {
    casebook::edition::ids(html)
}

/// Every (element, attribute, value) of the page's `href`, `src` and `xlink:href`.
pub fn references(html: &str) -> Vec<(String, String, String)> {
    let mut found = Vec::new();
    for token in tokenize(html) {
        if let Token::Start(tag) = token {
            for attribute in ["href", "src", "xlink:href"] {
                if let Some(value) = tag.get(attribute) {
                    found.push((
                        tag.name().to_string(),
                        attribute.to_string(),
                        value.to_string(),
                    ));
                }
            }
        }
    }
    found
}

/// How the site is read.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    /// From a web server, which opens `index.html` for a folder's address.
    Hosted,
    /// From a folder (file://), where a link must name its file.
    Offline,
}

/// Checks, for every HTML file of a site, that every relative link and source leads to a file
/// the site has (offline: names it, since file:// cannot open a folder) and that every `#id`
/// exists in its target. Returns the problems.
pub fn broken_links(site: &BTreeMap<String, Vec<u8>>, reading: Reading) -> Vec<String> {
    let pages: BTreeMap<&str, (String, BTreeSet<String>)> = site
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = String::from_utf8_lossy(bytes).into_owned();
            let ids = ids(&html).into_iter().collect();
            (path.as_str(), (html, ids))
        })
        .collect();
    let mut problems = Vec::new();
    for (page, (html, own_ids)) in &pages {
        for (_, attribute, value) in references(html) {
            match resolve(page, &value) {
                Link::Fragment("") | Link::Elsewhere => {}
                Link::Fragment(id) => {
                    if !own_ids.contains(id) {
                        problems.push(format!("{page}: {attribute}={value}: no such id"));
                    }
                }
                Link::Site {
                    mut path, fragment, ..
                } => {
                    let folder = path.is_empty() || path.ends_with('/');
                    if folder && reading == Reading::Hosted {
                        path.push_str("index.html");
                    }
                    if !site.contains_key(&path) {
                        problems.push(format!("{page}: {attribute}={value}: no file {path}"));
                    } else if let Some(id) = fragment {
                        let exists = pages
                            .get(path.as_str())
                            .is_some_and(|(_, ids)| ids.contains(id));
                        if !exists {
                            problems.push(format!("{page}: {value}: {path} has no id {id}"));
                        }
                    }
                }
            }
        }
    }
    problems
}

/// Ids that occur more than once on a page.
pub fn duplicate_ids(html: &str) -> Vec<String> {
    let mut seen = BTreeSet::new();
    ids(html)
        .into_iter()
        .filter(|id| !seen.insert(id.clone()))
        .collect()
}
