//! The incremental build's invariant: after any sequence of edits, a session's output is byte
//! for byte what a clean build of the same files produces.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use casebook::pipeline::RenderedPack;
use casebook::render::RenderOptions;
use casebook::timings::Timings;
use casebook::{BuildOptions, Session};

use crate::harness::{TestPack, assert_same_tree, tree};

/// A small deterministic generator (SplitMix64), so a failing sequence can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn document(n: u64, title: &str, links_to: Option<&str>) -> String {
    let date = ["2016-10-18", "2016-11", "2017-01", "2005"][(n % 4) as usize];
    let link = links_to
        .map(|target| format!("\n\nSee [the other document]({target}#p1)."))
        .unwrap_or_default();
    // Index terms come and go with edits: the topic index, its term pages and the "related"
    // lists must follow.
    let topic = ["Water", "Border crossings", "Evacuation"][(n % 3) as usize];
    let person = ["Harriet Vane", "Peter Wimsey"][(n % 2) as usize];
    format!(
        "+++\ntitle = \"{title}\"\ndate = \"{date}\"\nkind = \"letter\"\ntopics = [\"{topic}\"]\n+++\nParagraph one of {title}, on 3 March 2016.\n\nParagraph two, version {n}, where {person} spoke about the {topic}.{link}\n"
    )
}

/// The vocabulary of the random-edit pack; `variant` changes an alias, a description and a
/// cross-reference, so vocabulary edits are exercised too.
fn vocabulary(variant: u64) -> String {
    let alias = ["Lord Peter", "Wimsey"][(variant % 2) as usize];
    format!(
        "[[terms]]\nname = \"Harriet Vane\"\ntaxonomy = \"people\"\nsee_also = [\"Peter Wimsey\"]\n\n[[terms]]\nname = \"Peter Wimsey\"\ntaxonomy = \"people\"\naliases = [\"{alias}\"]\ndescription = \"Version {variant}.\"\n\n[[terms]]\nname = \"Water\"\ntaxonomy = \"topics\"\ncase = \"insensitive\"\n"
    )
}

/// Writes `content/doc0.md`… with `count` documents titled "Doc 0"….
fn write_documents(pack: &TestPack, count: u64) {
    for i in 0..count {
        pack.write(
            &format!("content/doc{i}.md"),
            &document(i, &format!("Doc {i}"), None),
        );
    }
}

/// A pack of `count` documents, its output folder `out/`, and a session building into it.
fn pack_and_session(count: u64) -> (TestPack, PathBuf, Session) {
    let pack = TestPack::new();
    write_documents(&pack, count);
    let out = pack.path("out");
    let session = Session::new(options(pack.root(), out.clone()));
    (pack, out, session)
}

fn options(root: &Path, output: PathBuf) -> BuildOptions {
    BuildOptions {
        root: root.to_path_buf(),
        output: Some(output),
        ..BuildOptions::default()
    }
}

