use serde::{Deserialize, Deserializer, Serialize};

string_enum! {
    /// The `scimType` of a SCIM error (RFC 7644 §3.12).
    ScimType {
        /// The filter is invalid or unsupported.
        InvalidFilter = "invalidFilter",
        /// The filter yields too many results.
        TooMany = "tooMany",
        /// A unique attribute (userName, group displayName) is taken.
        Uniqueness = "uniqueness",
        /// An attribute may not be changed.
        Mutability = "mutability",
        /// The request body is malformed.
        InvalidSyntax = "invalidSyntax",
        /// A PATCH path is invalid.
        InvalidPath = "invalidPath",
        /// A PATCH path matches nothing.
        NoTarget = "noTarget",
        /// A value is invalid.
        InvalidValue = "invalidValue",
        /// The ETag version is invalid.
        InvalidVers = "invalidVers",
        /// The request would expose sensitive data.
        Sensitive = "sensitive",
    }
}

/// A SCIM `Error` body: `{"schemas": [ERROR_SCHEMA], "status": "404", "scimType"?, "detail"?}`.
/// `status` is a string on the wire; [`status_code`](Self::status_code) reads it as a number.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ScimError {
    /// Schema URNs (`urn:ietf:params:scim:api:messages:2.0:Error`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// The HTTP status, as a string (a number is accepted too).
    #[serde(default, deserialize_with = "string_or_number")]
    pub status: String,
    /// The SCIM error type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scim_type: Option<ScimType>,
    /// A human-readable detail.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

impl ScimError {
    /// The status as a number, when it is one.
    pub fn status_code(&self) -> Option<u16> {
        self.status.trim().parse().ok()
    }
}

/// Atlassian's 401/403 body on the SCIM API: `{"error": …, "traceId": …}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Failure {
    /// A human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// A trace id for Atlassian support.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace_id: Option<String>,
}

fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum StringOrNumber {
        String(String),
        Number(serde_json::Number),
    }
    Ok(match StringOrNumber::deserialize(deserializer)? {
        StringOrNumber::String(s) => s,
        StringOrNumber::Number(n) => n.to_string(),
    })
}
