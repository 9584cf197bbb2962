//! Fault injection, concurrency, request validation, seeding and lifecycle of the server.

mod common;

use std::io::{Read, Write};
use std::time::{Duration, Instant};

use admin_sandbox::{Fault, Sandbox, SandboxError};
use common::{Client, demo, demo_sandbox};
use serde_json::json;

fn new_user(name: &str) -> serde_json::Value {
    json!({"userName": name, "emails": [{"value": name, "primary": true}]})
}

#[test]
fn rate_limit_next_then_normal_and_not_applied() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    sb.rate_limit_next(2, Duration::from_millis(1500));
    for _ in 0..2 {
        let r = c.scim_json("POST", "/Users", &new_user("retry@example.com"));
        assert_eq!(r.status, 429);
        assert_eq!(r.header("retry-after"), Some("2"));
        assert_eq!(r.header("x-ratelimit-remaining"), Some("0"));
        assert!(r.header("x-ratelimit-limit").is_some());
        assert!(r.header("x-ratelimit-reset").is_some_and(|v| v.ends_with('Z') && v.contains('T')));
        assert_eq!(r.json()["status"], "429");
    }
    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 2, "rate-limited POSTs were not applied");
    let r = c.scim_json("POST", "/Users", &new_user("retry@example.com"));
    assert_eq!(r.status, 201, "the retry succeeds exactly once");
    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 3);

    // User management 429 shape.
    sb.rate_limit_next(1, Duration::ZERO);
    let r = Client::admin(&sb).get(&format!("/users/{}/manage", demo::ACCOUNT_ID));
    assert_eq!((r.status, r.json()), (429, json!({"key": "tooManyRequests"})));
    assert_eq!(r.header("retry-after"), Some("0"));

    let log = sb.requests();
    assert_eq!(log.iter().filter(|r| r.fault == Some(Fault::RateLimited)).count(), 3);
    assert_eq!(sb.request_count(), 4);
}

#[test]
fn rate_limit_window() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("/users/{}/manage/profile", demo::ACCOUNT_ID);
    sb.rate_limit(2, Duration::from_millis(300));
    let r = c.get(&path);
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-ratelimit-limit"), Some("2"));
    assert_eq!(r.header("x-ratelimit-remaining"), Some("1"));
    assert_eq!(c.get(&path).status, 200);
    let r = c.json("PATCH", &path, &json!({"nickname": "limited"}));
    assert_eq!(r.status, 429);
    assert_eq!(r.header("retry-after"), Some("1"));
    assert_eq!(sb.account(demo::ACCOUNT_ID).unwrap().nickname, "marshmallow");
    std::thread::sleep(Duration::from_millis(320));
    assert_eq!(c.json("PATCH", &path, &json!({"nickname": "limited"})).status, 200);
    sb.clear_rate_limit();
    let r = c.get(&path);
    assert_eq!(r.status, 200);
    assert!(r.header("x-ratelimit-limit").is_none());
}

#[test]
fn service_unavailable_burst_is_not_applied() {
    let sb = demo_sandbox();
    let admin = Client::admin(&sb);
    sb.service_unavailable_next(2, Some(Duration::from_secs(3)));
    let lc = format!("/users/{}/manage/lifecycle/delete", demo::ACCOUNT_ID);
    let r = admin.post_empty(&lc);
    assert_eq!((r.status, r.json()), (503, json!({"key": "serviceUnavailable"})));
    assert_eq!(r.header("retry-after"), Some("3"));
    let r = Client::scim(&sb).delete(&format!("/Users/{}", demo::SCIM_USER_ID));
    assert_eq!(r.status, 503);
    assert_eq!(r.json()["status"], "503");
    assert_eq!(r.json()["schemas"], json!(["urn:ietf:params:scim:api:messages:2.0:Error"]));
    assert!(sb.scim_user(demo::DIRECTORY_ID, demo::SCIM_USER_ID).is_some());
    assert_eq!(sb.account(demo::ACCOUNT_ID).unwrap().status, admin_sandbox::LifecycleState::Active);
    // Burst over: the retry is applied once.
    assert_eq!(admin.post_empty(&lc).status, 200);
    assert_eq!(admin.post_empty(&lc).status, 409);
}

