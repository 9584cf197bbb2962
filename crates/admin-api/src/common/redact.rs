//! Keeps the caller's key out of everything the client keeps from a response.
//!
//! Some servers echo the credential in what they answer (a 401 `text/plain` body
//! `invalid credentials: Bearer <key>`, a SCIM `detail`, an `{"error": "…<key>"}`). The client
//! knows the key it sent, so [`response`] replaces it with `[redacted]` in the body and header
//! values **as soon as a response arrives**, before retry decisions, error parsing or decoding
//! read it. Every text derived from the response — [`ApiError::raw`](crate::ApiError::raw), its
//! parsed body, [`DecodeError`](crate::DecodeError) (whose parser message may quote a string),
//! `Display`, `Debug` — is therefore clean, and a service gets this by sending through
//! `Client::send`, which every service does.

use admin_transport::{Bytes, HeaderValue, HttpResponse};
use memchr::memmem;

/// What replaces the key.
pub(crate) const REDACTED: &str = "[redacted]";

/// Keys shorter than this are not searched for: replacing a few common characters everywhere
/// would corrupt unrelated text, and such a key is no real credential (Atlassian's are far
/// longer).
const MIN_SECRET_BYTES: usize = 8;

/// The secret inside an `Authorization` value: what follows the scheme (`Bearer <key>`).
fn secret(authorization: &HeaderValue) -> Option<&[u8]> {
    let value = authorization.as_bytes();
    let key = match value.iter().position(|b| *b == b' ') {
        Some(space) => &value[space + 1..],
        None => value,
    };
    (key.len() >= MIN_SECRET_BYTES).then_some(key)
}

/// The forms the key may take in a response: as sent, and JSON-escaped (`/` may be written
/// `\/`; `"` and `\` must be escaped).
fn needles(key: &[u8]) -> Vec<Vec<u8>> {
    let mut needles = vec![key.to_vec()];
    let mut escaped = Vec::with_capacity(key.len());
    for &byte in key {
        if matches!(byte, b'"' | b'\\' | b'/') {
            escaped.push(b'\\');
        }
        escaped.push(byte);
    }
    if escaped != key {
        needles.push(escaped);
    }
    needles
}

/// `text` with every occurrence of a needle replaced by [`REDACTED`]; `None` when there is none
/// (the common case costs one search per needle and no allocation).
fn replace(text: &[u8], needles: &[Vec<u8>]) -> Option<Vec<u8>> {
    if !needles.iter().any(|needle| memmem::find(text, needle).is_some()) {
        return None;
    }
    let mut out = text.to_vec();
    for needle in needles {
        let finder = memmem::Finder::new(needle);
        let mut result = Vec::with_capacity(out.len());
        let mut rest = &out[..];
        while let Some(at) = finder.find(rest) {
            result.extend_from_slice(&rest[..at]);
            result.extend_from_slice(REDACTED.as_bytes());
            rest = &rest[at + needle.len()..];
        }
        result.extend_from_slice(rest);
        out = result;
    }
    Some(out)
}

/// `response` with the key of `authorization` replaced by `[redacted]` in its body and header
/// values.
pub(crate) fn response(mut response: HttpResponse, authorization: &HeaderValue) -> HttpResponse {
    let Some(key) = secret(authorization) else { return response };
    let needles = needles(key);
    if let Some(body) = replace(&response.body, &needles) {
        response.body = Bytes::from(body);
    }
    for value in response.headers.values_mut() {
        if let Some(clean) = replace(value.as_bytes(), &needles) {
            *value = HeaderValue::from_bytes(&clean).unwrap_or(HeaderValue::from_static(REDACTED));
        }
    }
    response
}

#[cfg(test)]
mod tests {
    use admin_transport::StatusCode;

    use super::*;

    fn bearer(key: &str) -> HeaderValue {
        HeaderValue::try_from(format!("Bearer {key}")).unwrap()
    }

    #[test]
    fn the_key_is_replaced_in_the_body_and_headers() {
        let mut echo = HttpResponse::new(
            StatusCode::UNAUTHORIZED,
            "invalid credentials: Bearer s3cr3t-k3y/x, again s3cr3t-k3y/x",
        );
        echo.headers.insert("www-authenticate", "Bearer token=s3cr3t-k3y/x".parse().unwrap());
        let clean = response(echo, &bearer("s3cr3t-k3y/x"));
        assert_eq!(clean.body_text(), "invalid credentials: Bearer [redacted], again [redacted]");
        assert_eq!(clean.header("www-authenticate"), Some("Bearer token=[redacted]"));
    }

    #[test]
    fn a_json_escaped_key_is_replaced_too() {
        let echo = HttpResponse::new(StatusCode::UNAUTHORIZED, r#"{"error":"bad key s3cr3t-k3y\/x"}"#);
        let clean = response(echo, &bearer("s3cr3t-k3y/x"));
        assert_eq!(clean.body_text(), r#"{"error":"bad key [redacted]"}"#);
    }

    #[test]
    fn bodies_without_the_key_are_untouched_and_short_keys_are_not_searched() {
        let body = Bytes::from_static(br#"{"key":"accountNotFound"}"#);
        let clean = response(HttpResponse::new(StatusCode::NOT_FOUND, body.clone()), &bearer("s3cr3t-k3y"));
        assert_eq!(clean.body, body);
        let clean = response(HttpResponse::new(StatusCode::NOT_FOUND, body.clone()), &bearer("key"));
        assert_eq!(clean.body, body);
    }
}
