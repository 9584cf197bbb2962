//! Async only: the tail is a `Send` `Stream` with checkpoints between items.

use admin_api::plan::org::StreamFilter;
use serde_json::json;

use super::org_audit_support::*;
use crate::support;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_tail_is_a_send_stream_with_checkpoints_between_items() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(format!("{}/events-stream", v1())).query_param("sortOrder", "asc");
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": [event_json("e1"), event_json("e2")], "meta": {"next": "c2"}}).to_string());
    });
    server.mock(|when, then| {
        when.method("GET").path(format!("{}/events-stream", v1())).query_param("cursor", "c2");
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": [], "meta": {"next": "c2"}}).to_string());
    });
    let stream = org_at(&server.base_url()).events().tail(StreamFilter::new()).into_stream();

    let (ids, checkpoints) = tokio::spawn(async move {
        let mut stream = stream;
        let (mut ids, mut checkpoints) = (Vec::new(), Vec::new());
        while let Some(event) = stream.next_item().await {
            ids.push(event.expect("event").id.as_str().to_owned());
            checkpoints.push(stream.checkpoint().expect("between items"));
        }
        (ids, checkpoints)
    })
    .await
    .expect("task");

    assert_eq!(ids, ["e1", "e2"]);
    assert_eq!(checkpoints[0].cursor(), None, "mid-page: the first page again, e1 handed out");
    assert_eq!(checkpoints[0].handed_out(), 1);
    assert_eq!(checkpoints[1].cursor(), Some("c2"), "page done: its next cursor");
}
