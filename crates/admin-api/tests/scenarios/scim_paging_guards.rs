//! Issue 11, items 1–4: servers that break paging in ways a per-id, previous-page-only check
//! misses. Every walker (the lazy one and `all()`) must stop with `Error::Paging`.
//!
//! Each server is built from one mock per `startIndex` the walker asks for, plus a catch-all
//! that answers 599: a walker without the guard runs into it (an `Error::Api`, not
//! `Error::Paging`) instead of walking for ever.

use admin_api::Error;
use admin_api::plan::scim::PagingErrorKind;
use serde_json::{Value, json};

use super::scim_support::*;
use super::{maybe, walk_groups, walk_users};
use crate::support;

fn paging_kind(error: Option<&Error>) -> PagingErrorKind {
    match error {
        Some(Error::Paging { source, .. }) => source.kind(),
        other => panic!("expected Error::Paging, got {other:?}"),
    }
}

/// Answers `GET /Users?startIndex={start}` (any count) with `body`.
fn users_at(server: &httpmock::MockServer, start: u64, body: String) -> httpmock::Mock<'_> {
    server.mock(|when, then| {
        when.method("GET").path(format!("{DIR}/Users")).query_param("startIndex", start.to_string());
        then.status(200).header("content-type", SCIM_JSON).body(body);
    })
}

/// A user as a server that sends no `id` returns it.
fn user_without_id(n: u64) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "userName": format!("user{n}@example.com"),
        "emails": [{"value": format!("user{n}@example.com"), "primary": true}],
        "active": true
    })
}

/// Item 1: `{"totalResults":1000000,"Resources":[10 users without "id"]}`, no `startIndex`, for
/// every request.
fn ten_users_without_id() -> String {
    json!({"totalResults": 1_000_000, "Resources": (1..=10).map(user_without_id).collect::<Vec<_>>()})
        .to_string()
}

#[maybe]
async fn item_1_a_repeated_page_of_resources_without_id_is_detected() {
    let server = support::server();
    let pages: Vec<_> = (0..50).map(|k| users_at(&server, 1 + 10 * k, ten_users_without_id())).collect();
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let (walked, error) = walk_users(users.list().count(10)).await;

    assert_eq!(walked.len(), 10, "the first page is handed out, its repeat is not");
    assert_eq!(paging_kind(error.as_ref()), PagingErrorKind::RepeatedPage);
    let message = error.unwrap().to_string();
    assert!(message.contains("page 2 has the same content as page 1"), "{message}");
    pages[0].assert_calls(1);
    pages[1].assert_calls(1);
    pages[2].assert_calls(0);

    let error = users.list().count(10).all().await.unwrap_err();
    assert_eq!(paging_kind(Some(&error)), PagingErrorKind::RepeatedPage);
    unexpected.assert_calls(0);
}
scenario!(item_1_a_repeated_page_of_resources_without_id_is_detected);

#[maybe]
async fn item_1_groups_without_id_are_guarded_too() {
    let server = support::server();
    let group = |n: u64| json!({"displayName": format!("group-{n}"), "members": []});
    let body =
        json!({"totalResults": 1_000_000, "Resources": (1..=10).map(group).collect::<Vec<_>>()}).to_string();
    let pages: Vec<_> = (0..50)
        .map(|k| {
            server.mock(|when, then| {
                when.method("GET")
                    .path(format!("{DIR}/Groups"))
                    .query_param("startIndex", (1 + 10 * k).to_string());
                then.status(200).header("content-type", SCIM_JSON).body(body.clone());
            })
        })
        .collect();
    let unexpected = support::fail_unexpected(&server);

    let (walked, error) = walk_groups(scim(&server).groups().list().count(10)).await;

    assert_eq!(walked.len(), 10);
    assert_eq!(paging_kind(error.as_ref()), PagingErrorKind::RepeatedPage);
    pages[2].assert_calls(0);
    unexpected.assert_calls(0);
}
scenario!(item_1_groups_without_id_are_guarded_too);

