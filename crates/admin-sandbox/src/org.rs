//! Organizations API: `/admin/v1/orgs…` and `/admin/v2/orgs/{orgId}/directories…`, with the
//! org admin API key. Bodies are the admin-models `org` types.

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;

use admin_models::org::time::OffsetDateTime;
use admin_models::org::{
    AccountStatus, AccountType, AdminErrorCode, ClaimStatus, Data, DirectoryGroup, DirectoryUser, Event,
    EventAction, EventActor, EventAttributes, EventObject, GroupSearch, ManagementSource, MembershipStatus,
    NewGroup, NewMembership, Org, OrgDirectory, Page, PageLinks, PageMeta, ProductAccess, ProductKey,
    SelfLink, UserExpand, UserGroup, UserSearch, UserStatus,
};
use admin_models::org::{
    AccountStatusCount, EventActionInfo, RoleAssignment, RoleAssignmentMethod, RoleCount, UserRoleAssignment,
    UserStats,
};
use admin_models::org::{
    ClaimType, Count, Domain, DomainAttributes, DomainClaim, DomainClaimStatus, LastActivePage,
    ProductLastActive, ScimLink, ScimLinks, ScimLinksForEmail, UserProductAccess,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::{App, lock};
use crate::http::{bearer, no_content, scim_path_or_404, um_json, wire_id};
use crate::model::{Account, LifecycleState, Membership};
use crate::org_http::{
    all_groups, bad_cursor, cursor_offset, decode_cursor, directory_guard, encode_cursor, group_not_found,
    guard, iso, json_body, offset_page, org_error, own_group_wire, paging, path_or_404, provisioning_guard,
    proxy_error, query_map, query_values, try_resp,
};
use crate::org_state::{ADMIN_ACTOR, EventRec, OrgGroupRec};
use crate::state::{State as SandboxState, new_uuid};

/// events-stream's default and largest page.
const STREAM_DEFAULT_LIMIT: usize = 200;
const STREAM_MAX_LIMIT: usize = 500;

// ----- orgs and directories --------------------------------------------------------------------

fn org_wire(state: &SandboxState) -> Org {
    Org::new(wire_id(&state.org.id), state.org.name.clone())
}

/// `GET /admin/v1/orgs`
pub(crate) async fn list_orgs(State(app): State<App>, headers: HeaderMap) -> Response {
    let state = lock(&app.state);
    if bearer(&headers) != Some(state.admin_key.as_str()) {
        return proxy_error(StatusCode::UNAUTHORIZED, "Unauthorized");
    }
    let mut page = Page::new(vec![org_wire(&state)]);
    page.links = Some(PageLinks::default());
    um_json(StatusCode::OK, &page)
}

/// `GET /admin/v1/orgs/{orgId}`
pub(crate) async fn get_org(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    um_json(StatusCode::OK, &Data::new(org_wire(&state)))
}

/// `GET /admin/v2/orgs/{orgId}/directories`
pub(crate) async fn list_directories(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let mut all = Vec::new();
    let mut local = OrgDirectory::default();
    local.directory_id = Some(wire_id(&state.org.directory_id));
    local.name = Some(state.org.directory_name.clone());
    all.push(local);
    for id in state.directories.keys() {
        let mut d = OrgDirectory::default();
        d.directory_id = Some(wire_id(id));
        d.name = Some(format!("SCIM directory {id}"));
        all.push(d);
    }
    um_json(StatusCode::OK, &offset_page(all, 0, usize::MAX))
}

// ----- users -----------------------------------------------------------------------------------

fn user_status(account: &Account) -> UserStatus {
    match (&account.status, account.membership) {
        (LifecycleState::PendingDeletion { .. }, _) => UserStatus::ForDeletion,
        (LifecycleState::Inactive { .. } | LifecycleState::Closed, _) => UserStatus::Deactivated,
        (_, Membership::Suspended) => UserStatus::Suspended,
        _ => UserStatus::Active,
    }
}

fn membership_status(account: &Account) -> MembershipStatus {
    match account.membership {
        Membership::Active => MembershipStatus::Active,
        Membership::Suspended => MembershipStatus::Suspended,
        Membership::Removed => MembershipStatus::NoMembership,
    }
}

/// The org groups (own and SCIM-synced) an account belongs to, as `(id, name)`.
fn groups_of(state: &SandboxState, account: &Account) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = state
        .org_groups
        .iter()
        .filter(|g| g.members.contains(&account.account_id))
        .map(|g| (g.id.clone(), g.name.clone()))
        .collect();
    if let Some(dir) = account.scim_directory.as_deref()
        && let Some(d) = state.directories.get(dir)
        && let Some(user) = d.user_by_account(&account.account_id)
    {
        out.extend(d.groups_of(user).map(|g| (g.id.clone(), g.group.display_name.clone())));
    }
    out
}

