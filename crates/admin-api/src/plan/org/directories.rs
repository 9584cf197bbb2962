//! Directories (#5).

use admin_models::AccountId;
use admin_models::org::{OrgDirectoryId, OrgId};
use admin_transport::Method;

use super::{limit_in_range, query_each, query_opt, v2};
use crate::common::error::BuildError;
use crate::plan::RequestPlan;

/// The filters of `GET /v2/orgs/{orgId}/directories`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct DirectoryQuery {
    /// Only directories this account is a member of.
    pub account_id: Option<AccountId>,
    /// Only these directories.
    pub directory_ids: Vec<OrgDirectoryId>,
    /// Search the `name`.
    pub search_term: Option<String>,
    /// Page size.
    pub limit: Option<u32>,
}

/// #5 `GET /admin/v2/orgs/{orgId}/directories?accountId=&directoryIds=&searchTerm=&cursor=&limit=`
/// · org admin API key. Pages: shape C (bare cursor in `links.next`).
///
/// # Errors
/// [`BuildError::OutOfRange`] for `limit` 0.
pub fn list_directories(
    org: &OrgId,
    query: &DirectoryQuery,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    limit_in_range(query.limit, None)?;
    let mut plan = v2(Method::GET, "/admin/v2/orgs/{orgId}/directories", org)?.lit("directories");
    plan = query_opt(plan, "accountId", query.account_id.as_ref());
    plan = query_each(plan, "directoryIds", &query.directory_ids);
    plan = query_opt(plan, "searchTerm", query.search_term.as_ref());
    plan = query_opt(plan, "cursor", cursor);
    Ok(query_opt(plan, "limit", query.limit))
}
