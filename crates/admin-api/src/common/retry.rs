//! The retry policy: a pure decision, no clock and no sleeping.
//!
//! The facades call [`RetryPolicy::decide`] after every attempt and sleep through their backend
//! ([`HttpBackend::sleep`](admin_transport::blocking::HttpBackend::sleep)), so the same rules
//! serve blocking and async code and are tested in a table.

use std::time::{Duration, SystemTime};

use admin_transport::{HeaderMap, Method, StatusCode, TransportErrorKind};

use super::plan::is_idempotent;

/// When and how long to retry.
///
/// Retries happen only for responses 429, 500, 502, 503, 504 and for transport failures, and
/// only for idempotent requests unless [`retry_non_idempotent`] is set. Idempotency belongs to
/// the operation ([`Attempt::idempotent`], from the plan's
/// [`RequestPlan::idempotent`](crate::plan::RequestPlan::idempotent)): the idempotent methods
/// (GET, PUT, DELETE), and the POSTs that only read — the Organizations user and group searches
/// (`POST …/directories/{directoryId}/users/search`, `…/groups/search`), the workspace list
/// (`POST /admin/v2/orgs/{orgId}/workspaces`) and SCIM links for an email
/// (`POST …/get-scim-links-for-email`). Writes by POST or PATCH (suspend, create, …) are not. The
/// wait is the server's `Retry-After` (seconds or HTTP date), else its `X-RateLimit-Reset`,
/// else jittered exponential backoff. Attempts and the total wait are bounded.
///
/// Server hints, one rule each:
///
/// * **usable**: a wait in the future — it is honoured as given;
/// * **past, zero or unusable** (a date already passed — Atlassian's minute-precision
///   `X-RateLimit-Reset` often is by up to 59 s —, `0`, garbage): ignored, the policy's backoff
///   applies, so retries are never back to back;
/// * **too large** (longer than the wait left, including values beyond `u64` seconds, which
///   count as [`Duration::MAX`]): the retries stop and the caller gets the error with the hint in
///   [`retry_after`](crate::ApiError::retry_after) — or, for an absurd hint (beyond
///   [`ApiError::MAX_CREDIBLE_WAIT`](crate::ApiError::MAX_CREDIBLE_WAIT)), `retry_after: None`
///   and the header as sent in [`retry_hint`](crate::ApiError::retry_hint).
///
/// `X-RateLimit-Reset` is read as an ISO 8601 / RFC 3339 timestamp (Atlassian), or as an
/// integer: **below [`RetryPolicy::EPOCH_THRESHOLD`] (10⁹, i.e. before 2001-09-09 as Unix time) it is
/// delta-seconds** (as in the IETF `RateLimit-Reset` draft and several APIs: `30` means "in
/// 30 s", never "1970, retry at once"), at or above it Unix epoch seconds.
///
/// [`retry_non_idempotent`]: RetryPolicy::retry_non_idempotent
///
/// ```
/// use std::time::Duration;
/// use admin_api::RetryPolicy;
///
/// let policy = RetryPolicy::default().max_attempts(5).max_total_wait(Duration::from_secs(120));
/// let none = RetryPolicy::never();
/// # let _ = (policy, none);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    base_delay: Duration,
    max_backoff: Duration,
    max_total_wait: Duration,
    max_total_time: Option<Duration>,
    retry_non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// 4 attempts, backoff from 500 ms up to 30 s, at most 60 s of waiting in all, no total
    /// time limit (each attempt is bounded by the client's timeout), idempotent methods only.
    fn default() -> Self {
        Self {
            max_attempts: 4,
            base_delay: Duration::from_millis(500),
            max_backoff: Duration::from_secs(30),
            max_total_wait: Duration::from_secs(60),
            max_total_time: None,
            retry_non_idempotent: false,
        }
    }
}

/// The result of one attempt, as the policy sees it.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub enum Outcome<'a> {
    /// The server answered.
    Response {
        /// The status.
        status: StatusCode,
        /// The headers (`Retry-After`, `X-RateLimit-Reset`).
        headers: &'a HeaderMap,
    },
    /// No complete response arrived.
    Transport(TransportErrorKind),
}

