//! Two builds of the same pack are byte-identical, whatever the number of threads and the
//! order in which the file system lists the sources.

use std::process::Command;

use crate::harness::{TestPack, assert_same_tree, tree};

fn build_with_threads(pack: &TestPack, threads: &str, output: &str) {
    let run = Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["build", "-q", "--root"])
        .arg(pack.root())
        .arg("--output")
        .arg(pack.path(output))
        .env("RAYON_NUM_THREADS", threads)
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

#[test]
fn one_thread_or_two_give_the_same_site() {
    let pack = TestPack::sample();
    build_with_threads(&pack, "1", "one");
    build_with_threads(&pack, "2", "two");
    assert_same_tree(
        &tree(&pack.path("one")),
        &tree(&pack.path("two")),
        "threads",
    );
}

#[test]
fn the_order_files_were_created_in_does_not_matter() {
    let documents: Vec<(String, String)> = (0..40)
        .map(|i| {
            (
                format!("content/{}/doc{i:02}.md", ["a", "b", "c"][i % 3]),
                format!(
                    "+++\ntitle = \"Document {i}\"\ndate = \"2016-{:02}\"\ntopics = [\"Topic {}\"]\n+++\nOn {} October 2016 Russia spoke; see [the first](../a/doc00.md#p1).\n",
                    1 + i % 12,
                    i % 5,
                    1 + i % 28
                ),
            )
        })
        .collect();
    let forwards = TestPack::sample();
    let backwards = TestPack::sample();
    for (path, text) in &documents {
        forwards.write(path, text);
    }
    for (path, text) in documents.iter().rev() {
        backwards.write(path, text);
    }
    forwards.build_ok();
    backwards.build_ok();
    assert_same_tree(
        &forwards.output_tree(),
        &backwards.output_tree(),
        "creation order",
    );
}
