//! Turning a request path into a file of the output folder, and nothing else.
//!
//! The preview server must never serve a file outside the output folder, whatever the URL:
//! `..` segments, their percent-encoded forms, backslashes, NUL bytes and symbolic links that
//! point outside are all refused.

use std::path::{Path, PathBuf};

use percent_encoding::percent_decode_str;

/// What a request path resolves to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// A file to serve.
    File(PathBuf),
    /// A folder asked for without its trailing slash: redirect so relative links work.
    AddSlash(String),
    /// Nothing there.
    NotFound,
    /// A path that tries to leave the output folder or is malformed.
    Refused,
}

/// Resolves the path part of a URL (`/documents/x/?q` → `<root>/documents/x/index.html`).
pub fn resolve(root: &Path, url: &str) -> Resolved {
    let path = url.split(['?', '#']).next().unwrap_or("");
    if !path.starts_with('/') {
        return Resolved::Refused;
    }
    let Ok(decoded) = percent_decode_str(path).decode_utf8() else {
        return Resolved::Refused;
    };
    if decoded.contains(['\0', '\\']) {
        return Resolved::Refused;
    }
    let mut target = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return Resolved::Refused,
            name => target.push(name),
        }
    }
    let Ok(canonical_root) = root.canonicalize() else {
        return Resolved::NotFound;
    };
    let Ok(canonical) = target.canonicalize() else {
        return Resolved::NotFound;
    };
    if !canonical.starts_with(&canonical_root) {
        return Resolved::Refused;
    }
    if canonical.is_dir() {
        if !path.ends_with('/') {
            return Resolved::AddSlash(format!("{path}/"));
        }
        let index = canonical.join("index.html");
        return if index.is_file() {
            Resolved::File(index)
        } else {
            Resolved::NotFound
        };
    }
    if canonical.is_file() {
        Resolved::File(canonical)
    } else {
        Resolved::NotFound
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("documents/a")).unwrap();
        std::fs::write(out.join("index.html"), "home").unwrap();
        std::fs::write(out.join("documents/a/index.html"), "a").unwrap();
        std::fs::write(dir.path().join("secret.txt"), "secret").unwrap();
        dir
    }

    #[test]
    fn files_folders_and_redirects() {
        let dir = site();
        let root = dir.path().join("public");
        let canonical = root.canonicalize().unwrap();
        assert_eq!(
            resolve(&root, "/"),
            Resolved::File(canonical.join("index.html"))
        );
        assert_eq!(
            resolve(&root, "/documents/a/?x=1#p2"),
            Resolved::File(canonical.join("documents/a/index.html"))
        );
        assert_eq!(
            resolve(&root, "/documents/a"),
            Resolved::AddSlash("/documents/a/".into())
        );
        assert_eq!(resolve(&root, "/nope.html"), Resolved::NotFound);
    }

    #[test]
    fn ways_out_are_refused() {
        let dir = site();
        let root = dir.path().join("public");
        for url in [
            "/../secret.txt",
            "/documents/../../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E%2Fsecret.txt",
            "/documents%2f..%2f..%2fsecret.txt",
            "/..%5csecret.txt",
            "/a%00b",
            "relative",
            "/%ff",
        ] {
            assert_eq!(resolve(&root, url), Resolved::Refused, "{url}");
        }
        // An absolute path inside the URL stays inside the root.
        assert_eq!(resolve(&root, "//etc/passwd"), Resolved::NotFound);
    }

    #[test]
    fn symlinks_pointing_outside_are_refused() {
        let dir = site();
        let root = dir.path().join("public");
        std::os::unix::fs::symlink(dir.path().join("secret.txt"), root.join("leak.txt")).unwrap();
        std::os::unix::fs::symlink(dir.path(), root.join("up")).unwrap();
        assert_eq!(resolve(&root, "/leak.txt"), Resolved::Refused);
        assert_eq!(resolve(&root, "/up/secret.txt"), Resolved::Refused);
    }
}
