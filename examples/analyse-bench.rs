//! Times the per-document analyses (dates and index terms) of a pack on one thread, and
//! prints a digest of everything they found.
//!
//! A full build mixes these analyses with parsing, rendering and writing, on two threads,
//! on a machine shared with other work; this runs only the analyses, in a loop, so two
//! versions can be compared by their CPU time (or under `valgrind --tool=callgrind` by
//! instruction counts), and the digest shows at a glance whether their results are identical.
//!
//! ```sh
//! cargo run --release --example gen-pack -- --docs 1000 --out /tmp/pack
//! cargo run --release --example analyse-bench -- --root /tmp/pack --rounds 3
//! ```

use std::hash::Hasher;
use std::path::PathBuf;
use std::process::ExitCode;

use casebook::analyse::{AnalysisTimes, analyse_document, load_vocabulary};
use casebook::config::load_config;
use casebook::source::{Document, discover_sources, parse_document};
use clap::Parser;
use xxhash_rust::xxh3::Xxh3;

/// Command-line arguments.
#[derive(Debug, Parser)]
#[command(about = "Times Casebook's per-document analyses of a pack on one thread")]
struct Args {
    /// The pack's folder (holding config.toml and content/).
    #[arg(long)]
    root: PathBuf,
    /// How many times to analyse every document; the fastest round is reported.
    #[arg(long, default_value_t = 3)]
    rounds: u32,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let config = match load_config(&args.root) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("analyse-bench: {e}");
            return ExitCode::FAILURE;
        }
    };
    let Ok((_, matcher)) = load_vocabulary(&args.root, &config) else {
        eprintln!("analyse-bench: the vocabulary does not load");
        return ExitCode::FAILURE;
    };
    let (sources, _) = discover_sources(&args.root);
    let documents: Vec<Document> = sources
        .iter()
        .filter_map(|source| {
            let bytes = std::fs::read(args.root.join(&source.path)).ok()?;
            parse_document(source, &bytes, &config).ok()
        })
        .collect();
    let mut best: Option<AnalysisTimes> = None;
    let mut digest = Xxh3::new();
    for round in 0..args.rounds.max(1) {
        let mut times = AnalysisTimes::default();
        for document in &documents {
            let analysis = analyse_document(document, &matcher, &config, &mut times);
            if round == 0 {
                digest.write(format!("{analysis:?}").as_bytes());
            }
        }
        best = Some(match best {
            Some(best) => AnalysisTimes {
                dates: best.dates.min(times.dates),
                index: best.index.min(times.index),
            },
            None => times,
        });
    }
    let best = best.unwrap_or_default();
    println!(
        "{} documents: dates {:.1} ms, index terms {:.1} ms (fastest of {} rounds); digest {:016x}",
        documents.len(),
        best.dates.as_secs_f64() * 1000.0,
        best.index.as_secs_f64() * 1000.0,
        args.rounds.max(1),
        digest.finish()
    );
    ExitCode::SUCCESS
}
