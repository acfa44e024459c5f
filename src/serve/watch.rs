//! Watching the pack and rebuilding on every save.
//!
//! Editors save in bursts (an atomic save is a write and a rename; a `git checkout` touches
//! hundreds of files): everything that arrives together becomes one rebuild of one
//! [`Session`], which redoes only what the changed files affect. The burst ends as soon as
//! the pack has been quiet for a moment, so a save reaches the preview without a fixed delay,
//! but not while a file the build reads is still being written.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvError, RecvTimeoutError, channel};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::error::BuildError;
use crate::pipeline::{BuildReport, PagesWritten, Session};

/// How long the pack waits for more changes before a burst is rebuilt, and how long at most a
/// burst may go on.
#[derive(Debug, Clone, Copy)]
struct BurstTiming {
    /// A burst ends once no change has come for this long and no file is half written.
    quiet: Duration,
    /// A burst is rebuilt after this long even if files are still open for writing (some
    /// programs never close theirs) or changes keep coming.
    longest: Duration,
}

/// Short enough not to be felt after a save; long enough that the events of one save, and
/// of a `git checkout` writing file after file, arrive as one burst.
const TIMING: BurstTiming = BurstTiming {
    quiet: Duration::from_millis(10),
    longest: Duration::from_secs(2),
};

/// Whether the platform's watcher reports a file being closed after writing (inotify does),
/// so that a file written in several steps (truncated, then filled) is known to be finished.
/// Elsewhere, a burst ends on quiet alone.
const REPORTS_CLOSES: bool = cfg!(any(target_os = "linux", target_os = "android"));

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
    watcher: RecommendedWatcher,
    receiver: Receiver<notify::Result<Event>>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching the pack at `root`; changes are kept until [`Watcher::run`].
    pub fn start(root: &Path) -> Result<Self, WatchError> {
        let (sender, receiver) = channel();
        let mut watcher = notify::recommended_watcher(move |event| {
            let _ = sender.send(event);
        })?;
        watcher.watch(root, RecursiveMode::NonRecursive)?;
        let mut watcher = Self {
            root: root.to_path_buf(),
            watcher,
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
            let burst = next_burst(&self.receiver, TIMING, |path| session.reads(path))?;
            self.watch_folders()?;
            let changed: Vec<PathBuf> = burst.paths.into_iter().collect();
            if burst.lost_track {
                session.invalidate_all();
            } else if !session.invalidate(&changed) {
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
                self.watcher.watch(&path, RecursiveMode::Recursive)?;
                self.watched.push(path);
            }
        }
        self.watched.retain(|path| path.is_dir());
        Ok(())
    }
}

/// The changes that arrived together.
#[derive(Debug, Default)]
struct Burst {
    /// Every path changed, sorted.
    paths: BTreeSet<PathBuf>,
    /// Files written to and not yet closed.
    writing: BTreeSet<PathBuf>,
    /// The watcher dropped events (its queue overflowed), so any file may have changed.
    lost_track: bool,
}

impl Burst {
    /// Adds an event's changes to paths that `reads` says matter.
    fn add(&mut self, event: notify::Result<Event>, reads: &impl Fn(&Path) -> bool) {
        let Ok(event) = event else {
            return;
        };
        if event.need_rescan() {
            self.lost_track = true;
            return;
        }
        if !is_change(&event.kind) {
            return;
        }
        for path in event.paths.iter().filter(|path| reads(path)) {
            if REPORTS_CLOSES {
                match event.kind {
                    EventKind::Create(CreateKind::File)
                    | EventKind::Modify(ModifyKind::Data(_)) => {
                        self.writing.insert(path.clone());
                    }
                    EventKind::Access(_)
                    | EventKind::Remove(_)
                    | EventKind::Modify(ModifyKind::Name(_)) => {
                        self.writing.remove(path);
                    }
                    _ => {}
                }
            }
            self.paths.insert(path.clone());
        }
    }

    fn is_empty(&self) -> bool {
        self.paths.is_empty() && !self.lost_track
    }
}