#[test]
fn random_edits_always_match_a_clean_build() {
    let pack = TestPack::new();
    let out = pack.path("incremental-out");
    let mut names: Vec<String> = Vec::new();
    for i in 0..6 {
        let name = format!("content/doc{i}.md");
        pack.write(&name, &document(i, &format!("Document {i}"), None));
        names.push(name);
    }
    pack.write("index.toml", &vocabulary(0));
    let mut session = Session::new(options(pack.root(), out.clone()));
    session.build().expect("first build");
    let mut rng = Rng(0x5EED);
    let mut broken: Option<String> = None;
    let mut counter = 100u64;
    let (mut failures, mut successes) = (0, 0);

    for step in 0..120 {
        counter += 1;
        let mut changed: Vec<PathBuf> = Vec::new();
        let action = if let Some(name) = broken.take() {
            pack.write(
                &name,
                &document(counter, &format!("Repaired {counter}"), None),
            );
            changed.push(pack.path(&name));
            format!("repair {name}")
        } else {
            match rng.below(10) {
                0 | 1 if !names.is_empty() => {
                    let name = names[rng.below(names.len())].clone();
                    pack.write(
                        &name,
                        &document(counter, &format!("Edited {counter}"), None),
                    );
                    changed.push(pack.path(&name));
                    format!("edit {name}")
                }
                2 => {
                    let folder = if rng.below(2) == 0 {
                        "content"
                    } else {
                        "content/sub"
                    };
                    let name = format!("{folder}/new{counter}.md");
                    let target = names
                        .first()
                        .filter(|_| folder == "content")
                        .map(|n| n.trim_start_matches("content/").to_string());
                    pack.write(
                        &name,
                        &document(counter, &format!("New {counter}"), target.as_deref()),
                    );
                    changed.push(pack.path(&name));
                    names.push(name.clone());
                    format!("create {name}")
                }
                3 if names.len() > 2 => {
                    let name = names.remove(rng.below(names.len()));
                    std::fs::remove_file(pack.path(&name)).unwrap();
                    changed.push(pack.path(&name));
                    format!("delete {name}")
                }
                4 if !names.is_empty() => {
                    let index = rng.below(names.len());
                    let to = format!("content/renamed{counter}.md");
                    std::fs::rename(pack.path(&names[index]), pack.path(&to)).unwrap();
                    changed.push(pack.path(&names[index]));
                    changed.push(pack.path(&to));
                    let from = std::mem::replace(&mut names[index], to.clone());
                    format!("rename {from} → {to}")
                }
                5 if !names.is_empty() => {
                    let name = names[rng.below(names.len())].clone();
                    pack.write(&name, "+++\ntitle = \"Broken\"\n\nno closing line\n");
                    changed.push(pack.path(&name));
                    broken = Some(name.clone());
                    format!("break {name}")
                }
                6 if rng.below(2) == 0 => {
                    pack.write("config.toml", &format!("title = \"Pack {counter}\"\n"));
                    changed.push(pack.path("config.toml"));
                    "edit config".to_string()
                }
                6 => {
                    pack.write("index.toml", &vocabulary(counter));
                    changed.push(pack.path("index.toml"));
                    "edit vocabulary".to_string()
                }
                7 => {
                    pack.write(
                        "templates/404.html",
                        &format!("{{% extends \"base.html\" %}}{{% block main %}}Gone {counter}{{% endblock main %}}"),
                    );
                    changed.push(pack.path("templates/404.html"));
                    "edit template".to_string()
                }
                8 if !names.is_empty() => {
                    // Rewording keeps the title, tags and places of the index terms: only the
                    // pages quoting the changed sentences and dates may change.
                    let name = names[rng.below(names.len())].clone();
                    let text = std::fs::read_to_string(pack.path(&name)).unwrap();
                    let reworded = if text.contains("3 March 2016") {
                        text.replace("3 March 2016", "4 April 2015")
                    } else {
                        text.replace("4 April 2015", "3 March 2016")
                    };
                    pack.write(&name, &reworded.replace(", where", ", reworded, where"));
                    changed.push(pack.path(&name));
                    format!("reword {name}")
                }
                _ => {
                    pack.write(
                        &format!("static/file{}.txt", counter % 3),
                        &counter.to_string(),
                    );
                    changed.push(pack.path(&format!("static/file{}.txt", counter % 3)));
                    "edit static".to_string()
                }
            }
        };
        let before = tree(&out);
        session.invalidate(&changed);
        let incremental = session.build();
        let clean_out = pack.path(&format!("clean-{step}"));
        let clean = Session::new(options(pack.root(), clean_out.clone())).build_once();
        match (&incremental, &clean) {
            (Ok(_), Ok(_)) => {
                successes += 1;
                assert_same_tree(
                    &tree(&out),
                    &tree(&clean_out),
                    &format!("step {step}: {action}"),
                );
            }
            (Err(_), Err(_)) => {
                failures += 1;
                assert_same_tree(
                    &tree(&out),
                    &before,
                    &format!("step {step}: {action} changed the last good site"),
                );
            }
            _ => panic!(
                "step {step}: {action}: incremental {:?} but clean {:?}",
                incremental.as_ref().map(|_| ()).map_err(|e| e.to_string()),
                clean.as_ref().map(|_| ()).map_err(|e| e.to_string())
            ),
        }
        if clean_out.exists() {
            std::fs::remove_dir_all(&clean_out).unwrap();
        }
    }
    assert!(
        successes > 60 && failures > 5,
        "{successes} ok, {failures} failed"
    );
}

#[test]
fn an_edit_re_renders_only_the_pages_that_depend_on_it() {
    let pack = TestPack::new();
    write_documents(&pack, 5);
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    let first = session.build().unwrap();
    assert_eq!(first.parsed, 5);
    // Five documents, the front page, the topic index, three term pages (one per topic), the
    // timeline, search and 404.
    assert_eq!(first.rendered, 13);
    pack.write(
        "content/doc4.md",
        &document(4, "Doc 4", None).replace("version", "edition"),
    );
    session.invalidate(&[pack.path("content/doc4.md")]);
    let second = session.build().unwrap();
    assert_eq!(second.parsed, 1, "only the edited file is parsed again");
    assert!(
        second.rendered <= 4,
        "the page, its two neighbours and the term page quoting the edited paragraph at most: {}",
        second.rendered
    );
    assert!(
        second
            .changed_paths
            .iter()
            .any(|p| p.ends_with("index.html"))
    );
    let third = session.build().unwrap();
    assert_eq!(
        (third.parsed, third.rendered, third.writes.written),
        (0, 0, 0)
    );
}

