//! A `casebook build` with nothing changed since the last one is skipped, and anything that
//! would make a build write something (a changed source, template or option, a file edited
//! or removed in the output) makes it build.

use casebook::{BuildOptions, BuildReport};

use crate::harness::TestPack;

fn build(pack: &TestPack) -> BuildReport {
    build_with(pack, BuildOptions::default())
}

fn build_with(pack: &TestPack, options: BuildOptions) -> BuildReport {
    casebook::build(&BuildOptions {
        root: pack.root().to_path_buf(),
        ..options
    })
    .expect("the build succeeds")
}

fn skipped(report: &BuildReport) -> bool {
    report.parsed == 0 && report.rendered == 0 && report.writes.written == 0
}

fn pack() -> TestPack {
    let pack = TestPack::sample();
    pack.write("templates/.keep", "");
    pack
}

#[test]
fn a_second_build_with_nothing_changed_reads_renders_and_writes_nothing() {
    let pack = pack();
    let first = build(&pack);
    assert!(!skipped(&first));
    let before = pack.output_tree();
    let modified = std::fs::metadata(pack.path("public/index.html"))
        .unwrap()
        .modified()
        .unwrap();

    let second = build(&pack);
    assert!(skipped(&second), "{second:?}");
    assert_eq!(second.documents, first.documents);
    assert_eq!(second.files, first.files);
    assert_eq!(second.writes.unchanged, first.files);
    assert_eq!(second.unresolved_dates, first.unresolved_dates);
    assert_eq!(pack.output_tree(), before);
    let after = std::fs::metadata(pack.path("public/index.html"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(
        after, modified,
        "an unchanged file keeps its modification time"
    );
}

#[test]
fn a_changed_source_template_or_vocabulary_makes_a_full_build() {
    let pack = pack();
    build(&pack);
    let source = "content/benn-letter-2017-01.txt";
    let text = std::fs::read_to_string(pack.path(source)).unwrap();
    pack.write(source, &text.replace("Aleppo", "Alepo"));
    let edited = build(&pack);
    assert_eq!(edited.parsed, 3, "{edited:?}");
    assert!(
        pack.output("documents/benn-letter-2017-01/index.html")
            .contains("Alepo")
    );
    assert!(skipped(&build(&pack)));

    pack.write(
        "templates/404.html",
        "{% extends \"base.html\" %}{% block main %}Lost.{% endblock %}",
    );
    build(&pack);
    assert!(pack.output("404.html").contains("Lost."));
    assert!(skipped(&build(&pack)));

    let vocabulary = std::fs::read_to_string(pack.path("index.toml")).unwrap();
    pack.write(
        "index.toml",
        &format!("{vocabulary}\n[[terms]]\nname = \"Alepo\"\ntaxonomy = \"places\"\n"),
    );
    build(&pack);
    assert!(
        pack.output("topics/places/alepo/index.html")
            .contains("Alepo")
    );
    assert!(skipped(&build(&pack)));
}

#[test]
fn different_options_are_a_different_build() {
    let pack = pack();
    build(&pack);
    let rebased = build_with(
        &pack,
        BuildOptions {
            base_url: Some("https://example.org/pack/".into()),
            ..BuildOptions::default()
        },
    );
    assert!(rebased.writes.written > 0, "{rebased:?}");
    assert!(
        pack.output("sitemap.xml")
            .contains("https://example.org/pack/")
    );
    assert!(!skipped(&build(&pack)), "back to the config's base URL");
}

#[test]
fn a_file_edited_removed_or_added_in_the_output_is_put_right() {
    let pack = pack();
    build(&pack);
    let clean = pack.output_tree();

    pack.write("public/index.html", "defaced");
    let repaired = build(&pack);
    assert_eq!(repaired.writes.written, 1, "{repaired:?}");

    pack.remove("public/timeline/index.html");
    build(&pack);
    pack.write("public/stray.html", "left behind");
    let tidied = build(&pack);
    assert_eq!(tidied.writes.removed, 1, "{tidied:?}");
    assert_eq!(pack.output_tree(), clean);
}

#[test]
fn a_build_into_another_folder_is_recorded_separately() {
    let pack = pack();
    build(&pack);
    let elsewhere = pack.path("elsewhere");
    let other = build_with(
        &pack,
        BuildOptions {
            output: Some(elsewhere.clone()),
            ..BuildOptions::default()
        },
    );
    assert!(!skipped(&other));
    assert!(skipped(&build(&pack)));
    let again = build_with(
        &pack,
        BuildOptions {
            output: Some(elsewhere),
            ..BuildOptions::default()
        },
    );
    assert!(skipped(&again));
}

#[test]
fn the_command_line_build_uses_the_shortcut() {
    let pack = pack();
    pack.build_ok();
    let run = pack.run(&["build", "--timings"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let stdout = run.stdout();
    assert!(stdout.contains("0 written"), "{stdout}");
    assert!(stdout.contains("compare with the last build"), "{stdout}");
    assert!(!stdout.contains("render document pages"), "{stdout}");
}
