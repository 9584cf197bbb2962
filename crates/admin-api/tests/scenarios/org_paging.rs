//! The one cursor walker against an HTTP server: each page shape walked to the end, the guards
//! that stop a server breaking pagination, and the org-level listings (#1, #2, #3, #5).

use admin_api::models::AccountId;
use admin_api::models::org::OrgId;
use admin_api::plan::org::PagingErrorKind;
use admin_api::{AdminApiKey, Error, RetryPolicy};
use serde_json::json;

use super::org_support::{BEARER, client, org, v1};
use super::{maybe, walk};
use crate::support::{self, ADMIN_TOKEN};

#[maybe]
async fn shape_a_orgs_take_the_cursor_out_of_the_next_url() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET")
            .path("/admin/v1/orgs")
            .header("authorization", BEARER)
            .query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"id": "o-1", "type": "orgs", "attributes": {"name": "Acme"}}],
            "links": {"self": "https://api.atlassian.com/admin/v1/orgs",
                      "next": "https://api.atlassian.com/admin/v1/orgs?cursor=a%2Bb%2F%3D%3D"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET")
            .path("/admin/v1/orgs")
            .query_param("cursor", "a+b/==")
            .query_param_count(".*", ".*", 1);
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"id": "o-2", "attributes": {"name": "Beta"}}], "links": {}
        }));
    });
    let unexpected = support::fail_unexpected(&server);

    let orgs = client(&server, RetryPolicy::default()).orgs(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let (orgs, error) = walk(orgs).await;

    assert!(error.is_none(), "{error:?}");
    let names: Vec<_> = orgs.iter().map(|o| o.name().unwrap().to_owned()).collect();
    assert_eq!(names, ["Acme", "Beta"]);
    first.assert_calls(1);
    second.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(shape_a_orgs_take_the_cursor_out_of_the_next_url);

#[maybe]
async fn shape_a_managed_accounts_walk_to_the_end_and_keep_meta_total() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET").path(v1("/users")).query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"account_id": "a", "account_status": "active"}],
            "meta": {"total": 2},
            "links": {"next": "https://api.atlassian.com/admin/v1/orgs/o-1/users?cursor=MTAw"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(v1("/users")).query_param("cursor", "MTAw");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"account_id": "b", "product_access": [{"key": "rovo", "name": "Rovo"}]}], "meta": {"total": 2}
        }));
    });

    let page = org(&server).managed_accounts().send().await.expect("one page");
    let (accounts, error) = walk(org(&server).managed_accounts()).await;

    assert_eq!(page.meta.and_then(|m| m.total), Some(2));
    assert!(error.is_none(), "{error:?}");
    assert_eq!(accounts.len(), 2);
    assert!(accounts[1].product_access[0].key.is_unknown());
    first.assert_calls(2);
    second.assert_calls(1);
}
scenario!(shape_a_managed_accounts_walk_to_the_end_and_keep_meta_total);

#[maybe]
async fn shape_c_directories_walk_bare_cursors_and_tolerate_a_url() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET")
            .path("/admin/v2/orgs/o-1/directories")
            .query_param("accountId", "5b10")
            .query_param("limit", "1")
            .query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"directoryId": "d-1", "name": "Okta"}], "links": {"next": "d2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path("/admin/v2/orgs/o-1/directories").query_param("cursor", "d2");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"directoryId": "d-2"}],
            "links": {"next": "https://api.atlassian.com/admin/v2/orgs/o-1/directories?cursor=d3&limit=1"}
        }));
    });
    let third = server.mock(|when, then| {
        when.method("GET").path("/admin/v2/orgs/o-1/directories").query_param("cursor", "d3");
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": [{"directoryId": "d-3"}]}));
    });

    let request = org(&server).directories().account_id(AccountId::new("5b10").unwrap()).page_size(1);
    let (directories, error) = walk(request.pages()).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(directories.len(), 3);
    first.assert_calls(1);
    second.assert_calls(1);
    third.assert_calls(1);
}
scenario!(shape_c_directories_walk_bare_cursors_and_tolerate_a_url);

