//! The helpers every Organizations handler module shares (`org`, `org_group_roles`,
//! `org_invites`, `org_policies`, `org_workspaces`, `org_scim_admin`): the error answers, the
//! key check, path and body reading, cursors and offset paging, query parsing. Handler modules
//! import these, never each other.

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::MutexGuard;

use admin_models::org::time::OffsetDateTime;
use admin_models::org::time::format_description::well_known::Rfc3339;
use admin_models::org::{
    AdminErrorCode, ApplicationError, ApplicationErrors, DirectoryGroup, GroupCounts, GroupManagedBy,
    ManagementAccess, Page, PageLinks, ProxyError,
};
use axum::body::Bytes;
use axum::extract::Path;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::{App, lock};
use crate::http::{ScimFailure, bearer, is_json_content_type, scim_error, scim_failure, um_json, wire_id};
use crate::org_state::OrgGroupRec;
use crate::state::{ScimGroupRec, State as SandboxState, new_uuid};

/// The v2 searches' default and largest page.
const SEARCH_DEFAULT_LIMIT: usize = 50;
const SEARCH_MAX_LIMIT: usize = 100;
/// An `ApplicationErrors` response with one error.
pub(crate) fn org_error(code: AdminErrorCode, title: &str, detail: impl Into<String>) -> Response {
    let status =
        code.http_status().and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::BAD_REQUEST);
    let mut error = ApplicationError::default();
    error.id = Some(new_uuid());
    error.status = Some(status.as_u16().to_string());
    error.code = Some(code);
    error.title = Some(title.to_owned());
    error.detail = Some(detail.into());
    let mut body = ApplicationErrors::default();
    body.errors = vec![error];
    um_json(status, &body)
}

/// The gateway's `ProxyError` response (`{code, message}`): 401, 429, 503.
pub(crate) fn proxy_error(status: StatusCode, message: &str) -> Response {
    let mut body = ProxyError::default();
    body.code = Some(status.as_u16().into());
    body.message = Some(message.to_owned());
    um_json(status, &body)
}

/// Checks the org admin key and the org id, answering as the Organizations API does.
pub(crate) fn guard<'a>(
    app: &'a App,
    headers: &HeaderMap,
    org_id: &str,
) -> Result<MutexGuard<'a, SandboxState>, Response> {
    check_org_key(
        app,
        headers,
        org_id,
        || proxy_error(StatusCode::UNAUTHORIZED, "Unauthorized"),
        |org_id| {
            org_error(AdminErrorCode::OrgNotFound, "Not Found", format!("Organization {org_id} not found"))
        },
    )
}

/// Checks the org admin key and the org id, answering as the provisioning API does (`{error,
/// traceId}` for 401, a SCIM error for 404): its "Admin APIs" and the SCIM links reads.
pub(crate) fn provisioning_guard<'a>(
    app: &'a App,
    headers: &HeaderMap,
    org_id: &str,
) -> Result<MutexGuard<'a, SandboxState>, Response> {
    check_org_key(
        app,
        headers,
        org_id,
        || scim_failure(StatusCode::UNAUTHORIZED, "Unauthorized"),
        |org_id| scim_error(&ScimFailure::not_found(format!("Organization {org_id} not found"))),
    )
}

/// The org admin key check: `unauthorized` without the key, `org_not_found` for another org.
fn check_org_key<'a>(
    app: &'a App,
    headers: &HeaderMap,
    org_id: &str,
    unauthorized: impl FnOnce() -> Response,
    org_not_found: impl FnOnce(&str) -> Response,
) -> Result<MutexGuard<'a, SandboxState>, Response> {
    let state = lock(&app.state);
    if bearer(headers) != Some(state.admin_key.as_str()) {
        return Err(unauthorized());
    }
    if org_id != state.org.id {
        return Err(org_not_found(org_id));
    }
    Ok(state)
}

