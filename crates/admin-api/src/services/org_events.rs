//! The audit log of an organization: a filtered search (#46), the polling stream as a resumable
//! **tail** (#47), one event (#48) and the action catalogue (#49). Made by
//! [`OrgService::events`].

use admin_models::org::{Event, EventActionInfo, EventId, Page};

use super::{OrgService, Paged, maybe};
use crate::common::error::Error;
use crate::plan::org::{
    self as plan, EventFilter, PageShape, StreamFilter, TailCheckpoint, TailMode, TailState, TailStep,
};

impl OrgService {
    /// The org's audit log: [`OrgEvents`].
    pub fn events(&self) -> OrgEvents {
        OrgEvents { org: self.clone() }
    }
}

/// The audit log of an organization. Made by [`OrgService::events`]; cheap to clone.
///
/// **Read everything with [`tail`](Self::tail)** (`events-stream`): it is ordered, resumable
/// from a checkpoint and not subject to the search's limit. [`search`](Self::search)
/// (`GET /events`) is for narrow look-ups: Atlassian allows it **10 requests a minute per user
/// and per path**, so the client spaces its requests to that path (see
/// [`ClientBuilder::path_limit`](super::ClientBuilder::path_limit)) rather than collect 429s.
#[derive(Debug, Clone)]
pub struct OrgEvents {
    org: OrgService,
}

impl OrgEvents {
    /// Events matching `filter`, newest first (#46): `send()` one page, `all()`, `iter()` /
    /// `stream()`.
    ///
    /// `GET /admin/v1/orgs/{orgId}/events?q=&from=&to=&action=&actor=&ip=&product=&location=&limit=`
    /// · org admin API key. `from`/`to` are sent as epoch milliseconds. Pages: `meta.next`.
    /// Limited to 10 requests a minute per path: the client waits rather than exceed it.
    ///
    /// ```no_run
    /// # #[cfg(feature = "ureq")] fn main() -> Result<(), admin_api::Error> {
    /// use admin_api::models::org::EventAction;
    /// use admin_api::plan::org::EventFilter;
    /// # let org = admin_api::blocking::OrgService::from_env()?;
    /// let filter = EventFilter::new().action(EventAction::UserAddedToGroup).limit(100);
    /// for event in org.events().search(filter).max_pages(3).iter() {
    ///     let event = event?;
    ///     println!("{} {:?}", event.id, event.attributes.time);
    /// }
    /// # Ok(()) }
    /// # #[cfg(not(feature = "ureq"))] fn main() {}
    /// ```
    pub fn search(&self, filter: EventFilter) -> Paged<Page<Event>> {
        let org = self.org.org_id().clone();
        self.org.paged(PageShape::MetaNext, move |cursor| plan::list_events(&org, &filter, cursor))
    }

    /// A tail of the audit log (#47): every event matching `filter` in the order Atlassian
    /// processed them, then — in [`follow`](EventTail::follow) mode — new events as they come,
    /// polling the stream's last cursor. Resume a saved [`TailCheckpoint`] with
    /// [`EventTail::resume`].
    ///
    /// `GET /admin/v1/orgs/{orgId}/events-stream?from=&to=&limit=&sortOrder=asc`, then
    /// `?cursor=` · org admin API key.
    pub fn tail(&self, filter: StreamFilter) -> EventTail {
        EventTail {
            org: self.org.clone(),
            state: TailState::new(self.org.org_id(), filter, TailMode::Bounded),
        }
    }
}

#[maybe]
impl OrgEvents {
    /// One event (#48).
    ///
    /// `GET /admin/v1/orgs/{orgId}/events/{eventId}` · org admin API key.
    ///
    /// # Errors
    /// 404 (`ADMIN-404-…`) for an unknown event; as [`OrgService`].
    pub async fn get(&self, id: &EventId) -> Result<Event, Error> {
        let plan = plan::get_event(self.org.org_id(), id)?;
        let response = self.org.send(&plan).await?;
        plan::decode_data(&plan, &response)
    }

    /// The action catalogue (#49): every action key with its localized display name.
    ///
    /// `GET /admin/v1/orgs/{orgId}/event-actions` · org admin API key.
    ///
    /// # Errors
    /// As [`OrgService`].
    pub async fn actions(&self) -> Result<Vec<EventActionInfo>, Error> {
        let plan = plan::event_actions(self.org.org_id())?;
        let response = self.org.send(&plan).await?;
        plan::decode::<Page<EventActionInfo>>(&plan, &response).map(|page| page.data)
    }
}

