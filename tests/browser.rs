//! The browser suite (`tests/browser/run.mjs`) as part of `cargo test`: the sample pack's site,
//! zip bundle and single-file edition crawled in headless Chromium.
//!
//! It needs Node.js (with npm) and Debian's Chromium at /usr/bin/chromium; `.ci/run` installs
//! Chromium when it is missing. Without them this test fails and says what to install: a
//! browser check that silently passes when no browser ran would be worse than none.

use std::path::Path;
use std::process::Command;

#[test]
fn the_sample_pack_works_in_a_real_browser() {
    let suite = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let chromium = std::env::var("CHROMIUM").unwrap_or_else(|_| "/usr/bin/chromium".into());
    assert!(
        Path::new(&chromium).exists(),
        "the browser tests need Chromium at {chromium}: `apt-get install chromium` \
         (.ci/run installs it), or set CHROMIUM to its path"
    );
    let node = Command::new("node").arg("--version").output();
    assert!(
        node.is_ok_and(|o| o.status.success()),
        "the browser tests need Node.js 20 or newer with npm on the PATH"
    );
    if !suite.join("node_modules").exists() {
        let npm = Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund"])
            .current_dir(&suite)
            .output()
            .expect("npm runs (it comes with Node.js)");
        assert!(
            npm.status.success(),
            "npm ci in tests/browser failed:\n{}{}",
            String::from_utf8_lossy(&npm.stdout),
            String::from_utf8_lossy(&npm.stderr)
        );
    }
    let run = Command::new("node")
        .arg(suite.join("run.mjs"))
        .env("CASEBOOK_BIN", env!("CARGO_BIN_EXE_casebook"))
        .env("CHROMIUM", &chromium)
        .output()
        .expect("node runs");
    let stdout = String::from_utf8_lossy(&run.stdout);
    let stderr = String::from_utf8_lossy(&run.stderr);
    println!("{stdout}{stderr}");
    assert!(
        run.status.success(),
        "the browser suite failed:\n{stdout}{stderr}"
    );
    assert!(
        stdout.contains(" passed, 0 failed"),
        "the suite ran no checks:\n{stdout}"
    );
}
