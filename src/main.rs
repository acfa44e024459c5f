//! The `casebook` command: a thin layer over the library that parses arguments, runs a
//! command and reports the outcome.

mod cli;

use std::process::ExitCode;

use clap::Parser;

/// A build allocates and frees hundreds of megabytes of page text. The system allocator hands
/// every large block back to the kernel as it is freed, which must then zero fresh pages for
/// the next one; jemalloc keeps freed memory for reuse (measured in BENCHMARKS.md). It does
/// not build for MSVC, where the system allocator stays.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    cli::run(cli::Cli::parse())
}
