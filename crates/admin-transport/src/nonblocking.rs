//! The async backend trait.

use std::time::Duration;

use crate::{BoxFuture, HttpRequest, HttpResponse, TransportError};

/// Executes HTTP requests asynchronously.
///
/// The futures are boxed and `Send`, so the trait can be used as `dyn HttpBackend` and the
/// client's futures can be spawned on a multi-threaded runtime. Implement it to plug in your
/// own client or runtime. An implementation must not follow redirects and should cap response
/// bodies; it returns any HTTP status as `Ok(HttpResponse)`.
///
/// ```
/// use std::time::Duration;
/// use admin_transport::{nonblocking::HttpBackend, BoxFuture, HttpRequest, HttpResponse, StatusCode, TransportError};
///
/// #[derive(Debug)]
/// struct AlwaysNoContent;
///
/// impl HttpBackend for AlwaysNoContent {
///     fn execute(&self, _request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
///         Box::pin(async { Ok(HttpResponse::new(StatusCode::NO_CONTENT, "")) })
///     }
///     fn sleep(&self, _duration: Duration) -> BoxFuture<'_, ()> {
///         Box::pin(async {}) // a real backend waits on its runtime's timer
///     }
/// }
/// ```
pub trait HttpBackend: Send + Sync + std::fmt::Debug {
    /// Sends `request` and reads the whole response.
    ///
    /// The future resolves to a [`TransportError`] when no complete HTTP response was received.
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>>;

    /// Waits before a retry, on the backend's runtime.
    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()>;
}

impl<T: HttpBackend + ?Sized> HttpBackend for std::sync::Arc<T> {
    fn execute(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, TransportError>> {
        (**self).execute(request)
    }

    fn sleep(&self, duration: Duration) -> BoxFuture<'_, ()> {
        (**self).sleep(duration)
    }
}
