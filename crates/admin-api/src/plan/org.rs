//! Plans for the Organizations REST API (`/admin/v1|v2/orgs/{orgId}/…`, org admin API key).
//!
//! One function per operation builds a [`RequestPlan`] after checking the documented input
//! limits (nothing is sent when they fail): `accountIds` ≤ 10, `groupIds` ≤ 10,
//! `resourceIds` ≤ 20, `emails` XOR `searchTerm`, `groupNames` XOR `searchTerm`/`groupIds`,
//! page `limit` 1–100 on the v2 users and groups listings. Listings take the cursor of the page
//! to fetch: in the query for a GET, in the body for a POST. [`CursorWalker`] walks them.
//!
//! List-valued query parameters are sent as repeated keys (`accountIds=a&accountIds=b`).
//!
//! The DEP26 v1 writes and searches (v1 suspend/restore/remove, v1 user and group search, v1
//! group writes) are deliberately not offered: see `docs/ENDPOINTS.md`.

mod directories;
mod domains;
mod events;
mod groups;
mod orgs;
mod policies;
mod scim_links;
mod tail;
mod users;
mod walker;
mod workspaces;

use admin_models::org::{Data, OrgDirectoryId, OrgId};
use admin_transport::{HttpResponse, Method};
use serde::de::DeserializeOwned;

pub use directories::{DirectoryQuery, list_directories};
pub use domains::{get_domain, list_domains};
pub use events::{
    EVENTS_PATH, EVENTS_STREAM_PATH, EventFilter, MAX_STREAM_LIMIT, StreamFilter, epoch_millis,
    event_actions, events_stream, get_event, list_events,
};
#[allow(deprecated)]
pub use groups::{
    add_group_member, assign_group_role, count_groups, create_group, decode_created_group, delete_group,
    get_group, group_role_assignments, group_stats, list_groups, remove_group_member, revoke_group_role,
    search_groups,
};
pub use orgs::{get_org, list_orgs, managed_accounts};
pub use policies::{
    add_policy_resource, create_policy, delete_policy, delete_policy_resource, get_policy, list_policies,
    update_policy, update_policy_resource, validate_policy,
};
pub use scim_links::{delete_scim_record, scim_links, scim_links_for_email, unlink_scim_user};
pub use tail::{CHECKPOINT_VERSION, DEFAULT_POLL_INTERVAL, TailCheckpoint, TailMode, TailState, TailStep};
#[allow(deprecated)]
pub use users::{
    RoleAssignmentQuery, assign_org_role, assign_user_role, count_users, get_user, invite_users,
    last_active_dates, list_users, remove_user, restore_user, revoke_org_role, revoke_user_role,
    search_users, suspend_user, user_role_assignments, user_stats,
};
pub use walker::{CursorPage, CursorWalker, MAX_EMPTY_PAGES_IN_A_ROW, PageShape, next_cursor};
pub use workspaces::{MAX_WORKSPACE_LIMIT, search_workspaces};

pub use crate::plan::scim::{PagingError, PagingErrorKind, WalkLimits};

use super::{ApiFamily, RequestPlan};
use crate::common::decode;
use crate::common::error::{BuildError, Error};

/// The largest page `limit` of the v2 users and groups listings and searches.
pub const MAX_PAGE_LIMIT: u32 = 100;
/// At most this many `accountIds` per filter.
pub const MAX_ACCOUNT_IDS: usize = 10;
/// At most this many `groupIds` per filter.
pub const MAX_GROUP_IDS: usize = 10;
/// At most this many `resourceIds` per filter.
pub const MAX_RESOURCE_IDS: usize = 20;

/// `/admin/v1/orgs/{orgId}`.
fn v1(method: Method, template: &'static str, org: &OrgId) -> Result<RequestPlan, BuildError> {
    RequestPlan::new(method, ApiFamily::Organizations, template)
        .lit("admin/v1/orgs")
        .param("orgId", org.as_str())
}

/// `/admin/v2/orgs/{orgId}`.
fn v2(method: Method, template: &'static str, org: &OrgId) -> Result<RequestPlan, BuildError> {
    RequestPlan::new(method, ApiFamily::Organizations, template)
        .lit("admin/v2/orgs")
        .param("orgId", org.as_str())
}

