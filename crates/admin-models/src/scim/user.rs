use serde::{Deserialize, Deserializer, Serialize, de};
use serde_json::Value;

use crate::Extra;

use super::meta::Meta;
use super::{ATLASSIAN_EXTERNAL_SCHEMA, ENTERPRISE_USER_SCHEMA, USER_SCHEMA};
use crate::{AccountId, ScimUserId};

/// A SCIM user (`/Users`), with the enterprise and Atlassian extensions.
///
/// Every attribute is optional on decode (the spec requires none); empty multi-valued
/// attributes are not serialized (RFC 7643 §2.5: empty and unassigned are equivalent), but
/// `active: false` is. Unknown attributes and extensions are kept in [`extra`](Self::extra).
///
/// ```
/// use admin_models::scim::{Email, ScimUser};
///
/// let user = ScimUser {
///     display_name: Some("Lila User".into()),
///     emails: vec![Email::work("lila@example.com").primary()],
///     active: Some(false),
///     ..ScimUser::new("lila@example.com")
/// };
/// let json = serde_json::to_value(&user).unwrap();
/// assert_eq!(json["active"], false);
/// assert_eq!(json["schemas"][0], "urn:ietf:params:scim:schemas:core:2.0:User");
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct ScimUser {
    /// Schema URNs of the core schema and the extensions present.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// The server's id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<ScimUserId>,
    /// The identity provider's id for the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub external_id: Option<String>,
    /// The unique user name (usually the email address); empty when not sent.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub user_name: String,
    /// Name components.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Name>,
    /// Display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_name: Option<String>,
    /// Casual name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nick_name: Option<String>,
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// Preferred language, e.g. `en-US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_language: Option<String>,
    /// Department (Atlassian's core-level attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Organization (Atlassian's core-level attribute).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Time zone, e.g. `America/Los_Angeles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub timezone: Option<String>,
    /// Email addresses; one should be primary.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub emails: Vec<Email>,
    /// Phone numbers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub phone_numbers: Vec<PhoneNumber>,
    /// Whether the user is active; `Some(false)` is serialized. Decoding also accepts the
    /// strings `"true"` / `"false"` in any case (`"True"`, `"False"`), which Azure AD sends and
    /// Atlassian accepts; it is always written as a JSON boolean.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_bool")]
    pub active: Option<bool>,
    /// Groups the user belongs to (read-only).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<GroupRef>,
    /// Resource metadata (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<Meta>,
    /// The enterprise extension (`urn:ietf:params:scim:schemas:extension:enterprise:2.0:User`).
    #[serde(
        rename = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub enterprise: Option<EnterpriseUser>,
    /// Atlassian's extension (`urn:scim:schemas:extension:atlassian-external:1.0`).
    #[serde(
        rename = "urn:scim:schemas:extension:atlassian-external:1.0",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub atlassian: Option<AtlassianExternal>,
    /// Attributes and extensions this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ScimUser);

impl ScimUser {
    /// A user with `user_name` and the core schema URN.
    pub fn new(user_name: impl Into<String>) -> Self {
        Self { schemas: vec![USER_SCHEMA.to_owned()], user_name: user_name.into(), ..Self::default() }
    }

    /// Sets the enterprise extension and lists its URN in `schemas`.
    #[must_use]
    pub fn with_enterprise(mut self, enterprise: EnterpriseUser) -> Self {
        self.enterprise = Some(enterprise);
        self.add_schema(ENTERPRISE_USER_SCHEMA);
        self
    }

    /// Adds an email address.
    #[must_use]
    pub fn with_email(mut self, email: Email) -> Self {
        self.emails.push(email);
        self
    }

    /// Lists `urn` in `schemas` unless it is already there.
    pub fn add_schema(&mut self, urn: &str) {
        if !self.schemas.iter().any(|s| s == urn) {
            self.schemas.push(urn.to_owned());
        }
    }

    /// The primary email address, or else the first one.
    pub fn primary_email(&self) -> Option<&str> {
        self.emails
            .iter()
            .find(|e| e.primary == Some(true))
            .or_else(|| self.emails.first())
            .map(|e| e.value.as_str())
    }

    /// The linked Atlassian account id, from Atlassian's extension.
    pub fn atlassian_account_id(&self) -> Option<&AccountId> {
        self.atlassian.as_ref()?.atlassian_account_id.as_ref()
    }

    /// Whether the user is active; an unreported `active` counts as active (the SCIM default
    /// for a provisioned user).
    pub fn is_active(&self) -> bool {
        self.active != Some(false)
    }

    /// An attribute or extension kept in [`extra`](Self::extra), as a [`Value`] (`None` if
    /// absent or outside what a `Value` holds; [`Extra::get`] gives the exact text).
    pub fn extension(&self, urn: &str) -> Option<Value> {
        self.extra.value(urn)
    }

    /// Whether `urn` is one of this version's typed extensions (the others end up in `extra`).
    pub fn is_typed_extension(urn: &str) -> bool {
        urn == ENTERPRISE_USER_SCHEMA || urn == ATLASSIAN_EXTERNAL_SCHEMA
    }
}

/// A boolean, or a string `true` / `false` in any case (what some identity providers send);
/// `null` is `None`.
fn lenient_bool<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<bool>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum BoolOrString {
        Bool(bool),
        String(String),
    }
    match Option::<BoolOrString>::deserialize(deserializer)? {
        None => Ok(None),
        Some(BoolOrString::Bool(b)) => Ok(Some(b)),
        Some(BoolOrString::String(s)) if s.eq_ignore_ascii_case("true") => Ok(Some(true)),
        Some(BoolOrString::String(s)) if s.eq_ignore_ascii_case("false") => Ok(Some(false)),
        Some(BoolOrString::String(s)) => {
            Err(de::Error::invalid_value(de::Unexpected::Str(&s), &"a boolean or \"true\" / \"false\""))
        }
    }
}

