//! What a SCIM PATCH answered.

/// The answer to a SCIM PATCH. RFC 7644 §3.5.2 lets a server either return the resource as
/// stored after the change (200; Atlassian does) or return nothing (204 No Content; other SCIM
/// servers do). **Either way the change was applied**; only `Resource` carries the result.
///
/// ```
/// use admin_api::plan::scim::Patched;
///
/// let answer: Patched<String> = Patched::NoContent;
/// assert!(answer.is_no_content());
/// assert_eq!(answer.into_resource(), None); // GET the resource to see it
/// assert_eq!(Patched::Resource(7).into_resource(), Some(7));
/// ```
#[derive(Debug, Clone, PartialEq)]
pub enum Patched<T> {
    /// 200 OK with the resource as stored after the change.
    Resource(T),
    /// 204 No Content (or an empty 2xx body): applied, but the server sent no resource back.
    NoContent,
}

impl<T> Patched<T> {
    /// The resource, when the server returned it.
    pub fn into_resource(self) -> Option<T> {
        match self {
            Patched::Resource(resource) => Some(resource),
            Patched::NoContent => None,
        }
    }

    /// A reference to the resource, when the server returned it.
    pub fn resource(&self) -> Option<&T> {
        match self {
            Patched::Resource(resource) => Some(resource),
            Patched::NoContent => None,
        }
    }

    /// Whether the server answered without a resource.
    pub fn is_no_content(&self) -> bool {
        matches!(self, Patched::NoContent)
    }
}
