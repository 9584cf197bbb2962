//! A raw loopback HTTP/1.1 server for tests that need the exact bytes a backend sends, or a
//! server that misbehaves on purpose (stalls, never accepts).
#![allow(dead_code)] // each test binary uses part of it

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

/// One request as it arrived: the head (request line and headers, up to and including the
/// blank line) and the body read by its `Content-Length`.
#[derive(Debug, Clone)]
pub struct Received {
    pub head: String,
    pub body: Vec<u8>,
}

/// A keep-alive server that records every request's bytes and answers each with `reply`.
pub struct RawServer {
    pub addr: SocketAddr,
    received: Arc<Mutex<Vec<Received>>>,
}

impl RawServer {
    /// Answers every request with `reply` (a complete HTTP/1.1 response).
    pub fn start(reply: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let addr = listener.local_addr().unwrap();
        let received = Arc::new(Mutex::new(Vec::new()));
        let log = received.clone();
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let log = log.clone();
                thread::spawn(move || serve(stream, reply, &log));
            }
        });
        Self { addr, received }
    }

    /// `http://127.0.0.1:PORT{path}`.
    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Every request received so far, oldest first.
    pub fn received(&self) -> Vec<Received> {
        self.received.lock().unwrap().clone()
    }
}

fn serve(mut stream: TcpStream, reply: &str, log: &Mutex<Vec<Received>>) {
    let mut buffered = Vec::new();
    loop {
        let Some((head, body)) = read_request(&mut stream, &mut buffered) else { return };
        log.lock().unwrap().push(Received { head, body });
        if stream.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

/// Reads one request: the head up to `\r\n\r\n`, then exactly `Content-Length` body bytes (a
/// request without `Content-Length` has no body, as RFC 9112 §6.3 says for requests). Chunked
/// bodies are not decoded: their bytes stay in `buffered` and show up as a malformed next head.
fn read_request(stream: &mut TcpStream, buffered: &mut Vec<u8>) -> Option<(String, Vec<u8>)> {
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffered.windows(4).position(|w| w == b"\r\n\r\n") {
            break at + 4;
        }
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buffered.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffered[..head_end]).into_owned();
    buffered.drain(..head_end);
    let length = head
        .lines()
        .find_map(|line| {
            let (name, value) = line.split_once(':')?;
            name.eq_ignore_ascii_case("content-length").then(|| value.trim().parse::<usize>().ok())?
        })
        .unwrap_or(0);
    while buffered.len() < length {
        let n = stream.read(&mut chunk).ok().filter(|n| *n > 0)?;
        buffered.extend_from_slice(&chunk[..n]);
    }
    let body = buffered.drain(..length).collect();
    Some((head, body))
}

/// A server that answers each connection's first request with `reply` and then, depending on
/// `then_close`, closes the connection or keeps it open without reading further. Returns the
/// address and a counter of accepted connections.
pub fn one_exchange_per_connection(
    reply: &'static str,
    then_close: bool,
) -> (SocketAddr, Arc<std::sync::atomic::AtomicUsize>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let accepted = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let count = accepted.clone();
    thread::spawn(move || {
        let mut held = Vec::new();
        for mut stream in listener.incoming().flatten() {
            count.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            let mut buffered = Vec::new();
            if read_request(&mut stream, &mut buffered).is_some() {
                let _ = stream.write_all(reply.as_bytes());
            }
            if !then_close {
                held.push(stream);
            }
        }
    });
    (addr, accepted)
}

/// A server that accepts, reads the request, and never answers: for total timeouts.
pub fn stalling_server() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    thread::spawn(move || {
        let mut held = Vec::new();
        for mut stream in listener.incoming().flatten() {
            let mut buffered = Vec::new();
            let _ = read_request(&mut stream, &mut buffered);
            held.push(stream); // keep it open, say nothing
        }
    });
    addr
}

/// A loopback address where a TCP connect never completes: a listener with a backlog of 0
/// whose accept queue is already full and that never accepts, so the kernel drops further
/// SYNs and the client keeps retransmitting (a black hole, without leaving loopback).
pub struct BlackHole {
    pub addr: SocketAddr,
    _listener: socket2::Socket,
    _fillers: Vec<socket2::Socket>,
}

impl BlackHole {
    pub fn new() -> Self {
        use socket2::{Domain, Socket, Type};
        let listener = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
        listener.bind(&SocketAddr::from(([127, 0, 0, 1], 0)).into()).unwrap();
        listener.listen(0).unwrap();
        let addr = listener.local_addr().unwrap().as_socket().unwrap();
        // Fill the accept queue; once it is full, connects stop completing.
        let mut fillers = Vec::new();
        for _ in 0..8 {
            let socket = Socket::new(Domain::IPV4, Type::STREAM, None).unwrap();
            match socket.connect_timeout(&addr.into(), Duration::from_millis(200)) {
                Ok(()) => fillers.push(socket),
                Err(_) => break, // the queue is full: this is the state we want
            }
        }
        Self { addr, _listener: listener, _fillers: fillers }
    }

    /// Whether a plain connect to it indeed does not complete within `wait`.
    pub fn swallows_connects(&self, wait: Duration) -> bool {
        TcpStream::connect_timeout(&self.addr, wait).is_err()
    }
}
