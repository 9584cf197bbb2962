//! One error type, organised by the stage that failed.
//!
//! | variant | stage | was the request applied? |
//! |---|---|---|
//! | [`Error::Build`] | building the request | no: nothing was sent |
//! | [`Error::Transport`] | sending / receiving | maybe (see [`TransportErrorKind::request_not_sent`]) |
//! | [`Error::Api`] | the server said no (non-2xx) | no, as far as the server says |
//! | [`Error::RateLimited`] | still 429 after the retries allowed | no |
//! | [`Error::Decode`] | reading a 2xx body | **yes** |
//! | [`Error::Paging`] | walking pages: the server broke paging | reads only; earlier pages were valid |

use std::fmt;
use std::time::Duration;

use admin_models::IdError;
use admin_models::oauth::OAuthError;
use admin_models::org::{AdminErrorCode, ApplicationError, ApplicationErrors, ProxyError};
use admin_models::scim::attribute_path::PathError;
use admin_models::scim::{Failure, ScimError, ScimType};
use admin_models::user_management::{ErrorKey, ErrorResponse, ValidationError};
use admin_transport::{Method, StatusCode, TransportError, TransportErrorKind};

/// Everything that can go wrong with a call.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The request was not sent: an input or the client's configuration is invalid.
    #[error("request not sent: {0}")]
    Build(#[from] BuildError),
    /// No complete response arrived. The request **may have been applied** unless
    /// [`TransportErrorKind::request_not_sent`] says otherwise.
    #[error(transparent)]
    Transport(#[from] TransportError),
    /// The server answered with an error status; its body is parsed into [`ApiError::body`].
    #[error(transparent)]
    Api(Box<ApiError>),
    /// The server kept answering 429 Too Many Requests until the retry policy gave up.
    /// [`ApiError::retry_after`] says how long the server asked to wait.
    #[error("rate limited: {0}; {wait}", wait = .0.wait_advice())]
    RateLimited(Box<ApiError>),
    /// The server answered with success but the body could not be read. The request **was
    /// applied**.
    #[error(transparent)]
    Decode(Box<DecodeError>),
    /// While walking a list, the server broke pagination (it repeated a page, or its
    /// `totalResults` kept running ahead), so the walk stopped instead of looping forever. The
    /// items handed out before were valid.
    #[error("{path_template}: {source}")]
    Paging {
        /// The list's path template, e.g. `/scim/directory/{directoryId}/Users`.
        path_template: &'static str,
        /// What the server did.
        source: crate::plan::scim::PagingError,
    },
}

impl Error {
    /// The API error, for both [`Error::Api`] and [`Error::RateLimited`].
    pub fn api_error(&self) -> Option<&ApiError> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e),
            _ => None,
        }
    }

    /// The HTTP status, when the server answered — also for a [`Error::Transport`] whose
    /// response head arrived before its body failed ([`TransportError::status`], e.g. a `500`
    /// whose body was larger than the cap).
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(e) | Error::RateLimited(e) => Some(e.status),
            Error::Decode(e) => Some(e.status),
            Error::Transport(e) => e.status(),
            _ => None,
        }
    }

    /// Whether the server said the resource (account, user, group, directory) does not exist.
    pub fn is_not_found(&self) -> bool {
        self.status() == Some(StatusCode::NOT_FOUND) && self.api_error().is_some()
    }

    /// Whether the server refused because the resource already exists (409 Conflict, e.g. a
    /// SCIM user name or group name that is taken).
    pub fn is_conflict(&self) -> bool {
        self.status() == Some(StatusCode::CONFLICT) && self.api_error().is_some()
    }

    /// The Organizations API's `ADMIN-xxx` code, when the server sent one
    /// ([`ApiError::admin_code`]).
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// # let org = admin_api::blocking::OrgService::from_env()?;
    /// # let account = admin_api::models::AccountId::new("5b10ac8d82e05b22cc7d4ef5")?;
    /// match org.users().restore(&account) {
    ///     Err(error) if error.admin_code().is_some_and(|c| c.is_license_problem()) => {
    ///         eprintln!("no licence left: {error}");
    ///     }
    ///     other => other?,
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    pub fn admin_code(&self) -> Option<&AdminErrorCode> {
        self.api_error().and_then(ApiError::admin_code)
    }

    /// Adds `earlier` attempts made before this error's request was sent again (the SCIM
    /// service account's retry with a fresh token after a 401) to [`ApiError::attempts`].
    pub(crate) fn with_earlier_attempts(mut self, earlier: u32) -> Self {
        if let Error::Api(e) | Error::RateLimited(e) = &mut self {
            e.attempts = e.attempts.saturating_add(earlier);
        }
        self
    }

    /// Whether this is [`Error::RateLimited`].
    pub fn is_rate_limited(&self) -> bool {
        matches!(self, Error::RateLimited(_))
    }
}

