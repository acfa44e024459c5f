//! Each kind of broken pack: exit code 1, a message naming the file (and line where known),
//! and the previous site left exactly as it was.

use crate::harness::TestPack;

const GOOD: &str = "+++\ntitle = \"Good\"\ndate = 2016-10-18\n+++\nFine.\n";

/// Builds a good pack, breaks it with `breakage`, builds again, and returns stderr after
/// checking the failure leaves the earlier output untouched.
fn fails_keeping_output(breakage: impl FnOnce(&TestPack)) -> String {
    let pack = TestPack::new();
    pack.write("content/good.md", GOOD);
    pack.build_ok();
    let before = pack.output_tree();
    breakage(&pack);
    let run = pack.run(&["build"]);
    assert_eq!(
        run.code(),
        1,
        "stdout: {}\nstderr: {}",
        run.stdout(),
        run.stderr()
    );
    assert_eq!(
        before,
        pack.output_tree(),
        "a failed build changed the output"
    );
    assert!(
        !pack.path(".public.casebook-staging").exists(),
        "a failed build left its staging folder"
    );
    assert!(!run.stderr().contains("panicked"), "{}", run.stderr());
    assert!(!run.stderr().contains("RUST_BACKTRACE"), "{}", run.stderr());
    run.stderr()
}

#[test]
fn unterminated_front_matter() {
    let err = fails_keeping_output(|p| {
        p.write("content/bad.md", "+++\ntitle = \"x\"\n\nBody\n");
    });
    assert!(
        err.contains("front matter opened with `+++` is never closed"),
        "{err}"
    );
    assert!(err.contains("content/bad.md:1:1"), "{err}");
    assert!(err.contains("help: end the front matter"), "{err}");
}

#[test]
fn invalid_toml() {
    let err = fails_keeping_output(|p| {
        p.write("content/bad.md", "+++\ntitle = \"x\"\nkind = letter\n+++\n");
    });
    assert!(err.contains("content/bad.md:3:"), "{err}");
}

#[test]
fn unknown_front_matter_key_with_suggestion() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/bad.md",
            "+++\ntitle = \"x\"\nsumary = \"y\"\n+++\n",
        );
    });
    assert!(err.contains("unknown key `sumary`"), "{err}");
    assert!(err.contains("content/bad.md:3:1"), "{err}");
    assert!(err.contains("did you mean `summary`?"), "{err}");
}

#[test]
fn missing_title() {
    let err = fails_keeping_output(|p| {
        p.write("content/bad.md", "+++\nkind = \"letter\"\n+++\nText\n");
    });
    assert!(err.contains("this document has no title"), "{err}");
    assert!(err.contains("content/bad.md"), "{err}");
}

#[test]
fn invalid_date() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/bad.md",
            "+++\ntitle = \"x\"\ndate = \"2016-13-40\"\n+++\n",
        );
    });
    assert!(
        err.contains("invalid date: month 13 does not exist"),
        "{err}"
    );
    assert!(err.contains("content/bad.md:3:8"), "{err}");
}

#[test]
fn duplicate_slugs_name_both_files() {
    let err = fails_keeping_output(|p| {
        p.write("content/a.md", "+++\ntitle = \"A\"\nslug = \"same\"\n+++\n");
        p.write("content/b.md", "+++\ntitle = \"B\"\nslug = \"same\"\n+++\n");
    });
    assert!(
        err.contains("content/a.md") && err.contains("content/b.md"),
        "{err}"
    );
    assert!(err.contains("the slug `same` is also used by"), "{err}");
}

#[test]
fn invalid_utf8() {
    let err = fails_keeping_output(|p| {
        p.write_bytes("content/bad.md", b"+++\ntitle = \"x\"\n+++\nCaf\xe9\n");
    });
    assert!(err.contains("not valid UTF-8"), "{err}");
    assert!(err.contains("content/bad.md:4:4"), "{err}");
}

#[test]
fn unreadable_file() {
    let err = fails_keeping_output(|p| {
        std::os::unix::fs::symlink(p.path("nowhere.md"), p.path("content/dangling.md")).unwrap();
    });
    assert!(err.contains("content/dangling.md"), "{err}");
}

