//! The single-file edition: the whole pack in one HTML file that needs nothing else.
//!
//! The front page is the frame: its `<main>` receives every part of the layout in turn, each
//! in a `<section>` with the part's anchor as its id. Stylesheets become `<style>` elements,
//! scripts are put inline at the end of the body (where the pages' deferred scripts would
//! have run), images become `data:` URIs, and links to pages that are not in the file (data
//! files, the print edition) become plain text.

use base64::Engine;
use sha2::Digest;

use super::rewrite::{Outside, Rewriter, ids, inline_element};
use super::{Files, Layout, main_content, page_html, part_contents};
use crate::error::BuildError;

const EDITION: &str = "single-file edition";

/// The edition as HTML, from the site's files (rendered with links that name `index.html`).
pub fn single_file(layout: &Layout, files: &Files<'_>) -> Result<String, BuildError> {
    let frame = page_html(files, "", EDITION)?;
    let main = main_content(frame, "index.html", EDITION)?;
    let (before, after) = (&frame[..main.start], &frame[main.end..]);
    let contents = part_contents(layout, files, EDITION)?;
    let mut frame_ids = ids(before);
    frame_ids.extend(ids(after));
    let lookup = |path: &str| files.get(path).copied();
    // The frame's links into the parts need the parts' ids, which rewriting them finds; the
    // frame's scripts still come first.
    let mut rewriter = Rewriter::new(layout, frame_ids, Outside::Inline(&lookup));
    let parts = rewriter.rewrite_parts(layout, &contents);
    let part_scripts = rewriter.take_scripts();
    let mut html = rewriter.rewrite(before, "", None);
    rewriter.note_scripts(part_scripts);
    html.push('\n');
    for (part, content) in layout.parts.iter().zip(parts) {
        html.push_str(&format!(
            "<section class=\"edition-part\" id=\"{}\">\n{}\n</section>\n",
            part.anchor,
            content.trim()
        ));
    }
    let after = rewriter.rewrite(after, "", None);
    let mut scripts: Vec<&str> = rewriter.scripts().iter().map(String::as_str).collect();
    scripts.extend(search_index(files));
    let scripts: String = scripts
        .into_iter()
        .filter_map(|path| files.get(path))
        .map(|js| inline_element("script", &String::from_utf8_lossy(js)) + "\n")
        .collect();
    match after.rfind("</body>") {
        Some(at) => {
            html.push_str(&after[..at]);
            html.push_str(&scripts);
            html.push_str(&after[at..]);
        }
        None => {
            html.push_str(&after);
            html.push_str(&scripts);
        }
    }
    Ok(with_inline_policy(html))
}

const POLICY_META: &str = "<meta http-equiv=\"Content-Security-Policy\" content=\"";

/// Rewrites the page's Content-Security-Policy for a file whose scripts and styles are all
/// inline: it allows exactly those, by their SHA-256 hashes, and nothing from anywhere else.
fn with_inline_policy(html: String) -> String {
    let Some(start) = html.find(POLICY_META) else {
        return html;
    };
    let content_start = start + POLICY_META.len();
    let Some(length) = html[content_start..].find('"') else {
        return html;
    };
    let hashes = |tag: &str| -> String {
        element_bodies(&html, tag)
            .map(|body| {
                let digest = sha2::Sha256::digest(body.as_bytes());
                format!(
                    " 'sha256-{}'",
                    base64::engine::general_purpose::STANDARD.encode(digest)
                )
            })
            .collect()
    };
    let policy = format!(
        "default-src 'none'; script-src{}; style-src{}; img-src data:; object-src 'none'; base-uri 'none'; form-action 'none'",
        hashes("script"),
        hashes("style")
    );
    let mut rewritten = html[..content_start].to_string();
    rewritten.push_str(&policy);
    rewritten.push_str(&html[content_start + length..]);
    rewritten
}

/// The text of every `<tag>…</tag>` element without attributes, as the browser hashes it.
fn element_bodies<'a>(html: &'a str, tag: &str) -> impl Iterator<Item = &'a str> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let mut rest = html;
    std::iter::from_fn(move || {
        let start = rest.find(&open)? + open.len();
        let end = rest[start..].find(&close)? + start;
        let body = &rest[start..end];
        rest = &rest[end..];
        Some(body)
    })
}

/// The search index's scripts (`search/*.js`, the index first), which pages load on demand
/// and the single file carries inline, after the search script that they register with.
fn search_index<'a>(files: &Files<'a>) -> Vec<&'a str> {
    let mut paths: Vec<&str> = files
        .keys()
        .copied()
        .filter(|p| p.starts_with("search/") && p.ends_with(".js"))
        .collect();
    paths.sort_by_key(|p| (*p != "search/index.js", *p));
    paths
}

#[cfg(test)]
mod tests {
    use super::super::Part;
    use super::*;

    #[test]
    fn the_frame_receives_the_parts_and_inlines_what_they_load() {
        let front = "<!DOCTYPE html><html><head><title>P</title><link rel=\"stylesheet\" href=\"style.css\"><link rel=\"alternate\" href=\"atom.xml\"><script src=\"app.js\" defer></script></head><body><a href=\"#main\">skip</a><nav><a href=\"index.html\">Documents</a> <a href=\"documents/a/index.html\">A</a></nav><main id=\"main\">front</main><footer><a href=\"print/index.html\">Print</a></footer></body></html>";
        let doc = "<html><head><script src=\"../../app.js\" defer></script></head><body><main id=\"main\"><p id=\"p1\"><img src=\"../../logo.png\" alt=\"\"><a href=\"../../index.html\">home</a></p></main></body></html>";
        let owned = [
            ("index.html", front.as_bytes()),
            ("documents/a/index.html", doc.as_bytes()),
            ("style.css", b"p { color: red }".as_slice()),
            ("app.js", b"var x = '</script>';".as_slice()),
            ("logo.png", b"fo".as_slice()),
        ];
        let files: Files<'_> = owned.into_iter().collect();
        let layout = Layout {
            parts: vec![
                Part {
                    path: String::new(),
                    anchor: "front".into(),
                },
                Part {
                    path: "documents/a/".into(),
                    anchor: "doc-a".into(),
                },
            ],
            aliases: vec![],
        };
        let html = single_file(&layout, &files).unwrap();
        assert!(
            html.contains("<style>\np { color: red }\n</style>"),
            "{html}"
        );
        assert!(!html.contains("atom.xml"));
        assert!(html.contains("<a href=\"#front\">Documents</a> <a href=\"#doc-a\">A</a>"));
        assert!(html.contains("<section class=\"edition-part\" id=\"doc-a\">\n<p id=\"doc-a-p1\"><img src=\"data:image/png;base64,Zm8=\" alt=\"\"><a href=\"#front\">home</a></p>\n</section>"), "{html}");
        assert!(html.contains("<span>Print</span>"));
        assert_eq!(html.matches("<script>").count(), 1);
        assert!(html.contains("<script>\nvar x = '<\\/script>';\n</script>\n</body>"));
        assert!(!html.contains("src=\"app.js\""));
    }
}
