//! SCIM with a **service account's OAuth 2.0 client credentials** instead of a directory API key.
//!
//! Atlassian lets the SCIM API authenticate with an access token obtained by a service account
//! through the OAuth 2.0 client credentials grant (RFC 6749 §4.4). Sources:
//! - Atlassian Support, "Configure OAuth 2.0 to enable SCIM authentication"
//!   (`support.atlassian.com/organization-administration/docs/configure-oauth-2-0-to-enable-scim-authentication/`):
//!   a service account with the *User Access Admin* role, an OAuth 2.0 credential (client id and
//!   secret), granted to a SCIM directory.
//! - Atlassian Support, "Create OAuth 2.0 credential for service accounts": POST the client id
//!   and secret to the token endpoint, get an access token **valid for 60 minutes**, send it as
//!   `Authorization: Bearer …`. That page names `https://auth.atlassian.com/oauth/token`; the
//!   project's notes (`ORG-API-NOTES.md`, "Credentials") name `https://api.atlassian.com/oauth/token`,
//!   which is the default here; [`ScimServiceAccount::token_url`] sets another one.
//! - RFC 6749 §4.4.2 / §5.1 / §5.2 for the request (`grant_type=client_credentials`,
//!   `client_id`, `client_secret`, form-encoded), the answer (`access_token`, `token_type`,
//!   `expires_in`) and the error body (`error`, `error_description`).
//!
//! The token is fetched on first use, cached (shared by every clone of the credential) until
//! shortly before it expires, and fetched again once when the API answers 401. Neither the
//! secret nor a token is ever logged: `Debug` redacts them, the `Authorization` header is marked
//! sensitive, and a token response that cannot be decoded is reported without its body.

use std::fmt;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use admin_models::DirectoryId;
use admin_models::oauth::OAuthError;
use admin_transport::{Bytes, HeaderValue, HttpRequest, HttpResponse, Method, Url, header};
use serde::Deserialize;

use super::config::{ClientConfig, parse_base_url};
use super::credentials::ScimApiKey;
use super::env::{
    SCIM_CLIENT_ID_VAR, SCIM_CLIENT_SECRET_VAR, SCIM_DIRECTORY_ID_VAR, SCIM_TOKEN_URL_VAR, optional_var,
    required_var,
};
use super::error::{ApiErrorBody, BuildError, DecodeError, Error};
use super::plan::{ApiFamily, RequestPlan};

/// Atlassian's token endpoint for service-account OAuth 2.0 credentials, used when neither
/// [`ScimServiceAccount::token_url`] nor a custom base URL says otherwise.
pub const DEFAULT_TOKEN_URL: &str = "https://api.atlassian.com/oauth/token";

/// The path of the token endpoint below the client's base URL.
const TOKEN_PATH: &str = "/oauth/token";

/// Assumed lifetime of a token whose answer has no `expires_in` (Atlassian documents 60 minutes).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(60 * 60);

/// The longest a token is cached, whatever its `expires_in` says (24 hours): an absurd lifetime
/// (`10**30` seconds) is clamped to it, never refused. A token the API stops accepting sooner is
/// fetched again on its 401 anyway.
pub const MAX_TOKEN_CACHE_LIFETIME: Duration = Duration::from_secs(24 * 60 * 60);

/// How long before its expiry a cached token is replaced: a tenth of its lifetime, at most a
/// minute, so a request never leaves with a token that expires on the way.
const MAX_REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// A SCIM credential: a directory's API key or a service account's OAuth 2.0 client
/// credentials. [`Client::scim`](crate::blocking::Client::scim) takes either (both convert
/// into this); an [`AdminApiKey`](crate::AdminApiKey) does not convert, so it cannot be used
/// for SCIM:
///
/// ```compile_fail
/// use admin_api::{AdminApiKey, ScimCredential};
/// let credential: ScimCredential = AdminApiKey::new("org-admin-key").unwrap().into(); // error
/// ```
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum ScimCredential {
    /// A directory's SCIM API key.
    ApiKey(ScimApiKey),
    /// A service account's OAuth 2.0 client credentials.
    ServiceAccount(ScimServiceAccount),
}

