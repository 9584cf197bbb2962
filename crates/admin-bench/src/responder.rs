//! A minimal fixed HTTP/1.1 responder on loopback: keep-alive, one thread per connection, no
//! work beyond parsing the request head. It answers
//!
//! * `GET …/manage/profile` with a canned profile (bytes prepared once), and
//! * `GET …/Users?startIndex=S&count=C` with a SCIM page synthesised on the fly out of
//!   [`SCIM_TOTAL`] users,
//!
//! so the HTTP-overhead ratios measure the clients, not a server's work.

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::thread;

use crate::fixtures::{SCIM_TOTAL, profile_json, scim_page};

/// A running responder (it lives until the process ends).
pub struct Responder {
    addr: SocketAddr,
    requests: Arc<AtomicU64>,
}

impl Responder {
    /// Binds `127.0.0.1` on a free port and starts accepting.
    pub fn start() -> io::Result<Self> {
        let listener = TcpListener::bind("127.0.0.1:0")?;
        let addr = listener.local_addr()?;
        let requests = Arc::new(AtomicU64::new(0));
        let profile: Arc<[u8]> = response(200, profile_json().as_bytes()).into();
        let counter = requests.clone();
        thread::Builder::new().name("responder-accept".into()).spawn(move || {
            for stream in listener.incoming().flatten() {
                let profile = profile.clone();
                let counter = counter.clone();
                let _ = thread::Builder::new()
                    .name("responder-conn".into())
                    .stack_size(256 * 1024)
                    .spawn(move || serve(stream, &profile, &counter));
            }
        })?;
        Ok(Self { addr, requests })
    }

    /// `http://127.0.0.1:PORT`.
    pub fn base_url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Requests answered so far.
    pub fn requests(&self) -> u64 {
        self.requests.load(Ordering::Relaxed)
    }
}

fn response(status: u16, body: &[u8]) -> Vec<u8> {
    let reason = if status == 200 { "OK" } else { "Not Found" };
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-request-id: bench\r\n\r\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(body);
    out
}

fn serve(stream: TcpStream, profile: &[u8], counter: &AtomicU64) {
    let _ = stream.set_nodelay(true);
    let Ok(mut writer) = stream.try_clone() else { return };
    let mut reader = BufReader::with_capacity(16 * 1024, stream);
    let mut line = String::new();
    let mut target = String::new();
    loop {
        // Request line.
        line.clear();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => return,
            Ok(_) => {}
        }
        target.clear();
        target.push_str(line.split(' ').nth(1).unwrap_or("/"));
        // Headers.
        let mut content_length = 0u64;
        let mut close = false;
        loop {
            line.clear();
            match reader.read_line(&mut line) {
                Ok(0) | Err(_) => return,
                Ok(_) => {}
            }
            let header = line.trim_end();
            if header.is_empty() {
                break;
            }
            if let Some((name, value)) = header.split_once(':') {
                if name.eq_ignore_ascii_case("content-length") {
                    content_length = value.trim().parse().unwrap_or(0);
                } else if name.eq_ignore_ascii_case("connection") {
                    close = value.trim().eq_ignore_ascii_case("close");
                }
            }
        }
        if content_length > 0 && io::copy(&mut (&mut reader).take(content_length), &mut io::sink()).is_err() {
            return;
        }
        counter.fetch_add(1, Ordering::Relaxed);
        let result = if target.contains("/manage/profile") {
            writer.write_all(profile)
        } else if let Some(query) = target.split_once("/Users?").map(|(_, q)| q) {
            let start = query_param(query, "startIndex").unwrap_or(1);
            let count = query_param(query, "count").unwrap_or(100).min(1000);
            writer.write_all(&response(200, scim_page(start, count, SCIM_TOTAL).as_bytes()))
        } else {
            writer.write_all(&response(404, br#"{"key":"notFound"}"#))
        };
        if result.is_err() || close {
            return;
        }
    }
}

fn query_param(query: &str, name: &str) -> Option<u64> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=')?;
        (key == name).then(|| value.parse().ok()).flatten()
    })
}
