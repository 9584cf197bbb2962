//! The bulk engine behind `lifecycle …` (and every workflow that acts on a list of people).
//!
//! * **Concurrency**: `--concurrency N` scoped threads on the blocking facade share one client
//!   (one connection pool) and pull items from a shared cursor. Threads rather than the async
//!   facade because the work is a handful of requests in flight bounded by the API's rate
//!   limits, not thousands of sockets: threads keep the CLI free of an async runtime and every
//!   step reads top to bottom.
//! * **Rate limits**: a 429 means the request was not applied, so any call — POSTs included —
//!   is retried after the server's `Retry-After`; every worker pauses until then ([`Gate`]), so
//!   the whole run slows down instead of hammering the API. Other errors are not retried here
//!   (the library already retries idempotent calls on 5xx and transport failures).
//! * **Journal** (`--journal FILE`): JSON lines, one per step state (`started`, `done`,
//!   `failed`), flushed as they happen. Re-running with the same journal skips every step
//!   already `done`, so a resumed run never repeats a completed step. A step left `started`
//!   (the run died while the request was in flight) runs again.
//! * **Results**: one JSON line per item on stdout; the exit code is 0 only if every item
//!   succeeded (or was already done). Without `--ignore-errors` the run stops taking new items
//!   after the first failure.

use std::collections::HashSet;
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use clap::Args;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use serde_json::{Value, json};

use crate::context::Ctx;
use crate::error::{CliError, Result};

/// How many times one call may meet a 429 before the item fails.
const MAX_RATE_LIMITED: u32 = 20;
/// The pause after a 429 without `Retry-After`.
const DEFAULT_PAUSE: Duration = Duration::from_secs(1);

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

    fn pause(&self, duration: Duration) {
        let mut until = self.until.lock().unwrap_or_else(|e| e.into_inner());
        let t = Instant::now() + duration;
        if until.is_none_or(|u| u < t) {
            *until = Some(t);
        }
    }
}

/// The journal file: which `(item, step)` pairs are done.
#[derive(Debug)]
pub struct Journal {
    path: PathBuf,
    workflow: String,
    file: Mutex<File>,
    done: HashSet<(String, String)>,
}

impl Journal {
    /// Opens (or creates) a journal for `workflow`; refuses one written by another workflow.
    pub fn open(path: &Path, workflow: &str) -> Result<Self> {
        let mut done = HashSet::new();
        if path.exists() {
            let file = File::open(path).map_err(|e| CliError::io(path.display(), e))?;
            for (n, line) in BufReader::new(file).lines().enumerate() {
                let line = line.map_err(|e| CliError::io(path.display(), e))?;
                if line.trim().is_empty() {
                    continue;
                }
                // A torn last line (the run was killed mid-write) is ignored.
                let Ok(entry) = serde_json::from_str::<Value>(&line) else { continue };
                let field = |k: &str| entry.get(k).and_then(Value::as_str).unwrap_or_default().to_owned();
                if field("workflow") != workflow {
                    return Err(CliError::usage(format!(
                        "{} line {}: this journal belongs to `{}`, not `{workflow}`; use another file",
                        path.display(),
                        n + 1,
                        field("workflow")
                    )));
                }
                if field("state") == "done" {
                    done.insert((field("item"), field("step")));
                }
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| CliError::io(path.display(), e))?;
        Ok(Self { path: path.to_owned(), workflow: workflow.to_owned(), file: Mutex::new(file), done })
    }

    fn is_done(&self, item: &str, step: &str) -> bool {
        self.done.contains(&(item.to_owned(), step.to_owned()))
    }

    fn record(&self, item: &str, step: &str, state: &str, detail: Option<&Value>) -> Result<()> {
        let millis = SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis()).unwrap_or(0);
        let mut entry = json!({"workflow": self.workflow, "item": item, "step": step, "state": state, "at_unix_ms": millis});
        if let Some(detail) = detail {
            entry["detail"] = detail.clone();
        }
        let mut file = self.file.lock().unwrap_or_else(|e| e.into_inner());
        writeln!(file, "{entry}")
            .and_then(|()| file.flush())
            .and_then(|()| file.sync_data())
            .map_err(|e| CliError::io(self.path.display(), e))
    }
}

/// An API error as JSON: the message, and the status and body the server sent (parsed when
/// it is JSON).
pub fn error_json(e: &admin_api::Error) -> Value {
    let mut v = json!({"message": e.to_string()});
    if let Some(status) = e.status() {
        v["status"] = status.as_u16().into();
    }
    if let Some(api) = e.api_error() {
        v["body"] = serde_json::from_str(&api.raw).unwrap_or_else(|_| Value::String(api.raw.clone()));
    }
    v
}