#[maybe]
async fn a_server_that_sends_a_cursor_again_ends_the_walk_with_a_paging_error() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("POST").path("/admin/v2/orgs/o-1/directories/-/users/search").json_body(json!({}));
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"accountId": "a"}], "links": {"next": "loop"}
        }));
    });
    let looping = server.mock(|when, then| {
        when.method("POST")
            .path("/admin/v2/orgs/o-1/directories/-/users/search")
            .json_body(json!({"cursor": "loop"}));
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"accountId": "b"}], "links": {"next": "loop"}
        }));
    });

    let (users, error) = walk(org(&server).users().search().pages()).await;

    assert_eq!(users.len(), 2, "the items before the loop are handed out");
    match error {
        Some(Error::Paging { path_template, source }) => {
            assert_eq!(path_template, "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search");
            assert_eq!(source.kind(), PagingErrorKind::RepeatedCursor);
        }
        other => panic!("expected a paging error, got {other:?}"),
    }
    looping.assert_calls(1);
}
scenario!(a_server_that_sends_a_cursor_again_ends_the_walk_with_a_paging_error);

#[maybe]
async fn a_server_that_ignores_the_cursor_is_caught_as_a_repeated_page() {
    let server = support::server();
    let ignoring = server.mock(|when, then| {
        when.method("GET").path("/admin/v2/orgs/o-1/directories");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"directoryId": "d-1"}], "links": {"next": "always-new-but-same-page"}
        }));
    });
    let (directories, error) = walk(org(&server).directories().pages()).await;
    // The first page passes; the second repeats its first item.
    assert_eq!(directories.len(), 1);
    assert!(
        matches!(&error, Some(Error::Paging { source, .. }) if source.kind() == PagingErrorKind::RepeatedPage),
        "{error:?}"
    );
    ignoring.assert_calls(2);
}
scenario!(a_server_that_ignores_the_cursor_is_caught_as_a_repeated_page);

#[maybe]
async fn walk_limits_stop_quietly_and_a_walk_can_start_at_a_cursor() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET").path("/admin/v2/orgs/o-1/directories").query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": [{"directoryId": "d-1"}, {"directoryId": "d-2"}], "links": {"next": "c2"}
        }));
    });
    let second = server.mock(|when, then| {
        when.method("GET").path("/admin/v2/orgs/o-1/directories").query_param("cursor", "c2");
        then.status(200)
            .header("content-type", "application/json")
            .json_body(json!({"data": [{"directoryId": "d-3"}]}));
    });
    let directories = org(&server).directories();

    let limited = directories.clone().pages().limit(1).all().await.expect("limit");
    let one_page = directories.clone().pages().max_pages(1).all().await.expect("max pages");
    let resumed = directories.pages().cursor("c2").all().await.expect("resume");

    assert_eq!(limited.len(), 1);
    assert_eq!(one_page.len(), 2);
    assert_eq!(resumed.len(), 1);
    first.assert_calls(2);
    second.assert_calls(1);
}
scenario!(walk_limits_stop_quietly_and_a_walk_can_start_at_a_cursor);

#[maybe]
async fn get_reads_the_org_out_of_its_data_envelope() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET").path("/admin/v1/orgs/o%2F2").header("authorization", BEARER);
        then.status(200).header("content-type", "application/json").json_body(json!({
            "data": {"id": "o/2", "type": "orgs", "attributes": {"name": "Acme"}}
        }));
    });
    let org = client(&server, RetryPolicy::never())
        .org(AdminApiKey::new(ADMIN_TOKEN).unwrap(), OrgId::new("o/2").unwrap());

    let found = org.get().await.expect("get");

    assert_eq!(found.name(), Some("Acme"));
    assert_eq!(org.org_id(), &OrgId::new("o/2").unwrap());
    mock.assert_calls(1);
}
scenario!(get_reads_the_org_out_of_its_data_envelope);
