//! I/O-free request planning: one function per operation builds a [`RequestPlan`] from typed
//! inputs (validating them first), and one decodes the response.
//!
//! Both facades call these, so a request is built the same way whether it is sent blocking or
//! async, and tests can check every request without a server.

pub mod org;
pub mod scim;
pub mod users;

pub use crate::common::plan::{ApiFamily, RequestPlan};
