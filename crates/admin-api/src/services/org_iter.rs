//! Blocking only: lazy iterators over Organizations listings, one page at a time (the async
//! facade has streams instead).

use std::fmt;
use std::iter::FusedIterator;

use admin_models::org::{
    DirectoryGroup, DirectoryUser, GroupRoleAssignment, OrgDirectory, UserRoleAssignment,
};

use super::{
    GroupRoleAssignments, ListDirectories, ListGroups, ListUsers, Paged, SearchGroups, SearchUsers,
    UserRoleAssignments,
};
use crate::common::error::Error;
use crate::plan::org::{CursorPage, CursorWalker};

type FetchPage<T> = Box<dyn FnMut(&mut CursorWalker) -> Result<Option<Vec<T>>, Error> + Send>;

/// A lazy iterator over the items of an Organizations listing, page by page, whatever the
/// page shape: it holds one page and owns a handle on the client (no borrow), so it can be
/// returned and moved to another thread.
///
/// Each item is a `Result`: after an error (a failed request, or [`Error::Paging`] when the
/// server breaks pagination) the iterator ends. Made by `iter()` on [`Paged`] and on every
/// listing builder.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
/// # let org = admin_api::blocking::OrgService::from_env()?;
/// for user in org.users().search().page_size(100).iter() {
///     let user = user?;
///     println!("{:?} {:?}", user.account_id, user.email);
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[must_use = "an iterator does nothing unless consumed"]
pub struct OrgIter<T> {
    walker: CursorWalker,
    fetch: FetchPage<T>,
    page: std::vec::IntoIter<T>,
    done: bool,
}

impl<T> OrgIter<T> {
    /// The walk: pages fetched, items handed out, the cursor to resume from.
    pub fn walker(&self) -> &CursorWalker {
        &self.walker
    }
}

impl<T> Iterator for OrgIter<T> {
    type Item = Result<T, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(item) = self.page.next() {
                return Some(Ok(item));
            }
            if self.done {
                return None;
            }
            match (self.fetch)(&mut self.walker) {
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

impl<T> FusedIterator for OrgIter<T> {}

impl<T> fmt::Debug for OrgIter<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OrgIter")
            .field("walker", &self.walker)
            .field("buffered", &self.page.len())
            .field("done", &self.done)
            .finish_non_exhaustive()
    }
}

impl<P: CursorPage> Paged<P> {
    /// Walks every item lazily, one request per page. Blocking facade only.
    pub fn iter(self) -> OrgIter<P::Item> {
        let walker = self.walker();
        OrgIter {
            walker,
            fetch: Box::new(move |walker| self.fetch_page(walker)),
            page: Vec::new().into_iter(),
            done: false,
        }
    }
}

macro_rules! iter_via_pages {
    ($($builder:ty => $item:ty,)*) => {$(
        impl $builder {
            /// Walks every item lazily, one request per page (`self.pages().iter()`). Blocking
            /// facade only.
            pub fn iter(self) -> OrgIter<$item> {
                self.pages().iter()
            }
        }
    )*};
}

iter_via_pages! {
    SearchUsers => DirectoryUser,
    ListUsers => DirectoryUser,
    UserRoleAssignments => UserRoleAssignment,
    SearchGroups => DirectoryGroup,
    ListGroups => DirectoryGroup,
    GroupRoleAssignments => GroupRoleAssignment,
    ListDirectories => OrgDirectory,
}
