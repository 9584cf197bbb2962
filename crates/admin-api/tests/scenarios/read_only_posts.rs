//! The POSTs that only read (the user and group searches, the workspace list, SCIM links for an
//! email) are retried like GETs; a POST that writes is not, unless the policy opts in. Driven
//! through `MockBackend`, whose `sleep` returns at once and records the wait.

use std::sync::Arc;
use std::time::Duration;

use admin_api::models::org::{OrgId, WorkspaceSearch, time};
use admin_api::transport::{HttpResponse, Method, MockBackend, StatusCode};
use admin_api::{AdminApiKey, RetryPolicy};

use super::org_support::account;
use super::{Client, OrgService, maybe};
use crate::support::ADMIN_TOKEN;

fn org(mock: &MockBackend, policy: RetryPolicy) -> OrgService {
    Client::builder()
        .backend(Arc::new(mock.clone()))
        .retry_policy(policy)
        .build()
        .expect("client builds")
        .org(AdminApiKey::new(ADMIN_TOKEN).unwrap(), OrgId::new("o-1").unwrap())
}

/// The gateway's 429, with an ISO 8601 `X-RateLimit-Reset` 2 s ahead.
fn too_many_requests() -> HttpResponse {
    let reset = (time::OffsetDateTime::now_utc() + time::Duration::seconds(2))
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap();
    let mut response =
        HttpResponse::new(StatusCode::TOO_MANY_REQUESTS, r#"{"code":429,"message":"Too many"}"#);
    response.headers.insert("x-ratelimit-reset", reset.parse().unwrap());
    response
}

/// Two requests, both `POST …{suffix}`, with one wait of at most 2 s (the reset) between them.
fn assert_retried_once_after_the_reset(mock: &MockBackend, suffix: &str) {
    let requests = mock.requests();
    assert_eq!(requests.len(), 2, "the 429 was retried");
    for request in &requests {
        assert_eq!(request.method, Method::POST);
        assert!(request.url.path().ends_with(suffix), "{}", request.url);
    }
    let sleeps = mock.sleeps();
    assert_eq!(sleeps.len(), 1, "{sleeps:?}");
    assert!(sleeps[0] > Duration::ZERO && sleeps[0] <= Duration::from_secs(2), "waited {:?}", sleeps[0]);
}

#[maybe]
async fn a_users_search_429_is_waited_out_and_retried() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests());
    mock.push_json(StatusCode::OK, r#"{"data":[{"accountId":"a-1"}],"links":{}}"#);

    let page = org(&mock, RetryPolicy::default()).users().search().send().await.expect("retried to success");

    assert_eq!(page.data.len(), 1);
    assert_retried_once_after_the_reset(&mock, "/directories/-/users/search");
}
scenario!(a_users_search_429_is_waited_out_and_retried);

#[maybe]
async fn a_groups_search_429_is_waited_out_and_retried() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests());
    mock.push_json(StatusCode::OK, r#"{"data":[],"links":{}}"#);

    let page = org(&mock, RetryPolicy::default()).groups().search().send().await.expect("retried to success");

    assert!(page.data.is_empty());
    assert_retried_once_after_the_reset(&mock, "/directories/-/groups/search");
}
scenario!(a_groups_search_429_is_waited_out_and_retried);

#[maybe]
async fn a_workspaces_429_is_waited_out_and_retried() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests());
    mock.push_json(StatusCode::OK, r#"{"data":[],"links":{},"meta":{"pageSize":20,"total":0}}"#);

    let page = org(&mock, RetryPolicy::default())
        .workspaces(WorkspaceSearch::new())
        .send()
        .await
        .expect("retried to success");

    assert!(page.data.is_empty());
    assert_retried_once_after_the_reset(&mock, "/workspaces");
}
scenario!(a_workspaces_429_is_waited_out_and_retried);

#[maybe]
async fn scim_links_for_an_email_429_is_waited_out_and_retried() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests());
    mock.push_json(StatusCode::OK, r#"{"scimLinks":[]}"#);

    let links = org(&mock, RetryPolicy::default())
        .scim_links()
        .for_email("lila@example.com")
        .await
        .expect("retried to success");

    assert!(links.scim_links.is_empty());
    assert_retried_once_after_the_reset(&mock, "/get-scim-links-for-email");
}
scenario!(scim_links_for_an_email_429_is_waited_out_and_retried);

#[maybe]
async fn a_suspend_429_is_not_retried_unless_opted_in() {
    let mock = MockBackend::new();
    mock.push_response(too_many_requests());

    let error = org(&mock, RetryPolicy::default()).users().suspend(&account()).await.unwrap_err();

    assert!(error.is_rate_limited());
    assert_eq!(mock.requests().len(), 1, "a POST write is not retried by default");
    assert!(mock.sleeps().is_empty());

    let opted_in = MockBackend::new();
    opted_in.push_response(too_many_requests());
    opted_in.push_json(StatusCode::OK, r#"{"message":"suspended"}"#);
    let policy = RetryPolicy::default().retry_non_idempotent(true);

    org(&opted_in, policy).users().suspend(&account()).await.expect("retried when opted in");

    assert_retried_once_after_the_reset(&opted_in, "/suspend");
}
scenario!(a_suspend_429_is_not_retried_unless_opted_in);
