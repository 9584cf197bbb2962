//! Blocking only: lazy iterators over every user or group a list request matches, fetching one
//! page at a time (the async facade has streams instead).

use std::fmt;
use std::iter::FusedIterator;

use admin_models::scim::{ScimGroup, ScimUser};

use super::{ListGroupsRequest, ListUsersRequest, ScimGroups, ScimUsers};
use crate::common::error::Error;
use crate::common::page_walk::PageWalk;
#[cfg(doc)]
use crate::plan::org::CursorWalker;
use crate::plan::scim::Pager;

type FetchPage<W, T> = Box<dyn FnMut(&mut W) -> Result<Option<Vec<T>>, Error> + Send>;

/// A lazy iterator over the items of a paged listing, page by page, driven by a walk `W`
/// ([`Pager`] for SCIM: [`ScimIter`]; [`CursorWalker`] for the Organizations API:
/// [`OrgIter`](super::OrgIter)). It holds at most one page in memory and owns a handle on the
/// service (no borrow), so it can be returned and moved to another thread.
///
/// Each item is a `Result`: after an error the iterator ends.
#[must_use = "an iterator does nothing unless consumed"]
pub struct PageIter<W, T> {
    pub(super) walk: W,
    fetch: FetchPage<W, T>,
    page: std::vec::IntoIter<T>,
    done: bool,
}

/// A lazy iterator over the resources of a SCIM list request, page by page: it holds at most
/// one page in memory and owns a handle on the service (no borrow), so it can be returned and
/// moved to another thread.
///
/// Each item is a `Result`: after an error (a failed request, or a server that breaks paging —
/// see [`Pager`]) the iterator ends. Made by `iter()` on [`ListUsersRequest`],
/// [`ListGroupsRequest`], [`ScimUsers`] and [`ScimGroups`].
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// # let scim = admin_api::blocking::ScimService::from_env()?;
/// for user in scim.users().list().count(100).iter() {
///     let user = user?;
///     println!("{:?} {}", user.id, user.user_name);
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
pub type ScimIter<T> = PageIter<Pager, T>;

impl<W, T> PageIter<W, T> {
    pub(crate) fn new(
        walk: W,
        fetch: impl FnMut(&mut W) -> Result<Option<Vec<T>>, Error> + Send + 'static,
    ) -> Self {
        Self { walk, fetch: Box::new(fetch), page: Vec::new().into_iter(), done: false }
    }
}

impl<T> PageIter<Pager, T> {
    /// The paging state: pages fetched, items handed out, the last `totalResults`.
    pub fn pager(&self) -> &Pager {
        &self.walk
    }
}

impl<W, T> Iterator for PageIter<W, T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.page.next() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match (self.fetch)(&mut self.walk) {
                Ok(Some(page)) => self.page = page.into_iter(),
                Ok(None) => self.done = true,
                Err(error) => {
                    self.done = true;
                    return Some(Err(error));
                }
            }
        }
    }
}

impl<W, T> FusedIterator for PageIter<W, T> {}

impl<W: PageWalk, T> fmt::Debug for PageIter<W, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct(W::ITER)
            .field(W::FIELD, &self.walk)
            .field("buffered", &self.page.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl ListUsersRequest<'_> {
    /// Walks every matching user lazily, one `GET /Users` page at a time (page size =
    /// [`count`](Self::count), up to [`limit`](Self::limit) users / [`max_pages`](Self::max_pages)
    /// pages). Blocking facade only.
    pub fn iter(self) -> ScimIter<ScimUser> {
        let users = self.users.clone();
        PageIter::new(self.pager(), move |pager| users.fetch_page(pager))
    }
}

impl ListGroupsRequest<'_> {
    /// Walks every matching group lazily, one `GET /Groups` page at a time. Blocking facade
    /// only.
    pub fn iter(self) -> ScimIter<ScimGroup> {
        let groups = self.groups.clone();
        PageIter::new(self.pager(), move |pager| groups.fetch_page(pager))
    }
}

impl ScimUsers {
    /// Walks every user of the directory lazily: `self.list().iter()`. Blocking facade only.
    pub fn iter(&self) -> ScimIter<ScimUser> {
        self.list().iter()
    }
}

impl ScimGroups {
    /// Walks every group of the directory lazily: `self.list().iter()`. Blocking facade only.
    pub fn iter(&self) -> ScimIter<ScimGroup> {
        self.list().iter()
    }
}
