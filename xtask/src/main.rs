//! Project automation. `cargo xtask ci` runs everything CI checks; `cargo xtask help` lists tasks.

use std::env;
use std::process::{Command, ExitCode};
use std::time::Instant;

/// `admin-api` feature sets CI builds, lints and tests. Together they prove the features are
/// additive: none, each facade alone (with and without its default backend), and all at once.
const FEATURE_SETS: &[(&str, &[&str])] = &[
    ("none", &[]),
    ("blocking", &["blocking"]),
    ("async", &["async"]),
    ("ureq", &["ureq"]),
    ("reqwest", &["reqwest"]),
    ("all", &["ureq", "reqwest", "test-util"]),
];

fn main() -> ExitCode {
    let task = env::args().nth(1).unwrap_or_else(|| "help".into());
    let result = match task.as_str() {
        "ci" => ci(),
        "fmt" => run("fmt", &["fmt", "--all", "--check"], &[]),
        "no-tokio" => no_tokio(),
        "bench" => bench(),
        "help" | "--help" | "-h" => {
            println!(
                "cargo xtask <task>\n\n  ci        fmt check, clippy + tests for every admin-api feature set, no-tokio check, docs\n  fmt       cargo fmt --check\n  no-tokio  the sync-only build has no tokio\n  bench     performance harness (crates/admin-bench): [--quick] [--only profile,async,syscalls,stream,decode,micro,bulk] [--build-stats]"
            );
            Ok(())
        }
        other => Err(format!("unknown task {other:?}; try `cargo xtask help`")),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

fn ci() -> Result<(), String> {
    let started = Instant::now();
    run("rustfmt", &["fmt", "--all", "--check"], &[])?;
    run(
        "clippy workspace (all features)",
        &["clippy", "--workspace", "--all-targets", "--all-features", "--", "-D", "warnings"],
        &[],
    )?;
    for (name, features) in FEATURE_SETS {
        let args = feature_args("clippy", features, &["--all-targets", "--", "-D", "warnings"]);
        run(
            &format!("clippy admin-api [{name}]"),
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
            &[],
        )?;
    }
    run("test workspace (all features)", &["test", "--workspace", "--all-features"], &[])?;
    for (name, features) in FEATURE_SETS.iter().filter(|(name, _)| *name != "all") {
        let args = feature_args("test", features, &[]);
        run(&format!("test admin-api [{name}]"), &args.iter().map(String::as_str).collect::<Vec<_>>(), &[])?;
    }
    no_tokio()?;
    run("docs", &["doc", "--workspace", "--all-features", "--no-deps"], &[("RUSTDOCFLAGS", "-D warnings")])?;
    println!("\nxtask ci: all green in {:.0?}", started.elapsed());
    Ok(())
}

fn feature_args(command: &str, features: &[&str], rest: &[&str]) -> Vec<String> {
    let mut args = vec![command.to_owned(), "-p".into(), "admin-api".into(), "--no-default-features".into()];
    if !features.is_empty() {
        args.push("--features".into());
        args.push(features.join(","));
    }
    args.extend(rest.iter().map(|s| (*s).to_owned()));
    args
}

/// The sync-only build must not pull tokio in (issue: blocking users should not pay for it).
fn no_tokio() -> Result<(), String> {
    let args = [
        "tree",
        "-p",
        "admin-api",
        "-e",
        "normal",
        "--no-default-features",
        "--features",
        "ureq",
        "--prefix",
        "none",
    ];
    println!("\n==> no tokio in the sync-only build: cargo {}", args.join(" "));
    let output = Command::new(cargo()).args(args).output().map_err(|e| format!("cannot run cargo: {e}"))?;
    if !output.status.success() {
        return Err(format!("cargo tree failed: {}", String::from_utf8_lossy(&output.stderr)));
    }
    let tree = String::from_utf8_lossy(&output.stdout);
    let crates: std::collections::BTreeSet<&str> =
        tree.lines().filter_map(|line| line.split(' ').next()).collect();
    let offenders: Vec<&str> = crates.iter().copied().filter(|name| name.starts_with("tokio")).collect();
    if offenders.is_empty() {
        println!("    ok: {} crates, none of them tokio", crates.len());
        Ok(())
    } else {
        Err(format!("the sync-only build depends on tokio: {offenders:?}"))
    }
}

/// `cargo xtask bench [--quick] [--only profile,async,syscalls,stream,decode,micro,bulk] [--build-stats]`:
/// the performance harness in `crates/admin-bench`, in release mode (see docs/PERFORMANCE.md).
fn bench() -> Result<(), String> {
    let passed: Vec<String> = env::args().skip(2).collect();
    let mut args = vec!["run", "--release", "-p", "admin-bench", "--"];
    args.extend(passed.iter().map(String::as_str));
    run("bench", &args, &[])
}

fn run(label: &str, args: &[&str], envs: &[(&str, &str)]) -> Result<(), String> {
    println!("\n==> {label}: cargo {}", args.join(" "));
    let started = Instant::now();
    let status = Command::new(cargo())
        .args(args)
        .envs(envs.iter().copied())
        .status()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    println!("    {label}: {} in {:.0?}", if status.success() { "ok" } else { "FAILED" }, started.elapsed());
    if status.success() { Ok(()) } else { Err(format!("{label} failed")) }
}

fn cargo() -> String {
    env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}
