//! Plans for the user provisioning API, SCIM 2.0 (`/scim/directory/{directoryId}/…`, directory
//! SCIM API key).
//!
//! Where the 2022 spec or earlier clients are wrong, these follow RFC 7644 and the real API (see
//! `docs/ENDPOINTS.md`): PATCH bodies use `Operations` (capital O; go-atlassian sends
//! `operations`), `startIndex` is 1-based (go-atlassian sends 0, which we refuse), `attributes`
//! and `excludedAttributes` are refused together, an empty PATCH is refused, the discovery
//! endpoints (typed `string` in the spec) decode into RFC 7643 types, and a schema URN is one
//! path segment with its `:` left literal.
//!
//! [`Pager`] walks `startIndex`/`count` pages without I/O; both facades drive it.

mod pager;
mod patched;

use admin_models::scim::{
    ListResponse, PatchOp, ResourceType, Schema, ScimGroup, ScimUser, ServiceProviderConfig,
};
use admin_models::{DirectoryId, GroupId, ScimUserId};
use admin_transport::{HttpResponse, Method};

pub use pager::{
    DEFAULT_PAGE_SIZE, MAX_CONSECUTIVE_TOTAL_GROWTHS, Pager, PagingError, PagingErrorKind, ScimResource,
    WalkLimits,
};
pub use patched::Patched;

use super::{ApiFamily, RequestPlan};
use crate::common::decode;
use crate::common::error::{BuildError, Error};

/// How many members [`member_patches`] puts in one PATCH by default: large membership changes
/// are split into several requests of at most this many users each, keeping every request
/// well under server body and operation limits.
pub const MEMBER_BATCH_SIZE: usize = 100;

/// Which attributes the server returns (RFC 7644 §3.9): either only `attributes`, or all but
/// `excluded_attributes` — never both (the API treats them as mutually exclusive; a plan with
/// both is refused before sending).
///
/// Names may include sub-attributes (`emails.value`) or full URN paths. Atlassian offers this on
/// every `/Users` operation except DELETE, not on `/Groups`.
///
/// ```
/// use admin_api::plan::scim::AttributeSelection;
/// let only = AttributeSelection::only(["userName", "emails.value"]);
/// assert!(only.validate().is_ok());
/// let both = only.clone().exclude(["title"]);
/// assert!(both.validate().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AttributeSelection {
    attributes: Vec<String>,
    excluded_attributes: Vec<String>,
}

impl AttributeSelection {
    /// Everything the server returns by default.
    pub fn all() -> Self {
        Self::default()
    }

    /// Only `attributes` (plus `id`, which SCIM always returns).
    pub fn only<I, S>(attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::default().include(attributes)
    }

    /// All but `excluded_attributes`.
    pub fn excluding<I, S>(excluded_attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        Self::default().exclude(excluded_attributes)
    }

    /// Adds names to `attributes`.
    #[must_use]
    pub fn include<I, S>(mut self, attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.attributes.extend(attributes.into_iter().map(Into::into));
        self
    }

    /// Adds names to `excludedAttributes`.
    #[must_use]
    pub fn exclude<I, S>(mut self, excluded_attributes: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        self.excluded_attributes.extend(excluded_attributes.into_iter().map(Into::into));
        self
    }

    /// The `attributes` names.
    pub fn attributes(&self) -> &[String] {
        &self.attributes
    }

    /// The `excludedAttributes` names.
    pub fn excluded_attributes(&self) -> &[String] {
        &self.excluded_attributes
    }

    /// Whether nothing is selected (the server's default set).
    pub fn is_all(&self) -> bool {
        self.attributes.is_empty() && self.excluded_attributes.is_empty()
    }

    /// Checks the selection.
    ///
    /// # Errors
    /// [`BuildError::InvalidArgument`] when both lists are set, or a name is empty or contains
    /// a comma, whitespace or a control character (names are sent comma-joined).
    pub fn validate(&self) -> Result<(), BuildError> {
        if !self.attributes.is_empty() && !self.excluded_attributes.is_empty() {
            return Err(BuildError::InvalidArgument(
                "`attributes` and `excludedAttributes` are mutually exclusive: set only one".into(),
            ));
        }
        for (param, names) in
            [("attributes", &self.attributes), ("excludedAttributes", &self.excluded_attributes)]
        {
            for name in names {
                if name.is_empty() || name.chars().any(|c| c == ',' || c.is_whitespace() || c.is_control()) {
                    return Err(BuildError::InvalidArgument(format!(
                        "`{param}` name {name:?} must be non-empty, without commas, spaces or control characters"
                    )));
                }
            }
        }
        Ok(())
    }

