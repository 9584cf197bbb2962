//! The router: every route and the handler that serves it, behind the fault/recording
//! middleware. This is the only module that imports the handler modules.

use std::sync::atomic::Ordering;

use admin_models::org::AdminErrorCode;
use admin_models::scim::ScimType;
use admin_models::user_management::ErrorKey;
use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{delete, get, patch, post, put};
use serde_json::json;

use crate::RecordedRequest;
use crate::app::{App, lock};
use crate::faults::{Decision, Fault, RateHeaders, ceil_secs};
use crate::http::{ScimFailure, scim_error, um_error};
use crate::org_http::{org_error, proxy_error};
use crate::{org, org_group_roles, org_invites, org_policies, org_scim_admin, org_workspaces, scim, um};

/// How many requests the log keeps (oldest dropped first).
const LOG_CAP: usize = 10_000;

/// The largest request body accepted (bytes).
const MAX_BODY: usize = 2 * 1024 * 1024;

pub(crate) fn router(app: App) -> Router {
    let users = "/users/{account_id}/manage";
    let dir = "/scim/directory/{directory_id}";
    let v2dir = "/admin/v2/orgs/{org_id}/directories/{directory_id}";
    Router::new()
        .route(users, get(um::get_manage))
        .route(&format!("{users}/profile"), get(um::get_profile).patch(um::patch_profile))
        .route(&format!("{users}/email"), put(um::set_email))
        .route(&format!("{users}/api-tokens"), get(um::list_tokens))
        .route(&format!("{users}/api-tokens/{{token_id}}"), delete(um::delete_token))
        .route(&format!("{users}/lifecycle/{{action}}"), post(um::lifecycle))
        .route(&format!("{dir}/Users"), get(scim::list_users).post(scim::create_user))
        .route(
            &format!("{dir}/Users/{{id}}"),
            get(scim::get_user).put(scim::replace_user).patch(scim::patch_user).delete(scim::delete_user),
        )
        .route(&format!("{dir}/Groups"), get(scim::list_groups).post(scim::create_group))
        .route(
            &format!("{dir}/Groups/{{id}}"),
            get(scim::get_group).put(scim::replace_group).patch(scim::patch_group).delete(scim::delete_group),
        )
        .route(&format!("{dir}/Schemas"), get(scim::schemas))
        .route(&format!("{dir}/Schemas/{{urn}}"), get(scim::schema))
        .route(&format!("{dir}/ResourceTypes"), get(scim::resource_types))
        .route(&format!("{dir}/ResourceTypes/{{name}}"), get(scim::resource_type))
        .route(&format!("{dir}/ServiceProviderConfig"), get(scim::service_provider_config))
        .route("/admin/v1/orgs", get(org::list_orgs))
        .route("/admin/v1/orgs/{org_id}", get(org::get_org))
        .route("/admin/v1/orgs/{org_id}/events", get(org::list_events))
        .route("/admin/v1/orgs/{org_id}/events/{event_id}", get(org::get_event))
        .route("/admin/v1/orgs/{org_id}/events-stream", get(org::events_stream))
        .route("/admin/v1/orgs/{org_id}/event-actions", get(org::event_actions))
        .route("/admin/v1/orgs/{org_id}/domains", get(org::list_domains))
        .route("/admin/v1/orgs/{org_id}/domains/{domain_id}", get(org::get_domain))
        .route(
            "/admin/v1/orgs/{org_id}/directory/users/{account_id}/last-active-dates",
            get(org::last_active_dates),
        )
        .route(
            "/admin/user-provisioning/v1/org/{org_id}/user/{account_id}/get-scim-links",
            get(org::scim_links),
        )
        .route(
            "/admin/user-provisioning/v1/org/{org_id}/get-scim-links-for-email",
            post(org::scim_links_for_email),
        )
        .route(
            "/admin/user-provisioning/v1/org/{org_id}/scimDirectoryId/{directory_id}/scimUserId/{user_id}/unlink",
            patch(org_scim_admin::unlink),
        )
        .route(
            "/admin/user-provisioning/v1/org/{org_id}/user/{account_id}/onlyDeleteUserInDB",
            delete(org_scim_admin::delete_record),
        )
        .route("/admin/v1/orgs/{org_id}/users", get(org_workspaces::managed_accounts))
        .route("/admin/v2/orgs/{org_id}/workspaces", post(org_workspaces::search_workspaces))
        .route("/admin/v2/orgs/{org_id}/users/invite", post(org_invites::invite_users))
        .route(
            "/admin/v1/orgs/{org_id}/policies",
            get(org_policies::list_policies).post(org_policies::create_policy),
        )
        .route(
            "/admin/v1/orgs/{org_id}/policies/{policy_id}",
            get(org_policies::get_policy).put(org_policies::update_policy).delete(org_policies::delete_policy),
        )
        .route("/admin/v1/orgs/{org_id}/policies/{policy_id}/resources", post(org_policies::add_resource))
        .route(
            "/admin/v1/orgs/{org_id}/policies/{policy_id}/resources/{resource_id}",
            put(org_policies::update_resource).delete(org_policies::delete_resource),
        )
        .route("/admin/v1/orgs/{org_id}/policies/{policy_id}/validate", get(org_policies::validate_policy))
        .route(&format!("{v2dir}/groups/stats"), get(org_group_roles::group_stats))
        .route(
            &format!("{v2dir}/groups/{{group_id}}/role-assignments"),
            get(org_group_roles::group_role_assignments),
        )
        .route(
            &format!("{v2dir}/groups/{{group_id}}/role-assignments/assign"),
            post(org_group_roles::assign_group_role),
        )
        .route(
            &format!("{v2dir}/groups/{{group_id}}/role-assignments/revoke"),
            post(org_group_roles::revoke_group_role),
        )
        .route("/admin/v2/orgs/{org_id}/directories", get(org::list_directories))
        .route(&format!("{v2dir}/users"), get(org::list_users))
        .route(&format!("{v2dir}/users/count"), get(org::count_users))
        .route(&format!("{v2dir}/users/stats"), get(org::user_stats))
        .route(&format!("{v2dir}/users/{{account_id}}/role-assignments"), get(org::user_role_assignments))
        .route(&format!("{v2dir}/groups"), get(org::list_groups).post(org::create_group))
        .route("/admin/v1/orgs/{org_id}/users/{account_id}/roles/assign", post(org::assign_role))
        .route("/admin/v1/orgs/{org_id}/users/{account_id}/roles/revoke", post(org::revoke_role))
        .route("/admin/v1/orgs/{org_id}/users/{account_id}/role-assignments/assign", post(org::assign_role))
        .route("/admin/v1/orgs/{org_id}/users/{account_id}/role-assignments/revoke", post(org::revoke_role))
        .route(&format!("{v2dir}/groups/count"), get(org::count_groups))
        .route(&format!("{v2dir}/users/search"), post(org::search_users))
        .route(&format!("{v2dir}/users/{{account_id}}"), get(org::get_user).delete(org::remove_user))
        .route(&format!("{v2dir}/users/{{account_id}}/suspend"), post(org::suspend_user))
        .route(&format!("{v2dir}/users/{{account_id}}/restore"), post(org::restore_user))
        .route(&format!("{v2dir}/groups/search"), post(org::search_groups))
        .route(&format!("{v2dir}/groups/{{group_id}}"), get(org::get_group).delete(org::delete_group))
        .route(&format!("{v2dir}/groups/{{group_id}}/memberships"), post(org::add_member))
        .route(&format!("{v2dir}/groups/{{group_id}}/memberships/{{account_id}}"), delete(org::remove_member))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(middleware::from_fn_with_state(app.clone(), pipeline))
        .with_state(app)
}