/// Waits for a change that `reads` says matters, then for the burst it starts to end.
fn next_burst(
    receiver: &Receiver<notify::Result<Event>>,
    timing: BurstTiming,
    reads: impl Fn(&Path) -> bool,
) -> Result<Burst, RecvError> {
    let mut burst = Burst::default();
    while burst.is_empty() {
        burst.add(receiver.recv()?, &reads);
    }
    let began = Instant::now();
    loop {
        let left = timing.longest.saturating_sub(began.elapsed());
        let wait = if burst.writing.is_empty() {
            timing.quiet.min(left)
        } else {
            left
        };
        match receiver.recv_timeout(wait) {
            Ok(event) => burst.add(event, &reads),
            Err(RecvTimeoutError::Timeout) if burst.writing.is_empty() || left.is_zero() => {
                return Ok(burst);
            }
            Err(RecvTimeoutError::Timeout) => {}
            Err(RecvTimeoutError::Disconnected) => return Err(RecvError),
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
    use notify::event::{DataChange, Flag, RemoveKind, RenameMode};
    use std::sync::mpsc::Sender;

    /// A quiet time long enough that a busy machine does not stall the sending thread for
    /// as long between two events of one burst.
    const TEST_TIMING: BurstTiming = BurstTiming {
        quiet: Duration::from_millis(100),
        longest: Duration::from_secs(2),
    };

    fn event(kind: EventKind, path: &str) -> notify::Result<Event> {
        Ok(Event::new(kind).add_path(PathBuf::from(path)))
    }

    fn written() -> EventKind {
        EventKind::Modify(ModifyKind::Data(DataChange::Any))
    }

    fn closed() -> EventKind {
        EventKind::Access(AccessKind::Close(AccessMode::Write))
    }

    /// Sends `events` from another thread, each after its pause.
    fn send_later(
        sender: &Sender<notify::Result<Event>>,
        events: Vec<(u64, notify::Result<Event>)>,
    ) {
        let sender = sender.clone();
        std::thread::spawn(move || {
            for (pause, event) in events {
                std::thread::sleep(Duration::from_millis(pause));
                let _ = sender.send(event);
            }
        });
    }

    fn in_content(path: &Path) -> bool {
        path.starts_with("content")
    }

    #[test]
    fn opening_and_reading_files_are_not_changes() {
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(!is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Read
        ))));
        assert!(is_change(&closed()));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
    }

    #[test]
    fn a_burst_ends_once_the_pack_is_quiet() {
        let (sender, receiver) = channel();
        sender.send(event(written(), "content/a.md")).unwrap();
        sender.send(event(closed(), "content/a.md")).unwrap();
        sender.send(event(written(), "content/b.md")).unwrap();
        sender.send(event(closed(), "content/b.md")).unwrap();
        let started = Instant::now();
        let burst = next_burst(&receiver, TEST_TIMING, in_content).unwrap();
        assert!(started.elapsed() < TEST_TIMING.longest);
        assert_eq!(
            burst.paths.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("content/a.md"), PathBuf::from("content/b.md")]
        );
        drop(sender);
        assert!(next_burst(&receiver, TEST_TIMING, in_content).is_err());
    }

    #[test]
    fn changes_that_keep_coming_within_the_quiet_time_are_one_burst() {
        let (sender, receiver) = channel();
        let files: Vec<_> = (0..10)
            .flat_map(|i| {
                let path = format!("content/{i}.md");
                [(5, event(written(), &path)), (0, event(closed(), &path))]
            })
            .collect();
        send_later(&sender, files);
        let burst = next_burst(&receiver, TEST_TIMING, in_content).unwrap();
        assert_eq!(burst.paths.len(), 10);
    }

    #[test]
    fn a_file_written_in_two_steps_is_one_burst_however_long_the_pause() {
        if !REPORTS_CLOSES {
            return;
        }
        let pause = TEST_TIMING.quiet.as_millis() as u64 * 5;
        let (sender, receiver) = channel();
        send_later(
            &sender,
            vec![
                (0, event(written(), "content/a.md")),
                (pause, event(written(), "content/a.md")),
                (0, event(closed(), "content/a.md")),
            ],
        );
        let started = Instant::now();
        next_burst(&receiver, TEST_TIMING, in_content).unwrap();
        assert!(started.elapsed() >= Duration::from_millis(pause));
    }

    #[test]
    fn a_file_left_open_holds_the_burst_only_so_long() {
        let timing = BurstTiming {
            quiet: Duration::from_millis(10),
            longest: Duration::from_millis(300),
        };
        let (sender, receiver) = channel();
        sender
            .send(event(EventKind::Create(CreateKind::File), "content/a.md"))
            .unwrap();
        let started = Instant::now();
        let burst = next_burst(&receiver, timing, in_content).unwrap();
        let waited = started.elapsed();
        assert!(waited < timing.longest * 5, "{waited:?}");
        assert!(!REPORTS_CLOSES || waited >= timing.longest, "{waited:?}");
        assert_eq!(burst.paths.len(), 1);
        drop(sender);
    }

    #[test]
    fn a_file_renamed_or_removed_is_no_longer_being_written() {
        let mut burst = Burst::default();
        burst.add(event(written(), "content/a.md"), &in_content);
        burst.add(event(written(), "content/b.md"), &in_content);
        assert_eq!(burst.writing.len(), 2 * usize::from(REPORTS_CLOSES));
        burst.add(
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::From)),
                "content/a.md",
            ),
            &in_content,
        );
        burst.add(
            event(EventKind::Remove(RemoveKind::File), "content/b.md"),
            &in_content,
        );
        assert!(burst.writing.is_empty());
        assert_eq!(burst.paths.len(), 2);
    }

    #[test]
    fn changes_the_build_does_not_read_neither_start_nor_hold_a_burst() {
        let (sender, receiver) = channel();
        sender.send(event(written(), "public/index.html")).unwrap();
        sender.send(event(written(), "content/a.md")).unwrap();
        sender.send(event(closed(), "content/a.md")).unwrap();
        let burst = next_burst(&receiver, TEST_TIMING, in_content).unwrap();
        assert_eq!(
            burst.paths.into_iter().collect::<Vec<_>>(),
            [PathBuf::from("content/a.md")]
        );
    }

    #[test]
    fn a_watcher_that_lost_events_asks_for_everything_to_be_read_again() {
        let (sender, receiver) = channel();
        sender
            .send(Ok(Event::new(EventKind::Other).set_flag(Flag::Rescan)))
            .unwrap();
        let burst = next_burst(&receiver, TEST_TIMING, in_content).unwrap();
        assert!(burst.lost_track);
    }
}