pub(crate) fn path_or_404<T>(path: Result<Path<T>, PathRejection>) -> Result<T, Response> {
    path.map(|Path(p)| p)
        .map_err(|_| org_error(AdminErrorCode::UnknownResource, "Not Found", "Resource not found"))
}

/// Reads a JSON body as `T` (an empty body is `{}`); anything else is `ADMIN-400-24`.
pub(crate) fn json_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Result<T, Response> {
    let bad = |detail: String| org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", detail);
    let body = body.map_err(|e| bad(format!("Unreadable body: {e}")))?;
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) { b"{}" } else { &body };
    if !is_json_content_type(headers) && body != b"{}" {
        return Err(bad("Content-Type must be application/json".into()));
    }
    serde_json::from_slice(body).map_err(|e| bad(format!("Invalid request body: {e}")))
}

macro_rules! try_resp {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(resp) => return resp,
        }
    };
}
pub(crate) use try_resp;

pub(crate) fn iso(t: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(t, &Rfc3339).ok()
}

// ----- cursors -------------------------------------------------------------------------------

/// Cursors are opaque to clients: hex of a small text.
pub(crate) fn encode_cursor(text: &str) -> String {
    text.bytes().map(|b| format!("{b:02x}")).collect()
}

pub(crate) fn decode_cursor(cursor: &str) -> Option<String> {
    if !cursor.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> =
        (0..cursor.len()).step_by(2).map(|i| u8::from_str_radix(cursor.get(i..i + 2)?, 16).ok()).collect();
    String::from_utf8(bytes?).ok()
}

pub(crate) fn bad_cursor() -> Response {
    org_error(AdminErrorCode::InvalidPageCursor, "Bad Request", "The page cursor is not valid")
}

/// A page of `items` from `offset`: `links.next` is the bare cursor of the next page (shape C).
pub(crate) fn offset_page<T>(items: Vec<T>, offset: usize, limit: usize) -> Page<T> {
    let total = items.len();
    let data: Vec<T> = items.into_iter().skip(offset).take(limit).collect();
    let end = offset + data.len();
    let mut page = Page::new(data);
    let mut links = PageLinks::default();
    links.next = (end < total).then(|| encode_cursor(&format!("offset:{end}")));
    page.links = Some(links);
    page
}

/// The offset an offset cursor (`{prefix}{offset}`, hex-encoded) names; none: 0; any other
/// text: [`bad_cursor`].
pub(crate) fn cursor_offset(cursor: Option<&str>, prefix: &str) -> Result<usize, Response> {
    match cursor {
        None => Ok(0),
        Some(c) => decode_cursor(c)
            .and_then(|t| t.strip_prefix(prefix).and_then(|n| n.parse().ok()))
            .ok_or_else(bad_cursor),
    }
}

/// The offset of a search's cursor (none: 0) and its limit.
pub(crate) fn paging(cursor: Option<&str>, limit: Option<u32>) -> Result<(usize, usize), Response> {
    let offset = cursor_offset(cursor, "offset:")?;
    let limit = limit.map_or(SEARCH_DEFAULT_LIMIT, |l| (l as usize).clamp(1, SEARCH_MAX_LIMIT));
    Ok((offset, limit))
}

// ----- shared checks and query parsing ---------------------------------------------------------

/// A `…/directories/{directoryId}…` path: the org and the directory it names.
pub(crate) trait DirectoryPath {
    /// The `{orgId}`.
    fn org(&self) -> &str;
    /// The `{directoryId}`.
    fn directory(&self) -> &str;
}

impl DirectoryPath for (String, String) {
    fn org(&self) -> &str {
        &self.0
    }
    fn directory(&self) -> &str {
        &self.1
    }
}

impl DirectoryPath for (String, String, String) {
    fn org(&self) -> &str {
        &self.0
    }
    fn directory(&self) -> &str {
        &self.1
    }
}

