//! Directories of an organization: `GET /v2/orgs/{orgId}/directories`.

use serde::{Deserialize, Serialize};

use super::OrgDirectoryId;
use crate::Extra;

/// A directory of the org (`MultiDirectoryUserDirectory`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct OrgDirectory {
    /// The directory id, for the v2 users and groups calls.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub directory_id: Option<OrgDirectoryId>,
    /// The directory's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The URL of its icon.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub icon: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(OrgDirectory);
