//! The bad-input catalogue, `tests/bad_input/`: broken and hostile packs and files, each
//! built by the real binary over a good pack's site.
//!
//! Each case is a folder with a `case.toml` (what it is, the exit code, the file the message
//! must name, distinctive lines of the message, and how to make the input) and, in `pack/`,
//! the files it adds to the good pack. Huge inputs are not committed: `[[generate]]` recipes
//! write them when the case runs, into its temporary folder, which is removed after.
//!
//! For every case: the exit code is the one expected (1 for errors, 0 for valid input), the
//! process did not panic or die of a signal, the message names the file and holds the
//! expected lines, nothing changed outside the output folder and the pack's cache folder,
//! and on failure the previous site is byte for byte what it was. Valid input must also
//! render as the case says. Every case runs and every failing one is reported, so one run
//! shows the state of the whole catalogue.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde::Deserialize;

use crate::harness::{TestPack, blocks};

/// One case, as `case.toml` describes it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// What the input is, in a sentence.
    what: String,
    /// The exit code `casebook build` must end with.
    exit: i32,
    /// A path the message must name (for a template, its name).
    names: Option<String>,
    /// Lines the message must hold, each compared without its indentation.
    #[serde(default)]
    stderr: Vec<String>,
    /// Files written when the case runs.
    #[serde(default)]
    generate: Vec<Generate>,
    /// Symbolic links to make, relative to the pack.
    #[serde(default)]
    symlinks: Vec<Symlink>,
    /// Empty folders to make.
    #[serde(default)]
    dirs: Vec<String>,
    /// Files of the good pack to remove.
    #[serde(default)]
    remove: Vec<String>,
    /// Files or folders to make unreadable (mode 000).
    #[serde(default)]
    unreadable: Vec<String>,
    /// What to expect instead when permissions do not stop this user reading (root).
    when_readable: Option<WhenReadable>,
    /// For valid input: what the site must show.
    output: Option<OutputCheck>,
}

/// A file written at run time: `text`, then `repeat` `times` times (`{n}` in it is the
/// repetition's number from 1; `indent` is put before it `n - 1` times), then `after`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Generate {
    path: String,
    #[serde(default)]
    text: String,
    repeat: String,
    times: usize,
    #[serde(default)]
    indent: String,
    #[serde(default)]
    after: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Symlink {
    path: String,
    target: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct WhenReadable {
    exit: i32,
}

/// What one page of a successful build must show.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct OutputCheck {
    /// The page, relative to the output folder.
    page: String,
    /// The HTML of each numbered block, after its ¶ link.
    blocks: Option<Vec<String>>,
    /// How many numbered blocks it has.
    block_count: Option<usize>,
    /// Text the page must contain.
    #[serde(default)]
    contains: Vec<String>,
    /// Another page whose numbered blocks must be the same.
    same_blocks_as: Option<String>,
}

/// The good pack every case starts from.
const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2016-10-18\n+++\nFine.\n";
const GOOD_LETTER: &str = "A letter\n\nDear editor,\n\nyours.\n";

/// How long one build may take before the case counts as hung (the slowest case, 100,000
/// paragraphs, takes seconds in a debug build).
const HANG: Duration = Duration::from_secs(240);

#[test]
fn bad_input_catalogue() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad_input");
    let cases = load_cases(&dir);
    assert!(cases.len() >= 40, "only {} cases", cases.len());

    let good = TestPack::new();
    good.write("content/good.md", GOOD);
    good.write("content/letter.txt", GOOD_LETTER);
    good.build_ok();

    let next = AtomicUsize::new(0);
    let results = Mutex::new(Vec::new());
    std::thread::scope(|scope| {
        for _ in 0..2 {
            scope.spawn(|| {
                while let Some((name, case)) = cases.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let outcome = run_case(&dir.join(name), case, &good);
                    results.lock().unwrap().push((name.clone(), outcome));
                }
            });
        }
    });
    let mut results = results.into_inner().unwrap();
    results.sort_by(|a, b| a.0.cmp(&b.0));
    let mut failures = Vec::new();
    for (name, outcome) in &results {
        match outcome {
            Ok(Some(note)) => eprintln!("note: {name}: {note}"),
            Ok(None) => {}
            Err(problems) => failures.push(format!("{name}:\n  {}", problems.join("\n  "))),
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} bad-input cases failed:\n{}",
        failures.len(),
        results.len(),
        failures.join("\n")
    );
}

