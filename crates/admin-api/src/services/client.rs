//! The client: transport, base URL, user agent and retry policy, shared by all services.

use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use admin_transport::{
    BackendConfig, HeaderValue, HttpRequest, HttpResponse, TransportError, TransportErrorKind, Url,
};

use admin_models::org::{Org, OrgId, Page};

use super::{Backend, OrgService, Paged, ScimService, UsersService, maybe};
use crate::common::config::{ClientConfig, DEFAULT_BASE_URL, DEFAULT_USER_AGENT};
use crate::common::credentials::AdminApiKey;
use crate::common::decode::check_status;
use crate::common::env::{BASE_URL_VAR, optional_var};
use crate::common::error::Error;
use crate::common::limiter::{Limiter, PathLimits, RateLimit};
use crate::common::oauth::ScimCredential;
use crate::common::plan::RequestPlan;
use crate::common::redact;
use crate::common::retry::{Attempt, Decision, Outcome, RetryPolicy};

/// A client for Atlassian's Admin APIs: one connection pool, base URL and retry policy, shared
/// by every service made from it. Cheap to clone.
///
/// Make services with [`users`](Self::users) and [`org`](Self::org) (org admin API key) and
/// [`scim`](Self::scim) (directory SCIM API key).
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    backend: Arc<dyn Backend>,
    config: ClientConfig,
    limiter: Limiter,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.inner.config.base_url().as_str())
            .field("backend", &self.inner.backend)
            .field("retry", &self.inner.config.retry)
            .finish()
    }
}

/// Builds a [`Client`]. Every setting has a default.
#[derive(Debug, Clone)]
#[must_use]
pub struct ClientBuilder {
    base_url: String,
    user_agent: String,
    retry: RetryPolicy,
    allow_insecure_http: bool,
    backend: Option<Arc<dyn Backend>>,
    backend_config: BackendConfig,
    from_env_error: Option<String>,
    path_limits: PathLimits,
}

impl Default for ClientBuilder {
    fn default() -> Self {
        Self {
            base_url: DEFAULT_BASE_URL.to_owned(),
            user_agent: DEFAULT_USER_AGENT.to_owned(),
            retry: RetryPolicy::default(),
            allow_insecure_http: false,
            backend: None,
            backend_config: BackendConfig::default(),
            from_env_error: None,
            path_limits: PathLimits::default(),
        }
    }
}

impl ClientBuilder {
    /// The API host (default `https://api.atlassian.com`). A path prefix is kept; plain
    /// `http://` is accepted only for loopback hosts unless
    /// [`allow_insecure_http`](Self::allow_insecure_http).
    pub fn base_url(mut self, url: impl Into<String>) -> Self {
        self.base_url = url.into();
        self
    }

    /// Takes the base URL from `ATLASSIAN_API_BASE_URL` when it is set.
    pub fn base_url_from_env(mut self) -> Self {
        match optional_var(BASE_URL_VAR) {
            Ok(Some(url)) => self.base_url = url,
            Ok(None) => {}
            Err(error) => self.from_env_error = Some(error.to_string()),
        }
        self
    }

    /// The `User-Agent` header (default `atlassian-admin-rs/<version>`).
    pub fn user_agent(mut self, user_agent: impl Into<String>) -> Self {
        self.user_agent = user_agent.into();
        self
    }

    /// When to retry (default: [`RetryPolicy::default`]).
    pub fn retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// Allows a plain `http://` base URL on a non-loopback host. Credentials then travel
    /// unencrypted; use it only inside a trusted network.
    pub fn allow_insecure_http(mut self, allow: bool) -> Self {
        self.allow_insecure_http = allow;
        self
    }

    /// Uses your own HTTP backend instead of the default one (the connect/request timeouts and
    /// body cap of this builder then do not apply).
    pub fn backend(mut self, backend: Arc<dyn Backend>) -> Self {
        self.backend = Some(backend);
        self
    }

    /// Limits requests to one path template, e.g. `/admin/v1/orgs/{orgId}/events`, to `limit`
    /// per concrete path (so per org), or lifts its limit with `None`. A request beyond the limit
    /// waits (through the backend's sleep) until the window has room, instead of drawing a 429.
    ///
    /// By default `GET /admin/v1/orgs/{orgId}/events` is limited to 10 requests a minute, the
    /// limit Atlassian enforces per user and per path since the end of May 2025
    /// ([`EVENTS_RATE_LIMIT`](crate::EVENTS_RATE_LIMIT)). Read the audit log with the stream
    /// (`OrgEvents::tail`) rather than lift it.
    ///
    /// ```
    /// # #[cfg(feature = "blocking")] fn main() {
    /// use std::time::Duration;
    /// use admin_api::{RateLimit, blocking::Client};
    /// let builder = Client::builder()
    ///     .path_limit("/admin/v1/orgs/{orgId}/events", Some(RateLimit::per_minute(5)))
    ///     .path_limit("/admin/v1/orgs/{orgId}/policies", Some(RateLimit::new(2, Duration::from_secs(1))));
    /// # }
    /// # #[cfg(not(feature = "blocking"))] fn main() {}
    /// ```
    pub fn path_limit(mut self, path_template: &'static str, limit: Option<RateLimit>) -> Self {
        self.path_limits.set(path_template, limit);
        self
    }

