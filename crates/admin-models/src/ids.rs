//! Typed identifiers.
//!
//! Each kind of id is its own type, so one kind cannot be passed where another is expected:
//!
//! ```compile_fail
//! use admin_models::{AccountId, ScimUserId};
//! fn deactivate(_user: &ScimUserId) {}
//! let account = AccountId::new("557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0").unwrap();
//! deactivate(&account); // error: expected `ScimUserId`, found `AccountId`
//! ```
//!
//! Constructors validate what the API documents; decoding a response is lenient and accepts any
//! string the server sends (the client still refuses an empty id before placing it in a path).

/// Why a string is not a valid id.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum IdError {
    /// The id is empty.
    Empty {
        /// The kind of id, e.g. `AccountId`.
        kind: &'static str,
    },
    /// The id is longer than the API allows.
    TooLong {
        /// The kind of id.
        kind: &'static str,
        /// The largest length allowed, in characters.
        max: usize,
        /// The length given.
        len: usize,
    },
    /// The id contains a character the API does not allow.
    InvalidCharacter {
        /// The kind of id.
        kind: &'static str,
        /// The first offending character.
        character: char,
        /// Its character index in the id.
        index: usize,
    },
}

impl std::fmt::Display for IdError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            IdError::Empty { kind } => write!(f, "{kind} must not be empty"),
            IdError::TooLong { kind, max, len } => {
                write!(f, "{kind} is {len} characters long; at most {max} are allowed")
            }
            IdError::InvalidCharacter { kind, character, index } => {
                write!(
                    f,
                    "{kind} contains the character {character:?} at index {index}, which is not allowed"
                )
            }
        }
    }
}

impl std::error::Error for IdError {}

/// The rules an id kind's constructor checks.
pub(crate) struct Rules {
    pub(crate) kind: &'static str,
    pub(crate) max_len: Option<usize>,
    pub(crate) allowed: fn(char) -> bool,
}

impl Rules {
    pub(crate) fn check(&self, value: &str) -> Result<(), IdError> {
        let kind = self.kind;
        if value.is_empty() {
            return Err(IdError::Empty { kind });
        }
        if let Some((index, character)) = value.chars().enumerate().find(|(_, c)| !(self.allowed)(*c)) {
            return Err(IdError::InvalidCharacter { kind, character, index });
        }
        if let Some(max) = self.max_len {
            let len = value.chars().count();
            if len > max {
                return Err(IdError::TooLong { kind, max, len });
            }
        }
        Ok(())
    }
}

pub(crate) fn not_control(c: char) -> bool {
    !c.is_control()
}

/// Characters of an Atlassian account id: `[a-zA-Z0-9_|:-]`.
fn account_id_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '_' | '|' | ':' | '-')
}