/// Where the call stands after an attempt.
#[derive(Debug, Clone, Copy)]
#[non_exhaustive]
pub struct Attempt<'a> {
    /// The attempt that just finished, from 1.
    pub number: u32,
    /// The request's method.
    pub method: &'a Method,
    /// Whether the request may be repeated safely ([`RequestPlan::idempotent`]): the method's
    /// idempotency unless [`Attempt::idempotent`] says otherwise (a read-only POST).
    ///
    /// [`RequestPlan::idempotent`]: crate::plan::RequestPlan::idempotent
    pub idempotent: bool,
    /// How long the call has already waited between attempts.
    pub waited: Duration,
    /// The current time, to read HTTP-date and timestamp headers.
    pub now: SystemTime,
    /// A random number in `[0, 1)` for jitter.
    pub jitter: f64,
    /// How long the call has taken so far, attempts and waits together (for
    /// [`RetryPolicy::max_total_time`]); [`Attempt::new`] sets it to `waited`.
    pub elapsed: Duration,
}

impl<'a> Attempt<'a> {
    /// Describes attempt `number` of a `method` call that has waited `waited` so far; it is
    /// idempotent when its method is (see [`idempotent`](Self::idempotent)).
    pub fn new(number: u32, method: &'a Method, waited: Duration, now: SystemTime, jitter: f64) -> Self {
        Self { number, method, idempotent: is_idempotent(method), waited, now, jitter, elapsed: waited }
    }

    /// Whether the request may be repeated safely, whatever its method: `true` for a POST that
    /// only reads (a search), as the request's plan says ([`RequestPlan::is_idempotent`]).
    ///
    /// [`RequestPlan::is_idempotent`]: crate::plan::RequestPlan::is_idempotent
    #[must_use]
    pub fn idempotent(mut self, idempotent: bool) -> Self {
        self.idempotent = idempotent;
        self
    }

    /// The time the call has taken so far, attempts included.
    #[must_use]
    pub fn elapsed(mut self, elapsed: Duration) -> Self {
        self.elapsed = elapsed;
        self
    }
}

/// What to do next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    /// Return the outcome to the caller.
    Stop,
    /// Wait this long, then send the request again.
    RetryAfter(Duration),
}

impl RetryPolicy {
    /// An integer `X-RateLimit-Reset` below this is delta-seconds; at or above it, Unix epoch
    /// seconds (10⁹ s after the epoch is 2001-09-09: no server sends a reset time before that,
    /// and no server asks for a 31-year wait).
    pub const EPOCH_THRESHOLD: u64 = 1_000_000_000;

    /// A policy that never retries.
    pub fn never() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The most attempts per call, the first included (at least 1).
    #[must_use]
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff delay; it doubles on every retry.
    #[must_use]
    pub fn base_delay(mut self, delay: Duration) -> Self {
        self.base_delay = delay;
        self
    }

    /// The longest single backoff delay (server-directed waits are bounded by
    /// [`max_total_wait`](Self::max_total_wait) instead).
    #[must_use]
    pub fn max_backoff(mut self, delay: Duration) -> Self {
        self.max_backoff = delay;
        self
    }

    /// The most time one call may spend waiting between attempts.
    #[must_use]
    pub fn max_total_wait(mut self, wait: Duration) -> Self {
        self.max_total_wait = wait;
        self
    }

    /// The most time one call may take in all — every attempt, every wait between them —
    /// or `None` (the default) for no such limit.
    ///
    /// The client's [`timeout`](crate::blocking::ClientBuilder::timeout) bounds **each
    /// attempt**: with 4 attempts, a server that never answers holds a call for about four
    /// timeouts plus the backoff. This bounds the whole call: an attempt is sent with only the
    /// time that is left (so it times out at the deadline), no retry starts whose wait would
    /// reach it, and the error then says that the total time ran out.
    ///
    /// ```
    /// use std::time::Duration;
    /// use admin_api::RetryPolicy;
    /// let policy = RetryPolicy::default().max_total_time(Some(Duration::from_secs(5)));
    /// # let _ = policy;
    /// ```
    #[must_use]
    pub fn max_total_time(mut self, limit: Option<Duration>) -> Self {
        self.max_total_time = limit;
        self
    }

