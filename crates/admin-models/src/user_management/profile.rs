use serde::{Deserialize, Serialize};

use crate::Extra;

use super::validation::{ValidationError, ValidationRule, check_text};
use crate::AccountId;

string_enum! {
    /// The kind of an Atlassian account.
    AccountType {
        /// A regular Atlassian account.
        Atlassian = "atlassian",
        /// A customer account (e.g. Jira Service Management portal users).
        Customer = "customer",
        /// An app (bot) account.
        App = "app",
    }
}

string_enum! {
    /// Whether an account can be used.
    AccountStatus {
        /// The account can log in.
        Active = "active",
        /// The account is deactivated (or pending deletion).
        Inactive = "inactive",
        /// The account is closed.
        Closed = "closed",
    }
}

/// `{"account": …}`: the body of `GET` and `PATCH /users/{account_id}/manage/profile`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ProfileResponse {
    /// The account's profile.
    pub account: AtlassianAccountUser,
    /// Fields next to `account` this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ProfileResponse);

/// A managed account's profile.
///
/// Fields the spec marks required are optional here, because real answers omit some of them;
/// anything unknown is kept in [`extra`](Self::extra).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AtlassianAccountUser {
    /// The account id.
    pub account_id: AccountId,
    /// The kind of account.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// Whether the account can be used.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_status: Option<AccountStatus>,
    /// Full name (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Public name (at most 30 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Email address.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// Time zone, e.g. `America/Los_Angeles`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoneinfo: Option<String>,
    /// Locale (BCP 47), e.g. `en-US`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Job title, organization, department and location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub extended_profile: Option<ExtendedProfile>,
    /// Account characteristics.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub characteristics: Option<AccountCharacteristics>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(AtlassianAccountUser);

/// Job title, organization, department and location (snake_case on the wire).
///
/// Fields this version does not know are kept in [`extra`](Self::extra) and sent back when
/// the profile is used in a [`ProfileUpdate`].
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct ExtendedProfile {
    /// Job title.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub job_title: Option<String>,
    /// Organization.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// Department.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub department: Option<String>,
    /// Location.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<String>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ExtendedProfile);

impl ExtendedProfile {
    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

/// Account characteristics.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct AccountCharacteristics {
    /// Whether the account cannot be @-mentioned.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub not_mentionable: Option<bool>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(AccountCharacteristics);

/// A partial profile update: only the fields set are serialized.
///
/// ```
/// use admin_models::user_management::ProfileUpdate;
///
/// let update = ProfileUpdate::new().nickname("marshmallow");
/// assert_eq!(serde_json::to_string(&update).unwrap(), r#"{"nickname":"marshmallow"}"#);
/// assert!(update.validate().is_ok());
/// assert!(ProfileUpdate::new().nickname("x".repeat(31)).validate().is_err());
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileUpdate {
    /// Full name (at most 100 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Public name (at most 30 characters).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nickname: Option<String>,
    /// Time zone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zoneinfo: Option<String>,
    /// Locale.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<String>,
    /// Extended profile fields; only those set are sent.
    #[serde(default, skip_serializing_if = "ExtendedProfile::is_empty")]
    pub extended_profile: ExtendedProfile,
}

/// The documented limits: name ≤ 100, nickname ≤ 30 characters.
const NAME_MAX: usize = 100;
const NICKNAME_MAX: usize = 30;

impl ProfileUpdate {
    /// An update that changes nothing yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Sets the full name.
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the public name.
    #[must_use]
    pub fn nickname(mut self, nickname: impl Into<String>) -> Self {
        self.nickname = Some(nickname.into());
        self
    }

    /// Sets the time zone.
    #[must_use]
    pub fn zoneinfo(mut self, zoneinfo: impl Into<String>) -> Self {
        self.zoneinfo = Some(zoneinfo.into());
        self
    }

    /// Sets the locale.
    #[must_use]
    pub fn locale(mut self, locale: impl Into<String>) -> Self {
        self.locale = Some(locale.into());
        self
    }

    /// Sets `extended_profile.job_title`.
    #[must_use]
    pub fn job_title(mut self, value: impl Into<String>) -> Self {
        self.extended_profile.job_title = Some(value.into());
        self
    }

    /// Sets `extended_profile.organization`.
    #[must_use]
    pub fn organization(mut self, value: impl Into<String>) -> Self {
        self.extended_profile.organization = Some(value.into());
        self
    }

    /// Sets `extended_profile.department`.
    #[must_use]
    pub fn department(mut self, value: impl Into<String>) -> Self {
        self.extended_profile.department = Some(value.into());
        self
    }

    /// Sets `extended_profile.location`.
    #[must_use]
    pub fn location(mut self, value: impl Into<String>) -> Self {
        self.extended_profile.location = Some(value.into());
        self
    }

    /// Whether no field is set.
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }

    /// Checks the documented limits: something is set, name ≤ 100 and nickname ≤ 30
    /// characters (nickname not empty), no control or NUL characters anywhere.
    ///
    /// # Errors
    /// The first [`ValidationError`] found.
    pub fn validate(&self) -> Result<(), ValidationError> {
        if self.is_empty() {
            return Err(ValidationError::new("profile", ValidationRule::NothingToUpdate));
        }
        if let Some(nickname) = &self.nickname {
            if nickname.is_empty() {
                return Err(ValidationError::new("nickname", ValidationRule::Empty));
            }
            check_text("nickname", nickname, Some(NICKNAME_MAX))?;
        }
        let extended = &self.extended_profile;
        let fields = [
            ("name", &self.name, Some(NAME_MAX)),
            ("zoneinfo", &self.zoneinfo, None),
            ("locale", &self.locale, None),
            ("extended_profile.job_title", &extended.job_title, None),
            ("extended_profile.organization", &extended.organization, None),
            ("extended_profile.department", &extended.department, None),
            ("extended_profile.location", &extended.location, None),
        ];
        for (field, value, max) in fields {
            if let Some(value) = value {
                check_text(field, value, max)?;
            }
        }
        Ok(())
    }
}