/// Why a request could not be built. Nothing was sent.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum BuildError {
    /// An id is not valid.
    #[error(transparent)]
    InvalidId(#[from] IdError),
    /// A value that goes into the URL path is empty.
    #[error("{name} must not be empty")]
    EmptyPathSegment {
        /// The parameter, e.g. `account_id`.
        name: &'static str,
    },
    /// A value that goes into the URL path is `.` or `..`, which URL normalisation would turn
    /// into a different path.
    #[error("{name} must not be `.` or `..`")]
    DotPathSegment {
        /// The parameter.
        name: &'static str,
    },
    /// A value that goes into the URL path (an id) is longer than
    /// [`MAX_PATH_SEGMENT_BYTES`](crate::plan::MAX_PATH_SEGMENT_BYTES), or the whole request
    /// target (`name` = `"request target"`) longer than
    /// [`MAX_REQUEST_TARGET_BYTES`](crate::plan::MAX_REQUEST_TARGET_BYTES).
    #[error("{name} is {len} bytes long; the limit is {limit} bytes")]
    TooLong {
        /// The parameter, e.g. `userId`, or `request target` for the path and query together.
        name: &'static str,
        /// Its length in bytes (percent-encoded for the request target).
        len: usize,
        /// The limit.
        limit: usize,
    },
    /// An input breaks a limit the API documents.
    #[error(transparent)]
    Validation(#[from] ValidationError),
    /// A SCIM attribute or PATCH path does not follow RFC 7644's grammar (§3.10, §3.5.2).
    #[error(transparent)]
    InvalidPath(#[from] PathError),
    /// A list input has more values than the API accepts (e.g. `accountIds` ≤ 10).
    #[error("{field} has {given} values; at most {max} are allowed")]
    TooManyValues {
        /// The field, as on the wire (`accountIds`).
        field: &'static str,
        /// The most values allowed.
        max: usize,
        /// The values given.
        given: usize,
    },
    /// A number is outside the range the API accepts (e.g. `limit` 1–100).
    #[error("{field} is {value}; it must be between {min} and {max}")]
    OutOfRange {
        /// The field, as on the wire (`limit`).
        field: &'static str,
        /// The value given.
        value: u64,
        /// The smallest value allowed.
        min: u64,
        /// The largest value allowed.
        max: u64,
    },
    /// Two inputs the API refuses together (e.g. `emails` and `searchTerm`).
    #[error("{first} and {second} cannot be used together")]
    MutuallyExclusive {
        /// One field, as on the wire.
        first: &'static str,
        /// The other.
        second: &'static str,
    },
    /// Two or more inputs cannot be used together, or an input is meaningless.
    #[error("invalid argument: {0}")]
    InvalidArgument(String),
    /// A saved checkpoint cannot resume this call: it belongs to another org, was written in
    /// another format version, or holds a time out of range. Checked before anything is sent.
    #[error("the checkpoint cannot resume {path_template}: {reason}")]
    InvalidCheckpoint {
        /// The path the checkpoint was for, e.g. `/admin/v1/orgs/{orgId}/events-stream`.
        path_template: &'static str,
        /// What does not match (the checkpoint's org and this one, the version).
        reason: String,
    },
    /// The request body could not be serialized.
    #[error("could not serialize the request body: {0}")]
    Serialize(#[source] serde_json::Error),
    /// The base URL cannot be parsed or cannot carry API paths.
    #[error("invalid base URL {url:?}: {reason}")]
    InvalidBaseUrl {
        /// The URL given, with any userinfo, query and fragment replaced by `[redacted]`.
        url: String,
        /// What is wrong with it.
        reason: String,
    },
    /// The base URL is plain `http://` on a host that is not loopback; credentials would travel
    /// unencrypted. Allow it explicitly with `allow_insecure_http(true)`.
    #[error(
        "refusing plain http:// for non-loopback host in {url:?} (use https, or allow_insecure_http(true))"
    )]
    InsecureBaseUrl {
        /// The URL given, with any userinfo, query and fragment replaced by `[redacted]`.
        url: String,
    },
    /// A required environment variable is unset or empty.
    #[error("environment variable {name} is not set")]
    MissingEnvVar {
        /// The variable.
        name: &'static str,
    },
    /// An environment variable has an unusable value.
    #[error("environment variable {name} is invalid: {reason}")]
    InvalidEnvVar {
        /// The variable.
        name: &'static str,
        /// What is wrong with it (never the value of a secret).
        reason: String,
    },
    /// An API key cannot be used.
    #[error("the {kind} cannot be used: {reason}")]
    InvalidCredential {
        /// Which key.
        kind: &'static str,
        /// What is wrong with it (never the key).
        reason: &'static str,
    },
    /// No HTTP backend was given and the feature providing a default is off.
    #[error("no HTTP backend: call .backend(…) or enable the `{feature}` feature")]
    NoBackend {
        /// The feature that provides a default backend for this facade.
        feature: &'static str,
    },
    /// The default backend could not be created.
    #[error("could not create the HTTP backend: {0}")]
    Backend(#[source] TransportError),
}

/// The parsed body of an error response.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum ApiErrorBody {
    /// User management's `{key, context?}`.
    UserManagement(ErrorResponse),
    /// A SCIM `Error` (`status`, `scimType`, `detail`).
    Scim(ScimError),
    /// Atlassian's 401/403 body on the SCIM API: `{error, traceId}`.
    ScimFailure(Failure),
    /// An OAuth 2.0 token endpoint's error (RFC 6749 §5.2 `{error, error_description}`), when
    /// a [`ScimServiceAccount`](crate::ScimServiceAccount) could not get a token, e.g. for a
    /// wrong client secret.
    OAuth(OAuthError),
    /// The Organizations API gateway's `{code, message}` (401, 429).
    OrgGateway(ProxyError),
    /// The Organizations API's `{errors: [{id, status, code, title, detail}]}`; see
    /// [`ApiError::admin_code`].
    OrgApplication(ApplicationErrors),
    /// Empty, not JSON, or an unknown shape; see [`ApiError::raw`].
    Unrecognized,
}

/// What the `X-RateLimit-*` headers said.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct RateLimitInfo {
    /// `X-RateLimit-Limit`: requests allowed in the window.
    pub limit: Option<u64>,
    /// `X-RateLimit-Remaining`: requests left in the window.
    pub remaining: Option<u64>,
    /// `X-RateLimit-Reset`, as sent (an ISO 8601 timestamp on Atlassian).
    pub reset: Option<String>,
}