    /// Connection timeout of the default backend (10 s).
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.backend_config = self.backend_config.connect_timeout(timeout);
        self
    }

    /// Whole-request timeout of the default backend (60 s), **per attempt**: connect, send,
    /// and the complete response. A call that is retried (see [`RetryPolicy`]) may take several
    /// timeouts plus the waits between them; bound the whole call with
    /// [`RetryPolicy::max_total_time`].
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.backend_config = self.backend_config.timeout(timeout);
        self
    }

    /// Largest response body the default backend accepts (32 MiB).
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.backend_config = self.backend_config.max_body_bytes(limit);
        self
    }

    /// Builds the client.
    ///
    /// # Errors
    /// [`BuildError`](crate::BuildError) for an invalid base URL or user agent, an unreadable
    /// `ATLASSIAN_API_BASE_URL`, or no backend (no [`backend`](Self::backend) and the default
    /// backend's feature is off).
    pub fn build(self) -> Result<Client, Error> {
        if let Some(reason) = self.from_env_error {
            return Err(crate::BuildError::InvalidEnvVar { name: BASE_URL_VAR, reason }.into());
        }
        let config =
            ClientConfig::new(&self.base_url, self.allow_insecure_http, &self.user_agent, self.retry)?;
        let backend = match self.backend {
            Some(backend) => backend,
            None => super::default_backend(&self.backend_config)?,
        };
        let limiter = Limiter::new(self.path_limits);
        Ok(Client { inner: Arc::new(Inner { backend, config, limiter }) })
    }
}

impl Client {
    /// A builder with every default.
    pub fn builder() -> ClientBuilder {
        ClientBuilder::default()
    }

    /// A client with every default, honouring `ATLASSIAN_API_BASE_URL` when set.
    ///
    /// # Errors
    /// As [`ClientBuilder::build`].
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().base_url_from_env().build()
    }

    /// The user management service, authenticated with the org admin API key.
    pub fn users(&self, key: AdminApiKey) -> UsersService {
        UsersService::new(self.clone(), key)
    }

    /// The user provisioning (SCIM 2.0) service of the directory the credential belongs to:
    /// a directory's [`ScimApiKey`](crate::ScimApiKey), or a service account's OAuth 2.0 client credentials
    /// ([`ScimServiceAccount`](crate::ScimServiceAccount)).
    pub fn scim(&self, credential: impl Into<ScimCredential>) -> ScimService {
        ScimService::new(self.clone(), credential.into())
    }

    /// The Organizations API of `org_id` (users, groups and directories across the org's
    /// directories, roles, last-active dates), authenticated with the org admin API key.
    pub fn org(&self, key: AdminApiKey, org_id: OrgId) -> OrgService {
        OrgService::new(self.clone(), key, org_id)
    }

    /// The organizations `key` can administer: `GET /admin/v1/orgs` (#1), paged by the URL in
    /// `links.next`. Then `send()` for one page, `all()`, or `iter()` / `stream()`.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::{AdminApiKey, blocking::Client};
    /// for org in Client::from_env()?.orgs(AdminApiKey::from_env()?).all()? {
    ///     println!("{} {:?}", org.id, org.name());
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    pub fn orgs(&self, key: AdminApiKey) -> Paged<Page<Org>> {
        super::org::list_orgs(self, key)
    }

    /// The base URL requests go to.
    pub fn base_url(&self) -> &Url {
        self.inner.config.base_url()
    }

    /// The validated settings (base URL, user agent, retry policy).
    pub(crate) fn config(&self) -> &ClientConfig {
        &self.inner.config
    }
}

#[maybe]
impl Client {
    /// Waits through the backend (a thread sleep or the runtime's timer): shared code never
    /// calls a runtime directly.
    pub(crate) async fn sleep(&self, duration: Duration) {
        self.inner.backend.sleep(duration).await;
    }

    /// Sends a planned request, retrying as the policy allows, and checks the final status.
    ///
    /// Every response is cleaned of the key in `authorization` first (`common/redact.rs`), so
    /// no error, decode error or log made from it can repeat the key.
    pub(crate) async fn send(
        &self,
        plan: &RequestPlan,
        authorization: &HeaderValue,
    ) -> Result<HttpResponse, Error> {
        let request = plan.to_http(&self.inner.config, authorization)?;
        self.send_request(plan, request, authorization).await
    }

