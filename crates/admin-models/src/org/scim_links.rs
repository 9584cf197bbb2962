//! The provisioning "Admin APIs", called with the **org admin API key**: SCIM links of an
//! account (`GET /admin/user-provisioning/v1/org/{orgId}/user/{aaId}/get-scim-links`) and of an
//! email (`POST …/get-scim-links-for-email`); unlink and delete-record take no body and answer
//! nothing. Shapes from jira.js (`src/userProvisioning/models/scimUserLink.ts`,
//! `getScimLinksForEmailRequest.ts`).

use serde::{Deserialize, Serialize};

use super::page::null_as_empty;
use crate::Extra;

/// One link between a SCIM user and an Atlassian account.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ScimLink {
    /// The SCIM user id (use with [`crate::ScimUserId`] and the directory's SCIM API).
    #[serde(rename = "scimUserId")]
    pub scim_user_id: String,
    /// The Atlassian account id, when the SCIM user is linked to one.
    #[serde(rename = "atlassianAccountId", default, skip_serializing_if = "Option::is_none")]
    pub atlassian_account_id: Option<String>,
    /// The organization.
    #[serde(rename = "orgId", default, skip_serializing_if = "Option::is_none")]
    pub org_id: Option<String>,
    /// The SCIM directory (the id in the directory's SCIM base URL).
    #[serde(rename = "directoryId")]
    pub directory_id: String,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ScimLink);

/// `{"scimLinks": [...]}`: the answer of both SCIM link look-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ScimLinks {
    /// The links (absent or `null` decodes as empty).
    #[serde(rename = "scimLinks", default, deserialize_with = "null_as_empty")]
    pub scim_links: Vec<ScimLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ScimLinks);

/// The body of `POST …/get-scim-links-for-email`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ScimLinksForEmail {
    /// The email address to look up.
    pub email: String,
}

impl ScimLinksForEmail {
    /// A look-up of `email`.
    pub fn new(email: impl Into<String>) -> Self {
        Self { email: email.into() }
    }
}