/// One step's outcome in an item's result line.
#[derive(Debug, Clone, PartialEq, Eq)]
enum StepState {
    Done,
    AlreadyDone,
    Planned,
    Skipped,
    Failed,
}

impl StepState {
    fn as_str(&self) -> &'static str {
        match self {
            Self::Done => "done",
            Self::AlreadyDone => "already-done",
            Self::Planned => "planned",
            Self::Skipped => "skipped",
            Self::Failed => "failed",
        }
    }
}

/// The steps of one item: what a workflow's closure uses to act, plan and record.
pub struct Item<'r> {
    pub name: &'r str,
    run: &'r Runner,
    steps: Vec<(String, StepState, Value)>,
    fields: serde_json::Map<String, Value>,
    error: Option<String>,
}

impl Item<'_> {
    /// Whether this is a dry run.
    pub fn dry_run(&self) -> bool {
        self.run.dry_run
    }

    /// Adds a field to the item's result line (e.g. the resolved `account_id`).
    pub fn set(&mut self, key: &str, value: impl Into<Value>) {
        self.fields.insert(key.to_owned(), value.into());
    }

    /// Calls the API, riding out 429s. Use for reads (resolving, preflight checks).
    pub fn read<T>(&self, call: impl Fn() -> Result<T, admin_api::Error>) -> Result<T, admin_api::Error> {
        self.run.call(call)
    }

    /// A step that changes data: skipped when the journal says it is done, only planned in a
    /// dry run (with `plan` as its detail), otherwise journaled and run. Returns `false` when the
    /// step failed (the item then stops).
    pub fn step(
        &mut self,
        step: &str,
        plan: Value,
        call: impl Fn() -> Result<Value, admin_api::Error>,
    ) -> bool {
        if self.run.journal.as_ref().is_some_and(|j| j.is_done(self.name, step)) {
            self.steps.push((step.to_owned(), StepState::AlreadyDone, Value::Null));
            return true;
        }
        if self.run.dry_run {
            self.steps.push((step.to_owned(), StepState::Planned, plan));
            return true;
        }
        if let Err(e) = self.journal(step, "started", None) {
            return self.fail_step(step, e.to_string());
        }
        match self.run.call(call) {
            Ok(detail) => {
                let detail_ref = (!detail.is_null()).then_some(&detail);
                if let Err(e) = self.journal(step, "done", detail_ref) {
                    return self.fail_step(step, e.to_string());
                }
                self.steps.push((step.to_owned(), StepState::Done, detail));
                true
            }
            // A 2xx whose body could not be read: the change was applied, so it must never be
            // repeated on resume.
            Err(e @ admin_api::Error::Decode(_)) => {
                let detail = json!({"warning": format!("applied, but the response could not be read: {e}")});
                if let Err(e) = self.journal(step, "done", Some(&detail)) {
                    return self.fail_step(step, e.to_string());
                }
                self.steps.push((step.to_owned(), StepState::Done, detail));
                true
            }
            Err(e) => {
                let error = error_json(&e);
                let _ = self.journal(step, "failed", Some(&error));
                self.steps.push((step.to_owned(), StepState::Failed, error));
                self.error = Some(format!("{step}: {e}"));
                false
            }
        }
    }

    /// Records a step that will not run, and why (e.g. the account is managed elsewhere).
    pub fn skip(&mut self, step: &str, reason: impl Into<String>) {
        self.steps.push((step.to_owned(), StepState::Skipped, Value::String(reason.into())));
    }

    /// Marks the item failed before any step (e.g. it could not be resolved).
    pub fn fail(&mut self, message: impl Into<String>) {
        self.error = Some(message.into());
    }

    fn fail_step(&mut self, step: &str, message: String) -> bool {
        self.steps.push((step.to_owned(), StepState::Failed, Value::String(message.clone())));
        self.error = Some(format!("{step}: {message}"));
        false
    }

    fn journal(&self, step: &str, state: &str, detail: Option<&Value>) -> Result<()> {
        match &self.run.journal {
            Some(j) => j.record(self.name, step, state, detail),
            None => Ok(()),
        }
    }

    fn status(&self) -> &'static str {
        if self.error.is_some() {
            "failed"
        } else if self.steps.iter().any(|(_, s, _)| *s == StepState::Planned) {
            "planned"
        } else if self.steps.iter().any(|(_, s, _)| *s == StepState::AlreadyDone)
            && self.steps.iter().all(|(_, s, _)| matches!(s, StepState::AlreadyDone | StepState::Skipped))
        {
            "already-done"
        } else {
            "ok"
        }
    }

    fn to_json(&self, workflow: &str) -> Value {
        let mut line = serde_json::Map::new();
        line.insert("workflow".into(), workflow.into());
        line.insert("item".into(), self.name.into());
        line.insert("status".into(), self.status().into());
        line.extend(self.fields.clone());
        let steps: Vec<Value> = self
            .steps
            .iter()
            .map(|(name, state, detail)| {
                let mut s = json!({"step": name, "state": state.as_str()});
                if !detail.is_null() {
                    s[if *state == StepState::Failed { "error" } else { "detail" }] = detail.clone();
                }
                s
            })
            .collect();
        line.insert("steps".into(), steps.into());
        if let Some(e) = &self.error {
            line.insert("error".into(), e.clone().into());
        }
        Value::Object(line)
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
        })
    }

    fn call<T>(&self, call: impl Fn() -> Result<T, admin_api::Error>) -> Result<T, admin_api::Error> {
        let mut limited = 0;
        loop {
            self.gate.wait();
            match call() {
                Err(e @ admin_api::Error::RateLimited(_)) if limited < MAX_RATE_LIMITED => {
                    let pause = e.api_error().and_then(|a| a.retry_after).unwrap_or(DEFAULT_PAUSE);
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
        let next = AtomicUsize::new(0);
        let stop = AtomicBool::new(false);
        let counts = Mutex::new([0usize; 4]); // ok, failed, already-done, planned
        let stdout = Mutex::new(std::io::stdout());
        std::thread::scope(|scope| {
            for _ in 0..self.concurrency.min(items.len()) {
                scope.spawn(|| {
                    loop {
                        if stop.load(Ordering::SeqCst) {
                            return;
                        }
                        let i = next.fetch_add(1, Ordering::SeqCst);
                        let Some(name) = items.get(i) else { return };
                        let mut item = Item {
                            name,
                            run: &self,
                            steps: Vec::new(),
                            fields: serde_json::Map::new(),
                            error: None,
                        };
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
                        }
                        if status == "failed" && !self.ignore_errors {
                            stop.store(true, Ordering::SeqCst);
                        }
                        bar.suspend(|| {
                            let mut out = stdout.lock().unwrap_or_else(|e| e.into_inner());
                            let _ = writeln!(out, "{line}");
                            let _ = out.flush();
                        });
                        bar.inc(1);
                    }
                });
            }
        });
        bar.finish_and_clear();
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

    fn journal_with(name: &str, text: &str) -> PathBuf {
        let path =
            std::env::temp_dir().join(format!("admin-cli-journal-{}-{name}.jsonl", std::process::id()));
        std::fs::write(&path, text).unwrap();
        path
    }

    #[test]
    fn only_done_steps_count_and_a_torn_last_line_is_ignored() {
        let path = journal_with(
            "torn",
            concat!(
                r#"{"workflow":"offboard","item":"a","step":"suspend","state":"started"}"#,
                "\n",
                r#"{"workflow":"offboard","item":"a","step":"suspend","state":"done"}"#,
                "\n",
                r#"{"workflow":"offboard","item":"b","step":"suspend","state":"started"}"#,
                "\n",
                r#"{"workflow":"offboard","item":"c","step":"suspend","state":"failed"}"#,
                "\n",
                r#"{"workflow":"offboard","item":"d","st"#,
            ),
        );
        let journal = Journal::open(&path, "offboard").unwrap();
        assert!(journal.is_done("a", "suspend"));
        assert!(!journal.is_done("b", "suspend"), "started but not done: runs again");
        assert!(!journal.is_done("c", "suspend"), "failed: runs again");
        assert!(!journal.is_done("a", "revoke-tokens"));
        std::fs::remove_file(path).unwrap();
    }

    #[test]
    fn a_journal_of_another_workflow_is_refused() {
        let path = journal_with(
            "other",
            r#"{"workflow":"lifecycle delete","item":"a","step":"delete","state":"done"}"#,
        );
        let error = Journal::open(&path, "lifecycle activate").unwrap_err();
        assert!(error.to_string().contains("lifecycle delete"), "{error}");
        std::fs::remove_file(path).unwrap();
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
