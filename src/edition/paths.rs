//! Reading the relative links of a page as paths from the site root, and back.

/// A link split into its parts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Link<'a> {
    /// `#id` on the same page.
    Fragment(&'a str),
    /// A file of the site: its path from the site root (`documents/x/index.html`), the query
    /// (with `?`, or empty) and the fragment (without `#`), if any.
    Site {
        /// The path from the site root, `/`-separated, without `.` or `..`.
        path: String,
        /// `?…` or empty.
        query: &'a str,
        /// The part after `#`.
        fragment: Option<&'a str>,
    },
    /// Anything else: another site (`https:`), `mailto:`, `data:`, a root-absolute path, or a
    /// relative path that climbs above the site root.
    Elsewhere,
}

/// Reads `href` as written on the page at `page` (a path from the site root such as
/// `documents/x/` or `documents/x/index.html`; only its folder matters).
pub fn resolve<'a>(page: &str, href: &'a str) -> Link<'a> {
    if let Some(fragment) = href.strip_prefix('#') {
        return Link::Fragment(fragment);
    }
    if href.is_empty() || href.starts_with('/') || href.starts_with('\\') || has_scheme(href) {
        return Link::Elsewhere;
    }
    let (rest, fragment) = match href.split_once('#') {
        Some((rest, fragment)) => (rest, Some(fragment)),
        None => (href, None),
    };
    let (path, query) = match rest.find('?') {
        Some(at) => (&rest[..at], &rest[at..]),
        None => (rest, ""),
    };
    let folder = &page[..page.rfind('/').map_or(0, |i| i + 1)];
    // Built in place, each `..` cutting the last name off: every link of the print edition
    // passes here, so no list of names is made per link.
    let mut joined = String::with_capacity(folder.len() + path.len());
    let push = |joined: &mut String, name: &str| {
        if !joined.is_empty() {
            joined.push('/');
        }
        joined.push_str(name);
    };
    for name in folder.split('/').filter(|name| !name.is_empty()) {
        push(&mut joined, name);
    }
    let mut last = "";
    for segment in path.split('/') {
        last = segment;
        match segment {
            "." | "" => {}
            ".." => {
                if joined.is_empty() {
                    return Link::Elsewhere;
                }
                joined.truncate(joined.rfind('/').unwrap_or(0));
            }
            name => push(&mut joined, name),
        }
    }
    if matches!(last, "" | "." | "..") && !joined.is_empty() {
        joined.push('/');
    }
    Link::Site {
        path: joined,
        query,
        fragment,
    }
}

/// The page a path shows: `documents/x/index.html` and `documents/x/` are both
/// `documents/x/`; `index.html` is the root, ``.
pub fn page_of(path: &str) -> &str {
    match path.strip_suffix("index.html") {
        Some(folder) if folder.is_empty() || folder.ends_with('/') => folder,
        _ => path,
    }
}

/// The relative link from the page at `from` (a folder path such as `print/`) to `path`.
pub fn relative_from(from: &str, path: &str) -> String {
    let depth = from.matches('/').count();
    let target = if path.is_empty() { "./" } else { path };
    if depth == 0 {
        target.to_string()
    } else {
        format!("{}{}", "../".repeat(depth), path)
    }
}

/// Whether `href` starts with a URL scheme (`https:`, `mailto:`, `data:`, …).
fn has_scheme(href: &str) -> bool {
    let Some(colon) = href.find(':') else {
        return false;
    };
    let scheme = &href[..colon];
    scheme.starts_with(|c: char| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str, fragment: Option<&'static str>) -> Link<'static> {
        Link::Site {
            path: path.into(),
            query: "",
            fragment,
        }
    }

    #[test]
    fn relative_links_become_root_paths() {
        let page = "documents/x/";
        assert_eq!(
            resolve(page, "../y/index.html#p3"),
            site("documents/y/index.html", Some("p3"))
        );
        assert_eq!(resolve(page, "../y/#p3"), site("documents/y/", Some("p3")));
        assert_eq!(resolve(page, "../../"), site("", None));
        assert_eq!(resolve(page, "./../y/./z/.."), site("documents/y/", None));
        assert_eq!(resolve(page, "..//y"), site("documents/y", None));
        assert_eq!(resolve(page, "../../index.html"), site("index.html", None));
        assert_eq!(
            resolve(page, "../../timeline/index.html#m-2016-10"),
            site("timeline/index.html", Some("m-2016-10"))
        );
        assert_eq!(resolve(page, "../../style.css"), site("style.css", None));
        assert_eq!(resolve("", "topics/"), site("topics/", None));
        assert_eq!(resolve("", "./"), site("", None));
        assert_eq!(resolve("404.html", "timeline/"), site("timeline/", None));
    }

    #[test]
    fn fragments_queries_and_other_places() {
        assert_eq!(resolve("documents/x/", "#p2"), Link::Fragment("p2"));
        assert_eq!(
            resolve("", "a.json?v=1"),
            Link::Site {
                path: "a.json".into(),
                query: "?v=1",
                fragment: None
            }
        );
        for elsewhere in [
            "https://example.org/",
            "mailto:a@b.org",
            "data:image/png;base64,AAAA",
            "/timeline/",
            "//cdn.example.org/x.js",
            "../../../x",
            "",
        ] {
            assert_eq!(
                resolve("documents/x/", elsewhere),
                Link::Elsewhere,
                "{elsewhere}"
            );
        }
    }

    #[test]
    fn pages_and_relative_paths() {
        assert_eq!(page_of("documents/x/index.html"), "documents/x/");
        assert_eq!(page_of("index.html"), "");
        assert_eq!(page_of("timeline/"), "timeline/");
        assert_eq!(page_of("atom.xml"), "atom.xml");
        assert_eq!(page_of("myindex.html"), "myindex.html");
        assert_eq!(
            relative_from("print/", "documents/x/index.html"),
            "../documents/x/index.html"
        );
        assert_eq!(relative_from("print/", ""), "../");
        assert_eq!(relative_from("", ""), "./");
    }
}
