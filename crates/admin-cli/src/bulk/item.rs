//! One item of a bulk run: its steps (journaled, planned or skipped) and its result line.

use serde_json::{Value, json};

use super::Runner;
use crate::error::Result;

/// An API error as JSON: the message, and the status and body the server sent (parsed when
/// it is JSON).
pub fn error_json(e: &admin_api::Error) -> Value {
    let mut v = json!({"message": super::describe(e)});
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

impl<'r> Item<'r> {
    pub(super) fn new(name: &'r str, run: &'r Runner) -> Self {
        Self { name, run, steps: Vec::new(), fields: serde_json::Map::new(), error: None }
    }

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
        self.run.in_flight(self.name, Some(step));
        let outcome = self.run.call(call);
        self.run.in_flight(self.name, None);
        match outcome {
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
                self.error = Some(format!("{step}: {}", super::describe(&e)));
                false
            }
        }
    }

    /// The item's steps that an earlier run started and never finished (the journal's last
    /// entry for them is `started`: the run was interrupted while the request was in flight).
    pub fn interrupted(&self) -> Vec<String> {
        self.run.journal.as_ref().map(|j| j.interrupted(self.name).to_vec()).unwrap_or_default()
    }

    /// An interrupted step (see [`interrupted`](Self::interrupted)) whose effect the workflow
    /// now observes applied: journaled `done` with `note`, and reported done — never as if it
    /// had not applied. A dry run reports it `already-done` and writes nothing.
    pub fn finish_interrupted(&mut self, step: &str, note: &str) {
        let detail = json!({"note": format!("completed by an interrupted run: {note}")});
        if self.run.dry_run {
            self.steps.push((step.to_owned(), StepState::AlreadyDone, detail));
            return;
        }
        if let Err(e) = self.journal(step, "done", Some(&detail)) {
            self.fail_step(step, e.to_string());
            return;
        }
        self.steps.push((step.to_owned(), StepState::Done, detail));
    }

    /// Records a step that will not run, and why (e.g. the account is managed elsewhere).
    pub fn skip(&mut self, step: &str, reason: impl Into<String>) {
        self.steps.push((step.to_owned(), StepState::Skipped, Value::String(reason.into())));
    }

    /// A read a step depends on failed (e.g. listing the API tokens to revoke): journaled as
    /// the step `failed`, and the item fails.
    pub fn fail_read(&mut self, step: &str, what: &str, e: &admin_api::Error) {
        let error = error_json(e);
        if !self.run.dry_run {
            let _ = self.journal(step, "failed", Some(&error));
        }
        self.steps.push((step.to_owned(), StepState::Failed, error));
        self.error = Some(format!("{what}: {}", super::describe(e)));
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

    pub(super) fn status(&self) -> &'static str {
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

    pub(super) fn to_json(&self, workflow: &str) -> Value {
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
