//! User management API: `/users/{account_id}/manage…`.

// Helpers return the error `Response` itself; it is built once per failed request and moved
// straight out of the handler, so boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use std::sync::MutexGuard;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::model::{Account, LifecycleState};
use crate::server::{App, bearer, is_json_content_type, lock, no_content, um_error, um_json};
use crate::state::State as SandboxState;

/// The privileges `GET /manage` knows, in answer order.
const PRIVILEGES: &[&str] = &[
    "profile",
    "profile.write",
    "profile.read",
    "email.set",
    "lifecycle.enablement",
    "lifecycle.delete",
    "apiToken.read",
    "apiToken.delete",
];

/// The profile fields `profile.write` covers (JSON paths).
const PROFILE_FIELDS: &[&str] = &[
    "name",
    "nickname",
    "zoneinfo",
    "locale",
    "extended_profile.job_title",
    "extended_profile.organization",
    "extended_profile.department",
    "extended_profile.location",
];

/// Read-only fields of `AtlassianAccountUser` a PATCH may not name.
const READ_ONLY_FIELDS: &[&str] =
    &["account_id", "account_type", "account_status", "picture", "email", "characteristics"];

const LIFECYCLE_LINK: &str = "https://confluence.atlassian.com/x/pTgoPQ";

fn allowed() -> Value {
    json!({"allowed": true})
}

fn refused(reason: &str) -> Value {
    json!({"allowed": false, "reason": {"key": reason}})
}

/// Why the org admin may not use `privilege` on `acct`, if they may not.
fn restriction(acct: &Account, privilege: &str) -> Option<&'static str> {
    match privilege {
        "profile.read" => None,
        "apiToken.read" | "apiToken.delete" => (!acct.managed).then_some("managedAccount"),
        // email.set, lifecycle.*
        _ if !acct.managed => Some("managedAccount"),
        _ if acct.is_scim_managed() => Some("externalDirectory.scim"),
        _ => None,
    }
}

/// Why a profile field may not be changed, if it may not.
fn field_restriction(acct: &Account, field: &str) -> Option<&'static str> {
    if !acct.managed {
        return Some("managedAccount");
    }
    let synced = field == "name" || field.starts_with("extended_profile.");
    (acct.is_scim_managed() && synced).then_some("externalDirectory.scim")
}

fn rule(reason: Option<&str>) -> Value {
    reason.map_or_else(allowed, refused)
}

fn privilege_rule(acct: &Account, privilege: &str) -> Value {
    match privilege {
        "profile" | "profile.write" => Value::Object(
            PROFILE_FIELDS.iter().map(|f| (f.to_string(), rule(field_restriction(acct, f)))).collect(),
        ),
        p => rule(restriction(acct, p)),
    }
}

/// Checks the org admin key and finds the account.
fn guard<'a>(
    app: &'a App,
    headers: &HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Result<(MutexGuard<'a, SandboxState>, String), Response> {
    let state = lock(&app.state);
    if bearer(headers) != Some(state.admin_key.as_str()) {
        return Err(um_error(StatusCode::UNAUTHORIZED, "unauthorized", None));
    }
    let Ok(Path(account_id)) = path else {
        return Err(um_error(StatusCode::NOT_FOUND, "accountNotFound", None));
    };
    if !state.accounts.contains_key(&account_id) {
        return Err(um_error(StatusCode::NOT_FOUND, "accountNotFound", None));
    }
    Ok((state, account_id))
}

fn forbidden_action(reason: &str) -> Response {
    um_error(StatusCode::FORBIDDEN, "forbidden.action", Some(refused(reason)))
}

fn body_parse_failure() -> Response {
    um_error(StatusCode::BAD_REQUEST, "bodyParseFailure", None)
}

/// Parses a JSON object body, mapping every problem to Atlassian's 400/415 shapes.
fn json_object(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<Map<String, Value>, Response> {
    let Ok(body) = body else {
        return Err(body_parse_failure());
    };
    if !is_json_content_type(headers) {
        return Err(um_error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "unsupportedMediaType",
            Some(json!({"message": "Content-Type must be application/json"})),
        ));
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(body_parse_failure()),
    }
}

fn violation(field: &str, keys: &[&str]) -> Value {
    json!({"field": field, "violations": keys.iter().map(|k| json!({"key": k})).collect::<Vec<_>>()})
}

fn constraints_violated(violations: Vec<Value>) -> Response {
    um_error(
        StatusCode::BAD_REQUEST,
        "fieldConstraintsViolated",
        Some(json!({"fieldViolations": violations})),
    )
}

fn has_control_chars(s: &str) -> bool {
    s.chars().any(char::is_control)
}

fn string_violations(value: &Value, min: usize, max: usize) -> Vec<&'static str> {
    let Some(s) = value.as_str() else {
        return vec!["type"];
    };
    let mut v = Vec::new();
    let len = s.chars().count();
    if len < min {
        v.push("minLength");
    }
    if len > max {
        v.push("maxLength");
    }
    if has_control_chars(s) {
        v.push("validCharacters");
    }
    v
}

