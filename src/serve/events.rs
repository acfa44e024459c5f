//! The live-reload channel: a response body that streams the hub's notices as server-sent
//! events for as long as the page stays open.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use bytes::Bytes;
use http_body::{Body, Frame};
use tokio::sync::mpsc;

use super::hub::Hub;

/// How often an idle channel gets a comment line, so proxies and browsers keep it open and
/// a closed page is noticed.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The events for one open page.
pub struct EventStream {
    events: mpsc::Receiver<Bytes>,
}

impl EventStream {
    /// Subscribes to the hub. A thread waits for notices and hands each to the response; it
    /// ends when the page has gone (the response, and so the channel, is dropped).
    pub fn subscribe(hub: &Arc<Hub>) -> Self {
        let notices = hub.subscribe();
        let (sender, events) = mpsc::channel(16);
        std::thread::spawn(move || {
            if sender
                .blocking_send(Bytes::from_static(b": connected\n\n"))
                .is_err()
            {
                return;
            }
            loop {
                let event = match notices.recv_timeout(KEEP_ALIVE) {
                    Ok(notice) => notice.to_event(),
                    Err(std::sync::mpsc::RecvTimeoutError::Timeout) => ": keep-alive\n\n".into(),
                    Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => return,
                };
                if sender.blocking_send(Bytes::from(event)).is_err() {
                    return;
                }
            }
        });
        Self { events }
    }
}

impl Body for EventStream {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        context: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        self.events
            .poll_recv(context)
            .map(|event| event.map(|bytes| Ok(Frame::data(bytes))))
    }
}
