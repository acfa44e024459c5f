//! Arguments, dispatch and exit codes.

mod build;
mod bundle;
mod check;
mod report;
mod serve;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use clap::{Args, Parser, Subcommand};

use casebook::BuildOptions;
use casebook::check::ExternalOptions;

/// Build public briefing packs: source documents rendered into a static site with a timeline
/// and a paragraph-level topic index.
#[derive(Debug, Parser)]
#[command(name = "casebook", version, about, propagate_version = true)]
pub struct Cli {
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
        #[command(flatten)]
        site: SiteArgs,
        /// Keep watching the pack and rebuild what each save changes.
        #[arg(long)]
        watch: bool,
        /// Print the time each stage of the build took.
        #[arg(long)]
        timings: bool,
    },
    /// Preview the pack: build, serve on a local address, rebuild and reload on every save.
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The port to listen on (0 lets the system choose).
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// The address to listen on; anything but loopback exposes the preview to the network.
        #[arg(long, default_value = "127.0.0.1", value_name = "ADDRESS")]
        bind: String,
        /// Open the preview in the default browser.
        #[arg(long)]
        open: bool,
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
    /// Check the pack without writing the site: every build error, plus missing dates,
    /// sources and summaries, duplicate titles, undated mentions and candidate index terms.
    Check {
        /// `text` (grouped by file) or `json` (for tools).
        #[arg(long, value_enum, default_value = "text")]
        format: check::Format,
        /// Fail on warnings as well as errors.
        #[arg(long)]
        strict: bool,
        /// Include documents marked `draft = true`.
        #[arg(long)]
        drafts: bool,
        /// Also ask whether links to web addresses (http, https) still work; broken ones are
        /// warnings. Without it, check never touches the network.
        #[arg(long)]
        external: bool,
        /// How long each web request may take, in seconds, before the link counts as
        /// unreachable.
        #[arg(long, value_name = "SECONDS", default_value = "10", value_parser = check::parse_seconds, requires = "external")]
        external_timeout: Duration,
        /// The most requests in flight to one host at once.
        #[arg(long, value_name = "N", default_value_t = 2, value_parser = clap::value_parser!(u16).range(1..=32), requires = "external")]
        external_per_host: u16,
    },
    /// Create a new pack in DIR with a config and an example document.
    Init {
        /// The folder to create the pack in.
        dir: PathBuf,
    },
}

/// Options shared by the commands that build the site.
#[derive(Debug, Args)]
struct SiteArgs {
    /// Write the site here instead of the config's output_dir.
    #[arg(long, short, value_name = "DIR")]
    output: Option<PathBuf>,
    /// Override base_url from config.toml (e.g. for a staging host).
    #[arg(long, value_name = "URL")]
    base_url: Option<String>,
    /// Include documents marked `draft = true`.
    #[arg(long)]
    drafts: bool,
}

/// How much to print, and whether in colour.
#[derive(Debug, Clone, Copy)]
struct Output {
    quiet: bool,
    verbose: bool,
    color: bool,
}

/// Runs the command and maps the outcome to an exit code: 0 success, 1 pack errors (usage
/// errors exit with 2 from the parser).
pub fn run(cli: Cli) -> ExitCode {
    let output = Output {
        quiet: cli.quiet,
        verbose: cli.verbose,
        color: std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none(),
    };
    let options = |site: &SiteArgs| BuildOptions {
        root: cli.root.clone(),
        output: site.output.clone(),
        base_url: site.base_url.clone(),
        drafts: site.drafts,
        suggest_terms: cli.verbose,
    };
    let ok = match &cli.command {
        Command::Build {
            site,
            watch,
            timings,
        } => build::run(options(site), *watch, *timings, output),
        Command::Serve {
            site,
            port,
            bind,
            open,
        } => serve::run(options(site), &format!("{bind}:{port}"), *open, output),
        Command::Bundle {
            zip,
            single_file,
            base_url,
            drafts,
        } => bundle::run(
            BuildOptions {
                root: cli.root.clone(),
                output: None,
                base_url: base_url.clone(),
                drafts: *drafts,
                suggest_terms: false,
            },
            zip.clone(),
            single_file.clone(),
            output,
        ),
        Command::Check {
            format,
            strict,
            drafts,
            external,
            external_timeout,
            external_per_host,
        } => check::run(
            BuildOptions {
                root: cli.root.clone(),
                output: None,
                base_url: None,
                drafts: *drafts,
                suggest_terms: false,
            },
            external.then_some(ExternalOptions {
                timeout: *external_timeout,
                per_host: usize::from(*external_per_host),
            }),
            *format,
            *strict,
            output,
        ),
        Command::Init { dir } => build::init(dir, &cli.root, output),
    };
    if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}
