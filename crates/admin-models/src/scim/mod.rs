//! SCIM 2.0 shapes (RFC 7643/7644) as Atlassian's user provisioning API serves them.

mod error;

pub use error::{Failure, ScimError, ScimType};
