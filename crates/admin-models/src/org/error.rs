//! The Organizations API's two error bodies and its `ADMIN-xxx` codes.
//!
//! * [`ProxyError`] `{code, message}`: the API gateway (401 without a valid key, 429).
//! * [`ApplicationErrors`] `{errors: [{id, status, code, title, detail}]}`: the service itself;
//!   `code` is an [`AdminErrorCode`] such as `ADMIN-409-3`.

use crate::Extra;
use serde::{Deserialize, Serialize};
use serde_json::Value;

string_enum!(
    /// An application error code (`ApplicationError.code`). Documented codes have named
    /// variants; any other code decodes as `Unknown` and keeps its text.
    ///
    /// ```
    /// use admin_models::org::AdminErrorCode;
    /// let code = AdminErrorCode::from("ADMIN-409-3");
    /// assert_eq!(code, AdminErrorCode::LicenseLimitExceeded);
    /// assert!(code.is_license_problem());
    /// assert_eq!(AdminErrorCode::from("ADMIN-404-77").http_status(), Some(404));
    /// assert!(AdminErrorCode::from("ADMIN-404-77").is_not_found());
    /// ```
    AdminErrorCode {
        /// `ADMIN-400-1`: the page cursor is invalid (expired, or from another query).
        InvalidPageCursor = "ADMIN-400-1",
        /// `ADMIN-400-2`: invalid domain identifier.
        InvalidDomainId = "ADMIN-400-2",
        /// `ADMIN-400-3`: invalid time or date.
        InvalidTimeDate = "ADMIN-400-3",
        /// `ADMIN-400-4`: invalid resource.
        InvalidResource = "ADMIN-400-4",
        /// `ADMIN-400-24`: invalid request body.
        InvalidRequestBody = "ADMIN-400-24",
        /// `ADMIN-400-32`: too many licence breaches (restoring access would exceed licences).
        TooManyLicenseBreaches = "ADMIN-400-32",
        /// `ADMIN-401-2`: not authenticated (missing or invalid key).
        Unauthenticated = "ADMIN-401-2",
        /// `ADMIN-403-3`: not allowed to manage the organization.
        NotAllowedToManageOrg = "ADMIN-403-3",
        /// `ADMIN-403-5`: not allowed to manage the group.
        NotAllowedToManageGroup = "ADMIN-403-5",
        /// `ADMIN-403-6`: a group with the default-role attribute cannot be deleted.
        DefaultRoleGroupNotDeletable = "ADMIN-403-6",
        /// `ADMIN-403-7`: a group granting admin access to a product or the org cannot be deleted.
        AdminGroupNotDeletable = "ADMIN-403-7",
        /// `ADMIN-404-1`: unknown resource.
        UnknownResource = "ADMIN-404-1",
        /// `ADMIN-404-2`: organization not found.
        OrgNotFound = "ADMIN-404-2",
        /// `ADMIN-404-3`: domain not found.
        DomainNotFound = "ADMIN-404-3",
        /// `ADMIN-404-4`: event not found.
        EventNotFound = "ADMIN-404-4",
        /// `ADMIN-404-5`: policy not found.
        PolicyNotFound = "ADMIN-404-5",
        /// `ADMIN-404-8`: user not found.
        UserNotFound = "ADMIN-404-8",
        /// `ADMIN-404-10`: group not found.
        GroupNotFound = "ADMIN-404-10",
        /// `ADMIN-405-1`: method not supported.
        MethodNotSupported = "ADMIN-405-1",
        /// `ADMIN-409-3`: licence limit exceeded.
        LicenseLimitExceeded = "ADMIN-409-3",
        /// `ADMIN-409-5`: the group is not empty.
        GroupNotEmpty = "ADMIN-409-5",
        /// `ADMIN-409-28`: conflict.
        Conflict = "ADMIN-409-28",
        /// `ADMIN-429-1`: rate limit exceeded.
        RateLimited = "ADMIN-429-1",
        /// `ADMIN-500-1`: internal error.
        InternalError = "ADMIN-500-1",
    }
);

impl AdminErrorCode {
    /// The HTTP status inside the code (`ADMIN-409-3` → 409), for known and unknown codes.
    pub fn http_status(&self) -> Option<u16> {
        self.as_str().strip_prefix("ADMIN-")?.split('-').next()?.parse().ok()
    }

    /// `ADMIN-409-3`: a licence limit stops the change (e.g. restoring access).
    pub fn is_license_limit(&self) -> bool {
        *self == AdminErrorCode::LicenseLimitExceeded
    }

    /// `ADMIN-400-32`: too many licence breaches.
    pub fn is_too_many_license_breaches(&self) -> bool {
        *self == AdminErrorCode::TooManyLicenseBreaches
    }

