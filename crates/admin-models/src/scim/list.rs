use serde::{Deserialize, Serialize};

use crate::Extra;

use super::LIST_RESPONSE_SCHEMA;

/// A page of resources (RFC 7644 §3.4.2): `totalResults`, 1-based `startIndex`,
/// `itemsPerPage`, `Resources` (capital R; `resources` is accepted too).
///
/// Missing counts are tolerated; the accessors fill in sensible values.
///
/// ```
/// use admin_models::scim::{ListResponse, ScimGroup};
/// let page: ListResponse<ScimGroup> =
///     serde_json::from_str(r#"{"totalResults": 3, "Resources": [{"displayName": "a"}]}"#).unwrap();
/// assert_eq!(page.start_index(), 1);
/// assert_eq!(page.items_per_page(), 1);
/// assert_eq!(page.next_start_index(), Some(2));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(remote = "Self", rename_all = "camelCase")]
pub struct ListResponse<T> {
    /// Schema URNs (`urn:ietf:params:scim:api:messages:2.0:ListResponse`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub schemas: Vec<String>,
    /// How many resources match in total (may exceed this page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total_results: Option<u64>,
    /// The 1-based index of this page's first resource.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start_index: Option<u64>,
    /// How many resources this page holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items_per_page: Option<u64>,
    /// The resources; empty when not sent.
    #[serde(rename = "Resources", alias = "resources", default = "Vec::new")]
    pub resources: Vec<T>,
    /// Attributes this version does not know, kept as sent.
    #[serde(flatten, skip_deserializing)]
    pub extra: Extra,
}

impl<T: Serialize> Serialize for ListResponse<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        ListResponse::serialize(self, serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for ListResponse<T> {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let mut extra = Extra::new();
        let mut page = ListResponse::deserialize(crate::extra::Capture::new(deserializer, &mut extra))?;
        page.extra = extra;
        Ok(page)
    }
}

impl<T> Default for ListResponse<T> {
    fn default() -> Self {
        Self {
            schemas: Vec::new(),
            total_results: None,
            start_index: None,
            items_per_page: None,
            resources: Vec::new(),
            extra: Extra::new(),
        }
    }
}

impl<T> ListResponse<T> {
    /// A complete, single page holding `resources`.
    pub fn new(resources: Vec<T>) -> Self {
        let len = resources.len() as u64;
        Self {
            schemas: vec![LIST_RESPONSE_SCHEMA.to_owned()],
            total_results: Some(len),
            start_index: Some(1),
            items_per_page: Some(len),
            resources,
            extra: Extra::new(),
        }
    }

    /// `totalResults` as given, else the number of resources in this page.
    pub fn total_results(&self) -> u64 {
        self.total_results.unwrap_or(self.resources.len() as u64)
    }

    /// `startIndex` as given, else 1.
    pub fn start_index(&self) -> u64 {
        self.start_index.unwrap_or(1)
    }

    /// `itemsPerPage` as given, else the number of resources in this page.
    pub fn items_per_page(&self) -> u64 {
        self.items_per_page.unwrap_or(self.resources.len() as u64)
    }

    /// The `startIndex` of the next page, or `None` when this is the last one (an empty page,
    /// or every result up to `totalResults` seen).
    pub fn next_start_index(&self) -> Option<u64> {
        if self.resources.is_empty() {
            return None;
        }
        let next = self.start_index().max(1).saturating_add(self.resources.len() as u64);
        (next <= self.total_results()).then_some(next)
    }

    /// Whether there are more pages after this one.
    pub fn has_more(&self) -> bool {
        self.next_start_index().is_some()
    }

    /// Whether the page holds no resources.
    pub fn is_empty(&self) -> bool {
        self.resources.is_empty()
    }

    /// The number of resources in this page.
    pub fn len(&self) -> usize {
        self.resources.len()
    }

    /// Iterates over the resources.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.resources.iter()
    }
}

impl<T> IntoIterator for ListResponse<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;

    fn into_iter(self) -> Self::IntoIter {
        self.resources.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a ListResponse<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;

    fn into_iter(self) -> Self::IntoIter {
        self.resources.iter()
    }
}
