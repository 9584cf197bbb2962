//! User provisioning (SCIM 2.0) API: `/scim/directory/{directoryId}/…`.

// Helpers return the error `Response` itself; it is built once per failed request and moved
// straight out of the handler, so boxing it would only add an allocation.
#![allow(clippy::result_large_err)]

use std::collections::HashMap;
use std::sync::MutexGuard;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, PathRejection};
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::Response;
use serde_json::{Map, Value, json};

use admin_models::scim::{
    ATLASSIAN_EXTERNAL_SCHEMA, ENTERPRISE_USER_SCHEMA, Filter, FilterValue, GROUP_SCHEMA,
    LIST_RESPONSE_SCHEMA, ListResponse, ScimType, ScimUser, USER_SCHEMA, parse_filter,
};
use serde::Serialize;
use serde_json::value::RawValue;

use crate::app::{App, lock};
use crate::discovery;
use crate::http::{
    ScimFailure, bearer, is_json_content_type, no_content, scim_error, scim_failure, scim_json,
    scim_path_or_404,
};
use crate::patch::{get_ci, key_ci, parse_path};
use crate::state::{GroupOut, State as SandboxState};

/// Checks the directory's SCIM key.
fn guard<'a>(app: &'a App, headers: &HeaderMap, dir: &str) -> Result<MutexGuard<'a, SandboxState>, Response> {
    let state = lock(&app.state);
    let Some(token) = bearer(headers) else {
        return Err(scim_failure(StatusCode::UNAUTHORIZED, "Missing authorization header"));
    };
    match state.directories.get(dir) {
        Some(d) if d.key == token => Ok(state),
        Some(_) if state.directories.values().any(|d| d.key == token) => Err(scim_failure(
            StatusCode::FORBIDDEN,
            "The API key is not authorized to call the API for this directory",
        )),
        None if state.directories.values().any(|d| d.key == token) => {
            Err(scim_error(&ScimFailure::not_found(format!("Directory {dir} not found"))))
        }
        _ => Err(scim_failure(StatusCode::UNAUTHORIZED, "Invalid API key")),
    }
}

/// Reads a resource body (`POST`/`PUT`) as `T` from its bytes: unknown attributes are kept
/// exactly as sent.
fn resource_body<T: serde::de::DeserializeOwned>(
    headers: &HeaderMap,
    body: Result<Bytes, BytesRejection>,
    what: &str,
) -> Result<T, Response> {
    let bytes = body.as_ref().map(Bytes::clone).unwrap_or_default();
    json_body(headers, body)?;
    crate::state::decode_bytes(&bytes, what).map_err(|f| scim_error(&f))
}

/// Parses a JSON body declared as `application/json` or `application/scim+json`.
fn json_body(headers: &HeaderMap, body: Result<Bytes, BytesRejection>) -> Result<Value, Response> {
    let body = body.map_err(|e| {
        scim_error(&ScimFailure::bad(ScimType::InvalidSyntax, format!("Unreadable body: {e}")))
    })?;
    if !is_json_content_type(headers) {
        return Err(scim_error(&ScimFailure::new(
            415,
            None,
            "Content-Type must be application/scim+json or application/json",
        )));
    }
    serde_json::from_slice(&body).map_err(|e| {
        scim_error(&ScimFailure::bad(ScimType::InvalidSyntax, format!("Request body is not valid JSON: {e}")))
    })
}

fn query_map(query: Option<&str>) -> HashMap<String, String> {
    url::form_urlencoded::parse(query.unwrap_or_default().as_bytes()).into_owned().collect()
}

/// `attributes` / `excludedAttributes`.
#[derive(Debug, Default)]
struct Projection {
    attributes: Vec<String>,
    excluded: Vec<String>,
}

