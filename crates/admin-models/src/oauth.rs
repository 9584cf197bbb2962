//! OAuth 2.0 token endpoint errors (RFC 6749 §5.2), as a service account's token request gets
//! them.

use serde::{Deserialize, Serialize};

/// An OAuth 2.0 error answer from a token endpoint, e.g. for a wrong client secret:
/// `401 {"error": "access_denied", "error_description": "Unauthorized"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct OAuthError {
    /// The error code.
    pub error: OAuthErrorCode,
    /// A human-readable description, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_description: Option<String>,
    /// An `error_uri`, when sent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_uri: Option<String>,
}

string_enum! {
    /// An RFC 6749 §5.2 error code; unknown codes are kept as sent.
    OAuthErrorCode {
        /// `invalid_request`: a parameter is missing, repeated or malformed.
        InvalidRequest = "invalid_request",
        /// `invalid_client`: unknown client or wrong secret.
        InvalidClient = "invalid_client",
        /// `invalid_grant`.
        InvalidGrant = "invalid_grant",
        /// `unauthorized_client`: the client may not use this grant type.
        UnauthorizedClient = "unauthorized_client",
        /// `unsupported_grant_type`.
        UnsupportedGrantType = "unsupported_grant_type",
        /// `invalid_scope`.
        InvalidScope = "invalid_scope",
        /// `access_denied` (Atlassian's answer to a wrong client id or secret).
        AccessDenied = "access_denied",
    }
}

impl OAuthErrorCode {
    /// Whether the client credentials themselves were refused (`invalid_client`,
    /// `unauthorized_client` or `access_denied`): fetching again will not help.
    pub fn is_credential_error(&self) -> bool {
        matches!(
            self,
            OAuthErrorCode::InvalidClient | OAuthErrorCode::UnauthorizedClient | OAuthErrorCode::AccessDenied
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_and_unknown_codes_decode() {
        let body: OAuthError =
            serde_json::from_str(r#"{"error":"access_denied","error_description":"Unauthorized"}"#).unwrap();
        assert_eq!(body.error, OAuthErrorCode::AccessDenied);
        assert!(body.error.is_credential_error());
        let body: OAuthError = serde_json::from_str(r#"{"error":"slow_down"}"#).unwrap();
        assert_eq!(body.error, OAuthErrorCode::Unknown("slow_down".into()));
        assert!(!body.error.is_credential_error());
    }
}
