//! The async facade's lazy walker over Organizations listings: `OrgStream`. The scenarios call
//! `walk`, which this file implements with `stream()` and `org_walk_blocking.rs` with `iter()`.

use std::pin::Pin;

use admin_api::Error;
use admin_api::nonblocking::Paged;
use admin_api::plan::org::CursorPage;
use futures_core::Stream;

/// Walks every item of `paged` with the async stream; the error that ended it, if any.
pub(crate) async fn walk<P: CursorPage>(paged: Paged<P>) -> (Vec<P::Item>, Option<Error>) {
    let mut stream = paged.stream();
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
    let after_end = std::future::poll_fn(|cx| Pin::new(&mut stream).poll_next(cx)).await;
    assert!(after_end.is_none(), "the stream is fused");
    (items, None)
}

/// The stream is `Send` and owns its client: it can be spawned.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_org_stream_is_send_and_spawnable() {
    let server = crate::support::server();
    server.mock(|when, then| {
        when.method("GET").path(super::org_support::v1("/users"));
        then.status(200)
            .header("content-type", "application/json")
            .body(r#"{"data":[{"account_id":"a"},{"account_id":"b"}]}"#);
    });
    let mut stream = super::org_support::org(&server).managed_accounts().stream();
    let handle = tokio::spawn(async move {
        let mut ids = Vec::new();
        while let Some(account) = stream.next_item().await {
            ids.push(account.expect("account").account_id.to_string());
        }
        ids
    });
    assert_eq!(handle.await.expect("task"), ["a", "b"]);
}