    fn apply(&self, mut plan: RequestPlan) -> Result<RequestPlan, BuildError> {
        self.validate()?;
        if !self.attributes.is_empty() {
            plan = plan.query("attributes", &self.attributes.join(","));
        }
        if !self.excluded_attributes.is_empty() {
            plan = plan.query("excludedAttributes", &self.excluded_attributes.join(","));
        }
        Ok(plan)
    }
}

/// The query of a list request (`GET /Users`, `GET /Groups`): filter, paging and (Users only)
/// attribute selection.
///
/// ```
/// use admin_api::models::scim::Filter;
/// use admin_api::plan::scim::ListQuery;
/// let query = ListQuery::new().filter(Filter::user_name_eq("lila@example.com")).count(50);
/// assert!(query.validate().is_ok());
/// assert!(ListQuery::new().start_index(0).validate().is_err()); // SCIM is 1-based
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ListQuery {
    filter: Option<String>,
    start_index: Option<u32>,
    count: Option<u32>,
    selection: AttributeSelection,
}

impl ListQuery {
    /// No filter, the server's default page (`startIndex` 1).
    pub fn new() -> Self {
        Self::default()
    }

    /// `filter=`: a [`Filter`](admin_models::scim::Filter) or any filter string. Atlassian
    /// supports one `eq` on `userName` or `externalId` (Users) or `displayName` (Groups); other
    /// filters get 400 `invalidFilter`.
    #[must_use]
    pub fn filter(mut self, filter: impl ToString) -> Self {
        self.filter = Some(filter.to_string());
        self
    }

    /// `startIndex=`: the 1-based index of the first result (default 1).
    #[must_use]
    pub fn start_index(mut self, start_index: u32) -> Self {
        self.start_index = Some(start_index);
        self
    }

    /// `count=`: the page size wanted; servers may return fewer. `0` asks only for
    /// `totalResults` (RFC 7644 §3.4.2.4).
    #[must_use]
    pub fn count(mut self, count: u32) -> Self {
        self.count = Some(count);
        self
    }

    /// The attributes to return (Users only).
    #[must_use]
    pub fn selection(mut self, selection: AttributeSelection) -> Self {
        self.selection = selection;
        self
    }

    /// The filter string, if any.
    pub fn filter_str(&self) -> Option<&str> {
        self.filter.as_deref()
    }

    /// The requested `startIndex`, if any.
    pub fn start_index_value(&self) -> Option<u32> {
        self.start_index
    }

    /// The requested `count`, if any.
    pub fn count_value(&self) -> Option<u32> {
        self.count
    }

    /// The attribute selection.
    pub fn selection_ref(&self) -> &AttributeSelection {
        &self.selection
    }

    /// Checks the query.
    ///
    /// # Errors
    /// [`BuildError::InvalidArgument`] for `startIndex` 0 (SCIM is 1-based), a `startIndex` or
    /// `count` above 2³¹−1 (the API's int32), an empty filter, or an invalid
    /// [`AttributeSelection`].
    pub fn validate(&self) -> Result<(), BuildError> {
        if self.start_index == Some(0) {
            return Err(BuildError::InvalidArgument(
                "startIndex is 1-based: the first result is startIndex=1, not 0".into(),
            ));
        }
        for (name, value) in [("startIndex", self.start_index), ("count", self.count)] {
            if value.is_some_and(|v| v > i32::MAX as u32) {
                return Err(BuildError::InvalidArgument(format!("{name} must be at most {}", i32::MAX)));
            }
        }
        if self.filter.as_deref().is_some_and(|f| f.trim().is_empty()) {
            return Err(BuildError::InvalidArgument("the filter is empty".into()));
        }
        self.selection.validate()
    }