fn user_wire(state: &SandboxState, account: &Account, expand: &[UserExpand]) -> DirectoryUser {
    let mut u = DirectoryUser::default();
    u.account_id = Some(wire_id(&account.account_id));
    u.account_type = Some(AccountType::from(account.account_type.as_str()));
    u.status = Some(user_status(account));
    u.account_status = Some(AccountStatus::from(account.status.wire_status()));
    u.membership_status = Some(membership_status(account));
    u.added_to_org = iso(&account.added_to_org);
    u.name = Some(account.name.clone());
    u.nickname = Some(account.nickname.clone());
    u.email = Some(account.email.clone());
    u.email_verified = Some(true);
    u.claim_status = Some(if account.managed { ClaimStatus::Managed } else { ClaimStatus::Unmanaged });
    u.picture = Some(account.picture.clone());
    u.management_source =
        Some(if account.is_scim_managed() { ManagementSource::Synced } else { ManagementSource::Invited });
    u.mfa_enabled = Some(false);
    let p = &account.extended_profile;
    u.job_title = p.job_title.clone();
    u.department = p.department.clone();
    u.organization = p.organization.clone();
    u.location = p.location.clone();
    u.time_zone = account.zoneinfo.clone();
    if expand.contains(&UserExpand::PlatformRoles) {
        u.platform_roles = account.roles.iter().map(|r| wire_id(r)).collect();
    }
    // A suspended member keeps its products, but has no access to them meanwhile.
    if expand.contains(&UserExpand::ProductAccess) && account.membership == Membership::Active {
        u.product_access = account
            .product_access
            .iter()
            .map(|p| {
                let mut access = ProductAccess::default();
                access.key = Some(ProductKey::from(p.key.as_str()));
                access.id = Some(format!("{}-{}", p.key, state.org.id));
                access.last_active_timestamp = p.last_active.as_deref().and_then(iso);
                access
            })
            .collect();
    }
    if expand.contains(&UserExpand::Groups) {
        u.groups = groups_of(state, account)
            .into_iter()
            .map(|(id, name)| {
                let mut g = UserGroup::default();
                g.id = Some(wire_id(&id));
                g.name = Some(name);
                g
            })
            .collect();
    }
    u
}

fn matches_search(state: &SandboxState, account: &Account, search: &UserSearch) -> bool {
    let email = account.email.to_lowercase();
    let any_or_all = |empty: bool, hit: bool| empty || hit;
    any_or_all(search.emails.is_empty(), search.emails.iter().any(|e| e.to_lowercase() == email))
        && search.search_term.as_deref().is_none_or(|t| {
            let t = t.to_lowercase();
            email.contains(&t)
                || account.name.to_lowercase().contains(&t)
                || account.nickname.to_lowercase().contains(&t)
        })
        && any_or_all(
            search.account_ids.is_empty(),
            search.account_ids.iter().any(|a| a.as_str() == account.account_id),
        )
        && any_or_all(search.status.is_empty(), search.status.contains(&user_status(account)))
        && any_or_all(
            search.account_status.is_empty(),
            search.account_status.contains(&AccountStatus::from(account.status.wire_status())),
        )
        && any_or_all(
            search.membership_status.is_empty(),
            search.membership_status.contains(&membership_status(account)),
        )
        && search
            .claim_status
            .as_ref()
            .is_none_or(|c| *c == if account.managed { ClaimStatus::Managed } else { ClaimStatus::Unmanaged })
        && any_or_all(
            search.email_domains.is_empty(),
            search.email_domains.iter().any(|d| email.ends_with(&format!("@{}", d.to_lowercase()))),
        )
        && any_or_all(
            search.role_ids.is_empty(),
            search.role_ids.iter().any(|r| account.roles.iter().any(|a| a == r.as_str())),
        )
        && any_or_all(search.group_ids.is_empty(), {
            let groups = groups_of(state, account);
            search.group_ids.iter().any(|g| groups.iter().any(|(id, _)| id == g.as_str()))
        })
        && any_or_all(
            search.directory_ids.is_empty(),
            search
                .directory_ids
                .iter()
                .any(|d| d.as_str() == "-" || d.as_str() == state.directory_of(account)),
        )
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/search`
pub(crate) async fn search_users(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let search: UserSearch = try_resp!(json_body(&headers, body));
    if !search.emails.is_empty() && search.search_term.is_some() {
        return org_error(
            AdminErrorCode::InvalidRequestBody,
            "Bad Request",
            "Give either emails or searchTerm, not both",
        );
    }
    let (offset, limit) = try_resp!(paging(search.cursor.as_deref(), search.limit));
    let found: Vec<DirectoryUser> = state
        .directory_accounts(&dir)
        .filter(|a| matches_search(&state, a, &search))
        .map(|a| user_wire(&state, a, &search.expand))
        .collect();
    um_json(StatusCode::OK, &offset_page(found, offset, limit))
}

pub(crate) fn user_not_found(account_id: &str) -> Response {
    org_error(
        AdminErrorCode::UserNotFound,
        "Not Found",
        format!("User {account_id} not found in this directory"),
    )
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}`: `{"data": user}`.
pub(crate) async fn get_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, (_, dir, account_id)) = try_resp!(directory_guard(&app, &headers, path));
    let expand: Vec<UserExpand> = url::form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .filter(|(k, _)| k == "expand")
        .flat_map(|(_, v)| v.split(',').map(|e| UserExpand::from(e.trim())).collect::<Vec<_>>())
        .collect();
    match state.directory_account(&dir, &account_id) {
        Some(account) => um_json(StatusCode::OK, &Data::new(user_wire(&state, account, &expand))),
        None => user_not_found(&account_id),
    }
}

