//! Role assignments of users and groups, and the bodies that grant and revoke roles.

use serde::{Deserialize, Serialize};

use super::page::null_as_empty;
use super::{MembershipStatus, OrgDirectoryId, ResourceId, RoleId};
use crate::Extra;

string_enum!(
    /// How a role came to a user.
    RoleAssignmentMethod {
        /// `inferred`.
        Inferred = "inferred",
        /// `direct`: assigned to the user.
        Direct = "direct",
        /// `group_direct`: through a group the user is a direct member of.
        GroupDirect = "group_direct",
    }
);

/// A user's roles on one resource (`MultiDirectoryUserRoleAssignment`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserRoleAssignment {
    /// The resource (ARI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<ResourceId>,
    /// The resource owner (product type key).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_owner: Option<String>,
    /// Deprecated by the API in favour of `roleAssignments`.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub roles: Vec<RoleId>,
    /// Roles with how each was assigned.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub role_assignments: Vec<RoleAssignment>,
    /// The directory of the resource (`null` for platform roles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_id: Option<OrgDirectoryId>,
    /// The user's membership in that directory (`null` for platform roles).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub user_directory_status: Option<MembershipStatus>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserRoleAssignment);

/// A role and how it was assigned.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct RoleAssignment {
    /// The role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<RoleId>,
    /// How it was assigned.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub role_assignment_methods: Vec<RoleAssignmentMethod>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(RoleAssignment);

/// A group's roles on one resource (`MultiDirectoryGroupRoleAssignment`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct GroupRoleAssignment {
    /// The resource (ARI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_id: Option<ResourceId>,
    /// The resource owner.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_owner: Option<String>,
    /// The role granted by default on the resource, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_role: Option<RoleId>,
    /// The roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub roles: Vec<RoleId>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupRoleAssignment);

/// Body of `POST /v1/orgs/{orgId}/users/{userId}/roles/assign` and `…/revoke`
/// (`RoleApiRequest`): a product ("platform") role on a resource.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct UserRoleChange {
    /// The role.
    pub role: RoleId,
    /// The resource; required for every role but `atlassian/org-admin`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<ResourceId>,
}

impl UserRoleChange {
    /// `role` on `resource`.
    pub fn new(role: RoleId, resource: ResourceId) -> Self {
        Self { role, resource: Some(resource) }
    }

    /// A role without a resource (`atlassian/org-admin`).
    pub fn org_wide(role: RoleId) -> Self {
        Self { role, resource: None }
    }
}

/// Body of `POST /v1/orgs/{orgId}/users/{userId}/role-assignments/assign` and `…/revoke`
/// (`OrganizationLevelRoleApiRequest`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrgRoleChange {
    /// The org-level role (`atlassian/org-admin`).
    pub role: RoleId,
}

impl OrgRoleChange {
    /// `role`.
    pub fn new(role: RoleId) -> Self {
        Self { role }
    }
}

/// Body of `POST /v2/…/groups/{groupId}/role-assignments/assign` and `…/revoke`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct GroupRoleChange {
    /// The resource.
    pub resource_id: ResourceId,
    /// The role.
    pub role_id: RoleId,
}

impl GroupRoleChange {
    /// `role_id` on `resource_id`.
    pub fn new(resource_id: ResourceId, role_id: RoleId) -> Self {
        Self { resource_id, role_id }
    }
}