/// Defines a typed id: a validated `String` newtype, transparent on the wire. Used here and by
/// [`crate::org`].
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident, $rules:expr) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            const RULES: $crate::ids::Rules = $rules;

            /// Validates and wraps an id.
            ///
            /// # Errors
            /// [`IdError`](crate::IdError) when the id is empty or breaks a documented limit.
            pub fn new(value: impl Into<String>) -> Result<Self, $crate::ids::IdError> {
                let value = value.into();
                Self::RULES.check(&value)?;
                Ok(Self(value))
            }

            /// The id as a string slice.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id as an owned string.
            pub fn into_string(self) -> String {
                self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl std::fmt::Debug for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                write!(f, "{}({:?})", stringify!($name), self.0)
            }
        }

        impl AsRef<str> for $name {
            fn as_ref(&self) -> &str {
                &self.0
            }
        }

        impl std::str::FromStr for $name {
            type Err = $crate::ids::IdError;
            fn from_str(s: &str) -> Result<Self, $crate::ids::IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<String> for $name {
            type Error = $crate::ids::IdError;
            fn try_from(s: String) -> Result<Self, $crate::ids::IdError> {
                Self::new(s)
            }
        }

        impl TryFrom<&str> for $name {
            type Error = $crate::ids::IdError;
            fn try_from(s: &str) -> Result<Self, $crate::ids::IdError> {
                Self::new(s)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

id_type!(
    /// An Atlassian account id, e.g. `557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0` or
    /// `5b10ac8d82e05b22cc7d4ef5`: 1 to 128 characters of `[a-zA-Z0-9_|:-]`.
    AccountId,
    Rules { kind: "AccountId", max_len: Some(128), allowed: account_id_char }
);

id_type!(
    /// The id of an identity-provider directory (the `{directoryId}` of the SCIM API).
    DirectoryId,
    Rules { kind: "DirectoryId", max_len: None, allowed: not_control }
);

id_type!(
    /// The SCIM `id` of a provisioned user (not the Atlassian account id).
    ScimUserId,
    Rules { kind: "ScimUserId", max_len: None, allowed: not_control }
);

id_type!(
    /// The SCIM `id` of a group.
    GroupId,
    Rules { kind: "GroupId", max_len: None, allowed: not_control }
);

id_type!(
    /// The id of a user's API token.
    ApiTokenId,
    Rules { kind: "ApiTokenId", max_len: None, allowed: not_control }
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_ids_in_both_real_formats_are_accepted() {
        assert!(AccountId::new("557057:4f9acfd2-6155-419b-8de5-5b5cf27a59a0").is_ok());
        assert!(AccountId::new("5b10ac8d82e05b22cc7d4ef5").is_ok());
        assert!(AccountId::new("a|b_c").is_ok());
    }

    #[test]
    fn account_id_limits_are_enforced() {
        assert_eq!(AccountId::new(""), Err(IdError::Empty { kind: "AccountId" }));
        assert_eq!(
            AccountId::new("a".repeat(129)),
            Err(IdError::TooLong { kind: "AccountId", max: 128, len: 129 })
        );
        assert_eq!(
            AccountId::new("ab/c"),
            Err(IdError::InvalidCharacter { kind: "AccountId", character: '/', index: 2 })
        );
        assert!(AccountId::new("a".repeat(128)).is_ok());
    }

    #[test]
    fn other_ids_reject_only_empty_and_control_characters() {
        assert!(ScimUserId::new("a/b ?#%..").is_ok());
        assert!(GroupId::new("").is_err());
        assert!(DirectoryId::new("dir\n").is_err());
    }

    #[test]
    fn ids_are_transparent_strings_on_the_wire() {
        let id = GroupId::new("g-1").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), r#""g-1""#);
        let back: GroupId = serde_json::from_str(r#""g-1""#).unwrap();
        assert_eq!(back, id);
        assert_eq!(id.to_string(), "g-1");
    }
}

#[cfg(test)]
mod at_the_root {
    /// Every id is importable from the crate root; the Organizations API's stay at `org::` too
    /// (same types, so code using either path interoperates).
    #[test]
    fn org_ids_are_at_the_root_and_in_org() {
        let root: crate::OrgId = crate::org::OrgId::new("org-1").unwrap();
        let directory: crate::OrgDirectoryId = crate::org::OrgDirectoryId::new("dir-1").unwrap();
        let group: crate::OrgGroupId = crate::org::OrgGroupId::new("g-1").unwrap();
        let role: crate::RoleId = crate::org::RoleId::new("atlassian/user").unwrap();
        let resource: crate::ResourceId = crate::org::ResourceId::new("ari:cloud:jira::site/1").unwrap();
        let policy: crate::PolicyId = crate::org::PolicyId::new("p-1").unwrap();
        let event: crate::EventId = crate::org::EventId::new("e-1").unwrap();
        let workspace: crate::WorkspaceId = crate::org::WorkspaceId::new("w-1").unwrap();
        let domain: crate::DomainId = crate::org::DomainId::new("d-1").unwrap();
        assert_eq!(root.as_str(), "org-1");
        let _ = (directory, group, role, resource, policy, event, workspace, domain);
    }
}
