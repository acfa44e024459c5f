//! Times the pack-wide assembly (reading order, links, topic index, related terms, timeline)
//! that every build and every watch-mode rebuild runs over all documents, and prints a digest
//! of the pack model it made.
//!
//! The documents are parsed and analysed once, up front; only `Pack::assemble` is timed, so
//! two versions can be compared on the one stage an edit in a large pack waits for, and the
//! digest shows whether they made the same model.
//!
//! ```sh
//! cargo run --release --example gen-pack -- --docs 1000 --out /tmp/pack
//! cargo run --release --example assemble-bench -- --root /tmp/pack --rounds 5
//! ```

use std::fmt::Write as _;
use std::hash::Hasher;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casebook::analyse::{AnalysisTimes, analyse_document, load_vocabulary};
use casebook::config::load_config;
use casebook::pack::Pack;
use casebook::source::{discover_sources, parse_document};
use clap::Parser;
use rayon::prelude::*;
use xxhash_rust::xxh3::Xxh3;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(about = "Times Casebook's pack-wide assembly of a pack")]
struct Args {
    /// The pack's folder (holding config.toml and content/).
    #[arg(long)]
    root: PathBuf,
    /// How many times to assemble the pack; the median round is reported.
    #[arg(long, default_value_t = 5)]
    rounds: usize,
}

/// Feeds formatted text straight into a hash, so a model of hundreds of MB is digested
/// without being held as one string.
struct HashWriter(Xxh3);

impl std::fmt::Write for HashWriter {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = match load_config(&args.root) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("assemble-bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok((vocabulary, matcher)) = load_vocabulary(&args.root, &config) else {
        eprintln!("assemble-bench: the vocabulary does not load");
        return ExitCode::FAILURE;
    };
    let (sources, _) = discover_sources(&args.root);
    let entries: Vec<_> = sources
        .par_iter()
        .filter_map(|source| {
            let bytes = std::fs::read(args.root.join(&source.path)).ok()?;
            let document = parse_document(source, &bytes, &config).ok()?;
            let analysis =
                analyse_document(&document, &matcher, &config, &mut AnalysisTimes::default());
            Some((Arc::new(document), Arc::new(analysis)))
        })
        .collect();
    let mut times: Vec<Duration> = Vec::new();
    let mut digest = None;
    for _ in 0..args.rounds.max(1) {
        let entries = entries.clone();
        let started = Instant::now();
        let pack = match Pack::assemble(config.clone(), entries, false, &vocabulary, None) {
            Ok(pack) => pack,
            Err(errors) => {
                eprintln!("assemble-bench: the pack has {} errors", errors.len());
                return ExitCode::FAILURE;
            }
        };
        times.push(started.elapsed());
        if digest.is_none() {
            let mut hash = HashWriter(Xxh3::new());
            let analysis = &pack.analysis;
            let _ = write!(
                hash,
                "{:?}{:?}{:?}{:?}{:?}",
                pack.links,
                analysis.vocabulary.terms(),
                analysis.topics,
                analysis.chronology,
                analysis.tags
            );
            digest = Some(hash.0.finish());
        }
    }
    times.sort();
    println!(
        "{} documents: assemble {:.1} ms (median of {} rounds, fastest {:.1} ms); digest {:016x}",
        entries.len(),
        times[times.len() / 2].as_secs_f64() * 1000.0,
        times.len(),
        times[0].as_secs_f64() * 1000.0,
        digest.unwrap_or_default()
    );
    ExitCode::SUCCESS
}
