//! `casebook build` (once, or watching) and `casebook init`.

use std::path::Path;

use casebook::serve::Watcher;
use casebook::{BuildOptions, Session};

use super::{Output, report};

/// Builds once; with `watching`, keeps rebuilding on every save. Returns whether the (first)
/// build succeeded.
pub fn run(options: BuildOptions, watching: bool, timings: bool, output: Output) -> bool {
    let root = options.root.clone();
    // Watching starts before the first build so that no save made during it is missed; a
    // failure to watch is reported after the build's own messages.
    let watcher = watching.then(|| Watcher::start(&root));
    let mut session = Session::new(options.clone());
    // A one-off build may be skipped when nothing changed; a watching one keeps its session
    // for the rebuilds.
    let built = if watching {
        session.build()
    } else {
        casebook::build(&options)
    };
    let ok = match built {
        Ok(built) => {
            report::summary(output, &built);
            if timings {
                report::timings(&built);
            }
            true
        }
        Err(error) => {
            report::failure(output, &root, &error);
            false
        }
    };
    let watcher = match watcher {
        None => return ok,
        Some(Ok(watcher)) => watcher,
        Some(Err(error)) => {
            eprintln!("{error}");
            return false;
        }
    };
    if !output.quiet {
        println!("Watching {} for changes (Ctrl-C to stop)", root.display());
    }
    match watcher.run(
        &mut session,
        |_| {},
        |rebuild| {
            report::rebuild(output, &root, &rebuild);
            if let (true, Ok(built)) = (timings, rebuild.result) {
                report::timings(built);
            }
        },
    ) {
        Ok(()) => true,
        Err(error) => {
            eprintln!("{error}");
            false
        }
    }
}

/// Creates a new pack.
pub fn init(dir: &Path, root: &Path, output: Output) -> bool {
    match casebook::init::init_pack(dir) {
        Ok(()) => {
            if !output.quiet {
                println!(
                    "Created a pack in {0}. Build it with: casebook build --root {0}",
                    dir.display()
                );
            }
            true
        }
        Err(error) => {
            report::failure(output, root, &error);
            false
        }
    }
}
