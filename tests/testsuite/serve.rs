//! `casebook serve`: a real server on an ephemeral loopback port, driven over HTTP.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::TestPack;

/// A running `casebook serve`, stopped when dropped.
struct Preview {
    child: Child,
    address: String,
}

impl Preview {
    fn start(pack: &TestPack) -> Self {
        Self::start_and(pack, || {})
    }

    /// Starts the preview, runs `meanwhile` while it starts up, and waits until it serves.
    fn start_and(pack: &TestPack, meanwhile: impl FnOnce()) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casebook"))
            .args(["serve", "--port", "0", "--root"])
            .arg(pack.root())
            .env("NO_COLOR", "1")
            // A crash then ends the process at once rather than after printing a backtrace.
            .env("RUST_BACKTRACE", "0")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("casebook serve starts");
        meanwhile();
        let stdout = child.stdout.take().unwrap();
        let mut lines = BufReader::new(stdout).lines();
        let address = loop {
            let line = lines.next().expect("serve prints its address").unwrap();
            if let Some(rest) = line.split("at http://").nth(1) {
                break rest.split('/').next().unwrap().to_string();
            }
        };
        std::thread::spawn(move || for _ in lines {});
        Self { child, address }
    }

    /// Sends raw bytes and returns the whole response.
    fn raw(&self, request: &[u8]) -> String {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        stream.write_all(request).unwrap();
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        String::from_utf8_lossy(&response).into_owned()
    }

    fn get(&self, path: &str) -> String {
        self.raw(
            format!("GET {path} HTTP/1.1\r\nHost: preview\r\nConnection: close\r\n\r\n").as_bytes(),
        )
    }

    /// Opens the live-reload channel.
    fn events(&self) -> Events {
        let mut stream = TcpStream::connect(&self.address).unwrap();
        stream
            .write_all(b"GET /__casebook/events HTTP/1.1\r\nHost: preview\r\n\r\n")
            .unwrap();
        stream
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut events = Events {
            stream,
            seen: String::new(),
        };
        events.wait_for(": connected\n\n");
        events
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Events {
    stream: TcpStream,
    seen: String,
}

impl Events {
    /// Reads until `text` has arrived (10 s at most) and returns everything since the last call.
    fn wait_for(&mut self, text: &str) -> String {
        let deadline = Instant::now() + Duration::from_secs(10);
        let mut buffer = [0u8; 4096];
        while !self.seen.contains(text) {
            assert!(Instant::now() < deadline, "no {text:?} in {:?}", self.seen);
            if let Ok(n) = self.stream.read(&mut buffer) {
                self.seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
        let at = self.seen.find(text).unwrap() + text.len();
        let taken = self.seen[..at].to_string();
        self.seen.drain(..at);
        taken
    }

    /// Reads for `duration` and returns everything that arrived, with anything unread before.
    fn listen_for(&mut self, duration: Duration) -> String {
        let deadline = Instant::now() + duration;
        let mut buffer = [0u8; 4096];
        while Instant::now() < deadline {
            if let Ok(n) = self.stream.read(&mut buffer) {
                self.seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
            }
        }
        std::mem::take(&mut self.seen)
    }
}

fn status(response: &str) -> &str {
    response.split("\r\n").next().unwrap_or("")
}

fn body(response: &str) -> &str {
    response.split_once("\r\n\r\n").map_or("", |(_, b)| b)
}

fn pack() -> TestPack {
    let pack = TestPack::new();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"Alpha\"\ndate = 2016-10-18\n+++\nFirst paragraph.\n\nSecond paragraph.\n",
    );
    pack.write(
        "content/b.md",
        "+++\ntitle = \"Beta\"\ndate = 2016-11-01\n+++\nBeta text.\n",
    );
    pack
}

#[test]
fn serves_pages_with_types_indexes_redirects_and_the_404_page() {
    let pack = pack();
    let preview = Preview::start(&pack);
    let home = preview.get("/");
    assert!(status(&home).contains("200"), "{home}");
    assert!(home.contains("Content-Type: text/html; charset=utf-8"));
    assert!(body(&home).contains("<script src=\"/__casebook/live.js\"></script>"));
    let css = preview.get("/style.css");
    assert!(css.contains("Content-Type: text/css"), "{css}");
    let script = preview.get("/__casebook/live.js");
    assert!(script.contains("Content-Type: text/javascript") && script.contains("EventSource"));
    let redirect = preview.get("/documents/a");
    assert!(status(&redirect).contains("301"), "{redirect}");
    assert!(redirect.contains("Location: /documents/a/"));
    assert!(body(&preview.get("/documents/a/")).contains("First paragraph."));
    let missing = preview.get("/no/such/page/");
    assert!(status(&missing).contains("404"), "{missing}");
    assert!(
        body(&missing).contains("Page not found"),
        "the pack's own 404 page"
    );
    assert!(
        !std::fs::read_to_string(pack.path("public/index.html"))
            .unwrap()
            .contains("live.js"),
        "the live-reload script is added when serving, never written to the site"
    );
}

#[test]
fn no_way_out_of_the_output_folder() {
    let pack = pack();
    pack.write("secret.txt", "TOP SECRET");
    let preview = Preview::start(&pack);
    std::os::unix::fs::symlink(pack.path("secret.txt"), pack.path("public/leak.txt")).unwrap();
    for path in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/%2E%2E%2Fsecret.txt",
        "/documents/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/leak.txt",
        &format!("/{}", pack.path("secret.txt").display()),
    ] {
        let response = preview.get(path);
        assert!(!response.contains("TOP SECRET"), "{path} leaked");
        assert!(
            status(&response).contains("403") || status(&response).contains("404"),
            "{path}: {response}"
        );
    }
}

#[test]
fn bad_requests_are_answered_not_fatal() {
    let pack = pack();
    let preview = Preview::start(&pack);
    assert!(
        status(
            &preview.raw(
                b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            )
        )
        .contains("405")
    );
    let long = format!("/{}", "a".repeat(20_000));
    assert!(status(&preview.get(&long)).contains("414"));
    let _ = preview.raw(b"NONSENSE\r\n\r\n");
    let _ = preview.raw(&[0xff, 0xfe, 0x00, 0x13, 0x10]);
    assert!(status(&preview.get("/")).contains("200"), "still serving");
}

#[test]
fn a_request_announcing_a_huge_body_is_answered_not_fatal() {
    // Regression: a request declaring a body of a terabyte (and sending none) made the server
    // try to allocate a terabyte once it had answered, and abort.
    let pack = pack();
    let mut preview = Preview::start(&pack);
    let response = preview.raw(
        b"GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 1000000000000\r\nConnection: close\r\n\r\n",
    );
    assert!(status(&response).contains("200"), "{response}");
    std::thread::sleep(Duration::from_millis(300));
    assert!(
        preview.child.try_wait().unwrap().is_none(),
        "the server is still running"
    );
    assert!(status(&preview.get("/")).contains("200"), "still serving");
}

#[test]
fn oversized_heads_are_refused_and_unfinished_ones_do_not_stall_others() {
    let pack = pack();
    let preview = Preview::start(&pack);
    let long_header = format!(
        "GET / HTTP/1.1\r\nHost: x\r\nX-Long: {}\r\nConnection: close\r\n\r\n",
        "b".repeat(1_000_000)
    );
    assert!(status(&preview.raw(long_header.as_bytes())).contains("431"));
    let many_headers = format!(
        "GET / HTTP/1.1\r\nHost: x\r\n{}Connection: close\r\n\r\n",
        (0..10_000)
            .map(|i| format!("X-H{i}: v\r\n"))
            .collect::<String>()
    );
    assert!(status(&preview.raw(many_headers.as_bytes())).contains("431"));
    let long_url = format!("/{}", "a".repeat(1_000_000));
    assert!(status(&preview.get(&long_url)).contains("431"));
    let unfinished: Vec<TcpStream> = (0..100)
        .map(|_| {
            let mut stream = TcpStream::connect(&preview.address).unwrap();
            stream
                .write_all(b"GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
                .unwrap();
            stream
        })
        .collect();
    let started = Instant::now();
    assert!(status(&preview.get("/")).contains("200"), "still serving");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(unfinished);
}

#[test]
fn an_edit_is_rebuilt_and_announced() {
    let pack = pack();
    let preview = Preview::start(&pack);
    let mut events = preview.events();
    pack.write("content/a.md", "+++\ntitle = \"Alpha\"\ndate = 2016-10-18\n+++\nFirst paragraph.\n\nSecond paragraph, edited.\n");
    events.wait_for("event: built");
    let pages = events.wait_for("\n\n");
    assert!(pages.contains("documents/a/index.html"), "{pages}");
    assert!(
        pages.contains("\"documents/a/index.html\":\"p2\""),
        "lands on the edited paragraph: {pages}"
    );
    assert!(
        !pages.contains("pack.json"),
        "the pages are announced before the files drawn from the whole pack: {pages}"
    );
    assert!(body(&preview.get("/documents/a/")).contains("Second paragraph, edited."));
    events.wait_for("event: built");
    let rest = events.wait_for("\n\n");
    let data = rest.trim().strip_prefix("data: ").expect("one data line");
    let notice: serde_json::Value = serde_json::from_str(data).unwrap();
    let changed = notice["changed"].as_array().unwrap();
    assert!(changed.contains(&"pack.json".into()), "{rest}");
    assert!(
        !changed.contains(&"documents/a/index.html".into()),
        "a page is announced once: {rest}"
    );
}

#[test]
fn an_idle_preview_stays_idle() {
    // Regression: the watcher also reported files being opened, so reading the pack for a
    // rebuild caused another rebuild, for ever, announced to every open page.
    let pack = pack();
    let preview = Preview::start(&pack);
    let mut events = preview.events();
    let heard = events.listen_for(Duration::from_millis(1500));
    assert!(!heard.contains("event:"), "nothing changed: {heard}");
    pack.write(
        "content/b.md",
        "+++\ntitle = \"Beta\"\ndate = 2016-11-01\n+++\nBeta text, edited.\n",
    );
    // A rebuild announces its pages, then the rest of what it wrote.
    for _ in 0..2 {
        events.wait_for("event: built");
        events.wait_for("\n\n");
    }
    let heard = events.listen_for(Duration::from_millis(1500));
    assert!(!heard.contains("event:"), "one save, one rebuild: {heard}");
}

#[test]
fn a_save_made_during_the_first_build_is_not_missed() {
    // Regression: watching began only once the first build was written and the server was up,
    // so a save made meanwhile was never built.
    let pack = pack();
    let preview = Preview::start_and(&pack, || {
        let deadline = Instant::now() + Duration::from_secs(30);
        while !pack.path(".public.casebook-staging").exists() && !pack.path("public").exists() {
            assert!(
                Instant::now() < deadline,
                "the first build never wrote its output"
            );
            std::thread::sleep(Duration::from_millis(1));
        }
        pack.write(
            "content/a.md",
            "+++\ntitle = \"Alpha\"\ndate = 2016-10-18\n+++\nSaved during the first build.\n",
        );
    });
    let deadline = Instant::now() + Duration::from_secs(10);
    while !body(&preview.get("/documents/a/")).contains("Saved during the first build.") {
        assert!(Instant::now() < deadline, "the save was never built");
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_the_fix_clears_the_error() {
    let pack = pack();
    let preview = Preview::start(&pack);
    let mut events = preview.events();
    pack.write(
        "content/a.md",
        "+++\ntitle = \"Alpha\"\n\nBroken: the front matter never closes.\n",
    );
    let failure = events.wait_for("event: failed");
    let failure = failure + &events.wait_for("\n\n");
    assert!(failure.contains("content/a.md"), "{failure}");
    assert!(failure.contains("never closed"), "{failure}");
    let page = preview.get("/documents/a/");
    assert!(
        status(&page).contains("200") && body(&page).contains("First paragraph."),
        "last good site"
    );
    let mut late = preview.events();
    assert!(
        late.wait_for("\n\n").contains("event: failed"),
        "a page opened now sees the error"
    );
    pack.write(
        "content/a.md",
        "+++\ntitle = \"Alpha\"\ndate = 2016-10-18\n+++\nRepaired.\n",
    );
    events.wait_for("event: built");
    assert!(body(&preview.get("/documents/a/")).contains("Repaired."));
}

#[test]
fn many_live_reload_clients_all_hear_a_rebuild() {
    let pack = pack();
    let preview = Preview::start(&pack);
    let mut listeners: Vec<Events> = (0..40).map(|_| preview.events()).collect();
    pack.write(
        "content/b.md",
        "+++\ntitle = \"Beta\"\ndate = 2016-11-01\n+++\nBeta text, again.\n",
    );
    for listener in &mut listeners {
        listener.wait_for("event: built");
    }
    assert!(status(&preview.get("/")).contains("200"));
}