impl ScimCredential {
    /// The directory the credential works on.
    pub fn directory_id(&self) -> &DirectoryId {
        match self {
            ScimCredential::ApiKey(key) => key.directory_id(),
            ScimCredential::ServiceAccount(account) => account.directory_id(),
        }
    }
}

impl From<ScimApiKey> for ScimCredential {
    fn from(key: ScimApiKey) -> Self {
        ScimCredential::ApiKey(key)
    }
}

impl From<ScimServiceAccount> for ScimCredential {
    fn from(account: ScimServiceAccount) -> Self {
        ScimCredential::ServiceAccount(account)
    }
}

/// A service account's OAuth 2.0 client credentials for one SCIM directory.
///
/// Cheap to clone; clones share one token cache. `Debug` shows the client id and directory,
/// never the secret or a token.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// use admin_api::{ScimServiceAccount, blocking::Client, models::DirectoryId};
///
/// let directory = DirectoryId::new("bcdde508-ee40-4df2-89cc-d3f6292c5971")?;
/// let account = ScimServiceAccount::new("client-id", "client-secret", directory)?;
/// let scim = Client::builder().build()?.scim(account);
/// // The first call fetches a token from https://api.atlassian.com/oauth/token.
/// let config = scim.service_provider_config()?;
/// println!("PATCH supported: {}", config.supports_patch());
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Clone)]
pub struct ScimServiceAccount {
    settings: Arc<Settings>,
    cache: Arc<Mutex<Option<CachedToken>>>,
}

#[derive(Clone)]
struct Settings {
    client_id: String,
    client_secret: String,
    /// `scope`, `audience`: sent after the credentials, in the order set.
    extra: Vec<(&'static str, String)>,
    directory_id: DirectoryId,
    token_url: Option<Url>,
}

/// A token and when to stop using it.
#[derive(Clone)]
pub(crate) struct CachedToken {
    pub(crate) header: HeaderValue,
    refresh_at: Instant,
}

impl ScimServiceAccount {
    /// Client credentials of a service account granted to `directory_id`.
    ///
    /// # Errors
    /// [`BuildError::InvalidCredential`] when the id or secret is empty or contains whitespace
    /// or control characters (neither is part of the message).
    pub fn new(
        client_id: impl AsRef<str>,
        client_secret: impl AsRef<str>,
        directory_id: DirectoryId,
    ) -> Result<Self, BuildError> {
        let (client_id, client_secret) = (client_id.as_ref(), client_secret.as_ref());
        check_part("service account client id", client_id)?;
        check_part("service account client secret", client_secret)?;
        Ok(Self::with(Settings {
            client_id: client_id.to_owned(),
            client_secret: client_secret.to_owned(),
            extra: Vec::new(),
            directory_id,
            token_url: None,
        }))
    }

    fn with(settings: Settings) -> Self {
        Self { settings: Arc::new(settings), cache: Arc::new(Mutex::new(None)) }
    }

    fn change(self, change: impl FnOnce(&mut Settings)) -> Self {
        let mut settings = (*self.settings).clone();
        change(&mut settings);
        Self::with(settings)
    }

    /// Reads `ATLASSIAN_SCIM_CLIENT_ID`, `ATLASSIAN_SCIM_CLIENT_SECRET`,
    /// `ATLASSIAN_SCIM_DIRECTORY_ID` and, when set, `ATLASSIAN_SCIM_TOKEN_URL`.
    ///
    /// # Errors
    /// [`BuildError::MissingEnvVar`] naming the first required variable that is unset,
    /// [`BuildError::InvalidEnvVar`] for an unusable directory id or token URL.
    pub fn from_env() -> Result<Self, Error> {
        let client_id = required_var(SCIM_CLIENT_ID_VAR)?;
        let secret = required_var(SCIM_CLIENT_SECRET_VAR)?;
        let directory = required_var(SCIM_DIRECTORY_ID_VAR)?;
        let directory_id = DirectoryId::new(directory)
            .map_err(|e| BuildError::InvalidEnvVar { name: SCIM_DIRECTORY_ID_VAR, reason: e.to_string() })?;
        let account = Self::new(client_id, secret, directory_id)?;
        Ok(match optional_var(SCIM_TOKEN_URL_VAR)? {
            Some(url) => account
                .token_url(&url)
                .map_err(|e| BuildError::InvalidEnvVar { name: SCIM_TOKEN_URL_VAR, reason: e.to_string() })?,
            None => account,
        })
    }

