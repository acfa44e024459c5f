//! `casebook serve`: the editor's preview. It builds the pack, serves the output on a local
//! address, watches the pack, rebuilds only what each save affects, and tells open pages to
//! reload (or shows the build error over them while the last good site stays served).

mod events;
mod http;
mod hub;
mod paths;
mod watch;

pub use http::{BindError, LIVE_PREFIX, PreviewServer, inject_live_script};
pub use hub::{Hub, Notice};
pub use paths::{Resolved, resolve};
pub use watch::{Rebuild, WatchError, Watcher};

use std::collections::BTreeMap;

use serde::Serialize;

/// The `built` notice: which output files changed, the edited paragraph of each page, and
/// whether the rebuild is `complete`. A rebuild sends one (not complete) as soon as its pages
/// are written, and another (complete) naming what it wrote after them.
pub fn built_notice(
    changed: &[String],
    edited: &BTreeMap<String, String>,
    complete: bool,
) -> Notice {
    #[derive(Serialize)]
    struct Built<'a> {
        changed: &'a [String],
        edited: &'a BTreeMap<String, String>,
        complete: bool,
    }
    let json = serde_json::to_string(&Built {
        changed,
        edited,
        complete,
    })
    .expect("plain data serialises");
    Notice::Built(json)
}
