//! The outermost transport of the agent: keeps credentials out of ureq's logs, and spares
//! system calls on warm connections (see [`Edge`]).
//!
//! ureq-proto writes the request head into the transport's output buffer and, at `log` level
//! TRACE, dumps that buffer as hex rows before the transport sends it — `authorization: Bearer
//! <key>` included. A library cannot turn a dependency's logging off for the application, so
//! the key is never in what ureq sees: [`Placeholders::swap_in`] replaces every credential
//! header value by a placeholder of the same length, and [`Edge`] — the transport of the last
//! link of the connector chain, above TLS — puts the real value back into the output buffer
//! right before it is transmitted. The dump shows the placeholder; the server gets the key.
//!
//! The real values travel from `execute` to the transport in a thread-local: ureq sends a
//! request on the thread that runs it. If a placeholder were ever sent unreplaced, the server
//! would refuse it (401): the failure mode is a refused request, never a leaked key.

use std::cell::RefCell;
use std::hash::{BuildHasher, Hasher};

use http::{HeaderMap, HeaderName, HeaderValue, header};
use std::time::Duration;

use ureq::unversioned::transport::time::Duration as UreqDuration;
use ureq::unversioned::transport::{Buffers, ConnectionDetails, Connector, NextTimeout, Transport};

thread_local! {
    /// The credential lines of the request this thread is sending, and of the last few it sent
    /// (a client sends the same key again and again: its placeholder is made once).
    static PENDING: RefCell<Pending> = const { RefCell::new(Pending { active: false, secrets: Vec::new() }) };
}

/// How many credential values a thread remembers between requests.
const REMEMBERED: usize = 4;

struct Pending {
    /// Whether a request is being sent (between `swap_in` and the guard's drop).
    active: bool,
    secrets: Vec<Secret>,
}

/// One credential header: the line ureq will write (with the placeholder) and the real value.
struct Secret {
    pattern: [u8; 16],
    name: HeaderName,
    real: HeaderValue,
    placeholder: HeaderValue,
    /// `name: PLACEHOLDER\r\n`, as ureq-proto writes a header line.
    line: Vec<u8>,
    /// Where the value starts in `line`.
    value_at: usize,
    /// Whether the current request carries it.
    used: bool,
}

impl Secret {
    fn new(pattern: [u8; 16], name: &HeaderName, real: &HeaderValue) -> Self {
        let bytes: Vec<u8> = pattern.iter().copied().cycle().take(real.len()).collect();
        let mut line = Vec::with_capacity(name.as_str().len() + bytes.len() + 4);
        line.extend_from_slice(name.as_str().as_bytes());
        line.extend_from_slice(b": ");
        let value_at = line.len();
        line.extend_from_slice(&bytes);
        line.extend_from_slice(b"\r\n");
        let mut placeholder = HeaderValue::from_bytes(&bytes).expect("hex digits are a valid header value");
        placeholder.set_sensitive(true);
        Self { pattern, name: name.clone(), real: real.clone(), placeholder, line, value_at, used: false }
    }
}

/// The placeholder alphabet of one backend: hex digits of a random seed, so that a placeholder
/// cannot be guessed by a server echoing something similar.
#[derive(Debug, Clone)]
pub(crate) struct Placeholders {
    pattern: [u8; 16],
}

impl Placeholders {
    pub(crate) fn new() -> Self {
        let seed = std::collections::hash_map::RandomState::new().build_hasher().finish();
        let mut pattern = [0u8; 16];
        for (i, byte) in pattern.iter_mut().enumerate() {
            *byte = b"0123456789abcdef"[((seed >> (4 * i)) & 0xf) as usize];
        }
        Self { pattern }
    }

    /// Replaces the value of every credential header in `headers` by a placeholder of the
    /// same length and arms the current thread to restore them on the wire. The returned guard
    /// disarms it (also on panic).
    pub(crate) fn swap_in(&self, headers: &mut HeaderMap) -> Armed {
        PENDING.with_borrow_mut(|pending| {
            pending.secrets.iter_mut().for_each(|secret| secret.used = false);
            let mut armed = false;
            for (name, value) in headers.iter_mut() {
                if !is_credential(name, value) {
                    continue;
                }
                let known = pending
                    .secrets
                    .iter()
                    .position(|s| s.pattern == self.pattern && s.name == name && s.real == *value);
                let at = known.unwrap_or_else(|| {
                    if pending.secrets.len() >= REMEMBERED
                        && let Some(unused) = pending.secrets.iter().position(|s| !s.used)
                    {
                        pending.secrets.remove(unused);
                    }
                    pending.secrets.push(Secret::new(self.pattern, name, value));
                    pending.secrets.len() - 1
                });
                let secret = &mut pending.secrets[at];
                secret.used = true;
                *value = secret.placeholder.clone();
                armed = true;
            }
            pending.active = armed;
            Armed { armed }
        })
    }
}

