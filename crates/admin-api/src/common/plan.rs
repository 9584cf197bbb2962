//! Request plans: everything about a request except the base URL, credentials and transport.
//!
//! Plans are plain data built by I/O-free functions (see [`crate::plan`]), so both facades share
//! them and tests snapshot them.

use std::fmt;

use admin_transport::{Bytes, HeaderValue, HttpRequest, Method, Url, header};
use serde::Serialize;

use super::config::ClientConfig;
use super::error::{BuildError, Error};
use super::path::{MAX_REQUEST_TARGET_BYTES, push_query, push_segment};

/// Which API a request belongs to; it decides the media types and how error bodies are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ApiFamily {
    /// User management (`/users/{account_id}/manage…`), org admin API key.
    UserManagement,
    /// User provisioning, SCIM 2.0 (`/scim/directory/{directoryId}/…`), directory SCIM key.
    Scim,
    /// The Organizations REST API (`/admin/v1|v2/orgs/…`), org admin API key.
    Organizations,
    /// The provisioning "Admin APIs" (`/admin/user-provisioning/v1/org/{orgId}/…`), org admin
    /// API key: JSON bodies, SCIM-shaped errors.
    ProvisioningAdmin,
}

impl ApiFamily {
    fn accept(self) -> &'static str {
        match self {
            ApiFamily::UserManagement | ApiFamily::Organizations => "application/json",
            ApiFamily::Scim | ApiFamily::ProvisioningAdmin => "application/scim+json, application/json;q=0.9",
        }
    }

    fn content_type(self) -> &'static str {
        match self {
            ApiFamily::UserManagement | ApiFamily::Organizations | ApiFamily::ProvisioningAdmin => {
                "application/json"
            }
            ApiFamily::Scim => "application/scim+json",
        }
    }
}

/// A planned request.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub struct RequestPlan {
    /// The method.
    pub method: Method,
    /// The path with placeholders, for logs and errors: `/users/{account_id}/manage/profile`.
    pub path_template: &'static str,
    /// The path with every parameter percent-encoded as one segment.
    pub path: String,
    /// The encoded query string, without `?` (empty when none).
    pub query: String,
    /// The JSON body, if any.
    pub body: Option<Bytes>,
    /// The API the request belongs to.
    pub family: ApiFamily,
    /// Whether repeating the request has the same effect as sending it once, so that the
    /// [`RetryPolicy`](crate::RetryPolicy) may retry it: the method's idempotency (RFC 9110
    /// §9.2.2: GET, HEAD, PUT, DELETE, OPTIONS, TRACE), or `true` for a POST that only reads
    /// (the user and group searches, the workspace list, SCIM links for an email).
    pub idempotent: bool,
}

impl RequestPlan {
    /// Starts a plan; add the path with [`lit`](Self::lit) and [`param`](Self::param).
    pub(crate) fn new(method: Method, family: ApiFamily, path_template: &'static str) -> Self {
        let idempotent = is_idempotent(&method);
        Self {
            method,
            path_template,
            path: String::new(),
            query: String::new(),
            body: None,
            family,
            idempotent,
        }
    }

    /// Marks a POST that changes nothing (a search) as idempotent, so it is retried like a GET.
    pub(crate) fn read_only(mut self) -> Self {
        self.idempotent = true;
        self
    }

    /// Appends literal path segments (`"manage/profile"`), which are not encoded.
    pub(crate) fn lit(mut self, segments: &str) -> Self {
        self.path.push('/');
        self.path.push_str(segments);
        self
    }

    /// Appends one path segment from a caller-supplied value, percent-encoded.
    pub(crate) fn param(mut self, name: &'static str, value: &str) -> Result<Self, BuildError> {
        push_segment(&mut self.path, name, value)?;
        Ok(self)
    }

    /// Appends a query parameter.
    pub(crate) fn query(mut self, key: &str, value: &str) -> Self {
        push_query(&mut self.query, key, value);
        self
    }