    fn apply(&self, mut plan: RequestPlan) -> Result<RequestPlan, BuildError> {
        self.validate()?;
        if let Some(filter) = &self.filter {
            plan = plan.query("filter", filter);
        }
        if let Some(start_index) = self.start_index {
            plan = plan.query("startIndex", &start_index.to_string());
        }
        if let Some(count) = self.count {
            plan = plan.query("count", &count.to_string());
        }
        self.selection.apply(plan)
    }
}

fn directory(
    method: Method,
    template: &'static str,
    directory_id: &DirectoryId,
) -> Result<RequestPlan, BuildError> {
    RequestPlan::new(method, ApiFamily::Scim, template)
        .lit("scim/directory")
        .param("directoryId", directory_id.as_str())
}

const USERS: &str = "/scim/directory/{directoryId}/Users";
const USER: &str = "/scim/directory/{directoryId}/Users/{userId}";
const GROUPS: &str = "/scim/directory/{directoryId}/Groups";
const GROUP: &str = "/scim/directory/{directoryId}/Groups/{id}";

fn user(method: Method, directory_id: &DirectoryId, user_id: &ScimUserId) -> Result<RequestPlan, BuildError> {
    directory(method, USER, directory_id)?.lit("Users").param("userId", user_id.as_str())
}

fn group(method: Method, directory_id: &DirectoryId, group_id: &GroupId) -> Result<RequestPlan, BuildError> {
    directory(method, GROUP, directory_id)?.lit("Groups").param("id", group_id.as_str())
}