/// `GET /users/{account_id}/manage[?privileges=…]`
pub(crate) async fn get_manage(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, id) = match guard(&app, &headers, path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let mut wanted: Vec<String> = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes()) {
        if k == "privileges" {
            if !PRIVILEGES.contains(&v.as_ref()) {
                return um_error(
                    StatusCode::BAD_REQUEST,
                    "invalidPrivilege",
                    Some(
                        json!({"privilege": v, "allowed": PRIVILEGES, "hint": "repeat the key: ?privileges=a&privileges=b"}),
                    ),
                );
            }
            if !wanted.iter().any(|w| *w == v) {
                wanted.push(v.into_owned());
            }
        }
    }
    let Some(acct) = state.accounts.get(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    let list: Vec<&str> =
        if wanted.is_empty() { PRIVILEGES.to_vec() } else { wanted.iter().map(String::as_str).collect() };
    let body: Map<String, Value> = list.iter().map(|p| (p.to_string(), privilege_rule(acct, p))).collect();
    um_json(StatusCode::OK, &Value::Object(body))
}

/// `GET /users/{account_id}/manage/profile`
pub(crate) async fn get_profile(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let (state, id) = match guard(&app, &headers, path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    match state.accounts.get(&id) {
        Some(acct) => um_json(StatusCode::OK, &json!({"account": acct.to_wire()})),
        None => um_error(StatusCode::NOT_FOUND, "accountNotFound", None),
    }
}

/// `PATCH /users/{account_id}/manage/profile`
pub(crate) async fn patch_profile(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (mut state, id) = match guard(&app, &headers, path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let body = match json_object(&headers, body) {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    if body.is_empty() {
        return body_parse_failure();
    }
    // Flatten to JSON paths and validate.
    let mut changes: Vec<(String, Value)> = Vec::new();
    let mut violations = Vec::new();
    for (k, v) in &body {
        if k == "extended_profile" {
            let Some(ext) = v.as_object() else {
                violations.push(violation(k, &["type"]));
                continue;
            };
            for (sk, sv) in ext {
                changes.push((format!("extended_profile.{sk}"), sv.clone()));
            }
        } else {
            changes.push((k.clone(), v.clone()));
        }
    }
    for (field, value) in &changes {
        let keys = if READ_ONLY_FIELDS.contains(&field.as_str()) {
            vec!["readOnly"]
        } else if !PROFILE_FIELDS.contains(&field.as_str()) {
            vec!["unknownField"]
        } else {
            match field.as_str() {
                "name" => string_violations(value, 1, 100),
                "nickname" => string_violations(value, 1, 30),
                _ => string_violations(value, 0, 255),
            }
        };
        if !keys.is_empty() {
            violations.push(violation(field, &keys));
        }
    }
    if !violations.is_empty() {
        return constraints_violated(violations);
    }
    let Some(acct) = state.accounts.get_mut(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    let refusals: Map<String, Value> = changes
        .iter()
        .filter_map(|(f, _)| field_restriction(acct, f).map(|r| (f.clone(), refused(r))))
        .collect();
    if !refusals.is_empty() {
        return um_error(StatusCode::FORBIDDEN, "forbidden.fieldMutation", Some(Value::Object(refusals)));
    }
    for (field, value) in changes {
        let s = value.as_str().unwrap_or_default().to_string();
        let ext = &mut acct.extended_profile;
        match field.as_str() {
            "name" => acct.name = s,
            "nickname" => acct.nickname = s,
            "zoneinfo" => acct.zoneinfo = Some(s),
            "locale" => acct.locale = Some(s),
            "extended_profile.job_title" => ext.job_title = Some(s),
            "extended_profile.organization" => ext.organization = Some(s),
            "extended_profile.department" => ext.department = Some(s),
            "extended_profile.location" => ext.location = Some(s),
            _ => {}
        }
    }
    um_json(StatusCode::OK, &json!({"account": acct.to_wire()}))
}

/// Checks an email address; the violation keys if it is not acceptable.
fn email_violations(email: &str) -> Vec<&'static str> {
    let mut v = Vec::new();
    if has_control_chars(email) || email.chars().any(char::is_whitespace) {
        v.push("validCharacters");
    }
    match email.rsplit_once('@') {
        Some((local, domain)) if !local.is_empty() && !domain.is_empty() && !domain.starts_with('.') => {
            if local.len() > 255 || domain.split('.').any(|p| p.len() > 255) {
                v.push("partMaxLength");
            }
            if domain.split('.').any(str::is_empty) {
                v.push("format");
            }
        }
        _ => v.push("format"),
    }
    v
}

/// `PUT /users/{account_id}/manage/email`
pub(crate) async fn set_email(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (mut state, id) = match guard(&app, &headers, path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let body = match json_object(&headers, body) {
        Ok(b) => b,
        Err(resp) => return resp,
    };
    let email = match body.get("email") {
        Some(Value::String(e)) => e.trim().to_string(),
        Some(_) => return constraints_violated(vec![violation("email", &["type"])]),
        None => return constraints_violated(vec![violation("email", &["required"])]),
    };
    let problems = email_violations(&email);
    if !problems.is_empty() {
        return constraints_violated(vec![violation("email", &problems)]);
    }
    let domain = email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()).unwrap_or_default();
    let verified = state.is_verified(&domain);
    let Some(acct) = state.accounts.get_mut(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    if let Some(reason) = restriction(acct, "email.set") {
        return forbidden_action(reason);
    }
    if !verified {
        return um_error(StatusCode::FORBIDDEN, "forbidden.unclaimedDomain", Some(json!({"domain": domain})));
    }
    acct.email = email;
    acct.sessions_invalidated += 1;
    no_content()
}

/// `GET /users/{account_id}/manage/api-tokens`
pub(crate) async fn list_tokens(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let (state, id) = match guard(&app, &headers, path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let Some(acct) = state.accounts.get(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    if let Some(reason) = restriction(acct, "apiToken.read") {
        return forbidden_action(reason);
    }
    um_json(StatusCode::OK, &Value::Array(acct.api_tokens.iter().map(|t| t.to_wire()).collect()))
}

/// `DELETE /users/{account_id}/manage/api-tokens/{tokenId}`
pub(crate) async fn delete_token(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (account_path, token_id) = match path {
        Ok(Path((a, t))) => (Ok(Path(a)), t),
        Err(e) => (Err(e), String::new()),
    };
    let (mut state, id) = match guard(&app, &headers, account_path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    let Some(acct) = state.accounts.get_mut(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    if let Some(reason) = restriction(acct, "apiToken.delete") {
        return forbidden_action(reason);
    }
    let before = acct.api_tokens.len();
    acct.api_tokens.retain(|t| t.id != token_id);
    if acct.api_tokens.len() == before {
        return um_error(StatusCode::NOT_FOUND, "notFound", None);
    }
    no_content()
}

fn conflict(account_id: &str, code: &str, message: &str) -> Response {
    um_error(
        StatusCode::CONFLICT,
        "conflict.lifecycleErrors",
        Some(json!({
            "message": "This account isn't eligible for the requested action",
            "accountId": account_id,
            "errorCodes": [{"code": code, "message": message, "link": LIFECYCLE_LINK}],
        })),
    )
}

/// `POST /users/{account_id}/manage/lifecycle/{disable|enable|delete|cancel-delete}`
pub(crate) async fn lifecycle(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (account_path, action) = match path {
        Ok(Path((a, act))) => (Ok(Path(a)), act),
        Err(e) => (Err(e), String::new()),
    };
    let (mut state, id) = match guard(&app, &headers, account_path) {
        Ok(x) => x,
        Err(resp) => return resp,
    };
    if !matches!(action.as_str(), "disable" | "enable" | "delete" | "cancel-delete") {
        return um_error(StatusCode::NOT_FOUND, "notFound", None);
    }
    // disable takes an optional `{message}`; an empty body is accepted (Postman sends one).
    let mut message = None;
    if action == "disable" && body.as_ref().is_ok_and(|b| !b.iter().all(u8::is_ascii_whitespace)) {
        match json_object(&headers, body) {
            Ok(map) => match map.get("message") {
                None | Some(Value::Null) => {}
                Some(Value::String(m)) => message = Some(m.clone()),
                Some(_) => return constraints_violated(vec![violation("message", &["type"])]),
            },
            Err(resp) => return resp,
        }
    }
    let Some(acct) = state.accounts.get_mut(&id) else {
        return um_error(StatusCode::NOT_FOUND, "accountNotFound", None);
    };
    let privilege = if action.contains("delete") { "lifecycle.delete" } else { "lifecycle.enablement" };
    if let Some(reason) = restriction(acct, privilege) {
        return forbidden_action(reason);
    }
    match (action.as_str(), &acct.status) {
        ("disable", LifecycleState::Active | LifecycleState::Inactive { .. }) => {
            acct.status = LifecycleState::Inactive { message };
            no_content()
        }
        ("enable", LifecycleState::Active | LifecycleState::Inactive { .. }) => {
            acct.status = LifecycleState::Active;
            no_content()
        }
        ("delete", LifecycleState::Active | LifecycleState::Inactive { .. }) => {
            acct.status = LifecycleState::PendingDeletion { requested_at: crate::time::now_iso() };
            um_json(
                StatusCode::OK,
                &json!({"message": "The account will be deleted after a 14-day grace period. Use cancel-delete to restore it before then."}),
            )
        }
        ("cancel-delete", LifecycleState::PendingDeletion { .. }) => {
            acct.status = LifecycleState::Active;
            um_json(
                StatusCode::OK,
                &json!({"message": "The account deletion was cancelled and the account is active."}),
            )
        }
        ("cancel-delete", _) => {
            conflict(&id, "lifecycle.notPendingDeletion", "The account is not scheduled for deletion.")
        }
        (_, LifecycleState::PendingDeletion { .. }) => conflict(
            &id,
            "lifecycle.pendingDeletion",
            "The account is scheduled for deletion; cancel the deletion before changing it.",
        ),
        (_, _) => conflict(&id, "lifecycle.closed", "The account is closed."),
    }
}
