use serde::{Deserialize, Serialize};

use crate::Extra;

use crate::ApiTokenId;

/// One of an account's API tokens (`GET /users/{account_id}/manage/api-tokens`), camelCase on
/// the wire.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct ApiToken {
    /// The token's id.
    pub id: ApiTokenId,
    /// The token's label.
    #[serde(default)]
    pub label: String,
    /// When it was created (UTC, ISO 8601), as sent.
    #[serde(default)]
    pub created_at: String,
    /// When it was last used (UTC, ISO 8601), if ever.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_access: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ApiToken);
