//! A client-side request limiter per API path, so a reader stays under a limit the server
//! enforces instead of collecting 429s.
//!
//! Atlassian limits `GET /admin/v1/orgs/{orgId}/events` to **10 requests a minute per user and
//! per path** (since the end of May 2025; the newer spec text transcribed in jira.js
//! `src/admin/api/events.ts`). The client therefore limits that path by default
//! ([`PathLimits::default`]); [`ClientBuilder::path_limit`](crate::blocking::ClientBuilder::path_limit)
//! changes or removes it and adds others.
//!
//! The limit is a sliding window per **concrete path** (so two orgs are two paths), shared by
//! every clone of the client: a request that would exceed it waits (through the backend's
//! `sleep`) until the oldest request of the window leaves it. Deciding is pure
//! ([`Window::reserve`]): it books the request at the instant it may go and returns the wait,
//! so no clock is read twice and a test backend whose `sleep` returns at once still sees the
//! right waits.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// At most `requests` requests in any `per` window.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    requests: u32,
    per: Duration,
}

impl RateLimit {
    /// `requests` per `per` (at least one request; a zero window means no limit).
    pub fn new(requests: u32, per: Duration) -> Self {
        Self { requests: requests.max(1), per }
    }

    /// `requests` a minute.
    pub fn per_minute(requests: u32) -> Self {
        Self::new(requests, Duration::from_secs(60))
    }

    /// Requests allowed per window.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// The window.
    pub fn per(&self) -> Duration {
        self.per
    }
}

/// The default limit of `GET /admin/v1/orgs/{orgId}/events`: 10 a minute.
pub const EVENTS_RATE_LIMIT: RateLimit = RateLimit { requests: 10, per: Duration::from_secs(60) };

/// Which path templates are limited, and how. Default: `GET /admin/v1/orgs/{orgId}/events` at
/// [`EVENTS_RATE_LIMIT`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathLimits {
    limits: HashMap<&'static str, RateLimit>,
}

impl Default for PathLimits {
    fn default() -> Self {
        let mut limits = HashMap::new();
        limits.insert(crate::plan::org::EVENTS_PATH, EVENTS_RATE_LIMIT);
        Self { limits }
    }
}

impl PathLimits {
    /// No path limited.
    pub fn none() -> Self {
        Self { limits: HashMap::new() }
    }

    /// Limits requests to `path_template` (e.g. `/admin/v1/orgs/{orgId}/events`), or lifts its
    /// limit with `None`.
    pub fn set(&mut self, path_template: &'static str, limit: Option<RateLimit>) {
        match limit {
            Some(limit) => self.limits.insert(path_template, limit),
            None => self.limits.remove(path_template),
        };
    }

    /// The limit of a path template, if any.
    pub fn get(&self, path_template: &str) -> Option<RateLimit> {
        self.limits.get(path_template).copied()
    }
}

/// One path's window: the instants its last requests were booked for.
#[derive(Debug, Default)]
pub(crate) struct Window {
    booked: VecDeque<Instant>,
}

impl Window {
    /// Books a request wanted at `now` under `limit` and returns how long to wait before
    /// sending it (zero when the window has room).
    pub(crate) fn reserve(&mut self, limit: RateLimit, now: Instant) -> Duration {
        if limit.per.is_zero() {
            return Duration::ZERO;
        }
        let allowed = limit.requests as usize;
        let at = if self.booked.len() < allowed {
            now
        } else {
            // The request `allowed` places back must have left the window.
            let oldest_in_window = self.booked[self.booked.len() - allowed];
            now.max(oldest_in_window + limit.per)
        };
        self.booked.push_back(at);
        while self.booked.len() > allowed {
            self.booked.pop_front();
        }
        at.saturating_duration_since(now)
    }
}

/// The limiter a client shares between its clones.
#[derive(Debug, Default)]
pub(crate) struct Limiter {
    limits: PathLimits,
    windows: Mutex<HashMap<String, Window>>,
}

impl Limiter {
    pub(crate) fn new(limits: PathLimits) -> Self {
        Self { limits, windows: Mutex::new(HashMap::new()) }
    }

    /// Books a request to `path` (of `path_template`) wanted at `now`; the wait before sending
    /// it, or `None` when the path is not limited.
    pub(crate) fn reserve(&self, path_template: &str, path: &str, now: Instant) -> Option<Duration> {
        let limit = self.limits.get(path_template)?;
        let mut windows = self.windows.lock().unwrap_or_else(PoisonError::into_inner);
        Some(windows.entry(path.to_owned()).or_default().reserve(limit, now))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SECOND: Duration = Duration::from_secs(1);

    #[test]
    fn a_window_lets_its_quota_through_then_spaces_requests_by_the_oldest() {
        let limit = RateLimit::new(3, Duration::from_secs(60));
        let mut window = Window::default();
        let t0 = Instant::now();
        assert_eq!(window.reserve(limit, t0), Duration::ZERO);
        assert_eq!(window.reserve(limit, t0 + SECOND), Duration::ZERO);
        assert_eq!(window.reserve(limit, t0 + 2 * SECOND), Duration::ZERO);
        // The fourth must wait until the first leaves the window (t0 + 60 s).
        assert_eq!(window.reserve(limit, t0 + 10 * SECOND), 50 * SECOND);
        // The fifth, asked for at the same moment, waits for the second (t0 + 61 s).
        assert_eq!(window.reserve(limit, t0 + 10 * SECOND), 51 * SECOND);
        // Much later the window is empty again.
        assert_eq!(window.reserve(limit, t0 + 600 * SECOND), Duration::ZERO);
    }

    #[test]
    fn the_events_path_is_limited_by_default_per_concrete_path() {
        let limiter = Limiter::new(PathLimits::default());
        let t0 = Instant::now();
        let events = "/admin/v1/orgs/{orgId}/events";
        for _ in 0..10 {
            assert_eq!(limiter.reserve(events, "/admin/v1/orgs/o1/events", t0), Some(Duration::ZERO));
        }
        assert_eq!(limiter.reserve(events, "/admin/v1/orgs/o1/events", t0), Some(60 * SECOND));
        assert_eq!(
            limiter.reserve(events, "/admin/v1/orgs/o2/events", t0),
            Some(Duration::ZERO),
            "another org"
        );
        assert_eq!(
            limiter.reserve("/admin/v1/orgs/{orgId}/events-stream", "/x", t0),
            None,
            "the stream is free"
        );
    }

    #[test]
    fn limits_can_be_changed_or_lifted() {
        let mut limits = PathLimits::default();
        limits.set("/admin/v1/orgs/{orgId}/events", None);
        assert_eq!(limits.get("/admin/v1/orgs/{orgId}/events"), None);
        limits.set("/admin/v1/orgs/{orgId}/policies", Some(RateLimit::per_minute(5)));
        assert_eq!(limits.get("/admin/v1/orgs/{orgId}/policies"), Some(RateLimit::per_minute(5)));
        assert_eq!(PathLimits::none().get("/admin/v1/orgs/{orgId}/events"), None);
    }
}
