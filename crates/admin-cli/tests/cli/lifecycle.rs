//! `lifecycle …`: bulk changes from a file, dry run, journal and resume, rate limits.

use std::time::Duration;

use admin_sandbox::{Fault, LifecycleState};

use super::harness::{Env, Run, demo, with_accounts};

fn status(env: &Env, id: &str) -> LifecycleState {
    env.sandbox.account(id).unwrap().status
}

fn inactive(env: &Env, id: &str) -> bool {
    matches!(status(env, id), LifecycleState::Inactive { .. })
}

/// Result lines by item, in input order (results arrive in completion order).
fn by_item(run: &Run, items: &[&str]) -> Vec<serde_json::Value> {
    let lines = run.lines();
    items
        .iter()
        .map(|i| {
            lines
                .iter()
                .find(|l| l["item"] == *i)
                .cloned()
                .unwrap_or_else(|| panic!("no line for {i}: {}", run.stdout))
        })
        .collect()
}

#[test]
fn deactivate_from_a_file_in_atlassians_format() {
    let (env, ids) = with_accounts(3);
    let file = env.file("users.txt", &format!("{},{}\n{}\n", ids[0], ids[1], ids[2]));
    let run =
        env.run(&["lifecycle", "deactivate", "--from-file", file.to_str().unwrap(), "--message", "Bye"]).ok();
    assert_eq!(run.lines().len(), 3);
    assert!(run.lines().iter().all(|l| l["status"] == "ok"), "{}", run.stdout);
    for id in &ids {
        assert_eq!(status(&env, id), LifecycleState::Inactive { message: Some("Bye".into()) });
    }
    assert_eq!(env.applied_posts("/lifecycle/disable"), 3);
    assert_eq!(
        run.stderr, "lifecycle deactivate: 3 succeeded, 0 failed, 0 already done\n",
        "stderr is piped: a summary and no progress bar"
    );
    let quiet = env.run(&["-q", "lifecycle", "activate", &ids[0]]).ok();
    assert_eq!(quiet.stderr, "", "-q: no summary");
    assert_eq!(quiet.lines().len(), 1, "results are still printed");
}

#[test]
fn activate_delete_and_cancel_delete_in_bulk() {
    let (env, ids) = with_accounts(2);
    let (a, b) = (ids[0].as_str(), ids[1].as_str());
    env.run(&["lifecycle", "deactivate", a, b]).ok();
    env.run(&["lifecycle", "activate", a, b]).ok();
    assert_eq!((status(&env, a), status(&env, b)), (LifecycleState::Active, LifecycleState::Active));
    let run = env.run(&["lifecycle", "delete", a, b]).ok();
    assert!(matches!(status(&env, a), LifecycleState::PendingDeletion { .. }));
    assert!(
        run.lines()[0]["steps"][0]["detail"].is_object(),
        "delete's response is in the result: {}",
        run.stdout
    );
    env.run(&["lifecycle", "cancel-delete", a, b]).ok();
    assert_eq!((status(&env, a), status(&env, b)), (LifecycleState::Active, LifecycleState::Active));
}

#[test]
fn dry_run_changes_nothing_and_predicts_refusals() {
    let (env, ids) = with_accounts(2);
    let accounts_before = env.sandbox.accounts();
    let scim_before = env.sandbox.scim_users(demo::DIRECTORY_ID);
    let items = [ids[0].as_str(), "ada@example.com", ids[1].as_str()];
    let run = env.run(&[
        "lifecycle",
        "delete",
        "--concurrency",
        "1",
        "--dry-run",
        "--ignore-errors",
        items[0],
        items[1],
        items[2],
    ]);
    assert_eq!(env.sandbox.accounts(), accounts_before);
    assert_eq!(env.sandbox.scim_users(demo::DIRECTORY_ID), scim_before);
    assert_eq!(env.writes(), Vec::<String>::new(), "a dry run sends only GETs");
    assert_eq!(run.code, 1, "a refusal is predicted, so the real run would not succeed");
    insta::assert_json_snapshot!("lifecycle_delete_dry_run", by_item(&run, &items));
}

#[test]
fn stops_at_the_first_failure_unless_told_to_ignore_errors() {
    let (env, ids) = with_accounts(2);
    let args = |extra: &[&'static str]| {
        let mut a = vec!["lifecycle", "deactivate", "--concurrency", "1"];
        a.extend_from_slice(extra);
        a
    };
    let mut first = args(&[]);
    first.extend(["ada@example.com", ids[0].as_str(), ids[1].as_str()]);
    let run = env.run(&first);
    assert_eq!(run.code, 1);
    assert_eq!(run.lines().len(), 1, "nothing after the failure: {}", run.stdout);
    assert_eq!(run.lines()[0]["steps"][0]["error"]["status"], 403);
    assert_eq!(
        run.lines()[0]["steps"][0]["error"]["body"]["context"]["reason"]["key"],
        "externalDirectory.scim"
    );
    assert!(run.stderr.contains("2 not attempted"), "{}", run.stderr);
    assert!(!inactive(&env, &ids[0]));

    let mut all = args(&["--ignore-errors"]);
    all.extend(["ada@example.com", ids[0].as_str(), ids[1].as_str()]);
    let run = env.run(&all);
    assert_eq!(run.code, 1, "one item failed");
    assert_eq!(run.lines().len(), 3);
    assert!(inactive(&env, &ids[0]) && inactive(&env, &ids[1]));
}