/// `POST …/users/{accountId}/suspend`, `…/restore`; `DELETE …/users/{accountId}`.
async fn change_membership(
    app: App,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    to: Membership,
) -> Response {
    let (mut state, (_, dir, account_id)) = try_resp!(directory_guard(&app, &headers, path));
    if state.directory_account(&dir, &account_id).is_none() {
        return user_not_found(&account_id);
    }
    match to {
        Membership::Suspended => state.suspend(&account_id),
        Membership::Active => state.restore(&account_id),
        Membership::Removed => state.remove_from_directory(&account_id),
    }
    no_content()
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/suspend`: keeps roles
/// and groups, hides product access. 204.
pub(crate) async fn suspend_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    change_membership(app, headers, path, Membership::Suspended).await
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/restore`. 204.
pub(crate) async fn restore_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    change_membership(app, headers, path, Membership::Active).await
}

/// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}`: roles, groups and
/// product access are lost; the account is no longer listed. 204.
pub(crate) async fn remove_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    change_membership(app, headers, path, Membership::Removed).await
}

// ----- groups ----------------------------------------------------------------------------------

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/search`
pub(crate) async fn search_groups(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let search: GroupSearch = try_resp!(json_body(&headers, body));
    let (offset, limit) = try_resp!(paging(search.cursor.as_deref(), search.limit));
    let term = search.search_term.as_deref().map(str::to_lowercase);
    let found: Vec<DirectoryGroup> = all_groups(&state, &dir)
        .into_iter()
        .filter(|(g, members)| {
            let name = g.name.as_deref().unwrap_or_default().to_lowercase();
            let id = g.id.as_ref().map(|i| i.as_str().to_owned()).unwrap_or_default();
            term.as_deref().is_none_or(|t| name.contains(t))
                && (search.group_ids.is_empty() || search.group_ids.iter().any(|g| g.as_str() == id))
                && (search.group_names.is_empty()
                    || search.group_names.iter().any(|n| n.to_lowercase() == name))
                && (search.account_ids.is_empty()
                    || search.account_ids.iter().any(|a| members.iter().any(|m| m == a.as_str())))
        })
        .map(|(g, _)| g)
        .collect();
    um_json(StatusCode::OK, &offset_page(found, offset, limit))
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups` (local directory or `-`):
/// 201 `{"data": group}`.
pub(crate) async fn create_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (mut state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    if dir != "-" && dir != state.org.directory_id {
        return org_error(
            AdminErrorCode::NotAllowedToManageGroup,
            "Forbidden",
            "Groups of an identity provider's directory are managed by the identity provider",
        );
    }
    let new: NewGroup = try_resp!(json_body(&headers, body));
    let name = new.name.trim().to_owned();
    if name.is_empty() {
        return org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", "name is required");
    }
    if state.org_groups.by_name(&name).is_some() {
        return org_error(
            AdminErrorCode::Conflict,
            "Conflict",
            format!("A group named '{name}' already exists"),
        );
    }
    let group =
        OrgGroupRec { id: new_uuid(), name, description: new.description, members: Default::default() };
    let wire = own_group_wire(&state, &group);
    let id = group.id.clone();
    state.org_groups.insert(group);
    state.record("group_created", ADMIN_ACTOR, &[(&id, "groups")]);
    um_json(StatusCode::CREATED, &Data::new(wire))
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}`: `{"data": group}`.
pub(crate) async fn get_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let (state, (_, dir, group_id)) = try_resp!(directory_guard(&app, &headers, path));
    match all_groups(&state, &dir)
        .into_iter()
        .find(|(g, _)| g.id.as_ref().is_some_and(|i| i.as_str() == group_id))
    {
        Some((g, _)) => um_json(StatusCode::OK, &Data::new(g)),
        None => group_not_found(&group_id),
    }
}

/// The own group `group_id` if `dir` lists it; a SCIM group → 403 (managed by the IdP).
fn own_group_for_write(state: &SandboxState, dir: &str, group_id: &str) -> Result<(), Response> {
    let listed = dir == "-" || dir == state.org.directory_id;
    if listed && state.org_groups.get(group_id).is_some() {
        return Ok(());
    }
    if state.scim_group_anywhere(group_id).is_some() {
        return Err(org_error(
            AdminErrorCode::NotAllowedToManageGroup,
            "Forbidden",
            "The group is synced from an identity provider: change it there",
        ));
    }
    Err(group_not_found(group_id))
}

/// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}`. 204.
pub(crate) async fn delete_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let (mut state, (_, dir, group_id)) = try_resp!(directory_guard(&app, &headers, path));
    try_resp!(own_group_for_write(&state, &dir, &group_id));
    state.org_groups.remove(&group_id);
    state.group_roles.remove(&group_id);
    state.record("group_deleted", ADMIN_ACTOR, &[(&group_id, "groups")]);
    no_content()
}