#[test]
fn missing_theme() {
    let err = fails_keeping_output(|p| {
        p.write("config.toml", "title = \"T\"\ntheme = \"nonesuch\"\n");
    });
    assert!(err.contains("theme `nonesuch` not found"), "{err}");
}

#[test]
fn template_syntax_error_names_template_and_line() {
    let err = fails_keeping_output(|p| {
        p.write("templates/index.html", "line one\n{% if %}\n");
    });
    assert!(err.contains("index.html"), "{err}");
    assert!(err.contains(":2:"), "{err}");
}

/// A file in `static/` at the path of a file the build makes used to leave which one was
/// written to chance (and, with files staged as they are made, could fail halfway).
#[test]
fn a_static_file_at_the_path_of_a_made_file_is_an_error() {
    let err = fails_keeping_output(|p| {
        p.write("static/robots.txt", "User-agent: *\nDisallow: /\n");
    });
    assert!(err.contains("robots.txt"), "{err}");
    assert!(err.contains("static/"), "{err}");
}

#[test]
fn template_runtime_error_names_template() {
    let err = fails_keeping_output(|p| {
        p.write("templates/index.html", "ok\n{{ no_such_variable.field }}\n");
    });
    assert!(err.contains("index.html"), "{err}");
}

/// The print edition is made after the pages have been written to the staging folder, so its
/// failure tests that a build failing halfway through writing leaves nothing behind.
#[test]
fn a_print_template_failing_after_the_pages_are_written_keeps_the_last_site() {
    let err = fails_keeping_output(|p| {
        p.write("content/good.md", &GOOD.replace("Fine.", "Changed."));
        p.write("templates/print.html", "{{ no_such_variable.field }}\n");
    });
    assert!(err.contains("print.html"), "{err}");
}
#[test]
fn unknown_config_key_with_suggestion() {
    let err = fails_keeping_output(|p| {
        p.write(
            "config.toml",
            "title = \"T\"\nbase_ulr = \"https://x.org/\"\n",
        );
    });
    assert!(err.contains("config.toml:2:1"), "{err}");
    assert!(err.contains("did you mean `base_url`?"), "{err}");
}

#[test]
fn broken_links_name_both_files() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/a.md",
            "+++\ntitle = \"A\"\n+++\nSee [b](b.md) and [good](good.md#p7).\n",
        );
    });
    assert!(
        err.contains("link to `b.md`, which is not a document of this pack"),
        "{err}"
    );
    assert!(err.contains("link to `#p7` in content/good.md"), "{err}");
    assert!(err.contains("content/a.md:4:5"), "{err}");
}

#[test]
fn all_errors_of_a_build_are_reported_together() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/a.md",
            "+++\ntitle = \"A\"\ndate = \"2016-02-30\"\n+++\n",
        );
        p.write("content/b.md", "+++\ntitel = \"B\"\n+++\n");
        p.write("content/c.md", "+++\n");
    });
    for file in ["content/a.md", "content/b.md", "content/c.md"] {
        assert!(err.contains(file), "{file} missing from:\n{err}");
    }
    assert!(err.contains("Build failed: 3 errors"), "{err}");
}

#[test]
fn diagnostic_shape() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/bad.md",
            "+++\ntitle = \"x\"\nauthr = \"Hilary Benn\"\n+++\n",
        );
    });
    let err = err.replace('\\', "/");
    insta::assert_snapshot!(err);
}

#[test]
fn a_source_url_must_be_a_web_address() {
    let err = fails_keeping_output(|p| {
        p.write(
            "content/bad.md",
            "+++\ntitle = \"x\"\nsource_url = \"javascript:alert(1)\"\n+++\n",
        );
    });
    assert!(
        err.contains("`javascript:alert(1)` is not a web address"),
        "{err}"
    );
    assert!(err.contains("content/bad.md:3:14"), "{err}");
}