    /// Fetches tokens from `url` instead of the default `{client base URL}/oauth/token` (which
    /// is [`DEFAULT_TOKEN_URL`] for the default base URL). `https://` is required except on a
    /// loopback host.
    ///
    /// # Errors
    /// [`BuildError::InvalidBaseUrl`] / [`BuildError::InsecureBaseUrl`] for an unusable URL.
    pub fn token_url(self, url: &str) -> Result<Self, BuildError> {
        let url = parse_base_url(url, false)?;
        Ok(self.change(|s| s.token_url = Some(url)))
    }

    /// Asks for these scopes (space-separated `scope` in the token request). By default none
    /// is sent and the credential's own scopes apply.
    ///
    /// # Errors
    /// [`BuildError::InvalidArgument`] for an empty scope.
    pub fn scope(self, scope: &str) -> Result<Self, BuildError> {
        self.extra_parameter("scope", scope)
    }

    /// Sends `audience` in the token request (e.g. `api.atlassian.com`, for a token endpoint
    /// that asks for one). By default none is sent.
    ///
    /// # Errors
    /// [`BuildError::InvalidArgument`] for an empty audience.
    pub fn audience(self, audience: &str) -> Result<Self, BuildError> {
        self.extra_parameter("audience", audience)
    }

    fn extra_parameter(self, name: &'static str, value: &str) -> Result<Self, BuildError> {
        if value.trim().is_empty() {
            return Err(BuildError::InvalidArgument(format!("the OAuth {name} must not be empty")));
        }
        Ok(self.change(|s| {
            s.extra.retain(|(n, _)| *n != name);
            s.extra.push((name, value.to_owned()));
        }))
    }

    /// The OAuth client id (not a secret).
    pub fn client_id(&self) -> &str {
        &self.settings.client_id
    }

    /// The directory the service account is granted to.
    pub fn directory_id(&self) -> &DirectoryId {
        &self.settings.directory_id
    }