/// `POST /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships`
/// `{accountId}`. 204.
pub(crate) async fn add_member(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (mut state, (_, dir, group_id)) = try_resp!(directory_guard(&app, &headers, path));
    try_resp!(own_group_for_write(&state, &dir, &group_id));
    let new: NewMembership = try_resp!(json_body(&headers, body));
    let account_id = new.account_id.as_str().to_owned();
    if state.directory_account("-", &account_id).is_none() {
        return user_not_found(&account_id);
    }
    if let Some(g) = state.org_groups.get_mut(&group_id) {
        g.members.insert(account_id.clone());
    }
    state.record("user_added_to_group", ADMIN_ACTOR, &[(&account_id, "users"), (&group_id, "groups")]);
    no_content()
}

/// `DELETE /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/{groupId}/memberships/{accountId}`.
/// 204; 404 when the account is not a member.
pub(crate) async fn remove_member(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String, String)>, PathRejection>,
) -> Response {
    let (mut state, (_, dir, group_id, account_id)) = try_resp!(directory_guard(&app, &headers, path));
    try_resp!(own_group_for_write(&state, &dir, &group_id));
    let removed = state.org_groups.get_mut(&group_id).is_some_and(|g| g.members.remove(&account_id));
    if !removed {
        return user_not_found(&account_id);
    }
    state.record("user_removed_from_group", ADMIN_ACTOR, &[(&account_id, "users"), (&group_id, "groups")]);
    no_content()
}

// ----- events ----------------------------------------------------------------------------------

fn event_wire(state: &SandboxState, e: &EventRec) -> Event {
    let mut attributes = EventAttributes::new(EventAction::from(e.action.as_str()));
    attributes.time = Some(e.time);
    attributes.processed_at = Some(e.time);
    attributes.actor = Some(EventActor::new(e.actor.clone()));
    attributes.context =
        e.context.iter().map(|(id, kind)| EventObject::new(id.clone(), kind.clone())).collect();
    attributes.container = vec![EventObject::new(state.org.id.clone(), "orgs")];
    let mut event = Event::new(wire_id(&e.id), attributes);
    let mut links = SelfLink::default();
    links.self_ = Some(format!("{}/admin/v1/orgs/{}/events/{}", state.base_url, state.org.id, e.id));
    event.links = Some(links);
    event
}

fn epoch_ms(t: &OffsetDateTime) -> i128 {
    t.unix_timestamp_nanos() / 1_000_000
}

/// Where an events-stream reader is: a window `(lo, hi)` of sequence numbers (exclusive), read
/// in `order`; `top` is the newest event when a descending window started. Kept in the cursor,
/// with the `from`/`to` filter (epoch ms).
#[derive(Debug, Clone, PartialEq)]
struct StreamCursor {
    desc: bool,
    lo: u64,
    hi: Option<u64>,
    top: u64,
    from: Option<i128>,
    to: Option<i128>,
}

impl StreamCursor {
    fn encode(&self) -> String {
        let opt = |v: Option<i128>| v.map_or_else(String::new, |v| v.to_string());
        let hi = self.hi.map_or_else(String::new, |v| v.to_string());
        encode_cursor(&format!(
            "stream:{}:{}:{hi}:{}:{}:{}",
            if self.desc { "desc" } else { "asc" },
            self.lo,
            self.top,
            opt(self.from),
            opt(self.to)
        ))
    }

    fn decode(cursor: &str) -> Option<Self> {
        let text = decode_cursor(cursor)?;
        let parts: Vec<&str> = text.strip_prefix("stream:")?.split(':').collect();
        let [order, lo, hi, top, from, to] = parts.as_slice() else { return None };
        let opt = |s: &str| if s.is_empty() { Ok(None) } else { s.parse().map(Some) };
        Some(Self {
            desc: match *order {
                "asc" => false,
                "desc" => true,
                _ => return None,
            },
            lo: lo.parse().ok()?,
            hi: if hi.is_empty() { None } else { Some(hi.parse().ok()?) },
            top: top.parse().ok()?,
            from: opt(from).ok()?,
            to: opt(to).ok()?,
        })
    }
}

