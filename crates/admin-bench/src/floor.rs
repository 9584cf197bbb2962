//! The floors: the least an HTTP/1.1 client can do for the same exchange, so that the table
//! shows what our client costs against the wire, not only against the library underneath.
//!
//! * [`Sequential`]: one keep-alive `std::net::TcpStream` (`TCP_NODELAY`), the same request
//!   bytes as ours written in one `write`, the response head parsed just enough to find
//!   `Content-Length`, the body read exactly. No allocation per request beyond the body.
//! * [`Pool`]: 64 raw hyper `client::conn::http1` connections, one per task, each sending its
//!   requests back to back — what reqwest's pool does, without the pool, the middleware, the
//!   timeouts or the URL handling.
//!
//! Both decode the body into the same model type as the other clients, so every client in a
//! row does the same work (decoding a profile is ~2.5 µs, see the micro rows).

use std::io::{self, BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};

use admin_api::models::user_management::ProfileResponse;
use bytes::Bytes;
use http_body_util::{BodyExt, Empty};
use hyper::client::conn::http1::SendRequest;
use hyper_util::rt::TokioIo;

/// The request head every client sends for get-profile (the three headers the raw baselines
/// set, plus `host`).
pub fn profile_request(addr: SocketAddr, path: &str, authorization: &str, user_agent: &str) -> Vec<u8> {
    format!(
        "GET {path} HTTP/1.1\r\nhost: {addr}\r\nauthorization: {authorization}\r\nuser-agent: {user_agent}\r\naccept: application/json\r\n\r\n"
    )
    .into_bytes()
}

/// A sequential keep-alive client on one `TcpStream`.
pub struct Sequential {
    request: Vec<u8>,
    writer: TcpStream,
    reader: BufReader<TcpStream>,
    line: String,
    body: Vec<u8>,
}

impl Sequential {
    /// Connects once; every [`get`](Self::get) reuses the connection.
    pub fn connect(addr: SocketAddr, request: Vec<u8>) -> io::Result<Self> {
        let stream = TcpStream::connect(addr)?;
        stream.set_nodelay(true)?;
        let reader = BufReader::with_capacity(16 * 1024, stream.try_clone()?);
        Ok(Self { request, writer: stream, reader, line: String::new(), body: Vec::new() })
    }

    /// One request: write the bytes, read the head up to the blank line, read the body by
    /// `Content-Length`, decode it.
    pub fn get(&mut self) -> io::Result<ProfileResponse> {
        self.writer.write_all(&self.request)?;
        let mut length = None;
        let mut first = true;
        loop {
            self.line.clear();
            if self.reader.read_line(&mut self.line)? == 0 {
                return Err(io::ErrorKind::UnexpectedEof.into());
            }
            let line = self.line.trim_end();
            if first {
                assert!(line.starts_with("HTTP/1.1 200"), "floor: unexpected status line {line:?}");
                first = false;
            } else if line.is_empty() {
                break;
            } else if let Some((name, value)) = line.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse::<usize>().ok();
            }
        }
        let length = length.ok_or(io::ErrorKind::InvalidData)?;
        self.body.resize(length, 0);
        self.reader.read_exact(&mut self.body)?;
        serde_json::from_slice(&self.body).map_err(io::Error::other)
    }
}

/// One raw hyper HTTP/1.1 connection (its driver runs as a task).
pub struct Pool {
    senders: Vec<SendRequest<Empty<Bytes>>>,
    addr: SocketAddr,
    path: String,
    authorization: String,
    user_agent: String,
}

impl Pool {
    /// Opens `size` connections (inside a tokio runtime).
    pub async fn connect(
        addr: SocketAddr,
        size: usize,
        path: &str,
        authorization: &str,
        user_agent: &str,
    ) -> io::Result<Self> {
        let mut senders = Vec::with_capacity(size);
        for _ in 0..size {
            let stream = tokio::net::TcpStream::connect(addr).await?;
            stream.set_nodelay(true)?;
            let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
                .await
                .map_err(io::Error::other)?;
            tokio::spawn(connection);
            senders.push(sender);
        }
        Ok(Self {
            senders,
            addr,
            path: path.to_owned(),
            authorization: authorization.to_owned(),
            user_agent: user_agent.to_owned(),
        })
    }

    /// `per_connection` requests on every connection, all connections at once; returns when
    /// all are done.
    pub async fn run(&mut self, per_connection: usize) {
        let host = self.addr.to_string();
        let tasks: Vec<_> = self
            .senders
            .drain(..)
            .map(|mut sender| {
                let (path, host) = (self.path.clone(), host.clone());
                let (authorization, user_agent) = (self.authorization.clone(), self.user_agent.clone());
                tokio::spawn(async move {
                    for _ in 0..per_connection {
                        sender.ready().await.expect("floor connection ready");
                        let request = http::Request::get(path.as_str())
                            .header(http::header::HOST, host.as_str())
                            .header(http::header::AUTHORIZATION, authorization.as_str())
                            .header(http::header::USER_AGENT, user_agent.as_str())
                            .header(http::header::ACCEPT, "application/json")
                            .body(Empty::<Bytes>::new())
                            .expect("floor request");
                        let response = sender.send_request(request).await.expect("floor GET");
                        assert_eq!(response.status(), 200);
                        let body = response.into_body().collect().await.expect("floor body").to_bytes();
                        let profile: ProfileResponse = serde_json::from_slice(&body).expect("floor decode");
                        std::hint::black_box(profile);
                    }
                    sender
                })
            })
            .collect();
        for task in tasks {
            self.senders.push(task.await.expect("floor task"));
        }
    }
}