#[test]
fn resume_after_a_failure_injected_mid_run_repeats_no_post() {
    let (env, ids) = with_accounts(4);
    let journal = env.path("journal.jsonl");
    let journal = journal.to_str().unwrap();
    let file = env.file("all.txt", &ids.join("\n"));
    let args =
        ["lifecycle", "delete", "--concurrency", "1", "--journal", journal, "-f", file.to_str().unwrap()];

    // The third POST meets a 503 (not retried: a POST; nothing applied) and the run stops there.
    let run = env.run_failing_request(3, &args);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let states: Vec<_> = run.lines().iter().map(|l| l["status"].as_str().unwrap().to_owned()).collect();
    assert_eq!(states, ["ok", "ok", "failed"]);
    assert_eq!(run.lines()[2]["steps"][0]["error"]["status"], 503);
    assert!(run.stderr.contains("1 not attempted"), "{}", run.stderr);
    assert_eq!(status(&env, &ids[3]), LifecycleState::Active, "the run stopped at the failure");
    assert_eq!(env.sandbox.requests().iter().filter(|r| r.fault == Some(Fault::Unavailable)).count(), 1);

    // Re-running with the journal finishes the job without repeating a POST.
    let run = env.run(&args).ok();
    let states: Vec<_> = run.lines().iter().map(|l| l["status"].as_str().unwrap().to_owned()).collect();
    assert_eq!(states, ["already-done", "already-done", "ok", "ok"]);
    for id in &ids {
        assert!(matches!(status(&env, id), LifecycleState::PendingDeletion { .. }));
        assert_eq!(
            env.applied_posts(&format!("{id}/manage/lifecycle/delete")),
            1,
            "{id} was deleted exactly once"
        );
    }
    assert_eq!(
        env.sandbox.requests().len(),
        5,
        "3 POSTs in the first run (the third refused), 2 in the second"
    );
}

#[test]
fn a_change_applied_whose_response_is_lost_is_journaled_as_done() {
    let (env, ids) = with_accounts(1);
    let journal = env.path("journal.jsonl");
    let journal = journal.to_str().unwrap();
    env.sandbox.malform_next(1);
    let run = env.run(&["lifecycle", "delete", "--journal", journal, &ids[0]]).ok();
    assert!(run.lines()[0]["steps"][0]["detail"]["warning"].as_str().unwrap().contains("applied"));
    let run = env.run(&["lifecycle", "delete", "--journal", journal, &ids[0]]).ok();
    assert_eq!(run.lines()[0]["status"], "already-done");
    assert_eq!(env.applied_posts("/lifecycle/delete"), 1);
}

#[test]
fn rate_limits_are_ridden_out_with_several_requests_in_flight() {
    let (env, ids) = with_accounts(8);
    env.sandbox.rate_limit(3, Duration::from_secs(1));
    let mut args = vec!["lifecycle", "deactivate", "--concurrency", "4"];
    args.extend(ids.iter().map(String::as_str));
    let run = env.run(&args).ok();
    assert_eq!(run.lines().len(), 8);
    let requests = env.sandbox.requests();
    assert!(requests.iter().any(|r| r.status == 429), "the limit was hit");
    for id in &ids {
        assert!(inactive(&env, id));
        assert_eq!(
            env.applied_posts(&format!("{id}/manage/lifecycle/disable")),
            1,
            "{id}: applied once, not lost, not repeated"
        );
    }
}

#[test]
fn a_journal_of_another_workflow_is_refused() {
    let (env, ids) = with_accounts(1);
    let journal = env.path("journal.jsonl");
    let journal = journal.to_str().unwrap();
    env.run(&["lifecycle", "deactivate", "--journal", journal, &ids[0]]).ok();
    let run = env.run(&["lifecycle", "activate", "--journal", journal, &ids[0]]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("lifecycle deactivate"), "{}", run.stderr);
}

#[test]
fn deactivate_merges_an_email_and_the_account_id_of_one_person() {
    let env = Env::demo();
    let args = ["lifecycle", "deactivate", "lila@example.com", demo::ACCOUNT_ID];
    let plan = env.run(&[&args[..], &["--dry-run"]].concat()).ok();
    assert_eq!(plan.lines().len(), 1, "planned once: {}", plan.stdout);
    assert_eq!(plan.lines()[0]["inputs"], serde_json::json!(["lila@example.com", demo::ACCOUNT_ID]));
    let run = env.run(&args).ok();
    assert_eq!(run.lines().len(), 1, "{}", run.stdout);
    assert_eq!(env.applied_posts(&format!("{}/manage/lifecycle/disable", demo::ACCOUNT_ID)), 1);
    assert!(inactive(&env, demo::ACCOUNT_ID));
}
