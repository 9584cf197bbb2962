//! Async only: `Stream`s over Organizations listings, one page at a time (the blocking facade
//! has iterators instead).

use super::{PageStream, Paged};
use crate::plan::org::{CursorPage, CursorWalker};

/// A `Send` stream over the items of an Organizations listing, page by page, whatever the page
/// shape: it holds one page and owns a handle on the client, so it can be returned, stored and
/// spawned.
///
/// Each item is a `Result`: after an error (a failed request, or
/// [`Error::Paging`](crate::Error::Paging)) the stream ends. Use it with `futures::StreamExt`,
/// or without it through [`next_item`](PageStream::next_item). Made by `stream()` on [`Paged`]
/// and on every listing builder.
///
/// ```no_run
/// # #[cfg(feature = "reqwest")]
/// # async fn run() -> Result<(), admin_api::Error> {
/// # let org = admin_api::nonblocking::OrgService::from_env()?;
/// let mut users = org.users().search().page_size(100).stream();
/// while let Some(user) = users.next_item().await {
///     println!("{:?}", user?.account_id);
/// }
/// # Ok(()) }
/// ```
pub type OrgStream<T> = PageStream<CursorWalker, T>;

impl<P: CursorPage> Paged<P> {
    /// Streams every item, one request per page. Async facade only.
    pub fn stream(self) -> OrgStream<P::Item> {
        PageStream::new(self.walker(), move |mut walker| {
            let paged = self.clone();
            async move {
                let result = paged.fetch_page(&mut walker).await;
                (walker, result)
            }
        })
    }
}

macro_rules! stream_via_pages {
    ($($builder:ty => $item:ty,)*) => {$(
        impl $builder {
            /// Streams every item, one request per page (`self.pages().stream()`). Async facade
            /// only.
            pub fn stream(self) -> OrgStream<$item> {
                self.pages().stream()
            }
        }
    )*};
}

super::org_paged::org_listings!(stream_via_pages);
