//! The async facade's lazy walker: `ScimStream` (a `futures_core::Stream`). The scenarios in
//! `scim_pagination.rs` call `walk_users` / `walk_groups`, which this file implements with
//! `stream()` and `scim_walk_blocking.rs` with `iter()`.

use std::pin::Pin;

use admin_api::Error;
use admin_api::models::scim::{ScimGroup, ScimUser};
use admin_api::nonblocking::{ListGroupsRequest, ListUsersRequest, ScimStream};
use futures_core::Stream;

async fn drain<T>(mut stream: ScimStream<T>) -> (Vec<T>, Option<Error>) {
    let mut items = Vec::new();
    while let Some(item) = stream.next_item().await {
        match item {
            Ok(item) => items.push(item),
            Err(error) => {
                assert!(stream.next_item().await.is_none(), "the stream ends after an error");
                return (items, Some(error));
            }
        }
    }
    // Polling through the `Stream` trait after the end keeps answering `None`.
    let after_end = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
    assert!(after_end.is_none(), "the stream is fused");
    (items, None)
}

/// Walks every user of `request` with the async stream.
pub(crate) async fn walk_users(request: ListUsersRequest<'_>) -> (Vec<ScimUser>, Option<Error>) {
    drain(request.stream()).await
}

/// Walks every group of `request` with the async stream.
pub(crate) async fn walk_groups(request: ListGroupsRequest<'_>) -> (Vec<ScimGroup>, Option<Error>) {
    drain(request.stream()).await
}

fn assert_send<T: Send + 'static>(value: T) -> T {
    value
}

/// SCIM futures and streams are `Send` and own their service: they can be spawned on a
/// multi-threaded runtime.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn scim_streams_and_futures_are_send_and_spawnable() {
    let server = crate::support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{}/Users", super::scim_support::DIR));
        then.status(200)
            .header("content-type", "application/scim+json")
            .body(super::scim_support::users_page(2, 1, &["a", "b"]));
    });
    server.mock(|when, then| {
        when.method("GET").path(super::scim_support::user_path());
        then.status(200)
            .header("content-type", "application/scim+json")
            .body(super::scim_support::user_json(super::scim_support::USER_ID, "a@example.com").to_string());
    });
    let scim = super::scim_support::scim(&server);

    let stream = assert_send(scim.users().list().count(2).stream());
    let streamed = tokio::spawn(async move {
        let (users, error) = drain(stream).await;
        assert!(error.is_none(), "{error:?}");
        users.len()
    });
    let users = scim.users();
    let fetched = tokio::spawn(async move { users.get(&super::scim_support::user_id()).await });

    assert_eq!(streamed.await.expect("stream task"), 2);
    assert_eq!(fetched.await.expect("get task").expect("get").user_name, "a@example.com");
}
