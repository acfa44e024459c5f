//! Putting large pieces of HTML into a rendered page after the template has run.
//!
//! The print edition's parts are a few hundred megabytes on a large pack. Handed to Tera, each
//! would be copied into a template value, then again into an output string that grows by
//! doubling. Instead the template is given a short marker for each part, and the page is made
//! of the rendered template's pieces between the markers with the parts in their places:
//! pieces a writer can write one after another without ever joining them.

/// What every marker starts with: an HTML comment, so a marker a theme somehow shows is
/// still invisible.
const PREFIX: &str = "<!--casebook-part:";
const SUFFIX: &str = "-->";

/// The marker standing for part `index`.
pub fn marker(index: usize) -> String {
    format!("{PREFIX}{index}{SUFFIX}")
}

/// Whether a template uses its parts' HTML only to show it, as `{{ doc.html | safe }}`, so
/// that markers can stand in for the HTML. Any other mention of `html` (a filter such as
/// `length`, a `set`, an `include` or `import` whose file could do anything with it, or plain
/// text) and the template is given the HTML itself: slower, never wrong.
pub fn shows_parts_only(template: &str) -> bool {
    let body = match template.trim_start().strip_prefix("{% extends ") {
        Some(rest) => rest.split_once("%}").map_or("", |(_, body)| body),
        None => template,
    };
    body.match_indices("html").all(|(at, _)| {
        let shown = body[at + 4..]
            .trim_start()
            .strip_prefix('|')
            .map(str::trim_start)
            .and_then(|rest| rest.strip_prefix("safe"))
            .is_some_and(|rest| rest.trim_start().starts_with("}}"));
        body[..at].ends_with('.') && shown
    })
}

/// `rendered` with each part's marker replaced by the part, as the pieces to write one after
/// another, or `None` unless the markers are there once each and in order (a template that
/// filtered a part, or dropped or repeated one, is rendered with the parts themselves
/// instead). Only `rendered` is searched for markers, so a part may hold any text.
pub fn splice<'a, S: AsRef<str>>(rendered: &'a str, parts: &'a [S]) -> Option<Vec<&'a [u8]>> {
    let mut pieces = Vec::with_capacity(2 * parts.len() + 1);
    let mut rest = rendered;
    for (index, part) in parts.iter().enumerate() {
        let at = rest.find(PREFIX)?;
        let after = rest[at..].strip_prefix(marker(index).as_str())?;
        pieces.push(&rest.as_bytes()[..at]);
        pieces.push(part.as_ref().as_bytes());
        rest = after;
    }
    if rest.contains(PREFIX) {
        return None;
    }
    pieces.push(rest.as_bytes());
    Some(pieces)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parts() -> Vec<String> {
        vec!["<p id=\"a\">A</p>".into(), String::new(), "<p>C</p>".into()]
    }

    #[test]
    fn parts_take_their_markers_places() {
        let page = format!("<main>{}|{}|{}</main>", marker(0), marker(1), marker(2));
        let parts = parts();
        let spliced = splice(&page, &parts).unwrap().concat();
        assert_eq!(spliced, b"<main><p id=\"a\">A</p>||<p>C</p></main>");
    }

    #[test]
    fn a_marker_missing_repeated_or_out_of_order_is_refused() {
        let (a, b, c) = (marker(0), marker(1), marker(2));
        for page in [
            format!("{a}{b}"),
            format!("{a}{b}{c}{c}"),
            format!("{b}{a}{c}"),
            format!("{a}{b}{c}{PREFIX}"),
            format!("{a}<!--casebook-part:1 -->{c}"),
        ] {
            assert_eq!(splice(&page, &parts()), None, "{page}");
        }
    }

    #[test]
    fn a_part_may_hold_a_marker() {
        let parts = [marker(1), "b".to_string()];
        let page = format!("{}{}", marker(0), marker(1));
        let spliced = splice(&page, &parts).unwrap().concat();
        assert_eq!(spliced, format!("{}b", marker(1)).as_bytes());
    }

    #[test]
    fn only_a_template_that_just_shows_the_parts_takes_markers() {
        let shown = "{% extends \"base.html\" %}{% for doc in documents %}<section>\n{{ doc.html | safe }}</section>{% endfor %}{{topics.html|safe}}";
        assert!(shows_parts_only(shown));
        for used in [
            "{{ doc.html | length }}",
            "{{ doc.html | striptags | safe }}",
            "{{ doc.html }}",
            "{% set h = doc.html %}{{ h | safe }}",
            "{% include \"part.html\" %}",
            "<p>The HTML of html pages</p>",
            "{% extends \"base.html\" %}{{ doc.html | safe | length }}",
        ] {
            assert!(!shows_parts_only(used), "{used}");
        }
    }

    #[test]
    fn no_parts_leaves_the_page_as_it_is() {
        let spliced = splice::<String>("<p>x</p>", &[]).map(|pieces| pieces.concat());
        assert_eq!(spliced.as_deref(), Some(&b"<p>x</p>"[..]));
    }
}
