//! User management API shapes (`/users/{account_id}/manage…`). Wire names are snake_case except
//! API tokens (camelCase), exactly as Atlassian sends them.

mod api_token;
mod email;
mod error;
mod lifecycle;
mod permissions;
mod profile;
mod validation;

pub use api_token::ApiToken;
pub use email::{SetEmailRequest, validate_email};
pub use error::{ErrorKey, ErrorResponse, FieldViolation, LifecycleError, Violation};
pub use lifecycle::{LifecycleMessage, LifecycleResult};
pub use permissions::{
    Access, PermissionEntry, Permissions, Privilege, Restriction, RestrictionReason, Rule,
};
pub use profile::{
    AccountCharacteristics, AccountStatus, AccountType, AtlassianAccountUser, ExtendedProfile,
    ProfileResponse, ProfileUpdate,
};
pub use validation::{ValidationError, ValidationRule};
