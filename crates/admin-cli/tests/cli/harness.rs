//! Starting a sandbox and running the binary against it.

use std::path::PathBuf;
use std::process::{Command, Output};

use admin_sandbox::{Sandbox, SandboxHandle};

pub use admin_sandbox::demo;

/// A sandbox with the demo organization, and a scratch directory for files.
pub struct Env {
    pub sandbox: SandboxHandle,
    pub dir: PathBuf,
}

/// What a run of the binary produced.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// The JSON lines of stdout.
    pub fn lines(&self) -> Vec<serde_json::Value> {
        self.stdout.lines().map(|l| serde_json::from_str(l).expect("a JSON line")).collect()
    }

    /// stdout as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }

    #[track_caller]
    pub fn ok(self) -> Self {
        assert_eq!(self.code, 0, "expected success; stderr: {}\nstdout: {}", self.stderr, self.stdout);
        self
    }
}

impl Env {
    pub fn demo() -> Self {
        Self::with(Sandbox::builder().with_demo_data().start().expect("sandbox starts"))
    }

    pub fn with(sandbox: SandboxHandle) -> Self {
        let dir = std::env::temp_dir().join(format!(
            "admin-cli-test-{}-{}",
            std::process::id(),
            sandbox.addr().port()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        Self { sandbox, dir }
    }

    /// A file in the scratch directory with `text`.
    pub fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.dir.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    /// Runs the binary with the sandbox's URL and keys in the environment.
    pub fn run(&self, args: &[&str]) -> Run {
        output(self.command(args).output().expect("the binary runs"))
    }

    /// The binary configured for this sandbox with `args`, not started yet.
    pub fn command(&self, args: &[&str]) -> Command {
        let mut command = bare_command();
        command
            .env("ATLASSIAN_API_BASE_URL", self.sandbox.base_url())
            .env("ATLASSIAN_ADMIN_TOKEN", self.sandbox.admin_key())
            .env("ATLASSIAN_SCIM_API_KEY", demo::SCIM_KEY)
            .env("ATLASSIAN_SCIM_DIRECTORY_ID", demo::DIRECTORY_ID)
            .env("ATLASSIAN_ORG_ID", self.sandbox.org_id())
            .args(args);
        command
    }

    /// Runs the binary while making the `n`-th request it sends (counting from 1) answer 503:
    /// every response is delayed a little so a watcher can arm the fault while that request is
    /// in flight (the sandbox decides faults after the delay).
    pub fn run_failing_request(&self, n: u64, args: &[&str]) -> Run {
        use std::sync::atomic::{AtomicBool, Ordering};
        self.sandbox.clear_requests();
        self.sandbox.set_latency(std::time::Duration::from_millis(150));
        let finished = AtomicBool::new(false);
        let run = std::thread::scope(|scope| {
            scope.spawn(|| {
                while !finished.load(Ordering::SeqCst) {
                    if self.sandbox.request_count() >= n {
                        self.sandbox.service_unavailable_next(1, None);
                        return;
                    }
                    std::thread::sleep(std::time::Duration::from_millis(1));
                }
            });
            let run = self.run(args);
            finished.store(true, Ordering::SeqCst);
            run
        });
        self.sandbox.set_latency(std::time::Duration::ZERO);
        run
    }

    /// `text` with the sandbox's base URL (its port changes every run) replaced by `[base_url]`.
    pub fn scrub(&self, text: &str) -> String {
        text.replace(self.sandbox.base_url(), "[base_url]")
    }

    /// POSTs the sandbox answered 2xx on this path (i.e. applied).
    pub fn applied_posts(&self, path_suffix: &str) -> usize {
        self.applied("POST", path_suffix)
    }

    /// Requests with this method the sandbox answered 2xx on this path (i.e. applied).
    pub fn applied(&self, method: &str, path_suffix: &str) -> usize {
        self.sandbox
            .requests()
            .iter()
            .filter(|r| r.method == method && r.path.ends_with(path_suffix) && (200..300).contains(&r.status))
            .count()
    }

    /// Every request that could change data: not a GET, not a search (`POST …/search` reads).
    pub fn writes(&self) -> Vec<String> {
        self.sandbox
            .requests()
            .iter()
            .filter(|r| r.method != "GET" && !(r.method == "POST" && r.path.ends_with("/search")))
            .map(|r| format!("{} {}", r.method, r.path))
            .collect()
    }
}

impl Drop for Env {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// The binary with none of the credential variables set.
pub fn bare_command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_atlassian-admin"));
    for var in [
        "ATLASSIAN_API_BASE_URL",
        "ATLASSIAN_ADMIN_TOKEN",
        "ATLASSIAN_SCIM_API_KEY",
        "ATLASSIAN_SCIM_DIRECTORY_ID",
    ] {
        command.env_remove(var);
    }
    command.env("NO_COLOR", "1");
    command
}

/// Runs the binary against any server (e.g. a loopback stub), with every key configured.
pub fn run_against(base_url: &str, args: &[&str]) -> Run {
    let mut command = bare_command();
    command
        .env("ATLASSIAN_API_BASE_URL", base_url)
        .env("ATLASSIAN_ADMIN_TOKEN", "stub-admin-key")
        .env("ATLASSIAN_SCIM_API_KEY", "stub-scim-key")
        .env("ATLASSIAN_SCIM_DIRECTORY_ID", demo::DIRECTORY_ID)
        .env("ATLASSIAN_ORG_ID", demo::ORG_ID)
        .args(args);
    output_within(command, std::time::Duration::from_secs(60))
}

/// Runs `command`, killing it (and failing the test) if it takes longer than `limit`.
pub fn output_within(mut command: Command, limit: std::time::Duration) -> Run {
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("the binary runs");
    let started = std::time::Instant::now();
    // Drain the pipes on threads so a chatty child cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).ok();
        v
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).ok();
        v
    });
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > limit {
            child.kill().ok();
            panic!("the binary did not finish within {limit:?}");
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    Run {
        code: status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.join().unwrap()).expect("UTF-8 stdout"),
        stderr: String::from_utf8(err.join().unwrap()).expect("UTF-8 stderr"),
    }
}

/// Runs the binary without a sandbox of the test's own (e.g. with `--sandbox`).
pub fn run_bare(args: &[&str]) -> Run {
    output(bare_command().args(args).output().expect("the binary runs"))
}

fn output(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("UTF-8 stdout"),
        stderr: String::from_utf8(out.stderr).expect("UTF-8 stderr"),
    }
}

/// The demo organization plus `n` managed accounts `557057:bulk-{i}` (`bulk{i}@example.com`).
pub fn with_accounts(n: usize) -> (Env, Vec<String>) {
    let mut builder = Sandbox::builder().with_demo_data();
    let mut ids = Vec::new();
    for i in 0..n {
        let id = format!("557057:bulk-{i}");
        builder = builder.account(admin_sandbox::Account::new(
            &id,
            format!("bulk{i}@example.com"),
            format!("Bulk {i}"),
        ));
        ids.push(id);
    }
    (Env::with(builder.start().expect("sandbox starts")), ids)
}
