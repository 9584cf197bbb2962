//! The blocking facade's lazy walker: `ScimIter` (an `Iterator`). The scenarios in
//! `scim_pagination.rs` call `walk_users` / `walk_groups`, which this file implements with
//! `iter()` and `scim_walk_async.rs` with `stream()`.

use admin_api::Error;
use admin_api::blocking::{ListGroupsRequest, ListUsersRequest, ScimIter};
use admin_api::models::scim::{ScimGroup, ScimUser};

fn drain<T>(mut iter: ScimIter<T>) -> (Vec<T>, Option<Error>) {
    let mut items = Vec::new();
    while let Some(item) = iter.next() {
        match item {
            Ok(item) => items.push(item),
            Err(error) => {
                assert!(iter.next().is_none(), "the iterator ends after an error");
                return (items, Some(error));
            }
        }
    }
    assert!(iter.next().is_none(), "the iterator is fused");
    (items, None)
}

/// Walks every user of `request` with the blocking iterator.
pub(crate) fn walk_users(request: ListUsersRequest<'_>) -> (Vec<ScimUser>, Option<Error>) {
    drain(request.iter())
}

/// Walks every group of `request` with the blocking iterator.
pub(crate) fn walk_groups(request: ListGroupsRequest<'_>) -> (Vec<ScimGroup>, Option<Error>) {
    drain(request.iter())
}

/// The iterator owns its service: it outlives the handle it came from and moves to a thread.
#[test]
fn the_iterator_is_send_and_owns_its_service() {
    let server = crate::support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{}/Users", super::scim_support::DIR));
        then.status(200)
            .header("content-type", "application/scim+json")
            .body(super::scim_support::users_page(2, 1, &["a", "b"]));
    });
    let iter = super::scim_support::scim(&server).users().iter();
    let handle =
        std::thread::spawn(move || iter.map(|user| user.expect("user").user_name).collect::<Vec<_>>());
    assert_eq!(handle.join().expect("thread"), ["a@example.com", "b@example.com"]);
}
