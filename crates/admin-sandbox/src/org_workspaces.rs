//! Workspaces (`POST /admin/v2/orgs/{orgId}/workspaces`, #59) and the v1 managed accounts list
//! (`GET /admin/v1/orgs/{orgId}/users`, #3): pages whose `links.next` is a full URL.
//!
//! One world: the org's workspaces are the products its accounts use, one per product key, with
//! the id the v2 users' `productAccess` shows (`{key}-{orgId}`), `usage` the number of accounts
//! with access, and `policies` those whose resources name the workspace.

// Helpers return the error `Response` itself, moved straight out of the handler.
#![allow(clippy::result_large_err)]

use std::collections::BTreeMap;

use admin_models::org::{
    AccountStatus, AccountType, AdminErrorCode, ManagedAccount, ManagedProductAccess, Page, PageLinks,
    PageMeta, ProductKey, SelfLink, SortDirection, Workspace, WorkspaceAttributes, WorkspaceQuery,
    WorkspaceSearch, WorkspaceStatus,
};
use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::Response;

use crate::app::App;
use crate::http::{um_json, wire_id};
use crate::org_http::{
    bad_cursor, cursor_offset, decode_cursor, encode_cursor, guard, iso, json_body, org_error, path_or_404,
    query_map, try_resp,
};
use crate::state::State as SandboxState;

/// Workspaces per page by default, and at most.
const WORKSPACE_DEFAULT_LIMIT: u32 = 20;
const WORKSPACE_MAX_LIMIT: u32 = 1000;
/// Managed accounts per page (v1 has no `limit`).
pub(crate) const MANAGED_PAGE_SIZE: usize = 100;

fn bad_body(detail: impl Into<String>) -> Response {
    org_error(AdminErrorCode::InvalidRequestBody, "Bad Request", detail)
}

/// The product family of a key: `jira-software` → `jira`.
fn family(key: &str) -> &str {
    key.split('-').next().unwrap_or(key)
}

/// Every workspace of the org, by product key.
fn workspaces(state: &SandboxState) -> Vec<Workspace> {
    let mut usage: BTreeMap<&str, i64> = BTreeMap::new();
    for account in state.accounts() {
        for product in &account.product_access {
            *usage.entry(product.key.as_str()).or_default() += 1;
        }
    }
    let host = state.org.name.to_lowercase().replace(|c: char| !c.is_ascii_alphanumeric(), "");
    usage
        .into_iter()
        .map(|(key, users)| {
            let id = format!("{key}-{}", state.org.id);
            let mut attributes = WorkspaceAttributes::default();
            attributes.name = Some(format!("{} {key}", state.org.name));
            attributes.type_key = Some(key.to_owned());
            attributes.workspace_type = Some(family(key).to_owned());
            attributes.status = Some(WorkspaceStatus::Online);
            attributes.usage = Some(users);
            attributes.host_url = Some(format!("https://{host}.atlassian.net"));
            let mut workspace = Workspace::new(wire_id(&id), attributes);
            let policies: Vec<_> = policies_of(state, &id)
                .into_iter()
                .map(|p| serde_json::json!({"id": p, "type": "policy"}))
                .collect();
            if !policies.is_empty() {
                workspace.relationships.insert("policies".into(), serde_json::json!({"data": policies}));
            }
            let mut links = SelfLink::default();
            links.self_ = Some(format!("{}/admin/v2/orgs/{}/workspaces/{id}", state.base_url, state.org.id));
            workspace.links = Some(links);
            workspace
        })
        .collect()
}

/// The ids of the policies that apply to `workspace`.
fn policies_of(state: &SandboxState, workspace: &str) -> Vec<String> {
    state
        .policies
        .iter()
        .filter(|p| p.attributes.resources.iter().any(|r| r.id.as_str() == workspace))
        .map(|p| p.id.as_str().to_owned())
        .collect()
}

/// A workspace's value of a query / sort field (`attributes.type`, `attributes.typeKey`,
/// `attributes.status`, `attributes.name`, `id`).
fn field<'a>(w: &'a Workspace, name: &str) -> Option<&'a str> {
    let a = &w.attributes;
    match name {
        "id" => Some(w.id.as_str()),
        "attributes.type" => a.workspace_type.as_deref(),
        "attributes.typeKey" => a.type_key.as_deref(),
        "attributes.status" => a.status.as_ref().map(WorkspaceStatus::as_str),
        "attributes.name" => a.name.as_deref(),
        "attributes.hostUrl" => a.host_url.as_deref(),
        _ => None,
    }
}

fn matches(state: &SandboxState, w: &Workspace, query: &WorkspaceQuery) -> bool {
    match query {
        WorkspaceQuery::And(all) => all.iter().all(|q| matches(state, w, q)),
        WorkspaceQuery::Field { name, values } => {
            field(w, name).is_some_and(|v| values.iter().any(|x| x == v))
        }
        WorkspaceQuery::SearchWorkspaces(text) => {
            let text = text.to_lowercase();
            [&w.attributes.name, &w.attributes.host_url]
                .into_iter()
                .any(|v| v.as_deref().is_some_and(|v| v.to_lowercase().contains(&text)))
        }
        // The sandbox's workspaces have no features.
        WorkspaceQuery::Features(features) => features.is_empty(),
        WorkspaceQuery::Policies(ids) => {
            let applied = policies_of(state, w.id.as_str());
            ids.iter().all(|id| applied.contains(id))
        }
        _ => false,
    }
}