/// Which API a path belongs to: it decides the error body's shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    UserManagement,
    Scim,
    Organizations,
}

impl Api {
    fn of(path: &str) -> Self {
        if path.starts_with("/scim/") {
            Api::Scim
        } else if path.starts_with("/admin/") {
            Api::Organizations
        } else {
            Api::UserManagement
        }
    }
}

/// The rate-limited events path a request is on (`events` or `events-stream`), if any:
/// `/admin/v1/orgs/{orgId}/events[/…]` or `…/events-stream`.
fn events_path(path: &str) -> Option<&'static str> {
    let rest = path.strip_prefix("/admin/v1/orgs/")?;
    let (_, tail) = rest.split_once('/')?;
    match tail {
        "events-stream" => Some("events-stream"),
        t if t == "events" || t.starts_with("events/") => Some("events"),
        _ => None,
    }
}

async fn not_found(req: Request) -> Response {
    let path = req.uri().path();
    match Api::of(path) {
        Api::Scim => scim_error(&ScimFailure::not_found(format!("No resource at {path}"))),
        Api::Organizations => {
            org_error(AdminErrorCode::UnknownResource, "Not Found", format!("No resource at {path}"))
        }
        Api::UserManagement => um_error(StatusCode::NOT_FOUND, ErrorKey::NotFound, None),
    }
}

