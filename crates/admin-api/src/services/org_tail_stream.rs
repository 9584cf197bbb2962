//! Async only: the audit log tail as a `Stream`.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use admin_models::org::Event;
use futures_core::Stream;

use super::EventTail;
use crate::common::error::Error;
use crate::plan::org::TailCheckpoint;

type Step = Pin<Box<dyn Future<Output = (EventTail, Option<Result<Event, Error>>)> + Send>>;

impl EventTail {
    /// The tail as a `Send` [`Stream`] of events (`futures::StreamExt` / `TryStreamExt` work on
    /// it). Take checkpoints between items with [`EventTailStream::checkpoint`].
    pub fn into_stream(self) -> EventTailStream {
        EventTailStream { state: State::Idle(Box::new(self)) }
    }
}

/// The audit log tail as a [`Stream`]; made by [`EventTail::into_stream`].
///
/// ```no_run
/// # #[cfg(feature = "reqwest")]
/// # async fn run() -> Result<(), admin_api::Error> {
/// use std::time::Duration;
/// use admin_api::plan::org::StreamFilter;
/// # let org = admin_api::nonblocking::OrgService::from_env()?;
/// let mut events = org.events().tail(StreamFilter::new()).follow(Duration::from_secs(60)).into_stream();
/// while let Some(event) = events.next_item().await {
///     let event = event?;
///     println!("{} {}", event.id, event.attributes.action);
///     let _save_me = events.checkpoint();
/// }
/// # Ok(()) }
/// ```
#[must_use = "a stream does nothing unless polled"]
pub struct EventTailStream {
    state: State,
}

enum State {
    Idle(Box<EventTail>),
    Busy(Step),
    /// Only while a poll moves the tail between the two.
    Moving,
}

// Nothing is pinned structurally: the step future is boxed.
impl Unpin for EventTailStream {}

impl EventTailStream {
    /// The next event (`StreamExt::next` without the import).
    pub async fn next_item(&mut self) -> Option<Result<Event, Error>> {
        std::future::poll_fn(|cx| Pin::new(&mut *self).poll_next(cx)).await
    }

    /// The checkpoint after the last event handed out. `None` while a poll is in flight (a
    /// dropped `next_item` future); between items it is always there.
    pub fn checkpoint(&self) -> Option<TailCheckpoint> {
        match &self.state {
            State::Idle(tail) => Some(tail.checkpoint()),
            _ => None,
        }
    }

    /// Back to the tail (between items).
    pub fn into_inner(self) -> Option<EventTail> {
        match self.state {
            State::Idle(tail) => Some(*tail),
            _ => None,
        }
    }
}

impl Stream for EventTailStream {
    type Item = Result<Event, Error>;

    fn poll_next(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        let this = self.get_mut();
        let mut future = match std::mem::replace(&mut this.state, State::Moving) {
            State::Idle(mut tail) => Box::pin(async move {
                let item = tail.next_event().await;
                (*tail, item)
            }) as Step,
            State::Busy(future) => future,
            State::Moving => return Poll::Ready(None),
        };
        match future.as_mut().poll(cx) {
            Poll::Pending => {
                this.state = State::Busy(future);
                Poll::Pending
            }
            Poll::Ready((tail, item)) => {
                this.state = State::Idle(Box::new(tail));
                Poll::Ready(item)
            }
        }
    }
}

impl fmt::Debug for EventTailStream {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            State::Idle(tail) => format!("idle ({} pages fetched)", tail.pages_fetched()),
            State::Busy(_) => "fetching".to_owned(),
            State::Moving => "moving".to_owned(),
        };
        f.debug_struct("EventTailStream").field("state", &state).finish()
    }
}