impl Projection {
    fn from_query(q: &HashMap<String, String>) -> Result<Self, ScimFailure> {
        let split = |k: &str| -> Vec<String> {
            q.get(k)
                .map(|v| v.split(',').map(str::trim).filter(|s| !s.is_empty()).map(str::to_string).collect())
                .unwrap_or_default()
        };
        let p = Self { attributes: split("attributes"), excluded: split("excludedAttributes") };
        if !p.attributes.is_empty() && !p.excluded.is_empty() {
            return Err(ScimFailure::bad(
                ScimType::InvalidSyntax,
                "attributes and excludedAttributes are mutually exclusive",
            ));
        }
        for a in p.attributes.iter().chain(&p.excluded) {
            parse_path(a, &[USER_SCHEMA, GROUP_SCHEMA], &[ENTERPRISE_USER_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA])
                .map_err(|_| {
                    ScimFailure::bad(ScimType::InvalidValue, format!("Invalid attribute name '{a}'"))
                })?;
        }
        Ok(p)
    }

    /// The resource as sent: exactly as serialized (unknown attributes kept as they came) when
    /// nothing is projected, else with only the attributes asked for.
    fn render<T: Serialize>(&self, resource: &T) -> Box<RawValue> {
        let raw = if self.attributes.is_empty() && self.excluded.is_empty() {
            serde_json::value::to_raw_value(resource)
        } else {
            serde_json::value::to_raw_value(&self.apply(serde_json::to_value(resource).unwrap_or_default()))
        };
        // Our own types serialize without failing (string keys, finite numbers).
        raw.unwrap_or_else(|_| RawValue::NULL.to_owned())
    }

    fn apply(&self, resource: Value) -> Value {
        let Value::Object(map) = resource else { return resource };
        let parse = |a: &str| {
            parse_path(a, &[USER_SCHEMA, GROUP_SCHEMA], &[ENTERPRISE_USER_SCHEMA, ATLASSIAN_EXTERNAL_SCHEMA])
                .ok()
        };
        if !self.attributes.is_empty() {
            let mut out = Map::new();
            for always in ["schemas", "id"] {
                if let Some(v) = map.get(always) {
                    out.insert(always.into(), v.clone());
                }
            }
            for p in self.attributes.iter().filter_map(|a| parse(a)) {
                let (holder, out_holder): (&Map<String, Value>, &mut Map<String, Value>) = match &p.container
                {
                    None => (&map, &mut out),
                    Some(urn) => {
                        let Some(src) = get_ci(&map, urn).and_then(Value::as_object) else { continue };
                        let key = key_ci(&map, urn).unwrap_or_else(|| urn.clone());
                        let slot = out.entry(key).or_insert_with(|| Value::Object(Map::new()));
                        let Some(dst) = slot.as_object_mut() else { continue };
                        (src, dst)
                    }
                };
                let Some(key) = key_ci(holder, &p.attr) else { continue };
                let Some(value) = holder.get(&key) else { continue };
                match &p.sub {
                    None => {
                        out_holder.insert(key, value.clone());
                    }
                    Some(sub) => {
                        let pick = |v: &Value| -> Option<Value> {
                            let m = v.as_object()?;
                            let k = key_ci(m, sub)?;
                            Some(json!({ k.clone(): m.get(&k)?.clone() }))
                        };
                        let merged = match value {
                            Value::Array(items) => {
                                let prev = out_holder.get(&key).and_then(Value::as_array).cloned();
                                let picked: Vec<Value> = items
                                    .iter()
                                    .enumerate()
                                    .map(|(i, item)| {
                                        let mut base = prev
                                            .as_ref()
                                            .and_then(|p| p.get(i))
                                            .and_then(Value::as_object)
                                            .cloned()
                                            .unwrap_or_default();
                                        if let Some(Value::Object(extra)) = pick(item) {
                                            base.extend(extra);
                                        }
                                        Value::Object(base)
                                    })
                                    .collect();
                                Value::Array(picked)
                            }
                            other => {
                                let mut base = out_holder
                                    .get(&key)
                                    .and_then(Value::as_object)
                                    .cloned()
                                    .unwrap_or_default();
                                if let Some(Value::Object(extra)) = pick(other) {
                                    base.extend(extra);
                                }
                                Value::Object(base)
                            }
                        };
                        out_holder.insert(key, merged);
                    }
                }
            }
            Value::Object(out)
        } else if !self.excluded.is_empty() {
            let mut out = map;
            for p in self.excluded.iter().filter_map(|a| parse(a)) {
                if matches!(p.attr.as_str(), "id" | "schemas") && p.container.is_none() {
                    continue;
                }
                let holder = match &p.container {
                    None => Some(&mut out),
                    Some(urn) => {
                        key_ci(&out, urn).and_then(|k| out.get_mut(&k)).and_then(Value::as_object_mut)
                    }
                };
                let Some(holder) = holder else { continue };
                let Some(key) = key_ci(holder, &p.attr) else { continue };
                match &p.sub {
                    None => {
                        holder.remove(&key);
                    }
                    Some(sub) => {
                        let strip = |v: &mut Value| {
                            if let Some(m) = v.as_object_mut()
                                && let Some(k) = key_ci(m, sub)
                            {
                                m.remove(&k);
                            }
                        };
                        match holder.get_mut(&key) {
                            Some(Value::Array(items)) => items.iter_mut().for_each(strip),
                            Some(v) => strip(v),
                            None => {}
                        }
                    }
                }
            }
            Value::Object(out)
        } else {
            Value::Object(map)
        }
    }
}