/// A user's name components.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct Name {
    /// The full name, formatted for display.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub formatted: Option<String>,
    /// Family (last) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_name: Option<String>,
    /// Given (first) name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub given_name: Option<String>,
    /// Middle name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub middle_name: Option<String>,
    /// Prefix, e.g. `Ms.`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific_prefix: Option<String>,
    /// Suffix, e.g. `III`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub honorific_suffix: Option<String>,
    /// Sub-attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Name);

impl Name {
    /// A name from given and family names.
    pub fn new(given_name: impl Into<String>, family_name: impl Into<String>) -> Self {
        Self { given_name: Some(given_name.into()), family_name: Some(family_name.into()), ..Self::default() }
    }
}

/// An email address of a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Email {
    /// The address.
    #[serde(default)]
    pub value: String,
    /// Its kind: `work`, `home`, `other`, ….
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether it is the primary address (`Some(false)` is kept). Decoding accepts
    /// `"true"` / `"false"` strings in any case too, like [`ScimUser::active`].
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "lenient_bool")]
    pub primary: Option<bool>,
    /// A display value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Sub-attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Email);

impl Email {
    /// An address with no type.
    pub fn new(value: impl Into<String>) -> Self {
        Self { value: value.into(), ..Self::default() }
    }

    /// A `work` address.
    pub fn work(value: impl Into<String>) -> Self {
        Self { kind: Some("work".to_owned()), ..Self::new(value) }
    }

    /// Marks it primary.
    #[must_use]
    pub fn primary(mut self) -> Self {
        self.primary = Some(true);
        self
    }
}

/// A phone number of a user.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct PhoneNumber {
    /// The number.
    #[serde(default)]
    pub value: String,
    /// Its kind: `work`, `mobile`, ….
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Whether it is the primary number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary: Option<bool>,
    /// A display value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// Sub-attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PhoneNumber);

impl PhoneNumber {
    /// A number of kind `kind`.
    pub fn new(value: impl Into<String>, kind: impl Into<String>) -> Self {
        Self { value: value.into(), kind: Some(kind.into()), ..Self::default() }
    }
}

/// A group a user belongs to (`groups`, read-only).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct GroupRef {
    /// The group's id.
    #[serde(default)]
    pub value: String,
    /// The group's display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display: Option<String>,
    /// The group's URI.
    #[serde(rename = "$ref", default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    /// `direct` or `indirect` membership (or a resource type, as some servers send).
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Sub-attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(GroupRef);

/// The enterprise User extension (RFC 7643 §4.3). `manager` and other attributes this
/// version does not type are kept in [`extra`](Self::extra).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct EnterpriseUser {
    /// Organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Division.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub division: Option<String>,
    /// Cost center.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cost_center: Option<String>,
    /// Employee number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employee_number: Option<String>,
    /// Attributes this version does not know (e.g. `manager`), kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(EnterpriseUser);

/// Atlassian's extension (`urn:scim:schemas:extension:atlassian-external:1.0`): the link to
/// the user management account.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
#[serde(rename_all = "camelCase")]
pub struct AtlassianExternal {
    /// The Atlassian account id (read-only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub atlassian_account_id: Option<AccountId>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(AtlassianExternal);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn active_and_primary_accept_boolean_strings_in_any_case() {
        let user: ScimUser = serde_json::from_str(
            r#"{"userName": "a", "active": "False", "emails": [{"value": "a@x", "primary": "TRUE"}]}"#,
        )
        .unwrap();
        assert_eq!(user.active, Some(false));
        assert_eq!(user.emails[0].primary, Some(true));
        assert_eq!(serde_json::to_value(&user).unwrap()["active"], false);
        let user: ScimUser = serde_json::from_str(r#"{"active": null}"#).unwrap();
        assert_eq!(user.active, None);
        assert!(serde_json::from_str::<ScimUser>(r#"{"active": "yes"}"#).is_err());
        assert!(serde_json::from_str::<ScimUser>(r#"{"active": 1}"#).is_err());
    }
}
