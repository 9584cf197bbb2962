use std::collections::BTreeMap;

use serde::{Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::Extra;
use crate::extra::same_json;

string_enum! {
    /// A user management privilege (`GET /users/{account_id}/manage?privileges=…`).
    Privilege {
        /// Deprecated alias of `profile.write`.
        Profile = "profile",
        /// `PATCH …/manage/profile`, per field.
        ProfileWrite = "profile.write",
        /// `GET …/manage/profile`.
        ProfileRead = "profile.read",
        /// `PUT …/manage/email`.
        EmailSet = "email.set",
        /// `POST …/manage/lifecycle/enable` and `…/disable`.
        LifecycleEnablement = "lifecycle.enablement",
        /// `POST …/manage/lifecycle/delete` and `…/cancel-delete`.
        LifecycleDelete = "lifecycle.delete",
        /// `GET …/manage/api-tokens`.
        ApiTokenRead = "apiToken.read",
        /// `DELETE …/manage/api-tokens/{tokenId}`.
        ApiTokenDelete = "apiToken.delete",
    }
}

string_enum! {
    /// Why a privilege is not granted.
    RestrictionReason {
        /// Only administrators of the organization may do this.
        Administrative = "administrative",
        /// Administrators may do this, but not to themselves.
        AdministrativeNotMyself = "administrative.notMyself",
        /// Only the account's owner may do this.
        MyselfOnly = "myselfOnly",
        /// Only for managed accounts (on a verified domain of the organization).
        ManagedAccount = "managedAccount",
        /// The account is managed by a SCIM identity provider; change it there.
        ExternalDirectoryScim = "externalDirectory.scim",
        /// The account is managed by Google Workspace sync; change it there.
        ExternalDirectoryGoogle = "externalDirectory.google",
        /// The account is blocked by US export controls.
        BlockedExportControl = "blocked.exportControl",
        /// The account authenticates through a SAML policy.
        AuthPolicySaml = "authPolicy.saml",
    }
}

impl RestrictionReason {
    /// A sentence explaining the reason to a person.
    pub fn explanation(&self) -> &'static str {
        match self {
            Self::Administrative => "only an organization admin may do this",
            Self::AdministrativeNotMyself => "an admin may do this to other accounts, but not to their own",
            Self::MyselfOnly => "only the account's owner may do this",
            Self::ManagedAccount => "the account must be managed by your organization (a verified domain)",
            Self::ExternalDirectoryScim => {
                "the account is managed by a SCIM identity provider: make the change there"
            }
            Self::ExternalDirectoryGoogle => {
                "the account is synced from Google Workspace: make the change there"
            }
            Self::BlockedExportControl => "the account is blocked by US export controls",
            Self::AuthPolicySaml => "the account signs in through a SAML authentication policy",
            Self::Unknown(_) => "the server gave a reason this version does not know",
        }
    }
}

/// `{"key": …}`: the reason part of a refused rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Restriction {
    /// The reason.
    pub key: RestrictionReason,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Restriction);

impl Restriction {
    /// A restriction for `key`.
    pub fn new(key: RestrictionReason) -> Self {
        Self { key, extra: Extra::new() }
    }
}

/// Whether one privilege (or one field) is granted: `{"allowed": true}` or
/// `{"allowed": false, "reason": {"key": …}}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(remote = "Self")]
pub struct Rule {
    /// Whether it is granted.
    pub allowed: bool,
    /// Why not, when not.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<Restriction>,
    /// Fields this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Rule);

impl Rule {
    /// `{"allowed": true}` or `{"allowed": false, "reason": {"key": …}}`.
    pub fn new(allowed: bool, reason: Option<RestrictionReason>) -> Self {
        Self { allowed, reason: reason.map(Restriction::new), extra: Extra::new() }
    }

    /// The rule as an [`Access`].
    pub fn access(&self) -> Access {
        if self.allowed {
            Access::Allowed
        } else {
            Access::Denied(
                self.reason
                    .as_ref()
                    .map_or_else(|| RestrictionReason::Unknown(String::new()), |r| r.key.clone()),
            )
        }
    }
}

/// One entry of [`Permissions`]: a plain rule, or (for `profile` / `profile.write`) a rule per
/// field, keyed by JSON path (`nickname`, `extended_profile.job_title`).
///
/// Decoding tries a rule, then a map of rules; anything else is kept as its exact JSON text.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum PermissionEntry {
    /// A rule for the whole privilege.
    Rule(Rule),
    /// A rule per field.
    Fields(BTreeMap<String, Rule>),
    /// Any other shape, kept as sent (exact JSON text).
    Other(Box<RawValue>),
}

