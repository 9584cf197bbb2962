//! Groups (v2 #25–#36).

use admin_models::AccountId;
use admin_models::org::{
    Data, DirectoryGroup, GroupRoleChange, GroupSearch, NewGroup, NewMembership, OrgDirectoryId, OrgGroupId,
    OrgId,
};
use admin_transport::{HttpResponse, Method};
use serde::Deserialize;

use super::users::RoleAssignmentQuery;
use super::{
    MAX_ACCOUNT_IDS, MAX_GROUP_IDS, MAX_PAGE_LIMIT, MAX_RESOURCE_IDS, exclusive, limit_in_range, list_paging,
    max_values, query_each, query_opt, search_body, search_only, v2_directory,
};
use crate::common::decode;
use crate::common::error::{BuildError, Error};
use crate::plan::RequestPlan;

fn check_filters(search: &GroupSearch) -> Result<(), BuildError> {
    max_values("accountIds", search.account_ids.len(), MAX_ACCOUNT_IDS)?;
    max_values("groupIds", search.group_ids.len(), MAX_GROUP_IDS)?;
    max_values("resourceIds", search.resource_ids.len(), MAX_RESOURCE_IDS)?;
    limit_in_range(search.limit, Some(MAX_PAGE_LIMIT))
}

fn filter_query(mut plan: RequestPlan, search: &GroupSearch) -> RequestPlan {
    plan = query_each(plan, "directoryIds", &search.directory_ids);
    plan = query_each(plan, "accountIds", &search.account_ids);
    plan = query_each(plan, "groupIds", &search.group_ids);
    plan = query_each(plan, "resourceOwners", &search.resource_owners);
    plan = query_each(plan, "resourceIds", &search.resource_ids);
    plan = query_opt(plan, "searchTerm", search.search_term.as_ref());
    query_each(plan, "roleIds", &search.role_ids)
}

fn get_only(search: &GroupSearch) -> Result<(), BuildError> {
    let unsupported = [
        ("groupNames", !search.group_names.is_empty()),
        ("expand", !search.expand.is_empty()),
        ("sortBy", !search.sort_by.is_empty()),
        ("extra", !search.extra.is_empty()),
    ];
    search_only(&unsupported, "group search (POST …/groups/search)")
}

fn group(
    method: Method,
    template: &'static str,
    org: &OrgId,
    directory: &OrgDirectoryId,
    group: &OrgGroupId,
) -> Result<RequestPlan, BuildError> {
    v2_directory(method, template, org, directory)?.lit("groups").param("groupId", group.as_str())
}

/// #25 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search` · org admin API key.
/// The body is `search` with `cursor` set. Pages: shape C. A read: idempotent
/// ([`RequestPlan::idempotent`]), so retried although it is a POST.
///
/// # Errors
/// [`BuildError::MutuallyExclusive`] for `groupNames` with `searchTerm` or `groupIds`;
/// [`BuildError::TooManyValues`]; [`BuildError::OutOfRange`] for `limit` outside 1–100.
pub fn search_groups(
    org: &OrgId,
    directory: &OrgDirectoryId,
    search: &GroupSearch,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    check_filters(search)?;
    let names = !search.group_names.is_empty();
    exclusive("groupNames", names, "searchTerm", search.search_term.is_some())?;
    exclusive("groupNames", names, "groupIds", !search.group_ids.is_empty())?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search";
    // A search changes nothing: retried like a GET.
    let plan = v2_directory(Method::POST, template, org, directory)?.lit("groups/search").read_only();
    search_body(plan, search, |body| &mut body.cursor, cursor)
}

/// #26 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups?…` (DEP27; use
/// [`search_groups`]) · org admin API key. Pages: shape C.
///
/// # Errors
/// As [`search_groups`]; [`BuildError::InvalidArgument`] for `groupNames`, `expand`, `sortBy`.
#[deprecated(note = "DEP27: Atlassian stops this endpoint after 2027-06-30; use `search_groups`")]
pub fn list_groups(
    org: &OrgId,
    directory: &OrgDirectoryId,
    filter: &GroupSearch,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    check_filters(filter)?;
    get_only(filter)?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups";
    let mut plan = v2_directory(Method::GET, template, org, directory)?.lit("groups");
    plan = list_paging(plan, cursor, filter.cursor.as_deref(), filter.limit);
    Ok(filter_query(plan, filter))
}

