//! Pluggable HTTP backends for the `atlassian-admin` client.
//!
//! The client in `admin-api` plans every request as an owned [`HttpRequest`] and hands it to a
//! backend, which returns an owned [`HttpResponse`] with the status, **all** headers (so
//! `Retry-After` and `X-RateLimit-*` reach the retry policy) and the body. Two traits exist, one
//! per execution model; both are object safe, `Send + Sync + Debug`, and easy to implement for
//! your own HTTP client:
//!
//! | trait | feature | ready-made backend |
//! |---|---|---|
//! | [`blocking::HttpBackend`] | `blocking` | [`UreqBackend`] (feature `ureq`) |
//! | [`nonblocking::HttpBackend`] | `async` | [`ReqwestBackend`] (feature `reqwest`) |
//!
//! A backend must **not** follow redirects (a token must never travel to another host), and
//! should cap the response body ([`BackendConfig::max_body_bytes`]). Feature `test-util` adds
//! [`MockBackend`], which records requests and replays canned responses for both traits.
#![warn(missing_docs)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]

mod config;
mod error;
mod message;

#[cfg(feature = "blocking")]
pub mod blocking;
#[cfg(feature = "async")]
pub mod nonblocking;

#[cfg(feature = "test-util")]
mod mock;
#[cfg(feature = "reqwest")]
mod reqwest_backend;
#[cfg(feature = "ureq")]
mod ureq_backend;

pub use bytes::Bytes;
pub use config::BackendConfig;
pub use error::{TransportError, TransportErrorKind};
pub use http::{HeaderMap, HeaderName, HeaderValue, Method, StatusCode, header};
pub use message::{HttpRequest, HttpResponse};
pub use url::Url;

#[cfg(feature = "test-util")]
pub use mock::MockBackend;
#[cfg(feature = "reqwest")]
pub use reqwest_backend::ReqwestBackend;
#[cfg(feature = "ureq")]
pub use ureq_backend::UreqBackend;

/// Whether HTTP semantics give `method` a body, so that a request without one must say
/// `Content-Length: 0` (strict gateways answer 411 to a POST, PUT or PATCH that is neither
/// length-delimited nor chunked).
#[cfg(any(feature = "ureq", feature = "reqwest"))]
fn may_have_body(method: &Method) -> bool {
    *method == Method::POST || *method == Method::PUT || *method == Method::PATCH
}

/// A boxed, `Send` future: what [`nonblocking::HttpBackend`] returns, so the trait stays object
/// safe without `async-trait`.
pub type BoxFuture<'a, T> = std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send + 'a>>;
