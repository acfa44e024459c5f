//! The command line itself: help, version, exit codes, init.

use crate::harness::TestPack;

#[test]
fn help_and_version() {
    let pack = TestPack::new();
    for args in [&["--help"][..], &["build", "--help"], &["init", "--help"]] {
        let run = pack.run(args);
        assert_eq!(run.code(), 0);
        assert!(run.stdout().contains("Usage: casebook"), "{}", run.stdout());
    }
    let run = pack.run(&["--version"]);
    assert!(run.stdout().starts_with("casebook "));
}

#[test]
fn usage_errors_exit_with_2() {
    let pack = TestPack::new();
    assert_eq!(pack.run(&["build", "--no-such-flag"]).code(), 2);
    assert_eq!(pack.run(&["frobnicate"]).code(), 2);
}

#[test]
fn build_prints_a_summary_and_quiet_silences_it() {
    let pack = TestPack::sample();
    let run = pack.run(&["build"]);
    assert!(
        run.stdout().starts_with("Built 3 documents into"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains(" ms"));
    let run = pack.run(&["build", "-q"]);
    assert_eq!(run.stdout(), "");
}

#[test]
fn output_can_go_elsewhere() {
    let pack = TestPack::sample();
    let out = pack.path("elsewhere/site");
    let run = pack.run(&["build", "--output", out.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(out.join("index.html").exists());
}

#[test]
fn output_may_not_overwrite_the_pack() {
    let pack = TestPack::sample();
    let run = pack.run(&["build", "--output", pack.path("content").to_str().unwrap()]);
    assert_eq!(run.code(), 1);
    assert!(pack.path("content/hansard-2016-10-18.txt").exists());
}

#[test]
fn a_missing_pack_is_explained() {
    let pack = TestPack::new();
    pack.remove("config.toml");
    let run = pack.run(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("casebook init"), "{}", run.stderr());
}

#[test]
fn init_makes_a_pack_that_builds() {
    let pack = TestPack::new();
    let dir = pack.path("new-pack");
    let run = pack.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let built = std::process::Command::new(env!("CARGO_BIN_EXE_casebook"))
        .args(["build", "--root"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    let page = std::fs::read_to_string(dir.join("public/documents/example/index.html")).unwrap();
    assert!(page.contains("An example source document"));
    assert!(page.contains("October 2016"));
    let again = pack.run(&["init", dir.to_str().unwrap()]);
    assert_eq!(again.code(), 1, "init must not overwrite a pack");
}

#[test]
fn the_summary_lists_undated_mentions_and_candidate_terms() {
    let pack = TestPack::sample();
    pack.write(
        "content/note.md",
        "+++\ntitle = \"Undated note\"\n+++\nThe Foreign Secretary spoke yesterday.\n",
    );
    let run = pack.run(&["build"]);
    assert!(
        run.stdout()
            .contains("1 date mention could not be placed on the timeline"),
        "{}",
        run.stdout()
    );
    let run = pack.run(&["build", "-v"]);
    let out = run.stdout();
    assert!(
        out.contains("not on the timeline: content/note.md p1: “yesterday”"),
        "{out}"
    );
    assert!(
        out.contains("candidate index term: “Foreign Secretary”"),
        "{out}"
    );
}
