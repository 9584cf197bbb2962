//! The audit log search (#46), one event (#48), the action catalogue (#49) and the client's
//! per-path limit on `GET /events`.

use std::sync::Arc;
use std::time::Duration;

use admin_api::AdminApiKey;
use admin_api::models::org::time::macros::datetime;
use admin_api::models::org::{EventAction, EventId, EventProduct, LocationFilter};
use admin_api::plan::org::EventFilter;
use admin_api::transport::{MockBackend, StatusCode};
use serde_json::json;

use super::org_audit_support::*;
use super::{Client, maybe};
use crate::support;

#[maybe]
async fn the_search_sends_every_filter_with_times_in_epoch_milliseconds() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET")
            .path(format!("{}/events", v1()))
            .header("authorization", ORG_BEARER)
            .query_param("q", "jira-users")
            .query_param("from", "1748736000250")
            .query_param("to", "1748822400000")
            .query_param("action", "user_added_to_group")
            .query_param("actor", "acc-1,acc-2")
            .query_param("ip", "203.0.113.7")
            .query_param("product", "jira,guard_detect")
            .query_param("location", r#"[{"city":"Austin","countryName":"United States"}]"#)
            .query_param("limit", "50")
            .query_param_missing("cursor");
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": [event_json("e-1")], "meta": {"next": null, "page_size": 50}}).to_string());
    });
    let filter = EventFilter::new()
        .q("jira-users")
        .from(datetime!(2025-06-01 00:00:00.250 UTC))
        .to(datetime!(2025-06-02 00:00 UTC))
        .action(EventAction::UserAddedToGroup)
        .actor("acc-1")
        .actor("acc-2")
        .ip("203.0.113.7")
        .product(EventProduct::Jira)
        .product(EventProduct::GuardDetect)
        .location(LocationFilter::new("Austin", "United States"))
        .limit(50);

    let page = org_at(&server.base_url()).events().search(filter).send().await.expect("page");

    mock.assert_calls(1);
    assert_eq!(page.data[0].id.as_str(), "e-1");
    assert_eq!(page.data[0].attributes.action, EventAction::UserAddedToGroup);
}
scenario!(the_search_sends_every_filter_with_times_in_epoch_milliseconds);

#[maybe]
async fn the_search_follows_meta_next_to_the_end() {
    let server = support::server();
    let first = server.mock(|when, then| {
        when.method("GET").path(format!("{}/events", v1())).query_param_missing("cursor");
        then.status(200).header("content-type", "application/json").body(
            json!({
                "data": [event_json("e-1"), event_json("e-2")],
                "meta": {"next": "Yy0y", "page_size": 2},
                "links": {"next": format!("https://api.atlassian.com{}/events?cursor=Yy0y", v1())}
            })
            .to_string(),
        );
    });
    let second = server.mock(|when, then| {
        when.method("GET").path(format!("{}/events", v1())).query_param("cursor", "Yy0y");
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": [event_json("e-3")], "meta": {"page_size": 2}}).to_string());
    });

    let events = org_at(&server.base_url()).events().search(EventFilter::new()).all().await.expect("all");

    first.assert_calls(1);
    second.assert_calls(1);
    assert_eq!(events.iter().map(|e| e.id.as_str()).collect::<Vec<_>>(), ["e-1", "e-2", "e-3"]);
}
scenario!(the_search_follows_meta_next_to_the_end);

#[maybe]
async fn a_reversed_time_range_is_refused_before_sending() {
    let server = support::server();
    let unexpected = support::fail_unexpected(&server);
    let filter = EventFilter::new().from(datetime!(2025-06-02 00:00 UTC)).to(datetime!(2025-06-01 00:00 UTC));

    let error = org_at(&server.base_url()).events().search(filter).send().await.expect_err("refused");

    assert!(matches!(error, admin_api::Error::Build(_)), "{error:?}");
    unexpected.assert_calls(0);
}
scenario!(a_reversed_time_range_is_refused_before_sending);

