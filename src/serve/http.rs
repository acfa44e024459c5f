//! The preview's HTTP server: the output folder, the live-reload channel and its script.

use std::io::Write;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

use super::hub::Hub;
use super::paths::{Resolved, resolve};

/// Where the live-reload script and channel live; no pack file can be served from there.
pub const LIVE_PREFIX: &str = "/__casebook/";
const LIVE_SCRIPT: &str = include_str!("live.js");
const LONGEST_URL: usize = 8 * 1024;
const WORKERS: usize = 8;

/// A running preview server.
pub struct PreviewServer {
    server: Arc<Server>,
    address: SocketAddr,
}

/// Starting the server failed.
#[derive(Debug, thiserror::Error)]
#[error("cannot listen on {address}: {message}")]
pub struct BindError {
    /// The address asked for.
    pub address: String,
    /// Why not.
    pub message: String,
}

impl PreviewServer {
    /// Listens on `address` and serves `output` with worker threads until dropped.
    pub fn start(address: &str, output: PathBuf, hub: Arc<Hub>) -> Result<Self, BindError> {
        let server = Server::http(address).map_err(|e| BindError {
            address: address.to_string(),
            message: e.to_string(),
        })?;
        let address = server
            .server_addr()
            .to_ip()
            .expect("an HTTP server has an IP address");
        let server = Arc::new(server);
        for _ in 0..WORKERS {
            let server = Arc::clone(&server);
            let output = output.clone();
            let hub = Arc::clone(&hub);
            std::thread::spawn(move || {
                while let Ok(request) = server.recv() {
                    handle(request, &output, &hub);
                }
            });
        }
        Ok(Self { server, address })
    }

    /// The address actually listened on (the port may have been chosen by the system).
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for PreviewServer {
    fn drop(&mut self) {
        self.server.unblock();
    }
}

fn handle(request: Request, output: &std::path::Path, hub: &Arc<Hub>) {
    let url = request.url().to_string();
    if url.len() > LONGEST_URL {
        let _ = request.respond(text(414, "URI too long"));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "Only GET and HEAD are allowed"));
        return;
    }
    if let Some(live) = url.strip_prefix(LIVE_PREFIX) {
        match live.split('?').next() {
            Some("live.js") => {
                let _ = request.respond(bytes(
                    200,
                    LIVE_SCRIPT.as_bytes().to_vec(),
                    "text/javascript; charset=utf-8",
                ));
            }
            Some("events") => stream_events(request, hub),
            _ => {
                let _ = request.respond(text(404, "Not found"));
            }
        }
        return;
    }
    let response = match resolve(output, &url) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(content) => file_response(200, &path, content),
            Err(_) => not_found(output),
        },
        Resolved::AddSlash(location) => {
            let mut response = text(301, "Moved");
            response.add_header(header("Location", &location));
            response
        }
        Resolved::NotFound => not_found(output),
        Resolved::Refused => text(403, "Forbidden"),
    };
    let _ = request.respond(response);
}

/// The pack's own 404 page, with status 404.
fn not_found(output: &std::path::Path) -> Response<std::io::Cursor<Vec<u8>>> {
    let page = output.join("404.html");
    match std::fs::read(&page) {
        Ok(content) => file_response(404, &page, content),
        Err(_) => text(404, "Not found"),
    }
}

fn file_response(
    status: u16,
    path: &std::path::Path,
    mut content: Vec<u8>,
) -> Response<std::io::Cursor<Vec<u8>>> {
    let mime = mime_guess::from_path(path).first_or_octet_stream();
    let is_html = mime.essence_str() == "text/html";
    if is_html {
        content = inject_live_script(content);
    }
    let content_type = match mime.type_() {
        mime_guess::mime::TEXT => format!("{}; charset=utf-8", mime.essence_str()),
        _ if mime.essence_str() == "application/javascript" => {
            "text/javascript; charset=utf-8".to_string()
        }
        _ => mime.essence_str().to_string(),
    };
    let mut response = bytes(status, content, &content_type);
    response.add_header(header("Cache-Control", "no-store"));
    response
}

/// Adds the live-reload script to a page, just before `</body>` (or at the end).
pub fn inject_live_script(mut html: Vec<u8>) -> Vec<u8> {
    let tag = format!("<script src=\"{LIVE_PREFIX}live.js\"></script>\n");
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    html.splice(at..at, tag.into_bytes());
    html
}

/// Holds the connection open and writes each notice as a server-sent event.
fn stream_events(request: Request, hub: &Arc<Hub>) {
    let hub = Arc::clone(hub);
    std::thread::spawn(move || {
        let notices = hub.subscribe();
        let mut writer = request.into_writer();
        let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n: connected\n\n";
        if writer
            .write_all(head.as_bytes())
            .and_then(|()| writer.flush())
            .is_err()
        {
            return;
        }
        loop {
            let message = match notices.recv_timeout(Duration::from_secs(15)) {
                Ok(notice) => notice.to_event(),
                Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".into(),
                Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
            };
            if writer
                .write_all(message.as_bytes())
                .and_then(|()| writer.flush())
                .is_err()
            {
                return;
            }
        }
    });
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("valid header")
}

fn bytes(status: u16, content: Vec<u8>, content_type: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    Response::from_data(content)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", content_type))
}

fn text(status: u16, message: &str) -> Response<std::io::Cursor<Vec<u8>>> {
    bytes(
        status,
        message.as_bytes().to_vec(),
        "text/plain; charset=utf-8",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_closing_body_tag() {
        let html = inject_live_script(b"<html><body>x</body></html>".to_vec());
        assert_eq!(
            String::from_utf8(html).unwrap(),
            "<html><body>x<script src=\"/__casebook/live.js\"></script>\n</body></html>"
        );
        let html = inject_live_script(b"fragment".to_vec());
        assert!(
            String::from_utf8(html)
                .unwrap()
                .ends_with("live.js\"></script>\n")
        );
    }
}
