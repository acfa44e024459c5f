//! Sorting a changed file into what it invalidates.

use std::path::Path;

use crate::config::CONFIG_FILE;
use crate::source::CONTENT_DIR;

/// What a changed path means for the next build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ChangeKind {
    /// A source document (or a folder of them): re-read just that.
    Content,
    /// config.toml: everything is re-read and re-rendered.
    Config,
    /// A template or theme file: re-render everything, no re-parsing.
    Templates,
    /// A static file: copy again.
    Static,
    /// Nothing the build reads (the output folder, editor backups, .git, …).
    Ignored,
}

/// Classifies a path (absolute, or relative to the pack root) that changed.
pub fn classify_change(root: &Path, output: &Path, path: &Path) -> ChangeKind {
    if path.starts_with(output) {
        return ChangeKind::Ignored;
    }
    let relative = path.strip_prefix(root).unwrap_or(path);
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let Some(first) = parts.next() else {
        return ChangeKind::Ignored;
    };
    let hidden = relative
        .components()
        .any(|c| c.as_os_str().to_string_lossy().starts_with('.'));
    if hidden {
        return ChangeKind::Ignored;
    }
    match first.as_ref() {
        CONFIG_FILE => ChangeKind::Config,
        "index.toml" => ChangeKind::Config,
        CONTENT_DIR => ChangeKind::Content,
        "templates" | "themes" => ChangeKind::Templates,
        "static" => ChangeKind::Static,
        _ => ChangeKind::Ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_sorted_by_what_they_invalidate() {
        let root = Path::new("/pack");
        let out = Path::new("/pack/public");
        let kind = |p: &str| classify_change(root, out, Path::new(p));
        assert_eq!(kind("/pack/content/a.md"), ChangeKind::Content);
        assert_eq!(kind("/pack/content/sub"), ChangeKind::Content);
        assert_eq!(kind("/pack/config.toml"), ChangeKind::Config);
        assert_eq!(kind("/pack/templates/base.html"), ChangeKind::Templates);
        assert_eq!(
            kind("/pack/themes/default/static/style.css"),
            ChangeKind::Templates
        );
        assert_eq!(kind("/pack/static/logo.svg"), ChangeKind::Static);
        assert_eq!(kind("/pack/public/index.html"), ChangeKind::Ignored);
        assert_eq!(kind("/pack/content/.a.md.swp"), ChangeKind::Ignored);
        assert_eq!(kind("/pack/.git/index"), ChangeKind::Ignored);
    }
}
