//! SCIM 2.0 shapes (RFC 7643/7644) as Atlassian's user provisioning API serves them
//! (`/scim/directory/{directoryId}/…`).
//!
//! Resources and their nested objects keep every attribute this version does not model in an
//! `extra` map ([`Extra`](crate::Extra), the exact JSON text sent), so
//! a `GET` → modify → `PUT` round trip loses nothing. [`PatchOp`] builds RFC 7644 PATCH bodies
//! and [`Filter`] builds `filter=` expressions; both check attribute paths against RFC 7644's
//! grammar ([`attribute_path`]) and refuse anything else with a [`PathError`]. [`parse_filter`] and
//! [`ParsedPatchPath`] read them back.

pub mod attribute_path;
mod discovery;
mod error;
mod filter;
mod filter_parse;
mod group;
mod list;
mod meta;
mod patch;
mod user;

pub use attribute_path::{AttributePath, PatchPath, PathError};
pub use discovery::{
    AttributeType, AuthenticationScheme, BulkConfig, FilterConfig, Mutability, ResourceType, Returned,
    Schema, SchemaAttribute, SchemaExtension, ServiceProviderConfig, Supported, Uniqueness,
};
pub use error::{Failure, ScimError, ScimType};
pub use filter::{CompareOp, Filter, FilterValue};
pub use filter_parse::{FilterErrorKind, FilterParseError, ParsedPatchPath, parse_filter};
pub use group::{GroupMember, ScimGroup};
pub use list::ListResponse;
pub use meta::{Meta, ResourceTypeName};
pub use patch::{PatchOp, PatchOpKind, PatchOperation, value_filter_path};
pub use user::{AtlassianExternal, Email, EnterpriseUser, GroupRef, Name, PhoneNumber, ScimUser};

/// The core User schema URN.
pub const USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:User";
/// The core Group schema URN.
pub const GROUP_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Group";
/// The enterprise User extension URN (RFC 7643 §4.3); also the key of [`ScimUser::enterprise`].
pub const ENTERPRISE_USER_SCHEMA: &str = "urn:ietf:params:scim:schemas:extension:enterprise:2.0:User";
/// Atlassian's extension URN, carrying `atlassianAccountId`; also the key of
/// [`ScimUser::atlassian`].
pub const ATLASSIAN_EXTERNAL_SCHEMA: &str = "urn:scim:schemas:extension:atlassian-external:1.0";
/// The PATCH request message URN.
pub const PATCH_OP_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:PatchOp";
/// The list response message URN.
pub const LIST_RESPONSE_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:ListResponse";
/// The error message URN.
pub const ERROR_SCHEMA: &str = "urn:ietf:params:scim:api:messages:2.0:Error";
/// The ServiceProviderConfig schema URN.
pub const SERVICE_PROVIDER_CONFIG_SCHEMA: &str =
    "urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig";
/// The ResourceType schema URN.
pub const RESOURCE_TYPE_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:ResourceType";
/// The Schema schema URN.
pub const SCHEMA_SCHEMA: &str = "urn:ietf:params:scim:schemas:core:2.0:Schema";
