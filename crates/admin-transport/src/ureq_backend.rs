mod edge;
mod resolver;

use std::io;

use http::Method;
use ureq::unversioned::transport::{Connector, DefaultConnector};

use crate::blocking::HttpBackend;
use crate::may_have_body;
use crate::{BackendConfig, Bytes, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// A blocking backend on [ureq](https://docs.rs/ureq) 3 with rustls.
///
/// One agent, so connections are kept alive and reused across calls (and clones share the
/// pool). Redirects are never followed, every HTTP status is returned as a response, the
/// timeouts and body cap come from [`BackendConfig`], and a proxy is taken from the standard
/// environment variables unless disabled.
///
/// Built with [`new`](Self::new), the agent also:
/// * resolves without a thread per request: IP literals need no lookup and host names are
///   cached for 30 s (ureq's own resolver, used on a miss, bounds the lookup by the timeouts
///   with a thread, which it would otherwise create for every request);
/// * keeps credentials out of logs: ureq's protocol layer dumps the raw request bytes at `log`
///   level TRACE, so `Authorization` (and any sensitive header) goes through ureq as a
///   same-length placeholder and the real value is put back only in the bytes sent;
/// * makes fewer system calls per request on a warm connection: one liveness probe instead
///   of two, and socket timeouts set only when they change (the remaining total time is
///   rounded down by less than 1/64 of itself, so the total timeout may fire up to 1.6 %
///   early, never late);
/// * frames every request with `Content-Length` (`0` for a POST, PUT or PATCH without a
///   body), never chunked, since some gateways refuse unframed or chunked requests with 411.
#[derive(Debug, Clone)]
pub struct UreqBackend {
    agent: ureq::Agent,
    max_body_bytes: u64,
    placeholders: Option<edge::Placeholders>,
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
        let agent_config = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .max_redirects(0)
            .max_redirects_will_error(false)
            .timeout_connect(Some(config.connect_timeout))
            .timeout_global(Some(config.timeout))
            .proxy(proxy)
            .build();
        let connector = DefaultConnector::new().chain(edge::EdgeConnector);
        let agent = ureq::Agent::with_parts(agent_config, connector, resolver::CachingResolver::new());
        Self { agent, max_body_bytes: config.max_body_bytes, placeholders: Some(edge::Placeholders::new()) }
    }

    /// A backend on an agent you configured yourself. Configure it with
    /// `http_status_as_error(false)` and `max_redirects(0)`, or statuses and redirects will
    /// not be reported as this crate expects. Such an agent has ureq's own resolver and
    /// connector, so request headers reach ureq (and its TRACE logs) as they are.
    pub fn from_agent(agent: ureq::Agent, max_body_bytes: u64) -> Self {
        Self { agent, max_body_bytes, placeholders: None }
    }
}

impl HttpBackend for UreqBackend {
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let HttpRequest { method, url, mut headers, body } = request;
        let _armed = self.placeholders.as_ref().map(|p| p.swap_in(&mut headers));
        // `Url` → `String` → `Uri` moves the serialization instead of copying and re-parsing it.
        let uri = http::Uri::try_from(String::from(url)).map_err(|e| invalid_request(e.into()))?;
        let mut response = match body {
            Some(body) => self.agent.run(build(method, uri, headers, &body[..])),
            // A method that may carry a body says it has none, rather than being sent chunked.
            None if may_have_body(&method) => self.agent.run(build(method, uri, headers, &[][..])),
            None => self.agent.run(build(method, uri, headers, ())),
        }
        .map_err(from_ureq)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let body =
            response.body_mut().with_config().limit(self.max_body_bytes).read_to_vec().map_err(from_ureq)?;
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

fn build<B>(method: Method, uri: http::Uri, headers: http::HeaderMap, body: B) -> http::Request<B> {
    let mut request = http::Request::new(body);
    *request.method_mut() = method;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    request
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
