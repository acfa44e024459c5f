//! The `casebook` command: a thin layer over the library that parses arguments, runs a
//! command and reports the outcome.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use casebook::diagnostics::render_build_error;
use casebook::error::BuildError;
use casebook::pipeline::{BundleOptions, BundleReport, bundle};
use casebook::{BuildOptions, BuildReport, build};

/// Build public briefing packs: source documents rendered into a static site with a timeline
/// and a paragraph-level topic index.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about, propagate_version = true)]
struct Cli {
    /// The pack's folder (holding config.toml and content/).
    #[arg(long, global = true, default_value = ".", value_name = "DIR")]
    root: PathBuf,
    /// Print only errors.
    #[arg(short, long, global = true, conflicts_with = "verbose")]
    quiet: bool,
    /// Print more detail about what was done.
    #[arg(short, long, global = true)]
    verbose: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Render the pack into a static site (public/ by default).
    Build {
        /// Write the site here instead of the config's output_dir.
        #[arg(long, short, value_name = "DIR")]
        output: Option<PathBuf>,
        /// Override base_url from config.toml (e.g. for a staging host).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include documents marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Make the pack for reading offline: a zip of the site whose links work from a folder,
    /// and/or the whole pack in one self-contained HTML file.
    #[command(group(clap::ArgGroup::new("edition").required(true).multiple(true).args(["zip", "single_file"])))]
    Bundle {
        /// Write the site as a zip archive that works unpacked, opened from file://.
        #[arg(long, value_name = "FILE")]
        zip: Option<PathBuf>,
        /// Write every page of the pack into one HTML file with nothing external.
        #[arg(long, value_name = "FILE")]
        single_file: Option<PathBuf>,
        /// Override base_url from config.toml (used for canonical links and citations).
        #[arg(long, value_name = "URL")]
        base_url: Option<String>,
        /// Include documents marked `draft = true`.
        #[arg(long)]
        drafts: bool,
    },
    /// Create a new pack in DIR with a config and an example document.
    Init {
        /// The folder to create the pack in.
        dir: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
    let outcome = match &cli.command {
        Command::Build {
            output,
            base_url,
            drafts,
        } => build(&BuildOptions {
            root: cli.root.clone(),
            output: output.clone(),
            base_url: base_url.clone(),
            drafts: *drafts,
            suggest_terms: cli.verbose,
        })
        .map(|report| print_build_summary(&cli, &report)),
        Command::Bundle {
            zip,
            single_file,
            base_url,
            drafts,
        } => bundle(
            &BuildOptions {
                root: cli.root.clone(),
                output: None,
                base_url: base_url.clone(),
                drafts: *drafts,
                suggest_terms: false,
            },
            &BundleOptions {
                zip: zip.clone(),
                single_file: single_file.clone(),
            },
        )
        .map(|report| print_bundle_summary(&cli, &report)),
        Command::Init { dir } => casebook::init::init_pack(dir).map(|()| {
            if !cli.quiet {
                println!(
                    "Created a pack in {0}. Build it with: casebook build --root {0}",
                    dir.display()
                );
            }
        }),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            report_error(&cli.root, &error, color);
            ExitCode::from(1)
        }
    }
}

fn print_build_summary(cli: &Cli, report: &BuildReport) {
    if cli.quiet {
        return;
    }
    println!(
        "Built {} document{} into {} ({} files: {} written, {} unchanged, {} removed) in {:.0} ms",
        report.documents,
        if report.documents == 1 { "" } else { "s" },
        report.output_dir.display(),
        report.files,
        report.writes.written,
        report.writes.unchanged,
        report.writes.removed,
        report.elapsed.as_secs_f64() * 1000.0
    );
    let unresolved = report.unresolved_dates.len();
    if unresolved > 0 && !cli.verbose {
        println!(
            "{unresolved} date mention{} could not be placed on the timeline (-v lists them).",
            if unresolved == 1 { "" } else { "s" }
        );
    }
    if cli.verbose {
        for date in &report.unresolved_dates {
            println!(
                "  not on the timeline: {} {}: “{}”: {}",
                date.path.display(),
                date.paragraph,
                date.words,
                date.reason
            );
        }
        for term in report.suggested_terms.iter().take(20) {
            println!(
                "  candidate index term: “{}” ({} mentions in {} documents)",
                term.phrase, term.count, term.documents
            );
        }
        println!("Open {}", report.output_dir.join("index.html").display());
    }
}

fn print_bundle_summary(cli: &Cli, report: &BundleReport) {
    if cli.quiet {
        return;
    }
    if let Some((path, files, bytes)) = &report.zip {
        println!(
            "Wrote {} ({files} files, {}): unpack it and open index.html",
            path.display(),
            size(*bytes)
        );
    }
    if let Some((path, bytes)) = &report.single_file {
        println!("Wrote {} ({})", path.display(), size(*bytes));
    }
    println!(
        "Bundled {} document{} in {:.0} ms",
        report.documents,
        if report.documents == 1 { "" } else { "s" },
        report.elapsed.as_secs_f64() * 1000.0
    );
}

fn size(bytes: u64) -> String {
    if bytes < 10 * 1024 {
        format!("{bytes} bytes")
    } else if bytes < 10 * 1024 * 1024 {
        format!("{} KiB", bytes / 1024)
    } else {
        format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
    }
}

fn report_error(root: &Path, error: &BuildError, color: bool) {
    eprint!("{}", render_build_error(root, error, color));
    match error {
        BuildError::Content(errors) => eprintln!(
            "Build failed: {} error{}; the previous site was left as it was.",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" }
        ),
        _ => eprintln!("Build failed; the previous site was left as it was."),
    }
}
