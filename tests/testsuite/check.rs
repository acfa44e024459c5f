//! `casebook check`: findings by file, severities, JSON, exit codes, and nothing written.

use crate::harness::TestPack;
use crate::link_server::LinkServer;

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

/// The column (1-based) where `needle` starts in `line`.
fn column(line: &str, needle: &str) -> usize {
    line.find(needle).expect("the needle is in the line") + 1
}

/// The body lines of `content/a.md` in [`linking_pack`] (lines 7 and 9 of the file).
fn linking_lines(base: &str) -> (String, String) {
    (
        format!("[Fine]({base}/ok) and [gone]({base}/missing)."),
        format!(
            "[Moved]({base}/moved), [elsewhere]({base}/elsewhere), [GET only]({base}/get-only) \
             and <{base}/slow>."
        ),
    )
}

/// A pack whose documents link to the test server in every way it answers.
fn linking_pack(base: &str) -> TestPack {
    let pack = TestPack::new();
    let (seventh, ninth) = linking_lines(base);
    pack.write(
        "content/a.md",
        &format!(
            "+++\ntitle = \"A\"\ndate = 2016-10-18\nsummary = \"S\"\nsource_url = \"{base}/missing\"\n+++\n\
             {seventh}\n\n{ninth}\n"
        ),
    );
    pack.write(
        "content/b.md",
        &format!(
            "+++\ntitle = \"B\"\ndate = 2016-10-19\nsummary = \"S\"\nsource_title = \"T\"\n+++\n\
             Again [gone]({base}/missing), and [fine]({base}/ok).\n"
        ),
    );
    pack
}

#[test]
fn external_links_are_asked_about_once_each_and_reported_where_they_are() {
    let server = LinkServer::start();
    let base = &server.base;
    let pack = linking_pack(base);
    let (seventh, ninth) = linking_lines(base);
    let (gone_at, elsewhere_at, slow_at) = (
        column(&seventh, "[gone]"),
        column(&ninth, "[elsewhere]"),
        column(&ninth, "<"),
    );
    let run = pack.run(&["check", "--external", "--external-timeout", "0.5"]);
    assert_eq!(
        run.code(),
        0,
        "warnings alone do not fail: {}",
        run.stdout()
    );
    let gone = "  help: correct the address, or link to an archived copy";
    assert_eq!(
        run.stdout(),
        format!(
            "content/a.md:5:14: warning: {base}/missing answers 404 Not Found\n{gone}\n\
             content/a.md:7:{gone_at}: warning: {base}/missing answers 404 Not Found\n{gone}\n\
             content/a.md:9:1: note: {base}/moved has moved permanently (301) to {base}/ok\n\
             \x20 help: link to the new address\n\
             content/a.md:9:{elsewhere_at}: warning: {base}/elsewhere answers 404 Not Found (redirected to {base}/missing)\n{gone}\n\
             content/a.md:9:{slow_at}: warning: {base}/slow could not be reached: no answer within 0.5 s\n\
             \x20 help: check the address; a slow site may need more than 0.5 s (--external-timeout)\n\
             \n\
             content/b.md:7:7: warning: {base}/missing answers 404 Not Found\n{gone}\n\
             \n\
             0 errors, 5 warnings, 1 note\n"
        )
    );
    assert_eq!(
        server.requests(),
        [
            "GET /get-only",
            "HEAD /elsewhere",
            "HEAD /get-only",
            "HEAD /missing",
            "HEAD /missing",
            "HEAD /moved",
            "HEAD /ok",
            "HEAD /ok",
            "HEAD /slow",
        ],
        "each address once (HEAD, GET when HEAD is refused), redirects followed"
    );
    assert_eq!(
        pack.run(&[
            "check",
            "--external",
            "--external-timeout",
            "0.5",
            "--strict"
        ])
        .code(),
        1,
        "--strict fails on broken links"
    );
}

#[test]
fn external_findings_in_json_carry_the_address_and_status() {
    let server = LinkServer::start();
    let base = &server.base;
    let pack = TestPack::new();
    let line = format!("[gone]({base}/missing), [moved]({base}/moved), <{base}/slow>.");
    pack.write(
        "content/a.md",
        &format!(
            "+++\ntitle = \"A\"\ndate = 2016-10-18\nsummary = \"S\"\nsource_title = \"T\"\n+++\n{line}\n"
        ),
    );
    let run = pack.run(&[
        "check",
        "--external",
        "--external-timeout",
        "0.5",
        "--format",
        "json",
    ]);
    assert_eq!(run.code(), 0);
    let json: serde_json::Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "findings": [
                {
                    "file": "content/a.md", "line": 7, "column": 1, "severity": "warning",
                    "message": format!("{base}/missing answers 404 Not Found"),
                    "help": "correct the address, or link to an archived copy",
                    "link": { "url": format!("{base}/missing"), "status": 404 }
                },
                {
                    "file": "content/a.md", "line": 7, "column": column(&line, "[moved]"), "severity": "note",
                    "message": format!("{base}/moved has moved permanently (301) to {base}/ok"),
                    "help": "link to the new address",
                    "link": { "url": format!("{base}/moved"), "status": 301 }
                },
                {
                    "file": "content/a.md", "line": 7, "column": column(&line, "<"), "severity": "warning",
                    "message": format!("{base}/slow could not be reached: no answer within 0.5 s"),
                    "help": "check the address; a slow site may need more than 0.5 s (--external-timeout)",
                    "link": { "url": format!("{base}/slow"), "status": null }
                }
            ],
            "errors": 0,
            "warnings": 2,
            "notes": 1
        })
    );
}

#[test]
fn no_more_requests_to_one_host_at_once_than_allowed() {
    let server = LinkServer::start();
    let links: String = (1..=8)
        .map(|n| format!("[{n}]({}/busy/{n}) ", server.base))
        .collect();
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        &format!("+++\ntitle = \"A\"\ndate = 2016-10-18\nsummary = \"S\"\nsource_title = \"T\"\n+++\n{links}\n"),
    );
    let run = pack.run(&[
        "check",
        "--external",
        "--external-per-host",
        "3",
        "--strict",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    assert_eq!(server.requests().len(), 8);
    assert_eq!(
        server.most_at_once(),
        3,
        "eight slow answers from one host, three at a time"
    );
}

#[test]
fn without_external_nothing_touches_the_network() {
    let server = LinkServer::start();
    let pack = linking_pack(&server.base);
    let run = pack.run(&["check", "--strict"]);
    assert_eq!(run.code(), 0, "{}", run.stdout());
    assert!(
        run.stdout().ends_with("0 errors, 0 warnings, 0 notes\n"),
        "{}",
        run.stdout()
    );
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert_eq!(server.requests(), Vec::<String>::new());
}
