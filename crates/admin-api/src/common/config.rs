//! Client settings shared by both facades.

use admin_transport::{HeaderValue, Url};

use super::error::BuildError;
use super::retry::RetryPolicy;

/// Atlassian's API host.
pub const DEFAULT_BASE_URL: &str = "https://api.atlassian.com";

/// The default `User-Agent`: `atlassian-admin-rs/<version>`.
pub const DEFAULT_USER_AGENT: &str = concat!("atlassian-admin-rs/", env!("CARGO_PKG_VERSION"));

/// Validated settings of a client.
#[derive(Debug, Clone)]
pub(crate) struct ClientConfig {
    base_url: Url,
    base_path: String,
    pub(crate) user_agent: HeaderValue,
    pub(crate) retry: RetryPolicy,
}

impl ClientConfig {
    pub(crate) fn new(
        base_url: &str,
        allow_insecure_http: bool,
        user_agent: &str,
        retry: RetryPolicy,
    ) -> Result<Self, BuildError> {
        let base_url = parse_base_url(base_url, allow_insecure_http)?;
        let base_path = base_url.path().trim_end_matches('/').to_owned();
        let user_agent = HeaderValue::try_from(user_agent).map_err(|_| {
            BuildError::InvalidArgument(format!("user agent {user_agent:?} is not a valid header value"))
        })?;
        Ok(Self { base_url, base_path, user_agent, retry })
    }

    /// The base URL, e.g. `https://api.atlassian.com/`.
    pub(crate) fn base_url(&self) -> &Url {
        &self.base_url
    }

    /// The base URL's path without its trailing slash (`""` or `/prefix`); request paths are
    /// appended to it.
    pub(crate) fn base_path(&self) -> &str {
        &self.base_path
    }
}

/// Parses and checks a base URL: http(s), a host, no credentials, query or fragment, and plain
/// `http://` only for loopback hosts unless `allow_insecure_http`.
pub(crate) fn parse_base_url(raw: &str, allow_insecure_http: bool) -> Result<Url, BuildError> {
    let invalid =
        |reason: &str| BuildError::InvalidBaseUrl { url: shown_url(raw), reason: reason.to_owned() };
    let url = Url::parse(raw).map_err(|e| invalid(&e.to_string()))?;
    match url.scheme() {
        "https" => {}
        "http" if allow_insecure_http || is_loopback(&url) => {}
        "http" => return Err(BuildError::InsecureBaseUrl { url: shown_url(raw) }),
        _ => return Err(invalid("the scheme must be https (or http for loopback)")),
    }
    if url.host().is_none() {
        return Err(invalid("it has no host"));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(invalid("it must not contain credentials"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(invalid("it must not have a query or fragment"));
    }
    Ok(url)
}

/// A URL as it may be shown in an error, a log or `Debug`: its userinfo (`user:password@`) and
/// its query and fragment (which may carry tokens) replaced by `[redacted]`. Works on text that
/// does not parse as a URL too, since that is when it is shown.
pub(crate) fn shown_url(raw: &str) -> String {
    const HIDDEN: &str = "[redacted]";
    let (scheme, rest) = match raw.find("://") {
        Some(at) => raw.split_at(at + 3),
        None => ("", raw),
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, after) = rest.split_at(authority_end);
    let mut shown = String::with_capacity(raw.len());
    shown.push_str(scheme);
    match authority.rfind('@') {
        Some(at) => {
            shown.push_str(HIDDEN);
            shown.push_str(&authority[at..]);
        }
        None => shown.push_str(authority),
    }
    match after.find(['?', '#']) {
        Some(at) => {
            shown.push_str(&after[..=at]);
            shown.push_str(HIDDEN);
        }
        None => shown.push_str(after),
    }
    shown
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_anywhere_and_http_only_on_loopback() {
        assert!(parse_base_url("https://api.atlassian.com", false).is_ok());
        assert!(parse_base_url("http://127.0.0.1:4000", false).is_ok());
        assert!(parse_base_url("http://localhost:4000/prefix/", false).is_ok());
        assert!(parse_base_url("http://[::1]:4000", false).is_ok());
        assert!(matches!(
            parse_base_url("http://api.example.com", false),
            Err(BuildError::InsecureBaseUrl { .. })
        ));
        assert!(parse_base_url("http://api.example.com", true).is_ok());
    }

    #[test]
    fn unusable_base_urls_are_refused() {
        for bad in ["not a url", "ftp://x.com", "https://u:p@x.com", "https://x.com/?q=1", "https://x.com/#f"]
        {
            assert!(parse_base_url(bad, false).is_err(), "{bad}");
        }
    }

    /// The tryout's exact input: the password was printed in the error.
    #[test]
    fn a_refused_base_url_is_shown_without_its_credentials_or_query() {
        let error = parse_base_url("http://admin:hunter2pass@127.0.0.1:4555", false).unwrap_err();
        let shown = format!("{error} {error:?}");
        assert!(!shown.contains("hunter2pass") && !shown.contains("admin:"), "{shown}");
        assert_eq!(
            error.to_string(),
            r#"invalid base URL "http://[redacted]@127.0.0.1:4555": it must not contain credentials"#
        );
        let error = parse_base_url("http://u:pw@api.example.com/x?token=abc#frag", false).unwrap_err();
        assert!(
            matches!(&error, BuildError::InsecureBaseUrl { url } if url == "http://[redacted]@api.example.com/x?[redacted]")
        );
        // Without a scheme everything before the `@` may be userinfo: all of it is hidden.
        assert_eq!(shown_url("not a url user:pw@host"), "[redacted]@host");
        assert_eq!(shown_url("https://api.atlassian.com/prefix"), "https://api.atlassian.com/prefix");
    }

    #[test]
    fn a_path_prefix_is_kept_without_its_trailing_slash() {
        let config =
            ClientConfig::new("http://127.0.0.1:1/proxy/", false, DEFAULT_USER_AGENT, RetryPolicy::default())
                .unwrap();
        assert_eq!(config.base_path(), "/proxy");
    }
}