/// `/admin/v2/orgs/{orgId}/directories/{directoryId}`.
fn v2_directory(
    method: Method,
    template: &'static str,
    org: &OrgId,
    directory: &OrgDirectoryId,
) -> Result<RequestPlan, BuildError> {
    v2(method, template, org)?.lit("directories").param("directoryId", directory.as_str())
}

/// Adds `key=value` once per value.
fn query_each<I, S>(mut plan: RequestPlan, key: &str, values: I) -> RequestPlan
where
    I: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    for value in values {
        plan = plan.query(key, value.as_ref());
    }
    plan
}

fn query_opt(plan: RequestPlan, key: &str, value: Option<impl ToString>) -> RequestPlan {
    match value {
        Some(value) => plan.query(key, &value.to_string()),
        None => plan,
    }
}

fn max_values(field: &'static str, given: usize, max: usize) -> Result<(), BuildError> {
    if given > max { Err(BuildError::TooManyValues { field, max, given }) } else { Ok(()) }
}

fn limit_in_range(limit: Option<u32>, max: Option<u32>) -> Result<(), BuildError> {
    match limit {
        Some(value) if value == 0 || max.is_some_and(|max| value > max) => Err(BuildError::OutOfRange {
            field: "limit",
            value: u64::from(value),
            min: 1,
            max: u64::from(max.unwrap_or(u32::MAX)),
        }),
        _ => Ok(()),
    }
}

fn exclusive(
    first: &'static str,
    has_first: bool,
    second: &'static str,
    has_second: bool,
) -> Result<(), BuildError> {
    if has_first && has_second { Err(BuildError::MutuallyExclusive { first, second }) } else { Ok(()) }
}

/// The body of a search (#6, #25): `search` as it is for the first page, else with its cursor
/// (`cursor_of`) set to the page to fetch.
fn search_body<S: serde::Serialize + Clone>(
    plan: RequestPlan,
    search: &S,
    cursor_of: fn(&mut S) -> &mut Option<String>,
    cursor: Option<&str>,
) -> Result<RequestPlan, BuildError> {
    match cursor {
        Some(cursor) => {
            let mut body = search.clone();
            *cursor_of(&mut body) = Some(cursor.to_owned());
            plan.json(&body)
        }
        None => plan.json(search),
    }
}

/// The paging parameters of a deprecated list (#7, #26): `cursor`, the page to fetch (else
/// `start`, the filters' own), and `limit`.
fn list_paging(
    plan: RequestPlan,
    cursor: Option<&str>,
    start: Option<&str>,
    limit: Option<u32>,
) -> RequestPlan {
    query_opt(query_opt(plan, "cursor", cursor.or(start)), "limit", limit)
}

/// Refuses the first field of `unsupported` that is set: the list and count take their filters
/// as query parameters, and only `search` (e.g. "group search (POST …/groups/search)") takes
/// these.
fn search_only(unsupported: &[(&str, bool)], search: &str) -> Result<(), BuildError> {
    match unsupported.iter().find(|(_, set)| *set) {
        Some((field, _)) => {
            Err(BuildError::InvalidArgument(format!("{field} is only accepted by the {search}")))
        }
        None => Ok(()),
    }
}

/// Decodes a JSON answer (a page, a count, stats, …) into `T`.
///
/// # Errors
/// [`Error::Decode`] naming the JSON path that failed.
pub fn decode<T: DeserializeOwned>(plan: &RequestPlan, response: &HttpResponse) -> Result<T, Error> {
    decode::json(plan, response)
}

/// Decodes a `{"data": T}` answer into `T`.
///
/// # Errors
/// [`Error::Decode`].
pub fn decode_data<T: DeserializeOwned>(plan: &RequestPlan, response: &HttpResponse) -> Result<T, Error> {
    decode::json::<Data<T>>(plan, response).map(|data| data.data)
}

/// Accepts any 2xx and ignores its body (writes answering 204, or 200 with a message).
///
/// # Errors
/// None; the status was checked when the response arrived.
pub fn decode_no_content(plan: &RequestPlan, response: &HttpResponse) -> Result<(), Error> {
    decode::no_content(plan, response)
}