    /// Appends a comma-separated list parameter (`style: form, explode: false`).
    pub(crate) fn query_list<'a>(mut self, key: &str, values: impl IntoIterator<Item = &'a str>) -> Self {
        super::path::push_query_list(&mut self.query, key, values);
        self
    }

    /// Sets a JSON body.
    pub(crate) fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Result<Self, BuildError> {
        let bytes = serde_json::to_vec(body).map_err(BuildError::Serialize)?;
        self.body = Some(Bytes::from(bytes));
        Ok(self)
    }

    /// Whether repeating the request has the same effect as sending it once: see
    /// [`idempotent`](Self::idempotent).
    pub fn is_idempotent(&self) -> bool {
        self.idempotent
    }

    /// Turns the plan into an HTTP request for `config`'s base URL with `authorization`.
    pub(crate) fn to_http(
        &self,
        config: &ClientConfig,
        authorization: &HeaderValue,
    ) -> Result<HttpRequest, Error> {
        let url = self.url(config);
        let target = url.path().len() + url.query().map_or(0, |query| query.len() + 1);
        if target > MAX_REQUEST_TARGET_BYTES {
            return Err(BuildError::TooLong {
                name: "request target",
                len: target,
                limit: MAX_REQUEST_TARGET_BYTES,
            }
            .into());
        }
        let mut request = HttpRequest::new(self.method.clone(), url);
        let headers = &mut request.headers;
        headers.insert(header::AUTHORIZATION, authorization.clone());
        headers.insert(header::USER_AGENT, config.user_agent.clone());
        headers.insert(header::ACCEPT, HeaderValue::from_static(self.family.accept()));
        if let Some(body) = &self.body {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(self.family.content_type()));
            request.body = Some(body.clone());
        }
        Ok(request)
    }
}

impl RequestPlan {
    /// The request URL: the validated base URL with the plan's path appended and its query.
    ///
    /// Equal to `Url::parse(base URL without trailing slash + path + "?" + query)`, without parsing the scheme and
    /// host again on every request (a full parse is most of the cost of planning a request, and
    /// more for a domain name, which goes through IDNA): the plan's path and query are already
    /// percent-encoded, so `set_path`/`set_query` read them exactly as a full parse would.
    fn url(&self, config: &ClientConfig) -> Url {
        let mut url = config.base_url().clone();
        let prefix = config.base_path();
        let mut path = String::with_capacity(prefix.len() + self.path.len());
        path.push_str(prefix);
        path.push_str(&self.path);
        url.set_path(&path);
        url.set_query((!self.query.is_empty()).then_some(self.query.as_str()));
        url
    }
}

/// Whether `method` is idempotent.
pub(crate) fn is_idempotent(method: &Method) -> bool {
    matches!(
        *method,
        Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE
    )
}

