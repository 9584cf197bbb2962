//! The provisioning "Admin APIs" (#65–#68): `/admin/user-provisioning/v1/org/{orgId}/…`, with
//! the **org admin API key** (the provisioning spec's "Admin APIs" tag), not a directory's SCIM
//! key. Errors are SCIM-shaped (`{error, traceId}` for 401/403, a SCIM error for 404).

use admin_models::org::{OrgId, ScimLinksForEmail};
use admin_models::{AccountId, DirectoryId, ScimUserId};
use admin_transport::Method;

use crate::common::error::BuildError;
use crate::plan::{ApiFamily, RequestPlan};

fn org(method: Method, template: &'static str, org: &OrgId) -> Result<RequestPlan, BuildError> {
    RequestPlan::new(method, ApiFamily::ProvisioningAdmin, template)
        .lit("admin/user-provisioning/v1/org")
        .param("orgId", org.as_str())
}

/// #65 `GET /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/get-scim-links` · org admin API
/// key. Answer: `{scimLinks: [...]}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn scim_links(org_id: &OrgId, account: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(org(Method::GET, "/admin/user-provisioning/v1/org/{orgId}/user/{aaId}/get-scim-links", org_id)?
        .lit("user")
        .param("aaId", account.as_str())?
        .lit("get-scim-links"))
}

/// #66 `POST /admin/user-provisioning/v1/org/{orgId}/get-scim-links-for-email` `{email}` · org
/// admin API key. Answer: `{scimLinks: [...]}`. A read: idempotent
/// ([`RequestPlan::idempotent`]), so retried although it is a POST.
///
/// # Errors
/// [`BuildError::Validation`] for something that is not an email address (empty included).
pub fn scim_links_for_email(org_id: &OrgId, email: &str) -> Result<RequestPlan, BuildError> {
    let email = email.trim();
    admin_models::user_management::validate_email("email", email)?;
    org(Method::POST, "/admin/user-provisioning/v1/org/{orgId}/get-scim-links-for-email", org_id)?
        .lit("get-scim-links-for-email")
        .read_only()
        .json(&ScimLinksForEmail::new(email))
}

/// #67 `PATCH /admin/user-provisioning/v1/org/{orgId}/scimDirectoryId/{scimDirectoryId}/scimUserId/{scimUserId}/unlink`
/// · org admin API key. Unlinks the SCIM user from its Atlassian account, deleting neither.
/// No body either way.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn unlink_scim_user(
    org_id: &OrgId,
    directory: &DirectoryId,
    user: &ScimUserId,
) -> Result<RequestPlan, BuildError> {
    Ok(org(
        Method::PATCH,
        "/admin/user-provisioning/v1/org/{orgId}/scimDirectoryId/{scimDirectoryId}/scimUserId/{scimUserId}/unlink",
        org_id,
    )?
    .lit("scimDirectoryId")
    .param("scimDirectoryId", directory.as_str())?
    .lit("scimUserId")
    .param("scimUserId", user.as_str())?
    .lit("unlink"))
}

/// #68 `DELETE /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB` · org
/// admin API key. Deletes the account's SCIM record in **every** directory of the org (managed
/// accounts only; groups must be provisioned again). Answer: `204`; `404` "not a managed user".
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn delete_scim_record(org_id: &OrgId, account: &AccountId) -> Result<RequestPlan, BuildError> {
    Ok(org(Method::DELETE, "/admin/user-provisioning/v1/org/{orgId}/user/{aaId}/onlyDeleteUserInDB", org_id)?
        .lit("user")
        .param("aaId", account.as_str())?
        .lit("onlyDeleteUserInDB"))
}
