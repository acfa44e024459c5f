//! Integration tests: real builds of real packs into temporary folders.

mod cli;
mod errors;
mod harness;
mod incremental;
mod publishing;
mod sample_pack;
mod search;
mod serve;
mod templates;
mod timeline;
mod topics;
