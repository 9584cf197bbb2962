use serde::{Deserialize, Serialize};

use crate::Extra;

use super::GROUP_SCHEMA;
use super::meta::Meta;
use crate::GroupId;

/// A SCIM group (`/Groups`). Unknown attributes are kept in [`extra`](Self::extra).
///
/// ```
/// use admin_models::scim::{GroupMember, ScimGroup};
/// let group = ScimGroup {
///     members: vec![GroupMember::new("ef5ff80e-9ca6-449c-8cca-5b621085c6c9")],
///     ..ScimGroup::new("confluence-users")
/// };
/// assert_eq!(serde_json::to_value(&group).unwrap()["displayName"], "confluence-users");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct ScimGroup {
    /// Schema URNs.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// The server's id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<GroupId>,
    /// The identity provider's id for the group.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The group name (Atlassian cannot rename groups); empty when not sent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub display_name: String,
    /// Members; empty when not sent (not serialized when empty).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub members: Vec<GroupMember>,
    /// Resource metadata (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ScimGroup);

impl ScimGroup {
    /// A group named `display_name` with the core schema URN.
    pub fn new(display_name: impl Into<String>) -> Self {
        Self { schemas: vec![GROUP_SCHEMA.to_owned()], display_name: display_name.into(), ..Self::default() }
    }
}

/// A member of a group.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct GroupMember {
    /// The member's SCIM id.
    #[serde(default)]
    pub value: String,
    /// The member's display value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The member's URI.
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// The member's kind: `User` or `Group`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Sub-attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupMember);

impl GroupMember {
    /// A member by SCIM id.
    pub fn new(value: impl Into<String>) -> Self {
        Self { value: value.into(), ..Self::default() }
    }

    /// A user member by SCIM id (`type: User`).
    pub fn user(value: impl Into<String>) -> Self {
        Self { kind: Some("User".to_owned()), ..Self::new(value) }
    }
}
