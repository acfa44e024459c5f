//! The preview's HTTP server: the output folder, the live-reload channel and its script.
//!
//! It is built on hyper, which bounds what a client can make it hold: a request's head must
//! arrive within [`HEAD_TIMEOUT`] and fit in [`MAX_HEAD`] with at most [`MAX_HEADERS`]
//! headers, and a declared body is never read, so a malformed, oversized or never-finished
//! request costs one short-lived connection and nothing else. At most [`MAX_CONNECTIONS`] are
//! open at once; more wait to be accepted.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full, combinators::BoxBody};
use hyper::body::Incoming;
use hyper::header::{CACHE_CONTROL, CONTENT_TYPE, HeaderValue, LOCATION};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Method, Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::sync::{Semaphore, oneshot};

use super::events::EventStream;
use super::hub::Hub;
use super::paths::{Resolved, resolve};

/// Where the live-reload script and channel live; no pack file can be served from there.
pub const LIVE_PREFIX: &str = "/__casebook/";
const LIVE_SCRIPT: &str = include_str!("live.js");
/// The longest request path and query served; longer ones get 414.
const LONGEST_URL: usize = 8 * 1024;
/// The most bytes a request's line and headers may take; more gets 431.
pub const MAX_HEAD: usize = 64 * 1024;
/// The most headers a request may have; more gets 431.
pub const MAX_HEADERS: usize = 100;
/// How long a client may take to send a request's head, and how long an idle kept-alive
/// connection stays open.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The most connections open at once, live-reload channels included.
pub const MAX_CONNECTIONS: usize = 512;

type Body = BoxBody<Bytes, Infallible>;

/// A running preview server.
pub struct PreviewServer {
    address: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
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
    /// Listens on `address` and serves `output` on a thread of its own until dropped.
    pub fn start(address: &str, output: PathBuf, hub: Arc<Hub>) -> Result<Self, BindError> {
        let failed = |e: std::io::Error| BindError {
            address: address.to_string(),
            message: e.to_string(),
        };
        let listener = std::net::TcpListener::bind(address).map_err(failed)?;
        listener.set_nonblocking(true).map_err(failed)?;
        let bound = listener.local_addr().map_err(failed)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .thread_name("casebook-serve")
            .build()
            .map_err(failed)?;
        let listener = {
            let _entered = runtime.enter();
            TcpListener::from_std(listener).map_err(failed)?
        };
        let (stop, stopped) = oneshot::channel();
        std::thread::spawn(move || runtime.block_on(accept(listener, output, hub, stopped)));
        Ok(Self {
            address: bound,
            stop: Some(stop),
        })
    }

    /// The address actually listened on (the port may have been chosen by the system).
    pub fn address(&self) -> SocketAddr {
        self.address
    }
}

impl Drop for PreviewServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// Accepts connections until told to stop, each served by a task of its own.
async fn accept(
    listener: TcpListener,
    output: PathBuf,
    hub: Arc<Hub>,
    mut stopped: oneshot::Receiver<()>,
) {
    let output: Arc<Path> = output.into();
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        let slot = tokio::select! {
            _ = &mut stopped => return,
            slot = Arc::clone(&slots).acquire_owned() => slot.expect("the semaphore is never closed"),
        };
        let stream = tokio::select! {
            _ = &mut stopped => return,
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => stream,
                Err(_) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a moment rather than spin.
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let (output, hub) = (Arc::clone(&output), Arc::clone(&hub));
        tokio::spawn(async move {
            let service = service_fn(move |request| {
                let (output, hub) = (Arc::clone(&output), Arc::clone(&hub));
                async move { Ok::<_, Infallible>(handle(request, output, &hub).await) }
            });
            let _ = http1::Builder::new()
                .timer(TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT)
                .max_buf_size(MAX_HEAD)
                .max_headers(MAX_HEADERS)
                .title_case_headers(true)
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(slot);
        });
    }
}

async fn handle(request: Request<Incoming>, output: Arc<Path>, hub: &Arc<Hub>) -> Response<Body> {
    let url = request
        .uri()
        .path_and_query()
        .map_or_else(|| request.uri().to_string(), |p| p.as_str().to_string());
    if url.len() > LONGEST_URL {
        return text(414, "URI too long");
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(405, "Only GET and HEAD are allowed");
    }
    if let Some(live) = url.strip_prefix(LIVE_PREFIX) {
        return match live.split('?').next() {
            Some("live.js") => bytes(
                200,
                Bytes::from_static(LIVE_SCRIPT.as_bytes()),
                "text/javascript; charset=utf-8",
            ),
            Some("events") => {
                let mut response = Response::new(EventStream::subscribe(hub).boxed());
                let headers = response.headers_mut();
                headers.insert(CONTENT_TYPE, HeaderValue::from_static("text/event-stream"));
                headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
                response
            }
            _ => text(404, "Not found"),
        };
    }
    tokio::task::spawn_blocking(move || serve_file(&output, &url))
        .await
        .unwrap_or_else(|_| text(500, "Internal error"))
}

/// The file a URL names, a redirect, or the reason there is none.
fn serve_file(output: &Path, url: &str) -> Response<Body> {
    match resolve(output, url) {
        Resolved::File(path) => match std::fs::read(&path) {
            Ok(content) => file_response(200, &path, content),
            Err(_) => not_found(output),
        },
        Resolved::AddSlash(location) => {
            let mut response = text(301, "Moved");
            if let Ok(location) = HeaderValue::from_str(&location) {
                response.headers_mut().insert(LOCATION, location);
            }
            response
        }
        Resolved::NotFound => not_found(output),
        Resolved::Refused => text(403, "Forbidden"),
    }
}

/// The pack's own 404 page, with status 404.
fn not_found(output: &Path) -> Response<Body> {
    let page = output.join("404.html");
    match std::fs::read(&page) {
        Ok(content) => file_response(404, &page, content),
        Err(_) => text(404, "Not found"),
    }
}

fn file_response(status: u16, path: &Path, mut content: Vec<u8>) -> Response<Body> {
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
    let mut response = bytes(status, Bytes::from(content), &content_type);
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
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

fn bytes(status: u16, content: Bytes, content_type: &str) -> Response<Body> {
    let mut response = Response::new(Full::new(content).boxed());
    *response.status_mut() = StatusCode::from_u16(status).expect("a valid status code");
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    response
}

fn text(status: u16, message: &'static str) -> Response<Body> {
    bytes(
        status,
        Bytes::from_static(message.as_bytes()),
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
