//! Organizations groups (v2), operation by operation, against an HTTP server: exact method,
//! path, query and body.

use admin_api::models::org::{
    AdminErrorCode, GroupExpand, GroupRoleChange, GroupSortField, NewGroup, OrgDirectoryId, OrgGroupId,
    ResourceId, RoleId, SortBy,
};
use serde_json::json;

use super::org_support::{BEARER, account, org, v2};
use super::{maybe, walk};
use crate::support::{self, ODD_ACCOUNT_ID_ENCODED};

fn group() -> OrgGroupId {
    OrgGroupId::new("g 1").unwrap()
}

fn dir() -> OrgDirectoryId {
    OrgDirectoryId::new("d-1").unwrap()
}

#[maybe]
async fn the_group_search_walks_the_cursor_in_the_body_to_the_end() {
    let server = support::server();
    let body = json!({"sortBy": [{"field": "name", "direction": "asc"}], "groupNames": ["Auditors"], "expand": ["counts.users"]});
    let mut second_body = body.clone();
    second_body["cursor"] = json!("g2");
    let first = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/groups/search")).header("authorization", BEARER).json_body(body);
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"id": "g-1", "name": "Auditors", "counts": {"users": 3}}], "links": {"next": "g2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/groups/search")).json_body(second_body);
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"id": "g-2", "name": "auditors"}], "links": {"next": ""}
        }));
    });
    let unexpected = support::fail_unexpected(&server);

    let search = org(&server)
        .groups()
        .search()
        .sort_by(SortBy::asc(GroupSortField::Name))
        .group_names(["Auditors"])
        .expand([GroupExpand::CountsUsers]);
    let (groups, error) = walk(search.pages()).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(groups.len(), 2);
    assert_eq!(groups[0].counts.as_ref().and_then(|c| c.users), Some(3));
    first.assert_calls(1);
    second.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(the_group_search_walks_the_cursor_in_the_body_to_the_end);

#[maybe]
#[allow(deprecated)]
async fn the_deprecated_group_list_sends_its_filters_in_the_query() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(v2("d-1", "/groups"))
            .query_param("searchTerm", "aud")
            .query_param("accountIds", "557057:4f9acfd2|x")
            .query_param("limit", "5")
            .query_param_count(".*", ".*", 3);
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": [{"id": "g-1"}]}));
    });

    let page = org(&server)
        .groups()
        .directory(dir())
        .list()
        .search_term("aud")
        .account_ids([account()])
        .page_size(5)
        .send()
        .await
        .expect("list");

    assert_eq!(page.data.len(), 1);
    mock.assert_calls(1);
}
scenario!(the_deprecated_group_list_sends_its_filters_in_the_query);

#[maybe]
async fn create_reads_a_wrapped_a_bare_or_no_group() {
    let server = support::server();
    let wrapped = server.mock(|when, then| {
        when.method("POST")
            .path(v2("d-1", "/groups"))
            .json_body(json!({"name": "wrapped", "description": "d"}));
        then.status(201)
            .header("content-type", "application/json")
            .json_body(json!({"data": {"id": "g-1", "name": "wrapped"}}));
    });
    let bare = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups")).json_body(json!({"name": "bare"}));
        then.status(201)
            .header("content-type", "application/json")
            .json_body(json!({"id": "g-2", "name": "bare"}));
    });
    let empty = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups")).json_body(json!({"name": "empty"}));
        then.status(204);
    });
    let groups = org(&server).groups().directory(dir());

    let a = groups.create(&NewGroup::new("wrapped").description("d")).await.expect("create");
    let b = groups.create(&NewGroup::new("bare")).await.expect("create");
    let c = groups.create(&NewGroup::new("empty")).await.expect("create");

    assert_eq!(a.and_then(|g| g.id).unwrap(), "g-1");
    assert_eq!(b.and_then(|g| g.id).unwrap(), "g-2");
    assert!(c.is_none());
    wrapped.assert_calls(1);
    bare.assert_calls(1);
    empty.assert_calls(1);
}
scenario!(create_reads_a_wrapped_a_bare_or_no_group);

#[maybe]
async fn a_created_group_keeps_unknown_attributes_exactly_wrapped_or_bare() {
    let server = support::server();
    let wrapped = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups")).json_body(json!({"name": "wrapped"}));
        then.status(201).header("content-type", "application/json").body(
            r#"{"data": {"id": "g-1", "name": "wrapped", "xBig": 123456789012345678901234567890}, "xHuge": 1e400}"#,
        );
    });
    let bare = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups")).json_body(json!({"name": "bare"}));
        then.status(201)
            .header("content-type", "application/json")
            .body(r#"{"id": "g-2", "name": "bare", "counts": {"users": 0, "xQuota": 1e400}}"#);
    });
    let groups = org(&server).groups().directory(dir());

    let a = groups.create(&NewGroup::new("wrapped")).await.expect("create").expect("a group");
    let b = groups.create(&NewGroup::new("bare")).await.expect("create").expect("a group");

    assert_eq!(a.extra.get("xBig").map(|raw| raw.get()), Some("123456789012345678901234567890"));
    let counts = b.counts.expect("counts");
    assert_eq!(counts.extra.get("xQuota").map(|raw| raw.get()), Some("1e400"));
    wrapped.assert_calls(1);
    bare.assert_calls(1);
}
scenario!(a_created_group_keeps_unknown_attributes_exactly_wrapped_or_bare);