impl<'de> Deserialize<'de> for PermissionEntry {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Untagged decoding would buffer the entry in serde's `Content` (numbers parsed, raw
        // text lost): keep the text and try each shape on it instead.
        let raw = Box::<RawValue>::deserialize(deserializer)?;
        if let Ok(rule) = serde_json::from_str(raw.get()) {
            return Ok(PermissionEntry::Rule(rule));
        }
        if let Ok(fields) = serde_json::from_str(raw.get()) {
            return Ok(PermissionEntry::Fields(fields));
        }
        Ok(PermissionEntry::Other(raw))
    }
}

impl PartialEq for PermissionEntry {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (PermissionEntry::Rule(a), PermissionEntry::Rule(b)) => a == b,
            (PermissionEntry::Fields(a), PermissionEntry::Fields(b)) => a == b,
            (PermissionEntry::Other(a), PermissionEntry::Other(b)) => same_json(a.get(), b.get()),
            _ => false,
        }
    }
}

impl Eq for PermissionEntry {}

/// The answer of `GET /users/{account_id}/manage`: a rule per privilege asked about.
///
/// ```
/// use admin_models::user_management::{Access, Permissions, Privilege, RestrictionReason};
///
/// let rules: Permissions = serde_json::from_str(r#"{
///     "email.set": {"allowed": true},
///     "lifecycle.enablement": {"allowed": false, "reason": {"key": "externalDirectory.scim"}},
///     "profile.write": {"nickname": {"allowed": true}, "name": {"allowed": false, "reason": {"key": "externalDirectory.scim"}}}
/// }"#).unwrap();
/// assert_eq!(rules.check(Privilege::EmailSet), Access::Allowed);
/// assert_eq!(rules.check(Privilege::LifecycleEnablement), Access::Denied(RestrictionReason::ExternalDirectoryScim));
/// assert_eq!(rules.check_field("name"), Access::Denied(RestrictionReason::ExternalDirectoryScim));
/// assert_eq!(rules.check(Privilege::ApiTokenRead), Access::NotReported);
/// ```
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Permissions {
    /// Entries by privilege key (`email.set`, …), as sent.
    pub entries: BTreeMap<String, PermissionEntry>,
}

/// The answer to "may I do X?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// Granted.
    Allowed,
    /// Refused, with the reason.
    Denied(RestrictionReason),
    /// The server said nothing about it (not asked, or unknown to it).
    NotReported,
}

impl Access {
    /// Whether access is granted.
    pub fn is_allowed(&self) -> bool {
        matches!(self, Access::Allowed)
    }

    /// The reason access is refused, if it is.
    pub fn reason(&self) -> Option<&RestrictionReason> {
        match self {
            Access::Denied(reason) => Some(reason),
            Access::Allowed | Access::NotReported => None,
        }
    }
}

/// A sentence for a person: `allowed`, `not reported by the server`, or `denied: <why>`.
///
/// ```
/// use admin_models::user_management::{Access, RestrictionReason};
/// assert_eq!(
///     Access::Denied(RestrictionReason::ExternalDirectoryScim).to_string(),
///     "denied: the account is managed by a SCIM identity provider: make the change there"
/// );
/// ```
impl std::fmt::Display for Access {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Access::Allowed => f.write_str("allowed"),
            Access::NotReported => f.write_str("not reported by the server"),
            Access::Denied(RestrictionReason::Unknown(key)) if key.is_empty() => {
                f.write_str("denied: no reason given")
            }
            Access::Denied(RestrictionReason::Unknown(key)) => write!(f, "denied: reason `{key}`"),
            Access::Denied(reason) => write!(f, "denied: {}", reason.explanation()),
        }
    }
}

impl Permissions {
    /// The entry for `privilege`, if reported.
    pub fn get(&self, privilege: &Privilege) -> Option<&PermissionEntry> {
        self.entries.get(privilege.as_str())
    }

    /// May I use `privilege`? For a per-field privilege, it is granted when at least one field
    /// is, and refused with the first field's reason when none is.
    pub fn check(&self, privilege: Privilege) -> Access {
        match self.get(&privilege) {
            None | Some(PermissionEntry::Other(_)) => Access::NotReported,
            Some(PermissionEntry::Rule(rule)) => rule.access(),
            Some(PermissionEntry::Fields(fields)) => {
                if fields.values().any(|rule| rule.allowed) {
                    Access::Allowed
                } else {
                    fields.values().next().map_or(Access::NotReported, Rule::access)
                }
            }
        }
    }

    /// May I change `field` (a JSON path like `extended_profile.job_title`)? Reads
    /// `profile.write`, falling back to the deprecated `profile`.
    pub fn check_field(&self, field: &str) -> Access {
        let fields =
            [Privilege::ProfileWrite, Privilege::Profile].into_iter().find_map(|p| match self.get(&p) {
                Some(PermissionEntry::Fields(fields)) => Some(fields),
                _ => None,
            });
        fields.and_then(|f| f.get(field)).map_or(Access::NotReported, Rule::access)
    }
}
