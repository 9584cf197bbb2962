//! Everything both facades share: credentials, settings, request plans, retry rules, decoding
//! and errors. Nothing here performs I/O or is async.

pub(crate) mod config;
pub(crate) mod credentials;
pub(crate) mod decode;
pub(crate) mod env;
pub(crate) mod error;
pub(crate) mod limiter;
pub(crate) mod oauth;
#[cfg(any(feature = "blocking", feature = "async"))]
pub(crate) mod page_walk;
pub(crate) mod path;
pub(crate) mod plan;
pub(crate) mod redact;
pub(crate) mod retry;
pub(crate) mod setters;
pub(crate) mod walk_guard;
