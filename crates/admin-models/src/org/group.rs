//! Groups of an organization's directories (v2): `/v2/orgs/{orgId}/directories/{directoryId}/groups…`.

use serde::{Deserialize, Serialize};

use super::page::null_as_empty;
use super::{OrgDirectoryId, OrgGroupId, ResourceId, RoleId, SelfLink, SortBy};
use crate::AccountId;
use crate::Extra;

string_enum!(
    /// Who manages a group.
    GroupManagedBy {
        /// `external`: an identity provider.
        External = "external",
        /// `admins`.
        Admins = "admins",
        /// `team-members`.
        TeamMembers = "team-members",
        /// `open`.
        Open = "open",
    }
);

string_enum!(
    /// A kind of group (stats).
    GroupType {
        /// `TEAM`.
        Team = "TEAM",
        /// `GROUP`.
        Group = "GROUP",
        /// `USERBASE_GROUP`.
        UserbaseGroup = "USERBASE_GROUP",
    }
);

string_enum!(
    /// Extra fields a group search can return (`expand`).
    GroupExpand {
        /// `counts.resources`.
        CountsResources = "counts.resources",
        /// `counts.users`.
        CountsUsers = "counts.users",
    }
);

string_enum!(
    /// Fields groups can be sorted by.
    GroupSortField {
        /// `name`.
        Name = "name",
    }
);

/// A group (`MultiDirectoryGroup`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct DirectoryGroup {
    /// The group id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<OrgGroupId>,
    /// The name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The directory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_id: Option<OrgDirectoryId>,
    /// What the key may do with the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub management_access: Option<ManagementAccess>,
    /// Whether an identity provider syncs it (members cannot be changed here).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_synced: Option<bool>,
    /// Who manages it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed_by: Option<GroupManagedBy>,
    /// Counts (with `expand`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub counts: Option<GroupCounts>,
    /// `{"self": cursor}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(DirectoryGroup);

/// Whether the group can be deleted, modified, read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ManagementAccess {
    /// Can be deleted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deletable: Option<bool>,
    /// Can be modified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifiable: Option<bool>,
    /// Can be read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub readable: Option<bool>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ManagementAccess);

/// Counts of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupCounts {
    /// Members.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub users: Option<u64>,
    /// Resources the group has roles on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resources: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupCounts);

/// Group statistics of the org (`MultiDirectoryGroupStats`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupStats {
    /// Groups per type.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub types: Vec<GroupTypeCount>,
    /// Totals.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub totals: Option<GroupTotals>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupStats);

/// How many groups of a type.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupTypeCount {
    /// The type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<GroupType>,
    /// How many.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupTypeCount);

/// Group totals.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupTotals {
    /// Every group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all: Option<u64>,
    /// Groups synced from an identity provider.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub synced: Option<u64>,
    /// Groups managed by an external source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub managed: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupTotals);

/// The filters of a group search (`MultiDirectoryGroupSearchRequest`): the body of
/// `POST …/groups/search`, and — but `groupNames`, `expand` — the query of the list and count
/// calls. Limits (checked by the client): `accountIds` ≤ 10, `groupIds` ≤ 10,
/// `resourceIds` ≤ 20; `groupNames` excludes `searchTerm` and `groupIds`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupSearch {
    /// Where the page starts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cursor: Option<String>,
    /// Page size (default 20).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
    /// Sort order (one key).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sort_by: Vec<SortBy<GroupSortField>>,
    /// Only groups with these members (≤ 10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub account_ids: Vec<AccountId>,
    /// Only these directories.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub directory_ids: Vec<OrgDirectoryId>,
    /// Only groups with these roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub role_ids: Vec<RoleId>,
    /// Only groups with roles on resources of these owners.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_owners: Vec<String>,
    /// Only groups with roles on these resources (≤ 20).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub resource_ids: Vec<ResourceId>,
    /// Free text over the name (not with `groupNames`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub search_term: Option<String>,
    /// Only these groups (≤ 10; not with `groupNames`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_ids: Vec<OrgGroupId>,
    /// Exact names, case-insensitive (search only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_names: Vec<String>,
    /// Extra fields to return (search only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub expand: Vec<GroupExpand>,
    /// Members this version does not know, sent as given.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupSearch);

/// Body of `POST /v2/…/groups`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct NewGroup {
    /// The name.
    pub name: String,
    /// What the group is for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
}

impl NewGroup {
    /// A group named `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), description: None }
    }

    /// With a description.
    #[must_use]
    pub fn description(mut self, description: impl Into<String>) -> Self {
        self.description = Some(description.into());
        self
    }
}

/// Body of `POST /v2/…/groups/{groupId}/memberships`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct NewMembership {
    /// The account to add.
    pub account_id: AccountId,
}

impl NewMembership {
    /// Adds `account_id`.
    pub fn new(account_id: AccountId) -> Self {
        Self { account_id }
    }
}
