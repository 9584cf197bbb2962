//! Users (v2 #6–#14), last-active dates (#18), invitations (#19) and roles (#21–#24).

use admin_models::AccountId;
use admin_models::org::{
    Invitation, OrgDirectoryId, OrgId, OrgRoleChange, ResourceId, RoleId, UserRoleChange, UserSearch,
};
use admin_models::user_management::validate_email;
use admin_transport::Method;

use super::{
    MAX_ACCOUNT_IDS, MAX_GROUP_IDS, MAX_PAGE_LIMIT, MAX_RESOURCE_IDS, exclusive, limit_in_range, list_paging,
    max_values, query_each, query_opt, search_body, search_only, v1, v2, v2_directory,
};
use crate::common::error::BuildError;
use crate::plan::RequestPlan;

/// The filters of the role-assignment listings (#11, #32).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RoleAssignmentQuery {
    /// Page size.
    pub limit: Option<u32>,
    /// Only these directories.
    pub directory_ids: Vec<OrgDirectoryId>,
    /// Only resources of these owners.
    pub resource_owners: Vec<String>,
    /// Only these resources (≤ 20).
    pub resource_ids: Vec<ResourceId>,
    /// Only these roles.
    pub role_ids: Vec<RoleId>,
}

impl RoleAssignmentQuery {
    pub(super) fn check(&self) -> Result<(), BuildError> {
        max_values("resourceIds", self.resource_ids.len(), MAX_RESOURCE_IDS)?;
        limit_in_range(self.limit, Some(MAX_PAGE_LIMIT))
    }

    pub(super) fn apply(&self, mut plan: RequestPlan, cursor: Option<&str>) -> RequestPlan {
        plan = query_opt(plan, "cursor", cursor);
        plan = query_opt(plan, "limit", self.limit);
        plan = query_each(plan, "directoryIds", &self.directory_ids);
        plan = query_each(plan, "resourceOwners", &self.resource_owners);
        plan = query_each(plan, "resourceIds", &self.resource_ids);
        query_each(plan, "roleIds", &self.role_ids)
    }
}

fn check_filters(search: &UserSearch) -> Result<(), BuildError> {
    max_values("accountIds", search.account_ids.len(), MAX_ACCOUNT_IDS)?;
    max_values("groupIds", search.group_ids.len(), MAX_GROUP_IDS)?;
    max_values("resourceIds", search.resource_ids.len(), MAX_RESOURCE_IDS)?;
    limit_in_range(search.limit, Some(MAX_PAGE_LIMIT))
}

/// The filters as query parameters (list and count).
fn filter_query(mut plan: RequestPlan, search: &UserSearch) -> RequestPlan {
    plan = query_each(plan, "accountIds", &search.account_ids);
    plan = query_each(plan, "directoryIds", &search.directory_ids);
    plan = query_each(plan, "resourceIds", &search.resource_ids);
    plan = query_each(plan, "groupIds", &search.group_ids);
    plan = query_opt(plan, "mfaEnabled", search.mfa_enabled);
    plan = query_opt(plan, "claimStatus", search.claim_status.as_ref());
    plan = query_each(plan, "status", search.status.iter().map(|s| s.as_str()));
    plan = query_each(plan, "accountStatus", search.account_status.iter().map(|s| s.as_str()));
    plan = query_each(plan, "membershipStatus", search.membership_status.iter().map(|s| s.as_str()));
    plan = query_each(plan, "roleIds", &search.role_ids);
    plan = query_each(plan, "emailDomains", &search.email_domains);
    query_opt(plan, "searchTerm", search.search_term.as_ref())
}

fn get_only(search: &UserSearch) -> Result<(), BuildError> {
    let unsupported = [
        ("emails", !search.emails.is_empty()),
        ("expand", !search.expand.is_empty()),
        ("sortBy", !search.sort_by.is_empty()),
        ("extra", !search.extra.is_empty()),
    ];
    search_only(&unsupported, "user search (POST …/users/search)")
}

