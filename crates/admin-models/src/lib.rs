//! Wire types for Atlassian's Admin Cloud APIs: the user management REST API
//! ([`user_management`]), the SCIM 2.0 user provisioning API ([`scim`]) and the Organizations
//! REST API ([`org`]).
//!
//! Pure serde: no I/O, no HTTP types. The types are exact on the wire (field names, casing,
//! what is omitted), lenient where Atlassian is sloppy (fields the spec calls required may be
//! missing, new enum values decode as `Unknown`), and lossless where you round-trip: every
//! object model, nested ones included, keeps the attributes it does not know in an `extra`
//! map ([`Extra`]) as the exact JSON text the server sent (a 30-digit integer or `1e400`
//! included), written back verbatim, so `GET` → modify → `PUT` loses nothing.
//!
//! # Unknown values: raw JSON text, not `serde_json::Value`
//!
//! `Extra` holds [`serde_json::value::RawValue`]s (serde_json's additive `raw_value` feature).
//! We do **not** enable serde_json's `arbitrary_precision`: Cargo would unify it across your
//! whole build, changing how every crate that uses serde_json represents numbers, and numbers
//! buffered by `#[serde(flatten)]` or untagged enums then fail to decode. A flattened map of
//! raw values does not work either (flatten buffers parsed values), so the models decode
//! their known fields with the derived code and capture the rest as raw text in the same
//! pass; see [`Extra`] for the details and the one limit (unknown attributes need a JSON
//! deserializer).
//!
//! Typed ids ([`AccountId`], [`DirectoryId`], [`ScimUserId`], [`GroupId`], [`ApiTokenId`])
//! keep one kind of id from being passed where another is expected.
//!
//! # Building a SCIM PATCH body
//!
//! ```
//! use admin_models::scim::PatchOp;
//!
//! let patch = PatchOp::new()
//!     .set_active(false)
//!     .replace_enterprise("department", "Investigations")?
//!     .remove_members(["ef5ff80e-9ca6-449c-8cca-5b621085c6c9"]);
//! let json = serde_json::to_value(&patch).unwrap();
//! assert_eq!(json["schemas"][0], "urn:ietf:params:scim:api:messages:2.0:PatchOp");
//! assert_eq!(json["Operations"][0], serde_json::json!({"op": "replace", "path": "active", "value": false}));
//! assert_eq!(
//!     json["Operations"][2],
//!     serde_json::json!({"op": "remove", "path": "members[value eq \"ef5ff80e-9ca6-449c-8cca-5b621085c6c9\"]"})
//! );
//! // Paths are checked against RFC 7644's grammar: a blank one is refused.
//! assert!(PatchOp::new().remove("  ").is_err());
//! # Ok::<(), admin_models::scim::PathError>(())
//! ```
//!
//! # Building a SCIM filter
//!
//! ```
//! use admin_models::scim::Filter;
//!
//! // What Atlassian supports: one `eq` on userName / externalId (Users) or displayName (Groups).
//! let filter = Filter::user_name_eq("lila@example.com");
//! assert_eq!(filter.to_string(), r#"userName eq "lila@example.com""#);
//! assert!(filter.is_atlassian_user_filter());
//!
//! // General expressions for other SCIM servers, with the parentheses precedence needs.
//! // Their attribute paths are checked (RFC 7644 §3.10), so these constructors return a Result.
//! let filter = Filter::eq("active", true)?.and(Filter::sw("userName", "l")?.or(!Filter::pr("title")?));
//! assert_eq!(filter.to_string(), r#"active eq true and (userName sw "l" or not (title pr))"#);
//! # Ok::<(), admin_models::scim::PathError>(())
//! ```
//!
//! The filter string is not percent-encoded: encode it as a query value when building the URL.
//!
//! # Parsing a SCIM filter or PATCH path
//!
//! The inverse of the builders, for servers and test doubles (the `admin-sandbox` reads every
//! `filter=` and PATCH `path` with it) and for checking a hand-written filter:
//!
//! ```
//! use admin_models::scim::{Filter, ParsedPatchPath, parse_filter};
//!
//! let filter = parse_filter(r#"userName eq "lila@example.com" or not (title pr)"#).unwrap();
//! assert_eq!(filter, Filter::user_name_eq("lila@example.com").or(!Filter::pr("title")?));
//! assert_eq!(parse_filter("userName eq").unwrap_err().position(), 11); // a value was expected
//!
//! let path = ParsedPatchPath::parse(r#"emails[type eq "work"].value"#).unwrap();
//! assert_eq!((path.attribute.as_str(), path.sub_attribute.as_deref()), ("emails", Some("value")));
//! # Ok::<(), admin_models::scim::PathError>(())
//! ```
#![warn(missing_docs)]
#![forbid(unsafe_code)]

#[macro_use]
mod macros;
#[macro_use]
mod extra;

#[macro_use]
pub mod ids;
pub mod oauth;
pub mod org;
pub mod scim;
pub mod user_management;

pub use extra::Extra;
pub use ids::{AccountId, ApiTokenId, DirectoryId, GroupId, IdError, ScimUserId};
// The Organizations API's ids, next to the others (they stay at `org::` too).
pub use org::{
    DomainId, EventId, OrgDirectoryId, OrgGroupId, OrgId, PolicyId, ResourceId, RoleId, WorkspaceId,
};
