//! Helpers of the audit log, policies, domains, workspaces and SCIM link scenarios.
#![allow(dead_code)]

use std::time::Duration;

use admin_api::models::org::OrgId;
use admin_api::{AdminApiKey, RetryPolicy};
use serde_json::{Value, json};

use super::{Client, OrgService};
use crate::support;

/// The org every scenario uses; its `/` and space must be percent-encoded.
pub const ORG: &str = "org 1/x";
/// The same id on the wire.
pub const ORG_ENCODED: &str = "org%201%2Fx";
/// The org admin key's header.
pub const ORG_BEARER: &str = "Bearer test-admin-token";

/// `/admin/v1/orgs/{ORG}`.
pub fn v1() -> String {
    format!("/admin/v1/orgs/{ORG_ENCODED}")
}

/// `/admin/v2/orgs/{ORG}`.
pub fn v2() -> String {
    format!("/admin/v2/orgs/{ORG_ENCODED}")
}

pub fn org_id() -> OrgId {
    OrgId::new(ORG).unwrap()
}

/// The org service on a client for `base_url`, retrying fast.
pub fn org_at(base_url: &str) -> OrgService {
    Client::builder()
        .base_url(base_url)
        .retry_policy(RetryPolicy::default().base_delay(Duration::from_millis(1)))
        .build()
        .expect("client builds")
        .org(AdminApiKey::new(support::ADMIN_TOKEN).unwrap(), org_id())
}

/// An audit event as the API sends it.
pub fn event_json(id: &str) -> Value {
    json!({
        "id": id,
        "type": "events",
        "attributes": {
            "time": "2025-06-02T08:15:30Z",
            "processedAt": "2025-06-02T08:15:31Z",
            "action": "user_added_to_group",
            "actor": {"id": "5b10ac8d82e05b22cc7d4ef5", "name": "Ada Admin"},
            "context": [{"id": "grp-1", "type": "groups"}]
        },
        "links": {"self": format!("https://api.atlassian.com/admin/v1/orgs/org-1/events/{id}")}
    })
}

/// An ApplicationErrors body.
pub fn admin_error(status: u16, code: &str, title: &str) -> Value {
    json!({"errors": [{"id": "e-1", "status": status.to_string(), "code": code, "title": title, "detail": title}]})
}
