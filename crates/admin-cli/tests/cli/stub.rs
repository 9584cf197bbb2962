//! A loopback HTTP server that answers every request the same way, for what the sandbox cannot
//! serve (numbers `f64` cannot hold, absurd rate-limit headers, other error shapes).

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// The server's address and the requests it received (head and body, as text).
pub struct Stub {
    pub base_url: String,
    requests: Arc<Mutex<Vec<String>>>,
}

impl Stub {
    /// Answers every request with `status` (e.g. `429 Too Many Requests`), `headers` and a JSON `body`.
    pub fn answering(status: &str, headers: &[(&str, &str)], body: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let extra: String = headers.iter().map(|(k, v)| format!("{k}: {v}\r\n")).collect();
        let response = format!(
            "HTTP/1.1 {status}\r\n{extra}Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&requests);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let request = read_request(&mut stream);
                seen.lock().unwrap().push(request);
                let _ = stream.write_all(response.as_bytes());
            }
        });
        Self { base_url, requests }
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn read_request(stream: &mut TcpStream) -> String {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let mut wanted: Option<usize> = None;
    loop {
        if wanted.is_some_and(|w| buf.len() >= w) {
            break;
        }
        let n = stream.read(&mut chunk).unwrap_or(0);
        if n == 0 {
            break;
        }
        buf.extend_from_slice(&chunk[..n]);
        if wanted.is_none()
            && let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n")
        {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let length = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:").and_then(|v| v.trim().parse::<usize>().ok()))
                .unwrap_or(0);
            wanted = Some(end + 4 + length);
        }
    }
    String::from_utf8_lossy(&buf).into_owned()
}
