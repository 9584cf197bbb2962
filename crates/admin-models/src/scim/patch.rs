//! RFC 7644 §3.5.2 PATCH bodies.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::ser::{SerializeStruct, Serializer};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::attribute_path::{AttributePath, PatchPath, PathError};
use super::filter::Filter;
use super::user::{Email, Name};
use super::{ENTERPRISE_USER_SCHEMA, PATCH_OP_SCHEMA};

/// A PATCH operation's `op`. Always sent lowercase; decoded in any case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum PatchOpKind {
    /// `add`.
    Add,
    /// `remove`.
    Remove,
    /// `replace`.
    Replace,
}

impl PatchOpKind {
    /// The op as sent: `add`, `remove` or `replace`.
    pub fn as_str(self) -> &'static str {
        match self {
            PatchOpKind::Add => "add",
            PatchOpKind::Remove => "remove",
            PatchOpKind::Replace => "replace",
        }
    }

    /// Parses an op in any case.
    pub fn parse(op: &str) -> Option<Self> {
        [PatchOpKind::Add, PatchOpKind::Remove, PatchOpKind::Replace]
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(op))
    }
}

impl fmt::Display for PatchOpKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for PatchOpKind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for PatchOpKind {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = PatchOpKind;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("one of add, remove, replace (any case)")
            }
            fn visit_str<E: de::Error>(self, op: &str) -> Result<PatchOpKind, E> {
                PatchOpKind::parse(op).ok_or_else(|| E::unknown_variant(op, &["add", "remove", "replace"]))
            }
        }
        deserializer.deserialize_str(Visitor)
    }
}

/// One PATCH operation: `{"op", "path"?, "value"?}`.
///
/// The constructors keep it valid: a path must be a PATCH path (RFC 7644 §3.5.2, checked by
/// [`PatchPath::parse`]: `title`, `name.givenName`, a schema URN path, or a value path such as
/// `emails[type eq "work"].value`), so an empty or blank path is refused with a
/// [`PathError`]; `remove` needs a path and carries no value; a path-less `add`/`replace`
/// carries an object. [`PatchOperation::raw`] is the unchecked escape hatch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PatchOperation {
    op: PatchOpKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    path: Option<String>,
    /// `Some(Value::Null)` is an explicit `"value": null`, kept apart from an absent value.
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "present_value")]
    value: Option<Value>,
}

/// Decodes a present `value` (even `null`) as `Some`; `default` makes an absent one `None`.
fn present_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(deserializer).map(Some)
}

impl PatchOperation {
    /// `add` at `path`.
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path.
    pub fn add(path: impl Into<String>, value: impl Into<Value>) -> Result<Self, PathError> {
        Ok(Self::at(PatchOpKind::Add, PatchPath::parse(path)?, Some(value.into())))
    }

    /// Path-less `add`: each attribute of `attributes` is added to the resource.
    pub fn add_attributes(attributes: Map<String, Value>) -> Self {
        Self { op: PatchOpKind::Add, path: None, value: Some(Value::Object(attributes)) }
    }

    /// `replace` at `path`.
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path.
    pub fn replace(path: impl Into<String>, value: impl Into<Value>) -> Result<Self, PathError> {
        Ok(Self::at(PatchOpKind::Replace, PatchPath::parse(path)?, Some(value.into())))
    }

    /// Path-less `replace`: each attribute of `attributes` replaces the resource's.
    pub fn replace_attributes(attributes: Map<String, Value>) -> Self {
        Self { op: PatchOpKind::Replace, path: None, value: Some(Value::Object(attributes)) }
    }

    /// `remove` at `path` (no value).
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path (a `remove` always needs one).
    pub fn remove(path: impl Into<String>) -> Result<Self, PathError> {
        Ok(Self::at(PatchOpKind::Remove, PatchPath::parse(path)?, None))
    }

    /// An operation at a checked path.
    pub fn at(op: PatchOpKind, path: PatchPath, value: Option<Value>) -> Self {
        Self { op, path: Some(path.into()), value }
    }

    /// Any operation, unchecked (e.g. a `remove` with a value, which some servers expect for
    /// group members).
    pub fn raw(op: PatchOpKind, path: Option<String>, value: Option<Value>) -> Self {
        Self { op, path, value }
    }

    /// The op.
    pub fn op(&self) -> PatchOpKind {
        self.op
    }

    /// The path, if any.
    pub fn path(&self) -> Option<&str> {
        self.path.as_deref()
    }

