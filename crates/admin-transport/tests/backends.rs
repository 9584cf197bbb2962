//! The ready-made backends against a real HTTP server: statuses and headers come back untouched,
//! redirects are not followed, bodies are capped, and failures are classified.

use admin_transport::{BackendConfig, HttpRequest, Method, TransportErrorKind, Url, header};
use httpmock::MockServer;

fn request(server: &MockServer, method: Method, path: &str) -> HttpRequest {
    let mut request = HttpRequest::new(method, Url::parse(&server.url(path)).unwrap());
    request.headers.insert(header::AUTHORIZATION, "Bearer k".parse().unwrap());
    request
}

/// A local port with nothing listening.
fn closed_port_url() -> Url {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    drop(listener);
    Url::parse(&format!("http://127.0.0.1:{port}/")).unwrap()
}

fn mock_routes(server: &MockServer) {
    server.mock(|when, then| {
        when.method("GET").path("/error");
        then.status(429).header("retry-after", "3").header("x-ratelimit-remaining", "0").body("slow down");
    });
    server.mock(|when, then| {
        when.method("GET").path("/redirect");
        then.status(302).header("location", "https://elsewhere.example.com/");
    });
    server.mock(|when, then| {
        when.method("GET").path("/big");
        then.status(200).body("x".repeat(2048));
    });
    server.mock(|when, then| {
        when.method("POST").path("/echo").header("content-type", "application/json").body(r#"{"a":1}"#);
        then.status(201).header("content-type", "application/json").body(r#"{"ok":true}"#);
    });
}

fn json_post(server: &MockServer) -> HttpRequest {
    let mut post = request(server, Method::POST, "/echo");
    post.headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    post.body = Some(r#"{"a":1}"#.into());
    post
}

fn small_body_config() -> BackendConfig {
    BackendConfig::default().max_body_bytes(1024)
}

#[cfg(feature = "ureq")]
mod ureq_backend {
    use admin_transport::UreqBackend;
    use admin_transport::blocking::HttpBackend;

    use super::*;

    #[test]
    fn statuses_headers_redirects_bodies_and_failures() {
        let server = MockServer::start();
        mock_routes(&server);
        let backend = UreqBackend::new(&small_body_config());

        let limited = backend.execute(request(&server, Method::GET, "/error")).unwrap();
        assert_eq!(limited.status.as_u16(), 429);
        assert_eq!(limited.header("retry-after"), Some("3"));
        assert_eq!(limited.header("x-ratelimit-remaining"), Some("0"));
        assert_eq!(&limited.body[..], b"slow down");

        let redirect = backend.execute(request(&server, Method::GET, "/redirect")).unwrap();
        assert_eq!(redirect.status.as_u16(), 302, "not followed");

        let created = backend.execute(json_post(&server)).unwrap();
        assert_eq!(created.status.as_u16(), 201);
        assert_eq!(created.content_type(), Some("application/json"));

        let too_big = backend.execute(request(&server, Method::GET, "/big")).unwrap_err();
        assert_eq!(too_big.kind(), TransportErrorKind::BodyTooLarge);

        let refused = backend.execute(HttpRequest::new(Method::GET, closed_port_url())).unwrap_err();
        assert_eq!(refused.kind(), TransportErrorKind::Connect, "{refused}");
    }
}

#[cfg(feature = "reqwest")]
mod reqwest_backend {
    use admin_transport::ReqwestBackend;
    use admin_transport::nonblocking::HttpBackend;

    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn statuses_headers_redirects_bodies_and_failures() {
        let server = MockServer::start_async().await;
        mock_routes(&server);
        let backend = ReqwestBackend::new(&small_body_config()).unwrap();

        let limited = backend.execute(request(&server, Method::GET, "/error")).await.unwrap();
        assert_eq!(limited.status.as_u16(), 429);
        assert_eq!(limited.header("retry-after"), Some("3"));
        assert_eq!(&limited.body[..], b"slow down");

        let redirect = backend.execute(request(&server, Method::GET, "/redirect")).await.unwrap();
        assert_eq!(redirect.status.as_u16(), 302, "not followed");

        let created = backend.execute(json_post(&server)).await.unwrap();
        assert_eq!(created.status.as_u16(), 201);

        let too_big = backend.execute(request(&server, Method::GET, "/big")).await.unwrap_err();
        assert_eq!(too_big.kind(), TransportErrorKind::BodyTooLarge);

        let refused = backend.execute(HttpRequest::new(Method::GET, closed_port_url())).await.unwrap_err();
        assert_eq!(refused.kind(), TransportErrorKind::Connect, "{refused}");
    }
}

#[cfg(all(feature = "test-util", feature = "blocking"))]
#[test]
fn the_mock_records_requests_and_replays_in_order() {
    use admin_transport::blocking::HttpBackend;
    use admin_transport::{MockBackend, StatusCode};

    let mock = MockBackend::new();
    mock.push_json(StatusCode::OK, "{}");
    let url = Url::parse("https://example.com/a").unwrap();
    assert_eq!(mock.execute(HttpRequest::new(Method::GET, url.clone())).unwrap().status, StatusCode::OK);
    assert!(mock.execute(HttpRequest::new(Method::GET, url)).is_err(), "nothing left to replay");
    mock.sleep(std::time::Duration::from_millis(5));
    assert_eq!(mock.requests().len(), 2);
    assert_eq!(mock.sleeps(), vec![std::time::Duration::from_millis(5)]);
}
