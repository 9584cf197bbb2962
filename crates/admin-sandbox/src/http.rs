//! What every handler shares: the application state, auth, body reading and response
//! builders. Every body written here is an admin-models type serialized; nothing in the
//! sandbox writes JSON by hand.
//!
//! Handlers import this module, [`crate::app`] and the state; only [`crate::router`] imports
//! the handlers. This module imports nothing of the crate.

use admin_models::scim::{ERROR_SCHEMA, Failure, ScimError, ScimType};
use admin_models::user_management::{ErrorKey, ErrorResponse};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use serde_json::Value;

// ----- auth ----------------------------------------------------------------------------------

/// The token of an `Authorization: Bearer …` header.
pub(crate) fn bearer(headers: &HeaderMap) -> Option<&str> {
    let value = headers.get(header::AUTHORIZATION)?.to_str().ok()?.trim();
    let (scheme, token) = value.split_once(' ')?;
    scheme.eq_ignore_ascii_case("bearer").then(|| token.trim()).filter(|t| !t.is_empty())
}

pub(crate) fn trace_id() -> String {
    (0..16).map(|_| format!("{:x}", fastrand::u8(..16))).collect()
}

// ----- bodies --------------------------------------------------------------------------------

/// Whether the request declares a JSON media type (`application/json`, `application/scim+json`,
/// any `+json`, parameters ignored).
pub(crate) fn is_json_content_type(headers: &HeaderMap) -> bool {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_ascii_lowercase())
        .is_some_and(|m| m == "application/json" || (m.starts_with("application/") && m.ends_with("+json")))
}

fn json_response<T: Serialize>(status: StatusCode, content_type: &'static str, body: &T) -> Response {
    let bytes = serde_json::to_vec(body).unwrap_or_default();
    (status, [(header::CONTENT_TYPE, HeaderValue::from_static(content_type))], bytes).into_response()
}

/// A user-management JSON response.
pub(crate) fn um_json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    json_response(status, "application/json", body)
}

/// A user-management error [`ErrorResponse`] `{"key": …, "context"?: …}`.
pub(crate) fn um_error(status: StatusCode, key: ErrorKey, context: Option<Value>) -> Response {
    um_json(status, &ErrorResponse { key, context })
}

/// A SCIM JSON response (`application/scim+json`).
pub(crate) fn scim_json<T: Serialize>(status: StatusCode, body: &T) -> Response {
    json_response(status, "application/scim+json", body)
}

/// A refused SCIM request: its HTTP status, `scimType` and `detail`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ScimFailure {
    pub status: u16,
    pub scim_type: Option<ScimType>,
    pub detail: String,
}

impl ScimFailure {
    pub(crate) fn new(status: u16, scim_type: Option<ScimType>, detail: impl Into<String>) -> Self {
        Self { status, scim_type, detail: detail.into() }
    }
    pub(crate) fn bad(scim_type: ScimType, detail: impl Into<String>) -> Self {
        Self::new(400, Some(scim_type), detail)
    }
    pub(crate) fn not_found(detail: impl Into<String>) -> Self {
        Self::new(404, None, detail)
    }
    pub(crate) fn conflict(detail: impl Into<String>) -> Self {
        Self::new(409, Some(ScimType::Uniqueness), detail)
    }

    /// The [`ScimError`] body; `status` is a string, as Atlassian sends it.
    pub(crate) fn to_wire(&self) -> ScimError {
        ScimError {
            schemas: vec![ERROR_SCHEMA.to_owned()],
            status: self.status.to_string(),
            scim_type: self.scim_type.clone(),
            detail: Some(self.detail.clone()),
        }
    }
}

/// A SCIM error response.
/// A path's parameters, or the SCIM 404 a path that does not parse answers (SCIM API and the
/// provisioning "Admin APIs"). The error is the `Response` itself, moved straight out of the
/// handler.
#[allow(clippy::result_large_err)]
pub(crate) fn scim_path_or_404<T>(
    path: Result<axum::extract::Path<T>, axum::extract::rejection::PathRejection>,
) -> Result<T, Response> {
    path.map(|axum::extract::Path(p)| p)
        .map_err(|_| scim_error(&ScimFailure::not_found("Resource not found")))
}

pub(crate) fn scim_error(f: &ScimFailure) -> Response {
    scim_json(StatusCode::from_u16(f.status).unwrap_or(StatusCode::BAD_REQUEST), &f.to_wire())
}

/// Atlassian's 401/403 [`Failure`] body for the provisioning API.
pub(crate) fn scim_failure(status: StatusCode, message: &str) -> Response {
    json_response(
        status,
        "application/json",
        &Failure { error: Some(message.to_owned()), trace_id: Some(trace_id()) },
    )
}

pub(crate) fn no_content() -> Response {
    StatusCode::NO_CONTENT.into_response()
}

/// Reads an id type (whose serde form is a plain string) from any string, unchecked: the
/// sandbox keeps whatever ids were seeded or sent.
pub(crate) fn wire_id<T: serde::de::DeserializeOwned>(id: &str) -> T {
    match serde_json::from_value(Value::String(id.to_owned())) {
        Ok(id) => id,
        // Every id type of admin-models is a transparent string: this cannot fail.
        Err(e) => unreachable!("an id type that is not a string: {e}"),
    }
}
