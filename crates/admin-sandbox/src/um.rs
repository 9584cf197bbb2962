//! User management API: `/users/{account_id}/manage…`.

// Helpers return the error `Response` itself; it is built once per failed request and moved
// straight out of the handler, so boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;
use std::sync::{LazyLock, MutexGuard};

use admin_models::user_management::{
    ErrorKey, FieldViolation, LifecycleError, LifecycleMessage, LifecycleResult, PermissionEntry,
    Permissions, Privilege, ProfileResponse, ProfileUpdate, Restriction, RestrictionReason, Rule,
    SetEmailRequest, Violation,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;
use serde_json::{Map, Value, json};

use crate::app::{App, lock};
use crate::http::{bearer, is_json_content_type, no_content, um_error, um_json};
use crate::model::{Account, LifecycleState};
use crate::org_state::ADMIN_ACTOR;
use crate::state::State as SandboxState;

/// The JSON paths of an object's leaves, one level of nesting deep (`extended_profile.job_title`).
fn leaf_paths(value: &Value) -> Vec<String> {
    let Value::Object(map) = value else { return Vec::new() };
    map.iter()
        .flat_map(|(k, v)| match v {
            Value::Object(inner) => inner.keys().map(|sk| format!("{k}.{sk}")).collect(),
            _ => vec![k.clone()],
        })
        .collect()
}

/// The profile fields `profile.write` covers (JSON paths): every field of [`ProfileUpdate`].
static PROFILE_FIELDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let all = ProfileUpdate::new()
        .name("-")
        .nickname("-")
        .zoneinfo("-")
        .locale("-")
        .job_title("-")
        .organization("-")
        .department("-")
        .location("-");
    leaf_paths(&serde_json::to_value(all).unwrap_or_default())
});

/// Fields of the profile a PATCH may not name: those of the account that [`ProfileUpdate`] lacks.
static READ_ONLY_FIELDS: LazyLock<Vec<String>> = LazyLock::new(|| {
    let account = serde_json::to_value(Account::new("x", "x@x", "x").to_wire()).unwrap_or_default();
    let Value::Object(map) = account else { return Vec::new() };
    map.keys().filter(|k| *k != "extended_profile" && !PROFILE_FIELDS.contains(k)).cloned().collect()
});

const LIFECYCLE_LINK: &str = "https://confluence.atlassian.com/x/pTgoPQ";

fn rule(reason: Option<RestrictionReason>) -> Rule {
    Rule {
        allowed: reason.is_none(),
        reason: reason.map(|key| Restriction { key, extra: Default::default() }),
        extra: Default::default(),
    }
}

/// `{"allowed": false, "reason": {"key": …}}` as a context value.
fn refused(reason: RestrictionReason) -> Value {
    serde_json::to_value(rule(Some(reason))).unwrap_or_default()
}

/// Why the org admin may not use `privilege` on `acct`, if they may not.
fn restriction(acct: &Account, privilege: &Privilege) -> Option<RestrictionReason> {
    match privilege {
        Privilege::ProfileRead => None,
        Privilege::ApiTokenRead | Privilege::ApiTokenDelete => {
            (!acct.managed).then_some(RestrictionReason::ManagedAccount)
        }
        // email.set, lifecycle.*
        _ if !acct.managed => Some(RestrictionReason::ManagedAccount),
        _ if acct.is_scim_managed() => Some(RestrictionReason::ExternalDirectoryScim),
        _ => None,
    }
}

/// Why a profile field may not be changed, if it may not.
fn field_restriction(acct: &Account, field: &str) -> Option<RestrictionReason> {
    if !acct.managed {
        return Some(RestrictionReason::ManagedAccount);
    }
    let synced = field == "name" || field.starts_with("extended_profile.");
    (acct.is_scim_managed() && synced).then_some(RestrictionReason::ExternalDirectoryScim)
}

fn privilege_rule(acct: &Account, privilege: &Privilege) -> PermissionEntry {
    match privilege {
        Privilege::Profile | Privilege::ProfileWrite => PermissionEntry::Fields(
            PROFILE_FIELDS.iter().map(|f| (f.clone(), rule(field_restriction(acct, f)))).collect(),
        ),
        p => PermissionEntry::Rule(rule(restriction(acct, p))),
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
        return Err(um_error(StatusCode::UNAUTHORIZED, ErrorKey::Unauthorized, None));
    }
    let Ok(Path(account_id)) = path else {
        return Err(um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None));
    };
    if state.account(&account_id).is_none() {
        return Err(um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None));
    }
    Ok((state, account_id))
}