/// `check` and `bundle` render the pack too, so a template that never ends is stopped there
/// as well, and `check` files the finding under the template.
#[test]
fn check_and_bundle_stop_a_template_that_never_ends() {
    let pack = TestPack::new();
    pack.write("content/good.md", GOOD);
    pack.write(
        "config.toml",
        "title = \"T\"\n\n[limits]\nmax_render_seconds = 1\n",
    );
    pack.write(
        "templates/index.html",
        "{% for i in range(end=100000) %}{% for j in range(end=100000) %}x\
         {% endfor %}{% endfor %}\n",
    );
    let check = pack.run_within(&["check"], HANG).unwrap();
    assert_eq!(check.code(), 1, "{}", check.stdout());
    assert!(
        check.stdout().contains(
            "index.html: error: template `index.html` took longer than 1s to render a page"
        ),
        "{}",
        check.stdout()
    );
    let zip = pack.path("pack.zip");
    let bundle = pack
        .run_within(&["bundle", "--zip", zip.to_str().unwrap()], HANG)
        .unwrap();
    assert_eq!(bundle.code(), 1, "{}", bundle.stderr());
    assert!(
        bundle.stderr().contains("took longer than 1s"),
        "{}",
        bundle.stderr()
    );
    assert!(!zip.exists());
}

fn load_cases(dir: &Path) -> Vec<(String, Case)> {
    let mut cases: Vec<(String, Case)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.join("case.toml").is_file())
        .map(|path| {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(path.join("case.toml")).unwrap();
            let case = toml::from_str(&text).unwrap_or_else(|e| panic!("{name}/case.toml: {e}"));
            (name, case)
        })
        .collect();
    cases.sort_by(|a, b| a.0.cmp(&b.0));
    cases
}

/// Runs one case: `Ok` with an optional note, or every problem found.
fn run_case(dir: &Path, case: &Case, good: &TestPack) -> Result<Option<String>, Vec<String>> {
    let pack = TestPack::nested();
    copy_tree(good.root(), pack.root());
    let site_before = pack.output_tree();
    apply(dir, case, &pack);

    let mut expected_exit = case.exit;
    let mut check_message = true;
    let mut note = None;
    if !case.unreadable.is_empty() && case.unreadable.iter().all(|p| readable(&pack.path(p))) {
        let instead = case
            .when_readable
            .as_ref()
            .expect("cases with `unreadable` say what to expect when it is readable");
        expected_exit = instead.exit;
        check_message = false;
        note = Some(format!(
            "not run as intended: this user reads files whatever their permissions (root); \
             checked that the build exits with {} instead",
            instead.exit
        ));
    }

    let outside_before = outside_listing(&pack);
    let run = pack.run_within(&["build"], HANG);
    let outside_after = outside_listing(&pack);
    restore_permissions(case, &pack);
    let run = run.map_err(|e| vec![format!("({}) the build hung: {e}", case.what)])?;

    let stderr = run.stderr();
    let mut problems = Vec::new();
    match run.status().code() {
        None => problems.push(format!("killed by {:?}", run.status())),
        Some(101) => problems.push("panicked (exit code 101)".into()),
        Some(code) if code != expected_exit => {
            problems.push(format!("exit code {code}, expected {expected_exit}"));
        }
        Some(_) => {}
    }
    if stderr.contains("panicked") {
        problems.push("the message reports a panic".into());
    }
    if check_message {
        if let Some(name) = &case.names
            && !stderr.contains(name.as_str())
        {
            problems.push(format!("the message does not name `{name}`"));
        }
        let lines: Vec<&str> = stderr.lines().map(str::trim).collect();
        for expected in &case.stderr {
            if !lines.contains(&expected.trim()) {
                problems.push(format!("no line `{}` in the message", expected.trim()));
            }
        }
    }
    if outside_after != outside_before {
        problems.push(format!(
            "files outside the output folder changed: {}",
            listing_difference(&outside_before, &outside_after)
        ));
    }
    if expected_exit == 0 {
        if let Some(check) = &case.output {
            problems.extend(check_output(&pack, check));
        }
    } else if pack.output_tree() != site_before {
        problems.push("the failed build changed the previous site".into());
    }
    if problems.is_empty() {
        Ok(note)
    } else {
        problems.insert(0, format!("({})", case.what));
        problems.push(format!("stderr:\n{}", excerpt(&stderr)));
        Err(problems)
    }
}

/// Adds the case's files to the pack and makes what it asks for.
fn apply(dir: &Path, case: &Case, pack: &TestPack) {
    let files = dir.join("pack");
    if files.is_dir() {
        copy_tree(&files, pack.root());
    }
    for generate in &case.generate {
        write_generated(&pack.path(&generate.path), generate);
    }
    for link in &case.symlinks {
        std::os::unix::fs::symlink(&link.target, pack.path(&link.path)).unwrap();
    }
    for folder in &case.dirs {
        std::fs::create_dir_all(pack.path(folder)).unwrap();
    }
    for file in &case.remove {
        pack.remove(file);
    }
    for path in &case.unreadable {
        set_mode(&pack.path(path), 0o000);
    }
}

