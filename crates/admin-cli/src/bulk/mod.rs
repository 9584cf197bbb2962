//! The bulk engine behind `lifecycle …` (and every workflow that acts on a list of people).
//!
//! * **Concurrency**: `--concurrency N` scoped threads on the blocking facade share one client
//!   (one connection pool) and pull items from a shared cursor. Threads rather than the async
//!   facade because the work is a handful of requests in flight bounded by the API's rate
//!   limits, not thousands of sockets: threads keep the CLI free of an async runtime and every
//!   step reads top to bottom.
//! * **Rate limits**: a 429 means the request was not applied, so any call — POSTs included —
//!   is retried after the server's `Retry-After`; every worker pauses until then ([`Gate`]), so
//!   the whole run slows down instead of hammering the API. A wait longer than [`MAX_PAUSE`]
//!   (60 s, the library's default retry policy's longest total wait) is not waited for: the item
//!   fails at once, saying how long the server asked for. Other errors are not retried here
//!   (the library already retries idempotent calls on 5xx and transport failures).
//! * **Journal** (`--journal FILE`): JSON lines, one per step state (`started`, `done`,
//!   `failed`), flushed as they happen. Re-running with the same journal skips every step
//!   already `done`, so a resumed run never repeats a completed step. A step left `started`
//!   (the run died while the request was in flight) runs again, unless the workflow observes
//!   its effect ([`Item::interrupted`], [`Item::finish_interrupted`]): then it is journaled
//!   `done`, "completed by an interrupted run".
//! * **Interrupt** (Ctrl-C, SIGINT): the run ends at once with exit code 130 and a summary on
//!   stderr: what finished, and which items (and steps) were in flight. A step in flight stays
//!   `started` in the journal; on resume the workflow checks whether it applied (see
//!   [`Item::interrupted`]).
//! * **Results**: one JSON line per item on stdout; the exit code is 0 only if every item
//!   succeeded (or was already done). Without `--ignore-errors` the run stops taking new items
//!   after the first failure.

mod item;
mod journal;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::Write;

pub use item::Item;
use journal::Journal;

use serde_json::{Value, json};

use crate::cli::Format;
use crate::context::Ctx;
use crate::error::{CliError, Result};

/// How many times one call may meet a 429 before the item fails.
const MAX_RATE_LIMITED: u32 = 20;
/// The pause after a 429 without `Retry-After`.
const DEFAULT_PAUSE: Duration = Duration::from_secs(1);
/// The longest pause a 429 may ask for (`Retry-After`, `X-RateLimit-Reset`): the library's
/// default retry policy waits at most this long in all. A longer wait fails the item instead.
pub const MAX_PAUSE: Duration = Duration::from_secs(60);

/// How long a rate-limited answer asks to wait: `Some(wait)`, `Some(Duration::MAX)` for a hint
/// the library found absurd (it keeps the header in `retry_hint` and reports no `retry_after`),
/// `None` when the server gave no usable hint.
fn asked_wait(api: &admin_api::ApiError) -> Option<Duration> {
    match (api.retry_after, &api.retry_hint) {
        (Some(wait), _) => Some(wait),
        (None, Some(_)) => Some(Duration::MAX),
        (None, None) => None,
    }
}

/// An API error's message, saying why a rate-limited call was not waited for.
pub fn describe(e: &admin_api::Error) -> String {
    match e {
        admin_api::Error::RateLimited(api) => match asked_wait(api).filter(|w| *w > MAX_PAUSE) {
            Some(Duration::MAX) => format!(
                "{e} (the server asked to wait more than the {} this tool waits: try again later)",
                humantime::format_duration(MAX_PAUSE)
            ),
            Some(wait) => format!(
                "{e} (the server asked to wait {}, more than the {} this tool waits: try again later)",
                humantime::format_duration(Duration::from_secs(wait.as_secs())),
                humantime::format_duration(MAX_PAUSE)
            ),
            None => e.to_string(),
        },
        _ => e.to_string(),
    }
}

