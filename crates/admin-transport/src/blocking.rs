//! The blocking backend trait.

use std::time::Duration;

use crate::{HttpRequest, HttpResponse, TransportError};

/// Executes HTTP requests, blocking the calling thread.
///
/// Implement it to plug in your own client. An implementation must not follow redirects and
/// should cap response bodies; it returns any HTTP status (4xx, 5xx included) as
/// `Ok(HttpResponse)`, keeping `Err` for failures below HTTP.
///
/// ```
/// use admin_transport::{blocking::HttpBackend, HttpRequest, HttpResponse, StatusCode, TransportError};
///
/// #[derive(Debug)]
/// struct AlwaysNoContent;
///
/// impl HttpBackend for AlwaysNoContent {
///     fn execute(&self, _request: HttpRequest) -> Result<HttpResponse, TransportError> {
///         Ok(HttpResponse::new(StatusCode::NO_CONTENT, ""))
///     }
/// }
/// ```
pub trait HttpBackend: Send + Sync + std::fmt::Debug {
    /// Sends `request` and reads the whole response.
    ///
    /// # Errors
    /// A [`TransportError`] when no complete HTTP response was received.
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError>;

    /// Waits before a retry. The default sleeps the current thread.
    fn sleep(&self, duration: Duration) {
        std::thread::sleep(duration);
    }
}

impl<T: HttpBackend + ?Sized> HttpBackend for std::sync::Arc<T> {
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        (**self).execute(request)
    }

    fn sleep(&self, duration: Duration) {
        (**self).sleep(duration);
    }
}
