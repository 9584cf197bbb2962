//! `org …` against the sandbox's Organizations API: the org, directories, users, groups, audit log.

use admin_sandbox::Membership;

use super::harness::{Env, demo};

#[test]
fn the_org_and_its_directories() {
    let env = Env::demo();
    let org = env.run(&["-o", "json", "org", "get"]).ok();
    insta::assert_snapshot!("org_get_json", org.stdout);
    let list = env.run(&["-o", "json", "org", "list"]).ok();
    assert_eq!(list.json()[0]["id"], demo::ORG_ID);
    let dirs = env.run(&["-o", "csv", "org", "directories"]).ok();
    insta::assert_snapshot!("org_directories_csv", dirs.stdout);
}

#[test]
fn org_id_is_required_and_named() {
    let env = Env::demo();
    let mut command = super::harness::bare_command();
    command
        .env("ATLASSIAN_API_BASE_URL", env.sandbox.base_url())
        .env("ATLASSIAN_ADMIN_TOKEN", env.sandbox.admin_key())
        .args(["org", "get"]);
    let out = command.output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("ATLASSIAN_ORG_ID"));
}

#[test]
fn users_search_in_every_format_and_by_email() {
    let env = Env::demo();
    let table = env.run(&["org", "users", "search"]).ok();
    insta::assert_snapshot!("org_users_search_table", table.stdout);
    let csv = env.run(&["-o", "csv", "org", "users", "search", "--claim-status", "managed"]).ok();
    insta::assert_snapshot!("org_users_search_csv", csv.stdout);
    let one = env.run(&["-o", "json", "org", "users", "search", "--email", "grace@example.com"]).ok();
    assert_eq!(one.json().as_array().unwrap().len(), 1);
    assert_eq!(one.json()[0]["accountId"], demo::SECOND_SCIM_ACCOUNT_ID);
    let paged = env.run(&["-o", "json", "org", "users", "search", "--page-size", "1", "--limit", "3"]).ok();
    assert_eq!(paged.json().as_array().unwrap().len(), 3);
    let bad = env.run(&["org", "users", "search", "--status", "sleeping"]);
    assert_eq!(bad.code, 2, "unknown enum values are refused before sending");
    assert!(bad.stderr.contains("for_deletion"), "{}", bad.stderr);
}

#[test]
fn users_get() {
    let env = Env::demo();
    let user = env.run(&["-o", "json", "org", "users", "get", demo::ACCOUNT_ID]).ok();
    assert_eq!(user.json()["email"], "lila@example.com");
}

#[test]
fn users_suspend_restore_remove() {
    let env = Env::demo();
    let membership = || env.sandbox.account(demo::ACCOUNT_ID).unwrap().membership;
    env.run(&["org", "users", "suspend", demo::ACCOUNT_ID]).ok();
    assert_eq!(membership(), Membership::Suspended);
    env.run(&["org", "users", "restore", demo::ACCOUNT_ID]).ok();
    assert_eq!(membership(), Membership::Active);
    env.run(&["org", "users", "remove", demo::ACCOUNT_ID]).ok();
    assert_eq!(membership(), Membership::Removed);
}

#[test]
fn groups_every_operation() {
    let env = Env::demo();
    let dir = env.sandbox.org_directory_id();
    // Group ids are random per sandbox: the snapshot leaves them out.
    let search = env
        .run(&[
            "--columns",
            "name,directoryId,counts.users",
            "org",
            "groups",
            "search",
            "--expand",
            "counts.users",
        ])
        .ok();
    insta::assert_snapshot!("org_groups_search_table", search.stdout);
    let created = env
        .run(&[
            "-o",
            "json",
            "org",
            "groups",
            "create",
            "contractors",
            "--description",
            "Temps",
            "--directory",
            &dir,
        ])
        .ok();
    let id = created.json()["id"].as_str().expect("the created group has an id").to_owned();
    env.run(&["org", "groups", "add-member", &id, demo::ACCOUNT_ID, "--directory", &dir]).ok();
    let members = env.run(&["-o", "json", "org", "users", "search", "--group", &id]).ok();
    assert_eq!(members.json()[0]["accountId"], demo::ACCOUNT_ID);
    env.run(&["org", "groups", "remove-member", &id, demo::ACCOUNT_ID, "--directory", &dir]).ok();
    let members = env.run(&["-o", "json", "org", "users", "search", "--group", &id]).ok();
    assert_eq!(members.json().as_array().unwrap().len(), 0);
    let found = env.run(&["-o", "json", "org", "groups", "search", "--name", "contractors"]).ok();
    assert_eq!(found.json()[0]["id"], id.as_str());
    env.run(&["org", "groups", "delete", &id, "--directory", &dir]).ok();
    let gone = env.run(&["-o", "json", "org", "groups", "search", "--name", "contractors"]).ok();
    assert_eq!(gone.json().as_array().unwrap().len(), 0);
}