fn forbidden_action(reason: RestrictionReason) -> Response {
    um_error(StatusCode::FORBIDDEN, ErrorKey::ForbiddenAction, Some(refused(reason)))
}

fn body_parse_failure() -> Response {
    um_error(StatusCode::BAD_REQUEST, ErrorKey::BodyParseFailure, None)
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
            ErrorKey::from("unsupportedMediaType"),
            Some(json!({"message": "Content-Type must be application/json"})),
        ));
    }
    match serde_json::from_slice::<Value>(&body) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(body_parse_failure()),
    }
}

fn violation(field: &str, keys: &[&str]) -> FieldViolation {
    FieldViolation {
        field: field.to_owned(),
        violations: keys.iter().map(|k| Violation { key: (*k).to_owned() }).collect(),
    }
}

fn constraints_violated(violations: Vec<FieldViolation>) -> Response {
    um_error(
        StatusCode::BAD_REQUEST,
        ErrorKey::FieldConstraintsViolated,
        Some(json!({ "fieldViolations": violations })),
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
    let mut wanted: Vec<Privilege> = Vec::new();
    for (k, v) in url::form_urlencoded::parse(query.as_deref().unwrap_or_default().as_bytes()) {
        if k == "privileges" {
            let privilege = Privilege::from(v.as_ref());
            if privilege.is_unknown() {
                let allowed: Vec<&str> = Privilege::ALL.iter().map(Privilege::as_str).collect();
                return um_error(
                    StatusCode::BAD_REQUEST,
                    ErrorKey::from("invalidPrivilege"),
                    Some(
                        json!({"privilege": v, "allowed": allowed, "hint": "repeat the key: ?privileges=a&privileges=b"}),
                    ),
                );
            }
            if !wanted.contains(&privilege) {
                wanted.push(privilege);
            }
        }
    }
    let Some(acct) = state.account(&id) else {
        return um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None);
    };
    let list = if wanted.is_empty() { Privilege::ALL.to_vec() } else { wanted };
    let entries: BTreeMap<String, PermissionEntry> =
        list.iter().map(|p| (p.as_str().to_owned(), privilege_rule(acct, p))).collect();
    um_json(StatusCode::OK, &Permissions { entries })
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
    match state.account(&id) {
        Some(acct) => {
            um_json(StatusCode::OK, &ProfileResponse { account: acct.to_wire(), extra: Default::default() })
        }
        None => um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None),
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
        let keys = if READ_ONLY_FIELDS.contains(field) {
            vec!["readOnly"]
        } else if !PROFILE_FIELDS.contains(field) {
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
    let Some(acct) = state.account(&id) else {
        return um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None);
    };
    let refusals: Map<String, Value> = changes
        .iter()
        .filter_map(|(f, _)| field_restriction(acct, f).map(|r| (f.clone(), refused(r))))
        .collect();
    if !refusals.is_empty() {
        return um_error(
            StatusCode::FORBIDDEN,
            ErrorKey::ForbiddenFieldMutation,
            Some(Value::Object(refusals)),
        );
    }
    // Every field is known and a string now: the body is a valid ProfileUpdate.
    let Ok(update) = serde_json::from_value::<ProfileUpdate>(Value::Object(body)) else {
        return body_parse_failure();
    };
    let updated = state.update_account(&id, |acct| {
        let ext = &mut acct.extended_profile;
        let new = update.extended_profile;
        for (slot, value) in [
            (&mut ext.job_title, new.job_title),
            (&mut ext.organization, new.organization),
            (&mut ext.department, new.department),
            (&mut ext.location, new.location),
        ] {
            if value.is_some() {
                *slot = value;
            }
        }
        if let Some(name) = update.name {
            acct.name = name;
        }
        if let Some(nickname) = update.nickname {
            acct.nickname = nickname;
        }
        if update.zoneinfo.is_some() {
            acct.zoneinfo = update.zoneinfo;
        }
        if update.locale.is_some() {
            acct.locale = update.locale;
        }
        acct.to_wire()
    });
    match updated {
        Some(account) => {
            state.record("user_profile_updated", ADMIN_ACTOR, &[(&id, "users")]);
            um_json(StatusCode::OK, &ProfileResponse { account, extra: Default::default() })
        }
        None => um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None),
    }
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
    let request = match body.get("email") {
        Some(Value::String(_)) => match serde_json::from_value::<SetEmailRequest>(Value::Object(body)) {
            Ok(r) => r,
            Err(_) => return body_parse_failure(),
        },
        Some(_) => return constraints_violated(vec![violation("email", &["type"])]),
        None => return constraints_violated(vec![violation("email", &["required"])]),
    };
    let email = request.email.trim().to_string();
    let problems = email_violations(&email);
    if !problems.is_empty() {
        return constraints_violated(vec![violation("email", &problems)]);
    }
    let domain = email.rsplit_once('@').map(|(_, d)| d.to_ascii_lowercase()).unwrap_or_default();
    let verified = state.is_verified(&domain);
    let Some(acct) = state.account(&id) else {
        return um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None);
    };
    if let Some(reason) = restriction(acct, &Privilege::EmailSet) {
        return forbidden_action(reason);
    }
    if !verified {
        return um_error(
            StatusCode::FORBIDDEN,
            ErrorKey::ForbiddenUnclaimedDomain,
            Some(json!({ "domain": domain })),
        );
    }
    state.update_account(&id, |acct| {
        acct.email = email;
        acct.sessions_invalidated += 1;
    });
    state.record("user_email_changed", ADMIN_ACTOR, &[(&id, "users")]);
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
    let Some(acct) = state.account(&id) else {
        return um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None);
    };
    if let Some(reason) = restriction(acct, &Privilege::ApiTokenRead) {
        return forbidden_action(reason);
    }
    let tokens: Vec<_> = acct.api_tokens.iter().map(|t| t.to_wire()).collect();
    um_json(StatusCode::OK, &tokens)
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
    let result = state.update_account(&id, |acct| {
        if let Some(reason) = restriction(acct, &Privilege::ApiTokenDelete) {
            return forbidden_action(reason);
        }
        let before = acct.api_tokens.len();
        acct.api_tokens.retain(|t| t.id != token_id);
        if acct.api_tokens.len() == before {
            return um_error(StatusCode::NOT_FOUND, ErrorKey::NotFound, None);
        }
        no_content()
    });
    let result = result.unwrap_or_else(|| um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None));
    if result.status().is_success() {
        state.record("api_token_revoked", ADMIN_ACTOR, &[(&id, "users"), (&token_id, "tokens")]);
    }
    result
}

