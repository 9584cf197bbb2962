//! Organizations (#1, #2) and managed accounts (#3).

use admin_models::org::OrgId;
use admin_transport::Method;

use super::{query_opt, v1};
use crate::common::error::BuildError;
use crate::plan::{ApiFamily, RequestPlan};

/// #1 `GET /admin/v1/orgs?cursor=` · org admin API key. Pages: shape A (`links.next` URL).
///
/// # Errors
/// None today; `Result` for symmetry with the other plans.
pub fn list_orgs(cursor: Option<&str>) -> Result<RequestPlan, BuildError> {
    let plan = RequestPlan::new(Method::GET, ApiFamily::Organizations, "/admin/v1/orgs").lit("admin/v1/orgs");
    Ok(query_opt(plan, "cursor", cursor))
}

/// #2 `GET /admin/v1/orgs/{orgId}` · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_org(org: &OrgId) -> Result<RequestPlan, BuildError> {
    v1(Method::GET, "/admin/v1/orgs/{orgId}", org)
}

/// #3 `GET /admin/v1/orgs/{orgId}/users?cursor=` (managed accounts only) · org admin API key.
/// Pages: shape A, `meta.total`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn managed_accounts(org: &OrgId, cursor: Option<&str>) -> Result<RequestPlan, BuildError> {
    let plan = v1(Method::GET, "/admin/v1/orgs/{orgId}/users", org)?.lit("users");
    Ok(query_opt(plan, "cursor", cursor))
}
