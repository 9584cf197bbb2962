//! Workspaces (#59).

use admin_models::org::{OrgId, WorkspaceSearch};
use admin_transport::Method;

use super::v2;
use crate::common::error::BuildError;
use crate::plan::RequestPlan;

/// The largest workspace page (`limit` 1–1000, server default 20).
pub const MAX_WORKSPACE_LIMIT: u32 = 1000;

/// #59 `POST /admin/v2/orgs/{orgId}/workspaces` with a [`WorkspaceSearch`] body · org admin API
/// key. Pages: `links.next` URL (shape A) with `meta {pageSize, startIndex, endIndex, total}`;
/// the next page is requested with **only** `{"cursor": …}`
/// ([`WorkspaceSearch::next_page`]). A read: idempotent ([`RequestPlan::idempotent`]), so
/// retried although it is a POST.
///
/// # Errors
/// [`BuildError::OutOfRange`] for a `limit` outside 1–1000;
/// [`BuildError::MutuallyExclusive`] for a cursor sent with a query, limit or sort (the API
/// forbids other members beside a cursor).
pub fn search_workspaces(org: &OrgId, search: &WorkspaceSearch) -> Result<RequestPlan, BuildError> {
    super::limit_in_range(search.limit, Some(MAX_WORKSPACE_LIMIT))?;
    if search.cursor.is_some() {
        let other = if search.query.is_some() {
            Some("query")
        } else if search.limit.is_some() {
            Some("limit")
        } else if !search.sort.is_empty() {
            Some("sort")
        } else {
            None
        };
        if let Some(other) = other {
            return Err(BuildError::MutuallyExclusive { first: "cursor", second: other });
        }
    }
    // A list by POST changes nothing: retried like a GET.
    v2(Method::POST, "/admin/v2/orgs/{orgId}/workspaces", org)?.lit("workspaces").read_only().json(search)
}
