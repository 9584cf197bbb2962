//! Paging through `/Users` and `/Groups`: `all()` and the lazy walkers (the blocking iterator
//! or the async stream, through the per-facade `walk_users` / `walk_groups` helpers in
//! `scim_walk_blocking.rs` / `scim_walk_async.rs`).

use admin_api::{Error, RetryPolicy};

use super::scim_support::*;
use super::{maybe, walk_groups, walk_users};
use crate::support;

fn user_ids(users: &[admin_api::models::scim::ScimUser]) -> Vec<String> {
    users.iter().map(|u| u.id.as_ref().map(|id| id.to_string()).unwrap_or_default()).collect()
}

fn page_mock<'a>(
    server: &'a httpmock::MockServer,
    start: &str,
    count: &str,
    body: String,
) -> httpmock::Mock<'a> {
    server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Users"))
            .query_param("startIndex", start)
            .query_param("count", count);
        then.status(200).header("content-type", SCIM_JSON).body(body);
    })
}

#[maybe]
async fn every_page_is_fetched_once_in_order() {
    let server = support::server();
    let pages = [
        page_mock(&server, "1", "2", users_page(5, 1, &["a", "b"])),
        page_mock(&server, "3", "2", users_page(5, 3, &["c", "d"])),
        page_mock(&server, "5", "2", users_page(5, 5, &["e"])),
    ];
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let (walked, error) = walk_users(users.list().count(2)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(user_ids(&walked), ["a", "b", "c", "d", "e"]);
    let all = users.list().count(2).all().await.expect("all");
    assert_eq!(user_ids(&all), ["a", "b", "c", "d", "e"]);

    for page in &pages {
        page.assert_calls(2);
    }
    unexpected.assert_calls(0);
}
scenario!(every_page_is_fetched_once_in_order);

#[maybe]
async fn a_server_capped_page_size_advances_by_what_was_returned() {
    let server = support::server();
    // We ask for 10; the server returns at most 2.
    let pages = [
        page_mock(&server, "1", "10", users_page(5, 1, &["a", "b"])),
        page_mock(&server, "3", "10", users_page(5, 3, &["c", "d"])),
        page_mock(&server, "5", "10", users_page(5, 5, &["e"])),
    ];
    let unexpected = support::fail_unexpected(&server);

    let (walked, error) = walk_users(scim(&server).users().list().count(10)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(walked.len(), 5);
    for page in &pages {
        page.assert_calls(1);
    }
    unexpected.assert_calls(0);
}
scenario!(a_server_capped_page_size_advances_by_what_was_returned);

#[maybe]
async fn an_empty_page_ends_paging_when_the_total_overstates() {
    let server = support::server();
    // totalResults says 10, but only 3 exist.
    let first = page_mock(&server, "1", "3", users_page(10, 1, &["a", "b", "c"]));
    let empty = page_mock(&server, "4", "3", users_page(10, 4, &[]));
    let unexpected = support::fail_unexpected(&server);

    let (walked, error) = walk_users(scim(&server).users().list().count(3)).await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(user_ids(&walked), ["a", "b", "c"]);
    first.assert_calls(1);
    empty.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(an_empty_page_ends_paging_when_the_total_overstates);

#[maybe]
async fn a_server_that_repeats_its_page_stops_with_an_error() {
    let server = support::server();
    // Ignores startIndex: always the first page of a large total.
    let stuck = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users"));
        then.status(200).header("content-type", SCIM_JSON).body(users_page(1000, 1, &["a", "b"]));
    });

    let (walked, error) = walk_users(scim(&server).users().list().count(2)).await;

    assert_eq!(user_ids(&walked), ["a", "b"], "the first page is handed out, the repeat is not");
    match error {
        Some(Error::Paging { path_template, source }) => {
            assert_eq!(path_template, "/scim/directory/{directoryId}/Users");
            assert!(source.attribute() == "Resources" || source.attribute() == "startIndex", "{source}");
        }
        other => panic!("expected a paging error, got {other:?}"),
    }
    stuck.assert_calls(2);

    let error = scim(&server).users().list().count(2).all().await.unwrap_err();
    assert!(matches!(error, Error::Paging { .. }), "{error:?}");
}
scenario!(a_server_that_repeats_its_page_stops_with_an_error);

#[maybe]
async fn limits_cap_items_and_pages() {
    let server = support::server();
    let first = page_mock(&server, "1", "2", users_page(100, 1, &["a", "b"]));
    // Only one more item is wanted, so only one is asked for.
    let second = page_mock(&server, "3", "1", users_page(100, 3, &["c"]));
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let (walked, error) = walk_users(users.list().count(2).limit(3)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(user_ids(&walked), ["a", "b", "c"]);

    let (walked, error) = walk_users(users.list().count(2).max_pages(1)).await;
    assert!(error.is_none(), "{error:?}");
    assert_eq!(walked.len(), 2);

    first.assert_calls(2);
    second.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(limits_cap_items_and_pages);

#[maybe]
async fn a_failing_page_ends_the_walk_with_its_error() {
    let server = support::server();
    let first = page_mock(&server, "1", "2", users_page(4, 1, &["a", "b"]));
    let failing = server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users")).query_param("startIndex", "3");
        then.status(500).header("content-type", SCIM_JSON).body(scim_error(500, None, "Internal error"));
    });

    let users = scim_with(&server, RetryPolicy::never()).users();
    let (walked, error) = walk_users(users.list().count(2)).await;

    assert_eq!(walked.len(), 2);
    assert_eq!(error.and_then(|e| e.status()).map(|s| s.as_u16()), Some(500));
    first.assert_calls(1);
    failing.assert_calls(1);
}
scenario!(a_failing_page_ends_the_walk_with_its_error);

#[maybe]
async fn start_index_zero_is_refused_before_any_request() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);

    let (walked, error) = walk_users(scim(&server).users().list().start_index(0)).await;

    assert!(walked.is_empty());
    assert!(invalid_argument(&error.expect("an error")).contains("1-based"));
    unexpected.assert_calls(0);
}
scenario!(start_index_zero_is_refused_before_any_request);

#[maybe]
async fn groups_are_walked_with_their_filter() {
    let server = support::server();
    let filter = r#"displayName eq "site-admins""#;
    let group = |id: &str| group_json(id, "site-admins", &[]);
    let first = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Groups"))
            .query_param("filter", filter)
            .query_param("startIndex", "1");
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(list_json(3, 1, vec![group("g-1"), group("g-2")]).to_string());
    });
    let second = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{DIR}/Groups"))
            .query_param("filter", filter)
            .query_param("startIndex", "3");
        then.status(200)
            .header("content-type", SCIM_JSON)
            .body(list_json(3, 3, vec![group("g-3")]).to_string());
    });
    let unexpected = support::fail_unexpected(&server);
    let groups = scim(&server).groups();

    let (walked, error) = walk_groups(
        groups.list().filter(admin_api::models::scim::Filter::display_name_eq("site-admins")).count(2),
    )
    .await;

    assert!(error.is_none(), "{error:?}");
    assert_eq!(
        walked.iter().filter_map(|g| g.id.as_ref().map(|id| id.as_str())).collect::<Vec<_>>(),
        ["g-1", "g-2", "g-3"]
    );
    first.assert_calls(1);
    second.assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(groups_are_walked_with_their_filter);