/// The flags every bulk workflow shares.
#[derive(Debug, Clone, Args)]
pub struct BulkArgs {
    /// Emails or account ids (in addition to `--from-file`).
    pub items: Vec<String>,
    /// A file of emails or account ids: one per line or comma-separated (`-` for stdin).
    #[arg(long, short = 'f', value_name = "FILE")]
    pub from_file: Option<PathBuf>,
    /// Keep going after an item fails (default: stop taking new items at the first failure).
    #[arg(long)]
    pub ignore_errors: bool,
    /// Resolve and check every item, print the plan, change nothing (implies --ignore-errors).
    #[arg(long)]
    pub dry_run: bool,
    /// Record progress here; re-running with the same file resumes and never repeats a completed step.
    #[arg(long, value_name = "FILE")]
    pub journal: Option<PathBuf>,
    /// Requests in flight at once.
    #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=32))]
    pub concurrency: u16,
}

impl BulkArgs {
    pub fn items(&self) -> Result<Vec<String>> {
        crate::input::items(&self.items, self.from_file.as_deref())
    }
}

/// Every worker waits here while the API has asked us to slow down.
#[derive(Debug, Default)]
pub struct Gate {
    until: Mutex<Option<Instant>>,
}

impl Gate {
    fn wait(&self) {
        loop {
            let until = *self.until.lock().unwrap_or_else(|e| e.into_inner());
            match until {
                Some(t) if t > Instant::now() => {
                    std::thread::sleep(t.saturating_duration_since(Instant::now()))
                }
                _ => return,
            }
        }
    }

    /// Makes every worker wait `duration` (at most [`MAX_PAUSE`]) from now, unless it already
    /// waits longer.
    fn pause(&self, duration: Duration) {
        let now = Instant::now();
        let Some(t) = now.checked_add(duration.min(MAX_PAUSE)) else { return };
        let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
        if until.is_none_or(|u| u < t) {
            *until = Some(t);
        }
    }
}

/// An item's result line as table rows: one per step (one for an item without steps).
fn step_rows(line: &Value) -> Vec<Value> {
    let base = |step: &Value, state: &Value, detail: Value| {
        json!({
            "item": line["item"], "account_id": line["account_id"], "status": line["status"],
            "step": step, "state": state, "detail": detail,
        })
    };
    let steps = line["steps"].as_array().cloned().unwrap_or_default();
    if steps.is_empty() {
        return vec![base(&Value::Null, &Value::Null, line["error"].clone())];
    }
    steps
        .iter()
        .map(|s| {
            let detail = match (&s["error"], &s["detail"]) {
                (Value::Null, Value::Object(d)) => Value::String(
                    d.iter()
                        .map(|(k, v)| match v {
                            Value::String(v) if k == "request" => v.clone(),
                            Value::String(v) => format!("{k}={v}"),
                            v => format!("{k}={v}"),
                        })
                        .collect::<Vec<_>>()
                        .join(" "),
                ),
                (Value::Null, d) => d.clone(),
                (e, _) => e.get("message").cloned().unwrap_or_else(|| e.clone()),
            };
            base(&s["step"], &s["state"], detail)
        })
        .collect()
}

/// What a run has finished and what it has in flight: the summary an interrupt prints.
#[derive(Debug, Default)]
struct Progress {
    /// ok, failed, already-done, planned.
    counts: Mutex<[usize; 4]>,
    /// Items being worked on, with the step in flight (if any).
    in_flight: Mutex<BTreeMap<String, Option<String>>>,
}

