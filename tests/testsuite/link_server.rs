//! A small web server on an ephemeral loopback port for `check --external` to ask about: it
//! answers each path in a fixed way and records every request and the most it had at once.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Method, Response, Server};

/// How long `/slow` takes to answer.
pub const SLOW: Duration = Duration::from_secs(3);
/// How long each `/busy/…` takes, so that requests overlap if the client lets them.
const BUSY: Duration = Duration::from_millis(300);

/// A running server, stopped when dropped.
pub struct LinkServer {
    server: Arc<Server>,
    /// `http://127.0.0.1:PORT`.
    pub base: String,
    log: Arc<Mutex<Vec<String>>>,
    most_at_once: Arc<AtomicUsize>,
}

impl LinkServer {
    /// Starts the server. It answers:
    /// `/ok` 200; `/missing` 404; `/moved` 301 to `/ok`; `/elsewhere` 302 to `/missing`;
    /// `/get-only` 405 to HEAD and 200 to GET; `/slow` 200 after [`SLOW`];
    /// `/busy/…` 200 after a short while, counting how many are in flight.
    pub fn start() -> Self {
        let server = Arc::new(Server::http("127.0.0.1:0").expect("a loopback port"));
        let base = format!("http://{}", server.server_addr().to_ip().unwrap());
        let log = Arc::new(Mutex::new(Vec::new()));
        let in_flight = Arc::new(AtomicUsize::new(0));
        let most_at_once = Arc::new(AtomicUsize::new(0));
        {
            let (server, log, most_at_once) = (
                Arc::clone(&server),
                Arc::clone(&log),
                Arc::clone(&most_at_once),
            );
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    let (log, in_flight, most_at_once) = (
                        Arc::clone(&log),
                        Arc::clone(&in_flight),
                        Arc::clone(&most_at_once),
                    );
                    std::thread::spawn(move || {
                        let path = request.url().to_string();
                        let head = *request.method() == Method::Head;
                        log.lock()
                            .unwrap()
                            .push(format!("{} {path}", request.method()));
                        let response = match path.as_str() {
                            "/ok" => Response::empty(200),
                            "/moved" => redirect(301, "/ok"),
                            "/elsewhere" => redirect(302, "/missing"),
                            "/get-only" if head => Response::empty(405),
                            "/get-only" => Response::empty(200),
                            "/slow" => {
                                std::thread::sleep(SLOW);
                                Response::empty(200)
                            }
                            busy if busy.starts_with("/busy/") => {
                                let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
                                most_at_once.fetch_max(now, Ordering::SeqCst);
                                std::thread::sleep(BUSY);
                                in_flight.fetch_sub(1, Ordering::SeqCst);
                                Response::empty(200)
                            }
                            _ => Response::empty(404),
                        };
                        let _ = request.respond(response);
                    });
                }
            });
        }
        Self {
            server,
            base,
            log,
            most_at_once,
        }
    }

    /// Every request so far, as `METHOD /path`, sorted.
    pub fn requests(&self) -> Vec<String> {
        let mut log = self.log.lock().unwrap().clone();
        log.sort();
        log
    }

    /// The most `/busy/…` requests that were in flight at once.
    pub fn most_at_once(&self) -> usize {
        self.most_at_once.load(Ordering::SeqCst)
    }
}

impl Drop for LinkServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn redirect(status: u16, to: &str) -> Response<std::io::Empty> {
    Response::empty(status)
        .with_header(Header::from_bytes(&b"Location"[..], to.as_bytes()).unwrap())
}
