use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use crate::{HttpRequest, HttpResponse, StatusCode, TransportError, TransportErrorKind, header};

/// A backend for tests: records every request and replays canned responses in order.
///
/// It implements both backend traits (when their features are on). `sleep` returns at once and
/// records the duration, so retry tests run instantly and can assert on the waits. Clones share
/// their state.
///
/// ```
/// use admin_transport::{MockBackend, StatusCode};
///
/// let mock = MockBackend::new();
/// mock.push_json(StatusCode::OK, r#"{"ok":true}"#);
/// assert!(mock.requests().is_empty());
/// ```
#[derive(Debug, Clone, Default)]
pub struct MockBackend {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    replies: VecDeque<Result<HttpResponse, TransportError>>,
    requests: Vec<HttpRequest>,
    sleeps: Vec<Duration>,
}

impl MockBackend {
    /// An empty mock: every request fails until responses are pushed.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues a response.
    pub fn push_response(&self, response: HttpResponse) -> &Self {
        self.state().replies.push_back(Ok(response));
        self
    }

    /// Queues a response with a JSON body and `Content-Type: application/json`.
    pub fn push_json(&self, status: StatusCode, json: &str) -> &Self {
        let mut response = HttpResponse::new(status, json.to_owned());
        response.headers.insert(header::CONTENT_TYPE, header::HeaderValue::from_static("application/json"));
        self.push_response(response)
    }

    /// Queues a transport failure.
    pub fn push_error(&self, error: TransportError) -> &Self {
        self.state().replies.push_back(Err(error));
        self
    }

    /// Every request executed so far, oldest first.
    pub fn requests(&self) -> Vec<HttpRequest> {
        self.state().requests.clone()
    }

    /// Every wait asked for so far, oldest first.
    pub fn sleeps(&self) -> Vec<Duration> {
        self.state().sleeps.clone()
    }

    /// How many queued replies are left.
    pub fn remaining(&self) -> usize {
        self.state().replies.len()
    }

    fn state(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    #[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
    fn reply(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        let mut state = self.state();
        let summary = format!("{} {}", request.method, request.url.path());
        state.requests.push(request);
        state.replies.pop_front().unwrap_or_else(|| {
            Err(TransportError::new(
                TransportErrorKind::Other,
                format!("MockBackend has no canned response left for {summary}"),
            ))
        })
    }

    #[cfg_attr(not(any(feature = "blocking", feature = "async")), allow(dead_code))]
    fn record_sleep(&self, duration: Duration) {
        self.state().sleeps.push(duration);
    }
}

#[cfg(feature = "blocking")]
impl crate::blocking::HttpBackend for MockBackend {
    fn execute(&self, request: HttpRequest) -> Result<HttpResponse, TransportError> {
        self.reply(request)
    }

    fn sleep(&self, duration: Duration) {
        self.record_sleep(duration);
    }
}

#[cfg(feature = "async")]
impl crate::nonblocking::HttpBackend for MockBackend {
    fn execute(&self, request: HttpRequest) -> crate::BoxFuture<'_, Result<HttpResponse, TransportError>> {
        let reply = self.reply(request);
        Box::pin(async move { reply })
    }

    fn sleep(&self, duration: Duration) -> crate::BoxFuture<'_, ()> {
        self.record_sleep(duration);
        Box::pin(async {})
    }
}
