//! Wire types for Atlassian's Admin Cloud APIs.
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[macro_use]
mod macros;

pub mod ids;
pub mod scim;
pub mod user_management;

pub use ids::{AccountId, ApiTokenId, DirectoryId, GroupId, IdError, ScimUserId};
