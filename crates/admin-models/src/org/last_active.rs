//! Last-active dates: `GET /v1/orgs/{orgId}/directory/users/{accountId}/last-active-dates`.

use serde::{Deserialize, Serialize};
use time::Date;

use super::{PageLinks, ProductKey};
use crate::Extra;

/// One page of a user's last-active dates (`UserProductAccessActivityPage`). The next page's
/// cursor is `links.next` (a bare cursor).
///
/// `data` is required and must be an object: a body without it (or `"data": null`) is a
/// decoding error naming `data`. Read leniently, it would decode as "no product access", i.e.
/// "never active" — a malformed 200 would mark the user dormant. (Inside it,
/// `product_access` stays lenient: a user who used no product legitimately has none.)
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct LastActivePage {
    /// The dates; required.
    pub data: UserProductAccess,
    /// `{"next": cursor}`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<PageLinks>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(LastActivePage);

/// A user's last-active date per product, and when they were added to the org
/// (`UserProductAccessModel`). Up to 24 hours late.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct UserProductAccess {
    /// One entry per product the user accessed (empty when none).
    #[serde(default, deserialize_with = "super::page::null_as_empty")]
    pub product_access: Vec<ProductLastActive>,
    /// When the user was added to the org (new user management experience only).
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::date")]
    pub added_to_org: Option<Date>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(UserProductAccess);

/// When a user was last active in one product instance (`UserProductLastActive`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct ProductLastActive {
    /// The product instance id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The product key. The spec's enum is closed; this one is open.
    pub key: ProductKey,
    /// The date of the last activity.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::timestamp::date")]
    pub last_active: Option<Date>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(ProductLastActive);