    /// The value, if any.
    pub fn value(&self) -> Option<&Value> {
        self.value.as_ref()
    }
}

/// A SCIM PATCH body: `{"schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
/// "Operations": […]}`, built so it is always in RFC form.
///
/// Decoding accepts `Operations` or `operations` and any `op` casing, with or without
/// `schemas`.
///
/// ```
/// use admin_models::scim::PatchOp;
///
/// let patch = PatchOp::new().set_active(false).replace_email("work", "lila@example.com");
/// assert_eq!(
///     serde_json::to_string(&patch).unwrap(),
///     r#"{"schemas":["urn:ietf:params:scim:api:messages:2.0:PatchOp"],"Operations":[{"op":"replace","path":"active","value":false},{"op":"replace","path":"emails[type eq \"work\"].value","value":"lila@example.com"}]}"#
/// );
/// assert!(PatchOp::new().is_empty());
/// ```
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PatchOp {
    operations: Vec<PatchOperation>,
}

impl PatchOp {
    /// A body with no operations yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends an operation.
    #[must_use]
    pub fn operation(mut self, operation: PatchOperation) -> Self {
        self.operations.push(operation);
        self
    }

    /// Appends an operation in place.
    pub fn push(&mut self, operation: PatchOperation) {
        self.operations.push(operation);
    }

    /// `add` at `path`.
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path (RFC 7644 §3.5.2), e.g. empty or blank.
    pub fn add(self, path: impl Into<String>, value: impl Into<Value>) -> Result<Self, PathError> {
        Ok(self.operation(PatchOperation::add(path, value)?))
    }

    /// `replace` at `path`.
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path, e.g. empty or blank.
    pub fn replace(self, path: impl Into<String>, value: impl Into<Value>) -> Result<Self, PathError> {
        Ok(self.operation(PatchOperation::replace(path, value)?))
    }

    /// `replace` at a constant path of this crate.
    fn replace_known(self, path: &'static str, value: impl Into<Value>) -> Self {
        let path = PatchPath::from(AttributePath::known(path));
        self.operation(PatchOperation::at(PatchOpKind::Replace, path, Some(value.into())))
    }

    /// Path-less `replace` of several attributes at once.
    #[must_use]
    pub fn replace_attributes(self, attributes: Map<String, Value>) -> Self {
        self.operation(PatchOperation::replace_attributes(attributes))
    }

    /// `remove` at `path`.
    ///
    /// # Errors
    /// [`PathError`] if `path` is not a PATCH path, e.g. empty or blank.
    pub fn remove(self, path: impl Into<String>) -> Result<Self, PathError> {
        Ok(self.operation(PatchOperation::remove(path)?))
    }

    /// `replace active`: activates or deactivates a user.
    #[must_use]
    pub fn set_active(self, active: bool) -> Self {
        self.replace_known("active", active)
    }

    /// `replace userName`.
    #[must_use]
    pub fn replace_user_name(self, user_name: impl Into<String>) -> Self {
        self.replace_known("userName", user_name.into())
    }

    /// `replace displayName`.
    #[must_use]
    pub fn replace_display_name(self, display_name: impl Into<String>) -> Self {
        self.replace_known("displayName", display_name.into())
    }

    /// `replace name.givenName`.
    #[must_use]
    pub fn replace_given_name(self, given_name: impl Into<String>) -> Self {
        self.replace_known("name.givenName", given_name.into())
    }

    /// `replace name.familyName`.
    #[must_use]
    pub fn replace_family_name(self, family_name: impl Into<String>) -> Self {
        self.replace_known("name.familyName", family_name.into())
    }

    /// `replace name` with every component of `name`.
    #[must_use]
    pub fn replace_name(self, name: &Name) -> Self {
        self.replace_known("name", to_value(name))
    }

    /// `replace emails[type eq "<kind>"].value`: changes the address of one kind (`kind` is a
    /// filter value, quoted and escaped).
    #[must_use]
    pub fn replace_email(self, kind: &str, address: impl Into<String>) -> Self {
        let filter = Filter::compare_known("type", kind.to_owned());
        let path = PatchPath::known(format!("emails[{filter}].value"));
        self.operation(PatchOperation::at(PatchOpKind::Replace, path, Some(Value::String(address.into()))))
    }

    /// `replace emails` with `emails`.
    #[must_use]
    pub fn replace_emails(self, emails: &[Email]) -> Self {
        self.replace_known("emails", Value::Array(emails.iter().map(to_value).collect()))
    }

