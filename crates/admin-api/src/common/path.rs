//! Percent-encoding of path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::error::BuildError;

/// Everything but RFC 3986 unreserved characters and `:` is encoded in a path segment, so an
/// id can never add a segment (`/`), end the path (`?`, `#`) or fake an escape (`%`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b':');

/// Query values: everything but unreserved characters is encoded (a space is `%20`, never `+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// The longest value accepted as one path segment (an id), in bytes of UTF-8 before encoding:
/// 1 KiB. Atlassian's ids are far shorter (an account id or a UUID is under 64 bytes); longer
/// values are refused before sending rather than failing in the transport or at the server.
pub const MAX_PATH_SEGMENT_BYTES: usize = 1024;

/// The longest request target (path and query, as sent on the request line) a request may have:
/// 8 KiB, the limit common HTTP servers and proxies enforce by default.
pub const MAX_REQUEST_TARGET_BYTES: usize = 8 * 1024;

/// Appends `/` and `value` encoded as exactly one path segment.
///
/// # Errors
/// [`BuildError::EmptyPathSegment`] for an empty value, [`BuildError::DotPathSegment`] for
/// `.` or `..` (URL normalisation would remove or climb them, whatever their encoding) and
/// [`BuildError::TooLong`] for a value over [`MAX_PATH_SEGMENT_BYTES`].
pub(crate) fn push_segment(path: &mut String, name: &'static str, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        return Err(BuildError::EmptyPathSegment { name });
    }
    if value.len() > MAX_PATH_SEGMENT_BYTES {
        return Err(BuildError::TooLong { name, len: value.len(), limit: MAX_PATH_SEGMENT_BYTES });
    }
    if value == "." || value == ".." {
        return Err(BuildError::DotPathSegment { name });
    }
    path.push('/');
    path.extend(utf8_percent_encode(value, SEGMENT));
    Ok(())
}

/// Appends `key=v1,v2,…` (OpenAPI `style: form, explode: false`): each value encoded, the
/// separating commas literal (a comma inside a value is encoded, so it cannot split it).
pub(crate) fn push_query_list<'a>(query: &mut String, key: &str, values: impl IntoIterator<Item = &'a str>) {
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(utf8_percent_encode(key, QUERY_VALUE));
    query.push('=');
    for (index, value) in values.into_iter().enumerate() {
        if index > 0 {
            query.push(',');
        }
        query.extend(utf8_percent_encode(value, QUERY_VALUE));
    }
}

/// Appends `key=value` to a query string, encoding the value.
pub(crate) fn push_query(query: &mut String, key: &str, value: &str) {
    if !query.is_empty() {
        query.push('&');
    }
    query.extend(utf8_percent_encode(key, QUERY_VALUE));
    query.push('=');
    query.extend(utf8_percent_encode(value, QUERY_VALUE));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn segment(value: &str) -> String {
        let mut path = String::new();
        push_segment(&mut path, "id", value).unwrap();
        path
    }

    #[test]
    fn reserved_characters_stay_inside_their_segment() {
        assert_eq!(segment("a/b"), "/a%2Fb");
        assert_eq!(segment("a?b#c%d e"), "/a%3Fb%23c%25d%20e");
        assert_eq!(segment("557057:4f9acfd2"), "/557057:4f9acfd2");
        assert_eq!(segment("x|y"), "/x%7Cy");
        assert_eq!(segment("a..b"), "/a..b");
    }

    #[test]
    fn empty_and_dot_segments_are_refused() {
        let mut path = String::new();
        assert!(matches!(
            push_segment(&mut path, "id", ""),
            Err(BuildError::EmptyPathSegment { name: "id" })
        ));
        assert!(matches!(push_segment(&mut path, "id", ".."), Err(BuildError::DotPathSegment { .. })));
        assert!(matches!(push_segment(&mut path, "id", "."), Err(BuildError::DotPathSegment { .. })));
        assert!(path.is_empty());
    }

    #[test]
    fn over_long_segments_are_refused_with_the_limit() {
        let mut path = String::new();
        push_segment(&mut path, "id", &"a".repeat(MAX_PATH_SEGMENT_BYTES)).unwrap();
        let error = push_segment(&mut path, "id", &"a".repeat(MAX_PATH_SEGMENT_BYTES + 1)).unwrap_err();
        assert_eq!(error.to_string(), "id is 1025 bytes long; the limit is 1024 bytes");
    }

    #[test]
    fn query_values_use_percent_twenty_for_spaces() {
        let mut query = String::new();
        push_query(&mut query, "filter", r#"userName eq "a b+c@x.com""#);
        push_query(&mut query, "count", "5");
        assert_eq!(query, "filter=userName%20eq%20%22a%20b%2Bc%40x.com%22&count=5");
    }
}