impl Progress {
    fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
        m.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// `"…: interrupted: 1 succeeded, …; in flight: ada@example.com (deactivate-scim); …"`.
    fn interrupted(&self, workflow: &str, total: usize, journal: Option<&std::path::Path>) -> String {
        let [ok, failed, already, planned] = *Self::lock(&self.counts);
        let in_flight = Self::lock(&self.in_flight);
        let mut line = format!(
            "{workflow}: interrupted: {ok} succeeded, {failed} failed, {already} already done{} of {total}",
            if planned > 0 { format!(", {planned} planned") } else { String::new() }
        );
        if in_flight.is_empty() {
            line.push_str("; nothing in flight");
        } else {
            let items: Vec<String> = in_flight
                .iter()
                .map(|(item, step)| match step {
                    Some(step) => format!("{item} ({step})"),
                    None => item.clone(),
                })
                .collect();
            line.push_str(&format!("; in flight: {}", items.join(", ")));
        }
        if let Some(path) = journal {
            line.push_str(&format!(
                "; re-run with --journal {} to resume (steps in flight are checked first)",
                path.display()
            ));
        }
        line
    }
}

/// A bulk run over items.
pub struct Runner {
    workflow: String,
    dry_run: bool,
    ignore_errors: bool,
    concurrency: usize,
    journal: Option<Journal>,
    gate: Gate,
    progress: Arc<Progress>,
}

impl Runner {
    pub fn new(workflow: &str, args: &BulkArgs) -> Result<Self> {
        // A dry run reads the journal (to show what a resume would skip) but writes nothing.
        let journal = match &args.journal {
            Some(path) if args.dry_run && !path.exists() => None,
            Some(path) => Some(Journal::open(path, workflow)?),
            None => None,
        };
        Ok(Self {
            workflow: workflow.to_owned(),
            dry_run: args.dry_run,
            // A plan shows every item.
            ignore_errors: args.ignore_errors || args.dry_run,
            concurrency: usize::from(args.concurrency),
            journal,
            gate: Gate::default(),
            progress: Arc::default(),
        })
    }

    /// Records the step `item` has in flight (`None`: between steps).
    fn in_flight(&self, item: &str, step: Option<&str>) {
        Progress::lock(&self.progress.in_flight).insert(item.to_owned(), step.map(str::to_owned));
    }

    /// On SIGINT: print what finished and what was in flight, exit 130. Installed once per
    /// process (a second bulk run in one process keeps the first handler).
    fn on_interrupt(&self, total: usize) {
        let progress = Arc::clone(&self.progress);
        let workflow = self.workflow.clone();
        let journal = self.journal.as_ref().filter(|_| !self.dry_run).map(|j| j.path.clone());
        let installed = ctrlc::set_handler(move || {
            eprintln!("{}", progress.interrupted(&workflow, total, journal.as_deref()));
            std::process::exit(130);
        });
        if let Err(e) = installed {
            tracing::debug!(error = %e, "no interrupt handler installed");
        }
    }

    fn call<T>(&self, call: impl Fn() -> Result<T, admin_api::Error>) -> Result<T, admin_api::Error> {
        let mut limited = 0;
        loop {
            self.gate.wait();
            match call() {
                Err(e @ admin_api::Error::RateLimited(_)) if limited < MAX_RATE_LIMITED => {
                    let pause = e.api_error().and_then(asked_wait).unwrap_or(DEFAULT_PAUSE);
                    if pause > MAX_PAUSE {
                        tracing::warn!(?pause, max = ?MAX_PAUSE, "rate limited for longer than this tool waits; the item fails");
                        return Err(e);
                    }
                    tracing::info!(
                        ?pause,
                        "rate limited (the request was not applied); pausing every worker"
                    );
                    self.gate.pause(pause);
                    limited += 1;
                }
                other => return other,
            }
        }
    }

