//! Invitations: `POST /v2/orgs/{orgId}/users/invite` (orgs with a paid subscription only).

use serde::{Deserialize, Serialize};

use super::page::null_as_empty;
use super::{OrgGroupId, ResourceId, RoleId};
use crate::AccountId;
use crate::Extra;

/// The body of an invitation (`MultidirectoryInviteApiRequest`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
pub struct Invitation {
    /// Who to invite.
    pub emails: Vec<String>,
    /// Roles to give them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub permission_rules: Vec<InviteRole>,
    /// Groups to add them to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub additional_groups: Vec<OrgGroupId>,
    /// Whether to send an email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub send_notification: Option<bool>,
    /// Text for the email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notification_text: Option<String>,
}

/// A role given by an invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InviteRole {
    /// The resource (workspace) id.
    pub resource: ResourceId,
    /// The role.
    pub role: RoleId,
}

impl InviteRole {
    /// `role` on `resource`.
    pub fn new(resource: ResourceId, role: RoleId) -> Self {
        Self { resource, role }
    }
}

string_enum!(
    /// The outcome of one role or group assignment of an invitation.
    InviteStatus {
        /// `INVITED`.
        Invited = "INVITED",
        /// `ERROR`: see `statusReason`.
        Error = "ERROR",
    }
);

/// The answer to an invitation (`MultidirectoryInviteSuccessResponse`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct InvitationResult {
    /// One entry per invited person.
    #[serde(default, deserialize_with = "null_as_empty")]
    pub data: Vec<InvitedUser>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(InvitationResult);

/// An invited person.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct InvitedUser {
    /// Their account id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<AccountId>,
    /// Their email.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Role and group assignment outcomes.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub results: Vec<InviteAssignments>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(InvitedUser);

/// Outcomes of the assignments of one invitation.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct InviteAssignments {
    /// Role assignments.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub role_assignment_result: Vec<InviteAssignment>,
    /// Group assignments.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "null_as_empty")]
    pub group_assignment_result: Vec<InviteAssignment>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(InviteAssignments);

/// One role (`resource`, `role`) or group (`group`) assignment outcome.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct InviteAssignment {
    /// The resource (role assignments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource: Option<String>,
    /// The role (role assignments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
    /// The group (group assignments).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// Invited or error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<InviteStatus>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status_reason: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(InviteAssignment);
