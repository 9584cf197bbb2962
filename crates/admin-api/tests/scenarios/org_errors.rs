//! The Organizations API's error bodies and rate limits through both facades.

use std::time::{Duration, Instant};

use admin_api::models::org::{AdminErrorCode, time};
use admin_api::{ApiErrorBody, RetryPolicy};

use super::maybe;
use super::org_support::{account, api_error, org, org_with, v2};
use crate::support::{self, ADMIN_TOKEN};

#[maybe]
async fn a_gateway_401_is_parsed_as_the_proxy_body() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(v2("-", "/users/stats"));
        then.status(401)
            .header("content-type", "application/json")
            .body(r#"{"code":401,"message":"Unauthorized"}"#);
    });

    let error = org(&server).users().stats().await.unwrap_err();

    let api = api_error(&error);
    match &api.body {
        ApiErrorBody::OrgGateway(body) => assert_eq!(body.status(), Some(401)),
        other => panic!("expected the gateway body, got {other:?}"),
    }
    assert_eq!(api.message(), "Unauthorized");
    assert!(error.admin_code().is_none());
    assert!(!format!("{error:?}").contains(ADMIN_TOKEN), "the key never shows");
}
scenario!(a_gateway_401_is_parsed_as_the_proxy_body);

#[maybe]
async fn an_application_404_names_its_admin_code() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path_prefix("/admin/v2/orgs/o-1/directories/-/users/");
        then.status(404).header("content-type", "application/json").header("x-request-id", "req-9").body(
            r#"{"errors":[{"id":"e-9","status":"404","code":"ADMIN-404-8","title":"User not found"}]}"#,
        );
    });

    let error = org(&server).users().get(&account()).await.unwrap_err();

    assert!(error.is_not_found());
    assert_eq!(error.admin_code(), Some(&AdminErrorCode::UserNotFound));
    assert!(error.admin_code().unwrap().is_not_found());
    let api = api_error(&error);
    assert_eq!(api.request_id.as_deref(), Some("req-9"));
    assert_eq!(api.attempts, 1, "a 404 is not retried");
}
scenario!(an_application_404_names_its_admin_code);

#[maybe]
async fn an_unrecognised_error_body_is_kept_raw() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path(v2("-", "/groups/stats"));
        then.status(502).body("<html>Bad gateway</html>");
    });

    let error = org_with(&server, RetryPolicy::never()).groups().stats().await.unwrap_err();

    let api = api_error(&error);
    assert!(matches!(api.body, ApiErrorBody::Unrecognized));
    assert_eq!(api.raw, "<html>Bad gateway</html>");
}
scenario!(an_unrecognised_error_body_is_kept_raw);

#[maybe]
async fn a_429_with_an_iso_reset_is_waited_out_and_retried() {
    let server = support::leaked_server();
    let reset = reset_in(2);
    let limited = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/users/stats"));
        then.status(429)
            .header("content-type", "application/json")
            .header("x-ratelimit-limit", "100")
            .header("x-ratelimit-remaining", "0")
            .header("x-ratelimit-reset", reset.as_str())
            .body(r#"{"code":429,"message":"Too many requests"}"#);
    });
    let ok = server.mock(|when, then| {
        when.method("GET").path(v2("-", "/users/stats"));
        then.status(200).header("content-type", "application/json").body(r#"{"roles":[]}"#);
    });
    support::answer_once(limited);

    let started = Instant::now();
    let stats = org(server).users().stats().await.expect("retried to success");

    assert!(stats.roles.is_empty());
    ok.assert_calls(1);
    assert!(started.elapsed() >= Duration::from_millis(900), "the ISO X-RateLimit-Reset was honoured");
}
scenario!(a_429_with_an_iso_reset_is_waited_out_and_retried);

