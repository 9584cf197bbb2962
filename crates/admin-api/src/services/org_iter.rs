//! Blocking only: lazy iterators over Organizations listings, one page at a time (the async
//! facade has streams instead).

use super::{PageIter, Paged};
use crate::plan::org::{CursorPage, CursorWalker};

/// A lazy iterator over the items of an Organizations listing, page by page, whatever the
/// page shape: it holds one page and owns a handle on the client (no borrow), so it can be
/// returned and moved to another thread.
///
/// Each item is a `Result`: after an error (a failed request, or
/// [`Error::Paging`](crate::Error::Paging) when the server breaks pagination) the iterator
/// ends. Made by `iter()` on [`Paged`] and on every listing builder.
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
pub type OrgIter<T> = PageIter<CursorWalker, T>;

impl<T> PageIter<CursorWalker, T> {
    /// The walk: pages fetched, items handed out, the cursor to resume from.
    pub fn walker(&self) -> &CursorWalker {
        &self.walk
    }
}

impl<P: CursorPage> Paged<P> {
    /// Walks every item lazily, one request per page. Blocking facade only.
    pub fn iter(self) -> OrgIter<P::Item> {
        PageIter::new(self.walker(), move |walker| self.fetch_page(walker))
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

super::org_paged::org_listings!(iter_via_pages);