/// #27 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups` `{name, description}` · org
/// admin API key.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for an empty name.
pub fn create_group(
    org: &OrgId,
    directory: &OrgDirectoryId,
    new: &NewGroup,
) -> Result<RequestPlan, BuildError> {
    if new.name.trim().is_empty() {
        return Err(BuildError::InvalidArgument("a group needs a name".into()));
    }
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups";
    v2_directory(Method::POST, template, org, directory)?.lit("groups").json(new)
}

/// #28 `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}` · org admin
/// API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn delete_group(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
) -> Result<RequestPlan, BuildError> {
    group(
        Method::DELETE,
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}",
        org,
        directory,
        id,
    )
}

/// #29 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}` · org admin API
/// key. Answer: `{"data": group}`.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn get_group(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
) -> Result<RequestPlan, BuildError> {
    group(
        Method::GET,
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}",
        org,
        directory,
        id,
    )
}

/// #30 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/count?…` · org admin API key.
///
/// # Errors
/// As [`list_groups`].
pub fn count_groups(
    org: &OrgId,
    directory: &OrgDirectoryId,
    filter: &GroupSearch,
) -> Result<RequestPlan, BuildError> {
    check_filters(filter)?;
    get_only(filter)?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/count";
    let plan = v2_directory(Method::GET, template, org, directory)?.lit("groups/count");
    Ok(filter_query(plan, filter))
}

/// #31 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/stats` · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn group_stats(org: &OrgId, directory: &OrgDirectoryId) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/stats";
    Ok(v2_directory(Method::GET, template, org, directory)?.lit("groups/stats"))
}

/// #32 `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments?…`
/// · org admin API key. Pages: shape C.
///
/// # Errors
/// [`BuildError::TooManyValues`], [`BuildError::OutOfRange`].
pub fn group_role_assignments(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
    query: &RoleAssignmentQuery,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    query.check()?;
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments";
    let plan = group(Method::GET, template, org, directory, id)?.lit("role-assignments");
    Ok(query.apply(plan, cursor))
}

/// #33 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/assign`
/// `{resourceId, roleId}` · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn assign_group_role(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
    change: &GroupRoleChange,
) -> Result<RequestPlan, BuildError> {
    let template =
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/assign";
    group(Method::POST, template, org, directory, id)?.lit("role-assignments/assign").json(change)
}

/// #34 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/revoke`
/// `{resourceId, roleId}` · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn revoke_group_role(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
    change: &GroupRoleChange,
) -> Result<RequestPlan, BuildError> {
    let template =
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments/revoke";
    group(Method::POST, template, org, directory, id)?.lit("role-assignments/revoke").json(change)
}

/// #35 `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships`
/// `{accountId}` · org admin API key. Not for groups synced from an identity provider.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn add_group_member(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template = "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships";
    group(Method::POST, template, org, directory, id)?
        .lit("memberships")
        .json(&NewMembership::new(account.clone()))
}

/// #36 `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}`
/// · org admin API key.
///
/// # Errors
/// [`BuildError`] for an id that cannot be a path segment.
pub fn remove_group_member(
    org: &OrgId,
    directory: &OrgDirectoryId,
    id: &OrgGroupId,
    account: &AccountId,
) -> Result<RequestPlan, BuildError> {
    let template =
        "/admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}";
    group(Method::DELETE, template, org, directory, id)?
        .lit("memberships")
        .param("accountId", account.as_str())
}

/// The answer to [`create_group`]: the published shape says nothing (no body); a body is read
/// as the group, bare or wrapped in `{"data": …}` (unknown attributes kept as sent, in both).
///
/// # Errors
/// [`Error::Decode`] for a body that is neither.
pub fn decode_created_group(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Option<DirectoryGroup>, Error> {
    // Which shape it is, first: an untagged enum would buffer the body in serde's `Content`,
    // where the models cannot keep unknown attributes as raw text (see `admin_models::Extra`).
    #[derive(Deserialize)]
    struct Shape {
        #[serde(default)]
        data: Option<serde::de::IgnoredAny>,
    }
    match decode::optional_json::<Shape>(plan, response)? {
        None => Ok(None),
        Some(Shape { data: Some(_) }) => Ok(Some(decode::json::<Data<DirectoryGroup>>(plan, response)?.data)),
        Some(Shape { data: None }) => decode::json::<DirectoryGroup>(plan, response).map(Some),
    }
}
