use std::error::Error as StdError;
use std::fmt;

use http::StatusCode;

/// What kind of transport failure happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum TransportErrorKind {
    /// No connection could be made (DNS, refused, TLS handshake). The request was not sent.
    Connect,
    /// A connect or request timeout expired. The request may have been applied.
    Timeout,
    /// The response body was larger than the configured limit. The request was applied.
    BodyTooLarge,
    /// The server answered with a redirect, which is never followed so that credentials
    /// never reach another host. The request may have been applied.
    Redirect,
    /// The request could not be turned into a valid HTTP request (bad URL or header).
    /// Nothing was sent.
    InvalidRequest,
    /// The connection failed while the request or response was in flight (reset, protocol
    /// error, I/O). The request may have been applied.
    Io,
    /// Anything else a backend reports.
    Other,
}

impl TransportErrorKind {
    /// Whether the request certainly did not reach the server, so that even a non-idempotent
    /// call can be retried safely.
    pub fn request_not_sent(self) -> bool {
        matches!(self, Self::Connect | Self::InvalidRequest)
    }
}

/// A failure below HTTP: the request got no complete response.
///
/// It never contains credentials: backends build it from their own errors, which describe
/// connections and URLs, never headers.
#[derive(Debug)]
pub struct TransportError {
    kind: TransportErrorKind,
    message: String,
    status: Option<StatusCode>,
    source: Option<Box<dyn StdError + Send + Sync>>,
}

impl TransportError {
    /// A new error of `kind` with a human-readable message.
    pub fn new(kind: TransportErrorKind, message: impl Into<String>) -> Self {
        Self { kind, message: message.into(), status: None, source: None }
    }

    /// Records the status of a response whose head arrived but whose body could not be read
    /// (too large, cut off, timed out): the server did answer, with this status.
    #[must_use]
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = Some(status);
        self
    }

    /// The status the server answered with, when its head arrived before the failure (e.g. a
    /// `500` whose body was [`BodyTooLarge`](TransportErrorKind::BodyTooLarge)); `None` when no
    /// response head arrived.
    pub fn status(&self) -> Option<StatusCode> {
        self.status
    }

    /// Attaches the underlying error.
    #[must_use]
    pub fn with_source(mut self, source: impl Into<Box<dyn StdError + Send + Sync>>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// What kind of failure this is.
    pub fn kind(&self) -> TransportErrorKind {
        self.kind
    }

    /// Whether a timeout expired.
    pub fn is_timeout(&self) -> bool {
        self.kind == TransportErrorKind::Timeout
    }

    /// Whether no connection could be made.
    pub fn is_connect(&self) -> bool {
        self.kind == TransportErrorKind::Connect
    }
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.kind {
            TransportErrorKind::Connect => "could not connect",
            TransportErrorKind::Timeout => "request timed out",
            TransportErrorKind::BodyTooLarge => "response body too large",
            TransportErrorKind::Redirect => "redirect not followed",
            TransportErrorKind::InvalidRequest => "invalid request",
            TransportErrorKind::Io => "connection failed",
            TransportErrorKind::Other => "transport failure",
        };
        match self.status {
            Some(status) => write!(f, "{kind} (the server answered {status}): {}", self.message),
            None => write!(f, "{kind}: {}", self.message),
        }
    }
}

impl StdError for TransportError {
    fn source(&self) -> Option<&(dyn StdError + 'static)> {
        self.source.as_deref().map(|e| e as &(dyn StdError + 'static))
    }
}

/// A duration for a message: `3 s`, `1.5 s`, `250 ms`.
#[cfg(any(feature = "ureq", feature = "reqwest"))]
pub(crate) fn seconds(duration: std::time::Duration) -> String {
    use std::time::Duration;
    if duration < Duration::from_secs(1) {
        format!("{} ms", duration.as_millis())
    } else if duration.subsec_millis() == 0 {
        format!("{} s", duration.as_secs())
    } else {
        format!("{:.1} s", duration.as_secs_f64())
    }
}