    /// The limit set by [`max_total_time`](Self::max_total_time).
    pub fn total_time_limit(&self) -> Option<Duration> {
        self.max_total_time
    }

    /// Also retry POST and PATCH writes. Off by default: those calls are not idempotent, and a
    /// lifecycle POST or a SCIM create repeated after a lost response may act twice. (POSTs
    /// that only read, such as the searches, are retried without it.)
    #[must_use]
    pub fn retry_non_idempotent(mut self, enabled: bool) -> Self {
        self.retry_non_idempotent = enabled;
        self
    }

    /// Decides whether to retry after `attempt` ended with `outcome`.
    pub fn decide(&self, attempt: &Attempt<'_>, outcome: &Outcome<'_>) -> Decision {
        if attempt.number >= self.max_attempts {
            return Decision::Stop;
        }
        if !(self.retry_non_idempotent || attempt.idempotent) {
            return Decision::Stop;
        }
        let delay = match outcome {
            Outcome::Response { status, headers } => {
                if !is_retryable_status(*status) {
                    return Decision::Stop;
                }
                // A past, zero or unusable hint is no hint: back off (never back to back).
                server_delay(headers, attempt.now).unwrap_or_else(|| self.backoff(attempt))
            }
            Outcome::Transport(kind) => match kind {
                TransportErrorKind::InvalidRequest
                | TransportErrorKind::BodyTooLarge
                | TransportErrorKind::Redirect => {
                    return Decision::Stop;
                }
                _ => self.backoff(attempt),
            },
        };
        if attempt.waited.saturating_add(delay) > self.max_total_wait {
            return Decision::Stop;
        }
        if self.max_total_time.is_some_and(|limit| attempt.elapsed.saturating_add(delay) >= limit) {
            return Decision::Stop;
        }
        Decision::RetryAfter(delay)
    }

    /// `base · 2^(n-1)`, capped, scaled into `[½, 1)` of itself by the jitter.
    fn backoff(&self, attempt: &Attempt<'_>) -> Duration {
        let exponent = attempt.number.saturating_sub(1).min(20);
        let full = self.base_delay.saturating_mul(1u32 << exponent).min(self.max_backoff);
        full.mul_f64(0.5 + attempt.jitter.clamp(0.0, 1.0) / 2.0)
    }
}

/// 429 and the transient 5xx statuses.
pub(crate) fn is_retryable_status(status: StatusCode) -> bool {
    matches!(status.as_u16(), 429 | 500 | 502 | 503 | 504)
}

/// The wait the server asked for: a usable `Retry-After`, else a usable `X-RateLimit-Reset`.
/// `None` when neither is usable (absent, past, zero, garbage); [`Duration::MAX`] for a value
/// too large to represent.
pub(crate) fn server_delay(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    retry_after(headers, now).or_else(|| rate_limit_reset(headers, now))
}

/// `Retry-After` as delta-seconds or an HTTP date (RFC 9110 §10.2.3), when it asks for a
/// positive wait. Digits beyond `u64` mean [`Duration::MAX`].
pub(crate) fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get("retry-after")?.to_str().ok()?.trim();
    let delay = match delta_seconds(value) {
        Some(delay) => delay,
        None => httpdate::parse_http_date(value).ok()?.duration_since(now).ok()?,
    };
    positive(delay)
}