fn non_empty_patch(patch: &PatchOp) -> Result<(), BuildError> {
    if patch.is_empty() {
        return Err(BuildError::InvalidArgument("the PatchOp has no operations; nothing to send".into()));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// Users

/// `GET /scim/directory/{directoryId}/Users?filter=…&startIndex=…&count=…&attributes=…`.
///
/// # Errors
/// [`BuildError`] for an invalid [`ListQuery`] or directory id.
pub fn list_users(directory_id: &DirectoryId, query: &ListQuery) -> Result<RequestPlan, BuildError> {
    query.apply(directory(Method::GET, USERS, directory_id)?.lit("Users"))
}

/// `POST /scim/directory/{directoryId}/Users` with the user as body.
///
/// # Errors
/// [`BuildError`] for an invalid selection or a user without `userName`.
pub fn create_user(
    directory_id: &DirectoryId,
    user: &ScimUser,
    selection: &AttributeSelection,
) -> Result<RequestPlan, BuildError> {
    if user.user_name.trim().is_empty() {
        return Err(BuildError::InvalidArgument("a SCIM user needs a userName".into()));
    }
    selection.apply(directory(Method::POST, USERS, directory_id)?.lit("Users"))?.json(user)
}

/// `GET /scim/directory/{directoryId}/Users/{userId}`.
///
/// # Errors
/// [`BuildError`] for an invalid selection or id.
pub fn get_user(
    directory_id: &DirectoryId,
    user_id: &ScimUserId,
    selection: &AttributeSelection,
) -> Result<RequestPlan, BuildError> {
    selection.apply(user(Method::GET, directory_id, user_id)?)
}

/// `PUT /scim/directory/{directoryId}/Users/{userId}` with the whole user as body. The server
/// **clears every attribute the body leaves out**.
///
/// # Errors
/// [`BuildError`] for an invalid selection or id, or a user without `userName`.
pub fn replace_user(
    directory_id: &DirectoryId,
    user_id: &ScimUserId,
    body: &ScimUser,
    selection: &AttributeSelection,
) -> Result<RequestPlan, BuildError> {
    if body.user_name.trim().is_empty() {
        return Err(BuildError::InvalidArgument(
            "a SCIM user needs a userName (PUT replaces the whole user)".into(),
        ));
    }
    selection.apply(user(Method::PUT, directory_id, user_id)?)?.json(body)
}

/// `PATCH /scim/directory/{directoryId}/Users/{userId}` with an RFC 7644 PatchOp body.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for an empty [`PatchOp`]; [`BuildError`] for an invalid
/// selection or id.
pub fn patch_user(
    directory_id: &DirectoryId,
    user_id: &ScimUserId,
    patch: &PatchOp,
    selection: &AttributeSelection,
) -> Result<RequestPlan, BuildError> {
    non_empty_patch(patch)?;
    selection.apply(user(Method::PATCH, directory_id, user_id)?)?.json(patch)
}

/// `DELETE /scim/directory/{directoryId}/Users/{userId}`: deactivates the user.
///
/// # Errors
/// [`BuildError`] for an invalid id.
pub fn deactivate_user(directory_id: &DirectoryId, user_id: &ScimUserId) -> Result<RequestPlan, BuildError> {
    user(Method::DELETE, directory_id, user_id)
}

/// Decodes one user (`200`/`201`).
///
/// # Errors
/// [`Error::Decode`] when the body is not a SCIM user.
pub fn decode_user(plan: &RequestPlan, response: &HttpResponse) -> Result<ScimUser, Error> {
    decode::json(plan, response)
}

/// Decodes the answer to a user PATCH: the user (200) or [`Patched::NoContent`] (204 or an
/// empty body, RFC 7644 §3.5.2).
///
/// # Errors
/// [`Error::Decode`] when a non-empty body is not a SCIM user.
pub fn decode_patched_user(plan: &RequestPlan, response: &HttpResponse) -> Result<Patched<ScimUser>, Error> {
    decode_patched(plan, response)
}

/// Decodes a page of users.
///
/// # Errors
/// [`Error::Decode`] when the body is not a list response of users.
pub fn decode_users(plan: &RequestPlan, response: &HttpResponse) -> Result<ListResponse<ScimUser>, Error> {
    decode::json(plan, response)
}

// ---------------------------------------------------------------------------------------------
// Groups

/// `GET /scim/directory/{directoryId}/Groups?filter=…&startIndex=…&count=…`.
///
/// # Errors
/// [`BuildError`] for an invalid [`ListQuery`], or one with an attribute selection (`/Groups`
/// does not offer `attributes` / `excludedAttributes`).
pub fn list_groups(directory_id: &DirectoryId, query: &ListQuery) -> Result<RequestPlan, BuildError> {
    if !query.selection.is_all() {
        return Err(BuildError::InvalidArgument(
            "GET /Groups does not accept attributes / excludedAttributes".into(),
        ));
    }
    query.apply(directory(Method::GET, GROUPS, directory_id)?.lit("Groups"))
}

/// `POST /scim/directory/{directoryId}/Groups` with the group as body.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for a group without `displayName`.
pub fn create_group(directory_id: &DirectoryId, body: &ScimGroup) -> Result<RequestPlan, BuildError> {
    if body.display_name.trim().is_empty() {
        return Err(BuildError::InvalidArgument("a SCIM group needs a displayName".into()));
    }
    directory(Method::POST, GROUPS, directory_id)?.lit("Groups").json(body)
}

/// `GET /scim/directory/{directoryId}/Groups/{id}`.
///
/// # Errors
/// [`BuildError`] for an invalid id.
pub fn get_group(directory_id: &DirectoryId, group_id: &GroupId) -> Result<RequestPlan, BuildError> {
    group(Method::GET, directory_id, group_id)
}

/// `PUT /scim/directory/{directoryId}/Groups/{id}` with the whole group (members included) as
/// body.
///
/// # Errors
/// [`BuildError`] for an invalid id or a group without `displayName`.
pub fn replace_group(
    directory_id: &DirectoryId,
    group_id: &GroupId,
    body: &ScimGroup,
) -> Result<RequestPlan, BuildError> {
    if body.display_name.trim().is_empty() {
        return Err(BuildError::InvalidArgument(
            "a SCIM group needs a displayName (PUT replaces the whole group)".into(),
        ));
    }
    group(Method::PUT, directory_id, group_id)?.json(body)
}

/// `PATCH /scim/directory/{directoryId}/Groups/{id}` with an RFC 7644 PatchOp body.
///
/// # Errors
/// [`BuildError::InvalidArgument`] for an empty [`PatchOp`]; [`BuildError`] for an invalid id.
pub fn patch_group(
    directory_id: &DirectoryId,
    group_id: &GroupId,
    patch: &PatchOp,
) -> Result<RequestPlan, BuildError> {
    non_empty_patch(patch)?;
    group(Method::PATCH, directory_id, group_id)?.json(patch)
}

/// `DELETE /scim/directory/{directoryId}/Groups/{id}`.
///
/// # Errors
/// [`BuildError`] for an invalid id.
pub fn delete_group(directory_id: &DirectoryId, group_id: &GroupId) -> Result<RequestPlan, BuildError> {
    group(Method::DELETE, directory_id, group_id)
}

/// Decodes one group (`200`/`201`).
///
/// # Errors
/// [`Error::Decode`] when the body is not a SCIM group.
pub fn decode_group(plan: &RequestPlan, response: &HttpResponse) -> Result<ScimGroup, Error> {
    decode::json(plan, response)
}

/// Decodes the answer to a group PATCH: the group (200) or [`Patched::NoContent`] (204 or an
/// empty body, RFC 7644 §3.5.2).
///
/// # Errors
/// [`Error::Decode`] when a non-empty body is not a SCIM group.
pub fn decode_patched_group(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Patched<ScimGroup>, Error> {
    decode_patched(plan, response)
}

fn decode_patched<T: serde::de::DeserializeOwned>(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Patched<T>, Error> {
    if response.status == admin_transport::StatusCode::NO_CONTENT {
        return Ok(Patched::NoContent);
    }
    Ok(decode::optional_json(plan, response)?.map_or(Patched::NoContent, Patched::Resource))
}

/// Decodes a page of groups.
///
/// # Errors
/// [`Error::Decode`] when the body is not a list response of groups.
pub fn decode_groups(plan: &RequestPlan, response: &HttpResponse) -> Result<ListResponse<ScimGroup>, Error> {
    decode::json(plan, response)
}

/// Whether a membership change adds or removes users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberChange {
    /// `add members` with `[{"value": id}, …]`.
    Add,
    /// One `remove members[value eq "id"]` operation per user.
    Remove,
}

/// Splits a membership change into PatchOps of at most `batch_size` users each (see
/// [`MEMBER_BATCH_SIZE`]). No users, no PatchOps.
///
/// # Errors
/// [`BuildError::InvalidArgument`] when `batch_size` is 0.
pub fn member_patches(
    change: MemberChange,
    user_ids: &[ScimUserId],
    batch_size: usize,
) -> Result<Vec<PatchOp>, BuildError> {
    if batch_size == 0 {
        return Err(BuildError::InvalidArgument("the member batch size must be at least 1".into()));
    }
    Ok(user_ids
        .chunks(batch_size)
        .map(|chunk| {
            let ids = chunk.iter().map(ScimUserId::as_str);
            match change {
                MemberChange::Add => PatchOp::new().add_members(ids),
                MemberChange::Remove => PatchOp::new().remove_members(ids),
            }
        })
        .collect())
}

// ---------------------------------------------------------------------------------------------
// Discovery

const SCHEMAS: &str = "/scim/directory/{directoryId}/Schemas";
const SCHEMA: &str = "/scim/directory/{directoryId}/Schemas/{schemaUrn}";
const RESOURCE_TYPES: &str = "/scim/directory/{directoryId}/ResourceTypes";
const RESOURCE_TYPE: &str = "/scim/directory/{directoryId}/ResourceTypes/{name}";
const SERVICE_PROVIDER_CONFIG: &str = "/scim/directory/{directoryId}/ServiceProviderConfig";

/// `GET /scim/directory/{directoryId}/Schemas`.
///
/// # Errors
/// [`BuildError`] for an invalid directory id.
pub fn schemas(directory_id: &DirectoryId) -> Result<RequestPlan, BuildError> {
    Ok(directory(Method::GET, SCHEMAS, directory_id)?.lit("Schemas"))
}

/// `GET /scim/directory/{directoryId}/Schemas/{urn}`, the URN as one path segment (`:` stays
/// literal), e.g. [`USER_SCHEMA`](admin_models::scim::USER_SCHEMA).
///
/// # Errors
/// [`BuildError`] for an empty URN or invalid directory id.
pub fn schema(directory_id: &DirectoryId, urn: &str) -> Result<RequestPlan, BuildError> {
    directory(Method::GET, SCHEMA, directory_id)?.lit("Schemas").param("schemaUrn", urn)
}

/// `GET /scim/directory/{directoryId}/ResourceTypes`.
///
/// # Errors
/// [`BuildError`] for an invalid directory id.
pub fn resource_types(directory_id: &DirectoryId) -> Result<RequestPlan, BuildError> {
    Ok(directory(Method::GET, RESOURCE_TYPES, directory_id)?.lit("ResourceTypes"))
}

/// `GET /scim/directory/{directoryId}/ResourceTypes/{name}` (`User` or `Group`).
///
/// # Errors
/// [`BuildError`] for an empty name or invalid directory id.
pub fn resource_type(directory_id: &DirectoryId, name: &str) -> Result<RequestPlan, BuildError> {
    directory(Method::GET, RESOURCE_TYPE, directory_id)?.lit("ResourceTypes").param("name", name)
}

/// `GET /scim/directory/{directoryId}/ServiceProviderConfig`.
///
/// # Errors
/// [`BuildError`] for an invalid directory id.
pub fn service_provider_config(directory_id: &DirectoryId) -> Result<RequestPlan, BuildError> {
    Ok(directory(Method::GET, SERVICE_PROVIDER_CONFIG, directory_id)?.lit("ServiceProviderConfig"))
}

/// Decodes a discovery list: a ListResponse as RFC 7644 sends it, or a bare JSON array.
fn decode_list<T: serde::de::DeserializeOwned>(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Vec<T>, Error> {
    if decode::json_text(&response.body).iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
        decode::json::<Vec<T>>(plan, response)
    } else {
        decode::json::<ListResponse<T>>(plan, response).map(|list| list.resources)
    }
}

/// Decodes `/Schemas`: a ListResponse of schemas (Atlassian omits its `schemas` attribute) or a
/// bare array.
///
/// # Errors
/// [`Error::Decode`] when the body is neither.
pub fn decode_schemas(plan: &RequestPlan, response: &HttpResponse) -> Result<Vec<Schema>, Error> {
    decode_list(plan, response)
}

/// Decodes one schema.
///
/// # Errors
/// [`Error::Decode`] when the body is not a schema.
pub fn decode_schema(plan: &RequestPlan, response: &HttpResponse) -> Result<Schema, Error> {
    decode::json(plan, response)
}

/// Decodes `/ResourceTypes`: a ListResponse of resource types or a bare array.
///
/// # Errors
/// [`Error::Decode`] when the body is neither.
pub fn decode_resource_types(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<Vec<ResourceType>, Error> {
    decode_list(plan, response)
}

/// Decodes one resource type.
///
/// # Errors
/// [`Error::Decode`] when the body is not a resource type.
pub fn decode_resource_type(plan: &RequestPlan, response: &HttpResponse) -> Result<ResourceType, Error> {
    decode::json(plan, response)
}

/// Decodes the service provider configuration.
///
/// # Errors
/// [`Error::Decode`] when the body is not a configuration.
pub fn decode_service_provider_config(
    plan: &RequestPlan,
    response: &HttpResponse,
) -> Result<ServiceProviderConfig, Error> {
    decode::json(plan, response)
}

/// Accepts a 204 No Content (deactivate user, delete group).
///
/// # Errors
/// None today; the signature leaves room for checking the status.
pub fn decode_no_content(plan: &RequestPlan, response: &HttpResponse) -> Result<(), Error> {
    decode::no_content(plan, response)
}

/// Decodes a page of `T` and lets `pager` absorb it, returning the resources to hand out (at
/// most what the pager's limit still allows).
///
/// # Errors
/// [`Error::Decode`] when the body is not a list response; [`Error::Paging`] when the page
/// breaks paging (the server repeated the previous page or `totalResults` keeps running ahead).
pub fn absorb_page<T>(pager: &mut Pager, plan: &RequestPlan, response: &HttpResponse) -> Result<Vec<T>, Error>
where
    T: ScimResource + serde::de::DeserializeOwned,
{
    let page = decode::json::<ListResponse<T>>(plan, response)?;
    pager.absorb(page).map_err(|source| Error::Paging { path_template: plan.path_template, source })
}