/// `GET /admin/v1/orgs/{orgId}/events-stream?cursor=&from=&to=&limit=&sortOrder=`: every event
/// in processing order (`asc`, the default) or newest first (`desc`). `meta.next` is always
/// there: on the last page it is the cursor to poll for newer events later (the sort order and
/// filter live in it). `links.next` is there while more events are available now.
pub(crate) async fn events_stream(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let q = query_map(query.as_deref());
    let limit = match q.get("limit").map(|l| l.parse::<usize>()) {
        None => STREAM_DEFAULT_LIMIT,
        Some(Ok(l)) => l.clamp(1, STREAM_MAX_LIMIT),
        Some(Err(_)) => {
            return org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", "limit must be a number");
        }
    };
    let ms = |k: &str| -> Result<Option<i128>, Response> {
        q.get(k)
            .map(|v| {
                v.parse::<i128>().map_err(|_| {
                    org_error(
                        AdminErrorCode::InvalidTimeDate,
                        "Bad Request",
                        format!("{k} must be epoch milliseconds"),
                    )
                })
            })
            .transpose()
    };
    let mut cursor = match q.get("cursor") {
        Some(c) => try_resp!(StreamCursor::decode(c).ok_or_else(bad_cursor)),
        None => StreamCursor {
            desc: match q.get("sortOrder").map(String::as_str) {
                None | Some("asc") => false,
                Some("desc") => true,
                Some(_) => {
                    return org_error(
                        AdminErrorCode::InvalidRequestBody,
                        "Bad Request",
                        "sortOrder is asc or desc",
                    );
                }
            },
            lo: 0,
            hi: None,
            top: 0,
            from: try_resp!(ms("from")),
            to: try_resp!(ms("to")),
        },
    };
    let log = state.events.all();
    let last = state.events.last_seq();
    let in_range = |e: &&EventRec| {
        let t = epoch_ms(&e.time);
        cursor.from.is_none_or(|f| t >= f) && cursor.to.is_none_or(|to| t <= to)
    };
    let (data, next, more) = if cursor.desc {
        if cursor.hi.is_none() {
            // A window starts: fix its top so events arriving meanwhile wait for the next one.
            cursor.hi = Some(last + 1);
            cursor.top = last;
        }
        let hi = cursor.hi.unwrap_or(last + 1);
        let window: Vec<&EventRec> =
            log.iter().rev().filter(|e| e.seq < hi && e.seq > cursor.lo).filter(in_range).collect();
        let page: Vec<&EventRec> = window.iter().take(limit).copied().collect();
        let more = window.len() > page.len();
        let next = match page.last() {
            Some(e) if more => StreamCursor { hi: Some(e.seq), ..cursor.clone() },
            // Caught up: the next read polls for what came after this window's top.
            _ => StreamCursor { lo: cursor.top, hi: None, ..cursor.clone() },
        };
        (page, next, more)
    } else {
        let window: Vec<&EventRec> = log.iter().filter(|e| e.seq > cursor.lo).filter(in_range).collect();
        let page: Vec<&EventRec> = window.iter().take(limit).copied().collect();
        let more = window.len() > page.len();
        let lo = page.last().map_or(cursor.lo, |e| e.seq);
        (page, StreamCursor { lo, ..cursor.clone() }, more)
    };
    let base = format!("{}/admin/v1/orgs/{}/events-stream", state.base_url, state.org.id);
    let next_cursor = next.encode();
    let mut page = Page::new(data.into_iter().map(|e| event_wire(&state, e)).collect());
    let mut meta = PageMeta::default();
    meta.next = Some(next_cursor.clone());
    meta.page_size = Some(limit as u64);
    page.meta = Some(meta);
    let mut links = PageLinks::default();
    links.self_ = Some(match query.as_deref() {
        Some(q) if !q.is_empty() => format!("{base}?{q}"),
        _ => base.clone(),
    });
    links.next = more.then(|| format!("{base}?cursor={next_cursor}&limit={limit}"));
    page.links = Some(links);
    um_json(StatusCode::OK, &page)
}

