//! Watching the pack and rebuilding on every save.
//!
//! Editors save in bursts (an atomic save is a write and a rename; a `git checkout` touches
//! hundreds of files): events are debounced, and everything that arrived together becomes one
//! rebuild of one [`Session`], which redoes only what the changed files affect.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use crate::error::BuildError;
use crate::pipeline::{BuildReport, PagesWritten, Session};

/// How long a burst of events may go quiet before it counts as finished.
const DEBOUNCE: Duration = Duration::from_millis(25);

/// The outcome of one rebuild, for the caller to report.
pub struct Rebuild<'a> {
    /// The files whose changes caused it.
    pub changed: &'a [PathBuf],
    /// What the build did, or why it failed.
    pub result: &'a Result<BuildReport, BuildError>,
    /// From the end of the burst to the end of the build.
    pub elapsed: Duration,
}

/// Watching could not start or stopped.
#[derive(Debug, thiserror::Error)]
pub enum WatchError {
    /// The file-system watcher failed.
    #[error("cannot watch the pack: {0}")]
    Notify(#[from] notify::Error),
    /// The watcher's thread went away.
    #[error("the file watcher stopped")]
    Stopped(#[from] RecvError),
}

/// Watches a pack. It is started before the first build, so that a save made while that
/// build runs is not missed but becomes the first rebuild.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    receiver: Receiver<DebounceEventResult>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the pack at `root`; changes are kept until [`Watcher::run`].
    pub fn start(root: &Path) -> Result<Self, WatchError> {
        let (sender, receiver) = channel();
        let mut debouncer = new_debouncer(DEBOUNCE, None, move |result: DebounceEventResult| {
            let _ = sender.send(result);
        })?;
        debouncer.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Self {
            root: root.to_path_buf(),
            debouncer,
            receiver,
            watched: Vec::new(),
        };
        watcher.watch_folders()?;
        Ok(watcher)
    }

    /// Rebuilds `session` after every burst of changes, calling `pages_written` as soon as a
    /// rebuild's pages are written and `report` when it is over. Runs until the watcher
    /// fails.
    pub fn run(
        mut self,
        session: &mut Session,
        mut pages_written: impl FnMut(&PagesWritten<'_>),
        mut report: impl FnMut(Rebuild<'_>),
    ) -> Result<(), WatchError> {
        loop {
            let changed = next_burst(&self.receiver)?;
            self.watch_folders()?;
            if !session.invalidate(&changed) {
                continue;
            }
            let started = Instant::now();
            let result = session.build_pages_first(&mut pages_written);
            report(Rebuild {
                changed: &changed,
                result: &result,
                elapsed: started.elapsed(),
            });
        }
    }

    /// Watches the pack's folders that exist now (they may be created, and removed, at any
    /// time).
    fn watch_folders(&mut self) -> Result<(), WatchError> {
        for folder in ["content", "templates", "static", "themes"] {
            let path = self.root.join(folder);
            if path.is_dir() && !self.watched.contains(&path) {
                self.debouncer.watch(&path, RecursiveMode::Recursive)?;
                self.watched.push(path);
            }
        }
        self.watched.retain(|path| path.is_dir());
        Ok(())
    }
}

/// Waits for a burst of changes and returns every path it touched, sorted and unique.
fn next_burst(receiver: &Receiver<DebounceEventResult>) -> Result<Vec<PathBuf>, RecvError> {
    let mut paths = Vec::new();
    while paths.is_empty() {
        collect(&mut paths, receiver.recv()?);
        while let Ok(more) = receiver.try_recv() {
            collect(&mut paths, more);
        }
    }
    paths.sort();
    paths.dedup();
    Ok(paths)
}

/// Adds the paths of the events that are changes.
fn collect(paths: &mut Vec<PathBuf>, result: DebounceEventResult) {
    if let Ok(events) = result {
        for event in events.iter().filter(|e| is_change(&e.event.kind)) {
            paths.extend(event.event.paths.iter().cloned());
        }
    }
}

/// Whether an event can change what a build reads. Files being opened, read or closed
/// unchanged are not changes: the build itself opens every file it reads, and counting those
/// would make each rebuild start the next.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    #[test]
    fn opening_and_reading_files_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }
}
