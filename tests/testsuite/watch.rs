//! `casebook build --watch` driven by real file-system changes: how saves, renames and bursts
//! become rebuilds.

use std::io::{BufRead, BufReader, Write};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::Receiver;
use std::time::Duration;

use crate::harness::TestPack;

/// How long a finished rebuild is given to be followed by another, were the watcher to split
/// one change into two.
const SETTLE: Duration = Duration::from_millis(1500);

/// A running `casebook build --watch`, stopped when dropped; its output lines, one per
/// rebuild.
struct Watching {
    child: Child,
    lines: Receiver<String>,
}

impl Watching {
    fn start(pack: &TestPack) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["build", "--watch", "--root"])
            .arg(pack.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("casebook build --watch starts");
        let (sender, lines) = std::sync::mpsc::channel();
        let stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = sender.send(line);
            }
        });
        let watching = Self { child, lines };
        while !watching
            .next_line(Duration::from_secs(30))
            .expect("watch mode starts")
            .starts_with("Watching")
        {}
        watching
    }

    fn next_line(&self, within: Duration) -> Option<String> {
        self.lines.recv_timeout(within).ok()
    }

    /// The next rebuild's line, then a check that no other rebuild follows it.
    fn one_rebuild(&self) -> String {
        let rebuilt = self
            .next_line(Duration::from_secs(20))
            .expect("the change is rebuilt");
        let after = self.next_line(SETTLE);
        assert_eq!(after, None, "one change, one rebuild (after {rebuilt:?})");
        rebuilt
    }
}

impl Drop for Watching {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn pack() -> TestPack {
    let pack = TestPack::new();
    pack.write("content/a.md", &document("Alpha", "Alpha text."));
    pack.write("content/b.md", &document("Beta", "Beta text."));
    pack
}

fn document(title: &str, text: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2016-11-01\n+++\n{text}\n")
}

fn page(pack: &TestPack, slug: &str) -> Option<String> {
    std::fs::read_to_string(pack.path(&format!("public/documents/{slug}/index.html"))).ok()
}

/// Regression: opening and reading a file counted as a change, and every rebuild reads the
/// pack, so one `cat` of a document set off rebuilds that never stopped.
#[test]
fn reading_files_does_not_trigger_rebuilds() {
    let pack = pack();
    let watching = Watching::start(&pack);
    std::fs::read(pack.path("content/a.md")).unwrap();
    std::fs::read_dir(pack.path("content"))
        .unwrap()
        .for_each(drop);
    assert_eq!(
        watching.next_line(Duration::from_secs(2)),
        None,
        "reading files is not a change"
    );
    pack.write("content/b.md", &document("Beta", "Beta text, edited."));
    assert!(watching.one_rebuild().contains("b.md changed"));
}

/// Regression: the status line named the editor's temporary file, not the document saved.
#[test]
fn an_atomic_save_is_one_rebuild_of_the_document_saved() {
    let pack = pack();
    let watching = Watching::start(&pack);
    // As editors save: the new text goes into a hidden file beside the document, which then
    // replaces it.
    pack.write(
        "content/.a.md.swap",
        &document("Alpha", "Saved atomically."),
    );
    std::fs::rename(pack.path("content/.a.md.swap"), pack.path("content/a.md")).unwrap();
    assert!(watching.one_rebuild().contains("content/a.md changed"));
    assert!(page(&pack, "a").unwrap().contains("Saved atomically."));
}

/// Regression: a file written in two steps a moment apart (as a slow disk or a busy machine
/// can make of one save) was built after the first step, from half the text, and again after
/// the second.
#[test]
fn a_file_written_in_two_steps_is_one_rebuild() {
    let pack = pack();
    let watching = Watching::start(&pack);
    let mut file = std::fs::File::create(pack.path("content/b.md")).unwrap();
    let text = document("Beta", "First half, then the second half.");
    let (first, second) = text.split_at(text.find(", then").unwrap());
    file.write_all(first.as_bytes()).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    file.write_all(second.as_bytes()).unwrap();
    drop(file);
    assert!(watching.one_rebuild().contains("b.md changed"));
    assert!(
        page(&pack, "b")
            .unwrap()
            .contains("First half, then the second half.")
    );
}

/// Like a `git checkout`: many files written one after another, here into a new folder. The
/// first, in the watched `content/`, stays open for writing until the last is written, so the
/// burst is one however slowly a busy machine runs the loop (a pause longer than the watcher's
/// quiet time between two closed files would rightly end it).
#[test]
fn a_burst_of_new_files_in_a_new_folder_is_one_rebuild() {
    let pack = pack();
    let watching = Watching::start(&pack);
    let text = |i: usize| document(&format!("Checked out {i}"), "From a checkout.");
    let mut first = std::fs::File::create(pack.path("content/doc-00.md")).unwrap();
    for i in 1..40 {
        pack.write(&format!("content/checkout/doc-{i:02}.md"), &text(i));
    }
    first.write_all(text(0).as_bytes()).unwrap();
    drop(first);
    let rebuilt = watching.one_rebuild();
    assert!(rebuilt.contains("40 parsed"), "{rebuilt}");
    assert!(page(&pack, "doc-00").is_some() && page(&pack, "doc-39").is_some());
}

#[test]
fn a_folder_renamed_away_and_back_takes_its_documents_with_it() {
    let pack = pack();
    pack.write("content/letters/c.md", &document("Gamma", "Gamma text."));
    let watching = Watching::start(&pack);
    assert!(page(&pack, "c").is_some());
    let hidden = pack.path("content/.letters");
    std::fs::rename(pack.path("content/letters"), &hidden).unwrap();
    watching.one_rebuild();
    assert_eq!(page(&pack, "c"), None, "a hidden folder is not read");
    std::fs::rename(&hidden, pack.path("content/replies")).unwrap();
    watching.one_rebuild();
    assert!(page(&pack, "c").unwrap().contains("Gamma text."));
    std::fs::remove_dir_all(pack.path("content/replies")).unwrap();
    watching.one_rebuild();
    assert_eq!(page(&pack, "c"), None);
    assert!(pack.path("public/documents/a/index.html").exists());
}