/// `GET /admin/v1/orgs/{orgId}/events?cursor=&action=&from=&to=&limit=`: the audit log newest
/// first; `meta.next` (and a `links.next` URL) while more pages remain.
pub(crate) async fn list_events(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let q = query_map(query.as_deref());
    let limit = q.get("limit").and_then(|l| l.parse::<usize>().ok()).unwrap_or(100).clamp(1, 1000);
    let offset = try_resp!(cursor_offset(q.get("cursor").map(String::as_str), "events:"));
    let action = q.get("action");
    let from = q.get("from").and_then(|v| v.parse::<i128>().ok());
    let to = q.get("to").and_then(|v| v.parse::<i128>().ok());
    let term = q.get("q").map(|t| t.to_lowercase());
    let found: Vec<&EventRec> = state
        .events
        .all()
        .iter()
        .rev()
        .filter(|e| action.is_none_or(|a| *a == e.action))
        .filter(|e| from.is_none_or(|f| epoch_ms(&e.time) >= f) && to.is_none_or(|t| epoch_ms(&e.time) <= t))
        .filter(|e| {
            term.as_deref().is_none_or(|t| {
                e.action.contains(t) || e.context.iter().any(|(id, _)| id.to_lowercase().contains(t))
            })
        })
        .collect();
    let total = found.len();
    let data: Vec<Event> =
        found.into_iter().skip(offset).take(limit).map(|e| event_wire(&state, e)).collect();
    let end = offset + data.len();
    let mut page = Page::new(data);
    let mut meta = PageMeta::default();
    meta.page_size = Some(limit as u64);
    meta.next = (end < total).then(|| encode_cursor(&format!("events:{end}")));
    let base = format!("{}/admin/v1/orgs/{}/events", state.base_url, state.org.id);
    let mut links = PageLinks::default();
    links.next = meta.next.as_ref().map(|c| format!("{base}?cursor={c}"));
    page.meta = Some(meta);
    page.links = Some(links);
    um_json(StatusCode::OK, &page)
}

/// `GET /admin/v1/orgs/{orgId}/events/{eventId}`: `{"data": event}`.
pub(crate) async fn get_event(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, event_id) = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    match state.events.get(&event_id) {
        Some(e) => um_json(StatusCode::OK, &Data::new(event_wire(&state, e))),
        None => org_error(AdminErrorCode::EventNotFound, "Not Found", format!("Event {event_id} not found")),
    }
}

// ----- counts, domains, last-active dates, SCIM links -----------------------------------------

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/count`: `{"count": n}` of the
/// accounts the directory lists that match the filters (the query parameters of `GET …/users`).
pub(crate) async fn count_users(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let mut search = UserSearch::default();
    query_filters(&query_values(query.as_deref()), &mut search);
    let mut count = Count::default();
    count.count =
        Some(state.directory_accounts(&dir).filter(|a| matches_search(&state, a, &search)).count() as u64);
    um_json(StatusCode::OK, &count)
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups/count`.
pub(crate) async fn count_groups(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let mut count = Count::default();
    count.count = Some(all_groups(&state, &dir).len() as u64);
    um_json(StatusCode::OK, &count)
}

/// A verified domain's id: `domain-<name>`.
fn domain_id(name: &str) -> String {
    format!("domain-{name}")
}

fn domain_wire(state: &SandboxState, name: &str) -> Domain {
    let mut claim = DomainClaim::default();
    claim.claim_type = Some(ClaimType::Dns);
    claim.status = Some(DomainClaimStatus::Verified);
    let mut attributes = DomainAttributes::default();
    attributes.name = Some(name.to_owned());
    attributes.claim = Some(claim);
    let mut domain = Domain::new(wire_id(&domain_id(name)), attributes);
    let mut links = SelfLink::default();
    links.self_ =
        Some(format!("{}/admin/v1/orgs/{}/domains/{}", state.base_url, state.org.id, domain_id(name)));
    domain.links = Some(links);
    domain
}

/// `GET /admin/v1/orgs/{orgId}/domains`: the verified domains (one page, no `links.next`).
pub(crate) async fn list_domains(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let domains: Vec<Domain> = state.verified_domains.iter().map(|d| domain_wire(&state, d)).collect();
    um_json(StatusCode::OK, &offset_page(domains, 0, usize::MAX))
}

/// `GET /admin/v1/orgs/{orgId}/domains/{domainId}`: `{"data": domain}`.
pub(crate) async fn get_domain(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, id) = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    match state.verified_domains.iter().find(|d| domain_id(d) == id) {
        Some(d) => um_json(StatusCode::OK, &Data::new(domain_wire(&state, d))),
        None => org_error(AdminErrorCode::DomainNotFound, "Not Found", format!("Domain {id} not found")),
    }
}

/// `GET /admin/v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates`: per product,
/// the day the account last used it, and when it joined the org (dates, UTC).
pub(crate) async fn last_active_dates(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, account_id) = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let Some(account) = state.directory_account("-", &account_id) else {
        return user_not_found(&account_id);
    };
    let mut data = UserProductAccess::default();
    data.added_to_org = iso(&account.added_to_org).map(|t| t.date());
    data.product_access = account
        .product_access
        .iter()
        .map(|p| {
            let mut product = ProductLastActive::new(ProductKey::from(p.key.as_str()));
            product.id = Some(format!("{}-{}", p.key, state.org.id));
            product.last_active = p.last_active.as_deref().and_then(iso).map(|t| t.date());
            product
        })
        .collect();
    um_json(StatusCode::OK, &LastActivePage::new(data, Some(PageLinks::default())))
}