fn is_credential(name: &HeaderName, value: &HeaderValue) -> bool {
    value.is_sensitive()
        || name == header::AUTHORIZATION
        || name == header::PROXY_AUTHORIZATION
        || name == header::COOKIE
}

/// Disarms the thread's pending secrets when dropped.
#[must_use]
pub(crate) struct Armed {
    armed: bool,
}

impl Drop for Armed {
    fn drop(&mut self) {
        if self.armed {
            PENDING.with_borrow_mut(|pending| pending.active = false);
        }
    }
}

/// Puts the real credential values back into `output` wherever a placeholder line starts a
/// line (after `\r\n`), i.e. only in header lines.
fn restore(output: &mut [u8]) {
    PENDING.with_borrow(|pending| {
        if !pending.active {
            return;
        }
        for secret in pending.secrets.iter().filter(|s| s.used) {
            let mut from = 0;
            while let Some(found) = find_line(&output[from..], &secret.line) {
                let at = from + found + secret.value_at;
                output[at..at + secret.real.len()].copy_from_slice(secret.real.as_bytes());
                from = at + secret.real.len();
            }
        }
    });
}

/// The position of `line` in `haystack` where it starts a line (right after `\n`).
fn find_line(haystack: &[u8], line: &[u8]) -> Option<usize> {
    let mut at = 0;
    while let Some(newline) = haystack[at..].iter().position(|&b| b == b'\n') {
        at += newline + 1;
        if haystack[at..].starts_with(line) && haystack[..at].ends_with(b"\r\n") {
            return Some(at);
        }
    }
    None
}

/// The last connector of the chain: wraps whatever transport the chain built (TCP or TLS) in
/// [`Edge`].
#[derive(Debug)]
pub(crate) struct EdgeConnector;

impl Connector<Box<dyn Transport>> for EdgeConnector {
    type Out = Edge;

    fn connect(
        &self,
        _: &ConnectionDetails,
        chained: Option<Box<dyn Transport>>,
    ) -> Result<Option<Edge>, ureq::Error> {
        Ok(chained.map(|inner| Edge { inner, used_since_probe: false }))
    }
}

/// The outermost transport. It restores credential values in the output right before
/// sending it, and spares system calls that ureq's TCP transport would make on every request
/// of a warm keep-alive connection:
///
/// * **one liveness probe instead of two.** ureq probes a connection (non-blocking read:
///   `ioctl`, `recvfrom`, `ioctl`) when it returns to the pool *and* again before it is
///   reused. The first probe, right after a complete response, is answered "open" without
///   I/O: the probe before reuse still runs and still discards a connection that was closed
///   or received stray bytes in between.
/// * **socket timeouts that do not change on every request.** ureq passes the remaining total
///   time down, and its TCP transport calls `setsockopt` (`SO_SNDTIMEO`, `SO_RCVTIMEO`)
///   whenever the value differs from the last one — so twice per request, as the remaining
///   time of a fresh request is a few microseconds different each time. [`steady`] rounds it
///   *down* to a grain of at most 1/64 of its value, so consecutive requests pass the same
///   value and the timeout can only fire earlier, by less than 1.6 % of it, never later.
#[derive(Debug)]
pub(crate) struct Edge {
    inner: Box<dyn Transport>,
    /// Whether I/O happened since the last liveness probe.
    used_since_probe: bool,
}

impl Transport for Edge {
    fn buffers(&mut self) -> &mut dyn Buffers {
        self.inner.buffers()
    }

    fn transmit_output(&mut self, amount: usize, timeout: NextTimeout) -> Result<(), ureq::Error> {
        self.used_since_probe = true;
        restore(&mut self.inner.buffers().output()[..amount]);
        self.inner.transmit_output(amount, steady(timeout))
    }