/// `startIndex` (1-based, < 1 treated as 1) and `count` (capped, < 0 treated as 0).
fn paging(q: &HashMap<String, String>, cap: usize) -> Result<(usize, usize), ScimFailure> {
    let int = |k: &str| -> Result<Option<i64>, ScimFailure> {
        q.get(k)
            .map(|v| {
                v.trim()
                    .parse::<i64>()
                    .map_err(|_| ScimFailure::bad(ScimType::InvalidValue, format!("{k} must be an integer")))
            })
            .transpose()
    };
    let start = int("startIndex")?.unwrap_or(1).max(1) as usize;
    let count = int("count")?.map_or(cap, |c| (c.max(0) as usize).min(cap));
    Ok((start, count))
}

/// A page of `start`/`count` out of `total` matching resources, rendered by `render`.
fn list_response<'r, R: 'r, T: Serialize>(
    matching: impl Iterator<Item = &'r R>,
    total: usize,
    start: usize,
    count: usize,
    projection: &Projection,
    render: impl Fn(&R) -> T,
) -> ListResponse<Box<RawValue>> {
    let page: Vec<Box<RawValue>> =
        matching.skip(start - 1).take(count).map(|r| projection.render(&render(r))).collect();
    ListResponse {
        schemas: vec![LIST_RESPONSE_SCHEMA.to_owned()],
        total_results: Some(total as u64),
        start_index: Some(start as u64),
        items_per_page: Some(page.len() as u64),
        resources: page,
        extra: Default::default(),
    }
}