/// The SCIM links of an account: its SCIM user, if a directory provisions it.
fn scim_links_of(state: &SandboxState, account: &Account) -> ScimLinks {
    let mut links = ScimLinks::default();
    if let Some(dir) = account.scim_directory.as_deref()
        && let Some(user) = state.directories.get(dir).and_then(|d| d.user_by_account(&account.account_id))
    {
        let mut link = ScimLink::new(user.id.clone(), dir);
        link.atlassian_account_id = Some(account.account_id.clone());
        link.org_id = Some(state.org.id.clone());
        links.scim_links.push(link);
    }
    links
}

/// `GET /admin/user-provisioning/v1/org/{orgId}/user/{accountId}/get-scim-links` (org admin
/// key): `{"scimLinks": [...]}`, empty when no directory provisions the account. Errors are
/// the provisioning API's (`{error, traceId}` for 401, a SCIM error for 404).
pub(crate) async fn scim_links(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (org, account_id) = try_resp!(scim_path_or_404(path));
    let state = try_resp!(provisioning_guard(&app, &headers, &org));
    match state.account(&account_id) {
        Some(account) => um_json(StatusCode::OK, &scim_links_of(&state, account)),
        None => crate::http::scim_error(&crate::http::ScimFailure::not_found(format!(
            "User {account_id} not found"
        ))),
    }
}

/// `POST /admin/user-provisioning/v1/org/{orgId}/get-scim-links-for-email` `{email}`.
pub(crate) async fn scim_links_for_email(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let org = try_resp!(scim_path_or_404(path));
    let state = try_resp!(provisioning_guard(&app, &headers, &org));
    let Ok(request) = serde_json::from_slice::<ScimLinksForEmail>(&body.unwrap_or_default()) else {
        let bad = crate::http::ScimFailure::bad(
            admin_models::scim::ScimType::InvalidSyntax,
            "Body must be {\"email\": …}",
        );
        return crate::http::scim_error(&bad);
    };
    let links = state.account_by_email(&request.email).map(|a| scim_links_of(&state, a)).unwrap_or_default();
    um_json(StatusCode::OK, &links)
}

