use std::time::Duration;

use crate::nonblocking::HttpBackend;
use crate::{BackendConfig, BoxFuture, Bytes, HttpRequest, HttpResponse, TransportError, TransportErrorKind};

/// An async backend on [reqwest](https://docs.rs/reqwest) 0.13 (tokio) with rustls.
///
/// One client, so connections are kept alive and reused (clones share the pool). Redirects are
/// never followed, every HTTP status is returned as a response, the timeouts and body cap come
/// from [`BackendConfig`], and proxies come from the standard environment variables unless
/// disabled. Retries wait with `tokio::time::sleep`, so use it inside a tokio runtime.
#[derive(Debug, Clone)]
pub struct ReqwestBackend {
    client: reqwest::Client,
    max_body_bytes: u64,
    /// The client's total timeout, when this backend configured it: a request's own timeout
    /// replaces it only when shorter, and a timeout error names it.
    timeout: Option<Duration>,
}

impl ReqwestBackend {
    /// A backend with the given settings.
    ///
    /// # Errors
    /// A [`TransportError`] when the TLS backend cannot be initialised.
    pub fn new(config: &BackendConfig) -> Result<Self, TransportError> {
        let mut builder = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .connect_timeout(config.connect_timeout)
            .timeout(config.timeout);
        if !config.proxy_from_env {
            builder = builder.no_proxy();
        }
        let client = builder.build().map_err(|e| from_reqwest(e, TransportErrorKind::Other, None))?;
        Ok(Self { client, max_body_bytes: config.max_body_bytes, timeout: Some(config.timeout) })
    }

    /// A backend on a client you configured yourself. Configure it with
    /// `redirect(Policy::none())`, or redirects will be followed with your credentials. A
    /// request's own [`timeout`](HttpRequest::timeout) replaces your client's total timeout.
    pub fn from_client(client: reqwest::Client, max_body_bytes: u64) -> Self {
        Self { client, max_body_bytes, timeout: None }
    }

    async fn run(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let HttpRequest { method, url, mut headers, body, timeout } = request;
        let timeout = match (timeout, self.timeout) {
            (Some(asked), Some(total)) if asked >= total => None,
            (asked, _) => asked,
        };
        let total = timeout.or(self.timeout);
        let fail = move |error: reqwest::Error| from_reqwest(error, TransportErrorKind::Io, total);
        if body.is_none() && crate::may_have_body(&method) {
            // hyper writes `Content-Length` for a body of known size, and nothing at all for an
            // absent one, which strict gateways refuse (411).
            headers.insert(http::header::CONTENT_LENGTH, http::HeaderValue::from_static("0"));
        }
        let mut builder = self.client.request(method, url).headers(headers);
        if let Some(body) = body {
            builder = builder.body(body);
        }
        if let Some(timeout) = timeout {
            builder = builder.timeout(timeout);
        }
        let mut response = builder.send().await.map_err(fail)?;
        let status = response.status();
        let headers = std::mem::take(response.headers_mut());
        let limit = self.max_body_bytes;
        match response.content_length() {
            Some(len) if len > limit => return Err(too_large(limit).with_status(status)),
            // The body is framed by a `Content-Length` within the cap, which hyper enforces:
            // take it as it comes (no copy when it arrived in one chunk).
            Some(_) => {
                let body = response.bytes().await.map_err(|e| fail(e).with_status(status))?;
                return Ok(HttpResponse { status, headers, body });
            }
            // Unknown length (chunked, or decompressed): copy chunk by chunk, checking the cap.
            None => {}
        }
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| fail(e).with_status(status))? {
            if (body.len() + chunk.len()) as u64 > limit {
                return Err(too_large(limit).with_status(status));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

impl HttpBackend for ReqwestBackend {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        Box::pin(self.run(request))
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        Box::pin(tokio::time::sleep(duration))
    }
}

fn too_large(limit: u64) -> TransportError {
    TransportError::new(
        TransportErrorKind::BodyTooLarge,
        format!("the response body exceeds the limit of {limit} bytes"),
    )
}

fn from_reqwest(
    error: reqwest::Error,
    otherwise: TransportErrorKind,
    total: Option<Duration>,
) -> TransportError {
    let kind = if error.is_timeout() {
        TransportErrorKind::Timeout
    } else if error.is_connect() {
        TransportErrorKind::Connect
    } else if error.is_builder() {
        TransportErrorKind::InvalidRequest
    } else if error.is_redirect() {
        TransportErrorKind::Redirect
    } else {
        otherwise
    };
    // reqwest's message names the URL, never headers; drop the URL's query to be safe.
    let error = error.without_url();
    if kind == TransportErrorKind::Timeout {
        let message = match total {
            _ if error.is_connect() => "no connection in time (connect timeout)".to_owned(),
            Some(total) => {
                format!("no complete response after {} (total timeout)", crate::error::seconds(total))
            }
            None => "no complete response in time (total or connect timeout)".to_owned(),
        };
        return TransportError::new(kind, message).with_source(error);
    }
    TransportError::new(kind, error.to_string()).with_source(error)
}