#[maybe]
async fn deleting_a_group_that_still_has_members_is_a_typed_error() {
    let server = support::server();
    let refused = server.mock(|when, then| {
        when.method("DELETE").path(v2("d-1", "/groups/g%201"));
        then.status(409)
            .header("content-type", "application/json")
            .body(r#"{"errors":[{"status":"409","code":"ADMIN-409-5","title":"Group not empty"}]}"#);
    });
    let ok = server.mock(|when, then| {
        when.method("DELETE").path(v2("d-1", "/groups/g-2"));
        then.status(204);
    });
    let groups = org(&server).groups().directory(dir());

    let error = groups.delete(&group()).await.unwrap_err();
    groups.delete(&OrgGroupId::new("g-2").unwrap()).await.expect("delete");

    assert_eq!(error.admin_code(), Some(&AdminErrorCode::GroupNotEmpty));
    assert!(error.admin_code().unwrap().is_group_not_empty());
    refused.assert_calls(1);
    ok.assert_calls(1);
}
scenario!(deleting_a_group_that_still_has_members_is_a_typed_error);

#[maybe]
async fn get_count_and_stats_read_their_answers() {
    let server = support::server();
    let get = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/groups/g%201"));
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": {"id": "g 1", "name": "jira-users", "managedBy": "external"}}));
    });
    let count = server.mock(|when, then| {
        when.method("GET")
            .path(v2("-", "/groups/count"))
            .query_param("roleIds", "atlassian/user")
            .query_param_count(".*", ".*", 1);
        then.status(200).header("content-type", "application/json").body(r#"{"count":7}"#);
    });
    let stats = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/groups/stats"));
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"types":[{"type":"GROUP","count":7}],"totals":{"all":7}}"#);
    });
    let groups = org(&server).groups();

    let g = groups.get(&group()).await.expect("get");
    let n = groups.count().role_ids([RoleId::user()]).send().await.expect("count");
    let s = groups.stats().await.expect("stats");

    assert_eq!(g.name.as_deref(), Some("jira-users"));
    assert_eq!(n.count, Some(7));
    assert_eq!(s.totals.and_then(|t| t.all), Some(7));
    get.assert_calls(1);
    count.assert_calls(1);
    stats.assert_calls(1);
}
scenario!(get_count_and_stats_read_their_answers);

#[maybe]
async fn group_roles_are_listed_assigned_and_revoked() {
    let server = support::server();
    let list = server.mock(|when, then| {
        when.method("GET").path(v2("d-1", "/groups/g%201/role-assignments")).query_param("limit", "10");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"resourceId": "ari:cloud:confluence::site/1", "roles": ["atlassian/user"], "defaultRole": null}]
        }));
    });
    let body = json!({"resourceId": "ari:cloud:confluence::site/1", "roleId": "atlassian/user"});
    let assign = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups/g%201/role-assignments/assign")).json_body(body.clone());
        then.status(204);
    });
    let revoke = server.mock(|when, then| {
        when.method("POST").path(v2("d-1", "/groups/g%201/role-assignments/revoke")).json_body(body.clone());
        then.status(204);
    });
    let groups = org(&server).groups().directory(dir());
    let change =
        GroupRoleChange::new(ResourceId::new("ari:cloud:confluence::site/1").unwrap(), RoleId::user());

    let roles = groups.role_assignments(&group()).page_size(10).all().await.expect("roles");
    groups.assign_role(&group(), &change).await.expect("assign");
    groups.revoke_role(&group(), &change).await.expect("revoke");

    assert_eq!(roles[0].roles, [RoleId::user()]);
    list.assert_calls(1);
    assign.assert_calls(1);
    revoke.assert_calls(1);
}
scenario!(group_roles_are_listed_assigned_and_revoked);

#[maybe]
async fn members_are_added_with_their_account_id_and_removed_by_path() {
    let server = support::server();
    let add = server.mock(|when, then| {
        when.method("POST")
            .path(v2("d-1", "/groups/g%201/memberships"))
            .json_body(json!({"accountId": "557057:4f9acfd2|x"}));
        then.status(204);
    });
    let remove = server.mock(|when, then| {
        when.method("DELETE").path(v2("d-1", &format!("/groups/g%201/memberships/{ODD_ACCOUNT_ID_ENCODED}")));
        then.status(204);
    });
    let groups = org(&server).groups().directory(dir());

    groups.add_member(&group(), &account()).await.expect("add");
    groups.remove_member(&group(), &account()).await.expect("remove");

    add.assert_calls(1);
    remove.assert_calls(1);
}
scenario!(members_are_added_with_their_account_id_and_removed_by_path);
