//! Runs the search client's own tests (`tests/js/search.test.js`) under Node, so `cargo test`
//! covers the JavaScript that answers readers' queries.

use std::process::Command;

#[test]
fn the_search_client_passes_its_node_tests() {
    let root = env!("CARGO_MANIFEST_DIR");
    let output = Command::new("node")
        .args(["--test", "tests/js/"])
        .current_dir(root)
        .output()
        .expect("Node.js must be installed to test the search client (see the README)");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(stdout.contains("# fail 0"), "{stdout}");
}