#[maybe]
async fn item_2_pages_alternating_a_b_a_b_are_detected() {
    let server = support::server();
    // The server ignores startIndex and alternates between two pages A and B (echoing the
    // startIndex asked for, so the startIndex check alone sees nothing wrong).
    let page_a = ["a1", "a2", "a3", "a4", "a5", "a6", "a7", "a8", "a9", "a10"];
    let page_b = ["b1", "b2", "b3", "b4", "b5", "b6", "b7", "b8", "b9", "b10"];
    let pages: Vec<_> = (0..20u64)
        .map(|k| {
            let start = 1 + 10 * k;
            let ids = if k % 2 == 0 { &page_a } else { &page_b };
            users_at(&server, start, users_page(1000, start, ids))
        })
        .collect();
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let (walked, error) = walk_users(users.list().count(10)).await;

    assert_eq!(walked.len(), 20, "A and B are handed out once");
    assert_eq!(paging_kind(error.as_ref()), PagingErrorKind::RepeatedPage);
    let message = error.unwrap().to_string();
    assert!(message.contains("page 3 has the same content as page 1"), "{message}");
    pages[2].assert_calls(1);
    pages[3].assert_calls(0);

    let error = users.list().count(10).all().await.unwrap_err();
    assert_eq!(paging_kind(Some(&error)), PagingErrorKind::RepeatedPage);
    unexpected.assert_calls(0);
}
scenario!(item_2_pages_alternating_a_b_a_b_are_detected);

/// Item 3: fresh ids and a correct `startIndex`, but `totalResults` is `s + 2c + 10` on even
/// requests and unchanged on odd ones (c = 10): 31, 41, 41, 61, 61, 81, … It never grows on two
/// pages in a row, so a "grows on every page" check never fires; the walk never ends.
fn runaway_server(server: &httpmock::MockServer, pages: u64) -> Vec<httpmock::Mock<'_>> {
    let count = 10;
    let mut total = 0;
    (1..=pages)
        .map(|request| {
            let start = 1 + count * (request - 1);
            if request == 1 || request % 2 == 0 {
                total = start + 2 * count + 10;
            }
            let ids: Vec<String> = (start..start + count).map(|i| format!("u{i}")).collect();
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            users_at(server, start, users_page(total, start, &ids))
        })
        .collect()
}

#[maybe]
async fn item_3_a_total_that_runs_ahead_every_other_page_is_bounded() {
    let server = support::server();
    let pages = runaway_server(&server, 40);
    let unexpected = support::fail_unexpected(&server);

    let (walked, error) = walk_users(scim(&server).users().list().count(10)).await;

    // The first totalResults was 31: the walk may receive 31 + 15 + 100 = 146 users. The
    // 15th page brings it to 150.
    assert_eq!(walked.len(), 140);
    assert_eq!(paging_kind(error.as_ref()), PagingErrorKind::WalkTooLong);
    let message = error.unwrap().to_string();
    assert!(message.contains("more than the 146 allowed"), "{message}");
    pages[14].assert_calls(1);
    pages[15].assert_calls(0);
    unexpected.assert_calls(0);
}
scenario!(item_3_a_total_that_runs_ahead_every_other_page_is_bounded);

#[maybe]
async fn item_4_all_is_bounded_like_every_walk() {
    let server = support::server();
    let pages = runaway_server(&server, 40);
    let unexpected = support::fail_unexpected(&server);
    let users = scim(&server).users();

    let error = users.list().count(10).all().await.unwrap_err();
    assert_eq!(paging_kind(Some(&error)), PagingErrorKind::WalkTooLong);
    pages[15].assert_calls(0);

    // The ceiling is configurable; crossing it is an error, not a silent truncation.
    let error = users.list().count(10).walk_ceiling(25).all().await.unwrap_err();
    assert_eq!(paging_kind(Some(&error)), PagingErrorKind::WalkTooLong);
    assert!(error.to_string().contains("ceiling"), "{error}");
    pages[2].assert_calls(1 + 1);
    pages[3].assert_calls(1);
    unexpected.assert_calls(0);
}
scenario!(item_4_all_is_bounded_like_every_walk);
