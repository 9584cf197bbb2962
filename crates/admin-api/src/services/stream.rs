//! Async only: `Stream`s over every user or group a list request matches, fetching one page at a
//! time (the blocking facade has iterators instead).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use admin_models::scim::{ScimGroup, ScimUser};
use futures_core::{FusedStream, Stream};

use super::{ListGroupsRequest, ListUsersRequest, ScimGroups, ScimUsers};
use crate::common::error::Error;
use crate::common::page_walk::PageWalk;
#[cfg(doc)]
use crate::plan::org::CursorWalker;
use crate::plan::scim::Pager;

type PageFuture<W, T> = Pin<Box<dyn Future<Output = (Box<W>, Result<Option<Vec<T>>, Error>)> + Send>>;
type FetchPage<W, T> = Box<dyn Fn(Box<W>) -> PageFuture<W, T> + Send + Sync>;

/// A `Send` stream over the items of a paged listing, page by page, driven by a walk `W`
/// ([`Pager`] for SCIM: [`ScimStream`]; [`CursorWalker`] for the Organizations API:
/// [`OrgStream`](super::OrgStream)). It holds at most one page in memory and owns a handle on
/// the service (no borrow), so it can be returned, stored and spawned.
///
/// Each item is a `Result`: after an error the stream ends. Use it with `futures::StreamExt`,
/// or without it through [`next_item`](Self::next_item).
#[must_use = "a stream does nothing unless polled"]
pub struct PageStream<W, T> {
    fetch: FetchPage<W, T>,
    state: State<W, T>,
    page: std::vec::IntoIter<T>,
}

/// A `Send` stream over the resources of a SCIM list request, page by page: it holds at most
/// one page in memory and owns a handle on the service (no borrow), so it can be returned,
/// stored and spawned.
///
/// Each item is a `Result`: after an error (a failed request, or a server that breaks paging —
/// see [`Pager`]) the stream ends. Use it with `futures::StreamExt` / `TryStreamExt`, or
/// without them through [`next_item`](PageStream::next_item). Made by `stream()` on
/// [`ListUsersRequest`], [`ListGroupsRequest`], [`ScimUsers`] and [`ScimGroups`].
///
/// ```no_run
/// # #[cfg(feature = "reqwest")]
/// # async fn run() -> Result<(), admin_api::Error> {
/// # let scim = admin_api::nonblocking::ScimService::from_env()?;
/// let mut users = scim.users().list().count(100).stream();
/// while let Some(user) = users.next_item().await {
///     let user = user?;
///     println!("{:?} {}", user.id, user.user_name);
/// }
/// # Ok(()) }
/// ```
pub type ScimStream<T> = PageStream<Pager, T>;

enum State<W, T> {
    // Boxed: a walk (query, page-fingerprint memory) is much larger than the other states.
    Ready(Box<W>),
    Fetching(PageFuture<W, T>),
    Done,
}

// Nothing is pinned structurally: the page future is boxed, items are only moved out.
impl<W, T> Unpin for PageStream<W, T> {}

impl<W: Send + 'static, T: Send + 'static> PageStream<W, T> {
    pub(crate) fn new<F, Fut>(walk: W, fetch: F) -> Self
    where
        F: Fn(Box<W>) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = (Box<W>, Result<Option<Vec<T>>, Error>)> + Send + 'static,
    {
        Self {
            fetch: Box::new(move |walk| Box::pin(fetch(walk))),
            state: State::Ready(Box::new(walk)),
            page: Vec::new().into_iter(),
        }
    }
}

impl<W: PageWalk, T> PageStream<W, T> {
    /// The next item, `None` at the end: `StreamExt::next` without the import.
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<W: PageWalk, T> Stream for PageStream<W, T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.page.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Ready(walk) if walk.finished() => return Poll::Ready(None),
                State::Ready(walk) => this.state = State::Fetching((this.fetch)(walk)),
                State::Fetching(mut future) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future);
                        return Poll::Pending;
                    }
                    Poll::Ready((walk, Ok(Some(page)))) => {
                        this.page = page.into_iter();
                        this.state = State::Ready(walk);
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

impl<W: PageWalk, T> FusedStream for PageStream<W, T> {
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done) && self.page.len() == 0
    }
}

impl<W: PageWalk, T> fmt::Debug for PageStream<W, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready(walk) => format!("ready ({} pages fetched)", walk.pages_fetched()),
            State::Fetching(_) => "fetching".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct(W::STREAM)
            .field("state", &state)
            .field("buffered", &self.page.len())
            .finish_non_exhaustive()
    }
}

impl ListUsersRequest<'_> {
    /// Streams every matching user, one `GET /Users` page at a time (page size =
    /// [`count`](Self::count), up to [`limit`](Self::limit) users / [`max_pages`](Self::max_pages)
    /// pages). Async facade only.
    pub fn stream(self) -> ScimStream<ScimUser> {
        let users = self.users.clone();
        PageStream::new(self.pager(), move |mut pager| {
            let users = users.clone();
            async move {
                let result = users.fetch_page(&mut pager).await;
                (pager, result)
            }
        })
    }
}

impl ListGroupsRequest<'_> {
    /// Streams every matching group, one `GET /Groups` page at a time. Async facade only.
    pub fn stream(self) -> ScimStream<ScimGroup> {
        let groups = self.groups.clone();
        PageStream::new(self.pager(), move |mut pager| {
            let groups = groups.clone();
            async move {
                let result = groups.fetch_page(&mut pager).await;
                (pager, result)
            }
        })
    }
}

impl ScimUsers {
    /// Streams every user of the directory: `self.list().stream()`. Async facade only.
    pub fn stream(&self) -> ScimStream<ScimUser> {
        self.list().stream()
    }
}

impl ScimGroups {
    /// Streams every group of the directory: `self.list().stream()`. Async facade only.
    pub fn stream(&self) -> ScimStream<ScimGroup> {
        self.list().stream()
    }
}
