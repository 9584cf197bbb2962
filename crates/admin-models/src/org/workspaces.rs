//! Workspaces (product instances of an org): `POST /admin/v2/orgs/{orgId}/workspaces`
//! (`SearchWorkspacesRequestV2` → `PageDataResponseV2` of `admin_organization.json`).
//!
//! The query is written the way the spec's example sends it (`{"and": [...]}`,
//! `{"field": {"name", "values"}}`, `{"searchWorkspaces": "…"}`, `{"features": [...]}`,
//! `{"policies": [...]}`); the schema's own `value` members disagree with that example.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::page::{SelfLink, null_as_empty};
use super::product::SortDirection;
use super::timestamp::datetime;
use crate::Extra;
use crate::ids::{Rules, not_control};

id_type!(
    /// The id of a workspace (a product instance).
    WorkspaceId,
    Rules { kind: "WorkspaceId", max_len: None, allowed: not_control }
);

string_enum! {
    /// Whether a workspace is up.
    WorkspaceStatus {
        /// Online.
        Online = "online",
        /// Offline.
        Offline = "offline",
        /// Deprecated.
        Deprecated = "deprecated",
    }
}

/// A workspace search's filter. Combine with [`WorkspaceQuery::And`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub enum WorkspaceQuery {
    /// Workspaces matching all of the nested queries.
    And(Vec<WorkspaceQuery>),
    /// Workspaces whose field `name` (e.g. `attributes.type`) has one of `values`.
    Field {
        /// The field, e.g. `attributes.type`.
        name: String,
        /// Accepted values, e.g. `confluence`.
        values: Vec<String>,
    },
    /// Workspaces whose name or URL contains the text.
    SearchWorkspaces(String),
    /// Workspaces with these features.
    Features(Vec<String>),
    /// Workspaces with these policies.
    Policies(Vec<String>),
}

/// A sort key of a workspace search.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceSort {
    /// The field, e.g. `attributes.type`.
    pub field: String,
    /// The direction.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<SortDirection>,
}

impl WorkspaceSort {
    /// Sort by `field` in `order`.
    pub fn new(field: impl Into<String>, order: SortDirection) -> Self {
        Self { field: field.into(), order: Some(order) }
    }
}

/// The body of a workspace search. With a `cursor`, nothing else may be sent (the API's rule,
/// checked by the client before sending).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct WorkspaceSearch {
    /// The filter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub query: Option<WorkspaceQuery>,
    /// Page size, 1–1000 (server default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sort: Vec<WorkspaceSort>,
    /// The continuation cursor of a previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
}

impl WorkspaceSearch {
    /// A search with every default (the first page of all workspaces).
    pub fn new() -> Self {
        Self::default()
    }

    /// The next page: only the cursor (the API forbids anything else beside it).
    pub fn next_page(cursor: impl Into<String>) -> Self {
        Self { cursor: Some(cursor.into()), ..Self::default() }
    }

    /// Sets the filter.
    #[must_use]
    pub fn query(mut self, query: WorkspaceQuery) -> Self {
        self.query = Some(query);
        self
    }

    /// Sets the page size (1–1000).
    #[must_use]
    pub fn limit(mut self, limit: u32) -> Self {
        self.limit = Some(limit);
        self
    }

    /// Adds a sort key.
    #[must_use]
    pub fn sort(mut self, sort: WorkspaceSort) -> Self {
        self.sort.push(sort);
        self
    }
}

/// A workspace (`WorkspaceModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Workspace {
    /// The workspace's id.
    pub id: WorkspaceId,
    /// The object type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name, product, URL, status, …
    #[serde(default)]
    pub attributes: WorkspaceAttributes,
    /// `{self}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Policies, entitlements and features, by relationship name, as sent.
    #[serde(default, skip_serializing_if = "Extra::is_empty")]
    pub relationships: Extra,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Workspace);

/// `attributes` of a [`Workspace`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct WorkspaceAttributes {
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Product key, e.g. `jira-software`.
    #[serde(rename = "typeKey", default, skip_serializing_if = "Option::is_none")]
    pub type_key: Option<String>,
    /// Product type, e.g. `jira`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub workspace_type: Option<String>,
    /// Owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<String>,
    /// Status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<WorkspaceStatus>,
    /// Why it has that status.
    #[serde(
        rename = "statusDetails",
        default,
        deserialize_with = "null_as_empty",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub status_details: Vec<String>,
    /// Labels.
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub labels: Vec<String>,
    /// Sandbox details (`{type: CHILD|NONE}`), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sandbox: Option<Extra>,
    /// Usage (e.g. users).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub usage: Option<i64>,
    /// Capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<i64>,
    /// When it was created.
    #[serde(rename = "createdAt", default, with = "datetime", skip_serializing_if = "Option::is_none")]
    pub created_at: Option<OffsetDateTime>,
    /// Who created it.
    #[serde(rename = "createdBy", default, skip_serializing_if = "Option::is_none")]
    pub created_by: Option<String>,
    /// When it was last updated.
    #[serde(rename = "updatedAt", default, with = "datetime", skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<OffsetDateTime>,
    /// Its URL, e.g. `https://acme.atlassian.net`.
    #[serde(rename = "hostUrl", default, skip_serializing_if = "Option::is_none")]
    pub host_url: Option<String>,
    /// Realm.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub realm: Option<String>,
    /// Data regions.
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub regions: Vec<String>,
    /// Members this version does not know (`icons`, `avatars`, …), kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(WorkspaceAttributes);