impl DirectoryPath for (String, String, String, String) {
    fn org(&self) -> &str {
        &self.0
    }
    fn directory(&self) -> &str {
        &self.1
    }
}

/// The state and the path's parameters of a directory call, once the path parses, the key and
/// the org check out ([`guard`]) and the directory exists ([`check_directory`]), in that order.
pub(crate) fn directory_guard<'a, P: DirectoryPath>(
    app: &'a App,
    headers: &HeaderMap,
    path: Result<Path<P>, PathRejection>,
) -> Result<(MutexGuard<'a, SandboxState>, P), Response> {
    let path = path_or_404(path)?;
    let state = guard(app, headers, path.org())?;
    check_directory(&state, path.directory())?;
    Ok((state, path))
}

fn check_directory(state: &SandboxState, directory_id: &str) -> Result<(), Response> {
    if state.is_org_directory(directory_id) {
        Ok(())
    } else {
        Err(org_error(
            AdminErrorCode::UnknownResource,
            "Not Found",
            format!("Directory {directory_id} not found"),
        ))
    }
}

pub(crate) fn group_not_found(group_id: &str) -> Response {
    org_error(AdminErrorCode::GroupNotFound, "Not Found", format!("Group {group_id} not found"))
}

pub(crate) fn query_map(query: Option<&str>) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// A v2 list's query: repeated keys (`accountIds=a&accountIds=b`) or comma-joined values.
pub(crate) fn query_values(query: Option<&str>) -> HashMap<String, Vec<String>> {
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (k, v) in url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()) {
        out.entry(k.into_owned()).or_default().extend(v.split(',').map(|s| s.trim().to_owned()));
    }
    out
}

// ----- groups as the API shows them ------------------------------------------------------------

/// A group as the directory lists it: own groups (the local directory) are the admins' to change,
/// synced ones the identity provider's.
fn group_wire(
    id: &str,
    name: &str,
    description: Option<String>,
    directory_id: &str,
    synced: bool,
    members: usize,
) -> DirectoryGroup {
    let mut out = DirectoryGroup::default();
    out.id = Some(wire_id(id));
    out.name = Some(name.to_owned());
    out.description = description;
    out.directory_id = Some(wire_id(directory_id));
    let mut access = ManagementAccess::default();
    access.deletable = Some(!synced);
    access.modifiable = Some(!synced);
    access.readable = Some(true);
    out.management_access = Some(access);
    out.external_synced = Some(synced);
    out.managed_by = Some(if synced { GroupManagedBy::External } else { GroupManagedBy::Admins });
    let mut counts = GroupCounts::default();
    counts.users = Some(members as u64);
    out.counts = Some(counts);
    out
}

/// An own group (local directory) as the API shows it.
pub(crate) fn own_group_wire(state: &SandboxState, g: &OrgGroupRec) -> DirectoryGroup {
    group_wire(&g.id, &g.name, g.description.clone(), &state.org.directory_id, false, g.members.len())
}

/// A group synced by SCIM into `dir` as the API shows it.
fn scim_group_wire(dir: &str, g: &ScimGroupRec) -> DirectoryGroup {
    group_wire(&g.id, &g.group.display_name, None, dir, true, g.group.members.len())
}

/// Every group `directory_id` lists (own groups live in the local directory), with its
/// members' account ids.
pub(crate) fn all_groups(state: &SandboxState, directory_id: &str) -> Vec<(DirectoryGroup, Vec<String>)> {
    let mut out = Vec::new();
    if directory_id == "-" || directory_id == state.org.directory_id {
        out.extend(
            state.org_groups.iter().map(|g| (own_group_wire(state, g), g.members.iter().cloned().collect())),
        );
    }
    for (dir, d) in &state.directories {
        if directory_id == "-" || directory_id == dir {
            out.extend(d.groups().map(|g| (scim_group_wire(dir, g), state.scim_group_accounts(dir, g))));
        }
    }
    out
}
