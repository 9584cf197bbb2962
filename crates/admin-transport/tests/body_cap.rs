//! The body cap holds whether the server announces the length (`Content-Length`) or not
//! (chunked): a larger body is `BodyTooLarge` (with the status that came with it), a smaller one
//! arrives whole.
#![cfg(any(feature = "ureq", feature = "reqwest"))]

mod support;

use admin_transport::{BackendConfig, HttpRequest, Method, TransportErrorKind, Url};
use support::RawServer;

/// A chunked response of `len` bytes of `x`, in two chunks.
fn chunked(len: usize) -> &'static str {
    let half = len / 2;
    let (a, b) = ("x".repeat(half), "x".repeat(len - half));
    let reply = format!(
        "HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n{:x}\r\n{a}\r\n{:x}\r\n{b}\r\n0\r\n\r\n",
        a.len(),
        b.len()
    );
    Box::leak(reply.into_boxed_str())
}

fn sized(len: usize) -> &'static str {
    Box::leak(format!("HTTP/1.1 200 OK\r\ncontent-length: {len}\r\n\r\n{}", "x".repeat(len)).into_boxed_str())
}

fn config() -> BackendConfig {
    BackendConfig::default().max_body_bytes(1024).proxy_from_env(false)
}

fn get(server: &RawServer) -> HttpRequest {
    HttpRequest::new(Method::GET, Url::parse(&server.url("/body")).unwrap())
}

#[cfg(feature = "ureq")]
#[test]
fn ureq_caps_sized_and_chunked_bodies() {
    use admin_transport::blocking::HttpBackend;

    let backend = admin_transport::UreqBackend::new(&config());
    for reply in [chunked(2048), sized(2048)] {
        let error = backend.execute(get(&RawServer::start(reply))).unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge, "{reply:.60}: {error}");
        // The head arrived: the error keeps the status the server answered with.
        assert_eq!(error.status().map(|s| s.as_u16()), Some(200), "{reply:.60}: {error}");
        assert!(error.to_string().contains("(the server answered 200 OK)"), "{error}");
    }
    for reply in [chunked(1000), sized(1000)] {
        let response = backend.execute(get(&RawServer::start(reply))).unwrap();
        assert_eq!(response.body.len(), 1000, "{reply:.60}");
    }
}

#[cfg(feature = "reqwest")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reqwest_caps_sized_and_chunked_bodies() {
    use admin_transport::nonblocking::HttpBackend;

    let backend = admin_transport::ReqwestBackend::new(&config()).unwrap();
    for reply in [chunked(2048), sized(2048)] {
        let error = backend.execute(get(&RawServer::start(reply))).await.unwrap_err();
        assert_eq!(error.kind(), TransportErrorKind::BodyTooLarge, "{reply:.60}: {error}");
        // The head arrived: the error keeps the status the server answered with.
        assert_eq!(error.status().map(|s| s.as_u16()), Some(200), "{reply:.60}: {error}");
        assert!(error.to_string().contains("(the server answered 200 OK)"), "{error}");
    }
    for reply in [chunked(1000), sized(1000)] {
        let response = backend.execute(get(&RawServer::start(reply))).await.unwrap();
        assert_eq!(response.body.len(), 1000, "{reply:.60}");
        assert!(response.body.iter().all(|b| *b == b'x'));
    }
}
