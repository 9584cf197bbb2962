//! The two kinds of API key, as distinct types.
//!
//! User management takes the **organization admin API key** ([`AdminApiKey`]); user provisioning
//! takes a **directory SCIM API key** bound to its directory ([`ScimApiKey`]). Passing one where
//! the other is expected does not compile:
//!
//! ```compile_fail
//! use admin_api::{AdminApiKey, ScimApiKey};
//! fn provision(_key: ScimApiKey) {}
//! provision(AdminApiKey::new("org-admin-key").unwrap()); // error: expected `ScimApiKey`
//! ```
//!
//! Keys are secrets: `Debug` prints `[redacted]`, no error message contains them, and the
//! `Authorization` header built from them is marked sensitive.

use std::fmt;

use admin_models::DirectoryId;
use admin_transport::HeaderValue;

use super::env::{ADMIN_TOKEN_VAR, SCIM_API_KEY_VAR, SCIM_DIRECTORY_ID_VAR, required_var};
use super::error::{BuildError, Error};

/// A bearer secret, kept only as a ready, sensitive `Authorization` header value.
#[derive(Clone)]
pub(crate) struct BearerSecret(HeaderValue);

impl BearerSecret {
    fn new(kind: &'static str, key: &str) -> Result<Self, BuildError> {
        if key.trim().is_empty() {
            return Err(BuildError::InvalidCredential { kind, reason: "it is empty" });
        }
        if key.chars().any(|c| c.is_whitespace() || c.is_control() || !c.is_ascii()) {
            return Err(BuildError::InvalidCredential {
                kind,
                reason: "it contains whitespace, control or non-ASCII characters",
            });
        }
        let mut value = HeaderValue::try_from(format!("Bearer {key}"))
            .map_err(|_| BuildError::InvalidCredential { kind, reason: "it is not a valid header value" })?;
        value.set_sensitive(true);
        Ok(Self(value))
    }

    pub(crate) fn header(&self) -> &HeaderValue {
        &self.0
    }
}

impl fmt::Debug for BearerSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// An organization admin API key, for the user management API (`/users/{account_id}/manage…`).
#[derive(Clone)]
pub struct AdminApiKey(pub(crate) BearerSecret);

impl AdminApiKey {
    /// Wraps a key.
    ///
    /// # Errors
    /// [`BuildError::InvalidCredential`] when the key is empty or contains whitespace or
    /// control characters (the key itself is never part of the message).
    pub fn new(key: impl AsRef<str>) -> Result<Self, BuildError> {
        BearerSecret::new("admin API key", key.as_ref()).map(Self)
    }

    /// Reads the key from `ATLASSIAN_ADMIN_TOKEN`.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`] naming the variable when it is unset or empty.
    pub fn from_env() -> Result<Self, Error> {
        Ok(Self::new(required_var(ADMIN_TOKEN_VAR)?)?)
    }
}

impl fmt::Debug for AdminApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("AdminApiKey([redacted])")
    }
}

/// A directory's SCIM API key, bound to that directory, for the user provisioning API
/// (`/scim/directory/{directoryId}/…`).
#[derive(Clone)]
pub struct ScimApiKey {
    pub(crate) secret: BearerSecret,
    directory_id: DirectoryId,
}

impl ScimApiKey {
    /// Wraps a key and the directory it belongs to.
    ///
    /// # Errors
    /// [`BuildError::InvalidCredential`] when the key is empty or contains whitespace or
    /// control characters.
    pub fn new(key: impl AsRef<str>, directory_id: DirectoryId) -> Result<Self, BuildError> {
        Ok(Self { secret: BearerSecret::new("SCIM API key", key.as_ref())?, directory_id })
    }

    /// Reads the key from `ATLASSIAN_SCIM_API_KEY` and the directory from
    /// `ATLASSIAN_SCIM_DIRECTORY_ID`.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`] naming the first variable that is unset or empty, or
    /// [`BuildError::InvalidEnvVar`] when the directory id is invalid.
    pub fn from_env() -> Result<Self, Error> {
        let key = required_var(SCIM_API_KEY_VAR)?;
        let directory = required_var(SCIM_DIRECTORY_ID_VAR)?;
        let directory_id = DirectoryId::new(directory)
            .map_err(|e| BuildError::InvalidEnvVar { name: SCIM_DIRECTORY_ID_VAR, reason: e.to_string() })?;
        Ok(Self::new(key, directory_id)?)
    }

    /// The directory this key belongs to.
    pub fn directory_id(&self) -> &DirectoryId {
        &self.directory_id
    }
}

impl fmt::Debug for ScimApiKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScimApiKey")
            .field("key", &"[redacted]")
            .field("directory_id", &self.directory_id)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_redacts_both_kinds_of_key() {
        let admin = AdminApiKey::new("t0ps3cret").unwrap();
        let scim = ScimApiKey::new("sc1mk3y", DirectoryId::new("dir-1").unwrap()).unwrap();
        let shown = format!("{admin:?} {scim:?}");
        assert!(!shown.contains("t0ps3cret") && !shown.contains("sc1mk3y"), "{shown}");
        assert!(shown.contains("dir-1"));
    }

    #[test]
    fn the_authorization_header_is_bearer_and_sensitive() {
        let key = AdminApiKey::new("abc").unwrap();
        assert_eq!(key.0.header(), "Bearer abc");
        assert!(key.0.header().is_sensitive());
    }

    #[test]
    fn empty_or_spaced_keys_are_refused_without_echoing_them() {
        let err = AdminApiKey::new("  ").unwrap_err().to_string();
        assert!(err.contains("admin API key"), "{err}");
        let err = AdminApiKey::new("abc def").unwrap_err().to_string();
        assert!(!err.contains("abc def"), "{err}");
    }
}
