//! Loading a theme: its templates, the pack's overrides, and the static files.
//!
//! The default theme ships inside the binary, so a pack made by `casebook init` builds with
//! nothing else installed; a pack may still carry its own copy in `themes/default/`.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use tera::{Context, Tera};

use super::splice::shows_parts_only;
use super::watchdog::{RenderFailure, render_with_limit};
use crate::error::BuildError;

/// The templates every theme provides.
pub const TEMPLATE_NAMES: [&str; 9] = [
    "base.html",
    "index.html",
    "document.html",
    "topics.html",
    "term.html",
    "timeline.html",
    "search.html",
    "404.html",
    "citation.txt",
];

/// The template of the print edition (`/print/`). A theme may leave it out (themes written
/// before it existed do not have it); its site then has no print edition.
pub const PRINT_TEMPLATE: &str = "print.html";

const BUILTIN_TEMPLATES: [(&str, &str); 10] = [
    (
        "base.html",
        include_str!("../../themes/default/templates/base.html"),
    ),
    (
        "index.html",
        include_str!("../../themes/default/templates/index.html"),
    ),
    (
        "document.html",
        include_str!("../../themes/default/templates/document.html"),
    ),
    (
        "topics.html",
        include_str!("../../themes/default/templates/topics.html"),
    ),
    (
        "term.html",
        include_str!("../../themes/default/templates/term.html"),
    ),
    (
        "timeline.html",
        include_str!("../../themes/default/templates/timeline.html"),
    ),
    (
        "search.html",
        include_str!("../../themes/default/templates/search.html"),
    ),
    (
        "404.html",
        include_str!("../../themes/default/templates/404.html"),
    ),
    (
        "print.html",
        include_str!("../../themes/default/templates/print.html"),
    ),
    (
        "citation.txt",
        include_str!("../../themes/default/templates/citation.txt"),
    ),
];

const BUILTIN_STATIC: [(&str, &str); 6] = [
    (
        "style.css",
        include_str!("../../themes/default/static/style.css"),
    ),
    (
        "casebook.js",
        include_str!("../../themes/default/static/casebook.js"),
    ),
    (
        "favicon.svg",
        include_str!("../../themes/default/static/favicon.svg"),
    ),
    (
        "timeline.js",
        include_str!("../../themes/default/static/timeline.js"),
    ),
    (
        "search.js",
        include_str!("../../themes/default/static/search.js"),
    ),
    (
        "search.css",
        include_str!("../../themes/default/static/search.css"),
    ),
];

/// A loaded theme, ready to render.
pub struct Theme {
    /// Templates compiled once for the whole build, shared with the threads that render.
    tera: Arc<Tera>,
    /// How long one page may take to render.
    render_limit: Duration,
    /// Files copied to the output as they are: (path in output, bytes).
    pub static_files: Vec<(String, Vec<u8>)>,
    /// Whether the theme has a print edition ([`PRINT_TEMPLATE`]).
    pub has_print: bool,
    /// Whether its print template only shows the parts' HTML, so that markers can stand in
    /// for it while the template runs ([`super::splice`]).
    pub print_shows_parts_only: bool,
}

impl Theme {
    /// Renders one page with `template`, stopping it with an error if it takes longer than
    /// the theme's render limit (see [`super::watchdog`]).
    pub fn render(&self, template: &str, context: &Context) -> Result<String, BuildError> {
        self.render_sized(template, context, 0)
    }

    /// Like [`render`](Self::render), into a buffer of `capacity` bytes to begin with: a
    /// page's size when last rendered.
    pub fn render_sized(
        &self,
        template: &str,
        context: &Context,
        capacity: usize,
    ) -> Result<String, BuildError> {
        let limit = self.render_limit;
        render_with_limit(&self.tera, template, context, limit, capacity).map_err(|failure| {
            match failure {
                RenderFailure::Tera(error) => template_error(&error, Some(template)),
                RenderFailure::TimedOut => BuildError::TemplateTimeout {
                    template: template.to_string(),
                    limit: self.render_limit,
                },
                RenderFailure::Helper(report) => BuildError::Template {
                    template: template.to_string(),
                    report,
                },
            }
        })
    }
}

