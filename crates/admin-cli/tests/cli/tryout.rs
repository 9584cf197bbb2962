//! The faults a new user's tryout found, each with its exact input.

use admin_sandbox::Membership;

use super::harness::{Env, bare_command, demo, output_within, run_against, run_bare};
use super::stub::Stub;

// 1. Item files and JSON bodies

#[test]
fn an_hr_export_with_a_byte_order_mark_and_crlf_offboards_only_the_email_column() {
    let env = Env::demo();
    let file = env.file("hr.csv", "\u{feff}email,manager\r\nada@example.com,lila@example.com\r\n");
    let run =
        env.run(&["offboard", "--from-file", file.to_str().unwrap(), "--suspend", "--ignore-errors"]).ok();
    let lines = run.lines();
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(lines[0]["item"], "ada@example.com");
    assert_eq!(env.sandbox.account(demo::SCIM_ACCOUNT_ID).unwrap().membership, Membership::Suspended);
    assert_eq!(env.sandbox.account(demo::ACCOUNT_ID).unwrap().membership, Membership::Active, "the manager");
}

#[test]
fn an_unknown_header_and_quoted_commas_never_make_extra_items() {
    let env = Env::demo();
    let file = env.file("hr2.csv", "Email Address,Manager\nada@example.com,lila@example.com\n");
    let run = env.run(&["lifecycle", "deactivate", "--dry-run", "--from-file", file.to_str().unwrap()]);
    let items: Vec<_> = run.lines().iter().map(|l| l["item"].clone()).collect();
    assert_eq!(items, ["ada@example.com"], "{}", run.stdout);
    let quoted = env.file("quoted.txt", "\"Ada, L\"\n");
    let run = env.run(&["lifecycle", "deactivate", "--dry-run", "--from-file", quoted.to_str().unwrap()]);
    let items: Vec<_> = run.lines().iter().map(|l| l["item"].clone()).collect();
    assert_eq!(items, ["Ada, L"], "{}", run.stdout);
}

#[test]
fn an_id_file_and_a_json_body_with_a_byte_order_mark_are_read() {
    let env = Env::demo();
    let ids = env.file("ids.txt", &format!("\u{feff}{}\r\n", demo::ACCOUNT_ID));
    let run = env.run(&["lifecycle", "deactivate", "--dry-run", "--from-file", ids.to_str().unwrap()]).ok();
    assert_eq!(run.lines()[0]["status"], "planned", "{}", run.stdout);
    let body = env.file(
        "user.json",
        "\u{feff}{\"userName\": \"bom@example.com\", \"emails\": [{\"value\": \"bom@example.com\", \"primary\": true}]}",
    );
    let run = env.run(&["-o", "json", "scim", "users", "create", "--json", body.to_str().unwrap()]).ok();
    assert_eq!(run.json()["userName"], "bom@example.com");
}

// 2. Rate-limit hints