#[test]
fn an_edit_that_repairs_a_broken_document_lands_on_what_changed_since_the_last_good_build() {
    let pack = TestPack::new();
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    let mut save = |title: &str, last: &str| {
        pack.write(
            "content/letter.md",
            &format!(
                "+++\ntitle = {title}\n+++\nFirst paragraph.\n\nSecond paragraph.\n\n{last}\n"
            ),
        );
        session.invalidate(&[pack.path("content/letter.md")]);
        session.build()
    };
    let (good, broken) = ("\"Letter\"", "\"Letter");
    save(good, "Third.").unwrap();
    assert!(
        save(broken, "Third.").is_err(),
        "the broken front matter fails the build"
    );
    let repaired = save(good, "Third, rewritten.").unwrap();
    assert_eq!(
        repaired
            .edited
            .get("documents/letter/index.html")
            .map(String::as_str),
        Some("p3"),
        "the paragraph changed since the page the reader still has open"
    );
    assert!(save(broken, "Third, rewritten.").is_err());
    let restored = save(good, "Third, rewritten.").unwrap();
    assert!(
        restored.edited.is_empty(),
        "a repair that restores the last good text changes no paragraph: {:?}",
        restored.edited
    );
}

#[test]
fn an_edit_to_one_paragraph_re_renders_only_the_term_pages_it_mentions() {
    let pack = TestPack::new();
    pack.write("index.toml", &vocabulary(0));
    let letter = |wording: &str| {
        format!(
            "+++\ntitle = \"Letter\"\ndate = \"2016-10-18\"\n+++\nHarriet Vane wrote about the siege.\n\nThe Water supply was {wording}.\n"
        )
    };
    pack.write("content/letter.md", &letter("cut"));
    let out = pack.path("out");
    let mut session = Session::new(options(pack.root(), out.clone()));
    session.build().unwrap();
    pack.write("content/letter.md", &letter("cut again"));
    session.invalidate(&[pack.path("content/letter.md")]);
    let edit = session.build().unwrap();
    // The letter's page and the Water page, which quotes the edited paragraph; Harriet
    // Vane's page shows nothing of it.
    assert_eq!(edit.rendered, 2, "{:?}", edit.changed_paths);
    assert!(
        edit.changed_paths
            .contains(&"topics/topics/water/index.html".to_string()),
        "{:?}",
        edit.changed_paths
    );
    pack.assert_matches_a_clean_build("out", "the edited session against a clean build");
}

/// Regression: renaming a file changed its slug but not its bytes, and the neighbours'
/// previous/next links kept pointing at the old page.
#[test]
fn renaming_a_document_updates_its_neighbours_links() {
    let pack = TestPack::new();
    pack.write("content/a.md", &document(0, "A", None));
    pack.write("content/b.md", &document(1, "B", None));
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    session.build().unwrap();
    std::fs::rename(pack.path("content/b.md"), pack.path("content/c.md")).unwrap();
    session.invalidate(&[pack.path("content/b.md"), pack.path("content/c.md")]);
    session.build().unwrap();
    let a = std::fs::read_to_string(pack.path("out/documents/a/index.html")).unwrap();
    assert!(a.contains("href=\"../../documents/c/\""), "{a}");
    assert!(!pack.path("out/documents/b").exists());
}

#[test]
fn neighbours_are_rendered_again_only_when_the_summary_they_show_changes() {
    let pack = TestPack::new();
    let letter = |title: &str, month: u32, words: &str| {
        format!("+++\ntitle = \"{title}\"\ndate = \"2016-{month:02}\"\n+++\n{words}\n")
    };
    for (name, month) in [("a", 1), ("b", 2), ("c", 3)] {
        pack.write(
            &format!("content/{name}.md"),
            &letter(name, month, "Plain words."),
        );
    }
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    session.build().unwrap();
    let mut edit_b = |text: String| {
        pack.write("content/b.md", &text);
        session.invalidate(&[pack.path("content/b.md")]);
        session.build().unwrap()
    };
    let reworded = edit_b(letter("b", 2, "Other plain words."));
    assert_eq!(
        reworded.rendered, 1,
        "only b's page: {:?}",
        reworded.changed_paths
    );

    let retitled = edit_b(letter("Bee", 2, "Other plain words."));
    for neighbour in ["documents/a/index.html", "documents/c/index.html"] {
        assert!(
            retitled.changed_paths.contains(&neighbour.to_string()),
            "a new title shows in the neighbours' links: {:?}",
            retitled.changed_paths
        );
    }
    pack.assert_matches_a_clean_build("out", "after the edits");
}