    /// Either licence code: free seats (or raise the limit) and try again.
    pub fn is_license_problem(&self) -> bool {
        self.is_license_limit() || self.is_too_many_license_breaches()
    }

    /// `ADMIN-409-5`: the group still has members.
    pub fn is_group_not_empty(&self) -> bool {
        *self == AdminErrorCode::GroupNotEmpty
    }

    /// `ADMIN-400-1`: the cursor is invalid; start the walk again without it.
    pub fn is_invalid_cursor(&self) -> bool {
        *self == AdminErrorCode::InvalidPageCursor
    }

    /// `ADMIN-429-1`: rate limited.
    pub fn is_rate_limited(&self) -> bool {
        *self == AdminErrorCode::RateLimited
    }

    /// Any `ADMIN-404-…` code: the org, user, group, … does not exist.
    pub fn is_not_found(&self) -> bool {
        self.http_status() == Some(404)
    }

    /// Any `ADMIN-403-…` code: the key may not do this.
    pub fn is_forbidden(&self) -> bool {
        self.http_status() == Some(403)
    }
}

/// The gateway's error body, `ProxyError`: `{"code": 429, "message": "…"}` (401 and 429).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ProxyError {
    /// The HTTP status, as a number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<serde_json::Number>,
    /// What went wrong.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ProxyError);

impl ProxyError {
    /// `code` as an HTTP status, when it is one.
    pub fn status(&self) -> Option<u16> {
        let code = self.code.as_ref()?;
        code.as_u64().or_else(|| code.as_f64().map(|f| f as u64)).and_then(|n| u16::try_from(n).ok())
    }
}

/// The service's error body, `ApplicationErrors`: `{"errors": [ApplicationError, …]}`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ApplicationErrors {
    /// The errors, usually one.
    #[serde(default)]
    pub errors: Vec<ApplicationError>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ApplicationErrors);

impl ApplicationErrors {
    /// The code of the first error that has one.
    pub fn code(&self) -> Option<&AdminErrorCode> {
        self.errors.iter().find_map(|e| e.code.as_ref())
    }
}

/// One application error.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ApplicationError {
    /// A unique id of this occurrence (quote it to support).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The HTTP status, as a string (`"409"`).
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "string_or_number")]
    pub status: Option<String>,
    /// The application code, e.g. [`AdminErrorCode::LicenseLimitExceeded`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<AdminErrorCode>,
    /// A short summary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    /// What happened this time and what to do about it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ApplicationError);

/// `status` is a string in the spec; a number is accepted too.
fn string_or_number<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    Ok(match Option::<Value>::deserialize(deserializer)? {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(s),
        Some(other) => Some(other.to_string()),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_documented_code_round_trips_and_unknown_codes_survive() {
        for code in AdminErrorCode::ALL {
            assert_eq!(&AdminErrorCode::from(code.as_str()), code);
            assert!(code.http_status().is_some(), "{code}");
        }
        let new: AdminErrorCode = serde_json::from_str(r#""ADMIN-418-1""#).unwrap();
        assert!(new.is_unknown());
        assert_eq!(serde_json::to_string(&new).unwrap(), r#""ADMIN-418-1""#);
        assert_eq!(AdminErrorCode::from("weird").http_status(), None);
    }

    #[test]
    fn predicates_name_what_a_caller_branches_on() {
        assert!(AdminErrorCode::LicenseLimitExceeded.is_license_limit());
        assert!(AdminErrorCode::TooManyLicenseBreaches.is_license_problem());
        assert!(AdminErrorCode::GroupNotEmpty.is_group_not_empty());
        assert!(AdminErrorCode::InvalidPageCursor.is_invalid_cursor());
        assert!(AdminErrorCode::RateLimited.is_rate_limited());
        assert!(AdminErrorCode::GroupNotFound.is_not_found());
        assert!(AdminErrorCode::AdminGroupNotDeletable.is_forbidden());
        assert!(!AdminErrorCode::GroupNotFound.is_forbidden());
    }

    #[test]
    fn proxy_error_status_reads_integer_and_float_codes() {
        let e: ProxyError = serde_json::from_str(r#"{"code":429,"message":"Too many"}"#).unwrap();
        assert_eq!(e.status(), Some(429));
        let e: ProxyError = serde_json::from_str(r#"{"code":401.0}"#).unwrap();
        assert_eq!(e.status(), Some(401));
    }

    #[test]
    fn application_status_may_be_a_number() {
        let e: ApplicationErrors =
            serde_json::from_str(r#"{"errors":[{"status":409,"code":"ADMIN-409-5"}]}"#).unwrap();
        assert_eq!(e.errors[0].status.as_deref(), Some("409"));
        assert_eq!(e.code(), Some(&AdminErrorCode::GroupNotEmpty));
    }
}
