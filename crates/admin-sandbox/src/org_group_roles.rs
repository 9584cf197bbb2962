//! Group statistics and group role assignments (`/admin/v2/orgs/{orgId}/directories/
//! {directoryId}/groups/stats` and `…/groups/{groupId}/role-assignments[/assign|/revoke]`,
//! #31–#34). Roles may be granted to the org's own groups and to groups synced from an
//! identity provider alike (that is how an IdP group gets product access).

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;

use admin_models::org::{
    AdminErrorCode, GroupManagedBy, GroupRoleAssignment, GroupRoleChange, GroupStats, GroupTotals, GroupType,
    GroupTypeCount,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::App;
use crate::http::{no_content, um_json, wire_id};
use crate::org_http::{
    all_groups, directory_guard, group_not_found, json_body, offset_page, org_error, paging, query_values,
    try_resp,
};
use crate::org_state::ADMIN_ACTOR;
use crate::state::State as SandboxState;

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/stats`: the groups the
/// directory lists, all of type `GROUP`, with how many are synced and how many admin-managed.
pub(crate) async fn group_stats(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let groups = all_groups(&state, &dir);
    let synced = groups.iter().filter(|(g, _)| g.managed_by == Some(GroupManagedBy::External)).count();
    let mut by_type = GroupTypeCount::default();
    by_type.type_ = Some(GroupType::Group);
    by_type.count = Some(groups.len() as u64);
    let mut totals = GroupTotals::default();
    totals.all = Some(groups.len() as u64);
    totals.synced = Some(synced as u64);
    totals.managed = Some((groups.len() - synced) as u64);
    let mut stats = GroupStats::default();
    stats.types = vec![by_type];
    stats.totals = Some(totals);
    um_json(StatusCode::OK, &stats)
}

/// Whether `dir` lists the group `group_id`.
fn listed_group(state: &SandboxState, dir: &str, group_id: &str) -> Result<(), Response> {
    let listed =
        all_groups(state, dir).iter().any(|(g, _)| g.id.as_ref().is_some_and(|id| id.as_str() == group_id));
    if listed { Ok(()) } else { Err(group_not_found(group_id)) }
}

/// The product a resource belongs to, as `resourceOwner`: `ari:cloud:jira::site/…` → `jira`,
/// a workspace id `jira-software-<org>` → `jira-software`.
fn owner_of(resource: &str) -> String {
    match resource.strip_prefix("ari:cloud:") {
        Some(rest) => rest.split(':').next().unwrap_or_default().to_owned(),
        None => resource.rsplit_once('-').map_or(resource, |(product, _)| product).to_owned(),
    }
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/role-assignments?
/// cursor=&limit=&resourceIds=&resourceOwners=&roleIds=&directoryIds=`: one assignment per
/// resource, with the roles the group has there. Pages: `links.next` a bare cursor.
pub(crate) async fn group_role_assignments(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, (_, dir, group_id)) = try_resp!(directory_guard(&app, &headers, path));
    try_resp!(listed_group(&state, &dir, &group_id));
    let q = query_values(query.as_deref());
    let one = |k: &str| q.get(k).and_then(|v| v.first()).cloned();
    let many = |k: &str| q.get(k).cloned().unwrap_or_default();
    let limit = match one("limit").map(|l| l.parse::<u32>()) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(_)) => {
            return org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", "limit must be a number");
        }
    };
    let (offset, limit) = try_resp!(paging(one("cursor").as_deref(), limit));
    let (resources, owners, roles) = (many("resourceIds"), many("resourceOwners"), many("roleIds"));
    let mut by_resource: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
    for (resource, role) in state.group_roles.get(&group_id).into_iter().flatten() {
        if (resources.is_empty() || resources.contains(resource))
            && (owners.is_empty() || owners.contains(&owner_of(resource)))
            && (roles.is_empty() || roles.contains(role))
        {
            by_resource.entry(resource).or_default().push(role);
        }
    }
    let data: Vec<GroupRoleAssignment> = by_resource
        .into_iter()
        .map(|(resource, roles)| {
            let mut a = GroupRoleAssignment::default();
            a.resource_id = Some(wire_id(resource));
            a.resource_owner = Some(owner_of(resource));
            a.roles = roles.into_iter().map(wire_id).collect();
            a
        })
        .collect();
    um_json(StatusCode::OK, &offset_page(data, offset, limit))
}

async fn change_group_role(
    app: App,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
    grant: bool,
) -> Response {
    let (mut state, (_, dir, group_id)) = try_resp!(directory_guard(&app, &headers, path));
    try_resp!(listed_group(&state, &dir, &group_id));
    let change: GroupRoleChange = try_resp!(json_body(&headers, body));
    let pair = (change.resource_id.as_str().to_owned(), change.role_id.as_str().to_owned());
    let roles = state.group_roles.entry(group_id.clone()).or_default();
    let changed = if grant { roles.insert(pair.clone()) } else { roles.remove(&pair) };
    if !grant && !changed {
        return org_error(
            AdminErrorCode::UnknownResource,
            "Not Found",
            format!("Group {group_id} does not have role {} on {}", pair.1, pair.0),
        );
    }
    if changed {
        let action = if grant { "role_assigned" } else { "role_revoked" };
        state.record(
            action,
            ADMIN_ACTOR,
            &[(&group_id, "groups"), (&pair.1, "roles"), (&pair.0, "resources")],
        );
    }
    no_content()
}

/// `POST …/groups/{groupId}/role-assignments/assign` `{resourceId, roleId}`: 204 (also when the
/// group already has the role).
pub(crate) async fn assign_group_role(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    change_group_role(app, headers, path, body, true).await
}

/// `POST …/groups/{groupId}/role-assignments/revoke` `{resourceId, roleId}`: 204; 404
/// `ADMIN-404-1` when the group does not have the role.
pub(crate) async fn revoke_group_role(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    change_group_role(app, headers, path, body, false).await
}
