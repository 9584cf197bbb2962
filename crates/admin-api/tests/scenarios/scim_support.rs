//! Helpers shared by the SCIM scenarios (compiled once per facade, like the scenarios).
#![allow(dead_code)]

use std::time::Duration;

use admin_api::models::scim::ERROR_SCHEMA;
use admin_api::models::{DirectoryId, GroupId, ScimUserId};
use admin_api::{RetryPolicy, ScimApiKey};
use httpmock::MockServer;
use serde_json::{Value, json};

use super::{Client, ScimService};

/// The directory SCIM key every SCIM scenario uses.
pub const SCIM_KEY: &str = "test-scim-key";
/// Its `Authorization` header.
pub const BEARER: &str = "Bearer test-scim-key";
/// A directory id whose space and `/` must be percent-encoded.
pub const DIRECTORY_ID: &str = "dir 1/x";
/// The path prefix of every SCIM request, with the directory id encoded.
pub const DIR: &str = "/scim/directory/dir%201%2Fx";
/// A user id whose `/`, space and `?` must be percent-encoded.
pub const USER_ID: &str = "u/1 ?";
/// The same id on the wire.
pub const USER_ID_ENCODED: &str = "u%2F1%20%3F";
/// A group id whose `#` and `%` must be percent-encoded.
pub const GROUP_ID: &str = "g#1%";
/// The same id on the wire.
pub const GROUP_ID_ENCODED: &str = "g%231%25";
/// What we accept.
pub const ACCEPT: &str = "application/scim+json, application/json;q=0.9";
/// The SCIM media type.
pub const SCIM_JSON: &str = "application/scim+json";

pub fn scim(server: &MockServer) -> ScimService {
    scim_with(server, RetryPolicy::default().base_delay(Duration::from_millis(1)))
}

pub fn scim_with(server: &MockServer, retry: RetryPolicy) -> ScimService {
    Client::builder()
        .base_url(server.base_url())
        .retry_policy(retry)
        .build()
        .expect("client builds")
        .scim(ScimApiKey::new(SCIM_KEY, DirectoryId::new(DIRECTORY_ID).unwrap()).unwrap())
}

pub fn user_id() -> ScimUserId {
    ScimUserId::new(USER_ID).unwrap()
}

pub fn group_id() -> GroupId {
    GroupId::new(GROUP_ID).unwrap()
}

pub fn user_path() -> String {
    format!("{DIR}/Users/{USER_ID_ENCODED}")
}

pub fn group_path() -> String {
    format!("{DIR}/Groups/{GROUP_ID_ENCODED}")
}

/// A user as the server returns it.
pub fn user_json(id: &str, user_name: &str) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
        "id": id,
        "userName": user_name,
        "emails": [{"value": user_name, "type": "work", "primary": true}],
        "displayName": "Lila User",
        "active": true,
        "urn:scim:schemas:extension:atlassian-external:1.0": {"atlassianAccountId": "5b10ac8d82e05b22cc7d4ef5"},
        "meta": {"resourceType": "User", "created": "2024-01-02T03:04:05Z", "lastModified": "2024-01-02T03:04:05Z"}
    })
}

/// A group as the server returns it.
pub fn group_json(id: &str, name: &str, members: &[&str]) -> Value {
    let members: Vec<Value> =
        members.iter().map(|m| json!({"value": m, "display": m, "type": "User"})).collect();
    json!({
        "schemas": ["urn:ietf:params:scim:schemas:core:2.0:Group"],
        "id": id,
        "displayName": name,
        "members": members,
        "meta": {"resourceType": "Group"}
    })
}

/// A list response.
pub fn list_json(total: u64, start: u64, resources: Vec<Value>) -> Value {
    json!({
        "schemas": ["urn:ietf:params:scim:api:messages:2.0:ListResponse"],
        "totalResults": total,
        "startIndex": start,
        "itemsPerPage": resources.len(),
        "Resources": resources
    })
}

/// A page of users with the given ids.
pub fn users_page(total: u64, start: u64, ids: &[&str]) -> String {
    list_json(total, start, ids.iter().map(|id| user_json(id, &format!("{id}@example.com"))).collect())
        .to_string()
}

/// A SCIM error body.
pub fn scim_error(status: u16, scim_type: Option<&str>, detail: &str) -> String {
    let mut body = json!({"schemas": [ERROR_SCHEMA], "status": status.to_string(), "detail": detail});
    if let Some(scim_type) = scim_type {
        body["scimType"] = json!(scim_type);
    }
    body.to_string()
}

/// The API error of `error`, or a panic naming what came instead.
pub fn api_error(error: &admin_api::Error) -> &admin_api::ApiError {
    error.api_error().unwrap_or_else(|| panic!("expected an API error, got {error:?}"))
}

/// The message of a build error, or a panic naming what came instead.
pub fn invalid_argument(error: &admin_api::Error) -> &str {
    match error {
        admin_api::Error::Build(admin_api::BuildError::InvalidArgument(message)) => message,
        other => panic!("expected a build error, got {other:?}"),
    }
}
