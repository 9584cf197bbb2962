//! `users …` against the sandbox: every user management operation, output formats.

use admin_sandbox::LifecycleState;

use super::harness::{Env, demo};

#[test]
fn profile_in_every_output_format() {
    let env = Env::demo();
    let table = env.run(&["users", "get", demo::ACCOUNT_ID]).ok();
    insta::assert_snapshot!("profile_table", table.stdout);
    let json = env.run(&["-o", "json", "users", "get", demo::ACCOUNT_ID]).ok();
    insta::assert_snapshot!("profile_json", json.stdout);
    let csv = env.run(&["-o", "csv", "users", "get", demo::ACCOUNT_ID]).ok();
    insta::assert_snapshot!("profile_csv", csv.stdout);
    let columns =
        env.run(&["-o", "csv", "--columns", "email,nickname", "users", "get", demo::ACCOUNT_ID]).ok();
    assert_eq!(columns.stdout, "email,nickname\nlila@example.com,marshmallow\n");
}

#[test]
fn permissions_and_check_explain_refusals() {
    let env = Env::demo();
    let run = env
        .run(&["-o", "json", "users", "permissions", demo::SCIM_ACCOUNT_ID, "-p", "lifecycle.enablement"])
        .ok();
    assert!(run.stdout.contains("lifecycle.enablement"), "{}", run.stdout);
    let run = env.run(&["-o", "json", "users", "check", demo::SCIM_ACCOUNT_ID, "email.set"]).ok();
    insta::assert_snapshot!("check_refused_json", run.stdout);
    let run = env.run(&["users", "check", demo::ACCOUNT_ID, "no.such.privilege"]);
    assert_eq!(run.code, 2, "unknown privileges are refused before sending");
}

#[test]
fn update_profile_from_flags_and_from_json() {
    let env = Env::demo();
    let run = env
        .run(&[
            "-o",
            "json",
            "users",
            "update",
            demo::ACCOUNT_ID,
            "--nickname",
            "lila",
            "--job-title",
            "Manager",
        ])
        .ok();
    assert_eq!(run.json()["nickname"], "lila");
    let account = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!(account.nickname, "lila");
    assert_eq!(account.extended_profile.job_title.as_deref(), Some("Manager"));

    let body =
        env.file("update.json", r#"{"name": "Lila Q. User", "extended_profile": {"department": "Ops"}}"#);
    env.run(&["users", "update", demo::ACCOUNT_ID, "--json", body.to_str().unwrap()]).ok();
    let account = env.sandbox.account(demo::ACCOUNT_ID).unwrap();
    assert_eq!(account.name, "Lila Q. User");
    assert_eq!(account.extended_profile.department.as_deref(), Some("Ops"));

    let run = env.run(&["users", "update", demo::ACCOUNT_ID]);
    assert_eq!(run.code, 2, "an empty update is refused");
}

#[test]
fn email_and_api_tokens() {
    let env = Env::demo();
    env.run(&["users", "set-email", demo::ACCOUNT_ID, "lila.user@example.com"]).ok();
    assert_eq!(env.sandbox.account(demo::ACCOUNT_ID).unwrap().email, "lila.user@example.com");

    let tokens =
        env.run(&["-o", "csv", "--columns", "id,label,lastAccess", "users", "tokens", demo::ACCOUNT_ID]).ok();
    insta::assert_snapshot!("tokens_csv", tokens.stdout);
    env.run(&["users", "revoke-token", demo::ACCOUNT_ID, demo::API_TOKEN_ID]).ok();
    let tokens = env.sandbox.account(demo::ACCOUNT_ID).unwrap().api_tokens;
    assert_eq!(tokens.len(), 1);
    assert_ne!(tokens[0].id, demo::API_TOKEN_ID);
}

#[test]
fn lifecycle_one_account_at_a_time() {
    let env = Env::demo();
    let status = || env.sandbox.account(demo::ACCOUNT_ID).unwrap().status;
    env.run(&["users", "disable", demo::ACCOUNT_ID, "--message", "On leave"]).ok();
    assert_eq!(status(), LifecycleState::Inactive { message: Some("On leave".into()) });
    env.run(&["users", "enable", demo::ACCOUNT_ID]).ok();
    assert_eq!(status(), LifecycleState::Active);
    env.run(&["users", "delete", demo::ACCOUNT_ID]).ok();
    assert!(matches!(status(), LifecycleState::PendingDeletion { .. }), "{:?}", status());
    env.run(&["users", "cancel-delete", demo::ACCOUNT_ID]).ok();
    assert_eq!(status(), LifecycleState::Active);
}
