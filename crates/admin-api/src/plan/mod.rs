//! I/O-free request planning: one function per operation builds a [`RequestPlan`] from typed
//! inputs (validating them first), and one decodes the response.
//!
//! Both facades call these, so a request is built the same way whether it is sent blocking or
//! async, and tests can check every request without a server.

pub mod org;
pub mod scim;
pub mod users;

pub use crate::common::path::{MAX_PATH_SEGMENT_BYTES, MAX_REQUEST_TARGET_BYTES};
pub use crate::common::plan::{ApiFamily, RequestPlan};
pub use crate::common::walk_guard::{
    ATLASSIAN_MAX_USERS_PER_DIRECTORY, DEFAULT_WALK_CEILING, MIN_WALK_SLACK, WalkGuard, WalkViolation,
};
