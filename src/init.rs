//! `casebook init`: a new pack that builds straight away.

use std::fs;
use std::path::Path;

use crate::error::BuildError;

const CONFIG: &str = r#"# The pack's settings. Every key is optional; see the README for the full list.
title = "A new briefing pack"
description = "Source documents on a public question, with a timeline and an index."
# Where the site will be hosted; used for canonical links and citations.
base_url = ""
language = "en"
theme = "default"
output_dir = "public"
author = ""
publisher = ""

[markdown]
# Typographic quotes and dashes. Off, so that quotations stay exactly as the sources wrote them.
smart_punctuation = false
highlight_theme = "InspiredGitHub"
"#;

const EXAMPLE: &str = r#"+++
title = "An example source document"
date = "2016-10"
date_note = "Month only: Casebook shows dates at the precision you give."
kind = "statement"
author = "A. N. Author"
author_role = "Spokesperson"
summary = "Shows the front matter and the Markdown a source document can use."
topics = ["Example"]
+++
Every top-level block of a document gets a numbered paragraph id (¶1, ¶2, …), so readers
can cite and link to the exact paragraph.

Link to another document by its file name, e.g. `[the letter](letter.md#p2)`; the link
is checked and turned into the right page address when the pack is built.

- Lists, tables, footnotes[^1] and fenced code are supported.
- Plain `.txt` files work too: blank lines separate paragraphs.

[^1]: Footnotes are rendered at the end of the document.
"#;

const GITIGNORE: &str = "/public\n/.casebook\n";

/// Creates a pack in `dir` (which may exist, but must not already hold a pack or content).
pub fn init_pack(dir: &Path) -> Result<(), BuildError> {
    let refuse = |what: &str| {
        BuildError::io(
            "refusing to overwrite",
            dir.join(what),
            std::io::Error::from(std::io::ErrorKind::AlreadyExists),
        )
    };
    if dir.join("config.toml").exists() {
        return Err(refuse("config.toml"));
    }
    if dir.join("content").exists() {
        return Err(refuse("content"));
    }
    let write = |path: &Path, text: &str| {
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).map_err(|e| BuildError::io("creating", parent, e))?;
        }
        fs::write(path, text).map_err(|e| BuildError::io("writing", path, e))
    };
    write(&dir.join("config.toml"), CONFIG)?;
    write(&dir.join("content").join("example.md"), EXAMPLE)?;
    if !dir.join(".gitignore").exists() {
        write(&dir.join(".gitignore"), GITIGNORE)?;
    }
    for folder in ["templates", "static"] {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| BuildError::io("creating", &path, e))?;
    }
    Ok(())
}
