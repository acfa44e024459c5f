//! Where a build's time goes, stage by stage, for `casebook build --timings`.
//!
//! Stages that run per document in parallel report the CPU time summed over documents (their
//! wall time is in the enclosing stage), so a regression in one shows up even when the
//! parallelism hides it.

use std::time::{Duration, Instant};

/// Named durations in the order the stages ran.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Timings {
    stages: Vec<(&'static str, Duration)>,
}

impl Timings {
    /// Runs `work` and records its wall time under `stage`.
    pub fn time<T>(&mut self, stage: &'static str, work: impl FnOnce() -> T) -> T {
        let started = Instant::now();
        let result = work();
        self.add(stage, started.elapsed());
        result
    }

    /// Adds `duration` to `stage` (creating it at the end if new).
    pub fn add(&mut self, stage: &'static str, duration: Duration) {
        match self.stages.iter_mut().find(|(name, _)| *name == stage) {
            Some((_, total)) => *total += duration,
            None => self.stages.push((stage, duration)),
        }
    }

    /// The stages and their durations.
    pub fn stages(&self) -> &[(&'static str, Duration)] {
        &self.stages
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stages_keep_their_order_and_accumulate() {
        let mut timings = Timings::default();
        timings.add("parse", Duration::from_millis(2));
        timings.time("write", || ());
        timings.add("parse", Duration::from_millis(3));
        let names: Vec<&str> = timings.stages().iter().map(|(n, _)| *n).collect();
        assert_eq!(names, ["parse", "write"]);
        assert_eq!(timings.stages()[0].1, Duration::from_millis(5));
    }
}
