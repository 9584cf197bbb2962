//! Fault injection: rate limiting, 503 bursts, latency, malformed bodies.

use std::collections::HashMap;
use std::time::{Duration, Instant, SystemTime};

/// What a fault did to a request (see [`RecordedRequest::fault`](crate::RecordedRequest::fault)).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Fault {
    /// Answered 429 without being applied.
    RateLimited,
    /// Answered 503 without being applied.
    Unavailable,
    /// Applied, but the response body was truncated.
    Malformed,
}

#[derive(Debug, Clone)]
struct Window {
    limit: u32,
    length: Duration,
    started: Instant,
    started_wall: SystemTime,
    used: u32,
}

impl Window {
    /// Counts one request in this fixed window (rolling it forward when it has ended).
    fn take(&mut self, now: Instant) -> Result<RateHeaders, (Duration, RateHeaders)> {
        if now.duration_since(self.started) >= self.length {
            // Start a new window aligned to the old one.
            let elapsed = now.duration_since(self.started);
            let periods = (elapsed.as_nanos() / self.length.as_nanos().max(1)) as u32;
            let advance = self.length * periods;
            self.started += advance;
            self.started_wall += advance;
            self.used = 0;
        }
        let reset = self.started_wall + self.length;
        if self.used >= self.limit {
            let retry_after = (self.started + self.length).saturating_duration_since(now);
            return Err((retry_after, RateHeaders { limit: self.limit, remaining: 0, reset }));
        }
        self.used += 1;
        Ok(RateHeaders { limit: self.limit, remaining: self.limit - self.used, reset })
    }
}

/// The fault configuration and its counters.
#[derive(Debug, Clone, Default)]
pub(crate) struct FaultState {
    window: Option<Window>,
    rate_limit_next: u32,
    rate_limit_retry_after: Duration,
    unavailable_next: u32,
    unavailable_retry_after: Option<Duration>,
    pub latency: Duration,
    malformed_next: u32,
    /// Atlassian's limit on the audit-log paths (requests per window, per path), if any.
    path_limit: Option<(u32, Duration)>,
    path_windows: HashMap<&'static str, Window>,
}

/// Rate-limit headers to send.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RateHeaders {
    pub limit: u32,
    pub remaining: u32,
    pub reset: SystemTime,
}

/// What to do with an incoming request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Decision {
    Pass { headers: Option<RateHeaders>, malform: bool },
    RateLimited { retry_after: Duration, headers: RateHeaders },
    Unavailable { retry_after: Option<Duration> },
}

impl FaultState {
    pub(crate) fn set_window(&mut self, limit: u32, length: Duration) {
        self.window = Some(Window {
            limit,
            length: length.max(Duration::from_millis(1)),
            started: Instant::now(),
            started_wall: SystemTime::now(),
            used: 0,
        });
    }

    pub(crate) fn clear_window(&mut self) {
        self.window = None;
    }

    pub(crate) fn rate_limit_next(&mut self, n: u32, retry_after: Duration) {
        self.rate_limit_next = n;
        self.rate_limit_retry_after = retry_after;
    }

    pub(crate) fn unavailable_next(&mut self, n: u32, retry_after: Option<Duration>) {
        self.unavailable_next = n;
        self.unavailable_retry_after = retry_after;
    }

    pub(crate) fn malform_next(&mut self, n: u32) {
        self.malformed_next = n;
    }

    /// Removes every injected fault; the configured events path limit stays.
    pub(crate) fn clear(&mut self) {
        let path_limit = self.path_limit;
        *self = FaultState::default();
        self.path_limit = path_limit;
    }

    /// Sets (or, with `None`, removes) the per-path limit of the events paths.
    pub(crate) fn set_path_limit(&mut self, limit: Option<(u32, Duration)>) {
        self.path_limit = limit.map(|(n, d)| (n, d.max(Duration::from_millis(1))));
        self.path_windows.clear();
    }

    /// Counts a request to a limited path: its rate headers, or the wait and headers of a 429.
    pub(crate) fn decide_path(
        &mut self,
        path: &'static str,
    ) -> Option<Result<RateHeaders, (Duration, RateHeaders)>> {
        let (limit, length) = self.path_limit?;
        let now = Instant::now();
        let w = self.path_windows.entry(path).or_insert_with(|| Window {
            limit,
            length,
            started: now,
            started_wall: SystemTime::now(),
            used: 0,
        });
        Some(w.take(now))
    }

    /// Decides the fate of one request and updates the counters.
    pub(crate) fn decide(&mut self) -> Decision {
        let now = Instant::now();
        if self.rate_limit_next > 0 {
            self.rate_limit_next -= 1;
            let retry_after = self.rate_limit_retry_after;
            let (limit, reset) = match &self.window {
                Some(w) => (w.limit, w.started_wall + w.length),
                None => (0, SystemTime::now() + retry_after),
            };
            return Decision::RateLimited {
                retry_after,
                headers: RateHeaders { limit, remaining: 0, reset },
            };
        }
        let mut headers = None;
        if let Some(w) = &mut self.window {
            match w.take(now) {
                Ok(h) => headers = Some(h),
                Err((retry_after, headers)) => return Decision::RateLimited { retry_after, headers },
            }
        }
        if self.unavailable_next > 0 {
            self.unavailable_next -= 1;
            return Decision::Unavailable { retry_after: self.unavailable_retry_after };
        }
        let malform = self.malformed_next > 0;
        if malform {
            self.malformed_next -= 1;
        }
        Decision::Pass { headers, malform }
    }
}

/// Seconds for `Retry-After`, rounded up.
pub(crate) fn ceil_secs(d: Duration) -> u64 {
    d.as_secs() + u64::from(d.subsec_nanos() > 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_limits_then_next_n() {
        let mut f = FaultState::default();
        f.set_window(2, Duration::from_secs(60));
        assert!(matches!(f.decide(), Decision::Pass { headers: Some(RateHeaders { remaining: 1, .. }), .. }));
        assert!(matches!(f.decide(), Decision::Pass { headers: Some(RateHeaders { remaining: 0, .. }), .. }));
        match f.decide() {
            Decision::RateLimited { retry_after, headers } => {
                assert!(retry_after <= Duration::from_secs(60) && retry_after > Duration::from_secs(58));
                assert_eq!(headers.limit, 2);
            }
            other => panic!("{other:?}"),
        }
        f.clear();
        f.unavailable_next(1, None);
        f.malform_next(1);
        assert_eq!(f.decide(), Decision::Unavailable { retry_after: None });
        assert_eq!(f.decide(), Decision::Pass { headers: None, malform: true });
        assert_eq!(f.decide(), Decision::Pass { headers: None, malform: false });
        assert_eq!(ceil_secs(Duration::from_millis(1500)), 2);
        assert_eq!(ceil_secs(Duration::ZERO), 0);
    }
}
