//! Helpers for the Organizations scenarios.

use std::time::Duration;

use admin_api::models::AccountId;
use admin_api::models::org::OrgId;
use admin_api::{AdminApiKey, Error, RetryPolicy};
use httpmock::MockServer;

use super::Client;
use crate::support::{ADMIN_TOKEN, ODD_ACCOUNT_ID};

/// The org every scenario uses.
pub(crate) const ORG: &str = "o-1";
/// The bearer header every request must carry.
pub(crate) const BEARER: &str = "Bearer test-admin-token";

/// An org service on `server`, with short retry waits.
pub(crate) fn org(server: &MockServer) -> super::OrgService {
    org_with(server, RetryPolicy::default().base_delay(Duration::from_millis(1)))
}

/// An org service on `server` with `retry`.
pub(crate) fn org_with(server: &MockServer, retry: RetryPolicy) -> super::OrgService {
    client(server, retry).org(AdminApiKey::new(ADMIN_TOKEN).unwrap(), OrgId::new(ORG).unwrap())
}

/// A client on `server`.
pub(crate) fn client(server: &MockServer, retry: RetryPolicy) -> super::Client {
    Client::builder().base_url(server.base_url()).retry_policy(retry).build().expect("client builds")
}

/// `/admin/v2/orgs/o-1/directories/{dir}{suffix}`.
pub(crate) fn v2(dir: &str, suffix: &str) -> String {
    format!("/admin/v2/orgs/{ORG}/directories/{dir}{suffix}")
}

/// `/admin/v1/orgs/o-1{suffix}`.
pub(crate) fn v1(suffix: &str) -> String {
    format!("/admin/v1/orgs/{ORG}{suffix}")
}

/// An account id whose `|` is encoded on the wire as `%7C`.
pub(crate) fn account() -> AccountId {
    AccountId::new(ODD_ACCOUNT_ID).unwrap()
}

/// A JSON user with this account id and email.
pub(crate) fn user(id: &str) -> serde_json::Value {
    serde_json::json!({"accountId": id, "email": format!("{id}@example.com"), "status": "active"})
}

/// The API error of `error`, or a panic naming what came instead.
pub(crate) fn api_error(error: &Error) -> &admin_api::ApiError {
    error.api_error().unwrap_or_else(|| panic!("expected an API error, got {error:?}"))
}