fn write_generated(path: &Path, recipe: &Generate) {
    use std::io::Write;
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    let mut out = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    out.write_all(recipe.text.as_bytes()).unwrap();
    let numbered = recipe.repeat.contains("{n}");
    for n in 1..=recipe.times {
        if !recipe.indent.is_empty() {
            out.write_all(recipe.indent.repeat(n - 1).as_bytes())
                .unwrap();
        }
        if numbered {
            out.write_all(recipe.repeat.replace("{n}", &n.to_string()).as_bytes())
                .unwrap();
        } else {
            out.write_all(recipe.repeat.as_bytes()).unwrap();
        }
    }
    out.write_all(recipe.after.as_bytes()).unwrap();
    out.flush().unwrap();
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn readable(path: &Path) -> bool {
    if path.is_dir() {
        std::fs::read_dir(path).is_ok()
    } else {
        std::fs::File::open(path).is_ok()
    }
}

/// Gives unreadable paths their permissions back, so the temporary folder can be removed.
fn restore_permissions(case: &Case, pack: &TestPack) {
    for path in &case.unreadable {
        let path = pack.path(path);
        set_mode(&path, if path.is_dir() { 0o755 } else { 0o644 });
    }
}

/// Copies every file and folder under `from` into `to`.
fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Everything in the pack's temporary folder but the output folder: each path with its
/// kind, and for files their size and modification time, for links their target.
fn outside_listing(pack: &TestPack) -> BTreeMap<PathBuf, String> {
    // The build also keeps a record of itself in the pack's cache folder.
    let skipped = [pack.path("public"), pack.path(casebook::config::CACHE_DIR)];
    let mut listing = BTreeMap::new();
    let walker = walkdir::WalkDir::new(pack.outer())
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| !skipped.iter().any(|s| entry.path() == s));
    for entry in walker {
        let (path, description) = match entry {
            Ok(entry) => {
                let metadata = entry.path().symlink_metadata().unwrap();
                let description = if metadata.is_symlink() {
                    format!("link to {:?}", std::fs::read_link(entry.path()).unwrap())
                } else if metadata.is_dir() {
                    "folder".to_string()
                } else {
                    format!(
                        "{} bytes, modified {:?}",
                        metadata.len(),
                        metadata.modified().unwrap()
                    )
                };
                (entry.path().to_path_buf(), description)
            }
            Err(error) => (
                error.path().map(Path::to_path_buf).unwrap_or_default(),
                format!("unlisted: {error}"),
            ),
        };
        let relative = path
            .strip_prefix(pack.outer())
            .unwrap_or(&path)
            .to_path_buf();
        listing.insert(relative, description);
    }
    listing
}

fn listing_difference(
    before: &BTreeMap<PathBuf, String>,
    after: &BTreeMap<PathBuf, String>,
) -> String {
    before
        .keys()
        .chain(after.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|path| before.get(*path) != after.get(*path))
        .map(|path| {
            format!(
                "{} ({:?} → {:?})",
                path.display(),
                before.get(path),
                after.get(path)
            )
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The problems with a successful build's page.
fn check_output(pack: &TestPack, check: &OutputCheck) -> Vec<String> {
    let mut problems = Vec::new();
    let read = |page: &str| std::fs::read_to_string(pack.path("public").join(page)).ok();
    let Some(html) = read(&check.page) else {
        return vec![format!("no page {}", check.page)];
    };
    let contents = block_contents(&html);
    if let Some(expected) = &check.blocks
        && contents != *expected
    {
        problems.push(format!(
            "{}: blocks {contents:?}, expected {expected:?}",
            check.page
        ));
    }
    if let Some(count) = check.block_count
        && contents.len() != count
    {
        problems.push(format!(
            "{}: {} blocks, expected {count}",
            check.page,
            contents.len()
        ));
    }
    for text in &check.contains {
        if !html.contains(text.as_str()) {
            problems.push(format!("{} does not contain `{text}`", check.page));
        }
    }
    if let Some(other) = &check.same_blocks_as {
        match read(other) {
            Some(other_html) if block_contents(&other_html) == contents => {}
            Some(other_html) => problems.push(format!(
                "{}: blocks {contents:?}, but {other} has {:?}",
                check.page,
                block_contents(&other_html)
            )),
            None => problems.push(format!("no page {other}")),
        }
    }
    problems
}

/// The HTML of each numbered block after its ¶ link.
fn block_contents(html: &str) -> Vec<String> {
    blocks(html)
        .into_iter()
        .map(|(_, inner)| {
            inner
                .split_once("</a>")
                .map_or(inner.as_str(), |(_, rest)| rest)
                .trim_end()
                .to_string()
        })
        .collect()
}

/// The start and end of a long message.
fn excerpt(text: &str) -> String {
    const KEEP: usize = 1500;
    if text.len() <= 2 * KEEP {
        return text.to_string();
    }
    let mut start = KEEP;
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = text.len() - KEEP;
    while !text.is_char_boundary(end) {
        end += 1;
    }
    format!(
        "{}\n[… {} bytes …]\n{}",
        &text[..start],
        end - start,
        &text[end..]
    )
}