/// An error response from the server.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub struct ApiError {
    /// The request's method.
    pub method: Method,
    /// The request's path template, e.g. `/users/{account_id}/manage/profile`.
    pub path_template: &'static str,
    /// The status.
    pub status: StatusCode,
    /// The parsed body.
    pub body: ApiErrorBody,
    /// The body as received (lossy UTF-8), so nothing is hidden by parsing — except the
    /// caller's key, which is replaced by `[redacted]` wherever the server echoed it (here, in
    /// [`body`](Self::body) and in every other field).
    pub raw: String,
    /// How long the server asked to wait: `Retry-After`, else the time until
    /// `X-RateLimit-Reset`, when that is a wait in the future and credible (at most
    /// [`ApiError::MAX_CREDIBLE_WAIT`]). When the retries stopped because this was longer than
    /// the policy allows, it is the reason. `None` for no hint, a past/zero/unreadable one, and an
    /// absurd one (longer than [`MAX_CREDIBLE_WAIT`](Self::MAX_CREDIBLE_WAIT), or too large to
    /// represent): [`retry_hint`](Self::retry_hint) then still shows what the server sent.
    pub retry_after: Option<Duration>,
    /// The header a wait was read from, as sent, e.g. `Retry-After: 120` or
    /// `X-RateLimit-Reset: 2024-05-01T12:30Z` — also when the wait was absurd and
    /// [`retry_after`](Self::retry_after) is `None`.
    pub retry_hint: Option<String>,
    /// The `X-RateLimit-*` headers.
    pub rate_limit: RateLimitInfo,
    /// A request id for support: the SCIM `traceId`, or an `X-Request-Id`/`ATL-TraceId` header.
    pub request_id: Option<String>,
    /// How many attempts were made, every retry included (and, for a SCIM service account, the
    /// attempt with a cached token the API refused with 401 before a fresh one was fetched).
    pub attempts: u32,
}

