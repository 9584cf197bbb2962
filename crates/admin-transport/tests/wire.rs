//! What the ready-made backends put on the wire, byte for byte (issue 11 item 13): a request
//! that may carry a body (POST, PUT, PATCH) always says how long it is — `Content-Length: 0`
//! when there is none — and a body is never sent chunked, because strict gateways answer
//! `411 Length Required` otherwise.
#![cfg(any(feature = "ureq", feature = "reqwest"))]

mod support;

use admin_transport::{HttpRequest, Method, Url, header};
use support::{RawServer, Received};

const NO_CONTENT: &str = "HTTP/1.1 204 No Content\r\n\r\n";

/// The requests of the scenario, each with the headers the client always sets (so that the
/// backends add only `host`).
fn requests(server: &RawServer) -> Vec<HttpRequest> {
    let make = |method: Method, path: &str, body: Option<&'static str>| {
        let mut request = HttpRequest::new(method, Url::parse(&server.url(path)).unwrap());
        request.headers.insert(header::AUTHORIZATION, "Bearer k".parse().unwrap());
        request.headers.insert(header::USER_AGENT, "wire-test".parse().unwrap());
        request.headers.insert(header::ACCEPT, "application/json".parse().unwrap());
        if let Some(body) = body {
            request.headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
            request.body = Some(body.into());
        }
        request
    };
    vec![
        make(Method::POST, "/users/a/manage/lifecycle/enable", None),
        make(Method::PUT, "/put", None),
        make(Method::PATCH, "/patch", None),
        make(Method::POST, "/echo", Some(r#"{"a":1}"#)),
        make(Method::PUT, "/put-body", Some("[]")),
        make(Method::DELETE, "/users/a", None),
        make(Method::GET, "/users/a/manage/profile", None),
    ]
}

/// The exact bytes expected for each request of [`requests`], with `host` first as both
/// backends write it, then the headers in the order they were inserted.
fn expected(server: &RawServer) -> Vec<(String, &'static str)> {
    let host = server.addr;
    let common = "authorization: Bearer k\r\nuser-agent: wire-test\r\naccept: application/json\r\n";
    let head = |line: &str, extra: &str| format!("{line}\r\nhost: {host}\r\n{common}{extra}\r\n");
    vec![
        (head("POST /users/a/manage/lifecycle/enable HTTP/1.1", "content-length: 0\r\n"), ""),
        (head("PUT /put HTTP/1.1", "content-length: 0\r\n"), ""),
        (head("PATCH /patch HTTP/1.1", "content-length: 0\r\n"), ""),
        (
            head("POST /echo HTTP/1.1", "content-type: application/json\r\ncontent-length: 7\r\n"),
            r#"{"a":1}"#,
        ),
        (head("PUT /put-body HTTP/1.1", "content-type: application/json\r\ncontent-length: 2\r\n"), "[]"),
        (head("DELETE /users/a HTTP/1.1", ""), ""),
        (head("GET /users/a/manage/profile HTTP/1.1", ""), ""),
    ]
}

/// Compares headers as a set (the backends may order `host` and `content-length`
/// differently) but the request line, every header line and the body byte for byte.
fn assert_same_request(got: &Received, (head, body): &(String, &str)) {
    let lines = |text: &str| {
        let mut all: Vec<String> = text.split("\r\n").map(str::to_owned).collect();
        let first = all.remove(0);
        all.sort();
        (first, all)
    };
    assert_eq!(lines(&got.head), lines(head), "got:\n{}\nexpected:\n{head}", got.head);
    assert!(got.head.ends_with("\r\n\r\n"));
    assert_eq!(String::from_utf8_lossy(&got.body), *body, "body of {}", head.lines().next().unwrap());
    let lower = got.head.to_ascii_lowercase();
    assert!(!lower.contains("transfer-encoding"), "never chunked:\n{}", got.head);
}

#[cfg(feature = "ureq")]
#[test]
fn ureq_sends_content_length_on_every_request_that_may_have_a_body() {
    use admin_transport::blocking::HttpBackend;

    let server = RawServer::start(NO_CONTENT);
    let backend =
        admin_transport::UreqBackend::new(&admin_transport::BackendConfig::default().proxy_from_env(false));
    for request in requests(&server) {
        assert_eq!(backend.execute(request).unwrap().status.as_u16(), 204);
    }
    let received = server.received();
    let expected = expected(&server);
    assert_eq!(received.len(), expected.len(), "{received:#?}");
    for (got, want) in received.iter().zip(&expected) {
        assert_same_request(got, want);
    }
}

#[cfg(feature = "reqwest")]
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reqwest_sends_content_length_on_every_request_that_may_have_a_body() {
    use admin_transport::nonblocking::HttpBackend;

    let server = RawServer::start(NO_CONTENT);
    let backend = admin_transport::ReqwestBackend::new(
        &admin_transport::BackendConfig::default().proxy_from_env(false),
    )
    .unwrap();
    for request in requests(&server) {
        assert_eq!(backend.execute(request).await.unwrap().status.as_u16(), 204);
    }
    let received = server.received();
    let expected = expected(&server);
    assert_eq!(received.len(), expected.len(), "{received:#?}");
    for (got, want) in received.iter().zip(&expected) {
        assert_same_request(got, want);
    }
}
