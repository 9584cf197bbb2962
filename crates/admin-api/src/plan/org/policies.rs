//! Org policies (#50–#58). Bodies go in `{"data": …}`; writes answer `202 Accepted` with the
//! policy as it will be.

use admin_models::org::{
    OrgId, PolicyId, PolicyInput, PolicyResource, PolicyResourceId, PolicyResourceUpdate, PolicyType,
};
use admin_transport::Method;

use super::{query_opt, v1};
use crate::common::error::BuildError;
use crate::plan::RequestPlan;

fn policy(
    method: Method,
    template: &'static str,
    org: &OrgId,
    id: &PolicyId,
) -> Result<RequestPlan, BuildError> {
    v1(method, template, org)?.lit("policies").param("policyId", id.as_str())
}

/// `{"data": value}`: the envelope of policy bodies.
#[derive(serde::Serialize)]
struct Wrapped<'a, T> {
    data: &'a T,
}

fn wrapped<T>(data: &T) -> Wrapped<'_, T> {
    Wrapped { data }
}

/// #50 `GET /admin/v1/orgs/{orgId}/policies?cursor=&type=` · org admin API key. Pages: shape B
/// (`meta.next`, nullable) with `links.next` URL.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn list_policies(
    org: &OrgId,
    policy_type: Option<&PolicyType>,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    let plan = v1(Method::GET, "/admin/v1/orgs/{orgId}/policies", org)?.lit("policies");
    let plan = query_opt(plan, "cursor", cursor);
    Ok(query_opt(plan, "type", policy_type))
}

/// #51 `POST /admin/v1/orgs/{orgId}/policies` with `{"data": policy}` · org admin API key.
/// Answer: `202` `{data}`.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for an input carrying an id (the server assigns it).
pub fn create_policy(org: &OrgId, input: &PolicyInput) -> Result<RequestPlan, BuildError> {
    if input.id.is_some() {
        return Err(BuildError::InvalidArgument("a new policy must not carry an id".into()));
    }
    v1(Method::POST, "/admin/v1/orgs/{orgId}/policies", org)?.lit("policies").json(&wrapped(input))
}

/// #52 `GET /admin/v1/orgs/{orgId}/policies/{policyId}` · org admin API key. Answer: `{data}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_policy(org: &OrgId, id: &PolicyId) -> Result<RequestPlan, BuildError> {
    policy(Method::GET, "/admin/v1/orgs/{orgId}/policies/{policyId}", org, id)
}

/// #53 `PUT /admin/v1/orgs/{orgId}/policies/{policyId}` with `{"data": policy}` (its `id` set
/// to `{policyId}`) · org admin API key. Answer: `202` `{data}`.
///
/// # Errors
/// [`BuildError::InvalidArgument`] when the input carries another policy's id.
pub fn update_policy(org: &OrgId, id: &PolicyId, input: &PolicyInput) -> Result<RequestPlan, BuildError> {
    if input.id.as_ref().is_some_and(|given| given != id) {
        return Err(BuildError::InvalidArgument(format!(
            "the policy body is for {:?}, the path for {:?}",
            input.id.as_ref().map(PolicyId::as_str).unwrap_or_default(),
            id.as_str()
        )));
    }
    let mut input = input.clone();
    input.id = Some(id.clone());
    policy(Method::PUT, "/admin/v1/orgs/{orgId}/policies/{policyId}", org, id)?.json(&wrapped(&input))
}

/// #54 `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}` · org admin API key. Answer: `202`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn delete_policy(org: &OrgId, id: &PolicyId) -> Result<RequestPlan, BuildError> {
    policy(Method::DELETE, "/admin/v1/orgs/{orgId}/policies/{policyId}", org, id)
}

/// #55 `POST /admin/v1/orgs/{orgId}/policies/{policyId}/resources` with the resource
/// (`{id, meta?, links?}`, not wrapped) · org admin API key. Answer: `202` `{data: policy}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn add_policy_resource(
    org: &OrgId,
    id: &PolicyId,
    resource: &PolicyResource,
) -> Result<RequestPlan, BuildError> {
    // `applicationStatus` is the server's to set.
    let mut resource = resource.clone();
    resource.application_status = None;
    policy(Method::POST, "/admin/v1/orgs/{orgId}/policies/{policyId}/resources", org, id)?
        .lit("resources")
        .json(&resource)
}

/// #56 `PUT /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}` with
/// `{meta?, links?}` · org admin API key. Answer: `202` `{data: policy}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn update_policy_resource(
    org: &OrgId,
    id: &PolicyId,
    resource: &PolicyResourceId,
    update: &PolicyResourceUpdate,
) -> Result<RequestPlan, BuildError> {
    policy(Method::PUT, "/admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}", org, id)?
        .lit("resources")
        .param("resourceId", resource.as_str())?
        .json(update)
}

/// #57 `DELETE /admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}` · org admin
/// API key. Answer: `204`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn delete_policy_resource(
    org: &OrgId,
    id: &PolicyId,
    resource: &PolicyResourceId,
) -> Result<RequestPlan, BuildError> {
    policy(Method::DELETE, "/admin/v1/orgs/{orgId}/policies/{policyId}/resources/{resourceId}", org, id)?
        .lit("resources")
        .param("resourceId", resource.as_str())
}

/// #58 `GET /admin/v1/orgs/{orgId}/policies/{policyId}/validate` · org admin API key. Starts
/// the policy's validation (e.g. a CDEN DNS check); answer: `202`, no body.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn validate_policy(org: &OrgId, id: &PolicyId) -> Result<RequestPlan, BuildError> {
    Ok(policy(Method::GET, "/admin/v1/orgs/{orgId}/policies/{policyId}/validate", org, id)?.lit("validate"))
}
