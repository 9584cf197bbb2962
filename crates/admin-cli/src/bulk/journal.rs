//! The journal file (`--journal FILE`): JSON lines, one per step state, read back on resume.

use std::collections::{HashMap, HashSet};
use std::fs::{File, OpenOptions};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use serde_json::{Value, json};

use crate::error::{CliError, Result};

/// The journal file: which `(item, step)` pairs are done, and which a run started and never
/// finished (interrupted while the request was in flight: it may or may not have applied).
#[derive(Debug)]
pub struct Journal {
    pub(super) path: PathBuf,
    workflow: String,
    file: Mutex<File>,
    done: HashSet<(String, String)>,
    /// Per item, the steps whose last entry is `started`.
    interrupted: HashMap<String, Vec<String>>,
}

impl Journal {
    /// Opens (or creates) a journal for `workflow`; refuses one written by another workflow.
    pub fn open(path: &Path, workflow: &str) -> Result<Self> {
        let mut done = HashSet::new();
        let mut last: HashMap<(String, String), String> = HashMap::new();
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
                last.insert((field("item"), field("step")), field("state"));
            }
        }
        let mut interrupted: HashMap<String, Vec<String>> = HashMap::new();
        for ((item, step), state) in last {
            if state == "started" && !done.contains(&(item.clone(), step.clone())) {
                interrupted.entry(item).or_default().push(step);
            }
        }
        let file = OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| CliError::io(path.display(), e))?;
        Ok(Self {
            path: path.to_owned(),
            workflow: workflow.to_owned(),
            file: Mutex::new(file),
            done,
            interrupted,
        })
    }

    pub(super) fn is_done(&self, item: &str, step: &str) -> bool {
        self.done.contains(&(item.to_owned(), step.to_owned()))
    }

    /// The item's steps last journaled `started` (never `done` nor `failed`).
    pub(super) fn interrupted(&self, item: &str) -> &[String] {
        self.interrupted.get(item).map(Vec::as_slice).unwrap_or_default()
    }

    pub(super) fn record(&self, item: &str, step: &str, state: &str, detail: Option<&Value>) -> Result<()> {
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
        assert_eq!(journal.interrupted("b"), ["suspend"], "left started: interrupted");
        assert!(journal.interrupted("a").is_empty(), "started, then done");
        assert!(journal.interrupted("c").is_empty(), "failed is not interrupted");
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
}
