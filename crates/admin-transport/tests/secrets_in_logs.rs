//! A key never reaches a log (issue 11 item 5), even with every logger at TRACE: `log`
//! records (ureq, ureq-proto's hex dumps of raw request bytes, reqwest, rustls) and `tracing`
//! events (hyper, hyper-util, h2) are all captured here and searched for the key — in the
//! text of each record and in the bytes the hex dumps spell out across rows.
#![cfg(any(feature = "ureq", feature = "reqwest"))]

mod support;

use std::fmt::Write as _;
use std::sync::Mutex;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread::ThreadId;

use admin_transport::{BackendConfig, HttpRequest, Method, Url, header};
use support::RawServer;

const OK: &str = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}";

/// One captured record: the thread that logged it, its target and its formatted text.
#[derive(Debug, Clone)]
struct Record {
    thread: ThreadId,
    target: String,
    text: String,
}

static RECORDS: Mutex<Vec<Record>> = Mutex::new(Vec::new());
/// The tests share the global loggers; they run one at a time.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

fn push(target: &str, text: String) {
    let record = Record { thread: std::thread::current().id(), target: target.to_owned(), text };
    RECORDS.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(record);
}

/// A `log` logger that keeps every record at every level.
struct CaptureLog;

impl log::Log for CaptureLog {
    fn enabled(&self, _: &log::Metadata<'_>) -> bool {
        true
    }

    fn log(&self, record: &log::Record<'_>) {
        push(record.target(), record.args().to_string());
    }

    fn flush(&self) {}
}

/// A `tracing` subscriber that keeps every event and span field at every level.
struct CaptureTracing {
    next_span: AtomicU64,
}

struct Fields(String);

impl tracing::field::Visit for Fields {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, "{}={value:?} ", field.name());
    }
}

impl tracing::Subscriber for CaptureTracing {
    fn register_callsite(&self, _: &'static tracing::Metadata<'static>) -> tracing::subscriber::Interest {
        tracing::subscriber::Interest::always()
    }

    fn enabled(&self, _: &tracing::Metadata<'_>) -> bool {
        true
    }

    fn max_level_hint(&self) -> Option<tracing::level_filters::LevelFilter> {
        Some(tracing::level_filters::LevelFilter::TRACE)
    }

    fn new_span(&self, span: &tracing::span::Attributes<'_>) -> tracing::span::Id {
        let mut fields = Fields(String::new());
        span.record(&mut fields);
        push(span.metadata().target(), fields.0);
        tracing::span::Id::from_u64(self.next_span.fetch_add(1, Ordering::Relaxed) + 1)
    }

    fn record(&self, _: &tracing::span::Id, values: &tracing::span::Record<'_>) {
        let mut fields = Fields(String::new());
        values.record(&mut fields);
        push("span-record", fields.0);
    }

    fn record_follows_from(&self, _: &tracing::span::Id, _: &tracing::span::Id) {}

    fn event(&self, event: &tracing::Event<'_>) {
        let mut fields = Fields(String::new());
        event.record(&mut fields);
        push(event.metadata().target(), fields.0);
    }

    fn enter(&self, _: &tracing::span::Id) {}

    fn exit(&self, _: &tracing::span::Id) {}
}

fn install_loggers() {
    static INSTALL: std::sync::Once = std::sync::Once::new();
    INSTALL.call_once(|| {
        log::set_logger(&CaptureLog).expect("no other logger in this test binary");
        log::set_max_level(log::LevelFilter::Trace);
        tracing::subscriber::set_global_default(CaptureTracing { next_span: AtomicU64::new(0) })
            .expect("no other subscriber in this test binary");
    });
}

/// Runs `work` with the loggers on and returns what they captured meanwhile.
fn captured_during(work: impl FnOnce()) -> Vec<Record> {
    install_loggers();
    RECORDS.lock().unwrap().clear();
    work();
    std::mem::take(&mut *RECORDS.lock().unwrap())
}

/// The bytes spelled out by hex-dump rows (`6175 7468 … auth…`), concatenated per thread in
/// logging order, so that a key split across rows is found too.
fn dumped_bytes(records: &[Record]) -> Vec<Vec<u8>> {
    let mut per_thread: Vec<(ThreadId, Vec<u8>)> = Vec::new();
    for record in records {
        let Some(bytes) = hex_row(&record.text) else { continue };
        match per_thread.iter_mut().find(|(thread, _)| *thread == record.thread) {
            Some((_, all)) => all.extend(bytes),
            None => per_thread.push((record.thread, bytes)),
        }
    }
    per_thread.into_iter().map(|(_, bytes)| bytes).collect()
}