/// An ISO 8601 `X-RateLimit-Reset` `seconds` from now, as the Organizations gateway sends it.
fn reset_in(seconds: i64) -> String {
    (time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap()
}

#[maybe]
async fn a_429_on_a_users_search_is_waited_out_and_retried_like_a_get() {
    // A search is a POST that changes nothing: the default policy retries it.
    let server = support::leaked_server();
    let reset = reset_in(2);
    let limited = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/users/search"));
        then.status(429)
            .header("content-type", "application/json")
            .header("x-ratelimit-reset", reset.as_str())
            .body(r#"{"code":429,"message":"Too many"}"#);
    });
    let ok = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/users/search"));
        then.status(200).header("content-type", "application/json").body(r#"{"data":[],"links":{}}"#);
    });
    support::answer_once(limited);

    let started = Instant::now();
    let page = org(server).users().search().send().await.expect("retried to success");

    assert!(page.data.is_empty());
    ok.assert_calls(1);
    assert!(started.elapsed() >= Duration::from_millis(900), "the ISO X-RateLimit-Reset was honoured");
}
scenario!(a_429_on_a_users_search_is_waited_out_and_retried_like_a_get);

#[maybe]
async fn a_429_on_a_search_with_a_reset_beyond_the_total_wait_stops_and_keeps_the_reset() {
    let server = support::server();
    let limited = server.mock(|when, then| {
        when.method("POST").path(v2("-", "/users/search"));
        then.status(429)
            .header("content-type", "application/json")
            .header("x-ratelimit-reset", "2030-01-01T00:00Z")
            .body(r#"{"code":429,"message":"Too many requests"}"#);
    });

    let error = org(&server).users().search().send().await.unwrap_err();

    assert!(error.is_rate_limited());
    let api = api_error(&error);
    assert_eq!(api.rate_limit.reset.as_deref(), Some("2030-01-01T00:00Z"));
    assert!(matches!(api.body, ApiErrorBody::OrgGateway(_)));
    assert_eq!(api.attempts, 1, "a wait longer than the policy's total wait is not waited");
    limited.assert_calls(1);
}
scenario!(a_429_on_a_search_with_a_reset_beyond_the_total_wait_stops_and_keeps_the_reset);

#[maybe]
async fn a_429_on_a_suspend_is_not_retried_unless_opted_in() {
    // A suspend is a POST that writes: retried only when the policy opts in.
    let server = support::server();
    let limited = server.mock(|when, then| {
        when.method("POST").path_suffix("/suspend");
        then.status(429)
            .header("content-type", "application/json")
            .body(r#"{"code":429,"message":"Too many"}"#);
    });

    let error = org(&server).users().suspend(&account()).await.unwrap_err();

    assert!(error.is_rate_limited());
    assert_eq!(api_error(&error).attempts, 1, "a POST write is not retried by default");
    limited.assert_calls(1);

    let opted_in = RetryPolicy::default()
        .retry_non_idempotent(true)
        .max_attempts(2)
        .base_delay(Duration::from_millis(1));
    let error = org_with(&server, opted_in).users().suspend(&account()).await.unwrap_err();

    assert_eq!(api_error(&error).attempts, 2, "retried once the policy opts in");
    limited.assert_calls(3);
}
scenario!(a_429_on_a_suspend_is_not_retried_unless_opted_in);

#[maybe]
async fn a_users_page_without_data_is_a_decode_error_naming_data_not_an_empty_page() {
    // A malformed 200 must not read as "no users" (an empty dormant-accounts report).
    for body in [r#"{"links":{}}"#, r#"{"data":null,"links":{}}"#] {
        let server = support::server();
        let search = server.mock(|when, then| {
            when.method("POST").path(v2("-", "/users/search"));
            then.status(200).header("content-type", "application/json").body(body);
        });

        let error = org(&server).users().search().send().await.unwrap_err();

        let admin_api::Error::Decode(decode) = &error else {
            panic!("expected a decode error, got {error:?}")
        };
        let named = format!("{} {}", decode.path, decode.source);
        assert!(named.contains("data"), "{body}: {named}");
        assert_eq!(decode.raw, body, "the body is kept as sent");
        assert_eq!(decode.status.as_u16(), 200);
        search.assert_calls(1);
    }
}
scenario!(a_users_page_without_data_is_a_decode_error_naming_data_not_an_empty_page);