async fn method_not_allowed(req: Request) -> Response {
    let detail = format!("Method {} is not allowed on {}", req.method(), req.uri().path());
    match Api::of(req.uri().path()) {
        Api::Scim => scim_error(&ScimFailure::new(405, None, detail)),
        Api::Organizations => org_error(AdminErrorCode::MethodNotSupported, "Method Not Allowed", detail),
        Api::UserManagement => um_error(
            StatusCode::METHOD_NOT_ALLOWED,
            ErrorKey::from("methodNotAllowed"),
            Some(json!({"message": detail})),
        ),
    }
}

/// Counts and records every request, applies latency, answers injected faults before the
/// handler runs (so they never change state), and garbles bodies when asked.
async fn pipeline(State(app): State<App>, req: Request, next: Next) -> Response {
    app.count.fetch_add(1, Ordering::SeqCst);
    let method = req.method().to_string();
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let api = Api::of(&path);
    let content_type =
        req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).map(str::to_string);
    // Buffer the body so the log can keep it; the handler gets it back unchanged.
    let (parts, body) = req.into_parts();
    let bytes = match axum::body::to_bytes(body, MAX_BODY).await {
        Ok(bytes) => bytes,
        // Only a body over the limit is 413; one cut short or badly framed (a `Content-Length`
        // the client did not send, a broken chunk) is the client's malformed request: 400.
        Err(e) if is_length_limit(&e) => {
            return match api {
                Api::Scim => scim_error(&ScimFailure::new(413, None, "Request body too large")),
                Api::Organizations => proxy_error(StatusCode::PAYLOAD_TOO_LARGE, "Request body too large"),
                Api::UserManagement => {
                    um_error(StatusCode::PAYLOAD_TOO_LARGE, ErrorKey::BodyParseFailure, None)
                }
            };
        }
        Err(e) => {
            let detail = format!("The request body could not be read: {e}");
            return match api {
                Api::Scim => scim_error(&ScimFailure::bad(ScimType::InvalidSyntax, detail)),
                Api::Organizations => org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", detail),
                Api::UserManagement => um_error(StatusCode::BAD_REQUEST, ErrorKey::BodyParseFailure, None),
            };
        }
    };
    let body_text = (!bytes.is_empty()).then(|| String::from_utf8_lossy(&bytes).into_owned());
    let req = Request::from_parts(parts, Body::from(bytes));

    let latency = lock(&app.faults).latency;
    if !latency.is_zero() {
        tokio::time::sleep(latency).await;
    }
    let decision = lock(&app.faults).decide();
    let (response, fault) = match decision {
        Decision::RateLimited { retry_after, headers } => {
            let mut resp = match api {
                Api::Scim => scim_error(&ScimFailure::new(
                    429,
                    None,
                    "Too many requests. Retry after the time in Retry-After.",
                )),
                Api::Organizations => proxy_error(StatusCode::TOO_MANY_REQUESTS, "Too many requests"),
                Api::UserManagement => {
                    um_error(StatusCode::TOO_MANY_REQUESTS, ErrorKey::from("tooManyRequests"), None)
                }
            };
            set_header(&mut resp, "retry-after", &ceil_secs(retry_after).to_string());
            set_rate_headers(&mut resp, &headers);
            (resp, Some(Fault::RateLimited))
        }
        Decision::Unavailable { retry_after } => {
            let mut resp = match api {
                Api::Scim => {
                    scim_error(&ScimFailure::new(503, None, "Service unavailable. You can retry calls."))
                }
                Api::Organizations => proxy_error(StatusCode::SERVICE_UNAVAILABLE, "Service unavailable"),
                Api::UserManagement => {
                    um_error(StatusCode::SERVICE_UNAVAILABLE, ErrorKey::from("serviceUnavailable"), None)
                }
            };
            if let Some(d) = retry_after {
                set_header(&mut resp, "retry-after", &ceil_secs(d).to_string());
            }
            (resp, Some(Fault::Unavailable))
        }
        Decision::Pass { headers, malform } => {
            // Atlassian's own limit on the audit-log paths: 429 with `X-RateLimit-*` (ISO reset)
            // and no `Retry-After`, as the Organizations API documents it.
            let limited = events_path(&path).and_then(|p| lock(&app.faults).decide_path(p));
            match limited {
                Some(Err((_, h))) => {
                    let mut resp = proxy_error(StatusCode::TOO_MANY_REQUESTS, "Too many requests");
                    set_rate_headers(&mut resp, &h);
                    (resp, Some(Fault::RateLimited))
                }
                path_headers => {
                    let mut resp = next.run(req).await;
                    if let Some(h) = path_headers.and_then(Result::ok).as_ref().or(headers.as_ref()) {
                        set_rate_headers(&mut resp, h);
                    }
                    if malform { (garble(resp).await, Some(Fault::Malformed)) } else { (resp, None) }
                }
            }
        }
    };
    let mut log = lock(&app.log);
    if log.len() >= LOG_CAP {
        log.remove(0);
    }
    log.push(RecordedRequest {
        method,
        path,
        query,
        content_type,
        body: body_text,
        status: response.status().as_u16(),
        fault,
    });
    response
}