/// #6 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search` · org admin API key.
/// The body is `search` with `cursor` set to the page to fetch. Pages: shape C. A read:
/// idempotent ([`RequestPlan::idempotent`]), so retried although it is a POST.
///
/// # Errors
/// [`BuildError::MutuallyExclusive`] for `emails` with `searchTerm`; [`BuildError::Validation`]
/// for an entry of `emails` that is not an email address (empty included);
/// [`BuildError::TooManyValues`] for more than 10 `accountIds` or `groupIds` or 20
/// `resourceIds`; [`BuildError::OutOfRange`] for `limit` outside 1–100.
pub fn search_users(
    org: &OrgId,
    directory: &OrgDirectoryId,
    search: &UserSearch,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    check_filters(search)?;
    exclusive("emails", !search.emails.is_empty(), "searchTerm", search.search_term.is_some())?;
    for email in &search.emails {
        validate_email("emails", email)?;
    }
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/search";
    // A search changes nothing: retried like a GET.
    let plan = v2_directory(Method::POST, template, org, directory)?.lit("users/search").read_only();
    search_body(plan, search, |body| &mut body.cursor, cursor)
}

/// #7 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users?…` (DEP27: stops after
/// 2027-06-30; use [`search_users`]) · org admin API key. Pages: shape C.
///
/// # Errors
/// As [`search_users`]; [`BuildError::InvalidArgument`] for `emails`, `expand`, `sortBy` (search
/// only).
#[deprecated(note = "DEP27: Atlassian stops this endpoint after 2027-06-30; use `search_users`")]
pub fn list_users(
    org: &OrgId,
    directory: &OrgDirectoryId,
    filter: &UserSearch,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    check_filters(filter)?;
    get_only(filter)?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users";
    let mut plan = v2_directory(Method::GET, template, org, directory)?.lit("users");
    plan = list_paging(plan, cursor, filter.cursor.as_deref(), filter.limit);
    Ok(filter_query(plan, filter))
}

/// #8 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}` · org admin API
/// key. Answer: `{"data": user}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_user(
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}";
    v2_directory(Method::GET, template, org, directory)?.lit("users").param("accountId", account.as_str())
}

/// #9 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/count?…` · org admin API key.
///
/// # Errors
/// As [`list_users`].
pub fn count_users(
    org: &OrgId,
    directory: &OrgDirectoryId,
    filter: &UserSearch,
) -> Result<RequestPlan, BuildError> {
    check_filters(filter)?;
    get_only(filter)?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/count";
    let plan = v2_directory(Method::GET, template, org, directory)?.lit("users/count");
    Ok(filter_query(plan, filter))
}

/// #10 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/stats` · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn user_stats(org: &OrgId, directory: &OrgDirectoryId) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/stats";
    Ok(v2_directory(Method::GET, template, org, directory)?.lit("users/stats"))
}

/// #11 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments?…`
/// · org admin API key. Pages: shape C.
///
/// # Errors
/// [`BuildError::TooManyValues`] for more than 20 `resourceIds`; [`BuildError::OutOfRange`].
pub fn user_role_assignments(
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
    query: &RoleAssignmentQuery,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    query.check()?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments";
    let plan = v2_directory(Method::GET, template, org, directory)?
        .lit("users")
        .param("accountId", account.as_str())?
        .lit("role-assignments");
    Ok(query.apply(plan, cursor))
}

fn user_write(
    method: Method,
    template: &'static str,
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
    action: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    let plan =
        v2_directory(method, template, org, directory)?.lit("users").param("accountId", account.as_str())?;
    Ok(match action {
        Some(action) => plan.lit(action),
        None => plan,
    })
}

/// #12 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend` · org
/// admin API key. Keeps roles and groups; stops billing.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn suspend_user(
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend";
    user_write(Method::POST, template, org, directory, account, Some("suspend"))
}