    /// `replace <urn>:<attribute>`: an extension attribute, e.g.
    /// `urn:ietf:params:scim:schemas:extension:enterprise:2.0:User:department`.
    ///
    /// # Errors
    /// [`PathError`] if `<urn>:<attribute>` is not an attribute path (e.g. an empty URN or
    /// attribute).
    pub fn replace_extension(
        self,
        urn: &str,
        attribute: &str,
        value: impl Into<Value>,
    ) -> Result<Self, PathError> {
        let path = AttributePath::parse(format!("{urn}:{attribute}"))?;
        Ok(self.operation(PatchOperation::at(PatchOpKind::Replace, path.into(), Some(value.into()))))
    }

    /// `replace` of an enterprise extension attribute (`department`, `organization`, …).
    ///
    /// # Errors
    /// [`PathError`] if `attribute` is not an attribute name (with an optional
    /// `.sub-attribute`, e.g. `manager.value`).
    pub fn replace_enterprise(self, attribute: &str, value: impl Into<Value>) -> Result<Self, PathError> {
        self.replace_extension(ENTERPRISE_USER_SCHEMA, attribute, value)
    }

    /// `add members`: adds users (by SCIM id) to a group.
    #[must_use]
    pub fn add_members<I, S>(self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let members = ids.into_iter().map(|id| member_value(id.into())).collect();
        let path = PatchPath::from(AttributePath::known("members"));
        self.operation(PatchOperation::at(PatchOpKind::Add, path, Some(Value::Array(members))))
    }

    /// `remove members[value eq "<id>"]`, one operation per id: removes users from a group.
    #[must_use]
    pub fn remove_members<I, S>(mut self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        for id in ids {
            let path = PatchPath::known(format!("members[{}]", Filter::compare_known("value", id.into())));
            self.push(PatchOperation::at(PatchOpKind::Remove, path, None));
        }
        self
    }

    /// `replace members`: sets a group's members to exactly `ids`.
    #[must_use]
    pub fn replace_members<I, S>(self, ids: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let members = ids.into_iter().map(|id| member_value(id.into())).collect();
        self.replace_known("members", Value::Array(members))
    }

    /// The operations.
    pub fn operations(&self) -> &[PatchOperation] {
        &self.operations
    }

    /// Whether there are no operations (sending such a body is pointless).
    pub fn is_empty(&self) -> bool {
        self.operations.is_empty()
    }

    /// The number of operations.
    pub fn len(&self) -> usize {
        self.operations.len()
    }
}

impl FromIterator<PatchOperation> for PatchOp {
    fn from_iter<I: IntoIterator<Item = PatchOperation>>(iter: I) -> Self {
        Self { operations: iter.into_iter().collect() }
    }
}

impl Extend<PatchOperation> for PatchOp {
    fn extend<I: IntoIterator<Item = PatchOperation>>(&mut self, iter: I) {
        self.operations.extend(iter);
    }
}

/// `attribute[filter]` or `attribute[filter].sub_attribute`: a PATCH value-filter path such as
/// `emails[type eq "work"].value`.
///
/// # Errors
/// [`PathError`] if `attribute` is not an attribute path, `sub_attribute` not an attribute
/// name, or `filter` contains a value path or is a [`Filter::raw`] outside the grammar.
pub fn value_filter_path(
    attribute: &str,
    filter: &Filter,
    sub_attribute: Option<&str>,
) -> Result<String, PathError> {
    PatchPath::value_filter(&AttributePath::parse(attribute)?, filter, sub_attribute).map(String::from)
}

fn member_value(id: String) -> Value {
    let mut member = Map::new();
    member.insert("value".to_owned(), Value::String(id));
    Value::Object(member)
}

/// Our own types serialize to JSON without failing (string keys, no non-finite floats).
fn to_value<T: Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

impl Serialize for PatchOp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut body = serializer.serialize_struct("PatchOp", 2)?;
        body.serialize_field("schemas", &[PATCH_OP_SCHEMA])?;
        body.serialize_field("Operations", &self.operations)?;
        body.end()
    }
}

impl<'de> Deserialize<'de> for PatchOp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        #[derive(Deserialize)]
        struct Wire {
            #[serde(default, rename = "schemas")]
            _schemas: Option<Vec<String>>,
            #[serde(rename = "Operations", alias = "operations", default)]
            operations: Vec<PatchOperation>,
        }
        let wire = Wire::deserialize(deserializer)?;
        Ok(Self { operations: wire.operations })
    }
}
