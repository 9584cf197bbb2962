use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::permissions::{Restriction, RestrictionReason, Rule};

string_enum! {
    /// The `key` of a user management error body.
    ErrorKey {
        /// 400: the body is not valid JSON or not the expected shape.
        BodyParseFailure = "bodyParseFailure",
        /// 400: fields break constraints; see [`ErrorResponse::field_violations`].
        FieldConstraintsViolated = "fieldConstraintsViolated",
        /// 401: the API key is missing or invalid.
        Unauthorized = "unauthorized",
        /// 403: not allowed.
        Forbidden = "forbidden",
        /// 403: the account is not on a verified domain.
        ForbiddenTargetUnverified = "forbidden.targetUnverified",
        /// 403: the action is refused; see [`ErrorResponse::restriction_reason`].
        ForbiddenAction = "forbidden.action",
        /// 403: the email's domain is not claimed; see [`ErrorResponse::unclaimed_domain`].
        ForbiddenUnclaimedDomain = "forbidden.unclaimedDomain",
        /// 403: some fields may not be changed; see [`ErrorResponse::denied_fields`].
        ForbiddenFieldMutation = "forbidden.fieldMutation",
        /// 404: no such account.
        AccountNotFound = "accountNotFound",
        /// 404: no such resource.
        NotFound = "notFound",
        /// 409: the lifecycle change is not possible; see [`ErrorResponse::lifecycle_errors`].
        ConflictLifecycleErrors = "conflict.lifecycleErrors",
    }
}

/// A user management error body: `{"key": …, "context": …}`. The context is kept as sent;
/// typed accessors read the documented shapes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorResponse {
    /// What went wrong.
    pub key: ErrorKey,
    /// Details, whose shape depends on the key.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub context: Option<Value>,
}

/// One field's violations in a `fieldConstraintsViolated` error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldViolation {
    /// The field, as a JSON path (`nickname`, `extended_profile.job_title`).
    pub field: String,
    /// The constraints broken.
    #[serde(default)]
    pub violations: Vec<Violation>,
}

/// A constraint broken (`maxLength`, `validCharacters`, `partMaxLength`, …).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Violation {
    /// The constraint's key.
    pub key: String,
}

/// One reason in a `conflict.lifecycleErrors` error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LifecycleError {
    /// A code such as `PENDING_DELETION`.
    pub code: String,
    /// A human-readable message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// A link to documentation.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

impl ErrorResponse {
    fn context_field<T: serde::de::DeserializeOwned>(&self, field: &str) -> Option<T> {
        let value = self.context.as_ref()?.get(field)?;
        T::deserialize(value).ok()
    }

    /// `fieldConstraintsViolated`: the fields and constraints broken.
    pub fn field_violations(&self) -> Vec<FieldViolation> {
        self.context_field("fieldViolations").unwrap_or_default()
    }

    /// `forbidden.action`: why the action is refused.
    pub fn restriction_reason(&self) -> Option<RestrictionReason> {
        self.context_field::<Restriction>("reason").map(|r| r.key)
    }

    /// `forbidden.unclaimedDomain`: the domain that is not claimed.
    pub fn unclaimed_domain(&self) -> Option<&str> {
        self.context.as_ref()?.get("domain")?.as_str()
    }

    /// `forbidden.fieldMutation`: the fields that may not be changed.
    pub fn denied_fields(&self) -> Vec<String> {
        let Some(Value::Object(fields)) = &self.context else { return Vec::new() };
        fields
            .iter()
            .filter(|(_, rule)| Rule::deserialize(*rule).is_ok_and(|rule| !rule.allowed))
            .map(|(field, _)| field.clone())
            .collect()
    }

    /// `conflict.lifecycleErrors`: why the lifecycle change is not possible.
    pub fn lifecycle_errors(&self) -> Vec<LifecycleError> {
        self.context_field("errorCodes").unwrap_or_default()
    }

    /// `conflict.lifecycleErrors`: the overall message.
    pub fn context_message(&self) -> Option<&str> {
        self.context.as_ref()?.get("message")?.as_str()
    }
}