/// Whether reading the body failed because it exceeded [`MAX_BODY`].
fn is_length_limit(e: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = source {
        if err.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = err.source();
    }
    false
}

fn set_header(resp: &mut Response, name: &'static str, value: &str) {
    if let Ok(v) = HeaderValue::from_str(value) {
        resp.headers_mut().insert(name, v);
    }
}

fn set_rate_headers(resp: &mut Response, h: &RateHeaders) {
    set_header(resp, "x-ratelimit-limit", &h.limit.to_string());
    set_header(resp, "x-ratelimit-remaining", &h.remaining.to_string());
    set_header(resp, "x-ratelimit-reset", &crate::time::iso_seconds(h.reset));
}

/// Cuts the body in half (an empty body becomes `{`), keeping status and headers.
async fn garble(resp: Response) -> Response {
    let (mut parts, body) = resp.into_parts();
    let bytes = axum::body::to_bytes(body, usize::MAX).await.unwrap_or_default();
    let cut = if bytes.len() > 1 { bytes.slice(..bytes.len() / 2) } else { Bytes::from_static(b"{") };
    parts.headers.remove(header::CONTENT_LENGTH);
    if parts.status == StatusCode::NO_CONTENT {
        parts.status = StatusCode::OK;
        parts.headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
    }
    Response::from_parts(parts, Body::from(cut))
}