fn conflict(account_id: &str, code: &str, message: &str) -> Response {
    let error = LifecycleError {
        code: code.to_owned(),
        message: Some(message.to_owned()),
        link: Some(LIFECYCLE_LINK.to_owned()),
    };
    um_error(
        StatusCode::CONFLICT,
        ErrorKey::ConflictLifecycleErrors,
        Some(json!({
            "message": "This account isn't eligible for the requested action",
            "accountId": account_id,
            "errorCodes": [error],
        })),
    )
}

fn lifecycle_result(message: &str) -> Response {
    um_json(StatusCode::OK, &LifecycleResult { message: Some(message.to_owned()), extra: Default::default() })
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
        return um_error(StatusCode::NOT_FOUND, ErrorKey::NotFound, None);
    }
    // disable takes an optional `{message}`; an empty body is accepted (Postman sends one).
    let mut message = None;
    if action == "disable" && body.as_ref().is_ok_and(|b| !b.iter().all(u8::is_ascii_whitespace)) {
        match json_object(&headers, body) {
            Ok(map) => match serde_json::from_value::<LifecycleMessage>(Value::Object(map)) {
                Ok(body) => message = body.message,
                Err(_) => return constraints_violated(vec![violation("message", &["type"])]),
            },
            Err(resp) => return resp,
        }
    }
    let privilege =
        if action.contains("delete") { Privilege::LifecycleDelete } else { Privilege::LifecycleEnablement };
    let result = state.update_account(&id, |acct| {
        if let Some(reason) = restriction(acct, &privilege) {
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
                lifecycle_result(
                    "The account will be deleted after a 14-day grace period. Use cancel-delete to restore it before then.",
                )
            }
            ("cancel-delete", LifecycleState::PendingDeletion { .. }) => {
                acct.status = LifecycleState::Active;
                lifecycle_result("The account deletion was cancelled and the account is active.")
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
    });
    let result = result.unwrap_or_else(|| um_error(StatusCode::NOT_FOUND, ErrorKey::AccountNotFound, None));
    if result.status().is_success() {
        let action = match action.as_str() {
            "disable" => "user_deactivated",
            "enable" => "user_activated",
            "delete" => "user_deletion_scheduled",
            _ => "user_deletion_cancelled",
        };
        state.record(action, ADMIN_ACTOR, &[(&id, "users")]);
    }
    result
}
