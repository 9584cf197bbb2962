use std::io;

use crate::blocking::HttpBackend;
use crate::{BackendConfig, Bytes, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A blocking backend on [ureq](https://docs.rs/ureq) 3 with rustls.
///
/// One agent, so connections are kept alive and reused across calls (and clones share the
/// pool). Redirects are never followed, every HTTP status is returned as a response, the
/// timeouts and body cap come from [`BackendConfig`], and a proxy is taken from the standard
/// environment variables unless disabled.
#[derive(Debug, Clone)]
pub struct UreqBackend {
    agent: ureq::Agent,
    max_body_bytes: u64,
}

impl Default for UreqBackend {
    fn default() -> Self {
        Self::new(&BackendConfig::default())
    }
}

impl UreqBackend {
    /// A backend with the given settings.
    pub fn new(config: &BackendConfig) -> Self {
        let proxy = if config.proxy_from_env { ureq::Proxy::try_from_env() } else { None };
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .proxy(proxy)
            .build()
            .new_agent();
        Self { agent, max_body_bytes: config.max_body_bytes }
    }

    /// A backend on an agent you configured yourself. Configure it with
    /// `http_status_as_error(false)` and `max_redirects(0)`, or statuses and redirects will
    /// not be reported as this crate expects.
    pub fn from_agent(agent: ureq::Agent, max_body_bytes: u64) -> Self {
        Self { agent, max_body_bytes }
    }
}

impl HttpBackend for UreqBackend {
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut builder = http::Request::builder().method(request.method).uri(request.url.as_str());
        if let Some(headers) = builder.headers_mut() {
            *headers = request.headers;
        }
        let sent = match &request.body {
            Some(body) => builder
                .body(&body[..])
                .map_err(invalid_request)
                .and_then(|r| self.agent.run(r).map_err(from_ureq)),
            None => {
                builder.body(()).map_err(invalid_request).and_then(|r| self.agent.run(r).map_err(from_ureq))
            }
        };
        let mut response = sent?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body =
            response.body_mut().with_config().limit(self.max_body_bytes).read_to_vec().map_err(from_ureq)?;
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

fn invalid_request(error: http::Error) -> TransportError {
    TransportError::new(TransportErrorKind::InvalidRequest, error.to_string()).with_source(error)
}

fn from_ureq(error: ureq::Error) -> TransportError {
    let kind = match &error {
        ureq::Error::Timeout(_) => TransportErrorKind::Timeout,
        ureq::Error::HostNotFound | ureq::Error::ConnectionFailed => TransportErrorKind::Connect,
        ureq::Error::BodyExceedsLimit(_) => TransportErrorKind::BodyTooLarge,
        ureq::Error::BadUri(_) | ureq::Error::Http(_) | ureq::Error::InvalidProxyUrl => {
            TransportErrorKind::InvalidRequest
        }
        ureq::Error::RedirectFailed | ureq::Error::TooManyRedirects => TransportErrorKind::Redirect,
        ureq::Error::Tls(_) | ureq::Error::Rustls(_) => TransportErrorKind::Connect,
        ureq::Error::Io(io) => match io.kind() {
            io::ErrorKind::ConnectionRefused | io::ErrorKind::AddrNotAvailable => TransportErrorKind::Connect,
            io::ErrorKind::TimedOut | io::ErrorKind::WouldBlock => TransportErrorKind::Timeout,
            _ => TransportErrorKind::Io,
        },
        ureq::Error::Protocol(_) => TransportErrorKind::Io,
        _ => TransportErrorKind::Other,
    };
    TransportError::new(kind, error.to_string()).with_source(error)
}