/// A search as the cursor keeps it: the body (without cursor) and where the next page starts.
fn cursor_of(search: &WorkspaceSearch, offset: usize) -> String {
    let body = serde_json::to_string(search).unwrap_or_default();
    encode_cursor(&format!("workspaces:{offset}:{body}"))
}

fn search_of(cursor: &str) -> Option<(WorkspaceSearch, usize)> {
    let text = decode_cursor(cursor)?;
    let (offset, body) = text.strip_prefix("workspaces:")?.split_once(':')?;
    Some((serde_json::from_str(body).ok()?, offset.parse().ok()?))
}

/// `POST /admin/v2/orgs/{orgId}/workspaces` `{query?, limit?, sort?, cursor?}`: with a cursor,
/// nothing else may be sent (400 `ADMIN-400-24`); `limit` 1–1000, default 20. `links.next` is
/// the next page's URL (its `cursor` query is the cursor to send); `meta` has `pageSize`,
/// `startIndex`, `endIndex` and `total`.
pub(crate) async fn search_workspaces(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let sent: WorkspaceSearch = try_resp!(json_body(&headers, body));
    let (search, offset) = match &sent.cursor {
        Some(cursor) => {
            if sent.query.is_some() || sent.limit.is_some() || !sent.sort.is_empty() {
                return bad_body("When a cursor is provided, no other properties may be present");
            }
            try_resp!(search_of(cursor).ok_or_else(bad_cursor))
        }
        None => (sent, 0),
    };
    let limit = search.limit.unwrap_or(WORKSPACE_DEFAULT_LIMIT);
    if !(1..=WORKSPACE_MAX_LIMIT).contains(&limit) {
        return bad_body(format!("limit must be between 1 and {WORKSPACE_MAX_LIMIT}"));
    }
    let mut found: Vec<Workspace> = workspaces(&state)
        .into_iter()
        .filter(|w| search.query.as_ref().is_none_or(|q| matches(&state, w, q)))
        .collect();
    for sort in search.sort.iter().rev() {
        found.sort_by(|a, b| {
            let order = field(a, &sort.field).cmp(&field(b, &sort.field));
            if sort.order == Some(SortDirection::Desc) { order.reverse() } else { order }
        });
    }
    let total = found.len();
    let data: Vec<Workspace> = found.into_iter().skip(offset).take(limit as usize).collect();
    let end = offset + data.len();
    let base = format!("{}/admin/v2/orgs/{}/workspaces", state.base_url, state.org.id);
    let mut page = Page::new(data);
    let mut links = PageLinks::default();
    links.self_ = Some(base.clone());
    links.next = (end < total).then(|| url_with_cursor(&base, &cursor_of(&search, end)));
    page.links = Some(links);
    let mut meta = PageMeta::default();
    meta.total = Some(total as u64);
    meta.extra.insert("pageSize".into(), limit.into());
    meta.extra.insert("startIndex".into(), offset.into());
    meta.extra.insert("endIndex".into(), end.saturating_sub(1).max(offset).into());
    page.meta = Some(meta);
    um_json(StatusCode::OK, &page)
}

fn url_with_cursor(base: &str, cursor: &str) -> String {
    let query = url::form_urlencoded::Serializer::new(String::new()).append_pair("cursor", cursor).finish();
    format!("{base}?{query}")
}

/// `GET /admin/v1/orgs/{orgId}/users?cursor=`: the org's managed accounts (claimed by a
/// verified domain), whatever their membership, `MANAGED_PAGE_SIZE` a page; `links.next` is
/// the next page's URL, `meta.total` the number of managed accounts.
pub(crate) async fn managed_accounts(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let org = try_resp!(path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &org));
    let q = query_map(query.as_deref());
    let offset = try_resp!(cursor_offset(q.get("cursor").map(String::as_str), "managed:"));
    let managed: Vec<_> = state.accounts().filter(|a| a.managed).collect();
    let total = managed.len();
    let data: Vec<ManagedAccount> = managed
        .into_iter()
        .skip(offset)
        .take(MANAGED_PAGE_SIZE)
        .map(|a| {
            let mut m = ManagedAccount::new(wire_id(&a.account_id));
            m.account_type = Some(AccountType::from(a.account_type.as_str()));
            m.account_status = Some(AccountStatus::from(a.status.wire_status()));
            m.name = Some(a.name.clone());
            m.picture = Some(a.picture.clone());
            m.email = Some(a.email.clone());
            m.access_billable = Some(!a.product_access.is_empty());
            m.product_access = a
                .product_access
                .iter()
                .map(|p| {
                    let mut product = ManagedProductAccess::new(ProductKey::from(p.key.as_str()));
                    product.last_active = p.last_active.as_deref().and_then(iso);
                    product
                })
                .collect();
            m.last_active = m.product_access.iter().filter_map(|p| p.last_active).max();
            let mut links = SelfLink::default();
            links.self_ = Some(format!("{}/users/{}/manage/profile", state.base_url, a.account_id));
            m.links = Some(links);
            m
        })
        .collect();
    let end = offset + data.len();
    let base = format!("{}/admin/v1/orgs/{}/users", state.base_url, state.org.id);
    let mut page = Page::new(data);
    let mut links = PageLinks::default();
    links.self_ = Some(base.clone());
    links.next = (end < total).then(|| url_with_cursor(&base, &encode_cursor(&format!("managed:{end}"))));
    page.links = Some(links);
    let mut meta = PageMeta::default();
    meta.total = Some(total as u64);
    page.meta = Some(meta);
    um_json(StatusCode::OK, &page)
}