impl ApiError {
    /// The longest wait reported in [`retry_after`](Self::retry_after) (7 days); a longer hint
    /// (a `Retry-After` of 10²⁶ s) is no wait anyone means, and is reported as `None` with the
    /// header kept in [`retry_hint`](Self::retry_hint). The retry policy stops at once for both.
    pub const MAX_CREDIBLE_WAIT: Duration = Duration::from_secs(7 * 24 * 60 * 60);

    /// What to tell a caller about waiting: `retry after N s` (rounded up), or why that is
    /// unknown.
    fn wait_advice(&self) -> String {
        match (self.retry_after, &self.retry_hint) {
            (Some(wait), _) => {
                let seconds = wait.as_secs() + u64::from(wait.subsec_nanos() > 0);
                format!("retry after {seconds} s")
            }
            (None, Some(hint)) => format!("the server's wait hint ({hint}) is not credible; wait is unknown"),
            (None, None) => "the server did not say how long to wait".to_owned(),
        }
    }

    /// The user management error key (`accountNotFound`, `forbidden.action`, …), if any.
    pub fn key(&self) -> Option<&ErrorKey> {
        match &self.body {
            ApiErrorBody::UserManagement(body) => Some(&body.key),
            _ => None,
        }
    }

    /// The SCIM error type (`uniqueness`, `invalidFilter`, …), if any.
    pub fn scim_type(&self) -> Option<&ScimType> {
        match &self.body {
            ApiErrorBody::Scim(body) => body.scim_type.as_ref(),
            _ => None,
        }
    }

    /// The OAuth 2.0 token endpoint's error, when getting a service account's token failed.
    pub fn oauth_error(&self) -> Option<&OAuthError> {
        match &self.body {
            ApiErrorBody::OAuth(body) => Some(body),
            _ => None,
        }
    }

    /// The Organizations API's `ADMIN-xxx` code (of the first error that has one), e.g.
    /// [`AdminErrorCode::LicenseLimitExceeded`]; branch on its predicates
    /// ([`is_license_problem`](AdminErrorCode::is_license_problem),
    /// [`is_group_not_empty`](AdminErrorCode::is_group_not_empty), …).
    pub fn admin_code(&self) -> Option<&AdminErrorCode> {
        match &self.body {
            ApiErrorBody::OrgApplication(body) => body.code(),
            _ => None,
        }
    }

    /// Every Organizations API application error in the body (empty for other bodies).
    pub fn admin_errors(&self) -> &[ApplicationError] {
        match &self.body {
            ApiErrorBody::OrgApplication(body) => &body.errors,
            _ => &[],
        }
    }

