//! The `casebook` command: a thin layer over the library that parses arguments, runs a
//! command and reports the outcome.

mod cli;

use std::process::ExitCode;

use clap::Parser;

fn main() -> ExitCode {
    cli::run(cli::Cli::parse())
}
