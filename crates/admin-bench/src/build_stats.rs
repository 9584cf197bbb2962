//! `--build-stats`: dependency count, clean release build time and binary size of a minimal
//! sync-only app and a minimal async-only app, each a throwaway crate generated under the
//! system temp directory (never committed) with a path dependency on this workspace's
//! `admin-api` and a copy of its `Cargo.lock`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

const SYNC_MAIN: &str = r#"fn main() -> Result<(), admin_api::Error> {
    let client = admin_api::blocking::Client::from_env()?;
    let users = client.users(admin_api::AdminApiKey::from_env()?);
    let account = admin_api::models::AccountId::new(std::env::var("ATLASSIAN_ACCOUNT_ID").unwrap_or_default())?;
    println!("{:?}", users.get_profile(&account)?.name);
    Ok(())
}
"#;

const ASYNC_MAIN: &str = r#"fn main() -> Result<(), admin_api::Error> {
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    rt.block_on(async {
        let client = admin_api::nonblocking::Client::from_env()?;
        let users = client.users(admin_api::AdminApiKey::from_env()?);
        let account = admin_api::models::AccountId::new(std::env::var("ATLASSIAN_ACCOUNT_ID").unwrap_or_default())?;
        println!("{:?}", users.get_profile(&account).await?.name);
        Ok(())
    })
}
"#;

pub fn run() {
    let workspace =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root");
    println!(
        "\n-- build stats (clean release builds of throwaway apps in {})",
        std::env::temp_dir().display()
    );
    println!(
        "\n| build | crates in the dependency graph | clean release build | binary (stripped) |\n|---|---|---|---|"
    );
    for (name, feature, main, extra) in [
        ("sync-only (`--no-default-features --features ureq`)", "ureq", SYNC_MAIN, ""),
        (
            "async-only (`--no-default-features --features reqwest`)",
            "reqwest",
            ASYNC_MAIN,
            "tokio = { version = \"1\", default-features = false, features = [\"rt\"] }\n",
        ),
    ] {
        match measure(&workspace, feature, main, extra) {
            Ok((crates, secs, size, stripped)) => println!(
                "| {name} | {crates} | {secs:.0} s | {:.2} MiB ({:.2} MiB) |",
                size as f64 / 1048576.0,
                stripped as f64 / 1048576.0
            ),
            Err(error) => println!("| {name} | failed: {error} | | |"),
        }
    }
}

fn measure(
    workspace: &Path,
    feature: &str,
    main: &str,
    extra: &str,
) -> Result<(usize, f64, u64, u64), String> {
    let dir = std::env::temp_dir().join(format!("admin-bench-min-{feature}"));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).map_err(|e| e.to_string())?;
    let api = workspace.join("crates/admin-api");
    std::fs::write(
        dir.join("Cargo.toml"),
        format!(
            "[package]\nname = \"min-{feature}\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n[dependencies]\nadmin-api = {{ path = {:?}, default-features = false, features = [\"{feature}\"] }}\n{extra}\n[workspace]\n",
            api.display().to_string()
        ),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(dir.join("src/main.rs"), main).map_err(|e| e.to_string())?;
    std::fs::copy(workspace.join("Cargo.lock"), dir.join("Cargo.lock")).map_err(|e| e.to_string())?;

    let tree = cargo(&dir)
        .args(["tree", "-e", "normal", "--prefix", "none", "--offline"])
        .output()
        .map_err(|e| e.to_string())?;
    if !tree.status.success() {
        return Err(String::from_utf8_lossy(&tree.stderr).into_owned());
    }
    let crates: BTreeSet<String> = String::from_utf8_lossy(&tree.stdout)
        .lines()
        .filter_map(|l| {
            let mut words = l.split_whitespace();
            Some(format!("{} {}", words.next()?, words.next()?))
        })
        .filter(|c| !c.starts_with(&format!("min-{feature} ")))
        .collect();

    let target = dir.join("target");
    let started = Instant::now();
    let status = cargo(&dir)
        .args(["build", "--release", "--offline", "--quiet"])
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| e.to_string())?;
    let secs = started.elapsed().as_secs_f64();
    if !status.success() {
        return Err("cargo build failed".into());
    }
    let binary: PathBuf = target.join("release").join(format!("min-{feature}"));
    let size = std::fs::metadata(&binary).map_err(|e| e.to_string())?.len();
    let stripped_path = dir.join("stripped");
    let stripped = Command::new("strip")
        .arg("-o")
        .arg(&stripped_path)
        .arg(&binary)
        .status()
        .ok()
        .filter(|s| s.success())
        .and_then(|_| std::fs::metadata(&stripped_path).ok())
        .map_or(0, |m| m.len());
    Ok((crates.len(), secs, size, stripped))
}

fn cargo(dir: &Path) -> Command {
    let mut command = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    command.current_dir(dir).env_remove("CARGO_TARGET_DIR").env_remove("RUSTFLAGS");
    command
}
