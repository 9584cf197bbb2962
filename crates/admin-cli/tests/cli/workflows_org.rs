//! The Organizations workflows: `offboard --suspend/--remove`, `report last-active`, `events tail`.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::Duration;

use admin_sandbox::{Account, Membership, Sandbox};

use super::harness::{Env, demo};

#[test]
fn offboard_resolves_emails_through_the_org_and_suspends() {
    let env = Env::demo();
    let run = env
        .run(&[
            "offboard",
            "--suspend",
            "--revoke-tokens",
            "--disable-account",
            "--concurrency",
            "1",
            "lila@example.com",
        ])
        .ok();
    let line = &run.lines()[0];
    assert_eq!(line["account_id"], demo::ACCOUNT_ID);
    assert_eq!(line["steps"][0]["step"], "suspend");
    let lila = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!(lila.membership, Membership::Suspended);
    assert!(lila.api_tokens.is_empty());
    let searches = env.sandbox.requests().iter().filter(|r| r.path.ends_with("/users/search")).count();
    assert_eq!(searches, 1, "one search resolves every email");
}

#[test]
fn offboard_remove_dry_run_changes_nothing() {
    let env = Env::demo();
    let before = env.sandbox.accounts();
    let run = env.run(&["offboard", "--remove", "--dry-run", "lila@example.com", "grace@example.com"]).ok();
    assert!(run.lines().iter().all(|l| l["status"] == "planned"), "{}", run.stdout);
    assert_eq!(env.sandbox.accounts(), before);
    assert_eq!(env.writes(), Vec::<String>::new());
}

fn report_env() -> Env {
    let sandbox = Sandbox::builder()
        .with_demo_data()
        .account(
            Account::new("557057:dormant", "dormant@example.com", "Dora Mant")
                .product("jira-software", Some("2020-01-01T00:00:00Z"))
                .product("confluence", Some("2019-06-01T00:00:00Z")),
        )
        .account(
            Account::new("557057:fresh", "fresh@example.com", "Fred Resh")
                .product("confluence", Some("2999-01-01T00:00:00Z")),
        )
        .start()
        .unwrap();
    Env::with(sandbox)
}

#[test]
fn report_last_active_from_one_paged_search() {
    let env = report_env();
    let columns =
        "accountId,email,lastActive,lastActiveByProduct.jira-software,lastActiveByProduct.confluence";
    let csv = env.run(&["-o", "csv", "--columns", columns, "report", "last-active"]).ok();
    insta::assert_snapshot!("report_last_active_csv", csv.stdout);
    let searches: Vec<_> = env.sandbox.requests().into_iter().filter(|r| r.path != "/").collect();
    assert_eq!(searches.len(), 1, "one search, not one call per user: {searches:?}");
    assert!(
        searches[0].path.ends_with("/users/search")
            && searches[0].body.as_deref().unwrap_or("").contains("productAccess")
    );

    env.sandbox.clear_requests();
    let json =
        env.run(&["-o", "json", "report", "last-active", "--inactive-for", "365d", "--page-size", "2"]).ok();
    let emails: Vec<_> =
        json.json().as_array().unwrap().iter().map(|r| r["email"].as_str().unwrap().to_owned()).collect();
    assert!(emails.contains(&"dormant@example.com".to_owned()), "{emails:?}");
    assert!(!emails.contains(&"fresh@example.com".to_owned()), "active users are left out");
    assert_eq!(env.sandbox.requests().len(), 3, "6 users, 2 a page: 3 pages of one search");
}

#[test]
fn events_tail_resumes_from_its_checkpoint_without_repeats() {
    let env = Env::demo();
    let checkpoint = env.path("tail.json");
    let checkpoint = checkpoint.to_str().unwrap();
    env.run(&["users", "disable", demo::ACCOUNT_ID]).ok();
    env.run(&["users", "enable", demo::ACCOUNT_ID]).ok();
    let first = env.run(&["events", "tail", "--checkpoint", checkpoint]).ok();
    let first_ids: Vec<String> = first.lines().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(first_ids.len(), env.sandbox.audit_events().len());
    assert!(first_ids.len() >= 2);

    env.run(&["org", "users", "suspend", demo::ACCOUNT_ID]).ok();
    let second = env.run(&["events", "tail", "--checkpoint", checkpoint]).ok();
    let second_ids: Vec<String> =
        second.lines().iter().map(|e| e["id"].as_str().unwrap().to_owned()).collect();
    assert_eq!(second_ids.len(), 1, "only the new event: {}", second.stdout);
    assert!(!first_ids.contains(&second_ids[0]));
    let again = env.run(&["events", "tail", "--checkpoint", checkpoint]).ok();
    assert_eq!(again.stdout, "", "caught up: nothing repeated");
}

#[test]
fn events_tail_follow_prints_new_events_as_they_come() {
    let env = Env::demo();
    let mut child = super::harness::bare_command()
        .env("ATLASSIAN_API_BASE_URL", env.sandbox.base_url())
        .env("ATLASSIAN_ADMIN_TOKEN", env.sandbox.admin_key())
        .env("ATLASSIAN_ORG_ID", env.sandbox.org_id())
        .args(["events", "tail", "--follow", "--interval", "50ms"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(300));
    env.run(&["users", "disable", demo::ACCOUNT_ID]).ok();
    let mut stdout = BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = stdout.read_line(&mut line);
        let _ = tx.send(line);
    });
    let line = rx.recv_timeout(Duration::from_secs(10)).expect("the event arrives while following");
    child.kill().unwrap();
    let _ = child.wait();
    let event: serde_json::Value = serde_json::from_str(&line).unwrap();
    assert!(event["attributes"]["action"].is_string(), "{line}");
}