/// Hostile but valid input builds, without a crash, a hang or an error: nesting as deep as
/// the default limit allows (99 quotes and their paragraph; 50 lists, each with its item),
/// long lines, NUL bytes and unmatched brackets.
#[test]
fn deep_nesting_long_lines_and_nul_bytes_build() {
    let pack = TestPack::new();
    pack.write(
        "content/quotes.md",
        &format!("+++\ntitle = \"q\"\n+++\n{} deep\n", ">".repeat(99)),
    );
    let lists: String = (0..50)
        .map(|i| format!("{}- x\n", "  ".repeat(i)))
        .collect();
    pack.write(
        "content/lists.md",
        &format!("+++\ntitle = \"l\"\n+++\n{lists}"),
    );
    pack.write(
        "content/line.md",
        &format!("+++\ntitle = \"line\"\n+++\n{}\n", "word ".repeat(200_000)),
    );
    pack.write(
        "content/nul.md",
        "+++\ntitle = \"nul\"\n+++\nbefore\0after\n",
    );
    pack.write(
        "content/brackets.md",
        &format!(
            "+++\ntitle = \"b\"\n+++\n{}\n\n{}\n",
            "[".repeat(20_000),
            "*".repeat(20_000)
        ),
    );
    pack.build_ok();
    assert!(pack.output("documents/quotes/index.html").contains("deep"));
    assert!(
        pack.output("documents/nul/index.html")
            .contains("before\u{FFFD}after")
    );
}

#[test]
fn an_empty_file_and_a_lone_opening_line_are_errors() {
    let err = fails_keeping_output(|p| {
        p.write("content/empty.md", "");
        p.write("content/plus.md", "+++\n");
    });
    assert!(
        err.contains("content/empty.md") && err.contains("this document has no title"),
        "{err}"
    );
    assert!(
        err.contains("content/plus.md:1:1") && err.contains("never closed"),
        "{err}"
    );
}

/// Regression: with `[output] minify = true`, a document of 1,000 nested block quotes
/// overflowed the minifier's stack and the build aborted (signal 6) instead of reporting it.
#[test]
fn deep_nesting_is_an_error_naming_the_line_not_a_stack_overflow_when_minifying() {
    let err = fails_keeping_output(|p| {
        p.write("config.toml", "title = \"T\"\n[output]\nminify = true\n");
        p.write(
            "content/deep.md",
            &format!("+++\ntitle = \"d\"\n+++\n{} deep\n", ">".repeat(1_000)),
        );
    });
    assert!(
        err.contains("elements nest more than 100 deep here"),
        "{err}"
    );
    assert!(err.contains("content/deep.md:4:101"), "{err}");
}

/// The deepest nesting the limit can be raised to builds, minified, as hosted and offline.
#[test]
fn nesting_at_the_ceiling_builds_minified_and_bundled() {
    let pack = TestPack::new();
    pack.write(
        "config.toml",
        "title = \"T\"\n[limits]\nmax_nesting_depth = 200\n[output]\nminify = true\n\
         [markdown]\nallow_raw_html = true\n",
    );
    let doc = |name: &str, body: String| {
        pack.write(
            &format!("content/{name}.md"),
            &format!("+++\ntitle = \"{name}\"\n+++\n{body}\n"),
        );
    };
    doc("quotes", format!("{} deep", ">".repeat(199)));
    doc("lists", format!("{}x", "- ".repeat(100)));
    doc(
        "divs",
        format!("{}x{}", "<div>".repeat(200), "</div>".repeat(200)),
    );
    doc(
        "mixed",
        format!("{}*a **b [c](https://x.org) d** e*", "> - ".repeat(64)),
    );
    pack.build_ok();
    let zip = pack.path("pack.zip");
    let single = pack.path("pack.html");
    let bundle = pack.run(&[
        "bundle",
        "--zip",
        zip.to_str().unwrap(),
        "--single-file",
        single.to_str().unwrap(),
    ]);
    assert_eq!(bundle.code(), 0, "{}", bundle.stderr());
    assert!(pack.output("documents/quotes/index.html").contains("deep"));
}
