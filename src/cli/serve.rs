//! `casebook serve`.

use std::cell::RefCell;
use std::collections::BTreeSet;
use std::io::Write;
use std::net::IpAddr;
use std::path::Path;
use std::sync::Arc;

use casebook::diagnostics::render_build_error;
use casebook::pipeline::PagesWritten;
use casebook::serve::{Hub, Notice, PreviewServer, Watcher, built_notice};
use casebook::{BuildOptions, Session};

use super::{Output, report};

/// Builds, serves and watches until stopped. A content error never stops the preview: the last
/// good site stays served and the error is shown in the terminal and over the page.
pub fn run(options: BuildOptions, address: &str, open: bool, output: Output) -> bool {
    let root = options.root.clone();
    // Watching starts before the first build so that no save made during it is missed.
    let watcher = Watcher::start(&root);
    let mut session = Session::new(options);
    let hub = Arc::new(Hub::default());
    match session.build() {
        Ok(built) => report::summary(output, &built),
        Err(error) => {
            report::failure(output, &root, &error);
            hub.publish(Notice::Failed(render_build_error(&root, &error, false)));
        }
    }
    let Some(output_dir) = session.output_dir().map(Path::to_path_buf) else {
        eprintln!("Cannot serve: config.toml could not be read (see above).");
        return false;
    };
    if !is_loopback(address) {
        eprintln!(
            "Warning: listening on {address} makes the preview reachable from other machines."
        );
    }
    let watcher = match watcher {
        Ok(watcher) => watcher,
        Err(error) => {
            eprintln!("{error}");
            return false;
        }
    };
    let server = match PreviewServer::start(address, output_dir, Arc::clone(&hub)) {
        Ok(server) => server,
        Err(error) => {
            eprintln!("{error}");
            return false;
        }
    };
    let url = format!("http://{}/", server.address());
    println!("Serving {} at {url} (Ctrl-C to stop)", root.display());
    let _ = std::io::stdout().flush();
    if open && let Err(error) = open::that(&url) {
        eprintln!("Could not open a browser: {error}");
    }
    // Pages are announced as soon as they are written; the notice at the end of a rebuild
    // names only what was written after them, so no page reloads twice.
    let announced: RefCell<BTreeSet<String>> = RefCell::default();
    let pages_written = |pages: &PagesWritten<'_>| {
        hub.publish(built_notice(pages.changed_paths, pages.edited, false));
        announced
            .borrow_mut()
            .extend(pages.changed_paths.iter().cloned());
    };
    let result = watcher.run(&mut session, pages_written, |rebuild| {
        report::rebuild(output, &root, &rebuild);
        let _ = std::io::stdout().flush();
        let announced = std::mem::take(&mut *announced.borrow_mut());
        hub.publish(match rebuild.result {
            Ok(built) => {
                let rest: Vec<String> = built
                    .changed_paths
                    .iter()
                    .filter(|path| !announced.contains(*path))
                    .cloned()
                    .collect();
                built_notice(&rest, &built.edited, true)
            }
            Err(error) => Notice::Failed(render_build_error(&root, error, false)),
        });
    });
    if let Err(error) = result {
        eprintln!("{error}");
    }
    false
}

fn is_loopback(address: &str) -> bool {
    let host = address.rsplit_once(':').map_or(address, |(host, _)| host);
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host == "localhost" || host.parse::<IpAddr>().is_ok_and(|ip| ip.is_loopback())
}
