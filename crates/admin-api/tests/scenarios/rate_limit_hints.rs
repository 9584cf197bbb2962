//! Issue 11, item 12: rate-limit hints that are past, zero, unusable or too large. Driven through
//! `MockBackend`, whose `sleep` returns at once and records the wait: the spacing of retries is
//! checked on the recorded sleeps, never on the wall clock.

use std::sync::Arc;
use std::time::{Duration, SystemTime};

use admin_api::models::AccountId;
use admin_api::transport::{HttpResponse, MockBackend, StatusCode};
use admin_api::{AdminApiKey, RetryPolicy};

use super::{Client, UsersService, maybe};
use crate::support::{self, ADMIN_TOKEN};

fn users(mock: &MockBackend, policy: RetryPolicy) -> UsersService {
    Client::builder()
        .backend(Arc::new(mock.clone()))
        .retry_policy(policy)
        .build()
        .expect("client builds")
        .users(AdminApiKey::new(ADMIN_TOKEN).unwrap())
}

fn too_many_requests(headers: &[(&'static str, &str)]) -> HttpResponse {
    let mut response = HttpResponse::new(StatusCode::TOO_MANY_REQUESTS, r#"{"key":"tooManyRequests"}"#);
    for (name, value) in headers {
        response.headers.insert(*name, value.parse().unwrap());
    }
    response
}

/// Atlassian's minute-precision reset for the current minute, `2024-05-01T12:30Z`: 0 to 59 s in
/// the past the moment it is read.
fn this_minute() -> String {
    let seconds = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).unwrap().as_secs();
    let (days, minute_of_day) = (seconds / 86_400, seconds % 86_400 / 60);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days as i64 + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}Z", minute_of_day / 60, minute_of_day % 60)
}

fn account() -> AccountId {
    AccountId::new("abc").unwrap()
}

#[maybe]
async fn item_12_four_429s_with_a_past_reset_are_spaced_by_backoff() {
    let mock = MockBackend::new();
    let reset = this_minute();
    for _ in 0..4 {
        mock.push_response(too_many_requests(&[
            ("x-ratelimit-reset", reset.as_str()),
            ("x-ratelimit-remaining", "0"),
        ]));
    }
    mock.push_json(StatusCode::OK, &support::profile_json("abc"));
    let base = Duration::from_millis(100);
    let users = users(&mock, RetryPolicy::default().max_attempts(5).base_delay(base));

    let profile = users.get_profile(&account()).await.expect("retried to success");

    assert_eq!(profile.account_id.as_str(), "abc");
    assert_eq!(mock.requests().len(), 5);
    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 4, "{sleeps:?}");
    for (retry, sleep) in sleeps.iter().enumerate() {
        // Backoff: base · 2^retry, jittered into [½, 1) of itself; never zero.
        let full = base * 2u32.pow(retry as u32);
        assert!(*sleep >= full / 2 && *sleep <= full, "retry {retry}: slept {sleep:?}, backoff is {full:?}");
    }
}
scenario!(item_12_four_429s_with_a_past_reset_are_spaced_by_backoff);

#[maybe]
async fn item_12_zero_and_unusable_hints_back_off_too() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests(&[("retry-after", "0")]));
    mock.push_response(too_many_requests(&[("x-ratelimit-reset", "0")]));
    mock.push_response(too_many_requests(&[("retry-after", "soon"), ("x-ratelimit-reset", "later")]));
    mock.push_json(StatusCode::OK, &support::profile_json("abc"));
    let users = users(&mock, RetryPolicy::default().max_attempts(4));

    users.get_profile(&account()).await.expect("retried to success");

    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 3);
    assert!(sleeps.iter().all(|s| *s >= Duration::from_millis(250)), "backoff from 500 ms: {sleeps:?}");
}
scenario!(item_12_zero_and_unusable_hints_back_off_too);

#[maybe]
async fn item_12_a_reset_of_30_means_in_30_seconds() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests(&[("x-ratelimit-reset", "30")]));
    mock.push_json(StatusCode::OK, &support::profile_json("abc"));
    let users = users(&mock, RetryPolicy::default());

    users.get_profile(&account()).await.expect("retried to success");

    assert_eq!(mock.sleeps(), [Duration::from_secs(30)]);
}
scenario!(item_12_a_reset_of_30_means_in_30_seconds);

#[maybe]
async fn item_12_too_large_hints_stop_at_once_with_the_hint_reported() {
    // A long but credible wait is reported as such; an absurd one (beyond
    // `ApiError::MAX_CREDIBLE_WAIT`, or beyond `u64` seconds) as `None` with the header kept.
    let cases: [(&'static str, &str, Option<Duration>, &str); 5] = [
        ("retry-after", "7200", Some(Duration::from_secs(7200)), "retry after 7200 s"),
        ("retry-after", "18446744073709551615", None, "(Retry-After: 18446744073709551615) is not credible"),
        ("retry-after", "18446744073709551616", None, "(Retry-After: 18446744073709551616) is not credible"),
        ("retry-after", "99999999999999999999999999", None, "not credible; wait is unknown"),
        (
            "x-ratelimit-reset",
            "99999999999999999999999999",
            None,
            "(X-RateLimit-Reset: 99999999999999999999999999)",
        ),
    ];
    for (header, value, reported, shown) in cases {
        let mock = MockBackend::new();
        mock.push_response(too_many_requests(&[(header, value)]));
        let users = users(&mock, RetryPolicy::default());

        let error = users.get_profile(&account()).await.expect_err("too long to wait");

        assert!(error.is_rate_limited(), "{header}: {value}: {error:?}");
        let api = error.api_error().unwrap();
        assert_eq!(api.retry_after, reported, "{header}: {value}");
        assert!(api.retry_hint.as_deref().is_some_and(|h| h.ends_with(value)), "{:?}", api.retry_hint);
        assert!(error.to_string().contains(shown), "{header}: {value}: {error}");
        assert_eq!(mock.requests().len(), 1, "{header}: {value}");
        assert!(mock.sleeps().is_empty(), "{header}: {value}");
    }
}
scenario!(item_12_too_large_hints_stop_at_once_with_the_hint_reported);
