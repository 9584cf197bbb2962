//! Org policies (`/admin/v1/orgs/{orgId}/policies…`, #50–#58): list, create, get, replace,
//! delete, their resources, and validation. Bodies are the admin-models `Policy` types inside
//! `{"data": …}`; a stored policy is the `Policy` itself, so members the sandbox does not know
//! come back exactly as sent. Writes answer 202 Accepted (the change is applied at once here:
//! every resource's `applicationStatus` is `applied`).

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use admin_models::org::{
    AdminErrorCode, ApplicationStatus, Data, Page, PageLinks, PageMeta, Policy, PolicyInput, PolicyResource,
    PolicyResourceUpdate, PolicyType,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};

use crate::app::App;
use crate::http::{no_content, um_json, wire_id};
use crate::org_http::{
    cursor_offset, encode_cursor, guard, json_body, org_error, path_or_404, query_map, try_resp,
};
use crate::org_state::ADMIN_ACTOR;
use crate::state::{State as SandboxState, new_uuid};

/// Policies per page (the API's own size is undocumented; small, so paging shows).
pub(crate) const POLICY_PAGE_SIZE: usize = 20;

fn policy_not_found(id: &str) -> Response {
    org_error(AdminErrorCode::PolicyNotFound, "Not Found", format!("Policy {id} not found"))
}

fn bad_body(detail: impl Into<String>) -> Response {
    org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", detail)
}

/// 202 with `{"data": policy}`.
fn accepted(policy: &Policy) -> Response {
    um_json(StatusCode::ACCEPTED, &Data::new(policy.clone()))
}

/// A policy body's `data`: `type` must be `policy`; resources are applied.
fn read_input(headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<PolicyInput, Response> {
    let Data { data: mut input, .. } = json_body::<Data<PolicyInput>>(headers, body)?;
    if input.kind != "policy" {
        return Err(bad_body(format!("data.type must be \"policy\", not {:?}", input.kind)));
    }
    for resource in &mut input.attributes.resources {
        resource.application_status = Some(ApplicationStatus::Applied);
    }
    Ok(input)
}

/// `GET /admin/v1/orgs/{orgId}/policies?cursor=&type=`: `meta.next` is the next page's cursor
/// (absent on the last page), `links.next` the same page as a URL.
pub(crate) async fn list_policies(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let q = query_map(query.as_deref());
    let offset = try_resp!(cursor_offset(q.get("cursor").map(String::as_str), "policies:"));
    let kind = q.get("type").map(|t| PolicyType::from(t.as_str()));
    let matching: Vec<Policy> = state
        .policies
        .iter()
        .filter(|p| kind.as_ref().is_none_or(|k| *k == p.attributes.policy_type))
        .cloned()
        .collect();
    let total = matching.len();
    let data: Vec<Policy> = matching.into_iter().skip(offset).take(POLICY_PAGE_SIZE).collect();
    let end = offset + data.len();
    let next = (end < total).then(|| encode_cursor(&format!("policies:{end}")));
    let base = format!("{}/admin/v1/orgs/{}/policies", state.base_url, state.org.id);
    let url = |cursor: &str| {
        let mut query = url::form_urlencoded::Serializer::new(String::new());
        query.append_pair("cursor", cursor);
        if let Some(t) = q.get("type") {
            query.append_pair("type", t);
        }
        format!("{base}?{}", query.finish())
    };
    let mut page = Page::new(data);
    let mut links = PageLinks::default();
    links.self_ = Some(base.clone());
    links.next = next.as_deref().map(url);
    let mut meta = PageMeta::default();
    meta.next = next;
    meta.page_size = Some(POLICY_PAGE_SIZE as u64);
    page.links = Some(links);
    page.meta = Some(meta);
    um_json(StatusCode::OK, &page)
}

/// `POST /admin/v1/orgs/{orgId}/policies` `{"data": {type: "policy", attributes}}`: 202
/// `{"data": policy}` with a new id.
pub(crate) async fn create_policy(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    let input = try_resp!(read_input(&headers, body));
    if input.id.is_some() {
        return bad_body("A new policy must not have an id");
    }
    let policy = Policy::new(wire_id(&new_uuid()), input.attributes);
    let id = policy.id.as_str().to_owned();
    state.policies.insert(policy);
    state.record("policy_created", ADMIN_ACTOR, &[(&id, "policies")]);
    accepted(try_resp!(stored(&state, &id)))
}

fn stored<'a>(state: &'a SandboxState, id: &str) -> Result<&'a Policy, Response> {
    state.policies.get(id).ok_or_else(|| policy_not_found(id))
}

