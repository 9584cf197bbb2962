//! `offboard`: plan, dry run, every step, journal and resume.

use admin_sandbox::LifecycleState;

use super::harness::{Env, demo, with_accounts};

const ALL_STEPS: [&str; 3] = ["--revoke-tokens", "--disable-account", "--deactivate-scim"];

fn offboard<'a>(extra: &[&'a str], items: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["offboard", "--concurrency", "1"];
    args.extend_from_slice(extra);
    args.extend_from_slice(items);
    args
}

#[test]
fn offboards_by_email_and_by_id_with_every_step() {
    let env = Env::demo();
    let mut extra = ALL_STEPS.to_vec();
    extra.extend(["--message", "Left the company"]);
    let run = env.run(&offboard(&extra, &["ada@example.com", demo::ACCOUNT_ID])).ok();
    let lines = run.lines();
    assert_eq!(lines[0]["account_id"], demo::SCIM_ACCOUNT_ID);
    assert_eq!(lines[0]["scim_user_id"], demo::SCIM_USER_ID);

    // Lila (managed, not provisioned): tokens revoked, account deactivated.
    let lila = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
    assert!(lila.api_tokens.is_empty());
    assert_eq!(lila.status, LifecycleState::Inactive { message: Some("Left the company".into()) });
    // Ada (provisioned by SCIM): deactivated through the directory, not through user management.
    assert!(env.sandbox.scim_user(demo::DIRECTORY_ID, demo::SCIM_USER_ID).is_none());
    assert_eq!(lines[0]["steps"][1]["state"], "skipped");
    assert_eq!(env.applied_posts(&format!("{}/manage/lifecycle/disable", demo::SCIM_ACCOUNT_ID)), 0);
}

#[test]
fn dry_run_shows_the_plan_and_changes_nothing() {
    let env = Env::demo();
    let accounts = env.sandbox.accounts();
    let scim_users = env.sandbox.scim_users(demo::DIRECTORY_ID);
    let csv = env.file(
        "people.csv",
        &format!("email,reason\nada@example.com,left\n{},left\nnobody@example.com,typo\n", demo::ACCOUNT_ID),
    );
    let mut extra = ALL_STEPS.to_vec();
    extra.extend(["--dry-run", "--from-file", csv.to_str().unwrap()]);
    let run = env.run(&offboard(&extra, &[]));
    assert_eq!(run.code, 1, "nobody@example.com cannot be resolved");
    assert_eq!(env.sandbox.accounts(), accounts);
    assert_eq!(env.sandbox.scim_users(demo::DIRECTORY_ID), scim_users);
    assert_eq!(env.writes(), Vec::<String>::new());
    insta::assert_json_snapshot!("offboard_dry_run", run.lines());
}

