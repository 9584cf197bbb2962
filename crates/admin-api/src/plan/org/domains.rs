//! Verified domains (#44, #45).

use admin_models::org::{DomainId, OrgId};
use admin_transport::Method;

use super::{query_opt, v1};
use crate::common::error::BuildError;
use crate::plan::RequestPlan;

/// #44 `GET /admin/v1/orgs/{orgId}/domains?cursor=` · org admin API key. Pages: shape A
/// (`links.next` URL); no `limit`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn list_domains(org: &OrgId, cursor: Option<&str>) -> Result<RequestPlan, BuildError> {
    let plan = v1(Method::GET, "/admin/v1/orgs/{orgId}/domains", org)?.lit("domains");
    Ok(query_opt(plan, "cursor", cursor))
}

/// #45 `GET /admin/v1/orgs/{orgId}/domains/{domainId}` · org admin API key. Answer: `{data}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_domain(org: &OrgId, domain: &DomainId) -> Result<RequestPlan, BuildError> {
    v1(Method::GET, "/admin/v1/orgs/{orgId}/domains/{domainId}", org)?
        .lit("domains")
        .param("domainId", domain.as_str())
}
