//! Telling open pages about rebuilds: a server-sent events channel per page.

use std::sync::Mutex;
use std::sync::mpsc::{Receiver, Sender, channel};

/// A message to every open page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Notice {
    /// A rebuild succeeded; the JSON says which output files changed and which paragraph was
    /// edited, so a page reloads only if it is affected and lands on the edit.
    Built(String),
    /// A rebuild failed; the text is the diagnostic, shown over the page.
    Failed(String),
}

impl Notice {
    /// The notice as a server-sent event.
    pub fn to_event(&self) -> String {
        let (name, data) = match self {
            Self::Built(json) => ("built", json.as_str()),
            Self::Failed(text) => ("failed", text.as_str()),
        };
        let mut event = format!("event: {name}\n");
        for line in data.lines() {
            event.push_str("data: ");
            event.push_str(line);
            event.push('\n');
        }
        event.push('\n');
        event
    }
}

/// The pages listening, and the last failure so a page opened meanwhile still shows it.
#[derive(Debug, Default)]
pub struct Hub {
    listeners: Mutex<Vec<Sender<Notice>>>,
    failure: Mutex<Option<Notice>>,
}

impl Hub {
    /// A new listener; it first hears the current failure, if any.
    pub fn subscribe(&self) -> Receiver<Notice> {
        let (sender, receiver) = channel();
        if let Some(failure) = lock(&self.failure).clone() {
            let _ = sender.send(failure);
        }
        lock(&self.listeners).push(sender);
        receiver
    }

    /// Sends a notice to every listener, dropping those that have gone.
    pub fn publish(&self, notice: Notice) {
        *lock(&self.failure) = matches!(notice, Notice::Failed(_)).then(|| notice.clone());
        lock(&self.listeners).retain(|listener| listener.send(notice.clone()).is_ok());
    }

    /// How many pages are listening.
    pub fn listeners(&self) -> usize {
        lock(&self.listeners).len()
    }
}

/// Locks a mutex, recovering it if a thread panicked while holding it: the data here (a list
/// of channels) stays valid whatever happened.
fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_are_framed_line_by_line() {
        let event = Notice::Failed("error: x\n  --> a.md:1:1".into()).to_event();
        assert_eq!(
            event,
            "event: failed\ndata: error: x\ndata:   --> a.md:1:1\n\n"
        );
    }

    #[test]
    fn late_listeners_hear_the_current_failure_until_it_is_fixed() {
        let hub = Hub::default();
        hub.publish(Notice::Failed("broken".into()));
        let late = hub.subscribe();
        assert_eq!(late.try_recv(), Ok(Notice::Failed("broken".into())));
        hub.publish(Notice::Built("{}".into()));
        assert_eq!(late.try_recv(), Ok(Notice::Built("{}".into())));
        assert!(hub.subscribe().try_recv().is_err());
    }

    #[test]
    fn gone_listeners_are_dropped() {
        let hub = Hub::default();
        drop(hub.subscribe());
        hub.publish(Notice::Built("{}".into()));
        assert_eq!(hub.listeners(), 0);
    }
}