    /// Runs `work` on every item with up to `--concurrency` in flight; prints one JSON line per
    /// item; returns success only if no item failed.
    pub fn run(self, ctx: &Ctx, items: Vec<String>, work: impl Fn(&mut Item<'_>) + Sync) -> Result<ExitCode> {
        if self.dry_run && ctx.chatty {
            eprintln!("dry run: nothing will be changed");
        }
        let bar = if ctx.progress() {
            let bar = ProgressBar::with_draw_target(Some(items.len() as u64), ProgressDrawTarget::stderr());
            if let Ok(style) = ProgressStyle::with_template("{spinner} {msg} [{bar:30}] {pos}/{len} ({eta})")
            {
                bar.set_style(style.progress_chars("=> "));
            }
            bar.set_message(self.workflow.clone());
            bar
        } else {
            ProgressBar::hidden()
        };
        self.on_interrupt(items.len());
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let counts = &self.progress.counts;
        let stdout = Mutex::new(std::io::stdout());
        // `-o table|csv`: one row per step, printed at the end; otherwise JSON lines as they come.
        let as_rows = matches!(ctx.explicit_format, Some(Format::Table | Format::Csv));
        let rows = Mutex::new(Vec::new());
        std::thread::scope(|scope| {
            for _ in 0..self.concurrency.min(items.len()) {
                scope.spawn(|| {
                    loop {
                        if stop.load(Ordering::SeqCst) {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(name) = items.get(i) else { return };
                        let mut item = Item::new(name, &self);
                        self.in_flight(name, None);
                        work(&mut item);
                        let status = item.status();
                        let line = item.to_json(&self.workflow);
                        {
                            let mut counts = counts.lock().unwrap_or_else(|e| e.into_inner());
                            let slot = match status {
                                "ok" => 0,
                                "failed" => 1,
                                "already-done" => 2,
                                _ => 3,
                            };
                            counts[slot] += 1;
                            Progress::lock(&self.progress.in_flight).remove(name);
                        }
                        if status == "failed" && !self.ignore_errors {
                            stop.store(true, Ordering::SeqCst);
                        }
                        if as_rows {
                            rows.lock().unwrap_or_else(|e| e.into_inner()).push((i, line));
                        } else {
                            bar.suspend(|| {
                                let mut out = stdout.lock().unwrap_or_else(|e| e.into_inner());
                                let _ = writeln!(out, "{line}");
                                let _ = out.flush();
                            });
                        }
                        bar.inc(1);
                    }
                });
            }
        });
        bar.finish_and_clear();
        if as_rows {
            let mut lines = rows.into_inner().unwrap_or_else(|e| e.into_inner());
            lines.sort_by_key(|(i, _)| *i);
            let table: Vec<Value> = lines.iter().flat_map(|(_, line)| step_rows(line)).collect();
            ctx.print(&Value::Array(table), &["item", "account_id", "status", "step", "state", "detail"])?;
        }
        let [ok, failed, already, planned] = *counts.lock().unwrap_or_else(|e| e.into_inner());
        let attempted = ok + failed + already + planned;
        let mut summary =
            format!("{}: {ok} succeeded, {failed} failed, {already} already done", self.workflow);
        if self.dry_run {
            summary = format!(
                "{}: {planned} planned, {failed} failed, {already} already done (dry run)",
                self.workflow
            );
        }
        if attempted < items.len() {
            summary.push_str(&format!(
                "; stopped after the first failure, {} not attempted (--ignore-errors to continue)",
                items.len() - attempted
            ));
        }
        if let Some(j) = self.journal.as_ref().filter(|_| !self.dry_run) {
            summary.push_str(&format!("; journal {}", j.path.display()));
        }
        ctx.note(summary);
        if failed > 0 || attempted < items.len() {
            return Err(CliError::ItemsFailed {
                failed,
                not_attempted: items.len() - attempted,
                total: items.len(),
            });
        }
        Ok(ExitCode::SUCCESS)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_absurd_pause_is_capped_never_overflows() {
        let gate = Gate::default();
        gate.pause(Duration::MAX);
        let until = gate.until.lock().unwrap().unwrap();
        assert!(until <= Instant::now() + MAX_PAUSE);
    }

    #[test]
    fn a_shorter_pause_never_shortens_the_gates_wait() {
        let gate = Gate::default();
        gate.pause(Duration::from_secs(30));
        let long = gate.until.lock().unwrap().unwrap();
        gate.pause(Duration::from_millis(5));
        assert_eq!(gate.until.lock().unwrap().unwrap(), long);
    }
}
