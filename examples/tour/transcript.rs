//! The tour's transcript: one line per operation, and a summary.

use std::fmt::Display;
use std::time::{Duration, Instant};

/// Collects what each step did.
#[derive(Debug, Default)]
pub struct Transcript {
    ok: usize,
    failed: usize,
    skipped: usize,
    elapsed: Duration,
}

/// A running step's clock.
pub struct Step {
    started: Instant,
}

impl Step {
    /// Starts timing a step.
    pub fn start() -> Self {
        Self { started: Instant::now() }
    }
}

impl Transcript {
    /// Prints a section heading.
    pub fn section(&self, title: &str) {
        println!("\n{title}");
    }

    /// Records a step's result: `what` names the operation, `detail` says what came back.
    pub fn record<E: Display>(&mut self, step: Step, what: &str, result: Result<String, E>) {
        let took = step.started.elapsed();
        self.elapsed += took;
        let ms = took.as_secs_f64() * 1000.0;
        match result {
            Ok(detail) => {
                self.ok += 1;
                println!("  ok    {what:<64} {ms:>7.1} ms  {detail}");
            }
            Err(error) => {
                self.failed += 1;
                println!("  FAIL  {what:<64} {ms:>7.1} ms  {error}");
            }
        }
    }

    /// Records a step that was not run, and why.
    pub fn skip(&mut self, what: &str, why: &str) {
        self.skipped += 1;
        println!("  skip  {what:<64}             {why}");
    }

    /// Prints the summary; true when nothing failed.
    pub fn finish(&self) -> bool {
        println!(
            "\n{} operations: {} ok, {} failed, {} skipped ({:.0} ms in calls)",
            self.ok + self.failed + self.skipped,
            self.ok,
            self.failed,
            self.skipped,
            self.elapsed.as_secs_f64() * 1000.0
        );
        self.failed == 0
    }
}
