//! `casebook bundle`: the offline editions.

use std::path::PathBuf;

use casebook::BuildOptions;
use casebook::pipeline::{BundleOptions, BundleReport, bundle};

use super::{Output, report};

/// Writes the zip bundle and/or the single-file edition; returns whether it succeeded.
pub fn run(
    options: BuildOptions,
    zip: Option<PathBuf>,
    single_file: Option<PathBuf>,
    output: Output,
) -> bool {
    let root = options.root.clone();
    match bundle(&options, &BundleOptions { zip, single_file }) {
        Ok(bundled) => {
            summary(output, &bundled);
            true
        }
        Err(error) => {
            report::failure(output, &root, &error);
            false
        }
    }
}

fn summary(output: Output, report: &BundleReport) {
    if output.quiet {
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
