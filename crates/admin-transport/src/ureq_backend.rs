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
    /// The configured timeouts, to say in a timeout error how long was waited (unknown for an
    /// agent configured by the caller).
    timeouts: Timeouts,
}

/// The timeouts an error message can name.
#[derive(Debug, Clone, Copy, Default)]
struct Timeouts {
    connect: Option<std::time::Duration>,
    total: Option<std::time::Duration>,
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
        Self {
            agent,
            max_body_bytes: config.max_body_bytes,
            placeholders: Some(edge::Placeholders::new()),
            timeouts: Timeouts { connect: Some(config.connect_timeout), total: Some(config.timeout) },
        }
    }

    /// A backend on an agent you configured yourself. Configure it with
    /// `http_status_as_error(false)` and `max_redirects(0)`, or statuses and redirects will
    /// not be reported as this crate expects. Such an agent has ureq's own resolver and
    /// connector, so request headers reach ureq (and its TRACE logs) as they are.
    pub fn from_agent(agent: ureq::Agent, max_body_bytes: u64) -> Self {
        Self { agent, max_body_bytes, placeholders: None, timeouts: Timeouts::default() }
    }
}

impl HttpBackend for UreqBackend {
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let HttpRequest { method, url, mut headers, body, timeout } = request;
        let _armed = self.placeholders.as_ref().map(|p| p.swap_in(&mut headers));
        // The request's own timeout (what is left of the call's total time) replaces the agent's
        // total timeout when it is shorter.
        let mut timeouts = self.timeouts;
        let timeout = match (timeout, timeouts.total) {
            (Some(asked), Some(total)) if asked >= total => None,
            (asked, _) => asked,
        };
        if timeout.is_some() {
            timeouts.total = timeout;
        }
        let fail = |error: ureq::Error| from_ureq(error, timeouts);
        // `Url` → `String` → `Uri` moves the serialization instead of copying and re-parsing it.
        let uri = http::Uri::try_from(String::from(url)).map_err(|e| invalid_request(e.into()))?;
        let mut response = match body {
            Some(body) => self.run(build(method, uri, headers, &body[..]), timeout),
            // A method that may carry a body says it has none, rather than being sent chunked.
            None if may_have_body(&method) => self.run(build(method, uri, headers, &[][..]), timeout),
            None => self.run(build(method, uri, headers, ()), timeout),
        }
        .map_err(fail)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        // The head arrived: a failure reading the body (too large, cut off) keeps its status.
        let body = response
            .body_mut()
            .with_config()
            .limit(self.max_body_bytes)
            .read_to_vec()
            .map_err(|e| fail(e).with_status(status))?;
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

impl UreqBackend {
    /// Runs a request, with a total timeout of its own when it has one.
    fn run<B: ureq::AsSendBody>(
        &self,
        request: http::Request<B>,
        timeout: Option<std::time::Duration>,
    ) -> Result<http::Response<ureq::Body>, ureq::Error> {
        match timeout {
            Some(timeout) => {
                self.agent.run(self.agent.configure_request(request).timeout_global(Some(timeout)).build())
            }
            None => self.agent.run(request),
        }
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

fn from_ureq(error: ureq::Error, timeouts: Timeouts) -> TransportError {
    if let ureq::Error::Timeout(which) = &error {
        let message = timeout_message(*which, timeouts);
        return TransportError::new(TransportErrorKind::Timeout, message).with_source(error);
    }
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
    if kind == TransportErrorKind::Timeout {
        // A socket read or write that ran into the remaining total time.
        return TransportError::new(kind, timeout_message(ureq::Timeout::Global, timeouts))
            .with_source(error);
    }
    TransportError::new(kind, error.to_string()).with_source(error)
}

/// What a timeout means, in words: `no complete response after 3 s (total timeout)`.
fn timeout_message(which: ureq::Timeout, timeouts: Timeouts) -> String {
    use crate::error::seconds;
    match which {
        ureq::Timeout::Global | ureq::Timeout::PerCall => match timeouts.total {
            Some(total) => format!("no complete response after {} (total timeout)", seconds(total)),
            None => "no complete response in time (total timeout)".to_owned(),
        },
        ureq::Timeout::Connect | ureq::Timeout::Resolve => match timeouts.connect {
            Some(connect) => format!("no connection after {} (connect timeout)", seconds(connect)),
            None => "no connection in time (connect timeout)".to_owned(),
        },
        other => format!("{other} timeout expired"),
    }
}
