//! Verified domains: `GET /admin/v1/orgs/{orgId}/domains` and `…/domains/{domainId}`
//! (`DomainModel` of `admin_organization.json`).

use serde::{Deserialize, Serialize};

use super::page::SelfLink;
use crate::Extra;
use crate::ids::{Rules, not_control};

id_type!(
    /// The id of a domain of an organization (`{domainId}`).
    DomainId,
    Rules { kind: "DomainId", max_len: None, allowed: not_control }
);

string_enum! {
    /// How a domain was verified (`attributes.claim.type`).
    ClaimType {
        /// An HTML file or meta tag.
        Http = "http",
        /// A DNS TXT record.
        Dns = "dns",
    }
}

string_enum! {
    /// Where a domain's verification stands (`attributes.claim.status`).
    DomainClaimStatus {
        /// Verified.
        Verified = "verified",
        /// Deleted.
        Deleted = "deleted",
        /// Not verified.
        Unverified = "unverified",
        /// Replaced by another claim.
        Superseded = "superseded",
        /// The verification token is missing.
        MissingToken = "missing_token",
    }
}

/// A domain of an organization.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Domain {
    /// The domain's id.
    pub id: DomainId,
    /// The object type, `domains`.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// Name and claim.
    #[serde(default)]
    pub attributes: DomainAttributes,
    /// `{self}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Domain);

/// `attributes` of a [`Domain`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct DomainAttributes {
    /// The domain name, e.g. `example.com`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// How and whether it was verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub claim: Option<DomainClaim>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(DomainAttributes);

/// `attributes.claim` of a [`Domain`].
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct DomainClaim {
    /// The verification method.
    #[serde(rename = "type", default, skip_serializing_if = "Option::is_none")]
    pub claim_type: Option<ClaimType>,
    /// The verification status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<DomainClaimStatus>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(DomainClaim);

impl Domain {
    /// Whether the domain's claim is `verified`.
    pub fn is_verified(&self) -> bool {
        self.attributes.claim.as_ref().and_then(|c| c.status.as_ref()) == Some(&DomainClaimStatus::Verified)
    }
}
