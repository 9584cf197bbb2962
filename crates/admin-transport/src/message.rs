use std::fmt;
use std::time::Duration;

use bytes::Bytes;
use http::{HeaderMap, Method, StatusCode, header};
use url::Url;

/// An owned HTTP request, ready for a backend.
///
/// `Debug` never shows the value of an `Authorization` header.
#[derive(Clone, PartialEq)]
pub struct HttpRequest {
    /// The method.
    pub method: Method,
    /// The absolute URL, with path segments and query already percent-encoded.
    pub url: Url,
    /// The headers, including `Authorization` (marked sensitive).
    pub headers: HeaderMap,
    /// The body, if any. Cheap to clone, so a retry does not copy it.
    pub body: Option<Bytes>,
    /// At most this long for the whole exchange (connect, send, response head and body). The
    /// backend's own total timeout ([`BackendConfig::timeout`](crate::BackendConfig::timeout))
    /// still applies: the shorter wins. `None` (the default): the backend's timeout only. The
    /// client sets it to what is left of a call's total time so that no attempt outlives it.
    pub timeout: Option<Duration>,
}

impl HttpRequest {
    /// A request without headers or body.
    pub fn new(method: Method, url: Url) -> Self {
        Self { method, url, headers: HeaderMap::new(), body: None, timeout: None }
    }

    /// The body as UTF-8 text, if there is one and it is text.
    pub fn body_text(&self) -> Option<&str> {
        self.body.as_deref().and_then(|b| std::str::from_utf8(b).ok())
    }
}

impl fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &self.url.as_str())
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body.as_ref().map(|b| String::from_utf8_lossy(b)))
            .field("timeout", &self.timeout)
            .finish()
    }
}

/// An owned HTTP response: status, every header, and the whole body.
#[derive(Clone, PartialEq)]
pub struct HttpResponse {
    /// The status code.
    pub status: StatusCode,
    /// All response headers (`Retry-After`, `X-RateLimit-*`, `Content-Type`, …).
    pub headers: HeaderMap,
    /// The body (empty when there is none).
    pub body: Bytes,
}

impl HttpResponse {
    /// A response with a status and a body and no headers.
    pub fn new(status: StatusCode, body: impl Into<Bytes>) -> Self {
        Self { status, headers: HeaderMap::new(), body: body.into() }
    }

    /// A header's value as text, if present and visible ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// The `Content-Type` header, if any.
    pub fn content_type(&self) -> Option<&str> {
        self.header(header::CONTENT_TYPE.as_str())
    }

    /// The body as text, replacing invalid UTF-8.
    pub fn body_text(&self) -> std::borrow::Cow<'_, str> {
        String::from_utf8_lossy(&self.body)
    }
}

impl fmt::Debug for HttpResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("HttpResponse")
            .field("status", &self.status)
            .field("headers", &RedactedHeaders(&self.headers))
            .field("body", &self.body_text())
            .finish()
    }
}

/// Formats headers with credential-bearing values hidden.
struct RedactedHeaders<'a>(&'a HeaderMap);

impl fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut map = f.debug_map();
        for (name, value) in self.0 {
            if is_secret_header(name) || value.is_sensitive() {
                map.entry(&name.as_str(), &"[redacted]");
            } else {
                map.entry(&name.as_str(), &value.to_str().unwrap_or("[binary]"));
            }
        }
        map.finish()
    }
}

fn is_secret_header(name: &http::HeaderName) -> bool {
    name == header::AUTHORIZATION
        || name == header::PROXY_AUTHORIZATION
        || name == header::COOKIE
        || name == header::SET_COOKIE
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_authorization_value() {
        let mut req = HttpRequest::new(Method::GET, Url::parse("https://example.com/x").unwrap());
        req.headers.insert(header::AUTHORIZATION, "Bearer s3cr3t".parse().unwrap());
        let shown = format!("{req:?}");
        assert!(!shown.contains("s3cr3t"), "{shown}");
        assert!(shown.contains("[redacted]"), "{shown}");
    }
}
