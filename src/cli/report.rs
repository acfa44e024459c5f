//! What the commands print: build summaries, rebuild status lines and errors.

use std::path::Path;

use casebook::BuildReport;
use casebook::diagnostics::render_build_error;
use casebook::error::BuildError;
use casebook::serve::Rebuild;

use super::Output;

/// The summary at the end of a build.
pub fn summary(output: Output, report: &BuildReport) {
    if output.quiet {
        return;
    }
    println!(
        "Built {} document{} into {} ({} files: {} written, {} unchanged, {} removed) in {:.0} ms",
        report.documents,
        plural(report.documents),
        report.output_dir.display(),
        report.files,
        report.writes.written,
        report.writes.unchanged,
        report.writes.removed,
        report.elapsed.as_secs_f64() * 1000.0
    );
    let unresolved = report.unresolved_dates.len();
    if unresolved > 0 && !output.verbose {
        println!(
            "{unresolved} date mention{} could not be placed on the timeline (-v lists them).",
            plural(unresolved)
        );
    }
    if output.verbose {
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

/// The time each stage took, as a table.
pub fn timings(report: &BuildReport) {
    println!("Stage                                        Time");
    for (stage, duration) in report.timings.stages() {
        println!("{stage:<42} {:>8.1} ms", duration.as_secs_f64() * 1000.0);
    }
    println!(
        "{:<42} {:>8.1} ms",
        "total (wall)",
        report.elapsed.as_secs_f64() * 1000.0
    );
}

/// One line per rebuild in watch mode: what changed, what was redone, how long it took.
pub fn rebuild(output: Output, root: &Path, rebuild: &Rebuild<'_>) {
    let changed: Vec<String> = rebuild
        .changed
        .iter()
        .map(|p| {
            std::path::absolute(p)
                .ok()
                .and_then(|p| {
                    let root = std::path::absolute(root).ok()?;
                    p.strip_prefix(root).ok().map(Path::to_path_buf)
                })
                .unwrap_or_else(|| p.clone())
                .display()
                .to_string()
        })
        .collect();
    let what = match changed.as_slice() {
        [one] => one.clone(),
        [first, rest @ ..] => format!("{first} and {} more", rest.len()),
        [] => "the pack".into(),
    };
    match rebuild.result {
        Ok(report) if !output.quiet => println!(
            "{what} changed: {} parsed, {} pages rendered, {} files written in {:.0} ms",
            report.parsed,
            report.rendered,
            report.writes.written + report.writes.removed,
            rebuild.elapsed.as_secs_f64() * 1000.0
        ),
        Ok(_) => {}
        Err(error) => {
            eprintln!("{what} changed: the build failed; still serving the last good site.");
            failure(output, root, error);
        }
    }
}

/// Every problem of a failed build, then what it means for the previous site.
pub fn failure(output: Output, root: &Path, error: &BuildError) {
    eprint!("{}", render_build_error(root, error, output.color));
    match error {
        BuildError::Content(errors) => eprintln!(
            "Build failed: {} error{}; the previous site was left as it was.",
            errors.len(),
            plural(errors.len())
        ),
        _ => eprintln!("Build failed; the previous site was left as it was."),
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
