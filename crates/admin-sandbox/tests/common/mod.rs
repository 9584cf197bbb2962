//! A minimal HTTP client for the sandbox tests.
#![allow(dead_code, unused_imports)]

use serde_json::Value;

pub use admin_sandbox::{Sandbox, SandboxHandle, demo};

/// A response, read whole.
#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: ureq::http::HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

pub struct Client {
    agent: ureq::Agent,
    base: String,
    token: Option<String>,
}

impl Client {
    pub fn new(base: &str, token: Option<&str>) -> Self {
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().new_agent();
        Self { agent, base: base.to_string(), token: token.map(str::to_string) }
    }

    /// Org-admin client for `/users/…`.
    pub fn admin(sb: &SandboxHandle) -> Self {
        Self::new(sb.base_url(), Some(sb.admin_key()))
    }

    /// SCIM client whose paths are relative to the demo directory.
    pub fn scim(sb: &SandboxHandle) -> Self {
        let base = format!("{}/scim/directory/{}", sb.base_url(), sb.directory_id().expect("a directory"));
        Self::new(&base, sb.scim_key())
    }

    pub fn send(&self, method: &str, path: &str, body: Option<(&str, &str)>) -> Resp {
        let mut req = ureq::http::Request::builder().method(method).uri(format!("{}{}", self.base, path));
        if let Some(t) = &self.token {
            req = req.header("Authorization", format!("Bearer {t}"));
        }
        let bytes = match body {
            Some((content_type, text)) => {
                req = req.header("Content-Type", content_type);
                text.as_bytes().to_vec()
            }
            None => Vec::new(),
        };
        let req = req.body(bytes).expect("request builds");
        let mut resp = self.agent.run(req).expect("request succeeds at the transport level");
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let text = resp.body_mut().read_to_string().unwrap_or_default();
        Resp { status, headers, text }
    }

    pub fn get(&self, path: &str) -> Resp {
        self.send("GET", path, None)
    }

    pub fn delete(&self, path: &str) -> Resp {
        self.send("DELETE", path, None)
    }

    pub fn post_empty(&self, path: &str) -> Resp {
        self.send("POST", path, None)
    }

    pub fn json(&self, method: &str, path: &str, body: &Value) -> Resp {
        self.send(method, path, Some(("application/json", &body.to_string())))
    }

    pub fn scim_json(&self, method: &str, path: &str, body: &Value) -> Resp {
        self.send(method, path, Some(("application/scim+json", &body.to_string())))
    }
}

/// A fresh demo sandbox.
pub fn demo_sandbox() -> SandboxHandle {
    Sandbox::demo().expect("demo sandbox starts")
}

pub fn enc(s: &str) -> String {
    url::form_urlencoded::byte_serialize(s.as_bytes()).collect()
}