    /// Forgets the cached token, so the next call fetches a new one.
    pub fn clear_token(&self) {
        *self.lock() = None;
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Option<CachedToken>> {
        // The cache holds plain data; a panic elsewhere cannot leave it half-written.
        self.cache.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// The cached token if it is still good at `now`.
    pub(crate) fn cached(&self, now: Instant) -> Option<HeaderValue> {
        self.lock().as_ref().filter(|token| now < token.refresh_at).map(|token| token.header.clone())
    }

    /// Keeps a freshly fetched token.
    pub(crate) fn store(&self, token: CachedToken) {
        *self.lock() = Some(token);
    }

    /// Drops the cached token if it is `rejected` (a newer one fetched meanwhile is kept).
    pub(crate) fn invalidate(&self, rejected: &HeaderValue) {
        let mut cache = self.lock();
        if cache.as_ref().is_some_and(|token| token.header == *rejected) {
            *cache = None;
        }
    }

    /// The token request: `POST {token URL}` with the form-encoded client credentials; the
    /// plan describing it for retries, logs and errors (the plan has no body: it is logged); and
    /// the secret as `Secret <client secret>`, for the client to scrub from the answer should the
    /// endpoint echo it.
    pub(crate) fn token_request(&self, config: &ClientConfig) -> (RequestPlan, HttpRequest, HeaderValue) {
        let settings = &self.settings;
        let url = match &settings.token_url {
            Some(url) => url.clone(),
            None => {
                let mut url = config.base_url().clone();
                url.set_path(&format!("{}{TOKEN_PATH}", config.base_path()));
                url
            }
        };
        let mut form = url::form_urlencoded::Serializer::new(String::new());
        form.append_pair("grant_type", "client_credentials")
            .append_pair("client_id", &settings.client_id)
            .append_pair("client_secret", &settings.client_secret);
        for (name, value) in &settings.extra {
            form.append_pair(name, value);
        }
        let plan = RequestPlan::new(Method::POST, ApiFamily::UserManagement, TOKEN_PATH);
        let mut request = HttpRequest::new(Method::POST, url);
        let headers = &mut request.headers;
        headers.insert(header::USER_AGENT, config.user_agent.clone());
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/x-www-form-urlencoded"));
        request.body = Some(Bytes::from(form.finish()));
        let mut secret = HeaderValue::try_from(format!("Secret {}", settings.client_secret))
            .unwrap_or(HeaderValue::from_static("-"));
        secret.set_sensitive(true);
        (plan, request, secret)
    }
}

fn check_part(kind: &'static str, value: &str) -> Result<(), BuildError> {
    if value.trim().is_empty() {
        return Err(BuildError::InvalidCredential { kind, reason: "it is empty" });
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(BuildError::InvalidCredential {
            kind,
            reason: "it contains whitespace or control characters",
        });
    }
    Ok(())
}

impl fmt::Debug for ScimServiceAccount {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ScimServiceAccount")
            .field("client_id", &self.settings.client_id)
            .field("client_secret", &"[redacted]")
            .field("directory_id", &self.settings.directory_id)
            .field("token_url", &self.settings.token_url.as_ref().map(Url::as_str))
            .finish()
    }
}

/// RFC 6749 §5.1 success body. Private: it holds the token.
#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    token_type: Option<String>,
    /// Any JSON number (or a numeric string): `-100` and `1e30` are read, then bounded by
    /// [`lifetime`].
    #[serde(default)]
    expires_in: Option<serde_json::Value>,
}

/// How long to cache a token whose answer said `expires_in`: the value in seconds, clamped to
/// [`MAX_TOKEN_CACHE_LIFETIME`]; zero (used for this call only, fetched again for the next) for
/// a zero, negative or unreadable value; [`DEFAULT_LIFETIME`] when absent. A usable token is
/// never refused for its `expires_in`.
fn lifetime(expires_in: Option<&serde_json::Value>) -> Duration {
    let seconds = match expires_in {
        None | Some(serde_json::Value::Null) => return DEFAULT_LIFETIME,
        Some(serde_json::Value::Number(n)) => n.as_f64(),
        Some(serde_json::Value::String(s)) => s.trim().parse::<f64>().ok(),
        Some(_) => None,
    };
    match seconds {
        Some(s) if s.is_finite() && s > 0.0 => {
            Duration::try_from_secs_f64(s).unwrap_or(MAX_TOKEN_CACHE_LIFETIME).min(MAX_TOKEN_CACHE_LIFETIME)
        }
        _ => Duration::ZERO,
    }
}

/// Reads a token answer obtained at `fetched_at`.
///
/// A body that is not a token is reported as [`Error::Decode`] **without** its raw text (it may
/// hold a token).
pub(crate) fn decode_token(
    plan: &RequestPlan,
    response: &HttpResponse,
    fetched_at: Instant,
) -> Result<CachedToken, Error> {
    let redacted = |source: serde_json::Error| -> Error {
        DecodeError {
            method: plan.method.clone(),
            path_template: plan.path_template,
            status: response.status,
            type_name: "OAuth 2.0 token response",
            path: ".".to_owned(),
            content_type: response.content_type().map(str::to_owned),
            raw: "[redacted: token endpoint answer]".to_owned(),
            source,
        }
        .into()
    };
    let token: TokenResponse = serde_json::from_slice(&response.body).map_err(redacted)?;
    if token.token_type.as_deref().is_some_and(|t| !t.eq_ignore_ascii_case("bearer")) {
        return Err(redacted(serde::de::Error::custom(format_args!(
            "token_type {:?} is not Bearer",
            token.token_type.unwrap_or_default()
        ))));
    }
    let mut header = HeaderValue::try_from(format!("Bearer {}", token.access_token))
        .map_err(|_| redacted(serde::de::Error::custom("access_token is not a valid header value")))?;
    header.set_sensitive(true);
    let lifetime = lifetime(token.expires_in.as_ref());
    let margin = (lifetime / 10).min(MAX_REFRESH_MARGIN);
    Ok(CachedToken { header, refresh_at: fetched_at + lifetime - margin })
}

/// Turns a failed token request into its typed error: the RFC 6749 §5.2 body
/// (`{error, error_description}`) becomes [`ApiErrorBody::OAuth`].
pub(crate) fn token_error(error: Error) -> Error {
    match error {
        Error::Api(mut api) | Error::RateLimited(mut api) => {
            if let Ok(body) = serde_json::from_str::<OAuthError>(&api.raw) {
                api.body = ApiErrorBody::OAuth(body);
            }
            (*api).into()
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::config::DEFAULT_USER_AGENT;
    use crate::common::retry::RetryPolicy;
    use admin_transport::StatusCode;

    fn account() -> ScimServiceAccount {
        ScimServiceAccount::new("cid-1", "s3cr3t&x=y", DirectoryId::new("dir-1").unwrap()).unwrap()
    }

    fn config(base: &str) -> ClientConfig {
        ClientConfig::new(base, false, DEFAULT_USER_AGENT, RetryPolicy::default()).unwrap()
    }

    fn ok(body: &str) -> HttpResponse {
        HttpResponse::new(StatusCode::OK, body.to_owned())
    }

    #[test]
    fn debug_shows_the_client_id_and_never_the_secret() {
        let shown = format!("{:?}", account());
        assert!(shown.contains("cid-1") && shown.contains("dir-1"), "{shown}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        let shown = format!("{:?}", ScimCredential::from(account()));
        assert!(!shown.contains("s3cr3t"), "{shown}");
    }

    #[test]
    fn the_token_request_is_a_form_encoded_client_credentials_grant() {
        let (plan, request, _) = account().token_request(&config("https://api.atlassian.com"));
        assert_eq!(request.url.as_str(), DEFAULT_TOKEN_URL);
        assert_eq!(plan.path_template, "/oauth/token");
        assert_eq!(request.headers[header::CONTENT_TYPE], "application/x-www-form-urlencoded");
        assert!(request.headers.get(header::AUTHORIZATION).is_none());
        assert_eq!(
            request.body_text(),
            Some("grant_type=client_credentials&client_id=cid-1&client_secret=s3cr3t%26x%3Dy")
        );
    }

    #[test]
    fn the_token_url_follows_the_base_url_unless_set() {
        let (_, request, _) = account().token_request(&config("http://127.0.0.1:9/prefix/"));
        assert_eq!(request.url.as_str(), "http://127.0.0.1:9/prefix/oauth/token");
        let custom = account().token_url("https://auth.atlassian.com/oauth/token").unwrap();
        let (_, request, _) = custom.token_request(&config("http://127.0.0.1:9"));
        assert_eq!(request.url.as_str(), "https://auth.atlassian.com/oauth/token");
        assert!(account().token_url("http://auth.example.com/token").is_err(), "plain http off loopback");
    }

    #[test]
    fn scope_and_audience_are_added_once() {
        let account = account().scope("manage:directory").unwrap().audience("api.atlassian.com").unwrap();
        let account = account.scope("read:account").unwrap();
        let (_, request, _) = account.token_request(&config("https://api.atlassian.com"));
        assert_eq!(
            request.body_text(),
            Some(
                "grant_type=client_credentials&client_id=cid-1&client_secret=s3cr3t%26x%3Dy\
                 &audience=api.atlassian.com&scope=read%3Aaccount"
            )
        );
    }

    #[test]
    fn empty_or_spaced_parts_are_refused_without_echoing_them() {
        let dir = DirectoryId::new("d").unwrap();
        assert!(ScimServiceAccount::new("", "x", dir.clone()).is_err());
        let err = ScimServiceAccount::new("id", "a secret", dir).unwrap_err().to_string();
        assert!(err.contains("client secret") && !err.contains("a secret"), "{err}");
    }

    #[test]
    fn a_token_is_cached_until_a_tenth_of_its_lifetime_before_expiry() {
        let plan = RequestPlan::new(Method::POST, ApiFamily::UserManagement, TOKEN_PATH);
        let t0 = Instant::now();
        let token =
            decode_token(&plan, &ok(r#"{"access_token":"tok","token_type":"Bearer","expires_in":600}"#), t0)
                .unwrap();
        assert_eq!(token.header, "Bearer tok");
        assert!(token.header.is_sensitive());
        let account = account();
        account.store(token);
        assert!(account.cached(t0 + Duration::from_secs(539)).is_some());
        assert!(account.cached(t0 + Duration::from_secs(540)).is_none(), "60 s margin on 10 min");
        // Without expires_in: Atlassian's documented 60 minutes, a minute of margin.
        account.store(decode_token(&plan, &ok(r#"{"access_token":"tok"}"#), t0).unwrap());
        assert!(account.cached(t0 + Duration::from_secs(3539)).is_some());
        assert!(account.cached(t0 + Duration::from_secs(3540)).is_none());
    }

    /// The tryout's exact inputs: `-100` and `10**30` were refused, making SCIM unusable.
    #[test]
    fn absurd_lifetimes_are_bounded_never_refused() {
        let plan = RequestPlan::new(Method::POST, ApiFamily::UserManagement, TOKEN_PATH);
        let t0 = Instant::now();
        let answer = |expires_in: &str| {
            decode_token(&plan, &ok(&format!(r#"{{"access_token":"tok","expires_in":{expires_in}}}"#)), t0)
                .unwrap_or_else(|e| panic!("expires_in {expires_in} refused: {e}"))
        };
        for stale in ["-100", "0", "-0.5", "\"soon\""] {
            assert_eq!(answer(stale).refresh_at, t0, "{stale}: used once, then fetched again");
        }
        let one_day = answer("1000000000000000000000000000000");
        assert_eq!(one_day.refresh_at, t0 + MAX_TOKEN_CACHE_LIFETIME - MAX_REFRESH_MARGIN);
        assert_eq!(answer("1e30").refresh_at, one_day.refresh_at);
        assert_eq!(answer("\"600\"").refresh_at, t0 + Duration::from_secs(540));
    }

    #[test]
    fn invalidate_drops_only_the_rejected_token() {
        let plan = RequestPlan::new(Method::POST, ApiFamily::UserManagement, TOKEN_PATH);
        let now = Instant::now();
        let account = account();
        account.store(decode_token(&plan, &ok(r#"{"access_token":"new"}"#), now).unwrap());
        account.invalidate(&HeaderValue::from_static("Bearer old"));
        assert!(account.cached(now).is_some());
        account.invalidate(&HeaderValue::from_static("Bearer new"));
        assert!(account.cached(now).is_none());
    }

    #[test]
    fn an_unreadable_token_answer_is_reported_without_its_body() {
        let plan = RequestPlan::new(Method::POST, ApiFamily::UserManagement, TOKEN_PATH);
        for body in [r#"{"token":"s3cr3t-token"}"#, r#"{"access_token":"s3cr3t-token","token_type":"mac"}"#] {
            let error = decode_token(&plan, &ok(body), Instant::now()).err().unwrap();
            let Error::Decode(decode) = &error else { panic!("{error:?}") };
            assert!(!decode.raw.contains("s3cr3t") && !format!("{error:?}").contains("s3cr3t-token"));
        }
    }
}
