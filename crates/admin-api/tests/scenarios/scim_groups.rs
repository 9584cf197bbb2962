//! SCIM groups, operation by operation, against an HTTP server, and member batching.

use admin_api::models::ScimUserId;
use admin_api::models::scim::{Filter, GroupMember, PatchOp, ScimGroup, ScimType};
use admin_api::plan::scim::Patched;
use serde_json::json;

use super::maybe;
use super::scim_support::*;
use crate::support;

fn ids(range: std::ops::Range<u32>) -> Vec<ScimUserId> {
    range.map(|i| ScimUserId::new(format!("u-{i}")).unwrap()).collect()
}

#[maybe]
async fn create_posts_the_group_and_a_taken_name_is_a_conflict() {
    let server = support::server();
    let created = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{DIR}/Groups"))
            .header("authorization", BEARER)
            .header("content-type", SCIM_JSON)
            .json_body(json!({"schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"], "displayName": "site-admins"}));
        then.status(201).header("content-type", SCIM_JSON).body(group_json("g-1", "site-admins", &[]).to_string());
    });
    let taken = server.mock(|when, then| {
        when.method("POST")
            .path(format!("{DIR}/Groups"))
            .json_body_includes(r#"{"displayName": "jira-users"}"#);
        then.status(409).header("content-type", SCIM_JSON).body(scim_error(
            409,
            Some("uniqueness"),
            "A group with this name already exists",
        ));
    });
    let groups = scim(&server).groups();

    let group = groups.create(&ScimGroup::new("site-admins")).await.expect("create");
    assert_eq!(group.id.map(String::from), Some("g-1".to_owned()));
    let error = groups.create(&ScimGroup::new("jira-users")).await.unwrap_err();

    created.assert_calls(1);
    taken.assert_calls(1);
    assert!(error.is_conflict(), "{error:?}");
    assert_eq!(api_error(&error).scim_type(), Some(&ScimType::Uniqueness));
}
scenario!(create_posts_the_group_and_a_taken_name_is_a_conflict);

#[maybe]
async fn get_encodes_the_id_and_decodes_members() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET").path(group_path()).header("authorization", BEARER).header_missing("content-type");
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(group_json(GROUP_ID, "site-admins", &["u-1", "u-2"]).to_string());
    });
    let unexpected = support::fail_unexpected(&server);

    let group = scim(&server).groups().get(&group_id()).await.expect("get");

    mock.assert_calls(1);
    unexpected.assert_calls(0);
    assert_eq!(group.display_name, "site-admins");
    assert_eq!(group.members.iter().map(|m| m.value.as_str()).collect::<Vec<_>>(), ["u-1", "u-2"]);
}
scenario!(get_encodes_the_id_and_decodes_members);

#[maybe]
async fn list_filters_on_display_name_with_paging() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Groups"))
            .query_param("filter", r#"displayName eq "site-admins""#)
            .query_param("count", "10")
            .query_param_missing("startIndex")
            .query_param_missing("attributes");
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(list_json(1, 1, vec![group_json("g-1", "site-admins", &[])]).to_string());
    });

    let page = scim(&server)
        .groups()
        .list()
        .filter(Filter::display_name_eq("site-admins"))
        .count(10)
        .send()
        .await
        .expect("list");

    mock.assert_calls(1);
    assert_eq!(page.total_results(), 1);
    assert_eq!(page.resources[0].display_name, "site-admins");
}
scenario!(list_filters_on_display_name_with_paging);

#[maybe]
async fn find_by_display_name_returns_the_group_or_none() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Groups"))
            .query_param("filter", r#"displayName eq "site-admins""#);
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(list_json(1, 1, vec![group_json("g-1", "site-admins", &[])]).to_string());
    });
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Groups")).query_param("filter", r#"displayName eq "nope""#);
        then.status(200).header("content-type", SCIM_JSON).body(list_json(0, 1, vec![]).to_string());
    });
    let groups = scim(&server).groups();

    let found = groups.find_by_display_name("site-admins").await.expect("find");
    assert_eq!(found.and_then(|g| g.id).map(String::from), Some("g-1".to_owned()));
    let missing = groups.find_by_display_name("nope").await.expect("find");
    assert!(missing.is_none());
}
scenario!(find_by_display_name_returns_the_group_or_none);