#[maybe]
async fn one_event_and_the_action_catalogue() {
    let server = support::server();
    let event = server.mock(|when, then| {
        when.method("GET").path(format!("{}/events/ev%2F1", v1())).header("authorization", ORG_BEARER);
        then.status(200)
            .header("content-type", "application/json")
            .body(json!({"data": event_json("ev/1")}).to_string());
    });
    let actions = server.mock(|when, then| {
        when.method("GET").path(format!("{}/event-actions", v1()));
        then.status(200).header("content-type", "application/json").body(
            json!({"data": [
                {"id": "user_added_to_group", "type": "event-actions", "attributes": {"displayName": "User added to group", "groupDisplayName": "Groups"}},
                {"id": "sso_enforced", "type": "event-actions", "attributes": {"displayName": "SSO enforced"}}
            ]})
            .to_string(),
        );
    });
    let missing = server.mock(|when, then| {
        when.method("GET").path(format!("{}/events/gone", v1()));
        then.status(404)
            .header("content-type", "application/json")
            .body(admin_error(404, "ADMIN-404-7", "Event not found").to_string());
    });
    let org = org_at(&server.base_url());

    let one = org.events().get(&EventId::new("ev/1").unwrap()).await.expect("event");
    let catalogue = org.events().actions().await.expect("actions");
    let error = org.events().get(&EventId::new("gone").unwrap()).await.expect_err("404");

    event.assert_calls(1);
    actions.assert_calls(1);
    missing.assert_calls(1);
    assert_eq!(one.id.as_str(), "ev/1");
    assert_eq!(catalogue[1].id, EventAction::Unknown("sso_enforced".into()));
    assert!(error.is_not_found(), "{error:?}");
    assert_eq!(error.admin_code().map(|c| c.as_str()), Some("ADMIN-404-7"));
}
scenario!(one_event_and_the_action_catalogue);

#[maybe]
async fn the_eleventh_search_in_a_minute_waits_for_the_window_instead_of_a_429() {
    let mock = Arc::new(MockBackend::new());
    for _ in 0..12 {
        mock.push_json(StatusCode::OK, r#"{"data": [], "meta": {}}"#);
    }
    let org = Client::builder()
        .backend(mock.clone())
        .build()
        .unwrap()
        .org(AdminApiKey::new(support::ADMIN_TOKEN).unwrap(), org_id());

    for _ in 0..10 {
        org.events().search(EventFilter::new()).send().await.expect("within the limit");
    }
    assert!(mock.sleeps().is_empty(), "ten requests fit in the window: {:?}", mock.sleeps());
    org.events().search(EventFilter::new()).send().await.expect("eleventh");
    // Another path (the stream) is not limited.
    org.events().tail(Default::default()).next_event().await;

    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 1, "{sleeps:?}");
    assert!(sleeps[0] > Duration::from_secs(59) && sleeps[0] <= Duration::from_secs(60), "{sleeps:?}");
    assert_eq!(mock.requests().len(), 12);
}
scenario!(the_eleventh_search_in_a_minute_waits_for_the_window_instead_of_a_429);

#[maybe]
async fn the_limit_is_configurable_and_can_be_lifted() {
    let mock = Arc::new(MockBackend::new());
    for _ in 0..4 {
        mock.push_json(StatusCode::OK, r#"{"data": []}"#);
    }
    let lifted = Client::builder()
        .backend(mock.clone())
        .path_limit(admin_api::plan::org::EVENTS_PATH, None)
        .build()
        .unwrap()
        .org(AdminApiKey::new(support::ADMIN_TOKEN).unwrap(), org_id());
    for _ in 0..2 {
        lifted.events().search(EventFilter::new()).send().await.unwrap();
    }
    assert!(mock.sleeps().is_empty());

    let strict = Client::builder()
        .backend(mock.clone())
        .path_limit(
            admin_api::plan::org::EVENTS_PATH,
            Some(admin_api::RateLimit::new(1, Duration::from_secs(5))),
        )
        .build()
        .unwrap()
        .org(AdminApiKey::new(support::ADMIN_TOKEN).unwrap(), org_id());
    for _ in 0..2 {
        strict.events().search(EventFilter::new()).send().await.unwrap();
    }
    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 1);
    assert!(sleeps[0] > Duration::from_secs(4) && sleeps[0] <= Duration::from_secs(5), "{sleeps:?}");
}
scenario!(the_limit_is_configurable_and_can_be_lifted);