#[test]
fn resume_after_a_failure_injected_mid_run_repeats_nothing() {
    let (env, ids) = with_accounts(1);
    let journal = env.path("offboard.jsonl");
    let journal = journal.to_str().unwrap();
    let items = [demo::ACCOUNT_ID, ids[0].as_str()];
    let args = offboard(&["--revoke-tokens", "--disable-account", "--journal", journal], &items);

    // Lila's requests: GET tokens, DELETE ×2, GET check, POST disable ← 503 (not retried).
    let run = env.run_failing_request(5, &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = &run.lines()[0];
    assert_eq!(line["status"], "failed");
    assert_eq!(line["steps"][2]["step"], "disable-account");
    assert_eq!(line["steps"][2]["error"]["status"], 503);
    assert!(env.sandbox.account(demo::ACCOUNT_ID).unwrap().api_tokens.is_empty());
    assert_eq!(
        env.sandbox.account(&ids[0]).unwrap().status,
        LifecycleState::Active,
        "stopped at the failure"
    );

    let run = env.run(&args).ok();
    assert!(run.lines().iter().all(|l| l["status"] == "ok"), "{}", run.stdout);
    assert_eq!(
        env.applied("DELETE", &format!("{}/manage/api-tokens/{}", demo::ACCOUNT_ID, demo::API_TOKEN_ID)),
        1
    );
    assert_eq!(env.applied_posts(&format!("{}/manage/lifecycle/disable", demo::ACCOUNT_ID)), 1);
    assert_eq!(env.applied_posts(&format!("{}/manage/lifecycle/disable", ids[0])), 1);
    for id in items {
        assert!(matches!(env.sandbox.account(id).unwrap().status, LifecycleState::Inactive { .. }));
    }

    // A third run: everything is in the journal, nothing is sent but reads.
    env.sandbox.clear_requests();
    let run = env.run(&args).ok();
    assert!(run.lines().iter().all(|l| l["status"] == "already-done"), "{}", run.stdout);
    assert_eq!(env.writes(), Vec::<String>::new());
}

#[test]
fn nothing_to_do_is_a_usage_error() {
    let env = Env::demo();
    let run = env.run(&["offboard", demo::ACCOUNT_ID]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("--disable-account"));
}

#[test]
fn the_plan_as_a_table_for_people_in_input_order() {
    let env = Env::demo();
    let mut extra = ALL_STEPS.to_vec();
    extra.extend(["--suspend", "--dry-run", "--concurrency", "4"]);
    let mut args = vec!["-o", "table", "offboard"];
    args.extend(extra);
    args.extend([demo::ACCOUNT_ID, "ada@example.com"]);
    let run = env.run(&args).ok();
    insta::assert_snapshot!("offboard_dry_run_table", run.stdout);
    assert_eq!(env.writes(), Vec::<String>::new());
}

#[test]
fn one_person_given_by_email_and_by_account_id_is_offboarded_once() {
    let env = Env::demo();
    let journal = env.path("dup.jsonl");
    let args = [
        "offboard",
        "lila@example.com",
        demo::ACCOUNT_ID,
        "--suspend",
        "--revoke-tokens",
        "--disable-account",
        "--journal",
        journal.to_str().unwrap(),
        "--concurrency",
        "8",
    ];
    let run = env.run(&args).ok();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "merged into one item: {}", run.stdout);
    assert_eq!(lines[0]["status"], "ok");
    assert_eq!(lines[0]["account_id"], demo::ACCOUNT_ID);
    assert_eq!(lines[0]["inputs"], serde_json::json!(["lila@example.com", demo::ACCOUNT_ID]));
    assert!(run.stderr.contains("merged"), "{}", run.stderr);
    assert_eq!(env.applied_posts(&format!("{}/suspend", demo::ACCOUNT_ID)), 1);
    assert_eq!(env.applied_posts(&format!("{}/manage/lifecycle/disable", demo::ACCOUNT_ID)), 1);
    assert_eq!(
        env.applied("DELETE", &format!("{}/manage/api-tokens/{}", demo::ACCOUNT_ID, demo::API_TOKEN_ID)),
        1
    );
    assert!(matches!(env.sandbox.account(demo::ACCOUNT_ID).unwrap().status, LifecycleState::Inactive { .. }));
}

#[test]
fn a_dry_run_plans_a_person_given_twice_once() {
    let env = Env::demo();
    let run = env
        .run(&[
            "offboard",
            "lila@example.com",
            demo::ACCOUNT_ID,
            "--suspend",
            "--revoke-tokens",
            "--disable-account",
            "--dry-run",
            "--concurrency",
            "8",
        ])
        .ok();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(lines[0]["status"], "planned");
    assert_eq!(lines[0]["inputs"], serde_json::json!(["lila@example.com", demo::ACCOUNT_ID]));
    assert_eq!(env.writes(), Vec::<String>::new());
}

