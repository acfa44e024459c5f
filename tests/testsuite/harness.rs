//! A small harness: make a pack in a temporary folder, run the real `casebook` binary on it,
//! and read what it produced.

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// A pack in a temporary folder.
pub struct TestPack {
    dir: tempfile::TempDir,
    root: PathBuf,
}

impl TestPack {
    /// An empty pack with a minimal config.
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().to_path_buf();
        let pack = Self { dir, root };
        pack.write("config.toml", "title = \"Test pack\"\n");
        pack
    }

    /// Like [`new`](Self::new), but two folders down in the temporary folder
    /// ([`outer`](Self::outer)), so a build that writes beside or above the pack can be seen.
    pub fn nested() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        let root = dir.path().join("outer").join("pack");
        std::fs::create_dir_all(&root).unwrap();
        let pack = Self { dir, root };
        pack.write("config.toml", "title = \"Test pack\"\n");
        pack
    }

    /// The temporary folder holding the pack (the pack's root itself unless
    /// [`nested`](Self::nested)).
    pub fn outer(&self) -> &Path {
        self.dir.path()
    }

    /// A copy of the repository's sample pack (config.toml, index.toml and content/).
    pub fn sample() -> Self {
        let pack = Self::new();
        let repo = Path::new(env!("CARGO_MANIFEST_DIR"));
        for file in ["config.toml", "index.toml"] {
            pack.write(file, &std::fs::read_to_string(repo.join(file)).unwrap());
        }
        for entry in std::fs::read_dir(repo.join("content")).unwrap() {
            let entry = entry.unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            pack.write_bytes(
                &format!("content/{name}"),
                &std::fs::read(entry.path()).unwrap(),
            );
        }
        pack
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root.join(relative)
    }

    pub fn write(&self, relative: &str, text: &str) -> &Self {
        self.write_bytes(relative, text.as_bytes())
    }

    pub fn write_bytes(&self, relative: &str, bytes: &[u8]) -> &Self {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
        self
    }

    pub fn remove(&self, relative: &str) {
        std::fs::remove_file(self.path(relative)).unwrap();
    }

    /// Runs `casebook ARGS --root <pack>`.
    pub fn run(&self, args: &[&str]) -> Run {
        let output = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .output()
            .expect("casebook runs");
        Run { output }
    }

    /// Runs `casebook ARGS --root <pack>` like [`run`](Self::run), but kills it and returns
    /// an error if it has not finished within `limit`.
    pub fn run_within(&self, args: &[&str], limit: Duration) -> Result<Run, String> {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(args)
            .arg("--root")
            .arg(self.root())
            .env("NO_COLOR", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("casebook runs");
        let drain = |pipe: Option<Box<dyn Read + Send>>| {
            std::thread::spawn(move || {
                let mut bytes = Vec::new();
                if let Some(mut pipe) = pipe {
                    let _ = pipe.read_to_end(&mut bytes);
                }
                bytes
            })
        };
        let stdout = drain(
            child
                .stdout
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let stderr = drain(
            child
                .stderr
                .take()
                .map(|p| Box::new(p) as Box<dyn Read + Send>),
        );
        let started = Instant::now();
        let status = loop {
            if let Some(status) = child.try_wait().expect("waiting for casebook") {
                break status;
            }
            if started.elapsed() > limit {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("still running after {limit:?}; killed"));
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        Ok(Run {
            output: Output {
                status,
                stdout: stdout.join().unwrap(),
                stderr: stderr.join().unwrap(),
            },
        })
    }

    /// `casebook build`, which must succeed.
    pub fn build_ok(&self) -> Run {
        let run = self.run(&["build"]);
        assert_eq!(run.code(), 0, "build failed:\n{}", run.stderr());
        run
    }

    /// A file of the built site, as text.
    pub fn output(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path("public").join(relative))
            .unwrap_or_else(|e| panic!("public/{relative}: {e}"))
    }

    /// Every file under `public/` with its bytes, to compare whole trees.
    pub fn output_tree(&self) -> BTreeMap<String, Vec<u8>> {
        tree(&self.path("public"))
    }

    /// Options that build this pack into `output` (a folder inside it).
    pub fn options_into(&self, output: &str) -> casebook::BuildOptions {
        casebook::BuildOptions {
            root: self.root().to_path_buf(),
            output: Some(self.path(output)),
            ..casebook::BuildOptions::default()
        }
    }

    /// Builds the pack afresh into `clean/` and asserts that `out` (a folder inside the pack
    /// that a session built, maybe many times) holds the same files: what every incremental
    /// build must give.
    pub fn assert_matches_a_clean_build(&self, out: &str, context: &str) {
        casebook::build(&self.options_into("clean")).unwrap();
        assert_same_tree(&tree(&self.path(out)), &tree(&self.path("clean")), context);
    }
}

/// Every file under `dir` with its bytes.
pub fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            files.insert(rel, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// The outcome of one run of the binary.
pub struct Run {
    output: Output,
}

impl Run {
    pub fn code(&self) -> i32 {
        self.output.status.code().expect("exit code")
    }

    /// How the process ended (an exit code, or a signal).
    pub fn status(&self) -> std::process::ExitStatus {
        self.output.status
    }

    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }
}

/// Decodes the HTML character references our pages use, to compare text with sources.
pub fn decode_entities(html: &str) -> String {
    html.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The inner HTML of each numbered block of a page, in order, with their ids.
pub fn blocks(html: &str) -> Vec<(String, String)> {
    html.split("<div class=\"block\" id=\"")
        .skip(1)
        .map(|rest| {
            let (id, rest) = rest.split_once('"').unwrap();
            let inner = rest.split("</div>\n").next().unwrap();
            (id.to_string(), inner.to_string())
        })
        .collect()
}

/// Asserts two output trees are identical, naming the files that differ.
pub fn assert_same_tree(
    actual: &BTreeMap<String, Vec<u8>>,
    expected: &BTreeMap<String, Vec<u8>>,
    context: &str,
) {
    let differing: Vec<String> = actual
        .keys()
        .chain(expected.keys())
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|path| actual.get(*path) != expected.get(*path))
        .map(|path| match (actual.get(path), expected.get(path)) {
            (Some(_), None) => format!("{path} (extra)"),
            (None, Some(_)) => format!("{path} (missing)"),
            (Some(a), Some(e)) => format!(
                "{path}:\n--- actual\n{}\n--- expected\n{}",
                String::from_utf8_lossy(a),
                String::from_utf8_lossy(e)
            ),
            (None, None) => unreachable!(),
        })
        .collect();
    assert!(
        differing.is_empty(),
        "{context}: trees differ:\n{}",
        differing.join("\n")
    );
}
