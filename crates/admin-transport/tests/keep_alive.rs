//! The blocking backend reuses keep-alive connections, and never reuses one that the server
//! closed or wrote stray bytes to after a complete response (the liveness probe before reuse).
#![cfg(feature = "ureq")]

mod support;

use std::sync::atomic::Ordering;

use admin_transport::blocking::HttpBackend;
use admin_transport::{BackendConfig, HttpRequest, Method, UreqBackend, Url};
use support::{RawServer, one_exchange_per_connection};

fn get(addr: std::net::SocketAddr) -> HttpRequest {
    HttpRequest::new(Method::GET, Url::parse(&format!("http://{addr}/x")).unwrap())
}

fn backend() -> UreqBackend {
    UreqBackend::new(&BackendConfig::default().proxy_from_env(false))
}

#[test]
fn a_warm_connection_is_reused() {
    let server = RawServer::start("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}");
    let backend = backend();
    for _ in 0..5 {
        assert_eq!(&backend.execute(get(server.addr)).unwrap().body[..], b"{}");
    }
    assert_eq!(server.received().len(), 5);
}

#[test]
fn a_connection_the_server_closed_after_a_response_is_not_reused() {
    // No `connection: close`: the client only learns of the close by probing.
    let (addr, accepted) =
        one_exchange_per_connection("HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}", true);
    let backend = backend();
    for round in 1..=3 {
        let response = backend.execute(get(addr)).unwrap_or_else(|e| panic!("request {round}: {e}"));
        assert_eq!(&response.body[..], b"{}");
        // Give the server's close time to arrive before the next probe.
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 3, "a new connection per request");
}

#[test]
fn a_connection_with_stray_bytes_after_the_response_is_not_reused() {
    let (addr, accepted) = one_exchange_per_connection(
        "HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}HTTP/1.1 418 stray",
        false,
    );
    let backend = backend();
    for round in 1..=3 {
        let response = backend.execute(get(addr)).unwrap_or_else(|e| panic!("request {round}: {e}"));
        assert_eq!(response.status.as_u16(), 200, "request {round}");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    assert_eq!(accepted.load(Ordering::SeqCst), 3, "a new connection per request");
}