#[test]
fn malformed_bodies_and_latency() {
    let sb = demo_sandbox();
    let c = Client::admin(&sb);
    let path = format!("/users/{}/manage/profile", demo::ACCOUNT_ID);
    let whole = c.get(&path).text;
    sb.malform_next(1);
    let r = c.get(&path);
    assert_eq!(r.status, 200);
    assert!(serde_json::from_str::<serde_json::Value>(&r.text).is_err());
    assert!(whole.starts_with(&r.text) && r.text.len() < whole.len());
    assert_eq!(c.get(&path).text, whole, "only the next response is garbled");
    assert_eq!(sb.requests().iter().filter(|r| r.fault == Some(Fault::Malformed)).count(), 1);

    sb.set_latency(Duration::from_millis(150));
    let start = Instant::now();
    assert_eq!(c.get(&path).status, 200);
    assert!(start.elapsed() >= Duration::from_millis(150));
    sb.clear_faults();
    let start = Instant::now();
    c.get(&path);
    assert!(start.elapsed() < Duration::from_millis(150));
}

#[test]
fn concurrent_requests() {
    let sb = demo_sandbox();
    std::thread::scope(|s| {
        for t in 0..8 {
            let sb = &sb;
            s.spawn(move || {
                let c = Client::scim(sb);
                for i in 0..10 {
                    let r = c.scim_json("POST", "/Users", &new_user(&format!("t{t}-{i}@example.com")));
                    assert_eq!(r.status, 201, "{}", r.text);
                    assert_eq!(c.get("/Users?count=1").status, 200);
                }
            });
        }
        // Everyone races for the same userName: exactly one wins.
        let wins: Vec<u16> = (0..6)
            .map(|_| {
                s.spawn(|| {
                    Client::scim(&sb).scim_json("POST", "/Users", &new_user("race@example.com")).status
                })
            })
            .collect::<Vec<_>>()
            .into_iter()
            .map(|h| h.join().unwrap())
            .collect();
        assert_eq!(wins.iter().filter(|s| **s == 201).count(), 1, "{wins:?}");
        assert_eq!(wins.iter().filter(|s| **s == 409).count(), 5, "{wins:?}");
    });
    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 2 + 80 + 1);
    assert_eq!(sb.request_count(), 160 + 6);
}

