//! System calls and threads created per request, counted by `strace -f -c` around a child
//! process (`admin-bench child calls-MODE URL N`) that makes N requests of one client against
//! the parent's responder. Two runs (N₁ and N₂ requests) are subtracted, so start-up,
//! connecting and warm-up cancel out: what is left is the steady state of a warm connection.

use std::process::Command;

/// Per-request counts for one client.
#[derive(Debug, Clone, Copy)]
pub struct PerRequest {
    /// All system calls (every thread of the process).
    pub syscalls: f64,
    /// `clone` + `clone3` calls, i.e. threads (or processes) created.
    pub threads: f64,
}

/// Whether `strace` can trace here (installed, and ptrace allowed).
pub fn available() -> bool {
    Command::new("strace")
        .args(["-f", "-c", "-o", "/dev/null", "true"])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Counts `mode`'s calls per request between a run of `small` and a run of `large` requests.
pub fn per_request(mode: &str, base: &str, small: usize, large: usize) -> Option<PerRequest> {
    let a = totals(mode, base, small)?;
    let b = totals(mode, base, large)?;
    let n = (large - small) as f64;
    Some(PerRequest { syscalls: (b.0 as f64 - a.0 as f64) / n, threads: (b.1 as f64 - a.1 as f64) / n })
}

/// (all system calls, clone + clone3) of one child run of `n` requests.
fn totals(mode: &str, base: &str, n: usize) -> Option<(u64, u64)> {
    let exe = std::env::current_exe().ok()?;
    let out = std::env::temp_dir().join(format!("admin-bench-strace-{}-{mode}-{n}.txt", std::process::id()));
    let status = Command::new("strace")
        .arg("-f")
        .arg("-c")
        .arg("-o")
        .arg(&out)
        .arg(exe)
        .args(["child", &format!("calls-{mode}"), base, &n.to_string()])
        .status()
        .ok()?;
    let summary = std::fs::read_to_string(&out).ok();
    let _ = std::fs::remove_file(&out);
    if !status.success() {
        return None;
    }
    parse(&summary?)
}

/// Reads `strace -c`'s table: `% time  seconds  usecs/call  calls  errors  syscall`.
fn parse(summary: &str) -> Option<(u64, u64)> {
    let mut total = None;
    let mut clones = 0;
    for line in summary.lines() {
        let fields: Vec<&str> = line.split_whitespace().collect();
        let (Some(name), Some(calls)) = (fields.last(), fields.get(3).and_then(|c| c.parse::<u64>().ok()))
        else {
            continue;
        };
        match *name {
            "total" => total = Some(calls),
            "clone" | "clone3" => clones += calls,
            _ => {}
        }
    }
    Some((total?, clones))
}
