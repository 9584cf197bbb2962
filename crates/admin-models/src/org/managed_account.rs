//! Managed accounts: `GET /v1/orgs/{orgId}/users` (snake_case, v1).

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use super::{AccountStatus, AccountType, ProductKey, SelfLink};
use crate::AccountId;
use crate::Extra;

/// A managed account of the org (the v1 `User`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ManagedAccount {
    /// The account id.
    pub account_id: AccountId,
    /// The account type.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_type: Option<AccountType>,
    /// The lifecycle status.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub account_status: Option<AccountStatus>,
    /// The display name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The avatar URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub picture: Option<String>,
    /// The email address (absent when hidden).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Whether the account is billable in Atlassian Guard Standard.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub access_billable: Option<bool>,
    /// When the account was last active in any product.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::datetime")]
    pub last_active: Option<OffsetDateTime>,
    /// The products the account uses.
    #[serde(default, skip_serializing_if = "Vec::is_empty", deserialize_with = "super::page::null_as_empty")]
    pub product_access: Vec<ManagedProductAccess>,
    /// `{"self": URL}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<SelfLink>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ManagedAccount);

/// A product a managed account uses (the v1 `Product`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ManagedProductAccess {
    /// The product key (open: new products decode as `Unknown`).
    pub key: ProductKey,
    /// The product's name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The product's URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// When the account was last active in it.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::datetime")]
    pub last_active: Option<OffsetDateTime>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ManagedProductAccess);