/// Raw bytes on the socket: a garbage body, bad headers, an unknown method.
#[test]
fn garbage_never_panics() {
    let sb = demo_sandbox();
    let c = Client::scim(&sb);
    type Case<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);
    let cases: &[Case<'_>] = &[
        ("POST", "/Users", Some(("application/json", "\u{0}\u{1}not json"))),
        ("PATCH", "/Users/x", Some(("application/json", "[]"))),
        ("PATCH", &*format!("/Users/{}", demo::SCIM_USER_ID), Some(("application/json", "[]"))),
        (
            "PATCH",
            &*format!("/Users/{}", demo::SCIM_USER_ID),
            Some(("application/json", r#"{"Operations":[{"op":"add","path":"emails[","value":1}]}"#)),
        ),
        (
            "PATCH",
            &*format!("/Users/{}", demo::SCIM_USER_ID),
            Some(("application/json", r#"{"Operations":[{"op":"add","path":"urn:x","value":1}]}"#)),
        ),
        (
            "PATCH",
            &*format!("/Users/{}", demo::SCIM_USER_ID),
            Some((
                "application/json",
                r#"{"Operations":[{"op":"add","path":"name.givenName.x","value":1}]}"#,
            )),
        ),
        (
            "PATCH",
            &*format!("/Groups/{}", demo::GROUP_ID),
            Some(("application/json", r#"{"Operations":[{"op":"add","path":"members","value":"oops"}]}"#)),
        ),
        (
            "PUT",
            &*format!("/Groups/{}", demo::GROUP_ID),
            Some(("application/json", r#"{"displayName":"engineering","members":{"value":1}}"#)),
        ),
        ("GET", "/Users?startIndex=99999999999999999999", None),
        ("GET", "/Users?filter=%22", None),
        ("TRACE", "/Users", None),
    ];
    for (method, path, body) in cases {
        let r = c.send(method, path, *body);
        assert!((400..500).contains(&r.status), "{method} {path}: {} {}", r.status, r.text);
        assert!(r.json()["status"].is_string(), "{method} {path}: {}", r.text);
    }
    let r = Client::admin(&sb).send("DELETE", &format!("/users/{}/manage/profile", demo::ACCOUNT_ID), None);
    assert_eq!(r.status, 405);
    assert!(r.json()["key"].is_string());

    // Invalid percent-encoding in a path, straight on the socket.
    let mut stream = std::net::TcpStream::connect(sb.addr()).unwrap();
    write!(stream, "GET /users/%FF%FE/manage HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {}\r\nConnection: close\r\n\r\n", demo::ADMIN_KEY).unwrap();
    let mut out = String::new();
    stream.read_to_string(&mut out).unwrap();
    assert!(out.starts_with("HTTP/1.1 404"), "{out}");
    assert!(out.contains("accountNotFound"));
    // Still serving.
    assert_eq!(c.get("/Users").status, 200);
}

#[test]
fn seed_json_and_errors() {
    let seed = r#"{
        "admin_key": "k1",
        "verified_domains": ["acme.test"],
        "max_page_size": 1,
        "accounts": [{"account_id": "557057:kim", "email": "kim@acme.test", "name": "Kim",
                      "status": "inactive", "deactivation_message": "bye",
                      "extended_profile": {"job_title": "CTO"},
                      "api_tokens": [{"id": "t1", "label": "CI", "createdAt": "2024-01-01T00:00:00.000Z"}]}],
        "directories": [{"id": "d1", "scim_key": "s1",
                         "users": [{"id": "u1", "userName": "lee@acme.test", "emails": [{"value": "lee@acme.test", "primary": true}]},
                                   {"id": "u2", "userName": "kim@acme.test", "emails": [{"value": "kim@acme.test", "primary": true}]}],
                         "groups": [{"id": "g1", "displayName": "devs", "members": [{"value": "u1"}]}]}]
    }"#;
    let sb = Sandbox::builder().seed_json(seed).unwrap().start().unwrap();
    assert_eq!(sb.admin_key(), "k1");
    assert_eq!((sb.directory_id(), sb.scim_key()), (Some("d1"), Some("s1")));
    assert!(sb.demo_account_id().is_none());
    let kim = sb.account("557057:kim").unwrap();
    assert!(kim.is_scim_managed());
    assert_eq!(kim.api_tokens[0].created_at, "2024-01-01T00:00:00.000Z");
    let c = Client::scim(&sb);
    let body = c.get("/Users").json();
    assert_eq!((body["totalResults"].clone(), body["itemsPerPage"].clone()), (json!(2), json!(1)));
    assert_eq!(c.get("/Users/u1").json()["groups"][0]["value"], "g1");
    assert_eq!(
        Client::admin(&sb).get("/users/557057:kim/manage/profile").json()["account"]["extended_profile"]["job_title"],
        "CTO"
    );

    for bad in [
        r#"{"unknown": 1}"#,
        r#"{"accounts": [{"account_id": "a", "email": "a@b", "name": "A", "status": "zombie"}]}"#,
        r#"{"directories": [{"id": "d", "scim_key": "k", "users": [{"userName": "x@nowhere.test", "emails": [{"value": "x@nowhere.test", "primary": true}]}]}]}"#,
        "not json",
    ] {
        let err = Sandbox::builder().seed_json(bad).and_then(|b| b.start()).unwrap_err();
        assert!(matches!(err, SandboxError::Seed(_)), "{bad}: {err}");
    }

    let path = std::env::temp_dir().join(format!("admin-sandbox-seed-{}.json", std::process::id()));
    std::fs::write(&path, r#"{"demo": true, "admin_key": "from-file"}"#).unwrap();
    let sb = Sandbox::builder().seed_file(&path).unwrap().start().unwrap();
    std::fs::remove_file(&path).ok();
    assert_eq!(sb.admin_key(), "from-file");
    assert_eq!(sb.demo_account_id(), Some(demo::ACCOUNT_ID));
    assert!(Sandbox::builder().seed_file("/definitely/not/here.json").is_err());
}

#[test]
fn drop_stops_the_server() {
    let sb = Sandbox::start().unwrap();
    let addr = sb.addr();
    assert!(sb.base_url().starts_with("http://127.0.0.1:"));
    // A kept-alive connection does not block shutdown.
    let c = Client::admin(&sb);
    assert_eq!(c.get("/users/x/manage").status, 404);
    let start = Instant::now();
    drop(sb);
    assert!(start.elapsed() < Duration::from_secs(2), "{:?}", start.elapsed());
    assert!(std::net::TcpStream::connect_timeout(&addr, Duration::from_millis(200)).is_err());
}

#[tokio::test(flavor = "current_thread")]
async fn usable_from_async_code() {
    let sb = Sandbox::demo().unwrap();
    let base = sb.base_url().to_string();
    // Call it from a blocking task, as an async test using a blocking client would.
    let status = tokio::task::spawn_blocking(move || {
        Client::new(&base, Some(demo::ADMIN_KEY)).get(&format!("/users/{}/manage", demo::ACCOUNT_ID)).status
    })
    .await
    .unwrap();
    assert_eq!(status, 200);
    drop(sb);
}

/// Sends `head` + `body` on a fresh connection, closes the writing half, and reads the answer.
fn raw_exchange(sb: &common::SandboxHandle, head: &str, body: &[u8]) -> String {
    let mut stream = std::net::TcpStream::connect(sb.addr()).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    stream.write_all(head.as_bytes()).unwrap();
    // The server may answer (and close) before reading everything: write errors do not matter.
    let _ = stream.write_all(body);
    let _ = stream.shutdown(std::net::Shutdown::Write);
    let mut out = Vec::new();
    let _ = stream.read_to_end(&mut out);
    String::from_utf8_lossy(&out).into_owned()
}

/// Issue 11, item 17: a body cut short (fewer bytes than its `Content-Length`) or badly framed
/// (a broken chunk) is a malformed request, 400 — not 413 "Request body too large". Only a body
/// over the limit is 413.
#[test]
fn truncated_or_malformed_bodies_are_400_and_only_oversized_ones_413() {
    let sb = demo_sandbox();
    let scim = format!("/scim/directory/{}/Users", demo::DIRECTORY_ID);
    let users = format!("/users/{}/manage/profile", demo::ACCOUNT_ID);
    let head = |method: &str, path: &str, key: &str, framing: &str| {
        format!(
            "{method} {path} HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer {key}\r\n\
             Content-Type: application/json\r\n{framing}Connection: close\r\n\r\n"
        )
    };

    // Truncated: Content-Length 100, 15 bytes sent, then the client stops writing.
    let out = raw_exchange(
        &sb,
        &head("POST", &scim, demo::SCIM_KEY, "Content-Length: 100\r\n"),
        br#"{"userName": "a"#,
    );
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");
    assert!(out.contains(r#""scimType":"invalidSyntax""#), "{out}");
    assert!(!out.contains("too large"), "{out}");
    let out = raw_exchange(
        &sb,
        &head("PATCH", &users, demo::ADMIN_KEY, "Content-Length: 100\r\n"),
        br#"{"nickname": "#,
    );
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");
    assert!(out.contains(r#"{"key":"bodyParseFailure"}"#), "{out}");

    // Malformed chunked framing: `zz` is not a chunk size.
    let out = raw_exchange(
        &sb,
        &head("POST", &scim, demo::SCIM_KEY, "Transfer-Encoding: chunked\r\n"),
        b"zz\r\n{}\r\n0\r\n\r\n",
    );
    assert!(out.starts_with("HTTP/1.1 400"), "{out}");
    assert!(!out.contains("413"), "{out}");

    // Over the 2 MiB limit: still 413.
    let big = vec![b' '; 3 * 1024 * 1024];
    let framing = format!("Content-Length: {}\r\n", big.len());
    let out = raw_exchange(&sb, &head("POST", &scim, demo::SCIM_KEY, &framing), &big);
    assert!(out.starts_with("HTTP/1.1 413"), "{}", &out[..out.len().min(300)]);

    assert_eq!(sb.scim_users(demo::DIRECTORY_ID).len(), 2, "nothing was created");
    assert_eq!(Client::scim(&sb).get("/Users").status, 200, "still serving");
}
