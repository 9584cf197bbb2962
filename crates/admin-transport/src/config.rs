use std::time::Duration;

/// Settings shared by the ready-made backends.
///
/// ```
/// use std::time::Duration;
/// use admin_transport::BackendConfig;
///
/// let config = BackendConfig::default().timeout(Duration::from_secs(30));
/// assert_eq!(config.max_body_bytes, 32 * 1024 * 1024);
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct BackendConfig {
    /// How long establishing a connection (DNS, TCP, TLS) may take. Default: 10 s.
    pub connect_timeout: Duration,
    /// How long a whole request may take, from sending to the last byte of the body.
    /// Default: 60 s.
    pub timeout: Duration,
    /// The largest response body accepted; a larger one is a
    /// [`TransportErrorKind::BodyTooLarge`](crate::TransportErrorKind::BodyTooLarge) error.
    /// Default: 32 MiB.
    pub max_body_bytes: u64,
    /// Whether to use a proxy from the standard environment variables (`HTTPS_PROXY`,
    /// `ALL_PROXY`, `NO_PROXY`, …). Default: true.
    pub proxy_from_env: bool,
}

impl Default for BackendConfig {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            timeout: Duration::from_secs(60),
            max_body_bytes: 32 * 1024 * 1024,
            proxy_from_env: true,
        }
    }
}

impl BackendConfig {
    /// Sets [`connect_timeout`](Self::connect_timeout).
    #[must_use]
    pub fn connect_timeout(mut self, timeout: Duration) -> Self {
        self.connect_timeout = timeout;
        self
    }

    /// Sets [`timeout`](Self::timeout).
    #[must_use]
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Sets [`max_body_bytes`](Self::max_body_bytes).
    #[must_use]
    pub fn max_body_bytes(mut self, limit: u64) -> Self {
        self.max_body_bytes = limit;
        self
    }

    /// Sets [`proxy_from_env`](Self::proxy_from_env).
    #[must_use]
    pub fn proxy_from_env(mut self, enabled: bool) -> Self {
        self.proxy_from_env = enabled;
        self
    }
}