/// The `filter` of a list request: Atlassian supports one `eq` on `userName` / `externalId`
/// (Users) or `displayName` (Groups). Returns the attribute (canonical spelling) and value.
fn list_filter(
    q: &HashMap<String, String>,
    supported: fn(&Filter) -> bool,
    attributes: &[&'static str],
) -> Result<Option<(&'static str, String)>, ScimFailure> {
    let Some(text) = q.get("filter").filter(|f| !f.trim().is_empty()) else { return Ok(None) };
    let filter = parse_filter(text)
        .map_err(|e| ScimFailure::bad(ScimType::InvalidFilter, format!("Invalid filter '{text}': {e}")))?;
    let unsupported = || {
        ScimFailure::bad(
            ScimType::InvalidFilter,
            format!(
                "Unsupported filter '{text}': only '<attribute> eq \"<value>\"' on {} is supported",
                attributes.join(", ")
            ),
        )
    };
    if !supported(&filter) {
        return Err(unsupported());
    }
    match filter {
        Filter::Compare { attribute, value: FilterValue::String(value), .. } => {
            let attr = attributes
                .iter()
                .find(|a| a.eq_ignore_ascii_case(attribute.as_str()))
                .ok_or_else(unsupported)?;
            Ok(Some((attr, value)))
        }
        _ => Err(unsupported()),
    }
}

/// A user as answered: serialized straight from the typed resource (lossless) unless a
/// projection must pick attributes.
fn respond_user(
    result: Result<ScimUser, ScimFailure>,
    status: StatusCode,
    projection: &Projection,
) -> Response {
    respond(result, status, projection, |u| u.meta.as_ref().and_then(|m| m.location.clone()))
}

fn respond_group(result: Result<GroupOut, ScimFailure>, status: StatusCode) -> Response {
    respond(result, status, &Projection::default(), |g| {
        g.group.meta.as_ref().and_then(|m| m.location.clone())
    })
}

fn respond<T: Serialize>(
    result: Result<T, ScimFailure>,
    status: StatusCode,
    projection: &Projection,
    location: impl Fn(&T) -> Option<String>,
) -> Response {
    match result {
        Ok(v) => {
            let location = location(&v);
            let mut resp = scim_json(status, &projection.render(&v));
            if status == StatusCode::CREATED
                && let Some(loc) = location.and_then(|l| HeaderValue::from_str(&l).ok())
            {
                resp.headers_mut().insert(header::LOCATION, loc);
            }
            resp
        }
        Err(f) => scim_error(&f),
    }
}

macro_rules! try_resp {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(resp) => return resp,
        }
    };
}

macro_rules! try_scim {
    ($e:expr) => {
        match $e {
            Ok(v) => v,
            Err(f) => return scim_error(&f),
        }
    };
}

// ----- Users -----------------------------------------------------------------------------------

/// `GET /Users`
pub(crate) async fn list_users(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    let q = query_map(query.as_deref());
    let projection = try_scim!(Projection::from_query(&q));
    let (start, count) = try_scim!(paging(&q, state.max_page_size));
    let filter = try_scim!(list_filter(&q, Filter::is_atlassian_user_filter, &["userName", "externalId"]));
    let d = try_scim!(state.dir(&dir));
    let render = |u: &crate::state::ScimUserRec| state.render_user(&dir, u);
    let page = match filter {
        None => list_response(d.users(), d.users().len(), start, count, &projection, render),
        Some(("userName", name)) => {
            let found: Vec<_> = d.user_by_name(&name).into_iter().collect();
            list_response(found.iter().copied(), found.len(), start, count, &projection, render)
        }
        Some((_, external_id)) => {
            let found: Vec<_> =
                d.users().filter(|u| u.user.external_id.as_deref() == Some(external_id.as_str())).collect();
            list_response(found.iter().copied(), found.len(), start, count, &projection, render)
        }
    };
    scim_json(StatusCode::OK, &page)
}

/// `POST /Users`
pub(crate) async fn create_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    let projection = try_scim!(Projection::from_query(&query_map(query.as_deref())));
    let body = try_resp!(resource_body(&headers, body, "User"));
    respond_user(state.create_user(&dir, body), StatusCode::CREATED, &projection)
}

/// `GET /Users/{userId}`
pub(crate) async fn get_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    let projection = try_scim!(Projection::from_query(&query_map(query.as_deref())));
    respond_user(state.get_user(&dir, &id), StatusCode::OK, &projection)
}

/// `PUT /Users/{userId}`
pub(crate) async fn replace_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    let projection = try_scim!(Projection::from_query(&query_map(query.as_deref())));
    try_scim!(state.get_user(&dir, &id));
    let body = try_resp!(resource_body(&headers, body, "User"));
    respond_user(state.replace_user(&dir, &id, body), StatusCode::OK, &projection)
}

/// `PATCH /Users/{userId}`
pub(crate) async fn patch_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    RawQuery(query): RawQuery,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    let projection = try_scim!(Projection::from_query(&query_map(query.as_deref())));
    try_scim!(state.get_user(&dir, &id));
    let body = try_resp!(json_body(&headers, body));
    respond_user(state.patch_user(&dir, &id, body), StatusCode::OK, &projection)
}