    /// A one-line summary of what the server said.
    pub fn message(&self) -> String {
        match &self.body {
            ApiErrorBody::UserManagement(body) => body.key.as_str().to_owned(),
            ApiErrorBody::Scim(body) => {
                let kind = body.scim_type.as_ref().map(|t| format!("{}: ", t.as_str())).unwrap_or_default();
                format!("{kind}{}", body.detail.as_deref().unwrap_or("(no detail)"))
            }
            ApiErrorBody::ScimFailure(body) => body.error.clone().unwrap_or_default(),
            ApiErrorBody::OAuth(body) => match &body.error_description {
                Some(description) => format!("{}: {description}", body.error),
                None => body.error.to_string(),
            },
            ApiErrorBody::OrgGateway(body) => body.message.clone().unwrap_or_default(),
            ApiErrorBody::OrgApplication(body) => body
                .errors
                .iter()
                .map(|e| {
                    let code = e.code.as_ref().map(|c| format!("{c}: ")).unwrap_or_default();
                    let text = e.detail.as_deref().or(e.title.as_deref()).unwrap_or("(no detail)");
                    format!("{code}{text}")
                })
                .collect::<Vec<_>>()
                .join("; "),
            ApiErrorBody::Unrecognized => truncate(&self.raw, 200),
        }
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {} failed with {}", self.method, self.path_template, self.status)?;
        let message = self.message();
        if !message.is_empty() {
            write!(f, ": {message}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

/// A success response whose body could not be decoded. The request was applied.
#[derive(Debug)]
#[non_exhaustive]
pub struct DecodeError {
    /// The request's method.
    pub method: Method,
    /// The request's path template.
    pub path_template: &'static str,
    /// The (successful) status.
    pub status: StatusCode,
    /// The Rust type that was expected.
    pub type_name: &'static str,
    /// Where in the JSON decoding failed (e.g. `account.account_id`), `.` for the root.
    pub path: String,
    /// The response's `Content-Type`, if any.
    pub content_type: Option<String>,
    /// The body as received (lossy UTF-8), with the caller's key replaced by `[redacted]`.
    pub raw: String,
    /// The underlying JSON error (read from the redacted body, so a quoted string never
    /// contains the key).
    pub source: serde_json::Error,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} {} returned {} but its body is not a valid {} (at `{}`): {}",
            self.method, self.path_template, self.status, self.type_name, self.path, self.source
        )
    }
}

impl std::error::Error for DecodeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

impl From<ApiError> for Error {
    fn from(error: ApiError) -> Self {
        if error.status == StatusCode::TOO_MANY_REQUESTS {
            Error::RateLimited(Box::new(error))
        } else {
            Error::Api(Box::new(error))
        }
    }
}

impl From<DecodeError> for Error {
    fn from(error: DecodeError) -> Self {
        Error::Decode(Box::new(error))
    }
}

impl From<IdError> for Error {
    fn from(error: IdError) -> Self {
        Error::Build(BuildError::InvalidId(error))
    }
}

impl From<PathError> for Error {
    fn from(error: PathError) -> Self {
        Error::Build(BuildError::InvalidPath(error))
    }
}

impl From<ValidationError> for Error {
    fn from(error: ValidationError) -> Self {
        Error::Build(BuildError::Validation(error))
    }
}

pub(crate) fn redirect_error(status: StatusCode, location: Option<&str>) -> TransportError {
    let target = location.map(|l| format!(" to {}", super::config::shown_url(l))).unwrap_or_default();
    TransportError::new(
        TransportErrorKind::Redirect,
        format!(
            "the server answered {status} (redirect{target}); redirects are not followed so credentials never leave the configured host"
        ),
    )
}

fn truncate(text: &str, max_chars: usize) -> String {
    match text.char_indices().nth(max_chars) {
        Some((index, _)) => format!("{}…", &text[..index]),
        None => text.to_owned(),
    }
}
