//! The blocking facade's lazy walker over Organizations listings: `OrgIter`. The scenarios call
//! `walk`, which this file implements with `iter()` and `org_walk_async.rs` with `stream()`.

use admin_api::Error;
use admin_api::blocking::Paged;
use admin_api::plan::org::CursorPage;

/// Walks every item of `paged` with the blocking iterator; the error that ended it, if any.
pub(crate) fn walk<P: CursorPage>(paged: Paged<P>) -> (Vec<P::Item>, Option<Error>) {
    let mut iter = paged.iter();
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

/// The iterator owns its client: it moves to another thread.
#[test]
fn the_org_iterator_is_send() {
    let server = crate::support::server();
    server.mock(|when, then| {
        when.method("GET").path(super::org_support::v1("/users"));
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"data":[{"account_id":"a"},{"account_id":"b"}]}"#);
    });
    let iter = super::org_support::org(&server).managed_accounts().iter();
    let handle = std::thread::spawn(move || {
        iter.map(|a| a.expect("account").account_id.to_string()).collect::<Vec<_>>()
    });
    assert_eq!(handle.join().expect("thread"), ["a", "b"]);
}