#[test]
fn audit_log_search_get_actions() {
    let env = Env::demo();
    env.run(&["users", "disable", demo::ACCOUNT_ID]).ok();
    env.run(&["org", "users", "suspend", demo::ACCOUNT_ID]).ok();
    let events = env.run(&["-o", "json", "org", "events", "search"]).ok();
    let events = events.json();
    let events = events.as_array().unwrap();
    assert!(events.len() >= 2, "{events:?}");
    let id = events[0]["id"].as_str().unwrap();
    let one = env.run(&["-o", "json", "org", "events", "get", id]).ok();
    assert_eq!(one.json()["id"], id);
    let actions = env.run(&["-o", "json", "org", "events", "actions"]).ok();
    assert!(!actions.json().as_array().unwrap().is_empty());
}

#[test]
fn groups_get() {
    let env = Env::demo();
    let search = env.run(&["-o", "json", "org", "groups", "search", "--name", demo::ORG_GROUP_NAME]).ok();
    let id = search.json()[0]["id"].as_str().unwrap().to_owned();
    let got = env.run(&["-o", "json", "org", "groups", "get", &id]).ok();
    assert_eq!(got.json()["name"], demo::ORG_GROUP_NAME);
}

#[test]
fn users_list_count_stats_roles_last_active() {
    let env = Env::demo();
    let list = env.run(&["-o", "json", "org", "users", "list", "--claim-status", "managed"]).ok();
    assert_eq!(list.json().as_array().unwrap().len(), 3);
    let count = env.run(&["-o", "json", "org", "users", "count"]).ok();
    assert_eq!(count.json()["count"], 4, "{}", count.stdout);
    let stats = env.run(&["-o", "json", "org", "users", "stats"]).ok();
    assert!(stats.json().is_object());
    env.run(&["-o", "json", "org", "users", "roles", demo::ACCOUNT_ID]).ok();
    let last = env.run(&["-o", "csv", "org", "users", "last-active", demo::ACCOUNT_ID]).ok();
    insta::assert_snapshot!("org_users_last_active_csv", last.stdout);
}

#[test]
fn users_assign_and_revoke_an_org_role() {
    let env = Env::demo();
    let roles = || env.sandbox.account(demo::ACCOUNT_ID).unwrap().roles;
    env.run(&["org", "users", "assign-org-role", demo::ACCOUNT_ID]).ok();
    assert!(roles().contains(&"atlassian/org-admin".to_owned()), "{:?}", roles());
    assert_eq!(env.applied_posts(&format!("/users/{}/role-assignments/assign", demo::ACCOUNT_ID)), 1);
    env.run(&["org", "users", "revoke-org-role", demo::ACCOUNT_ID, "--role", "atlassian/org-admin"]).ok();
    assert!(!roles().contains(&"atlassian/org-admin".to_owned()), "{:?}", roles());
    assert_eq!(env.applied_posts(&format!("/users/{}/role-assignments/revoke", demo::ACCOUNT_ID)), 1);
}

#[test]
fn users_assign_role_calls_the_product_role_endpoint() {
    let env = Env::demo();
    env.run(&["org", "users", "assign-role", demo::ACCOUNT_ID, "--role", "atlassian/org-admin"]).ok();
    assert_eq!(env.applied_posts(&format!("/users/{}/roles/assign", demo::ACCOUNT_ID)), 1);
    assert_eq!(env.applied_posts("/role-assignments/assign"), 0);
    env.run(&["org", "users", "revoke-role", demo::ACCOUNT_ID, "--role", "atlassian/org-admin"]).ok();
    assert_eq!(env.applied_posts(&format!("/users/{}/roles/revoke", demo::ACCOUNT_ID)), 1);
    let help = env.run(&["org", "users", "assign-role", "--help"]).ok();
    assert!(
        help.stdout.contains("POST /admin/v1/orgs/{orgId}/users/{accountId}/roles/assign"),
        "{}",
        help.stdout
    );
    let help = env.run(&["org", "users", "assign-org-role", "--help"]).ok();
    assert!(help.stdout.contains("role-assignments/assign"), "{}", help.stdout);
}