/// `GET /admin/v1/orgs/{orgId}/policies/{policyId}`: `{"data": policy}`.
pub(crate) async fn get_policy(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    um_json(StatusCode::OK, &Data::new(try_resp!(stored(&state, &id)).clone()))
}

/// `PUT /admin/v1/orgs/{orgId}/policies/{policyId}` `{"data": {id?, type, attributes}}`: the
/// attributes are replaced (members the sandbox does not know included). 202.
pub(crate) async fn update_policy(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    try_resp!(stored(&state, &id));
    let input = try_resp!(read_input(&headers, body));
    if input.id.as_ref().is_some_and(|given| given.as_str() != id) {
        return bad_body(format!("data.id does not match the policy {id} of the path"));
    }
    if let Some(policy) = state.policies.get_mut(&id) {
        policy.attributes = input.attributes;
    }
    state.record("policy_updated", ADMIN_ACTOR, &[(&id, "policies")]);
    accepted(try_resp!(stored(&state, &id)))
}

/// `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}`: 202, no body.
pub(crate) async fn delete_policy(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    if state.policies.remove(&id).is_none() {
        return policy_not_found(&id);
    }
    state.record("policy_deleted", ADMIN_ACTOR, &[(&id, "policies")]);
    StatusCode::ACCEPTED.into_response()
}

/// `POST /admin/v1/orgs/{orgId}/policies/{policyId}/resources` `{id, meta?, links?}`: 202
/// `{"data": policy}`; a resource the policy already has → 409 `ADMIN-409-28`.
pub(crate) async fn add_resource(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    let policy = try_resp!(stored(&state, &id));
    let mut resource: PolicyResource = try_resp!(json_body(&headers, body));
    if policy.attributes.resources.iter().any(|r| r.id == resource.id) {
        return org_error(
            AdminErrorCode::Conflict,
            "Conflict",
            format!("The policy already applies to {}", resource.id.as_str()),
        );
    }
    resource.application_status = Some(ApplicationStatus::Applied);
    let resource_id = resource.id.as_str().to_owned();
    if let Some(policy) = state.policies.get_mut(&id) {
        policy.attributes.resources.push(resource);
    }
    state.record("policy_resource_added", ADMIN_ACTOR, &[(&id, "policies"), (&resource_id, "resources")]);
    accepted(try_resp!(stored(&state, &id)))
}

fn resource_not_found(id: &str, resource: &str) -> Response {
    org_error(
        AdminErrorCode::UnknownResource,
        "Not Found",
        format!("Policy {id} does not apply to {resource}"),
    )
}

/// `PUT /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}` `{meta?, links?}`:
/// the given members are replaced. 202 `{"data": policy}`.
pub(crate) async fn update_resource(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (org, id, resource_id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    try_resp!(stored(&state, &id));
    let update: PolicyResourceUpdate = try_resp!(json_body(&headers, body));
    let changed = state.policies.get_mut(&id).and_then(|p| {
        let resource = p.attributes.resources.iter_mut().find(|r| r.id.as_str() == resource_id)?;
        if update.meta.is_some() {
            resource.meta = update.meta;
        }
        if update.links.is_some() {
            resource.links = update.links;
        }
        Some(())
    });
    if changed.is_none() {
        return resource_not_found(&id, &resource_id);
    }
    state.record("policy_resource_updated", ADMIN_ACTOR, &[(&id, "policies"), (&resource_id, "resources")]);
    accepted(try_resp!(stored(&state, &id)))
}

/// `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}`: 204.
pub(crate) async fn delete_resource(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let (org, id, resource_id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    try_resp!(stored(&state, &id));
    let removed = state.policies.get_mut(&id).is_some_and(|p| {
        let before = p.attributes.resources.len();
        p.attributes.resources.retain(|r| r.id.as_str() != resource_id);
        p.attributes.resources.len() < before
    });
    if !removed {
        return resource_not_found(&id, &resource_id);
    }
    state.record("policy_resource_removed", ADMIN_ACTOR, &[(&id, "policies"), (&resource_id, "resources")]);
    no_content()
}

/// `GET /admin/v1/orgs/{orgId}/policies/{policyId}/validate`: 202, no body (the validation runs
/// in the background; here it has nothing to check). 404 for an unknown policy.
pub(crate) async fn validate_policy(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    try_resp!(stored(&state, &id));
    StatusCode::ACCEPTED.into_response()
}
