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

/// The length of the key's form that starts at `text[0]`, if one does.
///
/// Each character of the key (keys are ASCII) may appear in any of the forms a server's
/// encoder produces, and forms may mix (an encoder escapes some characters, not others):
///
/// * as itself;
/// * percent-encoded, `%2F` or `%2f` (a URL or form echoing the key, e.g. `ATATT3x%2FFfGF0`);
/// * JSON-escaped: `\/` for `/`, `\"` and `\\` for `"` and `\`, or `\u002F` / `\u002f` for
///   any character (serializers that escape `+`, `=`, `/` or `<` as `\u002b`…).
///
/// So the key is found however it was encoded, without decoding (and re-encoding) the body:
/// the rest of the text stays byte for byte as received.
fn match_at(text: &[u8], key: &[u8]) -> Option<usize> {
    let mut at = 0;
    for &wanted in key {
        let rest = &text[at..];
        let used = match rest {
            [first, ..] if *first == wanted => 1,
            [b'%', high, low, ..] if hex_pair(*high, *low) == Some(wanted) => 3,
            [b'\\', b'u', a, b, c, d, ..]
                if hex_pair(*a, *b) == Some(0) && hex_pair(*c, *d) == Some(wanted) =>
            {
                6
            }
            [b'\\', escaped, ..] if *escaped == wanted && matches!(wanted, b'/' | b'"' | b'\\') => 2,
            _ => return None,
        };
        at += used;
    }
    Some(at)
}

/// The byte two hex digits (either case) stand for.
fn hex_pair(high: u8, low: u8) -> Option<u8> {
    let digit = |d: u8| (d as char).to_digit(16);
    Some((digit(high)? * 16 + digit(low)?) as u8)
}

/// [`replace_with`], building the literal search itself (tests).
#[cfg(test)]
fn replace(text: &[u8], key: &[u8]) -> Option<Vec<u8>> {
    replace_with(text, key, &memchr::memmem::Finder::new(key))
}

/// `text` with every form of `key` ([`match_at`]) replaced by [`REDACTED`]; `None` when there is
/// none (the common case allocates nothing). A text without `%` or `\` can only hold the literal
/// key: `finder` (built once per response by the caller: building it costs more than searching
/// a short header value) finds it. Otherwise only bytes that can start a form — the key's first
/// character, `%`, `\` — are examined.
fn replace_with(text: &[u8], key: &[u8], finder: &memchr::memmem::Finder<'_>) -> Option<Vec<u8>> {
    if memchr::memchr2(b'%', b'\\', text).is_none() {
        return replace_literal(text, key, finder);
    }
    let mut out: Option<Vec<u8>> = None;
    let mut copied = 0;
    let mut from = 0;
    while let Some(offset) = memchr::memchr3(key[0], b'%', b'\\', &text[from..]) {
        let start = from + offset;
        match match_at(&text[start..], key) {
            Some(len) => {
                let buffer = out.get_or_insert_with(|| Vec::with_capacity(text.len()));
                buffer.extend_from_slice(&text[copied..start]);
                buffer.extend_from_slice(REDACTED.as_bytes());
                copied = start + len;
                from = copied;
            }
            None => from = start + 1,
        }
        if from >= text.len() {
            break;
        }
    }
    let mut out = out?;
    out.extend_from_slice(&text[copied..]);
    Some(out)
}

/// [`replace`] for a text without `%` or `\\`, where only the literal key can occur: a SIMD
/// substring search instead of examining every byte that equals the key's first character (a
/// 100-user SCIM page is ~111 KiB of text; this keeps redaction at a few µs per page).
fn replace_literal(text: &[u8], key: &[u8], finder: &memchr::memmem::Finder<'_>) -> Option<Vec<u8>> {
    let mut matches = finder.find_iter(text).peekable();
    matches.peek()?;
    let mut out = Vec::with_capacity(text.len());
    let mut copied = 0;
    for start in matches {
        if start < copied {
            continue; // overlaps the previous match (a key that repeats a prefix of itself)
        }
        out.extend_from_slice(&text[copied..start]);
        out.extend_from_slice(REDACTED.as_bytes());
        copied = start + key.len();
    }
    out.extend_from_slice(&text[copied..]);
    Some(out)
}

/// `response` with the key of `authorization` replaced by `[redacted]` in its body and header
/// values.
pub(crate) fn response(mut response: HttpResponse, authorization: &HeaderValue) -> HttpResponse {
    let Some(key) = secret(authorization) else { return response };
    let finder = memchr::memmem::Finder::new(key);
    if let Some(body) = replace_with(&response.body, key, &finder) {
        response.body = Bytes::from(body);
    }
    for value in response.headers.values_mut() {
        if let Some(clean) = replace_with(value.as_bytes(), key, &finder) {
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
    fn texts_without_escapes_take_the_literal_search_and_give_the_same_result() {
        let key = b"s3cr3t-k3y/x";
        for text in [
            &b"no key here, only s3cr3t and k3y"[..],
            b"s3cr3t-k3y/x",
            b"a s3cr3t-k3y/xs3cr3t-k3y/x b s3cr3t-k3y/",
            b"",
        ] {
            assert!(memchr::memchr2(b'%', b'\\', text).is_none());
            let mut general = text.to_vec();
            general.push(b'%'); // forces the general scan
            let expected = replace(&general, key).map(|mut out| {
                out.pop();
                out
            });
            assert_eq!(replace(text, key), expected, "{}", String::from_utf8_lossy(text));
        }
    }

    #[test]
    fn a_json_escaped_key_is_replaced_too() {
        let echo = HttpResponse::new(StatusCode::UNAUTHORIZED, r#"{"error":"bad key s3cr3t-k3y\/x"}"#);
        let clean = response(echo, &bearer("s3cr3t-k3y/x"));
        assert_eq!(clean.body_text(), r#"{"error":"bad key [redacted]"}"#);
    }

    /// The tryout's exact inputs: key `ATATT3x/FfGF0+Zs=ab` echoed URL-encoded (upper and lower
    /// hex) and with JSON `\u002b`-style escapes.
    #[test]
    fn a_percent_encoded_key_is_replaced_in_either_hex_case() {
        let key = "ATATT3x/FfGF0+Zs=ab";
        let echo = HttpResponse::new(
            StatusCode::UNAUTHORIZED,
            "bad token=ATATT3x%2FFfGF0%2BZs%3Dab, again ATATT3x%2fFfGF0%2bZs%3dab.",
        );
        let clean = response(echo, &bearer(key));
        assert_eq!(clean.body_text(), "bad token=[redacted], again [redacted].");
    }

    #[test]
    fn a_json_unicode_escaped_key_is_replaced_in_any_mix_of_forms() {
        let key = "ATATT3x/FfGF0+Zs=ab";
        let body = r#"{"error":"ATATT3x\/FfGF0\u002bZs\u003Dab","hint":"\u0041TATT3x\u002FFfGF0+Zs=ab"}"#;
        let clean = response(HttpResponse::new(StatusCode::UNAUTHORIZED, body), &bearer(key));
        assert_eq!(clean.body_text(), r#"{"error":"[redacted]","hint":"[redacted]"}"#);
    }

    #[test]
    fn near_misses_and_other_escapes_are_left_as_received() {
        let key = "ATATT3x/FfGF0+Zs=ab";
        let body = r#"{"a":"ATATT3x%2FFfGF0%2BZs%3Dac","b":"\u0041\n100%","c":"ATATT3x/FfGF0+Zs="}"#;
        let clean = response(HttpResponse::new(StatusCode::UNAUTHORIZED, body), &bearer(key));
        assert_eq!(clean.body_text(), body);
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