#[test]
fn role_changes_refuse_a_directory_they_would_ignore() {
    let env = Env::demo();
    for cmd in ["assign-role", "revoke-role", "assign-org-role", "revoke-org-role"] {
        let run = env.run(&[
            "org",
            "users",
            cmd,
            demo::ACCOUNT_ID,
            "--role",
            "atlassian/org-admin",
            "--directory",
            "d-1",
        ]);
        assert_eq!(run.code, 2, "{cmd}: {}", run.stderr);
        assert!(run.stderr.contains("--directory"), "{cmd}: {}", run.stderr);
    }
    assert_eq!(env.writes(), Vec::<String>::new());
}

#[test]
fn groups_list_and_count() {
    let env = Env::demo();
    let list = env.run(&["-o", "json", "org", "groups", "list"]).ok();
    assert_eq!(list.json().as_array().unwrap().len(), 2);
    let count = env.run(&["-o", "json", "org", "groups", "count"]).ok();
    assert_eq!(count.json()["count"], 2, "{}", count.stdout);
}

#[test]
fn domains_and_scim_links() {
    let env = Env::demo();
    let domains = env.run(&["-o", "json", "org", "domains", "list"]).ok();
    let id = domains.json()[0]["id"].as_str().unwrap().to_owned();
    let one = env.run(&["-o", "json", "org", "domains", "get", &id]).ok();
    assert_eq!(one.json()["attributes"]["name"], demo::DOMAIN);
    let links = env.run(&["-o", "json", "org", "scim-links", "for-account", demo::SCIM_ACCOUNT_ID]).ok();
    assert!(links.stdout.contains(demo::SCIM_USER_ID), "{}", links.stdout);
    let links = env.run(&["-o", "json", "org", "scim-links", "for-email", "ada@example.com"]).ok();
    assert!(links.stdout.contains(demo::SCIM_USER_ID), "{}", links.stdout);
}

#[test]
fn managed_accounts_invites_group_stats_and_roles_policies_workspaces_and_scim_admin() {
    let env = Env::demo();
    let managed = env.run(&["-o", "csv", "--columns", "account_id,email", "org", "managed-accounts"]).ok();
    assert!(managed.stdout.contains("lila@example.com"), "{}", managed.stdout);
    let group = env.run(&["-o", "json", "org", "groups", "search", "--name", demo::ORG_GROUP_NAME]).ok();
    let group = group.json()[0]["id"].as_str().unwrap().to_owned();
    for args in [
        &["org", "users", "invite", "--email", "new@example.com"][..],
        &["org", "groups", "stats"],
        &["org", "groups", "roles", &group],
        &["org", "policies", "list"],
        &["org", "workspaces"],
        &["org", "scim-links", "unlink", demo::DIRECTORY_ID, demo::SCIM_USER_ID],
        &["org", "scim-links", "delete-record", demo::SCIM_ACCOUNT_ID],
    ] {
        env.run(args).ok();
    }
}