#[test]
fn an_edit_that_removes_a_linked_paragraph_breaks_the_link_that_named_it() {
    let pack = TestPack::new();
    let letter = |body: &str| format!("+++\ntitle = \"B\"\ndate = \"2016-02\"\n+++\n{body}\n");
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = \"2016-01\"\n+++\nSee [the reply](b.md#p2).\n",
    );
    pack.write("content/b.md", &letter("First.\n\nSecond."));
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    session.build().unwrap();
    let mut edit_b = |body: &str| {
        pack.write("content/b.md", &letter(body));
        session.invalidate(&[pack.path("content/b.md")]);
        session.build()
    };
    let Err(casebook::error::BuildError::Content(errors)) = edit_b("First, and only.") else {
        panic!("the link to the removed paragraph must be an error");
    };
    let error = errors.iter().map(ToString::to_string).collect::<String>();
    assert!(
        error.contains("content/a.md") && error.contains("p2"),
        "{error}"
    );
    edit_b("First.\n\nSecond, again.").unwrap();
}

#[test]
fn a_new_slug_in_front_matter_updates_the_links_to_it() {
    let pack = TestPack::new();
    // C comes between A and B, so A is not B's neighbour.
    let reply =
        |slug: &str| format!("+++\ntitle = \"B\"\ndate = \"2016-03\"\n{slug}+++\nA reply.\n");
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = \"2016-01\"\n+++\nSee [the reply](b.md).\n",
    );
    pack.write(
        "content/c.md",
        "+++\ntitle = \"C\"\ndate = \"2016-02\"\n+++\nBetween.\n",
    );
    pack.write("content/b.md", &reply(""));
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    session.build().unwrap();
    pack.write("content/b.md", &reply("slug = \"the-reply\"\n"));
    session.invalidate(&[pack.path("content/b.md")]);
    session.build().unwrap();
    let a = std::fs::read_to_string(pack.path("out/documents/a/index.html")).unwrap();
    assert!(a.contains("href=\"../the-reply/\""), "{a}");
}

#[test]
fn a_rebuild_writes_its_pages_before_the_files_drawn_from_the_whole_pack() {
    let (pack, out, mut session) = pack_and_session(3);
    let mut called = false;
    session.build_pages_first(|_| called = true).unwrap();
    assert!(!called, "a first build goes into place whole");

    let pack_json_before = std::fs::read_to_string(out.join("pack.json")).unwrap();
    pack.write(
        "content/doc1.md",
        &document(1, "Doc 1", None).replace("version", "edition"),
    );
    session.invalidate(&[pack.path("content/doc1.md")]);
    let mut seen = None;
    let report = session
        .build_pages_first(|pages| {
            let page = std::fs::read_to_string(out.join("documents/doc1/index.html")).unwrap();
            let pack_json = std::fs::read_to_string(out.join("pack.json")).unwrap();
            seen = Some((
                pages.changed_paths.to_vec(),
                page.contains("edition"),
                pack_json == pack_json_before,
            ));
        })
        .unwrap();
    let (changed, page_is_new, pack_json_is_old) = seen.expect("pages announced");
    assert!(changed.contains(&"documents/doc1/index.html".to_string()));
    assert!(!changed.contains(&"pack.json".to_string()));
    assert!(page_is_new && pack_json_is_old);
    assert!(report.changed_paths.contains(&"pack.json".to_string()));
    assert!(
        report
            .changed_paths
            .contains(&"documents/doc1/index.html".to_string())
    );

    pack.assert_matches_a_clean_build("out", "after a rebuild in two steps");
}

