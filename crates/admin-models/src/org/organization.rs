//! Organizations: `GET /v1/orgs` and `GET /v1/orgs/{orgId}`.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::{OrgId, SelfLink};

/// An organization (`OrgModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Org {
    /// The org id.
    pub id: OrgId,
    /// The type name, `orgs`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub type_: Option<String>,
    /// The attributes (`name`).
    #[serde(default)]
    pub attributes: OrgAttributes,
    /// Links to related collections (`domains`, `users`), kept as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relationships: Option<Map<String, Value>>,
    /// `{"self": URL}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}

impl Org {
    /// The org's name, when sent.
    pub fn name(&self) -> Option<&str> {
        self.attributes.name.as_deref()
    }
}

/// The attributes of an [`Org`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OrgAttributes {
    /// The org's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten)]
    pub extra: Map<String, Value>,
}
