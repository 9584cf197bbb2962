//! Blocking only: the tail is an `Iterator`.

use admin_api::plan::org::StreamFilter;
use serde_json::json;

use super::org_audit_support::*;
use crate::support;

#[test]
fn the_tail_is_an_iterator_of_events() {
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

    let tail = org_at(&server.base_url()).events().tail(StreamFilter::new());
    let ids: Vec<String> = tail.map(|e| e.expect("event").id.as_str().to_owned()).collect();

    assert_eq!(ids, ["e1", "e2"]);
}