#[test]
fn a_template_change_renders_every_page_again_from_the_same_pack() {
    let pack = TestPack::new();
    write_documents(&pack, 4);
    pack.write("index.toml", &vocabulary(0));
    let mut session = Session::new(options(pack.root(), pack.path("out")));
    let render = |session: &mut Session| {
        session
            .render(&RenderOptions::hosted(), &mut Timings::default())
            .unwrap()
    };
    let first = render(&mut session);
    let template = "{% extends \"base.html\" %}{% block main %}Nothing here{% endblock main %}";
    pack.write("templates/404.html", template);
    session.invalidate(&[pack.path("templates/404.html")]);
    let second = render(&mut session);
    assert_eq!(second.parsed, 0);
    assert_eq!(second.rendered.rendered, first.rendered.rendered);
    let analysis = |rendered: &RenderedPack| rendered.pack.analysis.clone();
    let (before, after) = (analysis(&first), analysis(&second));
    assert!(Arc::ptr_eq(&before.topics, &after.topics));
    assert!(Arc::ptr_eq(&before.chronology, &after.chronology));
    let file = |rendered: &RenderedPack, path: &str| {
        let files = &rendered.rendered.files;
        files
            .iter()
            .find(|f| &*f.path == path)
            .unwrap()
            .bytes
            .clone()
    };
    assert!(String::from_utf8_lossy(&file(&second, "404.html")).contains("Nothing here"));
    for export in ["index.json", "pack.json"] {
        assert!(
            Arc::ptr_eq(&file(&first, export), &file(&second, export)),
            "{export} is kept, not made again"
        );
    }
    let search_index = |rendered: &RenderedPack| {
        let files = rendered.rendered.files.iter();
        let index = files.filter(|f| f.path.starts_with("search/") && f.path.ends_with(".js"));
        index.map(|f| f.bytes.clone()).collect::<Vec<_>>()
    };
    let kept = |a: &RenderedPack, b: &RenderedPack| {
        let (a, b) = (search_index(a), search_index(b));
        !a.is_empty() && a.len() == b.len() && a.iter().zip(&b).all(|(a, b)| Arc::ptr_eq(a, b))
    };
    assert!(
        kept(&first, &second),
        "the search index is kept, not made again"
    );
    pack.write("content/doc1.md", &document(1, "Zanzibar", None));
    session.invalidate(&[pack.path("content/doc1.md")]);
    let edited = render(&mut session);
    assert!(
        !kept(&second, &edited),
        "an edit makes the search index again"
    );
    let pack_json = String::from_utf8_lossy(&file(&edited, "pack.json")).into_owned();
    assert!(pack_json.contains("Zanzibar"), "and pack.json");
    let index = search_index(&edited);
    assert!(
        index
            .iter()
            .any(|bytes| String::from_utf8_lossy(bytes).contains("Zanzibar"))
    );

    pack.write("config.toml", "title = \"Renamed\"\n");
    session.invalidate(&[pack.path("config.toml")]);
    let third = render(&mut session);
    assert!(
        !Arc::ptr_eq(&after.topics, &third.pack.analysis.topics),
        "a config change assembles the pack again"
    );
    session.build().unwrap();
    pack.assert_matches_a_clean_build("out", "after a template and a config change");
}

#[test]
fn the_print_edition_follows_a_template_change_and_an_edit() {
    let (pack, out, mut session) = pack_and_session(3);
    let print = || std::fs::read_to_string(out.join("print/index.html")).unwrap();
    session.build().unwrap();
    let before = print();

    // A template change that leaves the documents' `<main>` alone: the parts are taken as
    // they were rewritten, and the edition is what a clean build makes.
    pack.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}Gone{% endblock main %}",
    );
    session.invalidate(&[pack.path("templates/404.html")]);
    session.build().unwrap();
    assert_eq!(print(), before);
    pack.assert_matches_a_clean_build("out", "after a template change outside <main>");

    // One that changes every document's `<main>`.
    let theme = std::fs::read_to_string("themes/default/templates/document.html").unwrap();
    let marked = theme.replace(
        "<h1>{{ document.title }}</h1>",
        "<h1>{{ document.title }} (marked)</h1>",
    );
    assert_ne!(
        marked, theme,
        "the default document template has the title heading"
    );
    pack.write("templates/document.html", &marked);
    session.invalidate(&[pack.path("templates/document.html")]);
    session.build().unwrap();
    assert_eq!(print().matches("(marked)</h1>").count(), 3);
    pack.assert_matches_a_clean_build("out", "after a template change inside <main>");

    pack.write("content/doc1.md", &document(1, "Doc One Renamed", None));
    session.invalidate(&[pack.path("content/doc1.md")]);
    session.build().unwrap();
    assert!(print().contains("Doc One Renamed (marked)"));
    pack.assert_matches_a_clean_build("out", "after an edit");
}
