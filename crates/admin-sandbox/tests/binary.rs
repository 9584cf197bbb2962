//! The `admin-sandbox` binary.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use common::{Client, demo};

const BIN: &str = env!("CARGO_BIN_EXE_admin-sandbox");

/// Kills the child this test started, even when an assertion fails first.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        self.0.kill().ok();
        self.0.wait().ok();
    }
}

#[test]
fn help_and_bad_arguments() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    assert!(out.status.success());
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(help.contains("--seed FILE"));
    assert!(help.contains("Organizations API") && help.contains("ATLASSIAN_ORG_ID"), "{help}");
    let out = Command::new(BIN).arg("--bogus").output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = Command::new(BIN).args(["--seed", "/no/such/file.json"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/no/such/file.json"));
}

#[test]
fn serves_seed_file_and_prints_keys() {
    let seed = std::env::temp_dir().join(format!("admin-sandbox-bin-seed-{}.json", std::process::id()));
    std::fs::write(
        &seed,
        r#"{"demo": true, "admin_key": "bin-key", "directories": [{"id": "d2", "scim_key": "k2"}]}"#,
    )
    .unwrap();
    let mut child = KillOnDrop(
        Command::new(BIN)
            .args(["--port", "0", "--seed"])
            .arg(&seed)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap(),
    );
    let mut lines = BufReader::new(child.0.stdout.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base =
        first.strip_prefix("admin-sandbox listening on ").expect("first line names the URL").to_string();
    let rest: Vec<String> = lines
        .by_ref()
        .take_while(|l| l.as_ref().is_ok_and(|l| !l.starts_with("Press")))
        .map(Result::unwrap)
        .collect();
    let text = rest.join("\n");
    assert!(text.contains("bin-key"), "{text}");
    assert!(text.contains(demo::DIRECTORY_ID) && text.contains("d2") && text.contains("k2"), "{text}");
    // The Organizations API's ids, and what to export for the client.
    assert!(text.contains(&format!("org {} (Organizations API)", demo::ORG_ID)), "{text}");
    assert!(text.contains(demo::ORG_DIRECTORY_ID), "{text}");
    assert!(text.contains(&format!("export ATLASSIAN_ORG_ID={}", demo::ORG_ID)), "{text}");
    assert!(text.contains(&format!("export ATLASSIAN_API_BASE_URL={base}")), "{text}");
    assert!(text.contains("export ATLASSIAN_ADMIN_TOKEN=bin-key"), "{text}");

    let status =
        Client::new(&base, Some("bin-key")).get(&format!("/users/{}/manage", demo::ACCOUNT_ID)).status;
    let scim = Client::new(&format!("{base}/scim/directory/d2"), Some("k2")).get("/Users").status;
    drop(child);
    std::fs::remove_file(&seed).ok();
    assert_eq!((status, scim), (200, 200));
}