/// #13 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore` · org
/// admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn restore_user(
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore";
    user_write(Method::POST, template, org, directory, account, Some("restore"))
}

/// #14 `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}` · org admin
/// API key. Roles and groups are lost.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn remove_user(
    org: &OrgId,
    directory: &OrgDirectoryId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}";
    user_write(Method::DELETE, template, org, directory, account, None)
}

/// #18 `GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates?cursor=` · org
/// admin API key. Pages: shape C (`links.next` cursor).
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn last_active_dates(
    org: &OrgId,
    account: &AccountId,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    let plan = v1(Method::GET, "/admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates", org)?
        .lit("directory/users")
        .param("accountId", account.as_str())?
        .lit("last-active-dates");
    Ok(query_opt(plan, "cursor", cursor))
}

/// #19 `POST /admin/v2/orgs/{orgId}/users/invite` · org admin API key (paid orgs only).
///
/// # Errors
/// [`BuildError::InvalidArgument`] without any email; [`BuildError::Validation`] for one that is
/// not an email address (empty included).
pub fn invite_users(org: &OrgId, invitation: &Invitation) -> Result<RequestPlan, BuildError> {
    if invitation.emails.is_empty() {
        return Err(BuildError::InvalidArgument("an invitation needs at least one email".into()));
    }
    for email in &invitation.emails {
        validate_email("emails", email)?;
    }
    v2(Method::POST, "/admin/v2/orgs/{orgId}/users/invite", org)?.lit("users/invite").json(invitation)
}

fn role_change(
    template: &'static str,
    action: &str,
    org: &OrgId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    Ok(v1(Method::POST, template, org)?.lit("users").param("userId", account.as_str())?.lit(action))
}

fn check_user_role(change: &UserRoleChange) -> Result<(), BuildError> {
    if change.resource.is_none() && change.role != RoleId::org_admin() {
        return Err(BuildError::InvalidArgument(format!(
            "role {} needs a resource (only atlassian/org-admin is org-wide)",
            change.role
        )));
    }
    Ok(())
}

/// #21 `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/assign` `{role, resource}` · org admin
/// API key.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for a role other than `atlassian/org-admin` without a
/// resource.
pub fn assign_user_role(
    org: &OrgId,
    account: &AccountId,
    change: &UserRoleChange,
) -> Result<RequestPlan, BuildError> {
    check_user_role(change)?;
    role_change("/admin/v1/orgs/{orgId}/users/{userId}/roles/assign", "roles/assign", org, account)?
        .json(change)
}

/// #22 `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/revoke` `{role, resource}` · org admin
/// API key.
///
/// # Errors
/// As [`assign_user_role`].
pub fn revoke_user_role(
    org: &OrgId,
    account: &AccountId,
    change: &UserRoleChange,
) -> Result<RequestPlan, BuildError> {
    check_user_role(change)?;
    role_change("/admin/v1/orgs/{orgId}/users/{userId}/roles/revoke", "roles/revoke", org, account)?
        .json(change)
}

/// #23 `POST /admin/v1/orgs/{orgId}/users/{userId}/role-assignments/assign` `{role}` · org admin
/// API key. Eventually consistent (up to 30 s).
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn assign_org_role(
    org: &OrgId,
    account: &AccountId,
    change: &OrgRoleChange,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v1/orgs/{orgId}/users/{userId}/role-assignments/assign";
    role_change(template, "role-assignments/assign", org, account)?.json(change)
}

/// #24 `POST /admin/v1/orgs/{orgId}/users/{userId}/role-assignments/revoke` `{role}` · org admin
/// API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn revoke_org_role(
    org: &OrgId,
    account: &AccountId,
    change: &OrgRoleChange,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v1/orgs/{orgId}/users/{userId}/role-assignments/revoke";
    role_change(template, "role-assignments/revoke", org, account)?.json(change)
}
