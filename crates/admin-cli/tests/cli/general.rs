//! Global behaviour: help, completions, credentials, `--sandbox`, output formats, exit codes.

use super::harness::{Env, demo, run_bare};

#[test]
fn help_lists_every_command_group() {
    let run = run_bare(&["--help"]).ok();
    for group in ["users", "scim", "org", "events", "report", "lifecycle", "offboard", "completions"] {
        assert!(run.stdout.contains(group), "{group} missing from:\n{}", run.stdout);
    }
    // Credentials are documented by variable name, never by value.
    assert!(run.stdout.contains("ATLASSIAN_ADMIN_TOKEN"));
}

#[test]
fn completions_are_generated_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = run_bare(&["completions", shell]).ok();
        assert!(run.stdout.contains("lifecycle"), "{shell} completions lack the lifecycle command");
        assert!(run.stdout.contains("cancel-delete"), "{shell} completions lack subcommands");
    }
}

#[test]
fn missing_credentials_are_a_usage_error_naming_the_variable() {
    let run = run_bare(&["users", "get", demo::ACCOUNT_ID]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("ATLASSIAN_ADMIN_TOKEN"), "{}", run.stderr);
    let run = run_bare(&["scim", "users", "list"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("ATLASSIAN_SCIM_API_KEY") && run.stderr.contains("ATLASSIAN_SCIM_DIRECTORY_ID")
    );
}

#[test]
fn a_bad_id_is_refused_before_anything_is_sent() {
    let env = Env::demo();
    let run = env.run(&["users", "get", "not an id/../x"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.sandbox.request_count(), 0);
}

#[test]
fn keys_are_never_printed_even_when_tracing_every_request() {
    let env = Env::demo();
    let mut runs = vec![
        env.run(&["-vvv", "users", "get", demo::ACCOUNT_ID]),
        env.run(&["-vvv", "scim", "users", "list"]),
        env.run(&["-vvv", "users", "get", "557057:nobody"]),
    ];
    // A wrong key: the error must not echo it.
    runs.push(output_with_key(&env, "wrong-secret-key-123"));
    for run in runs {
        for secret in [env.sandbox.admin_key(), demo::SCIM_KEY, "wrong-secret-key-123"] {
            assert!(
                !run.stdout.contains(secret) && !run.stderr.contains(secret),
                "a key leaked:\n{}\n{}",
                run.stdout,
                run.stderr
            );
        }
    }
}

fn output_with_key(env: &Env, key: &str) -> super::harness::Run {
    let out = super::harness::bare_command()
        .env("ATLASSIAN_API_BASE_URL", env.sandbox.base_url())
        .args(["-vvv", "--admin-token", key, "users", "get", demo::ACCOUNT_ID])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    super::harness::Run {
        code: 1,
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

#[test]
fn sandbox_flag_needs_no_credentials_for_any_group() {
    let run = run_bare(&["--sandbox", "-o", "json", "users", "get", demo::ACCOUNT_ID]).ok();
    assert_eq!(run.json()["nickname"], "marshmallow");
    let run = run_bare(&["--sandbox", "-o", "json", "scim", "groups", "list"]).ok();
    assert_eq!(run.json()[0]["displayName"], "engineering");
    let run =
        run_bare(&["--sandbox", "-o", "json", "org", "users", "search", "--email", "lila@example.com"]).ok();
    assert_eq!(run.json()[0]["accountId"], demo::ACCOUNT_ID);
    run_bare(&["--sandbox", "events", "tail"]).ok();
    run_bare(&["--sandbox", "report", "last-active"]).ok();
    let run = run_bare(&["--sandbox", "lifecycle", "deactivate", "--dry-run", demo::ACCOUNT_ID]).ok();
    assert_eq!(run.lines()[0]["status"], "planned");
}

#[test]
fn api_errors_exit_1_with_the_servers_answer_on_stderr() {
    let env = Env::demo();
    let run = env.run(&["users", "get", "557057:nobody"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("404"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}
