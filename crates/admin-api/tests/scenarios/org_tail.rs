//! The audit log tail (#47) against a stateful loopback stream that grows between polls: events
//! in order, a bounded read stops when caught up, a following read picks up what arrives, and a
//! process restarted from a saved checkpoint misses nothing and repeats nothing.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use admin_api::plan::org::{StreamFilter, TailCheckpoint};
use serde_json::json;

use super::maybe;
use super::org_audit_support::*;
use crate::support::loopback::{Loopback, Reply};

/// How the fake stream ends a page at the end of the log.
#[derive(Clone, Copy, PartialEq)]
enum End {
    /// `meta.next` = the cursor of the position reached (a rotating poll cursor).
    NextCursor,
    /// No `meta.next` on the last page: the client must poll the same cursor again.
    NoNext,
}

/// The server's audit log and what it does between polls.
struct Log {
    ids: Vec<String>,
    /// Events to append, one after each request that found nothing new.
    arriving: Vec<String>,
    end: End,
}

/// An `events-stream` whose cursor is `p{position}.{limit}`; the first request carries
/// `sortOrder=asc` and `limit`.
fn stream_server(initial: &[&str], arriving: &[&str], end: End) -> (Loopback, Arc<Mutex<Log>>) {
    let log = Arc::new(Mutex::new(Log {
        ids: initial.iter().map(|s| s.to_string()).collect(),
        arriving: arriving.iter().rev().map(|s| s.to_string()).collect(),
        end,
    }));
    let state = Arc::clone(&log);
    let server = Loopback::start(move |request| {
        let expected = format!("{}/events-stream", v1());
        if request.path != expected || request.header("authorization") != Some(ORG_BEARER) {
            return Reply::json(599, json!({"unexpected": request.path}));
        }
        let (position, limit) = match request.query("cursor") {
            Some(cursor) => {
                let (p, l) = cursor.trim_start_matches('p').split_once('.').expect("our cursor");
                (p.parse::<usize>().unwrap(), l.parse::<usize>().unwrap())
            }
            None => {
                assert_eq!(request.query("sortOrder"), Some("asc"), "a tail reads in processing order");
                (0, request.query("limit").map_or(200, |l| l.parse().unwrap()))
            }
        };
        let mut log = state.lock().unwrap();
        let end = (position + limit).min(log.ids.len());
        let data: Vec<_> = log.ids[position..end].iter().map(|id| event_json(id)).collect();
        let next = format!("p{end}.{limit}");
        let at_end = end == log.ids.len();
        let body = if at_end && log.end == End::NoNext {
            // The last page announces nothing: the client comes back with the same cursor.
            json!({"data": data, "meta": {"page_size": limit}})
        } else {
            json!({"data": data, "meta": {"next": next, "page_size": limit}})
        };
        if at_end && (position == end || log.end == End::NoNext) {
            // The client is at the end of the log: an event arrives before its next poll.
            if let Some(id) = log.arriving.pop() {
                log.ids.push(id);
            }
        }
        Reply::json(200, body)
    });
    (server, log)
}

fn ids(events: &[admin_api::models::org::Event]) -> Vec<String> {
    events.iter().map(|e| e.id.as_str().to_owned()).collect()
}

#[maybe]
async fn a_bounded_tail_reads_in_order_and_stops_when_caught_up() {
    let (server, _) = stream_server(&["e1", "e2", "e3", "e4", "e5"], &[], End::NextCursor);
    let mut tail = org_at(server.base_url()).events().tail(StreamFilter::new().limit(2));

    let mut read = Vec::new();
    while let Some(event) = tail.next_event().await {
        read.push(event.expect("event"));
    }

    assert_eq!(ids(&read), ["e1", "e2", "e3", "e4", "e5"]);
    let cursors: Vec<_> = server.requests().iter().map(|r| r.query("cursor").map(str::to_owned)).collect();
    assert_eq!(
        cursors,
        [None, Some("p2.2".into()), Some("p4.2".into()), Some("p5.2".into())],
        "first request with the filter, then cursors only; the empty page ends a bounded tail"
    );
}
scenario!(a_bounded_tail_reads_in_order_and_stops_when_caught_up);

#[maybe]
async fn a_tail_restarted_from_its_checkpoint_misses_nothing_and_repeats_nothing() {
    for end in [End::NextCursor, End::NoNext] {
        let (server, log) = stream_server(&["e1", "e2", "e3", "e4", "e5"], &[], end);
        let org = org_at(server.base_url());

        // First process: handles three events (the third is mid-page), saving a checkpoint
        // after each, then stops.
        let mut handled = Vec::new();
        let mut saved = String::new();
        let mut tail = org.events().tail(StreamFilter::new().limit(2));
        while let Some(event) = tail.next_event().await {
            handled.push(event.expect("event").id.as_str().to_owned());
            saved = serde_json::to_string(&tail.checkpoint()).unwrap();
            if handled.len() == 3 {
                break;
            }
        }
        drop(tail);

        // Meanwhile, new events are logged.
        log.lock().unwrap().ids.extend(["e6".to_owned(), "e7".to_owned()]);

        // Second process: resumes from the saved text.
        let checkpoint: TailCheckpoint = serde_json::from_str(&saved).unwrap();
        let mut tail = org.events().tail(StreamFilter::new()).resume(checkpoint).expect("same org");
        while let Some(event) = tail.next_event().await {
            handled.push(event.expect("event").id.as_str().to_owned());
        }

        assert_eq!(handled, ["e1", "e2", "e3", "e4", "e5", "e6", "e7"], "every event exactly once");
    }
}
scenario!(a_tail_restarted_from_its_checkpoint_misses_nothing_and_repeats_nothing);

#[maybe]
async fn a_following_tail_polls_the_last_cursor_and_picks_up_new_events() {
    for end in [End::NextCursor, End::NoNext] {
        // Two events arrive while the tail waits between polls.
        let (server, _) = stream_server(&["e1", "e2", "e3"], &["e4", "e5"], end);
        let mut tail = org_at(server.base_url())
            .events()
            .tail(StreamFilter::new().limit(2))
            .follow(Duration::from_millis(5));

        let mut read = Vec::new();
        while read.len() < 5 {
            read.push(tail.next_event().await.expect("a following tail never ends").expect("event"));
        }

        assert_eq!(ids(&read), ["e1", "e2", "e3", "e4", "e5"]);
        assert!(tail.pages_fetched() >= 4, "it polled after catching up: {}", tail.pages_fetched());
    }
}
scenario!(a_following_tail_polls_the_last_cursor_and_picks_up_new_events);

#[maybe]
async fn a_checkpoint_of_another_org_is_refused() {
    let (server, _) = stream_server(&["e1"], &[], End::NextCursor);
    let other = r#"{"version":1,"org_id":"someone-else","cursor":"p1.2","filter":{}}"#;
    let checkpoint: TailCheckpoint = serde_json::from_str(other).unwrap();

    let error =
        org_at(server.base_url()).events().tail(StreamFilter::new()).resume(checkpoint).expect_err("refused");

    assert!(
        matches!(error, admin_api::Error::Build(admin_api::BuildError::InvalidCheckpoint { .. })),
        "{error:?}"
    );
    assert!(error.to_string().contains(r#"it belongs to org "someone-else", not to org"#), "{error}");
    assert!(server.requests().is_empty());
}
scenario!(a_checkpoint_of_another_org_is_refused);