    /// Sends a request built outside a plan (the OAuth token request, which may go to another
    /// host), retrying as the policy allows; `plan` gives the method, path template and error
    /// family for retries, logs and errors, and the secret in `authorization` (`<scheme> <secret>`)
    /// is scrubbed from every response.
    pub(crate) async fn send_request(
        &self,
        plan: &RequestPlan,
        request: HttpRequest,
        authorization: &HeaderValue,
    ) -> Result<HttpResponse, Error> {
        let config = &self.inner.config;
        let call_started = Instant::now();
        let deadline = config.retry.total_time_limit();
        let mut request = request;
        let mut waited = Duration::ZERO;
        let mut attempt = 1;
        loop {
            if let Some(wait) = self.inner.limiter.reserve(plan.path_template, &plan.path, Instant::now())
                && !wait.is_zero()
            {
                tracing::debug!(
                    path = plan.path_template,
                    wait_ms = wait.as_millis() as u64,
                    "path limit: waiting"
                );
                self.inner.backend.sleep(wait).await;
            }
            // Under a total time limit, the attempt gets only what is left of it.
            let left = deadline.map(|limit| limit.saturating_sub(call_started.elapsed()));
            if let Some(left) = left {
                if left.is_zero() {
                    return Err(total_time_out(deadline, attempt - 1, None).into());
                }
                request.timeout = Some(left);
            }
            let started = Instant::now();
            let result = self.inner.backend.execute(request.clone()).await;
            // An attempt cut short by the call's deadline says so (not the per-attempt timeout).
            let result = match result {
                Err(error)
                    if error.is_timeout()
                        && left.is_some_and(|l| started.elapsed() + DEADLINE_SLACK >= l) =>
                {
                    Err(total_time_out(deadline, attempt, Some(error)))
                }
                other => other,
            };
            let result = result.map(|response| redact::response(response, authorization));
            trace_attempt(plan, attempt, &result, started.elapsed());
            let outcome = match &result {
                Ok(response) => Outcome::Response { status: response.status, headers: &response.headers },
                Err(error) => Outcome::Transport(error.kind()),
            };
            let now = SystemTime::now();
            let this = Attempt::new(attempt, &plan.method, waited, now, fastrand::f64())
                .idempotent(plan.is_idempotent())
                .elapsed(call_started.elapsed());
            match config.retry.decide(&this, &outcome) {
                Decision::RetryAfter(delay) => {
                    self.inner.backend.sleep(delay).await;
                    waited += delay;
                    attempt += 1;
                }
                // A timeout that would have been retried but for the total time limit: the
                // call's deadline is what ended it.
                Decision::Stop
                    if deadline.is_some()
                        && result.as_ref().is_err_and(TransportError::is_timeout)
                        && matches!(
                            config.retry.clone().max_total_time(None).decide(&this, &outcome),
                            Decision::RetryAfter(_)
                        ) =>
                {
                    return Err(total_time_out(deadline, attempt, result.err()).into());
                }
                Decision::Stop => return check_status(plan, result?, attempt),
            }
        }
    }
}

/// How close to the deadline a timed-out attempt must end to count as stopped by it (backends
/// may fire their timeout a little early; see `UreqBackend`).
const DEADLINE_SLACK: Duration = Duration::from_millis(50);

/// The error for a call whose [`RetryPolicy::max_total_time`] ran out after `attempts`.
fn total_time_out(limit: Option<Duration>, attempts: u32, source: Option<TransportError>) -> TransportError {
    let limit = limit.unwrap_or_default();
    let seconds = if limit.subsec_millis() == 0 {
        format!("{} s", limit.as_secs())
    } else {
        format!("{:.1} s", limit.as_secs_f64())
    };
    let plural = if attempts == 1 { "" } else { "s" };
    let error = TransportError::new(
        TransportErrorKind::Timeout,
        format!(
            "no complete response within the call's total time of {seconds} (RetryPolicy::max_total_time), after {attempts} attempt{plural}"
        ),
    );
    match source {
        Some(source) => error.with_source(source),
        None => error,
    }
}

fn trace_attempt(
    plan: &RequestPlan,
    attempt: u32,
    result: &Result<HttpResponse, TransportError>,
    elapsed: Duration,
) {
    let span = tracing::debug_span!(
        "admin_api.request",
        method = %plan.method,
        path = plan.path_template,
        attempt,
        status = tracing::field::Empty,
        duration_ms = elapsed.as_millis() as u64,
    );
    span.in_scope(|| match result {
        Ok(response) => {
            span.record("status", response.status.as_u16());
            tracing::debug!(status = response.status.as_u16(), "response");
        }
        Err(error) => tracing::debug!(error = %error, "transport error"),
    });
}