#[maybe]
async fn replace_puts_the_whole_group_and_unknown_users_are_a_bad_request() {
    let server = support::server();
    let mut group = ScimGroup::new("site-admins");
    group.members = vec![GroupMember::user("u-1")];
    let ok = server.mock(|when, then| {
        when.method("PUT").path(group_path()).header("content-type", SCIM_JSON).json_body(json!({
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
            "displayName": "site-admins",
            "members": [{"value": "u-1", "type": "User"}]
        }));
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(group_json(GROUP_ID, "site-admins", &["u-1"]).to_string());
    });
    let groups = scim(&server).groups();

    let replaced = groups.replace(&group_id(), &group).await.expect("replace");
    ok.assert_calls(1);
    assert_eq!(replaced.members.len(), 1);

    // PUT /Groups answers 400 with a Java exception dump when members do not exist.
    server.mock(|when, then| {
        when.method("PUT").path(group_path());
        then.status(400)
            .header("content-type", "application/json")
            .body(r#"{"cause":null,"stackTrace":[],"responseStatus":"BAD_REQUEST","scimErrorType":"invalidValue","message":"users referenced do not exist"}"#);
    });
    group.members.push(GroupMember::user("ghost"));
    let error = groups.replace(&group_id(), &group).await.unwrap_err();
    let api = api_error(&error);
    assert_eq!(api.status.as_u16(), 400);
    assert!(api.raw.contains("users referenced do not exist"));
}
scenario!(replace_puts_the_whole_group_and_unknown_users_are_a_bad_request);

#[maybe]
async fn patch_and_delete_use_the_encoded_group_path() {
    let server = support::server();
    let patch = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).header("content-type", SCIM_JSON).body(concat!(
            r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":["#,
            r#"{"op":"add","path":"members","value":[{"value":"u-1"}]},"#,
            r#"{"op":"remove","path":"members[value eq \"u-2\"]"}]}"#
        ));
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(group_json(GROUP_ID, "site-admins", &["u-1"]).to_string());
    });
    let delete = server.mock(|when, then| {
        when.method("DELETE").path(group_path()).header_missing("content-type");
        then.status(204);
    });
    let groups = scim(&server).groups();

    let group = groups
        .patch(&group_id(), &PatchOp::new().add_members(["u-1"]).remove_members(["u-2"]))
        .await
        .expect("patch")
        .into_resource()
        .expect("200 carries the group");
    assert_eq!(group.members.len(), 1);
    groups.delete(&group_id()).await.expect("delete");

    patch.assert_calls(1);
    delete.assert_calls(1);
    let error = groups.patch(&group_id(), &PatchOp::new()).await.unwrap_err();
    assert!(invalid_argument(&error).contains("no operations"));
}
scenario!(patch_and_delete_use_the_encoded_group_path);

#[maybe]
async fn add_members_batches_large_lists_into_several_patches() {
    let server = support::server();
    let batch = |range: std::ops::Range<u32>| {
        let members: Vec<_> = range.map(|i| json!({"value": format!("u-{i}")})).collect();
        json!({
            "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
            "Operations": [{"op": "add", "path": "members", "value": members}]
        })
    };
    let mocks: Vec<_> = [0..100, 100..200, 200..250]
        .into_iter()
        .map(|range| {
            let body = batch(range);
            server.mock(|when, then| {
                when.method("PATCH").path(group_path()).json_body(body);
                then.status(200)
                    .header("content-type", SCIM_JSON)
                    .body(group_json(GROUP_ID, "big", &["u-0"]).to_string());
            })
        })
        .collect();
    let unexpected = support::fail_unexpected(&server);

    let group = scim(&server).groups().add_members(&group_id(), &ids(0..250)).await.expect("add members");

    for mock in &mocks {
        mock.assert_calls(1);
    }
    unexpected.assert_calls(0);
    assert_eq!(group.and_then(Patched::into_resource).map(|g| g.display_name).as_deref(), Some("big"));
}
scenario!(add_members_batches_large_lists_into_several_patches);

#[maybe]
async fn remove_members_batches_by_the_configured_size_and_stops_at_the_first_failure() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).body_includes(r#"u-0\""#).body_includes(r#"u-1\""#);
        then.status(200).header("content-type", SCIM_JSON).body(group_json(GROUP_ID, "g", &[]).to_string());
    });
    let second = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).body_includes(r#"u-2\""#);
        then.status(404).header("content-type", SCIM_JSON).body(scim_error(404, None, "Group not found"));
    });
    let third = server.mock(|when, then| {
        when.method("PATCH").path(group_path()).body_includes(r#"u-4\""#);
        then.status(200).header("content-type", SCIM_JSON).body(group_json(GROUP_ID, "g", &[]).to_string());
    });
    let groups = scim(&server).groups().member_batch_size(2);

    let error = groups.remove_members(&group_id(), &ids(0..5)).await.unwrap_err();

    first.assert_calls(1);
    second.assert_calls(1);
    third.assert_calls(0);
    assert!(error.is_not_found());

    // No users, no request.
    let nothing = groups.remove_members(&group_id(), &[]).await.expect("nothing to do");
    assert!(nothing.is_none());
    let error = groups.member_batch_size(0).add_members(&group_id(), &ids(0..1)).await.unwrap_err();
    assert!(invalid_argument(&error).contains("batch size"));
}
scenario!(remove_members_batches_by_the_configured_size_and_stops_at_the_first_failure);