    fn maybe_await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.used_since_probe = true;
        self.inner.maybe_await_input(steady(timeout))
    }

    fn await_input(&mut self, timeout: NextTimeout) -> Result<bool, ureq::Error> {
        self.used_since_probe = true;
        self.inner.await_input(steady(timeout))
    }

    fn is_open(&mut self) -> bool {
        if std::mem::take(&mut self.used_since_probe) {
            // Just used for a complete exchange: the probe before its next use decides.
            return true;
        }
        self.inner.is_open()
    }

    fn is_tls(&self) -> bool {
        self.inner.is_tls()
    }
}

/// `timeout` with its remaining time rounded down to a power-of-two number of milliseconds
/// no larger than 1/64 of it (e.g. 59.999 s → 59.904 s), so that it is the same for
/// consecutive requests. Below 64 ms it is passed unchanged.
fn steady(timeout: NextTimeout) -> NextTimeout {
    let UreqDuration::Exact(after) = timeout.after else { return timeout };
    let ms = after.as_millis() as u64;
    let grain = ms / 64;
    if grain == 0 {
        return timeout;
    }
    let grain = 1 << (63 - grain.leading_zeros());
    NextTimeout { after: Duration::from_millis(ms / grain * grain).into(), ..timeout }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_have_the_length_of_the_value_and_are_restored_only_in_header_lines() {
        let placeholders = Placeholders::new();
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Bearer k3y"));
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        let armed = placeholders.swap_in(&mut headers);
        let shown = headers[header::AUTHORIZATION].as_bytes().to_vec();
        assert_eq!(shown.len(), "Bearer k3y".len());
        assert!(!String::from_utf8_lossy(&shown).contains("k3y"));
        assert_eq!(headers[header::ACCEPT], "application/json", "other headers untouched");

        let line = |value: &[u8]| [b"authorization: ".as_slice(), value, b"\r\n"].concat();
        let mut wire =
            [b"GET / HTTP/1.1\r\n".as_slice(), &line(&shown), b"\r\n{\"x\":\"", &line(&shown)].concat();
        let unchanged_tail = wire[wire.len() - line(&shown).len()..].to_vec();
        restore(&mut wire);
        let expected_head = [b"GET / HTTP/1.1\r\n".as_slice(), &line(b"Bearer k3y")].concat();
        assert!(wire.starts_with(&expected_head), "{}", String::from_utf8_lossy(&wire));
        assert!(wire.ends_with(&unchanged_tail), "a line not preceded by CRLF is left alone");

        drop(armed);
        let mut again = [b"GET / HTTP/1.1\r\n".as_slice(), &line(&shown)].concat();
        let before = again.clone();
        restore(&mut again);
        assert_eq!(again, before, "disarmed after the request");
    }

    #[test]
    fn each_request_restores_its_own_key_when_keys_change() {
        let placeholders = Placeholders::new();
        for key in ["Bearer first", "Bearer second", "Bearer first"] {
            let mut headers = HeaderMap::new();
            headers.insert(header::AUTHORIZATION, HeaderValue::from_static(key));
            let _armed = placeholders.swap_in(&mut headers);
            let shown = headers[header::AUTHORIZATION].as_bytes();
            let mut wire = [b"GET / HTTP/1.1\r\nauthorization: ".as_slice(), shown, b"\r\n\r\n"].concat();
            restore(&mut wire);
            let expected = format!("GET / HTTP/1.1\r\nauthorization: {key}\r\n\r\n");
            assert_eq!(String::from_utf8_lossy(&wire), expected);
        }
    }

    #[test]
    fn steady_timeouts_only_round_down_by_less_than_a_64th() {
        let after =
            |ms: u64| NextTimeout { after: Duration::from_millis(ms).into(), ..NextTimeout::default() };
        let ms = |t: NextTimeout| match t.after {
            UreqDuration::Exact(d) => d.as_millis() as u64,
            UreqDuration::NotHappening => u64::MAX,
        };
        assert_eq!(ms(steady(after(59_999))), 59_904);
        assert_eq!(ms(steady(after(59_950))), 59_904, "close values become equal");
        assert_eq!(ms(steady(after(499))), 496);
        assert_eq!(ms(steady(after(63))), 63, "small values unchanged");
        for value in [64, 100, 1_000, 9_999, 10_000, 60_000, 3_600_000] {
            let rounded = ms(steady(after(value)));
            assert!(rounded <= value && value - rounded <= value / 64, "{value} -> {rounded}");
        }
        assert_eq!(steady(NextTimeout::default()).after, UreqDuration::NotHappening);
    }
}