/// A readable rendering for logs and snapshots. A plan never holds credentials, so nothing needs
/// redacting:
///
/// ```text
/// PATCH /users/557057:abc/manage/profile
/// api: user management · content-type: application/json · idempotent: no
/// body: {"nickname":"marshmallow"}
/// ```
///
/// A POST that only reads shows `idempotent: yes (read-only POST)`.
impl fmt::Display for RequestPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.path)?;
        if !self.query.is_empty() {
            write!(f, "?{}", self.query)?;
        }
        let api = match self.family {
            ApiFamily::UserManagement => "user management",
            ApiFamily::Scim => "scim",
            ApiFamily::Organizations => "organizations",
            ApiFamily::ProvisioningAdmin => "provisioning admin",
        };
        write!(f, "\napi: {api} · accept: {}", self.family.accept())?;
        if self.body.is_some() {
            write!(f, " · content-type: {}", self.family.content_type())?;
        }
        let idempotent = match (self.idempotent, is_idempotent(&self.method)) {
            (true, true) => "yes",
            (true, false) => "yes (read-only POST)",
            (false, _) => "no",
        };
        write!(f, " · idempotent: {idempotent}")?;
        match &self.body {
            Some(body) => write!(f, "\nbody: {}", String::from_utf8_lossy(body)),
            None => write!(f, "\nbody: (none)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::common::config::DEFAULT_USER_AGENT;
    use crate::common::retry::RetryPolicy;

    fn config(base: &str) -> ClientConfig {
        ClientConfig::new(base, false, DEFAULT_USER_AGENT, RetryPolicy::default()).unwrap()
    }

    #[test]
    fn the_http_request_carries_base_path_query_and_headers() {
        let plan = RequestPlan::new(Method::GET, ApiFamily::Scim, "/scim/directory/{directoryId}/Users")
            .lit("scim/directory")
            .param("directoryId", "d/1")
            .unwrap()
            .lit("Users")
            .query("filter", r#"userName eq "a b""#);
        let mut auth = HeaderValue::from_static("Bearer k");
        auth.set_sensitive(true);
        let request = plan.to_http(&config("https://proxy.example.com/atl/"), &auth).unwrap();
        assert_eq!(
            request.url.as_str(),
            "https://proxy.example.com/atl/scim/directory/d%2F1/Users?filter=userName%20eq%20%22a%20b%22"
        );
        assert_eq!(request.headers[header::AUTHORIZATION], "Bearer k");
        assert_eq!(request.headers[header::ACCEPT], "application/scim+json, application/json;q=0.9");
        assert!(request.headers[header::USER_AGENT].to_str().unwrap().starts_with("atlassian-admin-rs/"));
        assert!(request.headers.get(header::CONTENT_TYPE).is_none(), "no body, no content type");
    }

    #[test]
    fn the_url_equals_a_full_parse_of_base_path_and_query() {
        for base in
            ["https://api.atlassian.com", "https://proxy.example.com/atl/", "http://127.0.0.1:4000//x//"]
        {
            let config = config(base);
            for (path_value, query) in [("d/1", r#"userName eq "a b""#), ("ü ?#%", ""), ("a:b", "x&y=z")] {
                let mut plan = RequestPlan::new(Method::GET, ApiFamily::Scim, "/t")
                    .lit("scim/directory")
                    .param("id", path_value)
                    .unwrap()
                    .lit("Users");
                if !query.is_empty() {
                    plan = plan.query("filter", query).query("count", "100");
                }
                let mut full = format!("{}{}", config.base_url().as_str().trim_end_matches('/'), plan.path);
                if !plan.query.is_empty() {
                    full = format!("{full}?{}", plan.query);
                }
                assert_eq!(plan.url(&config), Url::parse(&full).unwrap(), "{full}");
            }
        }
    }

    #[test]
    fn a_body_brings_its_content_type() {
        let plan = RequestPlan::new(Method::POST, ApiFamily::Scim, "/x")
            .lit("x")
            .json(&serde_json::json!({"a": 1}))
            .unwrap();
        let request = plan.to_http(&config("https://h"), &HeaderValue::from_static("Bearer k")).unwrap();
        assert_eq!(request.headers[header::CONTENT_TYPE], "application/scim+json");
        assert_eq!(request.body_text(), Some(r#"{"a":1}"#));
    }

    #[test]
    fn idempotency_is_the_methods_unless_the_plan_only_reads() {
        let plan = |method: Method| RequestPlan::new(method, ApiFamily::Organizations, "/x").lit("x");
        assert!(plan(Method::GET).is_idempotent() && plan(Method::DELETE).is_idempotent());
        assert!(!plan(Method::POST).is_idempotent() && !plan(Method::PATCH).is_idempotent());
        let search = plan(Method::POST).read_only();
        assert!(search.is_idempotent());
        assert!(search.to_string().contains("idempotent: yes (read-only POST)"), "{search}");
        assert!(plan(Method::POST).to_string().contains("idempotent: no"));
        assert!(plan(Method::GET).to_string().contains("idempotent: yes\n"));
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(512))]

        /// Whatever an id contains, it stays exactly one path segment and decodes back to itself.
        #[test]
        fn any_id_is_exactly_one_segment(id in "\\PC{1,24}|[./?#% %2F]{1,6}") {
            proptest::prop_assume!(id != "." && id != "..");
            let plan = RequestPlan::new(Method::GET, ApiFamily::UserManagement, "/users/{id}/manage")
                .lit("users").param("id", &id).unwrap().lit("manage");
            let request = plan.to_http(&config("https://h/base"), &HeaderValue::from_static("Bearer k")).unwrap();
            let segments: Vec<&str> = request.url.path_segments().unwrap().collect();
            proptest::prop_assert_eq!(segments.len(), 4, "{:?}", segments);
            let decoded = percent_encoding::percent_decode_str(segments[2]).decode_utf8().unwrap();
            proptest::prop_assert_eq!(decoded.as_ref(), id.as_str());
            proptest::prop_assert!(request.url.query().is_none() && request.url.fragment().is_none());
        }
    }
}
