//! Async only: `Stream`s over Organizations listings, one page at a time (the blocking facade
//! has iterators instead).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use admin_models::org::{
    DirectoryGroup, DirectoryUser, GroupRoleAssignment, OrgDirectory, UserRoleAssignment,
};
use futures_core::{FusedStream, Stream};

use super::{
    GroupRoleAssignments, ListDirectories, ListGroups, ListUsers, Paged, SearchGroups, SearchUsers,
    UserRoleAssignments,
};
use crate::common::error::Error;
use crate::plan::org::{CursorPage, CursorWalker};

type PageFuture<T> = Pin<Box<dyn Future<Output = (Box<CursorWalker>, Result<Option<Vec<T>>, Error>)> + Send>>;
type FetchPage<T> = Box<dyn Fn(Box<CursorWalker>) -> PageFuture<T> + Send + Sync>;

/// A `Send` stream over the items of an Organizations listing, page by page, whatever the page
/// shape: it holds one page and owns a handle on the client, so it can be returned, stored and
/// spawned.
///
/// Each item is a `Result`: after an error (a failed request, or [`Error::Paging`]) the stream
/// ends. Use it with `futures::StreamExt`, or without it through
/// [`next_item`](Self::next_item). Made by `stream()` on [`Paged`] and on every listing builder.
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
#[must_use = "a stream does nothing unless polled"]
pub struct OrgStream<T> {
    fetch: FetchPage<T>,
    state: State<T>,
    page: std::vec::IntoIter<T>,
}

enum State<T> {
    Ready(Box<CursorWalker>),
    Fetching(PageFuture<T>),
    Done,
}

// Nothing is pinned structurally: the page future is boxed, items are only moved out.
impl<T> Unpin for OrgStream<T> {}

impl<T> OrgStream<T> {
    /// The next item, `None` at the end: `StreamExt::next` without the import.
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T> Stream for OrgStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.page.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Ready(walker) if walker.is_done() && !walker.has_failure() => {
                    return Poll::Ready(None);
                }
                State::Ready(walker) => this.state = State::Fetching((this.fetch)(walker)),
                State::Fetching(mut future) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future);
                        return Poll::Pending;
                    }
                    Poll::Ready((walker, Ok(Some(page)))) => {
                        this.page = page.into_iter();
                        this.state = State::Ready(walker);
                    }
                    Poll::Ready((_, Ok(None))) => return Poll::Ready(None),
                    Poll::Ready((_, Err(error))) => return Poll::Ready(Some(Err(error))),
                },
            }
        }
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.page.len(), None)
    }
}

impl<T> FusedStream for OrgStream<T> {
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done) && self.page.len() == 0
    }
}

impl<T> fmt::Debug for OrgStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready(walker) => format!("ready ({} pages fetched)", walker.pages_fetched()),
            State::Fetching(_) => "fetching".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct("OrgStream")
            .field("state", &state)
            .field("buffered", &self.page.len())
            .finish_non_exhaustive()
    }
}

impl<P: CursorPage> Paged<P> {
    /// Streams every item, one request per page. Async facade only.
    pub fn stream(self) -> OrgStream<P::Item> {
        let walker = self.walker();
        OrgStream {
            fetch: Box::new(move |mut walker| {
                let paged = self.clone();
                Box::pin(async move {
                    let result = paged.fetch_page(&mut walker).await;
                    (walker, result)
                })
            }),
            state: State::Ready(Box::new(walker)),
            page: Vec::new().into_iter(),
        }
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

stream_via_pages! {
    SearchUsers => DirectoryUser,
    ListUsers => DirectoryUser,
    UserRoleAssignments => UserRoleAssignment,
    SearchGroups => DirectoryGroup,
    ListGroups => DirectoryGroup,
    GroupRoleAssignments => GroupRoleAssignment,
    ListDirectories => OrgDirectory,
}