#[test]
fn an_absurd_retry_after_fails_the_item_at_once_instead_of_panicking() {
    let stub = Stub::answering("429 Too Many Requests", &[("Retry-After", "99999999999999999999")], "{}");
    let run = run_against(&stub.base_url, &["lifecycle", "activate", demo::ACCOUNT_ID, "--ignore-errors"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    let line = &run.lines()[0];
    assert_eq!(line["status"], "failed");
    assert!(line["error"].as_str().unwrap().contains("more than the 1m this tool waits"), "{line}");
}

#[test]
fn a_rate_limit_reset_in_the_year_9999_fails_the_item_instead_of_hanging() {
    let stub =
        Stub::answering("429 Too Many Requests", &[("X-RateLimit-Reset", "9999-12-31T23:59:59Z")], "{}");
    let run = run_against(&stub.base_url, &["lifecycle", "activate", demo::ACCOUNT_ID, "--ignore-errors"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let line = &run.lines()[0];
    assert_eq!(line["status"], "failed");
    assert!(line["error"].as_str().unwrap().contains("try again later"), "{line}");
}

// 3 and 5. Exact numbers; hostile text

const EXOTIC_USER: &str = r#"{"schemas":["urn:ietf:params:scim:schemas:core:2.0:User"],"id":"u1","userName":"n@example.com","displayName":"\u001b]0;pwned\u0007\u001b[31mRED","title":"=HYPERLINK(\"http://evil.test\",\"x\")","huge":1e400,"big":123456789012345678901234567890,"price":1.10}"#;

#[test]
fn numbers_the_server_sent_are_printed_exactly_in_every_format() {
    let stub = Stub::answering("200 OK", &[], EXOTIC_USER);
    for format in ["json", "csv", "table"] {
        let run = run_against(&stub.base_url, &["-o", format, "scim", "users", "get", "u1"]);
        assert_eq!(run.code, 0, "{format}: {}", run.stderr);
        for exact in ["1e400", "123456789012345678901234567890", "1.10"] {
            assert!(run.stdout.contains(exact), "{format} lacks {exact}: {}", run.stdout);
        }
    }
}

#[test]
fn get_then_replace_sends_the_numbers_back_unchanged() {
    let stub = Stub::answering("200 OK", &[], EXOTIC_USER);
    let got = run_against(&stub.base_url, &["-o", "json", "scim", "users", "get", "u1"]).ok();
    let env = Env::demo();
    let file = env.file("u1.json", &got.stdout);
    run_against(
        &stub.base_url,
        &["-o", "json", "scim", "users", "replace", "u1", "--json", file.to_str().unwrap()],
    )
    .ok();
    let put = stub.requests().into_iter().find(|r| r.starts_with("PUT ")).expect("a PUT was sent");
    for exact in ["1e400", "123456789012345678901234567890", "1.10"] {
        assert!(put.contains(exact), "{exact} lost: {put}");
    }
}

#[test]
fn table_output_escapes_control_characters_and_csv_neutralizes_formulas() {
    let env = Env::demo();
    env.run(&[
        "scim",
        "users",
        "create",
        "--user-name",
        "mallory@example.com",
        "--display-name",
        "\u{1b}]0;pwned\u{7}\u{1b}[31mRED",
        "--title",
        "=HYPERLINK(\"http://evil.test\",\"x\")",
    ])
    .ok();
    let table = env.run(&["scim", "users", "list", "--filter", "userName eq \"mallory@example.com\""]).ok();
    assert!(!table.stdout.contains('\u{1b}') && !table.stdout.contains('\u{7}'), "{:?}", table.stdout);
    assert!(table.stdout.contains(r"\u{1b}]0;pwned\u{7}\u{1b}[31mRED"), "{}", table.stdout);
    let args = ["-o", "csv", "--columns", "userName,title", "scim", "users", "find", "mallory@example.com"];
    let csv = env.run(&args).ok();
    assert_eq!(
        csv.stdout,
        "userName,title\nmallory@example.com,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\"\n"
    );
    let raw = env.run(&[&["--csv-raw"][..], &args].concat()).ok();
    assert!(raw.stdout.contains(",\"=HYPERLINK("), "{}", raw.stdout);
    let json = env.run(&["-o", "json", "scim", "users", "find", "mallory@example.com"]).ok();
    assert_eq!(json.json()["displayName"], "\u{1b}]0;pwned\u{7}\u{1b}[31mRED", "JSON stays exact");
}

// 4. Exit codes

#[test]
fn bad_input_exits_2_and_sends_nothing() {
    let env = Env::demo();
    for args in [
        &["scim", "users", "get", ".."][..],
        &["scim", "users", "list", "--start-index", "0"],
        &["org", "users", "search", "--page-size", "1000"],
        &["users", "set-email", demo::ACCOUNT_ID, "notanemail"],
        &["org", "events", "search", "--from", "1d", "--to", "7d"],
        &["events", "tail", "--page-size", "0"],
        &["lifecycle", "activate", "--from-file", "/nonexistent"],
        &["scim", "users", "create", "--json", "/nonexistent"],
    ] {
        let run = env.run(args);
        assert_eq!(run.code, 2, "{args:?}: {}", run.stderr);
        assert!(run.stderr.starts_with("error: "), "{args:?}: {}", run.stderr);
    }
    assert_eq!(env.sandbox.request_count(), 0);
    let mut command = bare_command();
    command
        .env("ATLASSIAN_API_BASE_URL", env.sandbox.base_url())
        .env("ATLASSIAN_ADMIN_TOKEN", "key\r")
        .args(["users", "get", demo::ACCOUNT_ID]);
    let run = output_within(command, std::time::Duration::from_secs(60));
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert_eq!(env.sandbox.request_count(), 0);
}

// 6. A closed stdout

fn with_stdout_closed(mut command: std::process::Command) -> (i32, String) {
    use std::process::Stdio;
    let mut child = command.stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    drop(child.stdout.take()); // the reader is gone before anything is written
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8_lossy(&out.stderr).into_owned())
}

#[test]
fn completions_into_a_closed_pipe_end_quietly() {
    let mut command = bare_command();
    command.args(["completions", "bash"]);
    let (code, stderr) = with_stdout_closed(command);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn events_tail_into_a_closed_pipe_does_not_advance_the_checkpoint() {
    let env = Env::demo();
    env.run(&["users", "disable", demo::ACCOUNT_ID]).ok();
    let checkpoint = env.path("tail.json");
    let mut command = bare_command();
    command
        .env("ATLASSIAN_API_BASE_URL", env.sandbox.base_url())
        .env("ATLASSIAN_ADMIN_TOKEN", env.sandbox.admin_key())
        .env("ATLASSIAN_ORG_ID", env.sandbox.org_id())
        .args(["events", "tail", "--checkpoint", checkpoint.to_str().unwrap()]);
    let (code, stderr) = with_stdout_closed(command);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!checkpoint.exists(), "no event reached the reader, so none is marked done");
    let all = env.run(&["events", "tail", "--checkpoint", checkpoint.to_str().unwrap()]).ok();
    assert!(!all.lines().is_empty(), "the events are all still to come");
}

// 7. The smaller ones

#[test]
fn an_unknown_column_is_refused_listing_the_real_ones() {
    let env = Env::demo();
    let run = env.run(&["--columns", "accountId,nope", "org", "users", "search"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("`nope`") && run.stderr.contains("accountId"), "{}", run.stderr);
    assert!(run.stdout.is_empty());
}

#[test]
fn an_empty_profile_field_is_refused_before_sending() {
    let env = Env::demo();
    let run = env.run(&["users", "update", demo::ACCOUNT_ID, "--name", ""]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--name"), "{}", run.stderr);
    assert_eq!(env.sandbox.request_count(), 0);
}

#[test]
fn errors_still_print_with_qq_and_help_says_so() {
    let env = Env::demo();
    let run = env.run(&["-qq", "users", "get", "557057:nobody"]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("error:"), "{}", run.stderr);
    let help = run_bare(&["--help"]).ok();
    assert!(help.stdout.contains("Errors are always printed"), "{}", help.stdout);
    assert!(help.stdout.contains("`org …`"), "--admin-token is the org key too: {}", help.stdout);
}

#[test]
fn a_failed_token_listing_is_journaled_as_failed() {
    let env = Env::demo();
    let journal = env.path("offboard.jsonl");
    let run =
        env.run(&["offboard", "557057:nobody", "--revoke-tokens", "--journal", journal.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let text = std::fs::read_to_string(&journal).unwrap();
    assert!(text.contains(r#""state":"failed""#) && text.contains("revoke-tokens"), "{text}");
}

#[test]
fn sandbox_with_a_base_url_is_refused() {
    let run = run_bare(&["--sandbox", "--base-url", "http://127.0.0.1:9", "org", "get"]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("--base-url"), "{}", run.stderr);
}

#[test]
fn a_5000_character_id_is_not_echoed_whole() {
    let id = format!("557057:{}", "a".repeat(5000));
    let run = run_bare(&["--sandbox", "users", "get", &id]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.len() < 600, "{} bytes: {}", run.stderr.len(), run.stderr);
    assert!(run.stderr.contains("5007 characters long"), "{}", run.stderr);
}

#[test]
fn removing_a_user_who_is_not_a_member_says_so() {
    let run = run_bare(&[
        "--sandbox",
        "-o",
        "json",
        "scim",
        "groups",
        "remove-members",
        demo::GROUP_ID,
        "nonexistent-user",
    ])
    .ok();
    assert_eq!(run.json()[0]["result"], "not a member", "{}", run.stdout);
    assert!(!run.stdout.contains("removed"), "{}", run.stdout);
}

#[test]
fn scim_links_errors_in_the_org_format_are_rendered_like_other_errors() {
    let body = r#"{"errors":[{"status":"404","code":"ADMIN-404-2","title":"Not Found","detail":"No SCIM links for this user"}]}"#;
    let stub = Stub::answering("404 Not Found", &[], body);
    let run = run_against(&stub.base_url, &["org", "scim-links", "for-account", demo::ACCOUNT_ID]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let first = run.stderr.lines().next().unwrap();
    assert!(
        first.ends_with("failed with 404 Not Found: ADMIN-404-2: No SCIM links for this user"),
        "{first}"
    );
}

#[test]
fn patch_values_are_json_and_a_quoted_one_is_a_string() {
    let env = Env::demo();
    env.run(&["scim", "users", "patch", demo::SCIM_USER_ID, "--replace", "title=\"123\""]).ok();
    let user = env.run(&["-o", "json", "scim", "users", "get", demo::SCIM_USER_ID]).ok();
    assert_eq!(user.json()["title"], "123");
}

#[test]
fn replacing_with_a_body_of_another_id_is_refused() {
    let env = Env::demo();
    let body = env.file("other.json", r#"{"id": "someone-else", "userName": "ada@example.com"}"#);
    let run = env.run(&["scim", "users", "replace", demo::SCIM_USER_ID, "--json", body.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(run.stderr.contains("someone-else"), "{}", run.stderr);
    assert_eq!(env.sandbox.request_count(), 0);
}
