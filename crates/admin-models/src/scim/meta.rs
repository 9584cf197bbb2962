use std::fmt;

use serde::{Deserialize, Serialize};

use crate::Extra;

/// `meta.resourceType`, kept as sent. Real servers send `User` / `Group`, the spec's enum says
/// `USER` / `GROUP` / `DIRECTORY`; the predicates compare case-insensitively.
///
/// ```
/// use admin_models::scim::ResourceTypeName;
/// assert!(ResourceTypeName::new("USER").is_user());
/// assert!(ResourceTypeName::new("User").is_user());
/// assert!(!ResourceTypeName::new("Group").is_user());
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ResourceTypeName(String);

impl ResourceTypeName {
    /// Wraps a resource type name.
    pub fn new(name: impl Into<String>) -> Self {
        Self(name.into())
    }

    /// `User`.
    pub fn user() -> Self {
        Self::new("User")
    }

    /// `Group`.
    pub fn group() -> Self {
        Self::new("Group")
    }

    /// The name as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Whether this names `name`, ignoring ASCII case.
    pub fn is(&self, name: &str) -> bool {
        self.0.eq_ignore_ascii_case(name)
    }

    /// Whether this is the User resource type (any case).
    pub fn is_user(&self) -> bool {
        self.is("User")
    }

    /// Whether this is the Group resource type (any case).
    pub fn is_group(&self) -> bool {
        self.is("Group")
    }
}

impl fmt::Display for ResourceTypeName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<&str> for ResourceTypeName {
    fn from(name: &str) -> Self {
        Self::new(name)
    }
}

impl From<String> for ResourceTypeName {
    fn from(name: String) -> Self {
        Self(name)
    }
}

impl AsRef<str> for ResourceTypeName {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

/// A resource's `meta` (RFC 7643 §3.1); every attribute is read-only and optional.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct Meta {
    /// The resource type (`User`, `Group`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resource_type: Option<ResourceTypeName>,
    /// When it was created (RFC 3339), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When it was last modified (RFC 3339), as sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_modified: Option<String>,
    /// The resource's URI.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Its ETag version.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub version: Option<String>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Meta);
