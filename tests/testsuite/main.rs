//! Integration tests: real builds of real packs into temporary folders.

mod bad_input;
mod bundle;
mod check;
mod cli;
mod determinism;
mod errors;
mod harness;
mod html_checks;
mod incremental;
mod last_build;
mod link_server;
mod minify;
mod print;
mod publishing;
mod sample_pack;
mod search;
mod serve;
mod single_file;
mod templates;
mod timeline;
mod topics;
mod watch;
