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
use crate::plan::scim::Pager;

type PageFuture<T> = Pin<Box<dyn Future<Output = (Pager, Result<Option<Vec<T>>, Error>)> + Send>>;
type FetchPage<T> = Box<dyn Fn(Pager) -> PageFuture<T> + Send + Sync>;

/// A `Send` stream over the resources of a SCIM list request, page by page: it holds at most
/// one page in memory and owns a handle on the service (no borrow), so it can be returned,
/// stored and spawned.
///
/// Each item is a `Result`: after an error (a failed request, or a server that breaks paging —
/// see [`Pager`]) the stream ends. Use it with `futures::StreamExt` / `TryStreamExt`, or
/// without them through [`next_item`](Self::next_item). Made by `stream()` on
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
#[must_use = "a stream does nothing unless polled"]
pub struct ScimStream<T> {
    fetch: FetchPage<T>,
    state: State<T>,
    page: std::vec::IntoIter<T>,
}

enum State<T> {
    // Boxed: a pager (query, page-fingerprint memory) is much larger than the other states.
    Ready(Box<Pager>),
    Fetching(PageFuture<T>),
    Done,
}

// Nothing is pinned structurally: the page future is boxed, resources are only moved out.
impl<T> Unpin for ScimStream<T> {}

impl<T: Send + 'static> ScimStream<T> {
    fn new<F, Fut>(pager: Pager, fetch: F) -> Self
    where
        F: Fn(Pager) -> Fut + Send + Sync + 'static,
        Fut: Future<Output = (Pager, Result<Option<Vec<T>>, Error>)> + Send + 'static,
    {
        Self {
            fetch: Box::new(move |pager| Box::pin(fetch(pager))),
            state: State::Ready(Box::new(pager)),
            page: Vec::new().into_iter(),
        }
    }
}

impl<T> ScimStream<T> {
    /// The next resource, `None` at the end: `StreamExt::next` without the import.
    pub async fn next_item(&mut self) -> Option<Result<T, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }
}

impl<T> Stream for ScimStream<T> {
    type Item = Result<T, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        loop {
            if let Some(item) = this.page.next() {
                return Poll::Ready(Some(Ok(item)));
            }
            match std::mem::replace(&mut this.state, State::Done) {
                State::Done => return Poll::Ready(None),
                State::Ready(pager) if pager.is_done() => return Poll::Ready(None),
                State::Ready(pager) => this.state = State::Fetching((this.fetch)(*pager)),
                State::Fetching(mut future) => match future.as_mut().poll(cx) {
                    Poll::Pending => {
                        this.state = State::Fetching(future);
                        return Poll::Pending;
                    }
                    Poll::Ready((pager, Ok(Some(page)))) => {
                        this.page = page.into_iter();
                        this.state = State::Ready(Box::new(pager));
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

impl<T> FusedStream for ScimStream<T> {
    fn is_terminated(&self) -> bool {
        matches!(self.state, State::Done) && self.page.len() == 0
    }
}

impl<T> fmt::Debug for ScimStream<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Ready(pager) => format!("ready ({} pages fetched)", pager.pages_fetched()),
            State::Fetching(_) => "fetching".to_owned(),
            State::Done => "done".to_owned(),
        };
        f.debug_struct("ScimStream")
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
        ScimStream::new(self.pager(), move |mut pager| {
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
        ScimStream::new(self.pager(), move |mut pager| {
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
