//! Discovery resources (RFC 7643 §5–7). None requires a `schemas` key: Atlassian omits it on
//! `/Schemas`.

use serde::{Deserialize, Serialize};

use crate::Extra;

use super::meta::Meta;

string_enum! {
    /// An attribute's data type.
    AttributeType {
        /// A string.
        String = "string",
        /// A boolean.
        Boolean = "boolean",
        /// A decimal number.
        Decimal = "decimal",
        /// An integer.
        Integer = "integer",
        /// A date-time.
        DateTime = "dateTime",
        /// Base64 binary.
        Binary = "binary",
        /// A URI reference.
        Reference = "reference",
        /// A complex attribute with sub-attributes.
        Complex = "complex",
    }
}

string_enum! {
    /// Whether and how an attribute may be changed.
    Mutability {
        /// Never changes.
        ReadOnly = "readOnly",
        /// May be changed.
        ReadWrite = "readWrite",
        /// Set once, on creation.
        Immutable = "immutable",
        /// May be set, never returned.
        WriteOnly = "writeOnly",
    }
}

string_enum! {
    /// When an attribute is returned.
    Returned {
        /// Always.
        Always = "always",
        /// Never.
        Never = "never",
        /// Unless excluded.
        Default = "default",
        /// Only when asked for.
        Request = "request",
    }
}

string_enum! {
    /// How unique an attribute's value is.
    Uniqueness {
        /// Not unique.
        None = "none",
        /// Unique within the service provider.
        Server = "server",
        /// Globally unique.
        Global = "global",
    }
}

/// A schema definition (`/Schemas`, `/Schemas/{urn}`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct Schema {
    /// Schema URNs, when sent (Atlassian omits them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// The schema's URN.
    #[serde(default)]
    pub id: String,
    /// Its name, e.g. `User`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Its attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<SchemaAttribute>,
    /// Resource metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Schema);

impl Schema {
    /// The attribute named `name` (case-insensitive, as SCIM attribute names are).
    pub fn attribute(&self, name: &str) -> Option<&SchemaAttribute> {
        self.attributes.iter().find(|a| a.name.eq_ignore_ascii_case(name))
    }
}

/// One attribute of a [`Schema`], possibly with sub-attributes.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct SchemaAttribute {
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its data type.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<AttributeType>,
    /// Whether it holds several values.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub multi_valued: Option<bool>,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// Whether it is required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub required: Option<bool>,
    /// Suggested values.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub canonical_values: Vec<String>,
    /// Whether comparisons are case-sensitive.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub case_exact: Option<bool>,
    /// Whether it may be changed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mutability: Option<Mutability>,
    /// When it is returned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub returned: Option<Returned>,
    /// How unique its value is.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uniqueness: Option<Uniqueness>,
    /// For references: the resource types referred to.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reference_types: Vec<String>,
    /// For complex attributes: the sub-attributes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sub_attributes: Vec<SchemaAttribute>,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(SchemaAttribute);

/// A resource type (`/ResourceTypes`, `/ResourceTypes/User`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct ResourceType {
    /// Schema URNs, when sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// Its id, e.g. `User`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Its name, e.g. `User`.
    #[serde(default)]
    pub name: String,
    /// Its endpoint, e.g. `/Users`.
    #[serde(default)]
    pub endpoint: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// The URN of its core schema.
    #[serde(default)]
    pub schema: String,
    /// Its schema extensions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schema_extensions: Vec<SchemaExtension>,
    /// Resource metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ResourceType);

/// A schema extension of a [`ResourceType`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct SchemaExtension {
    /// The extension's URN.
    #[serde(default)]
    pub schema: String,
    /// Whether resources must carry it.
    #[serde(default)]
    pub required: bool,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(SchemaExtension);

/// What the service provider supports (`/ServiceProviderConfig`). Features not reported are
/// `None`; the `supports_*` helpers treat them as unsupported.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct ServiceProviderConfig {
    /// Schema URNs, when sent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// A link to human-readable documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_uri: Option<String>,
    /// PATCH support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub patch: Option<Supported>,
    /// Bulk support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bulk: Option<BulkConfig>,
    /// Filter support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<FilterConfig>,
    /// Password change support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_password: Option<Supported>,
    /// Sorting support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort: Option<Supported>,
    /// ETag support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub etag: Option<Supported>,
    /// Authentication schemes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub authentication_schemes: Vec<AuthenticationScheme>,
    /// Resource metadata.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ServiceProviderConfig);

impl ServiceProviderConfig {
    /// Whether PATCH is supported.
    pub fn supports_patch(&self) -> bool {
        self.patch.as_ref().is_some_and(|s| s.supported)
    }

    /// Whether filtering is supported.
    pub fn supports_filter(&self) -> bool {
        self.filter.as_ref().is_some_and(|s| s.supported)
    }

    /// Whether bulk operations are supported.
    pub fn supports_bulk(&self) -> bool {
        self.bulk.as_ref().is_some_and(|s| s.supported)
    }

    /// Whether sorting is supported.
    pub fn supports_sort(&self) -> bool {
        self.sort.as_ref().is_some_and(|s| s.supported)
    }

    /// Whether ETags are supported.
    pub fn supports_etag(&self) -> bool {
        self.etag.as_ref().is_some_and(|s| s.supported)
    }
}

/// `{"supported": bool}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Supported {
    /// Whether the feature is supported.
    #[serde(default)]
    pub supported: bool,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Supported);

/// Bulk support and its limits.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct BulkConfig {
    /// Whether bulk is supported.
    #[serde(default)]
    pub supported: bool,
    /// The most operations per request.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_operations: Option<u64>,
    /// The largest payload, in bytes.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_payload_size: Option<u64>,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(BulkConfig);

/// Filter support and its limit.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct FilterConfig {
    /// Whether filtering is supported.
    #[serde(default)]
    pub supported: bool,
    /// The most results a filtered query returns.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_results: Option<u64>,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(FilterConfig);

/// An authentication scheme.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct AuthenticationScheme {
    /// Its type, e.g. `oauthbearertoken`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// Its name.
    #[serde(default)]
    pub name: String,
    /// Its description.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    /// A link to its specification.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub spec_uri: Option<String>,
    /// A link to its documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub documentation_uri: Option<String>,
    /// Whether it is the preferred scheme.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// Properties this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(AuthenticationScheme);
