//! Org policies: `GET/POST /admin/v1/orgs/{orgId}/policies`, `GET/PUT/DELETE …/{policyId}`,
//! their resources (`POST …/{policyId}/resources`, `PUT/DELETE …/resources/{resourceId}`) and
//! `GET …/{policyId}/validate`. Bodies are wrapped in `{"data": …}` both ways; writes answer
//! `202 Accepted` (the change is applied asynchronously: watch
//! [`PolicyResource::application_status`]).
//!
//! Shapes from `admin_organization.json` (`PolicyModel`, `PolicyCreateModel`,
//! `PolicyUpdateModel`, `Resource`, `ResourceInput`, `ResourceUpdateInput`).

use serde::{Deserialize, Serialize};

use super::page::null_as_empty;
use crate::Extra;
use crate::ids::{Rules, not_control};

id_type!(
    /// The id of an org policy (`{policyId}`).
    PolicyId,
    Rules { kind: "PolicyId", max_len: None, allowed: not_control }
);

id_type!(
    /// The id of a resource a policy applies to (`{resourceId}` of
    /// `…/policies/{policyId}/resources/{resourceId}`), usually a product or site ARI.
    PolicyResourceId,
    Rules { kind: "PolicyResourceId", max_len: None, allowed: not_control }
);

string_enum! {
    /// A policy's type (`attributes.type`, the `type` filter of the list).
    PolicyType {
        /// IP allowlist.
        IpAllowlist = "ip-allowlist",
        /// Data residency.
        DataResidency = "data-residency",
        /// Data security (read only: cannot be created through the API).
        DataSecurity = "data-security",
    }
}

string_enum! {
    /// Whether a policy is in force.
    PolicyStatus {
        /// In force.
        Enabled = "enabled",
        /// Not in force.
        Disabled = "disabled",
    }
}

string_enum! {
    /// Where applying a policy to a resource stands.
    ApplicationStatus {
        /// Being applied.
        Applying = "applying",
        /// Being removed.
        Removing = "removing",
        /// Applied.
        Applied = "applied",
        /// Failed.
        Failed = "failed",
        /// Scheduled (data residency migrations).
        Scheduled = "scheduled",
    }
}

/// An org policy (`PolicyModel`), as read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Policy {
    /// The policy's id.
    pub id: PolicyId,
    /// The object type, `policy`.
    #[serde(rename = "type", default = "policy_kind")]
    pub kind: String,
    /// Type, name, status, rule, resources.
    pub attributes: PolicyAttributes,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Policy);

fn policy_kind() -> String {
    "policy".to_owned()
}

/// `attributes` of a policy, read or written.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PolicyAttributes {
    /// The policy's type.
    #[serde(rename = "type")]
    pub policy_type: PolicyType,
    /// Its name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Whether it is in force.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<PolicyStatus>,
    /// Its rule (`AllowIfContainedRule` for IP allowlists and data residency).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rule: Option<PolicyRule>,
    /// The resources it applies to.
    #[serde(default, deserialize_with = "null_as_empty", skip_serializing_if = "Vec::is_empty")]
    pub resources: Vec<PolicyResource>,
    /// Members this version does not know, kept as sent (so GET → modify → PUT loses nothing).
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PolicyAttributes);

impl PolicyAttributes {
    /// Attributes of a new policy of `policy_type` (set the rest with the fields or
    /// [`name`](Self::name), [`status`](Self::status), [`rule`](Self::rule),
    /// [`resource`](Self::resource)).
    pub fn new(policy_type: PolicyType) -> Self {
        Self { policy_type, name: None, status: None, rule: None, resources: Vec::new(), extra: Extra::new() }
    }

