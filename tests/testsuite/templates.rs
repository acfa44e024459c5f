//! Themes and overrides.

use crate::harness::TestPack;

#[test]
fn a_pack_template_overrides_the_theme_one() {
    let pack = TestPack::sample();
    pack.write(
        "templates/document.html",
        "{% extends \"base.html\" %}{% block main %}<p class=\"custom\">{{ document.title }}</p>{{ body | safe }}{% endblock main %}",
    );
    pack.build_ok();
    let html = pack.output("documents/benn-letter-2017-01/index.html");
    assert!(html.contains("<p class=\"custom\">Hilary Benn MP to constituents"));
    assert!(html.contains("<link rel=\"stylesheet\" href=\"../../style.css\">"));
}

#[test]
fn the_citation_template_can_be_overridden() {
    let pack = TestPack::sample();
    pack.write("templates/citation.txt", "{{ document.title }} (our style)");
    pack.build_ok();
    let html = pack.output("documents/hansard-2016-10-18-aleppo-bombings/index.html");
    assert!(html.contains("data-citation=\"Aleppo Bombings (our style)\""));
}

#[test]
fn static_files_are_copied_and_can_replace_theme_files() {
    let pack = TestPack::sample();
    pack.write("static/images/logo.svg", "<svg/>");
    pack.write("static/style.css", "body{}");
    pack.build_ok();
    assert_eq!(pack.output("images/logo.svg"), "<svg/>");
    assert_eq!(pack.output("style.css"), "body{}");
}

#[test]
fn a_theme_folder_in_the_pack_is_used() {
    let pack = TestPack::new();
    pack.write("config.toml", "title = \"T\"\ntheme = \"plain\"\n");
    pack.write("content/a.md", "+++\ntitle = \"A\"\n+++\nText.\n");
    for name in [
        "base.html",
        "index.html",
        "404.html",
        "timeline.html",
        "search.html",
        "topics.html",
        "term.html",
    ] {
        pack.write(
            &format!("themes/plain/templates/{name}"),
            "plain {{ site.title }}",
        );
    }
    pack.write(
        "themes/plain/templates/document.html",
        "doc {{ document.title }} {{ body | safe }}",
    );
    pack.write(
        "themes/plain/templates/citation.txt",
        "{{ document.title }}",
    );
    pack.write("themes/plain/static/plain.css", "p{}");
    pack.build_ok();
    assert!(
        pack.output("documents/a/index.html")
            .starts_with("doc A <div class=\"block\" id=\"p1\">")
    );
    assert_eq!(pack.output("plain.css"), "p{}");
}

#[test]
fn markdown_features_render() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"A\"\n+++\n## Background\n\nSee [the other](sub/b.md#p1) and [below](#p3).\n\n| x | y |\n|---|---|\n| 1 | 2 |\n\n```rust\nfn main() {}\n```\n",
    );
    pack.write(
        "content/sub/b.md",
        "+++\ntitle = \"B\"\n+++\nBack to [a](../a.md).\n",
    );
    pack.build_ok();
    let a = pack.output("documents/a/index.html");
    assert!(a.contains("<h2 id=\"background\">Background"));
    assert!(a.contains("href=\"../b/#p1\""), "{a}");
    assert!(a.contains("href=\"#p3\""));
    assert!(a.contains("<table>"));
    assert!(a.contains("class=\"hl-"));
    let b = pack.output("documents/b/index.html");
    assert!(b.contains("href=\"../a/\""));
    assert!(pack.output("syntax.css").contains(".hl-"));
}

#[test]
fn drafts_only_with_the_flag_and_base_url_from_the_command_line() {
    let pack = TestPack::new();
    pack.write("content/d.md", "+++\ntitle = \"D\"\ndraft = true\n+++\n");
    pack.build_ok();
    assert!(!pack.path("public/documents/d").exists());
    let run = pack.run(&[
        "build",
        "--drafts",
        "--base-url",
        "https://example.org/pack",
    ]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let html = pack.output("documents/d/index.html");
    assert!(
        html.contains("<link rel=\"canonical\" href=\"https://example.org/pack/documents/d/\">")
    );
}

#[test]
fn raw_html_in_markdown_is_sanitised_by_default() {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"<script>alert('title')</script>\"\n+++\n<iframe src=\"https://evil.example\"></iframe>\n\nText <b onmouseover=\"x()\">bold</b> [x](javascript:alert(1)).\n",
    );
    pack.build_ok();
    let html = pack.output("documents/a/index.html");
    assert!(!html.contains("<iframe"));
    assert!(!html.contains("onmouseover"));
    assert!(!html.contains("javascript:"));
    assert!(!html.contains("<script>alert"), "titles are escaped");
    assert!(html.contains("&lt;script&gt;alert"));
    assert!(html.contains("Text <b>bold</b> x."));
    pack.write(
        "config.toml",
        "title = \"T\"\n[markdown]\nallow_raw_html = true\n",
    );
    pack.build_ok();
    assert!(
        pack.output("documents/a/index.html")
            .contains("<iframe src=\"https://evil.example\">")
    );
}