/// `X-RateLimit-Reset` as an ISO 8601 timestamp (Atlassian: `2024-05-01T12:30Z`, minute
/// precision; full RFC 3339 also accepted), delta-seconds (an integer below
/// [`RetryPolicy::EPOCH_THRESHOLD`]) or Unix epoch seconds, when it asks for a positive wait.
pub(crate) fn rate_limit_reset(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    use time::format_description::well_known::Rfc3339;
    use time::macros::format_description;
    use time::{OffsetDateTime, PrimitiveDateTime};

    let value = headers.get("x-ratelimit-reset")?.to_str().ok()?.trim();
    let until = |at: SystemTime| at.duration_since(now).ok();
    let delay = if let Some(number) = delta_seconds(value) {
        if number < Duration::from_secs(RetryPolicy::EPOCH_THRESHOLD) {
            number
        } else {
            match SystemTime::UNIX_EPOCH.checked_add(number) {
                Some(at) => until(at)?,
                None => Duration::MAX,
            }
        }
    } else if let Ok(at) = OffsetDateTime::parse(value, &Rfc3339) {
        until(at.into())?
    } else {
        let minutes = format_description!("[year]-[month]-[day]T[hour]:[minute]Z");
        until(PrimitiveDateTime::parse(value, &minutes).ok()?.assume_utc().into())?
    };
    positive(delay)
}

/// A non-negative integer number of seconds; [`Duration::MAX`] when it does not fit in `u64`.
fn delta_seconds(value: &str) -> Option<Duration> {
    if value.is_empty() || !value.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(value.parse::<u64>().map_or(Duration::MAX, Duration::from_secs))
}