    /// Sets the name.
    #[must_use]
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.name = Some(name.into());
        self
    }

    /// Sets the status.
    #[must_use]
    pub fn status(mut self, status: PolicyStatus) -> Self {
        self.status = Some(status);
        self
    }

    /// Sets the rule.
    #[must_use]
    pub fn rule(mut self, rule: PolicyRule) -> Self {
        self.rule = Some(rule);
        self
    }

    /// Adds a resource.
    #[must_use]
    pub fn resource(mut self, resource: PolicyResource) -> Self {
        self.resources.push(resource);
        self
    }
}

/// A policy's rule: `{"in": [...]}` (IP ranges for an allowlist, a region for data residency)
/// and anything else sent.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PolicyRule {
    /// The allowed values: CIDR ranges (`ip-allowlist`) or a location (`data-residency`).
    #[serde(rename = "in", default, deserialize_with = "null_as_empty")]
    pub allowed: Vec<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PolicyRule);

impl PolicyRule {
    /// `{"in": values}`.
    pub fn allow_if_contained<I: IntoIterator<Item = S>, S: Into<String>>(values: I) -> Self {
        Self { allowed: values.into_iter().map(Into::into).collect(), extra: Extra::new() }
    }
}

/// A resource a policy applies to (`Resource` when read, `ResourceInput` when written).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PolicyResource {
    /// The resource's id.
    pub id: PolicyResourceId,
    /// Where applying the policy stands (read only).
    #[serde(rename = "applicationStatus", default, skip_serializing_if = "Option::is_none")]
    pub application_status: Option<ApplicationStatus>,
    /// Scheduling and migration details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PolicyResourceMeta>,
    /// `{ticket}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<PolicyResourceLinks>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PolicyResource);

impl PolicyResource {
    /// A resource to add, by id.
    pub fn new(id: PolicyResourceId) -> Self {
        Self { id, application_status: None, meta: None, links: None, extra: Extra::new() }
    }
}

/// `meta` of a policy resource. The dates are kept as sent: the spec types them as plain
/// strings without a format.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PolicyResourceMeta {
    /// When the change is scheduled.
    #[serde(rename = "scheduledDate", default, skip_serializing_if = "Option::is_none")]
    pub scheduled_date: Option<String>,
    /// When a data residency migration starts.
    #[serde(rename = "migrationStartDateTime", default, skip_serializing_if = "Option::is_none")]
    pub migration_start: Option<String>,
    /// When it ends (the spec's spelling, `migrationEndDataTime`).
    #[serde(rename = "migrationEndDataTime", default, skip_serializing_if = "Option::is_none")]
    pub migration_end: Option<String>,
    /// The account that asked for it.
    #[serde(rename = "atlassianAccountId", default, skip_serializing_if = "Option::is_none")]
    pub atlassian_account_id: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PolicyResourceMeta);

/// `links` of a policy resource.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PolicyResourceLinks {
    /// A support ticket.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ticket: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PolicyResourceLinks);

/// The body of `POST …/policies` (`PolicyCreateModel`) and `PUT …/policies/{policyId}`
/// (`PolicyUpdateModel`), sent inside `{"data": …}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyInput {
    /// The policy's id (update only; filled in by the client from the path).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<PolicyId>,
    /// Always `policy`.
    #[serde(rename = "type")]
    pub kind: String,
    /// What to create or the new state.
    pub attributes: PolicyAttributes,
}

impl PolicyInput {
    /// A policy to create.
    pub fn new(attributes: PolicyAttributes) -> Self {
        Self { id: None, kind: policy_kind(), attributes }
    }
}

impl From<Policy> for PolicyInput {
    /// A policy as read, to send back modified: keeps its id, attributes and unknown attribute
    /// members.
    fn from(policy: Policy) -> Self {
        Self { id: Some(policy.id), kind: policy.kind, attributes: policy.attributes }
    }
}

/// The body of `PUT …/policies/{policyId}/resources/{resourceId}` (`ResourceUpdateInput`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct PolicyResourceUpdate {
    /// New scheduling details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PolicyResourceMeta>,
    /// New links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<PolicyResourceLinks>,
}
