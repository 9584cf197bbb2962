//! Turning responses into values or typed errors. No I/O.

use std::time::SystemTime;

use admin_models::org::{ApplicationErrors, ProxyError};
use admin_models::scim::{Failure, ScimError};
use admin_models::user_management::ErrorResponse;
use admin_transport::{HttpResponse, header};
use serde::de::DeserializeOwned;

use super::error::{ApiError, ApiErrorBody, DecodeError, Error, RateLimitInfo, redirect_error};
use super::plan::{ApiFamily, RequestPlan};
use super::retry;

/// The final response of a call (after retries): a 2xx passes, a 3xx is a transport error (never
/// followed), anything else becomes a typed [`ApiError`].
pub(crate) fn check_status(
    plan: &RequestPlan,
    response: HttpResponse,
    attempts: u32,
) -> Result<HttpResponse, Error> {
    let status = response.status;
    if status.is_success() {
        return Ok(response);
    }
    if status.is_redirection() {
        return Err(Error::Transport(redirect_error(status, response.header(header::LOCATION.as_str()))));
    }
    Err(api_error(plan, &response, attempts, SystemTime::now()).into())
}

/// Parses an error response.
pub(crate) fn api_error(
    plan: &RequestPlan,
    response: &HttpResponse,
    attempts: u32,
    now: SystemTime,
) -> ApiError {
    let body = parse_error_body(plan.family, response.status.as_u16(), &response.body);
    let request_id = match &body {
        ApiErrorBody::ScimFailure(failure) => failure.trace_id.clone(),
        _ => None,
    }
    .or_else(|| {
        ["x-request-id", "atl-traceid", "x-trace-id"]
            .iter()
            .find_map(|h| response.header(h).map(str::to_owned))
    });
    let number = |name: &str| response.header(name).and_then(|v| v.trim().parse().ok());
    ApiError {
        method: plan.method.clone(),
        path_template: plan.path_template,
        status: response.status,
        body,
        raw: response.body_text().into_owned(),
        retry_after: retry::server_delay(&response.headers, now)
            .filter(|wait| *wait <= ApiError::MAX_CREDIBLE_WAIT),
        retry_hint: retry_hint(response, now),
        rate_limit: RateLimitInfo {
            limit: number("x-ratelimit-limit"),
            remaining: number("x-ratelimit-remaining"),
            reset: response.header("x-ratelimit-reset").map(str::to_owned),
        },
        request_id,
        attempts,
    }
}

/// The header a wait hint was read from, as sent (`Retry-After: 120`).
fn retry_hint(response: &HttpResponse, now: SystemTime) -> Option<String> {
    let shown = |name: &str| response.header(name).map(|value| format!("{name}: {}", value.trim()));
    if retry::retry_after(&response.headers, now).is_some() {
        shown("Retry-After")
    } else if retry::rate_limit_reset(&response.headers, now).is_some() {
        shown("X-RateLimit-Reset")
    } else {
        None
    }
}

/// The UTF-8 byte order mark some servers put before a JSON body.
const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The JSON text of a body: without a leading UTF-8 byte order mark, which RFC 8259 §8.1 lets a
/// parser ignore (serde_json refuses it).
pub(crate) fn json_text(body: &[u8]) -> &[u8] {
    body.strip_prefix(UTF8_BOM).unwrap_or(body)
}

fn parse_error_body(family: ApiFamily, status: u16, body: &[u8]) -> ApiErrorBody {
    let body = json_text(body);
    if body.iter().all(u8::is_ascii_whitespace) {
        return ApiErrorBody::Unrecognized;
    }
    match family {
        ApiFamily::UserManagement => serde_json::from_slice::<ErrorResponse>(body)
            .map_or(ApiErrorBody::Unrecognized, ApiErrorBody::UserManagement),
        ApiFamily::Organizations => {
            let application = || {
                serde_json::from_slice::<ApplicationErrors>(body)
                    .ok()
                    .filter(|e| !e.errors.is_empty())
                    .map(ApiErrorBody::OrgApplication)
            };
            let gateway = || {
                serde_json::from_slice::<ProxyError>(body)
                    .ok()
                    .filter(|e| e.code.is_some() || e.message.is_some())
                    .map(ApiErrorBody::OrgGateway)
            };
            application().or_else(gateway).unwrap_or(ApiErrorBody::Unrecognized)
        }
        ApiFamily::Scim | ApiFamily::ProvisioningAdmin => {
            let failure = || {
                serde_json::from_slice::<Failure>(body)
                    .ok()
                    .filter(|f| f.error.is_some() || f.trace_id.is_some())
                    .map(ApiErrorBody::ScimFailure)
            };
            let scim = || {
                serde_json::from_slice::<ScimError>(body)
                    .ok()
                    .filter(|e| e.detail.is_some() || e.scim_type.is_some() || !e.status.is_empty())
                    .map(ApiErrorBody::Scim)
            };
            let parsed =
                if matches!(status, 401 | 403) { failure().or_else(scim) } else { scim().or_else(failure) };
            parsed.unwrap_or(ApiErrorBody::Unrecognized)
        }
    }
}

/// Decodes a JSON success body into `T`, naming the JSON path that failed.
pub(crate) fn json<T: DeserializeOwned>(plan: &RequestPlan, response: &HttpResponse) -> Result<T, Error> {
    let decode_error = |path: String, source: serde_json::Error| -> Error {
        DecodeError {
            method: plan.method.clone(),
            path_template: plan.path_template,
            status: response.status,
            type_name: std::any::type_name::<T>(),
            path,
            content_type: response.content_type().map(str::to_owned),
            raw: response.body_text().into_owned(),
            source,
        }
        .into()
    };
    // Fast path: plain serde_json. Tracking the JSON path on every value costs as much as the
    // parse itself (docs/PERFORMANCE.md), so it is only done to explain a failure: parsing is
    // deterministic, so the second pass fails at the same place with the same error.
    let body = json_text(&response.body);
    if let Ok(value) = serde_json::from_slice(body) {
        return Ok(value);
    }
    if body.iter().all(u8::is_ascii_whitespace) {
        // A 204 (or empty 200) where a resource was due, e.g. a SCIM PUT that RFC 7644 §3.5.1
        // answers with 200 and the resource: say plainly that the call took effect.
        let method = &plan.method;
        return Err(decode_error(
            ".".to_owned(),
            serde::de::Error::custom(format_args!(
                "the body is empty where a resource was due; the {method} was applied, read the \
                 resource again to see it"
            )),
        ));
    }
    let mut deserializer = serde_json::Deserializer::from_slice(body);
    let value = serde_path_to_error::deserialize(&mut deserializer)
        .map_err(|error| decode_error(error.path().to_string(), error.into_inner()))?;
    deserializer.end().map_err(|error| decode_error(".".to_owned(), error))?;
    Ok(value)
}

/// Decodes an optional JSON body: `None` for 204 or an empty body.
pub(crate) fn optional_json<T: DeserializeOwned>(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Option<T>, Error> {
    if json_text(&response.body).iter().all(u8::is_ascii_whitespace) {
        Ok(None)
    } else {
        json(plan, response).map(Some)
    }
}

/// Accepts any 2xx and ignores its body (204 No Content endpoints).
pub(crate) fn no_content(_plan: &RequestPlan, _response: &HttpResponse) -> Result<(), Error> {
    Ok(())
}