// ----- GET lists, stats, roles -----------------------------------------------------------------

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users?…`: the search's filters as
/// query parameters; "if `cursor` is present all other parameters are discarded" (but `limit`).
pub(crate) async fn list_users(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let q = query_values(query.as_deref());
    let one = |k: &str| q.get(k).and_then(|v| v.first()).cloned();
    let mut search = UserSearch::default();
    search.cursor = one("cursor");
    search.limit = match one("limit").map(|l| l.parse::<u32>()) {
        None => None,
        Some(Ok(l)) => Some(l),
        Some(Err(_)) => {
            return org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", "limit must be a number");
        }
    };
    if search.cursor.is_none() {
        query_filters(&q, &mut search);
        search.expand = q.get("expand").into_iter().flatten().map(|e| UserExpand::from(e.as_str())).collect();
    }
    let (offset, limit) = try_resp!(paging(search.cursor.as_deref(), search.limit));
    let found: Vec<DirectoryUser> = state
        .directory_accounts(&dir)
        .filter(|a| matches_search(&state, a, &search))
        .map(|a| user_wire(&state, a, &search.expand))
        .collect();
    um_json(StatusCode::OK, &offset_page(found, offset, limit))
}

/// The user filters of `GET …/users` and `GET …/users/count`, from their query parameters.
fn query_filters(q: &HashMap<String, Vec<String>>, search: &mut UserSearch) {
    let one = |k: &str| q.get(k).and_then(|v| v.first()).cloned();
    let many = |k: &str| q.get(k).cloned().unwrap_or_default();
    {
        search.account_ids = many("accountIds").iter().map(|a| wire_id(a)).collect();
        search.group_ids = many("groupIds").iter().map(|g| wire_id(g)).collect();
        search.role_ids = many("roleIds").iter().map(|r| wire_id(r)).collect();
        search.emails = many("emails");
        search.email_domains = many("emailDomains");
        search.search_term = one("searchTerm");
        search.status = many("status").iter().map(|s| UserStatus::from(s.as_str())).collect();
        search.account_status =
            many("accountStatus").iter().map(|s| AccountStatus::from(s.as_str())).collect();
        search.membership_status =
            many("membershipStatus").iter().map(|s| MembershipStatus::from(s.as_str())).collect();
        search.claim_status = one("claimStatus").map(ClaimStatus::from);
    }
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/stats`: users per role and per
/// account status.
pub(crate) async fn user_stats(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let mut roles: std::collections::BTreeMap<String, u64> = Default::default();
    let mut statuses: std::collections::BTreeMap<&str, u64> = Default::default();
    for a in state.directory_accounts(&dir) {
        for r in &a.roles {
            *roles.entry(r.clone()).or_default() += 1;
        }
        *statuses.entry(a.status.wire_status()).or_default() += 1;
    }
    let mut stats = UserStats::default();
    stats.roles = roles
        .into_iter()
        .map(|(role, count)| {
            let mut c = RoleCount::default();
            c.role_id = Some(wire_id(&role));
            c.count = Some(count);
            c
        })
        .collect();
    stats.account_status = statuses
        .into_iter()
        .map(|(status, count)| {
            let mut c = AccountStatusCount::default();
            c.status = Some(AccountStatus::from(status));
            c.count = Some(count);
            c
        })
        .collect();
    um_json(StatusCode::OK, &stats)
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/groups?cursor=&limit=`: every group the
/// directory lists (own and synced).
pub(crate) async fn list_groups(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (state, (_, dir)) = try_resp!(directory_guard(&app, &headers, path));
    let q = query_map(query.as_deref());
    let limit = q.get("limit").and_then(|l| l.parse::<u32>().ok());
    let (offset, limit) = try_resp!(paging(q.get("cursor").map(String::as_str), limit));
    let groups: Vec<DirectoryGroup> = all_groups(&state, &dir).into_iter().map(|(g, _)| g).collect();
    um_json(StatusCode::OK, &offset_page(groups, offset, limit))
}

/// `GET /admin/v2/orgs/{orgId}/directories/{directoryId}/users/{accountId}/role-assignments`:
/// the account's org-wide roles, one assignment per role (`direct`).
pub(crate) async fn user_role_assignments(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String, String)>, PathRejection>,
) -> Response {
    let (state, (_, dir, account_id)) = try_resp!(directory_guard(&app, &headers, path));
    let Some(account) = state.directory_account(&dir, &account_id) else {
        return user_not_found(&account_id);
    };
    let mut assignment = UserRoleAssignment::default();
    assignment.resource_owner = Some(state.org.id.clone());
    assignment.roles = account.roles.iter().map(|r| wire_id(r)).collect();
    assignment.role_assignments = account
        .roles
        .iter()
        .map(|r| {
            let mut a = RoleAssignment::default();
            a.role = Some(wire_id(r));
            a.role_assignment_methods = vec![RoleAssignmentMethod::Direct];
            a
        })
        .collect();
    assignment.directory_id = Some(wire_id(state.directory_of(account)));
    assignment.user_directory_status = Some(membership_status(account));
    let data = if account.roles.is_empty() { Vec::new() } else { vec![assignment] };
    um_json(StatusCode::OK, &offset_page(data, 0, usize::MAX))
}

/// The role a grant or revoke names: `{"role": …}` (product roles, with an optional
/// `resource`) or `{"role": …}` (org roles).
#[derive(serde::Deserialize)]
struct RoleBody {
    role: String,
}

async fn change_role(
    app: App,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
    grant: bool,
) -> Response {
    let (org, account_id) = try_resp!(path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &org));
    if state.directory_account("-", &account_id).is_none() {
        return user_not_found(&account_id);
    }
    let RoleBody { role } = try_resp!(json_body(&headers, body));
    state.update_account(&account_id, |a| {
        a.roles.retain(|r| *r != role);
        if grant {
            a.roles.push(role.clone());
        }
    });
    let action = if grant { "role_assigned" } else { "role_revoked" };
    state.record(action, ADMIN_ACTOR, &[(&account_id, "users"), (&role, "roles")]);
    no_content()
}

/// `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/assign` and
/// `…/role-assignments/assign` (`UserRoleChange` / `OrgRoleChange`). 204.
pub(crate) async fn assign_role(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    change_role(app, headers, path, body, true).await
}

/// `POST /admin/v1/orgs/{orgId}/users/{userId}/roles/revoke` and `…/role-assignments/revoke`.
/// 204.
pub(crate) async fn revoke_role(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    change_role(app, headers, path, body, false).await
}

/// `GET /admin/v1/orgs/{orgId}/event-actions`: the catalogue of the actions the audit log
/// records (`{"data": [...]}`).
pub(crate) async fn event_actions(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let _state = try_resp!(guard(&app, &headers, &org));
    let actions: Vec<EventActionInfo> = crate::org_state::ACTIONS
        .iter()
        .map(|(action, name)| EventActionInfo::new(EventAction::from(*action), *name))
        .collect();
    um_json(StatusCode::OK, &Page::new(actions))
}
