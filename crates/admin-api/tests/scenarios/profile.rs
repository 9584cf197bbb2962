//! `GET /users/{account_id}/manage/profile` end to end: the foundation's proof.

use std::time::{Duration, Instant};

use admin_api::models::AccountId;
use admin_api::models::user_management::ErrorKey;
use admin_api::{AdminApiKey, ApiErrorBody, Error, RetryPolicy};

use super::{Client, maybe};
use crate::support::{self, ADMIN_TOKEN, ODD_ACCOUNT_ID, ODD_ACCOUNT_ID_ENCODED};

fn users(server: &httpmock::MockServer, retry: RetryPolicy) -> super::Client {
    Client::builder().base_url(server.base_url()).retry_policy(retry).build().expect("client builds")
}

fn odd_account() -> AccountId {
    AccountId::new(ODD_ACCOUNT_ID).unwrap()
}

#[maybe]
async fn get_profile_sends_the_bearer_key_to_the_encoded_path_and_decodes_the_account() {
    let server = support::server();
    let profile = server.mock(|when, then| {
        when.method("GET")
            .path(format!("/users/{ODD_ACCOUNT_ID_ENCODED}/manage/profile"))
            .header("authorization", format!("Bearer {ADMIN_TOKEN}"))
            .header("accept", "application/json")
            .header_prefix("user-agent", "atlassian-admin-rs/")
            .header_missing("content-type");
        then.status(200)
            .header("content-type", "application/json")
            .body(support::profile_json(ODD_ACCOUNT_ID));
    });
    let unexpected = support::fail_unexpected(&server);

    let service = users(&server, RetryPolicy::never()).users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let account = service.get_profile(&odd_account()).await.expect("profile");

    profile.assert_calls(1);
    unexpected.assert_calls(0);
    assert_eq!(account.account_id, odd_account());
    assert_eq!(account.name.as_deref(), Some("Lila User"));
    assert_eq!(account.nickname.as_deref(), Some("marshmallow"));
}
scenario!(get_profile_sends_the_bearer_key_to_the_encoded_path_and_decodes_the_account);

#[maybe]
async fn a_404_account_not_found_becomes_a_typed_api_error_with_the_raw_body() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path_suffix("/manage/profile");
        then.status(404).header("content-type", "application/json").body(r#"{"key":"accountNotFound"}"#);
    });

    let service = users(&server, RetryPolicy::default()).users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let error = service.get_profile(&odd_account()).await.expect_err("404");

    assert!(error.is_not_found(), "{error}");
    let Error::Api(api) = &error else { panic!("expected Error::Api, got {error:?}") };
    assert_eq!(api.status.as_u16(), 404);
    assert_eq!(api.key(), Some(&ErrorKey::AccountNotFound));
    assert!(matches!(api.body, ApiErrorBody::UserManagement(_)));
    assert_eq!(api.raw, r#"{"key":"accountNotFound"}"#);
    assert_eq!(api.attempts, 1, "a 404 is not retried");
    assert!(!error.to_string().contains(ADMIN_TOKEN));
}
scenario!(a_404_account_not_found_becomes_a_typed_api_error_with_the_raw_body);

#[maybe]
async fn a_429_with_retry_after_is_waited_out_and_retried_until_success() {
    let server = support::leaked_server();
    let limited = server.mock(|when, then| {
        when.method("GET").path_suffix("/manage/profile");
        then.status(429)
            .header("retry-after", "1")
            .header("x-ratelimit-remaining", "0")
            .body(r#"{"key":"tooManyRequests"}"#);
    });
    let ok = server.mock(|when, then| {
        when.method("GET").path_suffix("/manage/profile");
        then.status(200)
            .header("content-type", "application/json")
            .body(support::profile_json(ODD_ACCOUNT_ID));
    });
    support::answer_once(limited);

    let service = users(server, RetryPolicy::default()).users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let started = Instant::now();
    let account = service.get_profile(&odd_account()).await.expect("retried to success");

    assert_eq!(account.account_id, odd_account());
    ok.assert_calls(1);
    assert!(started.elapsed() >= Duration::from_secs(1), "Retry-After: 1 was honoured");
}
scenario!(a_429_with_retry_after_is_waited_out_and_retried_until_success);

#[maybe]
async fn a_429_that_outlasts_the_retries_is_a_distinct_rate_limited_error() {
    let server = support::server();
    let limited = server.mock(|when, then| {
        when.method("GET").path_suffix("/manage/profile");
        then.status(429).header("retry-after", "0").header("x-ratelimit-limit", "100");
    });

    let policy = RetryPolicy::default().max_attempts(2).base_delay(Duration::from_millis(1));
    let service = users(&server, policy).users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let error = service.get_profile(&odd_account()).await.expect_err("still limited");

    limited.assert_calls(2);
    assert!(error.is_rate_limited(), "{error:?}");
    let api = error.api_error().unwrap();
    assert_eq!(api.retry_after, None, "Retry-After: 0 is no hint (the policy backs off instead)");
    assert_eq!(api.rate_limit.limit, Some(100));
    assert_eq!(api.attempts, 2);
    assert!(matches!(api.body, ApiErrorBody::Unrecognized), "an empty body is still a typed error");
}
scenario!(a_429_that_outlasts_the_retries_is_a_distinct_rate_limited_error);

#[maybe]
async fn a_redirect_is_never_followed() {
    let server = support::server();
    server.mock(|when, then| {
        when.method("GET").path_suffix("/manage/profile");
        then.status(302).header("location", "https://evil.example.com/steal");
    });

    let service = users(&server, RetryPolicy::default()).users(AdminApiKey::new(ADMIN_TOKEN).unwrap());
    let error = service.get_profile(&odd_account()).await.expect_err("redirect");

    let Error::Transport(transport) = &error else { panic!("expected a transport error, got {error:?}") };
    assert_eq!(transport.kind(), admin_api::transport::TransportErrorKind::Redirect);
}
scenario!(a_redirect_is_never_followed);
