//! Organizations: `GET /v1/orgs` and `GET /v1/orgs/{orgId}`.

use serde::{Deserialize, Serialize};

use super::{OrgId, SelfLink};
use crate::Extra;

/// An organization (`OrgModel`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
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
    pub relationships: Option<Extra>,
    /// `{"self": URL}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Org);

impl Org {
    /// The org's name, when sent.
    pub fn name(&self) -> Option<&str> {
        self.attributes.name.as_deref()
    }
}

/// The attributes of an [`Org`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct OrgAttributes {
    /// The org's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(OrgAttributes);
