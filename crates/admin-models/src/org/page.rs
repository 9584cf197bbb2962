//! Pages of the Organizations API: `{data: [...], links: {self, prev, next}, meta: {…}}`.
//!
//! The next page is announced in one of four ways (see `docs/ARCHITECTURE.md`, "The cursor
//! walker"): `links.next` as a full URL carrying a `cursor` query parameter, `links.next` as a
//! bare cursor, `meta.next` as a bare cursor, or either. These types keep what was sent; the
//! client's walker decides what the next cursor is.

use serde::{Deserialize, Serialize};

use crate::Extra;

/// A page of `T`.
///
/// `data` is **required and must be an array**: a body without it, or with `"data": null`, is a
/// decoding error naming `data`, never an empty page. Every page this type decodes documents
/// `data` as the page's items ("0 or more values … are returned"): the 2024 spec's `OrgPage`,
/// `UserPage`, `DomainPage`, `EventPage`, `PolicyPage`, `EventActions` and `PageDataResponseV2`
/// (workspaces), and the v2 users, groups, directories and role-assignments pages (the searches'
/// pages list it as `required`); none documents a page without it, and an empty result is
/// `"data": []`. Read leniently, a malformed 200 would look like "no users" — an empty
/// dormant-accounts report, a walk that ends early — so it is refused instead.
///
/// ```
/// use admin_models::org::{OrgDirectory, Page};
/// let page: Page<OrgDirectory> = serde_json::from_str(
///     r#"{"data":[{"directoryId":"d-1","name":"Main"}],"links":{"next":"b64cursor"}}"#,
/// ).unwrap();
/// assert_eq!(page.data.len(), 1);
/// assert_eq!(page.links_next(), Some("b64cursor"));
///
/// let missing = serde_json::from_str::<Page<OrgDirectory>>(r#"{"links":{}}"#).unwrap_err();
/// assert!(missing.to_string().contains("data"));
/// assert!(serde_json::from_str::<Page<OrgDirectory>>(r#"{"data":null,"links":{}}"#).is_err());
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", bound(deserialize = "T: Deserialize<'de>", serialize = "T: Serialize"))]
#[non_exhaustive]
pub struct Page<T> {
    /// The items; required (absent or `null` is an error: see the type's docs).
    pub data: Vec<T>,
    /// Navigation links.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub links: Option<PageLinks>,
    /// Page metadata (`total`, `next`, `page_size`, …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meta: Option<PageMeta>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Page<T>);

impl<T> Page<T> {
    /// A page holding `data` and nothing else.
    pub fn new(data: Vec<T>) -> Self {
        Self { data, links: None, meta: None, extra: Extra::new() }
    }

    /// `links.next` as sent (a URL or a bare cursor), when present and not empty.
    pub fn links_next(&self) -> Option<&str> {
        self.links.as_ref()?.next.as_deref().filter(|s| !s.is_empty())
    }

    /// `meta.next` as sent, when present and not empty.
    pub fn meta_next(&self) -> Option<&str> {
        self.meta.as_ref()?.next.as_deref().filter(|s| !s.is_empty())
    }
}

impl<'a, T> IntoIterator for &'a Page<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.data.iter()
    }
}

impl<T> IntoIterator for Page<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.data.into_iter()
    }
}

/// `links` of a page: URLs (`LinkPageModel`) or bare cursors (`LinkPageCursor`,
/// `CursorNextPageModel`), depending on the endpoint.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PageLinks {
    /// This page.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_: Option<String>,
    /// The previous page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub prev: Option<String>,
    /// The next page; absent, `null` or empty on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PageLinks);

/// `meta` of a page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct PageMeta {
    /// The next page's cursor (events, policies).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// The page size.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<u64>,
    /// How many items the whole query matches (managed accounts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(PageMeta);

/// `links` of a single resource: `{"self": …}` (a URL on v1, a cursor on v2).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct SelfLink {
    /// This resource.
    #[serde(rename = "self", default, skip_serializing_if = "Option::is_none")]
    pub self_: Option<String>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(SelfLink);

/// `{"count": n}`: the answer of the users and groups `count` endpoints.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Count {
    /// How many match.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<u64>,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Count);

/// `{"data": T}`: the envelope of single-resource answers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
#[serde(remote = "Self")]
pub struct Data<T> {
    /// The resource.
    pub data: T,
    /// Members this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

lossless!(Data<T>);

pub(crate) fn null_as_empty<'de, D, T>(deserializer: D) -> Result<Vec<T>, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Deserialize<'de>,
{
    Ok(Option::<Vec<T>>::deserialize(deserializer)?.unwrap_or_default())
}