fn positive(delay: Duration) -> Option<Duration> {
    (!delay.is_zero()).then_some(delay)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: u64 = 1_700_000_000; // 2023-11-14T22:13:20Z

    fn now() -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(NOW)
    }

    fn headers(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.insert(*name, value.parse().unwrap());
        }
        map
    }

    fn decide(
        policy: &RetryPolicy,
        number: u32,
        method: Method,
        waited: u64,
        outcome: Outcome<'_>,
    ) -> Decision {
        policy.decide(&Attempt::new(number, &method, Duration::from_secs(waited), now(), 0.0), &outcome)
    }

    fn status(code: u16, headers: &HeaderMap) -> Outcome<'_> {
        Outcome::Response { status: StatusCode::from_u16(code).unwrap(), headers }
    }

    #[test]
    fn decision_table() {
        let policy = RetryPolicy::default();
        let opt_in = RetryPolicy::default().retry_non_idempotent(true);
        let none = HeaderMap::new();
        let after_2 = headers(&[("retry-after", "2")]);
        let after_date = headers(&[("retry-after", "Tue, 14 Nov 2023 22:13:27 GMT")]);
        let reset_minute = headers(&[("x-ratelimit-reset", "2023-11-14T22:14Z")]);
        let reset_epoch = headers(&[("x-ratelimit-reset", "1700000030")]);
        let both = headers(&[("retry-after", "3"), ("x-ratelimit-reset", "2023-11-14T22:15Z")]);
        let far = headers(&[("retry-after", "3600")]);
        // Issue 11, item 12.
        let reset_past = headers(&[("x-ratelimit-reset", "2023-11-14T22:13Z")]); // 20 s ago
        let reset_past_rfc3339 = headers(&[("x-ratelimit-reset", "2023-11-14T22:12:59Z")]);
        let reset_now = headers(&[("x-ratelimit-reset", "2023-11-14T22:13:20Z")]);
        let reset_zero = headers(&[("x-ratelimit-reset", "0")]);
        let reset_garbage = headers(&[("x-ratelimit-reset", "soon")]);
        let reset_past_epoch = headers(&[("x-ratelimit-reset", "1699999990")]);
        let reset_30 = headers(&[("x-ratelimit-reset", "30")]);
        let reset_huge = headers(&[("x-ratelimit-reset", "99999999999999999999999")]);
        let reset_u64_max = headers(&[("x-ratelimit-reset", "18446744073709551615")]);
        let reset_year_9999 = headers(&[("x-ratelimit-reset", "9999-12-31T23:59Z")]);
        let after_zero = headers(&[("retry-after", "0")]);
        let after_past_date = headers(&[("retry-after", "Tue, 14 Nov 2023 22:00:00 GMT")]);
        let after_garbage = headers(&[("retry-after", "-5")]);
        let after_u64_max = headers(&[("retry-after", "18446744073709551615")]);
        let after_beyond_u64 = headers(&[("retry-after", "18446744073709551616")]);
        let after_zero_reset_30 = headers(&[("retry-after", "0"), ("x-ratelimit-reset", "30")]);
        let secs = |s: u64| Decision::RetryAfter(Duration::from_secs(s));
        let millis = |ms: u64| Decision::RetryAfter(Duration::from_millis(ms));

        #[rustfmt::skip]
        let table: Vec<(&str, &RetryPolicy, u32, Method, u64, Outcome<'_>, Decision)> = vec![
            ("success stops",                         &policy, 1, Method::GET,    0, status(200, &none), Decision::Stop),
            ("404 stops",                             &policy, 1, Method::GET,    0, status(404, &none), Decision::Stop),
            ("409 stops",                             &policy, 1, Method::POST,   0, status(409, &none), Decision::Stop),
            ("429 GET honours Retry-After seconds",   &policy, 1, Method::GET,    0, status(429, &after_2), secs(2)),
            ("429 honours an HTTP-date Retry-After",  &policy, 1, Method::GET,    0, status(429, &after_date), secs(7)),
            ("429 falls back to X-RateLimit-Reset",   &policy, 1, Method::GET,    0, status(429, &reset_minute), secs(40)),
            ("reset as epoch seconds",                &policy, 1, Method::DELETE, 0, status(429, &reset_epoch), secs(30)),
            ("Retry-After wins over the reset",       &policy, 1, Method::PUT,    0, status(429, &both), secs(3)),
            ("503 without headers backs off",         &policy, 1, Method::GET,    0, status(503, &none), millis(250)),
            ("backoff doubles",                       &policy, 3, Method::GET,    0, status(503, &none), millis(1000)),
            ("500 is retried for GET",                &policy, 1, Method::GET,    0, status(500, &none), millis(250)),
            ("429 POST is not retried by default",    &policy, 1, Method::POST,   0, status(429, &after_2), Decision::Stop),
            ("503 PATCH is not retried by default",   &policy, 1, Method::PATCH,  0, status(503, &none), Decision::Stop),
            ("POST is retried when opted in",         &opt_in, 1, Method::POST,   0, status(429, &after_2), secs(2)),
            ("attempts are bounded",                  &policy, 4, Method::GET,    0, status(429, &after_2), Decision::Stop),
            ("total wait is bounded",                 &policy, 2, Method::GET,   59, status(429, &after_2), Decision::Stop),
            ("a too-long Retry-After stops",          &policy, 1, Method::GET,    0, status(429, &far), Decision::Stop),
            ("item 12: a past minute-precision reset backs off", &policy, 1, Method::GET, 0, status(429, &reset_past), millis(250)),
            ("item 12: a past RFC 3339 reset backs off", &policy, 1, Method::GET,    0, status(429, &reset_past_rfc3339), millis(250)),
            ("item 12: a reset of exactly now backs off", &policy, 2, Method::GET,   0, status(429, &reset_now), millis(500)),
            ("item 12: a zero reset backs off",       &policy, 1, Method::GET,    0, status(429, &reset_zero), millis(250)),
            ("item 12: an unreadable reset backs off", &policy, 1, Method::GET,   0, status(429, &reset_garbage), millis(250)),
            ("item 12: a past epoch reset backs off", &policy, 1, Method::GET,    0, status(429, &reset_past_epoch), millis(250)),
            ("item 12: reset 30 is 30 s, not 1970",   &policy, 1, Method::GET,    0, status(429, &reset_30), secs(30)),
            ("item 12: a reset beyond u64 stops",     &policy, 1, Method::GET,    0, status(429, &reset_huge), Decision::Stop),
            ("item 12: a u64::MAX epoch reset stops", &policy, 1, Method::GET,    0, status(429, &reset_u64_max), Decision::Stop),
            ("item 12: a reset in year 9999 stops",   &policy, 1, Method::GET,    0, status(429, &reset_year_9999), Decision::Stop),
            ("item 12: Retry-After 0 backs off",      &policy, 1, Method::GET,    0, status(429, &after_zero), millis(250)),
            ("item 12: a past Retry-After date backs off", &policy, 1, Method::GET, 0, status(429, &after_past_date), millis(250)),
            ("item 12: an unreadable Retry-After backs off", &policy, 1, Method::GET, 0, status(503, &after_garbage), millis(250)),
            ("item 12: Retry-After u64::MAX stops",   &policy, 1, Method::GET,    0, status(429, &after_u64_max), Decision::Stop),
            ("item 12: Retry-After beyond u64 stops", &policy, 1, Method::GET,    0, status(429, &after_beyond_u64), Decision::Stop),
            ("item 12: an unusable Retry-After yields to the reset", &policy, 1, Method::GET, 0, status(429, &after_zero_reset_30), secs(30)),
            ("timeouts are retried for GET",          &policy, 1, Method::GET,    0, Outcome::Transport(TransportErrorKind::Timeout), millis(250)),
            ("timeouts are not retried for POST",     &policy, 1, Method::POST,   0, Outcome::Transport(TransportErrorKind::Timeout), Decision::Stop),
            ("an oversized body is not retried",      &policy, 1, Method::GET,    0, Outcome::Transport(TransportErrorKind::BodyTooLarge), Decision::Stop),
            ("a redirect is not retried",             &policy, 1, Method::GET,    0, Outcome::Transport(TransportErrorKind::Redirect), Decision::Stop),
        ];
        for (name, policy, number, method, waited, outcome, expected) in table {
            assert_eq!(decide(policy, number, method, waited, outcome), expected, "{name}");
        }
    }

    /// Idempotency is the operation's: a POST that only reads (a search) is retried like a GET,
    /// a POST write only when opted in, and an operation marked not idempotent never by default.
    #[test]
    fn decision_table_by_operation() {
        let policy = RetryPolicy::default();
        let opt_in = RetryPolicy::default().retry_non_idempotent(true);
        let never = RetryPolicy::never();
        let none = HeaderMap::new();
        let after_2 = headers(&[("retry-after", "2")]);
        let reset_minute = headers(&[("x-ratelimit-reset", "2023-11-14T22:14Z")]);
        let far = headers(&[("retry-after", "3600")]);
        let secs = |s: u64| Decision::RetryAfter(Duration::from_secs(s));
        let millis = |ms: u64| Decision::RetryAfter(Duration::from_millis(ms));
        let (read, write) = (true, false);

        #[rustfmt::skip]
        let table: Vec<(&str, &RetryPolicy, u32, Method, bool, Outcome<'_>, Decision)> = vec![
            ("429 read-only POST honours Retry-After", &policy, 1, Method::POST,  read,  status(429, &after_2), secs(2)),
            ("429 read-only POST honours the ISO reset", &policy, 1, Method::POST, read, status(429, &reset_minute), secs(40)),
            ("503 read-only POST backs off",          &policy, 1, Method::POST,  read,  status(503, &none), millis(250)),
            ("a read-only POST times out, retried",   &policy, 1, Method::POST,  read,  Outcome::Transport(TransportErrorKind::Timeout), millis(250)),
            ("a read-only POST: attempts are bounded", &policy, 4, Method::POST, read,  status(429, &after_2), Decision::Stop),
            ("a read-only POST: a too-long wait stops", &policy, 1, Method::POST, read, status(429, &far), Decision::Stop),
            ("a read-only POST: 400 stops",           &policy, 1, Method::POST,  read,  status(400, &none), Decision::Stop),
            ("429 POST write is not retried",         &policy, 1, Method::POST,  write, status(429, &reset_minute), Decision::Stop),
            ("429 POST write is retried when opted in", &opt_in, 1, Method::POST, write, status(429, &reset_minute), secs(40)),
            ("a GET marked not idempotent is not retried", &policy, 1, Method::GET, write, status(429, &after_2), Decision::Stop),
            ("never() never retries a read-only POST", &never, 1, Method::POST, read, status(429, &after_2), Decision::Stop),
        ];
        for (name, policy, number, method, idempotent, outcome, expected) in table {
            let attempt = Attempt::new(number, &method, Duration::ZERO, now(), 0.0).idempotent(idempotent);
            assert_eq!(policy.decide(&attempt, &outcome), expected, "{name}");
        }
    }

    #[test]
    fn an_attempt_is_idempotent_by_its_method_unless_told() {
        let at = |method: Method| Attempt::new(1, &method, Duration::ZERO, now(), 0.0).idempotent;
        assert!(at(Method::GET) && at(Method::PUT) && at(Method::DELETE));
        assert!(!at(Method::POST) && !at(Method::PATCH));
        let post = Method::POST;
        assert!(Attempt::new(1, &post, Duration::ZERO, now(), 0.0).idempotent(true).idempotent);
    }

    #[test]
    fn jitter_scales_backoff_between_half_and_full() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        let outcome = status(503, &none);
        let at =
            |jitter| policy.decide(&Attempt::new(2, &Method::GET, Duration::ZERO, now(), jitter), &outcome);
        assert_eq!(at(0.0), Decision::RetryAfter(Duration::from_millis(500)));
        assert_eq!(at(0.5), Decision::RetryAfter(Duration::from_millis(750)));
        assert_eq!(at(1.0), Decision::RetryAfter(Duration::from_millis(1000)));
    }

    #[test]
    fn backoff_is_capped() {
        let policy = RetryPolicy::default().max_attempts(50).max_total_wait(Duration::from_secs(3600));
        let none = HeaderMap::new();
        let decision = policy
            .decide(&Attempt::new(30, &Method::GET, Duration::ZERO, now(), 0.999_999), &status(503, &none));
        assert_eq!(decision, Decision::RetryAfter(Duration::from_secs(30).mul_f64(0.5 + 0.999_999 / 2.0)));
    }

    #[test]
    fn past_zero_or_unusable_hints_are_no_hint_and_too_large_ones_are_reported() {
        let past = headers(&[("retry-after", "Tue, 14 Nov 2023 22:00:00 GMT")]);
        assert_eq!(retry_after(&past, now()), None);
        let garbage = headers(&[("retry-after", "soon"), ("x-ratelimit-reset", "later")]);
        assert_eq!(server_delay(&garbage, now()), None);
        let beyond = headers(&[("retry-after", "18446744073709551616")]);
        assert_eq!(server_delay(&beyond, now()), Some(Duration::MAX));
        let u64_max = headers(&[("retry-after", "18446744073709551615")]);
        assert_eq!(server_delay(&u64_max, now()), Some(Duration::from_secs(u64::MAX)));
        let below_threshold = headers(&[("x-ratelimit-reset", "999999999")]);
        assert_eq!(server_delay(&below_threshold, now()), Some(Duration::from_secs(999_999_999)));
    }

    #[test]
    fn never_never_retries() {
        let none = HeaderMap::new();
        assert_eq!(decide(&RetryPolicy::never(), 1, Method::GET, 0, status(503, &none)), Decision::Stop);
    }

    #[test]
    fn a_total_time_limit_stops_retries_that_would_reach_it() {
        let policy = RetryPolicy::default().max_total_time(Some(Duration::from_secs(5)));
        let attempt = |elapsed: u64| {
            let method = Method::GET;
            let at =
                Attempt::new(1, &method, Duration::ZERO, now(), 0.0).elapsed(Duration::from_secs(elapsed));
            policy.decide(&at, &Outcome::Transport(TransportErrorKind::Timeout))
        };
        // 3 s spent (a timed-out attempt) + 250 ms backoff: within 5 s.
        assert_eq!(attempt(3), Decision::RetryAfter(Duration::from_millis(250)));
        // 5 s spent: no time is left for another attempt.
        assert_eq!(attempt(5), Decision::Stop);
        // Without the limit, the same call retries.
        let unlimited = RetryPolicy::default();
        let method = Method::GET;
        let at = Attempt::new(1, &method, Duration::ZERO, now(), 0.0).elapsed(Duration::from_secs(60));
        assert!(matches!(
            unlimited.decide(&at, &Outcome::Transport(TransportErrorKind::Timeout)),
            Decision::RetryAfter(_)
        ));
    }
}
