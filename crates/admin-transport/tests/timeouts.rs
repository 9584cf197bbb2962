//! Every timeout the ready-made backends promise ([`BackendConfig`]) fires, on loopback only:
//! the connect timeout against a black hole (a listener whose accept queue is full, so SYNs
//! go unanswered), the total timeout against a server that reads the request and never
//! answers. And the blocking backend's resolver (IP literals and a host-name cache, no
//! thread per request) still reaches a server by name.
#![cfg(any(feature = "ureq", feature = "reqwest"))]

mod support;

use std::time::Duration;

use admin_transport::{BackendConfig, HttpRequest, Method, TransportErrorKind, Url};
#[cfg(feature = "ureq")]
use support::RawServer;
use support::{BlackHole, stalling_server};

/// Runs `work` on a thread and fails the test if it has not finished within a minute, so that
/// a timeout that is not applied fails instead of hanging the suite.
fn within_a_minute<T: Send + 'static>(work: impl FnOnce() -> T + Send + 'static) -> T {
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || tx.send(work()).unwrap());
    rx.recv_timeout(Duration::from_secs(60)).expect("the backend never gave up: a timeout was not applied")
}

fn get(url: &str) -> HttpRequest {
    HttpRequest::new(Method::GET, Url::parse(url).unwrap())
}

/// Connect timeout short, total long: only the connect timeout can fire first.
fn connect_config() -> BackendConfig {
    BackendConfig::default()
        .connect_timeout(Duration::from_millis(300))
        .timeout(Duration::from_secs(45))
        .proxy_from_env(false)
}

/// Total timeout short, connect long.
fn total_config() -> BackendConfig {
    BackendConfig::default()
        .connect_timeout(Duration::from_secs(10))
        .timeout(Duration::from_millis(500))
        .proxy_from_env(false)
}

#[cfg(feature = "ureq")]
mod ureq_backend {
    use admin_transport::UreqBackend;
    use admin_transport::blocking::HttpBackend;

    use super::*;

    #[test]
    fn the_connect_timeout_fires_against_a_black_hole() {
        let hole = BlackHole::new();
        assert!(hole.swallows_connects(Duration::from_millis(200)), "the loopback black hole works");
        let url = format!("http://{}/", hole.addr);
        let error = within_a_minute(move || {
            let result = UreqBackend::new(&connect_config()).execute(get(&url));
            drop(hole);
            result.unwrap_err()
        });
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
        assert!(error.to_string().contains("connect"), "the connect timeout, not the total one: {error}");
    }

    #[test]
    fn the_total_timeout_fires_against_a_server_that_never_answers() {
        let url = format!("http://{}/", stalling_server());
        let error =
            within_a_minute(move || UreqBackend::new(&total_config()).execute(get(&url)).unwrap_err());
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
        // Readable: what ran out and after how long (it read `timed out: timeout: global`).
        assert_eq!(error.to_string(), "request timed out: no complete response after 500 ms (total timeout)");
    }

    #[test]
    fn a_request_timeout_shorter_than_the_backends_wins() {
        let url = format!("http://{}/", stalling_server());
        let error = within_a_minute(move || {
            let mut request = get(&url);
            request.timeout = Some(Duration::from_millis(200));
            UreqBackend::new(&BackendConfig::default().proxy_from_env(false)).execute(request).unwrap_err()
        });
        assert_eq!(error.to_string(), "request timed out: no complete response after 200 ms (total timeout)");
    }

    #[test]
    fn a_host_name_is_resolved_and_reused_across_requests() {
        let server = RawServer::start("HTTP/1.1 204 No Content\r\n\r\n");
        let backend = UreqBackend::new(&BackendConfig::default().proxy_from_env(false));
        let url = format!("http://localhost:{}/by-name", server.addr.port());
        for _ in 0..3 {
            assert_eq!(backend.execute(get(&url)).unwrap().status.as_u16(), 204);
        }
        assert_eq!(server.received().len(), 3);
    }
}

#[cfg(feature = "reqwest")]
mod reqwest_backend {
    use admin_transport::ReqwestBackend;
    use admin_transport::nonblocking::HttpBackend;

    use super::*;

    fn run(config: BackendConfig, url: String) -> admin_transport::TransportError {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            ReqwestBackend::new(&config).unwrap().execute(get(&url)).await.unwrap_err()
        })
    }

    #[test]
    fn the_connect_timeout_fires_against_a_black_hole() {
        let hole = BlackHole::new();
        assert!(hole.swallows_connects(Duration::from_millis(200)), "the loopback black hole works");
        let url = format!("http://{}/", hole.addr);
        let error = within_a_minute(move || {
            let error = run(connect_config(), url);
            drop(hole);
            error
        });
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
        let source = std::error::Error::source(&error).expect("reqwest's error");
        let reqwest = source.downcast_ref::<reqwest::Error>().expect("a reqwest::Error");
        assert!(reqwest.is_connect(), "the connect timeout, not the total one: {reqwest:?}");
    }

    #[test]
    fn the_total_timeout_fires_against_a_server_that_never_answers() {
        let url = format!("http://{}/", stalling_server());
        let error = within_a_minute(move || run(total_config(), url));
        assert_eq!(error.kind(), TransportErrorKind::Timeout, "{error}");
        let source = std::error::Error::source(&error).expect("reqwest's error");
        let reqwest = source.downcast_ref::<reqwest::Error>().expect("a reqwest::Error");
        assert!(!reqwest.is_connect(), "the total timeout, after connecting: {reqwest:?}");
        assert_eq!(error.to_string(), "request timed out: no complete response after 500 ms (total timeout)");
    }

    #[test]
    fn a_request_timeout_shorter_than_the_backends_wins() {
        let url = format!("http://{}/", stalling_server());
        let error = within_a_minute(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            let mut request = get(&url);
            request.timeout = Some(Duration::from_millis(200));
            let backend = ReqwestBackend::new(&BackendConfig::default().proxy_from_env(false)).unwrap();
            runtime.block_on(async move { backend.execute(request).await.unwrap_err() })
        });
        assert_eq!(error.to_string(), "request timed out: no complete response after 200 ms (total timeout)");
    }
}