#[test]
fn policies_every_operation_keeping_the_servers_numbers_exact() {
    let env = Env::demo();
    let policy = env.file(
        "policy.json",
        r#"{"type": "policy", "attributes": {"type": "ip-allowlist", "name": "Office", "status": "enabled",
            "rule": {"in": ["203.0.113.0/24"]}, "xRevision": 123456789012345678901234567890}}"#,
    );
    let created =
        env.run(&["-o", "json", "org", "policies", "create", "--json", policy.to_str().unwrap()]).ok();
    assert!(created.stdout.contains("123456789012345678901234567890"), "{}", created.stdout);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let table = env.run(&["org", "policies", "get", &id]).ok();
    assert!(table.stdout.contains("123456789012345678901234567890"), "{}", table.stdout);
    let renamed = env.file(
        "renamed.json",
        r#"{"type": "policy", "attributes": {"type": "ip-allowlist", "name": "Office and VPN"}}"#,
    );
    let updated =
        env.run(&["-o", "json", "org", "policies", "update", &id, "--json", renamed.to_str().unwrap()]).ok();
    assert_eq!(updated.json()["attributes"]["name"], "Office and VPN");
    let resource = env.file("resource.json", r#"{"id": "confluence-x"}"#);
    env.run(&["org", "policies", "add-resource", &id, "--json", resource.to_str().unwrap()]).ok();
    let meta = env.file("meta.json", r#"{"meta": {"scheduledDate": "2026-01-01"}}"#);
    env.run(&["org", "policies", "update-resource", &id, "confluence-x", "--json", meta.to_str().unwrap()])
        .ok();
    env.run(&["org", "policies", "delete-resource", &id, "confluence-x"]).ok();
    env.run(&["org", "policies", "validate", &id]).ok();
    let list = env.run(&["-o", "json", "org", "policies", "list", "--type", "ip-allowlist"]).ok();
    assert_eq!(list.json()[0]["id"], id.as_str());
    env.run(&["org", "policies", "delete", &id]).ok();
    assert_eq!(env.run(&["org", "policies", "get", &id]).code, 1);
}

#[test]
fn policies_accept_the_specs_data_wrapper_as_well_as_the_bare_object() {
    let env = Env::demo();
    let policy = env.file(
        "wrapped.json",
        r#"{"data": {"type": "policy", "attributes": {"type": "ip-allowlist", "name": "Office",
            "status": "enabled", "rule": {"in": ["203.0.113.0/24"]}, "xRevision": 123456789012345678901234567890}}}"#,
    );
    let created =
        env.run(&["-o", "json", "org", "policies", "create", "--json", policy.to_str().unwrap()]).ok();
    assert_eq!(created.json()["attributes"]["name"], "Office");
    assert!(created.stdout.contains("123456789012345678901234567890"), "{}", created.stdout);
    let id = created.json()["id"].as_str().unwrap().to_owned();
    let renamed = env.file(
        "renamed.json",
        r#"{"data": {"type": "policy", "attributes": {"type": "ip-allowlist", "name": "Office and VPN"}}}"#,
    );
    let updated =
        env.run(&["-o", "json", "org", "policies", "update", &id, "--json", renamed.to_str().unwrap()]).ok();
    assert_eq!(updated.json()["attributes"]["name"], "Office and VPN");
    let resource = env.file("resource.json", r#"{"data": {"id": "confluence-x"}}"#);
    env.run(&["org", "policies", "add-resource", &id, "--json", resource.to_str().unwrap()]).ok();
    let meta = env.file("meta.json", r#"{"data": {"meta": {"scheduledDate": "2026-01-01"}}}"#);
    env.run(&["org", "policies", "update-resource", &id, "confluence-x", "--json", meta.to_str().unwrap()])
        .ok();
}

#[test]
fn group_roles_domains_and_one_event() {
    let env = Env::demo();
    let group = env.run(&["-o", "json", "org", "groups", "search", "--name", demo::ORG_GROUP_NAME]).ok();
    let group = group.json()[0]["id"].as_str().unwrap().to_owned();
    let workspace = env.run(&["-o", "json", "org", "workspaces"]).ok();
    let resource = workspace.json()[0]["id"].as_str().unwrap().to_owned();
    let role = ["--role", "atlassian/user", "--resource", &resource];
    env.run(&[&["org", "groups", "assign-role", &group][..], &role].concat()).ok();
    let roles = env.run(&["-o", "json", "org", "groups", "roles", &group]).ok();
    assert!(roles.stdout.contains(&resource), "{}", roles.stdout);
    env.run(&[&["org", "groups", "revoke-role", &group][..], &role].concat()).ok();
    let roles = env.run(&["-o", "json", "org", "groups", "roles", &group]).ok();
    assert!(!roles.stdout.contains(&resource), "{}", roles.stdout);
    let domains = env.run(&["-o", "json", "org", "domains", "list"]).ok();
    env.run(&["org", "domains", "get", domains.json()[0]["id"].as_str().unwrap()]).ok();
    env.run(&["org", "users", "suspend", demo::ACCOUNT_ID]).ok();
    let events = env.run(&["-o", "json", "org", "events", "search"]).ok();
    env.run(&["org", "events", "get", events.json()[0]["id"].as_str().unwrap()]).ok();
}