/// Decodes one row of ureq-proto's dump: 16 cells of two hex digits (or `--`), a space after
/// every second cell, then the printable column.
fn hex_row(text: &str) -> Option<Vec<u8>> {
    let cells: String = text.get(..40)?.chars().filter(|c| *c != ' ').collect();
    if cells.len() != 32 || !cells.chars().all(|c| c.is_ascii_hexdigit() || c == '-') {
        return None;
    }
    (0..16)
        .map(|i| &cells[2 * i..2 * i + 2])
        .filter(|cell| *cell != "--")
        .map(|cell| u8::from_str_radix(cell, 16).ok())
        .collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn authorized_post(server: &RawServer, key: &str) -> HttpRequest {
    let mut request = HttpRequest::new(Method::POST, Url::parse(&server.url("/scim/Users")).unwrap());
    let mut value: header::HeaderValue = format!("Bearer {key}").parse().unwrap();
    value.set_sensitive(true);
    request.headers.insert(header::AUTHORIZATION, value);
    request.headers.insert(header::CONTENT_TYPE, "application/json".parse().unwrap());
    request.body = Some(r#"{"userName":"a@acme.test"}"#.into());
    request
}

/// The key is nowhere in the captured records, neither as text nor inside a hex dump.
fn assert_key_absent(records: &[Record], key: &str) {
    for record in records {
        assert!(
            !record.text.contains(key),
            "the key leaked into a {} record: {}",
            record.target,
            record.text
        );
    }
    for bytes in dumped_bytes(records) {
        assert!(
            !contains(&bytes, key.as_bytes()),
            "the key leaked into a hex dump:\n{}",
            String::from_utf8_lossy(&bytes)
        );
    }
}

#[cfg(feature = "ureq")]
#[test]
fn ureq_never_logs_the_key_even_in_raw_request_dumps_at_trace() {
    use admin_transport::blocking::HttpBackend;

    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = "ureq-s3cr3t-0123456789abcdefghijklmnopqrstuvwxyz";
    let server = RawServer::start(OK);
    let backend = admin_transport::UreqBackend::new(&BackendConfig::default().proxy_from_env(false));
    let records = captured_during(|| {
        for _ in 0..2 {
            // The second request reuses the pooled connection.
            assert_eq!(backend.execute(authorized_post(&server, key)).unwrap().status.as_u16(), 200);
        }
    });

    // The dump is on: the request head was written out row by row, authorization line included.
    let dumps = dumped_bytes(&records);
    assert!(
        dumps.iter().any(|bytes| contains(bytes, b"POST /scim/Users HTTP/1.1\r\n")
            && contains(bytes, b"\r\nauthorization: ")),
        "expected ureq-proto's TRACE dump of the request head; got {} records",
        records.len()
    );
    assert_key_absent(&records, key);
    // …and the server still got the real key, twice.
    let received = server.received();
    assert_eq!(received.len(), 2);
    for request in received {
        assert!(request.head.contains(&format!("\r\nauthorization: Bearer {key}\r\n")), "{}", request.head);
        assert_eq!(request.body, br#"{"userName":"a@acme.test"}"#);
    }
}

#[cfg(feature = "reqwest")]
#[test]
fn reqwest_never_logs_the_key_at_trace() {
    use admin_transport::nonblocking::HttpBackend;

    let _serial = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let key = "reqwest-s3cr3t-0123456789abcdefghijklmnopqrstuvwxyz";
    let server = RawServer::start(OK);
    let records = captured_during(|| {
        let runtime =
            tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
        runtime.block_on(async {
            let backend =
                admin_transport::ReqwestBackend::new(&BackendConfig::default().proxy_from_env(false))
                    .unwrap();
            for _ in 0..2 {
                assert_eq!(
                    backend.execute(authorized_post(&server, key)).await.unwrap().status.as_u16(),
                    200
                );
            }
        });
    });

    assert!(
        records.iter().any(|r| r.target.starts_with("reqwest") || r.target.starts_with("hyper")),
        "expected records from reqwest or hyper at TRACE; got {records:#?}"
    );
    assert_key_absent(&records, key);
    let received = server.received();
    assert_eq!(received.len(), 2);
    assert!(
        received[0].head.contains(&format!("\r\nauthorization: Bearer {key}\r\n")),
        "{}",
        received[0].head
    );
}
