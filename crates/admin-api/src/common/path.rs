//! Percent-encoding of path segments and query values.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

use super::error::BuildError;

/// Everything but RFC 3986 unreserved characters and `:` is encoded in a path segment, so an
/// id can never add a segment (`/`), end the path (`?`, `#`) or fake an escape (`%`).
const SEGMENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~').remove(b':');

/// Query values: everything but unreserved characters is encoded (a space is `%20`, never `+`).
const QUERY_VALUE: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Appends `/` and `value` encoded as exactly one path segment.
///
/// # Errors
/// [`BuildError::EmptyPathSegment`] for an empty value and [`BuildError::DotPathSegment`] for
/// `.` or `..` (URL normalisation would remove or climb them, whatever their encoding).
pub(crate) fn push_segment(path: &mut String, name: &'static str, value: &str) -> Result<(), BuildError> {
    if value.is_empty() {
        return Err(BuildError::EmptyPathSegment { name });
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
    fn query_values_use_percent_twenty_for_spaces() {
        let mut query = String::new();
        push_query(&mut query, "filter", r#"userName eq "a b+c@x.com""#);
        push_query(&mut query, "count", "5");
        assert_eq!(query, "filter=userName%20eq%20%22a%20b%2Bc%40x.com%22&count=5");
    }
}
