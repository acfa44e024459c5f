//! `casebook check`: findings by file, severities, JSON, exit codes, and nothing written.

use crate::harness::TestPack;

#[test]
fn the_sample_pack_checks_clean_even_when_strict() {
    let pack = TestPack::sample();
    let run = pack.run(&["check", "--strict"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    assert!(
        run.stdout().ends_with("0 errors, 0 warnings, 2 notes\n"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().contains("note: “Foreign Secretary” recurs"));
    assert!(!pack.path("public").exists(), "check writes nothing");
}

#[test]
fn errors_are_listed_with_their_place_and_fail_the_check() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = \"2016-02-30\"\n+++\nSee [b](b.md).\n",
    );
    pack.write("content/b.md", "+++\ntitel = \"B\"\n+++\n");
    let run = pack.run(&["check"]);
    assert_eq!(run.code(), 1);
    let out = run.stdout();
    assert!(
        out.contains(
            "content/a.md:3:8: error: invalid date: day 30 does not exist in February 2016"
        ),
        "{out}"
    );
    assert!(
        out.contains("content/b.md:2:1: error: unknown key `titel`"),
        "{out}"
    );
    assert!(out.contains("  help: did you mean `title`?"), "{out}");
    assert!(out.ends_with("2 errors, 0 warnings, 0 notes\n"), "{out}");
}

#[test]
fn warnings_fail_only_when_strict() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"Same\"\n+++\nUndated, it mentions yesterday.\n",
    );
    pack.write("content/b.md", "+++\ntitle = \"same\"\ndate = 2016-10-18\nsummary = \"S\"\nsource_title = \"T\"\n+++\nText.\n");
    let run = pack.run(&["check"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    let out = run.stdout();
    assert!(
        out.contains("content/a.md: warning: the document has no date"),
        "{out}"
    );
    assert!(
        out.contains("content/a.md: warning: the document has no summary"),
        "{out}"
    );
    assert!(
        out.contains("content/a.md: warning: the document does not say where it comes from"),
        "{out}"
    );
    assert!(
        out.contains("content/a.md:4:1: warning: “yesterday” in p1 is not on the timeline"),
        "{out}"
    );
    assert!(
        out.contains("content/a.md: warning: the title “Same” is also the title of content/b.md"),
        "{out}"
    );
    assert_eq!(pack.run(&["check", "--strict"]).code(), 1);
}

#[test]
fn json_output_is_for_tools() {
    let pack = TestPack::new();
    pack.write("content/a.md", "+++\ntitle = \"A\"\nsumary = \"x\"\n+++\n");
    let run = pack.run(&["check", "--format", "json"]);
    assert_eq!(run.code(), 1);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(json["errors"], 1);
    let finding = &json["findings"][0];
    assert_eq!(finding["file"], "content/a.md");
    assert_eq!(finding["line"], 3);
    assert_eq!(finding["column"], 1);
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["help"], "did you mean `summary`?");
}