#[test]
fn a_token_gone_between_listing_and_revoking_counts_as_revoked() {
    use std::sync::atomic::{AtomicBool, Ordering};
    let env = Env::demo();
    env.sandbox.clear_requests();
    env.sandbox.set_latency(std::time::Duration::from_millis(150));
    let finished = AtomicBool::new(false);
    // Request 1 lists Lila's two tokens; while request 2 (the first DELETE) is in flight,
    // someone else revokes them: each DELETE meets a 404.
    let run = std::thread::scope(|scope| {
        scope.spawn(|| {
            while !finished.load(Ordering::SeqCst) {
                if env.sandbox.request_count() >= 2 {
                    let mut lila = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
                    lila.api_tokens.clear();
                    env.sandbox.put_account(lila);
                    return;
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
        });
        let run = env.run(&offboard(&["--revoke-tokens"], &[demo::ACCOUNT_ID]));
        finished.store(true, Ordering::SeqCst);
        run
    });
    env.sandbox.set_latency(std::time::Duration::ZERO);
    let deletes: Vec<u16> =
        env.sandbox.requests().iter().filter(|r| r.method == "DELETE").map(|r| r.status).collect();
    assert_eq!(deletes, [404, 404], "both of Lila's tokens were gone when revoked");
    assert_eq!(run.code, 0, "{}\n{}", run.stdout, run.stderr);
    let line = &run.lines()[0];
    assert_eq!(line["status"], "ok");
    for step in line["steps"].as_array().unwrap() {
        assert_eq!(step["state"], "done", "{line}");
        assert!(step["detail"]["note"].as_str().unwrap().contains("already gone"), "{line}");
    }
}

fn journal_lines(path: &std::path::Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect()
}

#[test]
fn a_step_an_interrupted_run_completed_is_recorded_done_on_resume() {
    let env = Env::demo();
    // The interrupted run: ada suspended and her SCIM user deactivated server-side, but the run
    // died before journaling the deactivation `done`.
    env.run(&offboard(&["--suspend", "--deactivate-scim"], &["ada@example.com"])).ok();
    assert!(env.sandbox.scim_user(demo::DIRECTORY_ID, demo::SCIM_USER_ID).is_none());
    let journal = env.file(
        "interrupted.jsonl",
        concat!(
            r#"{"workflow":"offboard","item":"ada@example.com","step":"suspend","state":"started"}"#,
            "\n",
            r#"{"workflow":"offboard","item":"ada@example.com","step":"suspend","state":"done"}"#,
            "\n",
            r#"{"workflow":"offboard","item":"ada@example.com","step":"deactivate-scim","state":"started"}"#,
            "\n",
        ),
    );
    env.sandbox.clear_requests();
    let args = ["--suspend", "--deactivate-scim", "--journal", journal.to_str().unwrap()];
    let run = env.run(&offboard(&args, &["ada@example.com"])).ok();
    let line = &run.lines()[0];
    assert_eq!(line["steps"][0]["state"], "already-done", "{line}");
    assert_eq!(line["steps"][1]["step"], "deactivate-scim");
    assert_eq!(line["steps"][1]["state"], "done", "{line}");
    assert!(
        line["steps"][1]["detail"]["note"].as_str().unwrap().contains("completed by an interrupted run"),
        "{line}"
    );
    assert_eq!(line["status"], "ok");
    assert_eq!(env.writes(), Vec::<String>::new(), "nothing is sent again");
    let last = journal_lines(&journal).pop().unwrap();
    assert_eq!((last["step"].as_str(), last["state"].as_str()), (Some("deactivate-scim"), Some("done")));

    // A second resume: the journal now says done.
    let again = env.run(&offboard(&args, &["ada@example.com"])).ok();
    assert_eq!(again.lines()[0]["status"], "already-done", "{}", again.stdout);
}

#[test]
fn a_token_revocation_an_interrupted_run_completed_is_recorded_done_on_resume() {
    let env = Env::demo();
    let token = "b6c0e1d2-0000-4000-8000-000000000002";
    let mut lila = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
    lila.api_tokens.retain(|t| t.id.as_str() != token);
    env.sandbox.put_account(lila);
    let step = format!("revoke-token {token}");
    let journal = env.file(
        "tokens.jsonl",
        &format!(
            "{}\n",
            serde_json::json!({"workflow": "offboard", "item": demo::ACCOUNT_ID, "step": step, "state": "started"})
        ),
    );
    let args = ["--revoke-tokens", "--journal", journal.to_str().unwrap()];
    let run = env.run(&offboard(&args, &[demo::ACCOUNT_ID])).ok();
    let steps = run.lines()[0]["steps"].as_array().unwrap().clone();
    let interrupted = steps.iter().find(|s| s["step"] == step.as_str()).expect("reported");
    assert_eq!(interrupted["state"], "done");
    assert!(interrupted["detail"]["note"].as_str().unwrap().contains("the token is gone"));
    assert!(env.sandbox.account(demo::ACCOUNT_ID).unwrap().api_tokens.is_empty(), "the other one revoked");
    assert!(journal_lines(&journal).iter().any(|l| l["step"] == step.as_str() && l["state"] == "done"));
}

#[test]
fn sigint_ends_the_run_with_a_summary_of_what_was_in_flight() {
    let env = Env::demo();
    let journal = env.path("sigint.jsonl");
    env.sandbox.clear_requests();
    env.sandbox.set_latency(std::time::Duration::from_millis(1500));
    let args = offboard(&["--suspend", "--journal", journal.to_str().unwrap()], &[demo::ACCOUNT_ID]);
    let mut command = env.command(&args);
    command.stdout(std::process::Stdio::piped()).stderr(std::process::Stdio::piped());
    let child = command.spawn().unwrap();
    // The suspend (the run's first request) is in flight.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while env.sandbox.request_count() < 1 {
        assert!(std::time::Instant::now() < deadline, "the run sent nothing");
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let kill = std::process::Command::new("kill").args(["-INT", &child.id().to_string()]).status().unwrap();
    assert!(kill.success());
    let out = child.wait_with_output().unwrap();
    env.sandbox.set_latency(std::time::Duration::ZERO);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(130), "{stderr}");
    assert!(stderr.contains("offboard: interrupted: 0 succeeded, 0 failed, 0 already done of 1"), "{stderr}");
    assert!(stderr.contains(&format!("in flight: {} (suspend)", demo::ACCOUNT_ID)), "{stderr}");
    assert!(stderr.contains("--journal"), "{stderr}");
    let last = journal_lines(&journal).pop().unwrap();
    assert_eq!((last["step"].as_str(), last["state"].as_str()), (Some("suspend"), Some("started")));
}
