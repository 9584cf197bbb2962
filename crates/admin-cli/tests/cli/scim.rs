//! `scim …` against the sandbox: users, groups, discovery, output formats.

use super::harness::{Env, demo};

#[test]
fn users_list_in_every_output_format() {
    let env = Env::demo();
    let table = env.run(&["scim", "users", "list"]).ok();
    insta::assert_snapshot!("scim_users_table", table.stdout);
    let csv = env.run(&["-o", "csv", "scim", "users", "list"]).ok();
    insta::assert_snapshot!("scim_users_csv", csv.stdout);
    let json = env.run(&["-o", "json", "scim", "users", "list"]).ok();
    let json: serde_json::Value = serde_json::from_str(&env.scrub(&json.stdout)).unwrap();
    insta::assert_json_snapshot!("scim_users_json", json, {"[].meta.created" => "[created]", "[].meta.lastModified" => "[lastModified]"});
}

#[test]
fn users_filter_page_get_find() {
    let env = Env::demo();
    let run = env
        .run(&["-o", "json", "scim", "users", "list", "--filter", r#"userName eq "grace@example.com""#])
        .ok();
    assert_eq!(run.json().as_array().unwrap().len(), 1);
    assert_eq!(run.json()[0]["id"], demo::SECOND_SCIM_USER_ID);

    let run = env.run(&["-o", "json", "scim", "users", "list", "--start-index", "2", "--count", "1"]).ok();
    assert_eq!(run.json()[0]["id"], demo::SECOND_SCIM_USER_ID);
    assert!(run.stderr.contains("of 2 users"), "{}", run.stderr);

    let run =
        env.run(&["-o", "json", "scim", "users", "get", demo::SCIM_USER_ID, "--attributes", "userName"]).ok();
    assert_eq!(run.json()["userName"], "ada@example.com");
    assert!(run.json().get("displayName").is_none(), "only the attributes asked for");

    let run = env.run(&["-o", "json", "scim", "users", "find", "ada@example.com"]).ok();
    assert_eq!(run.json()["id"], demo::SCIM_USER_ID);
    assert_eq!(env.run(&["scim", "users", "find", "nobody@example.com"]).code, 2);
}

#[test]
fn users_create_patch_replace_deactivate() {
    let env = Env::demo();
    let run = env
        .run(&[
            "-o",
            "json",
            "scim",
            "users",
            "create",
            "--user-name",
            "kim@example.com",
            "--given-name",
            "Kim",
            "--family-name",
            "Lee",
            "--external-id",
            "kim",
        ])
        .ok();
    let id = run.json()["id"].as_str().unwrap().to_owned();
    assert_eq!(env.sandbox.scim_user(demo::DIRECTORY_ID, &id).unwrap()["name"]["givenName"], "Kim");

    env.run(&["scim", "users", "patch", &id, "--replace", "title=Boss", "--replace", "active=false"]).ok();
    let user = env.sandbox.scim_user(demo::DIRECTORY_ID, &id).unwrap();
    assert_eq!((user["title"].as_str(), user["active"].as_bool()), (Some("Boss"), Some(false)));

    let patch = env.file("patch.json", r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":true}]}"#);
    env.run(&["scim", "users", "patch", &id, "--json", patch.to_str().unwrap()]).ok();
    assert_eq!(env.sandbox.scim_user(demo::DIRECTORY_ID, &id).unwrap()["active"], true);

    let body = env.file("user.json", r#"{"userName":"kim@example.com","displayName":"Kim L.","emails":[{"value":"kim@example.com","primary":true}],"active":true}"#);
    env.run(&["scim", "users", "replace", &id, "--json", body.to_str().unwrap()]).ok();
    assert_eq!(env.sandbox.scim_user(demo::DIRECTORY_ID, &id).unwrap()["displayName"], "Kim L.");

    let body = env.file(
        "new.json",
        r#"{"userName":"jo@example.com","emails":[{"value":"jo@example.com","primary":true}]}"#,
    );
    env.run(&["scim", "users", "create", "--json", body.to_str().unwrap()]).ok();
    assert_eq!(env.sandbox.scim_users(demo::DIRECTORY_ID).len(), 4);

    env.run(&["scim", "users", "deactivate", &id]).ok();
    let gone = env.run(&["scim", "users", "get", &id]);
    assert_eq!(gone.code, 1, "a deactivated (deleted) SCIM user is gone: {}", gone.stderr);
}

#[test]
fn groups_every_operation() {
    let env = Env::demo();
    let table = env.run(&["scim", "groups", "list"]).ok();
    insta::assert_snapshot!("scim_groups_table", env.scrub(&table.stdout));

    let run =
        env.run(&["-o", "json", "scim", "groups", "create", "ops", "--member", demo::SCIM_USER_ID]).ok();
    let id = run.json()["id"].as_str().unwrap().to_owned();
    let members = |env: &Env| {
        let group =
            env.sandbox.scim_groups(demo::DIRECTORY_ID).into_iter().find(|g| g["id"] == id.as_str()).unwrap();
        group["members"].as_array().map(|m| m.len()).unwrap_or(0)
    };
    assert_eq!(members(&env), 1);
    env.run(&["scim", "groups", "add-members", &id, demo::SECOND_SCIM_USER_ID]).ok();
    assert_eq!(members(&env), 2);
    env.run(&["scim", "groups", "remove-members", &id, demo::SCIM_USER_ID, demo::SECOND_SCIM_USER_ID]).ok();
    assert_eq!(members(&env), 0);
    env.run(&[
        "scim",
        "groups",
        "patch",
        &id,
        "--add",
        &format!(r#"members=[{{"value":"{}"}}]"#, demo::SCIM_USER_ID),
    ])
    .ok();
    assert_eq!(members(&env), 1);
    let body = env.file("group.json", r#"{"displayName":"ops","members":[]}"#);
    env.run(&["scim", "groups", "replace", &id, "--json", body.to_str().unwrap()]).ok();
    assert_eq!(members(&env), 0);

    assert_eq!(env.run(&["-o", "json", "scim", "groups", "get", &id]).ok().json()["displayName"], "ops");
    assert_eq!(env.run(&["-o", "json", "scim", "groups", "find", "ops"]).ok().json()["id"], id.as_str());
    assert_eq!(
        env.run(&["-o", "json", "scim", "groups", "list", "--filter", r#"displayName eq "ops""#]).ok().json()
            [0]["id"],
        id.as_str()
    );
    env.run(&["scim", "groups", "delete", &id]).ok();
    assert_eq!(env.sandbox.scim_groups(demo::DIRECTORY_ID).len(), 1);
}

#[test]
fn discovery() {
    let env = Env::demo();
    let schemas = env.run(&["-o", "csv", "--columns", "id,name", "scim", "schemas", "list"]).ok();
    insta::assert_snapshot!("scim_schemas_csv", schemas.stdout);
    let user = env.run(&["-o", "json", "scim", "schemas", "get", "user"]).ok();
    assert_eq!(user.json()["id"], "urn:ietf:params:scim:schemas:core:2.0:User");
    let by_urn = env
        .run(&["-o", "json", "scim", "schemas", "get", "urn:ietf:params:scim:schemas:core:2.0:Group"])
        .ok();
    assert_eq!(by_urn.json()["name"], "Group");
    let types = env.run(&["scim", "resource-types", "list"]).ok();
    insta::assert_snapshot!("scim_resource_types_table", types.stdout);
    let group = env.run(&["-o", "json", "scim", "resource-types", "get", "Group"]).ok();
    assert_eq!(group.json()["endpoint"], "/Groups");
    let config = env.run(&["-o", "json", "scim", "config"]).ok();
    assert_eq!(config.json()["patch"]["supported"], true);
}