/// `DELETE /Users/{userId}`
pub(crate) async fn delete_user(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    try_scim!(state.delete_user(&dir, &id));
    no_content()
}

// ----- Groups ----------------------------------------------------------------------------------

/// `GET /Groups`
pub(crate) async fn list_groups(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    RawQuery(query): RawQuery,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    let q = query_map(query.as_deref());
    let projection = try_scim!(Projection::from_query(&q));
    let (start, count) = try_scim!(paging(&q, state.max_page_size));
    let filter = try_scim!(list_filter(&q, Filter::is_atlassian_group_filter, &["displayName"]));
    let d = try_scim!(state.dir(&dir));
    let render = |g: &crate::state::ScimGroupRec| state.group_json(&dir, g);
    let page = match filter {
        None => list_response(d.groups(), d.groups().len(), start, count, &projection, render),
        Some((_, name)) => {
            let found: Vec<_> = d.group_by_name(&name).into_iter().collect();
            list_response(found.iter().copied(), found.len(), start, count, &projection, render)
        }
    };
    scim_json(StatusCode::OK, &page)
}

/// `POST /Groups`
pub(crate) async fn create_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    let body = try_resp!(resource_body(&headers, body, "Group"));
    respond_group(state.create_group(&dir, body, None), StatusCode::CREATED)
}

/// `GET /Groups/{id}`
pub(crate) async fn get_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    respond_group(state.get_group(&dir, &id), StatusCode::OK)
}

/// `PUT /Groups/{id}`
pub(crate) async fn replace_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    try_scim!(state.get_group(&dir, &id));
    let body = try_resp!(resource_body(&headers, body, "Group"));
    respond_group(state.replace_group(&dir, &id, body), StatusCode::OK)
}

/// `PATCH /Groups/{id}`
pub(crate) async fn patch_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    try_scim!(state.get_group(&dir, &id));
    let body = try_resp!(json_body(&headers, body));
    respond_group(state.patch_group(&dir, &id, body), StatusCode::OK)
}

/// `DELETE /Groups/{id}`
pub(crate) async fn delete_group(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (dir, id) = try_resp!(scim_path_or_404(path));
    let mut state = try_resp!(guard(&app, &headers, &dir));
    try_scim!(state.delete_group(&dir, &id));
    no_content()
}

// ----- Discovery -------------------------------------------------------------------------------

fn discovery_base(state: &SandboxState, dir: &str) -> String {
    format!("{}/scim/directory/{dir}", state.base_url)
}

/// `GET /Schemas`
pub(crate) async fn schemas(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    scim_json(StatusCode::OK, &discovery::schema_list(&discovery_base(&state, &dir)))
}

/// `GET /Schemas/{urn}`
pub(crate) async fn schema(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (dir, urn) = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    match discovery::schema(&discovery_base(&state, &dir), &urn) {
        Some(v) => scim_json(StatusCode::OK, &v),
        None => scim_error(&ScimFailure::not_found(format!("Schema {urn} not found"))),
    }
}

/// `GET /ResourceTypes`
pub(crate) async fn resource_types(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    scim_json(StatusCode::OK, &discovery::resource_type_list(&discovery_base(&state, &dir)))
}

/// `GET /ResourceTypes/{User|Group}`
pub(crate) async fn resource_type(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<(String, String)>, PathRejection>,
) -> Response {
    let (dir, name) = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    match discovery::resource_type(&discovery_base(&state, &dir), &name) {
        Some(v) => scim_json(StatusCode::OK, &v),
        None => scim_error(&ScimFailure::not_found(format!("ResourceType {name} not found"))),
    }
}

/// `GET /ServiceProviderConfig`
pub(crate) async fn service_provider_config(
    State(app): State<App>,
    headers: HeaderMap,
    path: Result<Path<String>, PathRejection>,
) -> Response {
    let dir = try_resp!(scim_path_or_404(path));
    let state = try_resp!(guard(&app, &headers, &dir));
    scim_json(
        StatusCode::OK,
        &discovery::service_provider_config(&discovery_base(&state, &dir), state.max_page_size),
    )
}
