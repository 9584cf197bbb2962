//! Environment variables read by `from_env` constructors.

use super::error::BuildError;

/// The org admin API key for user management.
pub const ADMIN_TOKEN_VAR: &str = "ATLASSIAN_ADMIN_TOKEN";
/// A directory's SCIM API key.
pub const SCIM_API_KEY_VAR: &str = "ATLASSIAN_SCIM_API_KEY";
/// The directory id the SCIM key belongs to.
pub const SCIM_DIRECTORY_ID_VAR: &str = "ATLASSIAN_SCIM_DIRECTORY_ID";
/// A service account's OAuth 2.0 client id, for SCIM.
pub const SCIM_CLIENT_ID_VAR: &str = "ATLASSIAN_SCIM_CLIENT_ID";
/// A service account's OAuth 2.0 client secret, for SCIM.
pub const SCIM_CLIENT_SECRET_VAR: &str = "ATLASSIAN_SCIM_CLIENT_SECRET";
/// An optional OAuth 2.0 token URL replacing `{base URL}/oauth/token`.
pub const SCIM_TOKEN_URL_VAR: &str = "ATLASSIAN_SCIM_TOKEN_URL";
/// The organization id for the Organizations API.
pub const ORG_ID_VAR: &str = "ATLASSIAN_ORG_ID";
/// An optional base URL replacing `https://api.atlassian.com` (a proxy or a sandbox).
pub const BASE_URL_VAR: &str = "ATLASSIAN_API_BASE_URL";

/// A variable that must be set and non-empty.
pub(crate) fn required_var(name: &'static str) -> Result<String, BuildError> {
    optional_var(name)?.ok_or(BuildError::MissingEnvVar { name })
}

/// A variable that may be unset; set but empty counts as unset.
pub(crate) fn optional_var(name: &'static str) -> Result<Option<String>, BuildError> {
    match std::env::var(name) {
        Ok(value) if value.trim().is_empty() => Ok(None),
        Ok(value) => Ok(Some(value)),
        Err(std::env::VarError::NotPresent) => Ok(None),
        Err(std::env::VarError::NotUnicode(_)) => {
            Err(BuildError::InvalidEnvVar { name, reason: "it is not valid UTF-8".into() })
        }
    }
}