/// A tail of an org's audit log (`events-stream`), made by [`OrgEvents::tail`].
///
/// * **Bounded** (the default): hands out every event up to now and ends once a page brings
///   nothing new ("until caught up").
/// * **Follow** ([`follow`](Self::follow)): once caught up, waits the interval (through the
///   backend's sleep) and polls the last cursor again, for ever.
///
/// After each event you have processed, save [`checkpoint`](Self::checkpoint) (it serializes
/// with serde); a process that starts again with [`resume`](Self::resume) continues right after
/// that event: nothing missed, nothing repeated. Events come in `processedAt` order
/// (`sortOrder=asc`, kept by the stream's cursor).
///
/// Blocking: an `Iterator` of `Result<Event, Error>`. Async: [`next_event`](Self::next_event)
/// or `into_stream()`. After an error the tail is where it was: calling it again retries the
/// same page.
///
/// ```no_run
/// # #[cfg(feature = "ureq")] fn main() -> Result<(), Box<dyn std::error::Error>> {
/// use std::time::Duration;
/// use admin_api::plan::org::{StreamFilter, TailCheckpoint};
/// # let org = admin_api::blocking::OrgService::from_env()?;
/// let saved: Option<TailCheckpoint> = std::fs::read("tail.json").ok().map(|b| serde_json::from_slice(&b)).transpose()?;
/// let mut tail = org.events().tail(StreamFilter::new()).follow(Duration::from_secs(60));
/// if let Some(checkpoint) = saved {
///     tail = tail.resume(checkpoint)?;
/// }
/// while let Some(event) = tail.next() {
///     let event = event?;
///     println!("{} {}", event.id, event.attributes.action);
///     std::fs::write("tail.json", serde_json::to_vec(&tail.checkpoint())?)?;
/// }
/// # Ok(()) }
/// # #[cfg(not(feature = "ureq"))] fn main() {}
/// ```
#[derive(Debug)]
#[must_use = "a tail does nothing until read"]
pub struct EventTail {
    org: OrgService,
    state: TailState,
}

impl EventTail {
    /// Follow mode: once caught up, poll again every `interval` for ever.
    pub fn follow(mut self, interval: std::time::Duration) -> Self {
        self.state.set_mode(TailMode::Follow { interval });
        self
    }

    /// Bounded mode (the default): stop once caught up.
    pub fn bounded(mut self) -> Self {
        self.state.set_mode(TailMode::Bounded);
        self
    }

    /// Continues from a saved checkpoint (its filter replaces this tail's).
    ///
    /// # Errors
    /// [`Error::Build`] ([`BuildError::InvalidCheckpoint`](crate::BuildError::InvalidCheckpoint))
    /// for a checkpoint of another org or format version; nothing is sent.
    pub fn resume(mut self, checkpoint: TailCheckpoint) -> Result<Self, Error> {
        self.state = TailState::resume(self.org.org_id(), checkpoint, self.state.mode())?;
        Ok(self)
    }

    /// Where the tail is, after the last event it handed out: save it to resume later.
    pub fn checkpoint(&self) -> TailCheckpoint {
        self.state.checkpoint()
    }

    /// Pages fetched so far (polls included).
    pub fn pages_fetched(&self) -> u64 {
        self.state.pages_fetched()
    }
}

#[maybe]
impl EventTail {
    /// The next event; `None` when a bounded tail has caught up (a following tail never ends).
    ///
    /// # Errors
    /// As [`OrgService`]; [`Error::Paging`] for a `links.next` without a cursor. The tail stays
    /// where it was: calling again retries the same page.
    pub async fn next_event(&mut self) -> Option<Result<Event, Error>> {
        loop {
            match self.state.step() {
                TailStep::Event(event) => return Some(Ok(*event)),
                TailStep::Done => return None,
                TailStep::Wait(interval) => {
                    self.org.client().sleep(interval).await;
                    self.state.waited();
                }
                TailStep::Fetch(cursor) => {
                    let fetched = self.fetch(cursor.as_deref()).await;
                    if let Err(error) = fetched {
                        return Some(Err(error));
                    }
                }
            }
        }
    }

    async fn fetch(&mut self, cursor: Option<&str>) -> Result<(), Error> {
        let plan = plan::events_stream(self.org.org_id(), self.state.filter(), cursor)?;
        let response = self.org.send(&plan).await?;
        let page: Page<Event> = plan::decode(&plan, &response)?;
        self.state.absorb(page).map_err(|source| Error::Paging { path_template: plan.path_template, source })
    }
}
