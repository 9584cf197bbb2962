//! A new-user tryout against hostile loopback servers: a server that never answers (per-attempt
//! timeout, total time of a call) and a 500 whose body is larger than the cap.

use std::time::Duration;

use admin_api::models::AccountId;
use admin_api::transport::TransportErrorKind;
use admin_api::{AdminApiKey, Error, RetryPolicy};

use super::{Client, maybe};
use crate::support;

/// A server that accepts connections (the kernel completes them) and never answers a byte.
fn hanging_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    Box::leak(Box::new(listener));
    url
}

fn users(client: super::Client) -> super::UsersService {
    client.users(AdminApiKey::new(support::ADMIN_TOKEN).unwrap())
}

fn account() -> AccountId {
    AccountId::new("abc").unwrap()
}

/// The timeout is per attempt, and its message says what ran out and after how long (it read
/// `timed out: timeout: global`).
#[maybe]
async fn a_hanging_server_times_out_with_a_readable_message() {
    let client = Client::builder()
        .base_url(hanging_server())
        .timeout(Duration::from_millis(300))
        .retry_policy(RetryPolicy::never())
        .build()
        .unwrap();

    let error = users(client).get_profile(&account()).await.expect_err("no answer");

    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    assert_eq!(error.to_string(), "request timed out: no complete response after 300 ms (total timeout)");
}
scenario!(a_hanging_server_times_out_with_a_readable_message);

/// `RetryPolicy::max_total_time` bounds a retried call: the last attempt gets only the time left
/// and the error says the call's total time ran out (the tryout's `timeout(3s)` took ~15 s).
#[maybe]
async fn a_total_time_limit_bounds_a_retried_call_against_a_hanging_server() {
    let policy = RetryPolicy::default()
        .max_attempts(10)
        .base_delay(Duration::from_millis(10))
        .max_total_time(Some(Duration::from_millis(700)));
    let client = Client::builder()
        .base_url(hanging_server())
        .timeout(Duration::from_millis(300))
        .retry_policy(policy)
        .build()
        .unwrap();

    let error = users(client).get_profile(&account()).await.expect_err("no answer");

    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::Timeout);
    let shown = error.to_string();
    assert!(
        shown.starts_with("request timed out: no complete response within the call's total time of 0.7 s (RetryPolicy::max_total_time), after "),
        "{shown}"
    );
    // 300 ms attempts in 700 ms: two or three (the last cut short), never the 10 allowed.
    let attempts: u32 = shown.rsplit("after ").next().unwrap().trim_end_matches(" attempts").parse().unwrap();
    assert!((2..=3).contains(&attempts), "{shown}");
}
scenario!(a_total_time_limit_bounds_a_retried_call_against_a_hanging_server);

/// A 500 whose body is over the cap kept no trace of the 500 (`response body too large`): the
/// transport error now carries the status.
#[maybe]
async fn a_500_with_a_body_over_the_cap_keeps_its_status() {
    let server = support::server();
    let mock = server.mock(|when, then| {
        when.method("GET").path("/users/abc/manage/profile");
        then.status(500).header("content-type", "text/plain").body("x".repeat(4096));
    });
    let client = Client::builder()
        .base_url(server.base_url())
        .max_body_bytes(1024)
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .unwrap();

    let error = users(client).get_profile(&account()).await.expect_err("too large");

    let Error::Transport(transport) = &error else { panic!("{error:?}") };
    assert_eq!(transport.kind(), TransportErrorKind::BodyTooLarge);
    assert_eq!(error.status().map(|s| s.as_u16()), Some(500));
    assert!(error.to_string().contains("(the server answered 500 Internal Server Error)"), "{error}");
    mock.assert_calls(1); // a body over the cap is not retried
}
scenario!(a_500_with_a_body_over_the_cap_keeps_its_status);