/// Loads the theme named in the config, then the pack's `templates/` and `static/` over it.
/// `render_limit` is how long one page may take to render.
pub fn load_theme(root: &Path, name: &str, render_limit: Duration) -> Result<Theme, BuildError> {
    let theme_dir = root.join("themes").join(name);
    let mut templates: Vec<(String, String)> = Vec::new();
    let mut static_files = Vec::new();
    if theme_dir.is_dir() {
        read_tree(&theme_dir.join("templates"), &mut |rel, bytes| {
            templates.push((rel, String::from_utf8_lossy(&bytes).into_owned()));
        })?;
        read_tree(&theme_dir.join("static"), &mut |rel, bytes| {
            static_files.push((rel, bytes))
        })?;
    } else if name == "default" {
        templates.extend(
            BUILTIN_TEMPLATES
                .iter()
                .map(|(n, t)| (n.to_string(), t.to_string())),
        );
        static_files.extend(
            BUILTIN_STATIC
                .iter()
                .map(|(n, t)| (n.to_string(), t.as_bytes().to_vec())),
        );
    } else {
        return Err(BuildError::MissingTheme {
            name: name.to_string(),
            looked_in: theme_dir.display().to_string(),
        });
    }
    read_tree(&root.join("templates"), &mut |rel, bytes| {
        let text = String::from_utf8_lossy(&bytes).into_owned();
        match templates.iter_mut().find(|(n, _)| *n == rel) {
            Some(existing) => existing.1 = text,
            None => templates.push((rel, text)),
        }
    })?;
    read_tree(&root.join("static"), &mut |rel, bytes| match static_files
        .iter_mut()
        .find(|(n, _)| *n == rel)
    {
        Some(existing) => existing.1 = bytes,
        None => static_files.push((rel, bytes)),
    })?;
    for required in TEMPLATE_NAMES {
        if !templates.iter().any(|(n, _)| n == required) {
            return Err(BuildError::Template {
                template: required.to_string(),
                report: format!(
                    "the theme `{name}` has no `{required}` and the pack's templates/ does not add one"
                ),
            });
        }
    }
    let print = templates.iter().find(|(n, _)| n == PRINT_TEMPLATE);
    let has_print = print.is_some();
    let print_shows_parts_only = print.is_some_and(|(_, source)| shows_parts_only(source));
    let mut tera = Tera::new();
    tera.add_raw_templates(templates)
        .map_err(|e| template_error(&e, None))?;
    static_files.sort();
    Ok(Theme {
        tera: Arc::new(tera),
        render_limit,
        static_files,
        has_print,
        print_shows_parts_only,
    })
}

/// Turns a Tera error into a build error that names the template and the line. `rendering`
/// is the template whose page was being rendered, named when Tera's error does not say
/// where it happened.
fn template_error(error: &tera::Error, rendering: Option<&str>) -> BuildError {
    let template = match error.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            report.filename().to_string()
        }
        tera::ErrorKind::TemplateNotFound(name) => name.clone(),
        tera::ErrorKind::CircularExtend { tpl, .. }
        | tera::ErrorKind::CircularInclude { tpl, .. } => tpl.clone(),
        tera::ErrorKind::MissingParent { current, .. } => current.clone(),
        tera::ErrorKind::Msg(report) if !reported_templates(report).is_empty() => {
            reported_templates(report).join(", ")
        }
        _ => rendering.unwrap_or("(templates)").to_string(),
    };
    BuildError::Template {
        template,
        report: error.to_string(),
    }
}

/// The templates named in the reports Tera joins into one message when templates refer to
/// filters, functions or templates that do not exist: each report points at its place with
/// a line `--> name:line:column`.
fn reported_templates(report: &str) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for line in report.lines() {
        let name = line
            .trim_start()
            .strip_prefix("--> ")
            .and_then(|place| place.rsplitn(3, ':').nth(2));
        if let Some(name) = name
            && !names.contains(&name)
        {
            names.push(name);
        }
    }
    names
}

/// Calls `visit` with (relative path with `/`, bytes) for every file under `dir`, in sorted
/// order; a missing folder is simply empty.
fn read_tree(dir: &Path, visit: &mut dyn FnMut(String, Vec<u8>)) -> Result<(), BuildError> {
    if !dir.is_dir() {
        return Ok(());
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e
                .path()
                .map(Path::to_path_buf)
                .unwrap_or_else(|| PathBuf::from(dir));
            BuildError::io("reading", path, e.into())
        })?;
        if !entry.file_type().is_file() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let bytes =
            std::fs::read(entry.path()).map_err(|e| BuildError::io("reading", entry.path(), e))?;
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        visit(rel, bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack_with_index(template: &str) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("templates")).unwrap();
        std::fs::write(dir.path().join("templates/index.html"), template).unwrap();
        dir
    }

    fn template_of(error: BuildError) -> String {
        match error {
            BuildError::Template { template, .. }
            | BuildError::TemplateTimeout { template, .. } => template,
            other => panic!("not a template error: {other}"),
        }
    }

    /// Regression: a template that included or extended itself, used a filter or included a
    /// template that does not exist was reported as template `(templates)`.
    #[test]
    fn template_load_errors_name_their_template() {
        for template in [
            "{% include \"index.html\" %}",
            "{% extends \"index.html\" %}",
            "{{ site.title | shout }}",
            "{% include \"nowhere.html\" %}",
        ] {
            let pack = pack_with_index(template);
            let error = load_theme(pack.path(), "default", Duration::from_secs(10))
                .err()
                .unwrap();
            assert_eq!(template_of(error), "index.html", "{template}");
        }
    }

    /// Regression: endless component recursion was reported as template `(templates)`.
    #[test]
    fn endless_component_recursion_names_the_page_template() {
        let pack = pack_with_index(
            "{% component r(n) %}{{ <r n={n} /> }}{% endcomponent r %}{{ <r n={1} /> }}",
        );
        let theme = load_theme(pack.path(), "default", Duration::from_secs(10)).unwrap();
        let error = theme.render("index.html", &Context::new()).unwrap_err();
        assert_eq!(template_of(error), "index.html");
    }

    #[test]
    fn a_page_past_the_time_limit_is_an_error_naming_its_template() {
        let pack = pack_with_index(
            "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x\
             {% endfor %}{% endfor %}",
        );
        let theme = load_theme(pack.path(), "default", Duration::from_millis(100)).unwrap();
        let error = theme.render("index.html", &Context::new()).unwrap_err();
        assert!(matches!(
            &error,
            BuildError::TemplateTimeout { template, limit } if template == "index.html"
                && *limit == Duration::from_millis(100)
        ));
    }
}
